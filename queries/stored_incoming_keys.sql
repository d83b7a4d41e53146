-- Which keys of the chunk being imported are already stored: those rows are skipped.
-- incoming_key is a temporary table the import fills with the chunk's keys.
-- Grain: one row per key already stored. Parameters: none.
select m.measurement_id
from incoming_key as k
join measurement as m
    on m.measurement_id = k.measurement_id
