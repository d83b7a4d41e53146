"""Documents the department sends: the official report and each agency's pack."""
