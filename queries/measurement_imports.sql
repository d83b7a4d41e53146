-- The imports that stored measurements, oldest first, to rebuild the rollups.
-- Grain: one row per import. Parameters: none.
select import_id
from import_batch
where kind = 'measurements'
order by import_id
