-- One commune's tests week by week, with operator and technology, for its detail.
-- Grain: one row per ISO week, access, operator and technology.
-- Parameters: commune_code; first_day, last_day - local dates, inclusive.
select
    iso_week,
    access,
    coalesce(operator, 'unknown') as operator,
    coalesce(technology, 'unknown') as technology,
    count(*) as tests
from measurement
where commune_code = :commune_code and local_date between :first_day and :last_day
group by iso_week, access, coalesce(operator, 'unknown'), coalesce(technology, 'unknown')
order by iso_week
