-- Drop the snapshots of the months from first_month to last_month, whose tests
-- changed: the next reader builds them again from the measurements.
-- Grain: one row per month. Parameters: first_month, last_month - YYYY-MM.
delete from month_snapshot
where month between :first_month and :last_month
