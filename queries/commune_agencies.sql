-- The agencies located in a commune, with their current staff and the tests those
-- staff made in a period (wherever they made them).
-- Grain: one row per agency. Parameters: commune_code; first_day, last_day - local
-- dates; first_key, last_key - the keys of those days (dates/key_time.py).
with current_staff as (
    select agency_code, staff_id
    from staff_membership
    where valid_to is null
),

staff_tests as (
    select staff_id, count(*) as tests
    from measurement
    where measurement_id between :first_key and :last_key
        and local_date between :first_day and :last_day
        and staff_id is not null
    group by staff_id
)

select
    a.agency_code,
    a.name,
    a.agency_kind,
    count(s.staff_id) as staff,
    sum(case when t.tests is not null then 1 else 0 end) as staff_tested,
    coalesce(sum(t.tests), 0) as tests
from agency as a
left join current_staff as s on a.agency_code = s.agency_code
left join staff_tests as t on s.staff_id = t.staff_id
where a.commune_code = :commune_code
group by a.agency_code, a.name, a.agency_kind
order by count(s.staff_id) desc
