-- Fill the emptied daily rollup from every stored test: tests per day, commune,
-- access, operator and technology ('' for none), with those linked to staff and
-- those positioned outside the province.
-- Grain: one row per key of rollup_day. Parameters: none.
insert into rollup_day (
    local_date, commune_code, access, operator, technology, iso_week, month,
    tests, tests_by_staff, tests_outside
)
select
    local_date,
    coalesce(commune_code, ''),
    access,
    coalesce(operator, ''),
    coalesce(technology, ''),
    iso_week,
    month,
    count(*),
    sum(case when staff_id is not null then 1 else 0 end),
    sum(case when placement = 'outside' then 1 else 0 end)
from measurement
group by
    local_date, coalesce(commune_code, ''), access, coalesce(operator, ''), coalesce(technology, ''),
    iso_week, month
