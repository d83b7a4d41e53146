-- Week by week: staff on the roster, how many tested, how many met the weekly
-- target, and the tests made. A person is on the roster in a week when one of their
-- memberships covers its Thursday; a test counts for its person whatever their agency.
-- Grain: one row per ISO week. Parameters: first_week, last_week - ISO weeks,
-- inclusive (YYYY-Www); weekly_target - tests per person per week.
with staff_week as (
    select distinct iso_week, staff_id
    from roster_week
    where iso_week between :first_week and :last_week
),

staff_tests as (
    select iso_week, staff_id, count(*) as tests
    from measurement
    where staff_id is not null and iso_week between :first_week and :last_week
    group by iso_week, staff_id
),

participation as (
    select
        r.iso_week,
        count(*) as staff_on_roster,
        sum(case when t.tests >= 1 then 1 else 0 end) as staff_tested,
        sum(case when t.tests >= :weekly_target then 1 else 0 end) as staff_met_target,
        sum(coalesce(t.tests, 0)) as tests_on_roster
    from staff_week as r
    left join staff_tests as t on r.iso_week = t.iso_week and r.staff_id = t.staff_id
    group by r.iso_week
),

week_tests as (
    select
        iso_week,
        count(*) as tests,
        sum(case when staff_id is not null then 1 else 0 end) as tests_by_staff
    from measurement
    where iso_week between :first_week and :last_week
    group by iso_week
)

select
    w.iso_week,
    w.week_start,
    coalesce(p.staff_on_roster, 0) as staff_on_roster,
    coalesce(p.staff_tested, 0) as staff_tested,
    coalesce(p.staff_met_target, 0) as staff_met_target,
    coalesce(p.tests_on_roster, 0) as tests_on_roster,
    coalesce(t.tests, 0) as tests,
    coalesce(t.tests_by_staff, 0) as tests_by_staff
from calendar_week as w
left join participation as p on w.iso_week = p.iso_week
left join week_tests as t on w.iso_week = t.iso_week
where w.iso_week between :first_week and :last_week
order by w.iso_week
