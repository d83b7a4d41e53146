-- The measurement keys stored between two keys, by the primary key's range: an
-- import's chunk comes in key order, so its stored keys are found in one walk of
-- the index. At most limit_rows are returned; a chunk spread over more stored keys
-- than that is looked up key by key instead (stored_incoming_keys).
-- Grain: one row per stored key. Parameters: low, high - keys, inclusive;
-- limit_rows - the most rows to return.
select measurement_id
from measurement
where measurement_id between :low and :high
order by measurement_id
limit :limit_rows
