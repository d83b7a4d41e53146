-- Add one import's counts of tests by value (in incoming_rollup_month_value, counted
-- by rollups.ImportCounts as rollup_add_month_value.sql counts stored rows) to the
-- monthly rollup.
-- Grain: one row per key of rollup_month_value. Parameters: none.
insert into rollup_month_value (metric, category, month, operator, tenths, tests)
select metric, category, month, operator, tenths, tests
from incoming_rollup_month_value
where true
on conflict (metric, category, month, operator, tenths) do update set
    tests = rollup_month_value.tests + excluded.tests
