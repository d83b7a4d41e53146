-- What the database holds, for `python -m dashboard status` (counts from rollup_day).
-- Grain: one row. Parameters: none.
with measured as (
    select
        coalesce(sum(tests), 0) as measurements,
        min(local_date) as first_day,
        max(local_date) as last_day,
        coalesce(sum(case when commune_code <> '' then tests else 0 end), 0) as placed,
        coalesce(sum(tests_outside), 0) as outside,
        coalesce(sum(tests_by_staff), 0) as linked
    from rollup_day
)

select
    (select count(*) from admin_unit where edition_id = '2025') as communes,
    (select count(*) from former_district) as former_districts,
    measured.*,
    (select count(*) from agency) as agencies,
    (select count(*) from staff) as staff,
    (select count(*) from import_batch) as imports
from measured
