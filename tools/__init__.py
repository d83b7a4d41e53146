"""Checks the house keeps (run by .ci/run before the tests)."""
