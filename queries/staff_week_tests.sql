-- Each person's tests in each ISO week of a range, from the per-person rollup.
-- Grain: one row per person and week with tests. Parameters: first_week, last_week -
-- ISO weeks, inclusive.
select iso_week, staff_id, tests
from rollup_staff_week
where iso_week between :first_week and :last_week
