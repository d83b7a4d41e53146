-- Tests in a period, from rollup_day: all of them, those linked to a person, and
-- those placed in a commune. (Who tested is counted by figures.py, on the roster.)
-- Grain: one row. Parameters: first_day, last_day - local dates, inclusive (YYYY-MM-DD).
select
    coalesce(sum(tests), 0) as tests,
    coalesce(sum(tests_by_staff), 0) as tests_by_staff,
    coalesce(sum(case when commune_code <> '' then tests else 0 end), 0) as tests_placed
from rollup_day
where local_date between :first_day and :last_day
