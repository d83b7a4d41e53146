-- Every metric and category with counts in rollup_month_value, to compute all the
-- months' medians again (store/month_medians.py).
-- Grain: one row per metric and category. Parameters: none.
select distinct metric, category
from rollup_month_value
