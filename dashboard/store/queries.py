"""Run the SQL statements kept in ``queries/``, one statement per file.

Statements use bound parameters (``:name``) only and run unchanged on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Connection

from dashboard.paths import REPO_ROOT

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
    columns = list(result.keys())
    # The driver's own rows: the statements are text, so SQLAlchemy has no types to
    # convert, and skipping its row objects halves the time for a month of tests.
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(dict(zip(columns, zip(*rows, strict=True), strict=True)))
    for name in [name for name, dtype in frame.dtypes.items() if pd.api.types.is_object_dtype(dtype)]:
        # PostgreSQL's sums and averages are numeric: Decimal in Python, which does
        # not mix with floats. Counts and sums are numbers on both databases.
        known = frame[name].dropna()
        if len(known) and isinstance(known.iloc[0], Decimal):
            frame[name] = pd.to_numeric(frame[name])
    return frame


def execute(conn: Connection, name: str, **params) -> int:
    """Run a statement that changes data; return the number of rows it touched."""
    return conn.execute(sql(name), params).rowcount
