-- How many placed tests of each month had each value (in tenths of Mbps or ms),
-- per operator, for one category: an access (fixed, mobile) or a technology.
-- Counts from rollup_month_value, one range of its primary key; tests without an
-- operator are left out. The trend read these before the months' medians were
-- stored (store/month_medians.py); the tests count them again with it.
-- Grain: one row per month, operator and value. Parameters: category; metric -
-- download_mbps, upload_mbps or latency_ms; first_month, last_month - YYYY-MM.
select
    month,
    operator,
    tenths,
    tests
from rollup_month_value
where
    metric = :metric
    and category = :category
    and month between :first_month and :last_month
    and operator <> ''
order by month, operator, tenths
