-- Store the months' medians computed in incoming_month_median (store/month_medians.py),
-- after month_median_clear.sql dropped those they replace.
-- Grain: one row per metric, category, month and operator. Parameters: none.
insert into month_median (metric, category, month, operator, samples, median)
select metric, category, month, operator, samples, median
from incoming_month_median
