-- Drop the stored medians of the metrics and categories in incoming_month_median_key
-- over a range of months, before they are stored again (store/month_medians.py).
-- Grain: no rows. Parameters: first_month, last_month - YYYY-MM.
delete from month_median
where
    month between :first_month and :last_month
    and exists (
        select 1
        from incoming_month_median_key as k
        where k.metric = month_median.metric and k.category = month_median.category
    )
