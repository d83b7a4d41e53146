-- The people of one agency (or of all) week by week, with their tests, for the
-- agency detail and the reminder lists, from the roster_week view (the Thursday rule:
-- a person belongs in a week when a membership covers its Thursday); tests from
-- rollup_staff_week, each person's last test day from rollup_staff_last.
-- Grain: one row per agency, person and ISO week on the roster.
-- Parameters: first_week, last_week - ISO weeks, inclusive; agency_code - one agency,
-- or NULL for every agency; scope_agency - the agency the reader belongs to (they see
-- its people only, whatever agency_code asks), or NULL for the department.
with roster as (
    select iso_week, agency_code, staff_id
    from roster_week
    where iso_week between :first_week and :last_week
        and (cast(:agency_code as varchar) is null or agency_code = cast(:agency_code as varchar))
        and (cast(:scope_agency as varchar) is null or agency_code = cast(:scope_agency as varchar))
),

staff_tests as (
    select iso_week, staff_id, tests
    from rollup_staff_week
    where iso_week between :first_week and :last_week
),

last_tests as (
    select staff_id, last_test
    from rollup_staff_last
    where staff_id in (select staff_id from roster)
)

select
    r.agency_code,
    r.staff_id,
    s.full_name,
    r.iso_week,
    coalesce(t.tests, 0) as tests,
    l.last_test
from roster as r
inner join staff as s on r.staff_id = s.staff_id
left join staff_tests as t on r.iso_week = t.iso_week and r.staff_id = t.staff_id
left join last_tests as l on r.staff_id = l.staff_id
order by r.agency_code, s.full_name, r.staff_id, r.iso_week
