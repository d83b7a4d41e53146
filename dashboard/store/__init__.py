"""The database: engine, tables, migrations, the SQL in ``queries/``, the bulk writers
that store an import, the rollups, and the turns imports take.

Where SQL lives: every read that makes a figure or a list is a file in
``queries/`` (one statement, bound parameters only, its grain stated), run through
:mod:`.queries`. Writes, and lookups of a row by its key, use SQLAlchemy Core on
the tables of :mod:`.tables`, inline where they are made. No SQL is built from
strings: where the table varies, the statement is compiled by SQLAlchemy.
"""
