-- The latest imports, newest first.
-- Grain: one row per import. Parameters: limit_rows - how many rows.
select
    imported_at,
    kind,
    file_name,
    rows_read,
    rows_imported
from import_batch
order by imported_at desc, import_id desc
limit :limit_rows
