-- Add one import's counts (in incoming_rollup_day, counted by rollups.ImportCounts
-- as the import stored its rows) to the daily rollup.
-- Grain: one row per key of rollup_day. Parameters: none.
insert into rollup_day (
    local_date, commune_code, access, operator, technology, iso_week, month,
    tests, tests_by_staff, tests_outside
)
select
    local_date, commune_code, access, operator, technology, iso_week, month,
    tests, tests_by_staff, tests_outside
from incoming_rollup_day
where true
on conflict (local_date, commune_code, access, operator, technology) do update set
    tests = rollup_day.tests + excluded.tests,
    tests_by_staff = rollup_day.tests_by_staff + excluded.tests_by_staff,
    tests_outside = rollup_day.tests_outside + excluded.tests_outside
