-- How many placed tests of each month had each value (in tenths of Mbps or ms),
-- per operator, for one category: an access (fixed, mobile) or a technology.
-- Counts from rollup_month_value; tests without an operator are left out.
-- Grain: one row per month, operator and value. Parameters: category; metric -
-- download_mbps, upload_mbps or latency_ms.
select
    month,
    operator,
    tenths,
    sum(tests) as tests
from rollup_month_value
where
    metric = :metric
    and operator <> ''
    and (access = :category or technology = :category)
group by month, operator, tenths
order by month, operator, tenths
