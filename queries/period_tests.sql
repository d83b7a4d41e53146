-- Tests in a period and the people who made them: counts from rollup_day, the
-- number of distinct people from the measurements (through the local_date index).
-- Grain: one row. Parameters: first_day, last_day - local dates, inclusive (YYYY-MM-DD).
select
    coalesce(sum(tests), 0) as tests,
    coalesce(sum(tests_by_staff), 0) as tests_by_staff,
    coalesce(sum(case when commune_code <> '' then tests else 0 end), 0) as tests_placed,
    (
        select count(distinct m.staff_id)
        from measurement as m
        where m.local_date between :first_day and :last_day
    ) as active_staff
from rollup_day
where local_date between :first_day and :last_day
