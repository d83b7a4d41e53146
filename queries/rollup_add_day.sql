-- Add one import's tests to the daily rollup: tests per day, commune, access,
-- operator and technology ('' for none), with those linked to staff and those
-- positioned outside the province.
-- Grain: one row per key of rollup_day. Parameters: import_id - the import.
insert into rollup_day (
    local_date, commune_code, access, operator, technology, iso_week, month,
    tests, tests_by_staff, tests_outside
)
select
    local_date,
    coalesce(commune_code, ''),
    access,
    coalesce(operator, ''),
    coalesce(technology, ''),
    iso_week,
    month,
    count(*),
    sum(case when staff_id is not null then 1 else 0 end),
    sum(case when placement = 'outside' then 1 else 0 end)
from measurement
where import_id = :import_id
group by
    local_date, coalesce(commune_code, ''), access, coalesce(operator, ''), coalesce(technology, ''),
    iso_week, month
on conflict (local_date, commune_code, access, operator, technology) do update set
    tests = rollup_day.tests + excluded.tests,
    tests_by_staff = rollup_day.tests_by_staff + excluded.tests_by_staff,
    tests_outside = rollup_day.tests_outside + excluded.tests_outside
