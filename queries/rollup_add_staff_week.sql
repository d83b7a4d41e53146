-- Add one import's tests to each person's tests per ISO week, keeping their
-- latest test day.
-- Grain: one row per ISO week and person. Parameters: import_id - the import.
insert into rollup_staff_week (iso_week, staff_id, tests, last_test)
select iso_week, staff_id, count(*), max(local_date)
from measurement
where import_id = :import_id and staff_id is not null
group by iso_week, staff_id
on conflict (iso_week, staff_id) do update set
    tests = rollup_staff_week.tests + excluded.tests,
    last_test = case
        when excluded.last_test > rollup_staff_week.last_test then excluded.last_test
        else rollup_staff_week.last_test
    end
