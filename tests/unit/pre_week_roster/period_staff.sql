-- The people on a roster in a period's ISO weeks, and what they did in those weeks:
-- the one definition of "staff on the roster", "staff who tested", "staff meeting
-- the target" and compliance (every page, export, command and report uses it).
-- A person is on a roster in a week when a membership covers its Thursday
-- (roster_week); their tests that week come from the per-person rollup.
-- Grain: one row. Parameters: first_week, last_week - ISO weeks, inclusive;
-- weekly_target - tests per person per week.
with made as (
    select r.staff_id, r.iso_week, coalesce(max(s.tests), 0) as tests
    from roster_week as r
    left join rollup_staff_week as s on r.staff_id = s.staff_id and r.iso_week = s.iso_week
    where r.iso_week between :first_week and :last_week
        -- weeks before the first export (or after the last) have no figures, not 0 %:
        -- the weeks of the agencies' histograms, as on the participation page
        and r.iso_week in (select w.iso_week from rollup_agency_week as w where w.agency_code = '*')
    group by r.staff_id, r.iso_week
),

per_person as (
    select staff_id, min(tests) as fewest, max(tests) as most
    from made
    group by staff_id
)

select
    (select count(*) from per_person) as staff_on_roster,
    (select count(*) from per_person where most >= 1) as staff_tested,
    (select count(*) from per_person where fewest >= :weekly_target) as staff_met_target,
    (select count(*) from made) as staff_weeks,
    (select count(*) from made where tests >= :weekly_target) as staff_weeks_met,
    (select coalesce(sum(tests), 0) from made) as tests_on_roster,
    (
        select coalesce(sum(d.tests), 0)
        from rollup_day as d
        where d.iso_week between :first_week and :last_week
    ) as tests_in_weeks
