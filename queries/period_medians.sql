-- Median download, upload and latency of the tests placed in the province during a
-- period, fixed and mobile apart, with the number of samples behind each median.
-- The median is the middle value (the mean of the two middle ones for an even
-- count), found with window functions so that SQLite and PostgreSQL agree.
-- Grain: one row per access and metric. Parameters: first_day, last_day - local
-- dates, inclusive (YYYY-MM-DD).
with tests as (
    select access, download_mbps, upload_mbps, latency_ms
    from measurement
    where
        commune_code is not null
        and access in ('fixed', 'mobile')
        and local_date between :first_day and :last_day
),

measured as (
    select access, 'download_mbps' as metric, download_mbps as value from tests
    union all
    select access, 'upload_mbps' as metric, upload_mbps as value from tests where upload_mbps is not null
    union all
    select access, 'latency_ms' as metric, latency_ms as value from tests where latency_ms is not null
),

ranked as (
    select
        access,
        metric,
        value,
        row_number() over (partition by access, metric order by value) as position,
        count(*) over (partition by access, metric) as samples
    from measured
)

select access, metric, max(samples) as samples, avg(value) as median
from ranked
where position in ((samples + 1) / 2, (samples + 2) / 2)
group by access, metric
order by access, metric
