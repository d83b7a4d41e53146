-- One commune's tests week by week, with operator and technology, for its detail.
-- Counts from rollup_day, where '' stands for an unknown operator or technology.
-- Grain: one row per ISO week, access, operator and technology.
-- Parameters: commune_code; first_day, last_day - local dates, inclusive.
select
    iso_week,
    access,
    case when operator = '' then 'unknown' else operator end as operator,
    case when technology = '' then 'unknown' else technology end as technology,
    sum(tests) as tests
from rollup_day
where commune_code = :commune_code and local_date between :first_day and :last_day
group by
    iso_week,
    access,
    case when operator = '' then 'unknown' else operator end,
    case when technology = '' then 'unknown' else technology end
order by iso_week
