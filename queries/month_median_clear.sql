-- Drop one month's medians, before they are computed again (store/month_medians.py).
-- Grain: none (a statement). Parameters: month - YYYY-MM.
delete from month_median
where month = :month
