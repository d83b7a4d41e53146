-- Each agency week by week: staff on its roster, how many tested, how many met the
-- weekly target, and the tests those staff made. A person counts for an agency in a
-- week when a membership there covers the week's Thursday, so a person who moves or
-- leaves mid-week is counted once, where they spent most of the week. From the
-- agencies' weekly histograms (rollup_agency_week).
-- Grain: one row per agency and ISO week with at least one person on the roster.
-- Parameters: first_week, last_week - ISO weeks, inclusive (YYYY-Www);
-- weekly_target - tests per person per week (at most 20).
select
    agency_code,
    iso_week,
    sum(staff) as staff_on_roster,
    sum(case when tests_made >= 1 then staff else 0 end) as staff_tested,
    sum(case when tests_made >= :weekly_target then staff else 0 end) as staff_met_target,
    sum(tests) as tests
from rollup_agency_week
where agency_code <> '*' and iso_week between :first_week and :last_week
group by agency_code, iso_week
order by agency_code, iso_week
