-- Every month with placed tests (a test placed in a commune), to compute each
-- month's medians again (store/month_medians.py).
-- Grain: one row per month. Parameters: none.
select distinct month
from measurement
where commune_code is not null
order by month
