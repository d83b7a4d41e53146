-- How many placed tests a month has, from the daily rollup: an import that finds
-- none there (before it adds its own) builds the month's snapshot from its own rows
-- (store/snapshots.py), without reading the month back.
-- Grain: one row. Parameters: first_day, last_day - the month's first and last local
-- dates (YYYY-MM-DD).
select coalesce(sum(tests), 0) as tests
from rollup_day
where local_date between :first_day and :last_day and commune_code <> ''
