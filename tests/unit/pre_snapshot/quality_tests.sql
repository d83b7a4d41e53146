-- The tests of a period placed in the province, with what the quality page shows.
-- Grain: one row per test; positions stay in the core (the page gets aggregates).
-- Parameters: first_day, last_day - local dates, inclusive (YYYY-MM-DD).
select
    m.month,
    m.commune_code,
    m.access,
    m.technology,
    m.operator,
    m.download_mbps,
    m.upload_mbps,
    m.latency_ms,
    m.latitude,
    m.longitude
from measurement as m
where m.local_date between :first_day and :last_day
    and m.commune_code is not null
