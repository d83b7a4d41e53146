-- Tests in a period (before the rollups: counted on the measurements).
-- Grain: one row. Parameters: first_day, last_day - local dates, inclusive (YYYY-MM-DD).
select
    count(*) as tests,
    sum(case when staff_id is not null then 1 else 0 end) as tests_by_staff,
    sum(case when commune_code is not null then 1 else 0 end) as tests_placed
from measurement
where local_date between :first_day and :last_day
