-- The first and last ISO week of one import's tests (both NULL when it stored none).
-- Grain: one row. Parameters: import_id - the import.
select min(iso_week) as first_week, max(iso_week) as last_week
from measurement
where import_id = :import_id
