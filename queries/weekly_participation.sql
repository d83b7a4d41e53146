-- Week by week: staff on the roster, how many tested, how many met the weekly
-- target, the tests they made (tests_on_roster), and all the tests made (tests;
-- tests_by_staff: linked to a person). A person is on the roster in a week when one of their
-- memberships covers its Thursday; a test counts for its person whatever their agency.
-- From the rollups: the province's weekly histogram (rollup_agency_week, agency '*')
-- and the day counts (rollup_day).
-- Grain: one row per ISO week. Parameters: first_week, last_week - ISO weeks,
-- inclusive (YYYY-Www); weekly_target - tests per person per week (at most 20).
with participation as (
    select
        iso_week,
        sum(staff) as staff_on_roster,
        sum(case when tests_made >= 1 then staff else 0 end) as staff_tested,
        sum(case when tests_made >= :weekly_target then staff else 0 end) as staff_met_target,
        sum(tests) as tests_on_roster
    from rollup_agency_week
    where agency_code = '*' and iso_week between :first_week and :last_week
    group by iso_week
),

week_tests as (
    select
        iso_week,
        sum(tests) as tests,
        sum(tests_by_staff) as tests_by_staff
    from rollup_day
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
