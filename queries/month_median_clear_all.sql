-- Drop every stored month median, before all are computed again (store/month_medians.py).
-- Grain: no rows. Parameters: none.
delete from month_median
