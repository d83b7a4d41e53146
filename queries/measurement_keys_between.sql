-- Measurement keys already stored in a key range: the tests an import could repeat.
-- Keys rise with the time of the test, so this is one range scan of the primary key.
-- Grain: one row per stored measurement. Parameters: low, high - the import's smallest and largest key.
select measurement_id
from measurement
where measurement_id between :low and :high
