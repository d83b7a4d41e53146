-- Each agency week by week: staff on its roster, how many tested, how many met the
-- weekly target, and the tests those staff made. A person counts for an agency in a
-- week when a membership there covers the week's Thursday, so a person who moves or
-- leaves mid-week is counted once, where they spent most of the week (roster_week view).
-- Grain: one row per agency and ISO week with at least one person on the roster.
-- Parameters: first_week, last_week - ISO weeks, inclusive (YYYY-Www);
-- weekly_target - tests per person per week.
with roster as (
    select iso_week, agency_code, staff_id
    from roster_week
    where iso_week between :first_week and :last_week
),

staff_tests as (
    select iso_week, staff_id, count(*) as tests
    from measurement
    where staff_id is not null and iso_week between :first_week and :last_week
    group by iso_week, staff_id
)

select
    r.agency_code,
    r.iso_week,
    count(*) as staff_on_roster,
    sum(case when t.tests >= 1 then 1 else 0 end) as staff_tested,
    sum(case when t.tests >= :weekly_target then 1 else 0 end) as staff_met_target,
    coalesce(sum(t.tests), 0) as tests
from roster as r
left join staff_tests as t on r.iso_week = t.iso_week and r.staff_id = t.staff_id
group by r.agency_code, r.iso_week
order by r.agency_code, r.iso_week
