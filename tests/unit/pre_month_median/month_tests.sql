-- Every placed test with an operator, with its month, category columns and values:
-- the tests a month's medians are the medians of, read straight from the
-- measurements (the tests group them with the quality page's own selection).
-- Grain: one row per test. Parameters: none.
select
    month,
    access,
    technology,
    operator,
    download_mbps,
    upload_mbps,
    latency_ms
from measurement
where commune_code is not null and operator is not null
