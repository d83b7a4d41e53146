-- Add one import's counts (in incoming_rollup_staff_week, counted by
-- rollups.ImportCounts) to each person's tests per ISO week, keeping their latest
-- test day.
-- Grain: one row per ISO week and person. Parameters: none.
insert into rollup_staff_week (iso_week, staff_id, tests, last_test)
select iso_week, staff_id, tests, last_test
from incoming_rollup_staff_week
where true
on conflict (iso_week, staff_id) do update set
    tests = rollup_staff_week.tests + excluded.tests,
    last_test = case
        when excluded.last_test > rollup_staff_week.last_test then excluded.last_test
        else rollup_staff_week.last_test
    end
