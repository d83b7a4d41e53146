-- Add one import's placed tests to the counts of each value per month, category
-- and operator, to a tenth of Mbps or ms. The tiny addend rounds an exact half up
-- on both databases (SQLite and PostgreSQL break ties differently).
-- Grain: one row per key of rollup_month_value. Parameters: import_id - the import.
with placed as (
    select
        month,
        access,
        coalesce(technology, '') as technology,
        coalesce(operator, '') as operator,
        download_mbps,
        upload_mbps,
        latency_ms
    from measurement
    where import_id = :import_id and commune_code is not null
),

measured as (
    select month, access, technology, operator, 'download_mbps' as metric, download_mbps as value
    from placed
    union all
    select month, access, technology, operator, 'upload_mbps' as metric, upload_mbps as value
    from placed where upload_mbps is not null
    union all
    select month, access, technology, operator, 'latency_ms' as metric, latency_ms as value
    from placed where latency_ms is not null
)

insert into rollup_month_value (month, access, technology, operator, metric, tenths, tests)
select month, access, technology, operator, metric, cast(round(value * 10 + 0.000001) as integer), count(*)
from measured
where true
group by month, access, technology, operator, metric, cast(round(value * 10 + 0.000001) as integer)
on conflict (month, access, technology, operator, metric, tenths) do update set
    tests = rollup_month_value.tests + excluded.tests
