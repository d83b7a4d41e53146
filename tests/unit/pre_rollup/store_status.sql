-- What the database holds, for `python -m dashboard status`.
-- Grain: one row. Parameters: none.
with measured as (
    select
        count(*) as measurements,
        min(local_date) as first_day,
        max(local_date) as last_day,
        sum(case when commune_code is not null then 1 else 0 end) as placed,
        sum(case when placement = 'outside' then 1 else 0 end) as outside,
        sum(case when staff_id is not null then 1 else 0 end) as linked
    from measurement
)

select
    (select count(*) from admin_unit where edition_id = '2025') as communes,
    (select count(*) from former_district) as former_districts,
    measured.*,
    (select count(*) from agency) as agencies,
    (select count(*) from staff) as staff,
    (select count(*) from import_batch) as imports
from measured
