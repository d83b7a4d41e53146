-- Fill the emptied per-person rollup from every stored test: each person's tests
-- per ISO week, with their latest test day in it.
-- Grain: one row per ISO week and person. Parameters: none.
insert into rollup_staff_week (iso_week, staff_id, tests, last_test)
select iso_week, staff_id, count(*), max(local_date)
from measurement
where staff_id is not null
group by iso_week, staff_id
