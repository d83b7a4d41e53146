"""Entry point for ``python -m dashboard``."""

import sys

from dashboard.cli.main import main

sys.exit(main())
