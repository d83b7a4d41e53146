-- The months of one import's tests placed in a commune: the snapshots it changes.
-- Grain: one row per month. Parameters: import_id - the import.
select distinct month
from measurement
where import_id = :import_id and commune_code is not null
order by month
