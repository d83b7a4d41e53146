-- The communes of an edition with what coverage lists show beside them: former
-- district, population, and the agencies located there with their current staff.
-- Grain: one row per commune. Parameters: edition_id - the edition of communes.
-- (A person in two agencies of a commune counts once. Their current people are
-- read per commune from the index on staff_membership (agency_code, valid_to,
-- staff_id): counting them in one join sorts every membership, twice as slow.)
with located as (
    select
        a.commune_code,
        count(distinct a.agency_code) as agencies_located,
        (
            select count(distinct m.staff_id)
            from staff_membership as m
            where
                m.valid_to is null
                and m.agency_code in (select b.agency_code from agency as b where b.commune_code = a.commune_code)
        ) as staff_located
    from agency as a
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
