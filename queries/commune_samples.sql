-- Tests placed in each commune, fixed and mobile apart, in a period; every commune
-- of the edition is listed, with 0 where it has no test. Counts from rollup_day.
-- Grain: one row per commune and access. Parameters: first_day, last_day - local
-- dates, inclusive (YYYY-MM-DD); edition_id - the edition of communes.
with access_kind as (
    select 'fixed' as access
    union all
    select 'mobile' as access
),

placed as (
    select commune_code, access, sum(tests) as tests
    from rollup_day
    where commune_code <> '' and local_date between :first_day and :last_day
    group by commune_code, access
)

select
    u.commune_code,
    u.name,
    u.unit_type,
    u.former_district_code,
    a.access,
    coalesce(p.tests, 0) as tests
from admin_unit as u
cross join access_kind as a
left join placed as p on u.commune_code = p.commune_code and a.access = p.access
where u.edition_id = :edition_id
order by u.commune_code, a.access
