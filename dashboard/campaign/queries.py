"""Run the SQL statements kept in ``queries/``, one statement per file.

Statements use bound parameters (``:name``) only and run unchanged on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Connection

from dashboard.campaign.store import REPO_ROOT

QUERIES_DIR = REPO_ROOT / "queries"


@cache
def sql(name: str):
    """The statement in ``queries/<name>.sql`` as a SQLAlchemy text clause."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.exists():
        raise KeyError(f"no query named {name!r} in {QUERIES_DIR}")
    return text(path.read_text(encoding="utf-8"))


def run(conn: Connection, name: str, **params) -> pd.DataFrame:
    """Run a query and return its rows as a DataFrame."""
    result = conn.execute(sql(name), params)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def execute(conn: Connection, name: str, **params) -> int:
    """Run a statement that changes data; return the number of rows it touched."""
    return conn.execute(sql(name), params).rowcount
