-- The monthly trend: each month's median of a metric per operator, for one category
-- (an access or a technology), with its samples; from month_median, kept with the
-- counts it is computed from (store/month_medians.py).
-- Grain: one row per month and operator. Parameters: category; metric.
select
    month,
    operator,
    samples,
    median
from month_median
where metric = :metric and category = :category
order by month, operator
