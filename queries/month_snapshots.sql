-- The stored snapshots of the months from first_month to last_month (store/snapshots.py).
-- Grain: one row per month with a snapshot. Parameters: first_month, last_month - YYYY-MM.
select month, format_version, tests, arrow
from month_snapshot
where month between :first_month and :last_month
