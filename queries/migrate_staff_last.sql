-- Fill rollup_staff_last from the per-person weekly rollup (schema 13).
-- Grain: one row per person with a linked test. Parameters: none.
insert into rollup_staff_last (staff_id, last_test)
select staff_id, max(last_test)
from rollup_staff_week
group by staff_id
