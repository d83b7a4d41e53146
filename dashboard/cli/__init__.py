"""The command line: ``python -m dashboard <command>`` (see :mod:`dashboard.cli.main`)."""
