-- Download, upload and latency of the tests placed in the province during a period,
-- fixed and mobile, for the overview's medians (taken in pandas: sorting a month of
-- values in SQL was the slowest part of the page).
-- Grain: one row per test. Parameters: first_day, last_day - local dates, inclusive
-- (YYYY-MM-DD).
select access, download_mbps, upload_mbps, latency_ms
from measurement
where
    commune_code is not null
    and access in ('fixed', 'mobile')
    and local_date between :first_day and :last_day
