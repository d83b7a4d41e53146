"""Mail the department sends each week: the SMTP settings, the messages, and the sending loop."""
