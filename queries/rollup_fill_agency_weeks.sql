-- Fill each agency's weekly histogram for a range of weeks (cleared beforehand):
-- its people on the roster (roster_week view, the Thursday rule) by the tests they
-- made that week (rollup_staff_week), 20 or more counted as 20; agency '*' counts
-- each person of the province once.
-- Grain: one row per ISO week, agency and number of tests. Parameters: first_week,
-- last_week - ISO weeks, inclusive.
with counted as (
    select r.iso_week, r.agency_code, r.staff_id, coalesce(t.tests, 0) as tests
    from roster_week as r
    left join rollup_staff_week as t on r.iso_week = t.iso_week and r.staff_id = t.staff_id
    where r.iso_week between :first_week and :last_week
),

people as (
    select iso_week, '*' as agency_code, staff_id, tests from counted
    union
    select iso_week, agency_code, staff_id, tests from counted
)

insert into rollup_agency_week (iso_week, agency_code, tests_made, staff, tests)
select
    iso_week,
    agency_code,
    case when tests > 20 then 20 else tests end,
    count(*),
    sum(tests)
from people
where true
group by iso_week, agency_code, case when tests > 20 then 20 else tests end
