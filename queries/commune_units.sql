-- The communes of an edition with what coverage lists show beside them: former
-- district, population, and the agencies located there with their current staff.
-- Grain: one row per commune. Parameters: edition_id - the edition of communes.
with located as (
    select
        a.commune_code,
        count(distinct a.agency_code) as agencies_located,
        count(distinct m.staff_id) as staff_located
    from agency as a
    left join staff_membership as m on a.agency_code = m.agency_code and m.valid_to is null
    group by a.commune_code
)

select
    u.commune_code,
    u.name,
    u.unit_type,
    d.name as former_district,
    u.population,
    coalesce(l.agencies_located, 0) as agencies_located,
    coalesce(l.staff_located, 0) as staff_located
from admin_unit as u
left join former_district as d on u.former_district_code = d.former_district_code
left join located as l on u.commune_code = l.commune_code
where u.edition_id = :edition_id
order by u.commune_code
