-- Tests in a period and the people who made them.
-- Grain: one row. Parameters: first_day, last_day - local dates, inclusive (YYYY-MM-DD).
select
    count(*) as tests,
    sum(case when staff_id is not null then 1 else 0 end) as tests_by_staff,
    sum(case when commune_code is not null then 1 else 0 end) as tests_placed,
    count(distinct staff_id) as active_staff
from measurement
where local_date between :first_day and :last_day
