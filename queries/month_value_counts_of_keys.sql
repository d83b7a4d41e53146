-- The counts of each value, month by month, of the metrics and categories in
-- incoming_month_median_key over a range of months: what their months' medians are
-- computed from (store/month_medians.py). One range of rollup_month_value's primary
-- key per metric and category; tests without an operator are left out.
-- Grain: one row per metric, category, month, operator and value. Parameters:
-- first_month, last_month - YYYY-MM.
select
    v.metric,
    v.category,
    v.month,
    v.operator,
    v.tenths,
    v.tests
from incoming_month_median_key as k
inner join rollup_month_value as v on k.metric = v.metric and k.category = v.category
where v.month between :first_month and :last_month and v.operator <> ''
order by v.metric, v.category, v.month, v.operator, v.tenths
