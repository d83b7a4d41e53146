"""Where the project's files are: the repository, its data and its queries."""

from __future__ import annotations

from pathlib import Path

#: The repository's root (the folder holding ``dashboard/``, ``queries/`` and ``data/``).
REPO_ROOT = Path(__file__).resolve().parents[1]
