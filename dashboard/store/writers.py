"""The import writer for an engine's database (see :mod:`dashboard.store.bulk`)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from dashboard.store.bulk import WAIT_LIMIT_SECONDS, ImportWriter
from dashboard.store.bulk_postgres import PostgresWriter
from dashboard.store.bulk_sqlite import SQLiteWriter
from dashboard.store.writer_process import warm_up


def prepare(engine: Engine) -> None:
    """Get the engine's writer ready for an import about to begin: on SQLite its
    process starts now, while the import reads its file."""
    if engine.dialect.name == "sqlite":
        warm_up()


def import_writer(
    engine: Engine,
    batch: dict,
    first: list | Callable[[], list] | None = None,
    on_wait: Callable[[], None] | None = None,
    wait_limit: float = WAIT_LIMIT_SECONDS,
) -> ImportWriter:
    """The writer for the engine's database; ``first`` are statements (SQLAlchemy
    Core), or a function giving them, to run at the start of its transaction.
    ``on_wait`` and ``wait_limit``: see :class:`ImportWriter`."""
    if engine.dialect.name == "sqlite":
        return SQLiteWriter(engine, batch, first, on_wait, wait_limit)
    if engine.dialect.name == "postgresql":
        return PostgresWriter(engine, batch, first, on_wait, wait_limit)
    raise NotImplementedError(f"imports are not implemented for {engine.dialect.name}")
