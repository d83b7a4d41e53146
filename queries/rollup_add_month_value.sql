-- Add one import's placed tests to the counts of each value per month, category
-- and operator, to a tenth of Mbps or ms: each test once under its access and once
-- under its technology (when known). The tiny addend rounds an exact half up on
-- both databases (SQLite and PostgreSQL break ties differently).
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

categorised as (
    select month, access as category, operator, download_mbps, upload_mbps, latency_ms
    from placed
    union all
    select month, technology as category, operator, download_mbps, upload_mbps, latency_ms
    from placed where technology <> '' and technology <> access
),

measured as (
    select month, category, operator, 'download_mbps' as metric, download_mbps as value
    from categorised
    union all
    select month, category, operator, 'upload_mbps' as metric, upload_mbps as value
    from categorised where upload_mbps is not null
    union all
    select month, category, operator, 'latency_ms' as metric, latency_ms as value
    from categorised where latency_ms is not null
)

insert into rollup_month_value (metric, category, month, operator, tenths, tests)
select metric, category, month, operator, cast(round(value * 10 + 0.000001) as integer), count(*)
from measured
where true
group by metric, category, month, operator, cast(round(value * 10 + 0.000001) as integer)
on conflict (metric, category, month, operator, tenths) do update set
    tests = rollup_month_value.tests + excluded.tests
