-- Which metrics and categories have medians stored for months of a range: an
-- import reads back the counts of those only; any other it counted whole itself
-- (store/month_medians.py).
-- Grain: one row per metric and category. Parameters: first_month, last_month - YYYY-MM.
select distinct metric, category
from month_median
where month between :first_month and :last_month
