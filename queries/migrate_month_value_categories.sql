-- Schema step 10: the monthly counts of each value, kept before per access and
-- technology (in old_rollup_month_value, a copy of the former rollup), added up per
-- category: once under the access, once under the technology (when known).
-- Grain: one row per key of rollup_month_value. Parameters: none.
insert into rollup_month_value (metric, category, month, operator, tenths, tests)
select metric, access as category, month, operator, tenths, sum(tests)
from old_rollup_month_value
group by metric, access, month, operator, tenths
union all
select metric, technology as category, month, operator, tenths, sum(tests)
from old_rollup_month_value
where technology <> '' and technology <> access
group by metric, technology, month, operator, tenths
