"""The database: engine, tables, migrations, the SQL in ``queries/``, the bulk writers that store an import, the rollups, and the turns imports take."""
