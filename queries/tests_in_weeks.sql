-- Every test made in a range of ISO weeks, linked to a person or not, from the
-- daily rollup: with the rosters' tests, the tests of people on no roster.
-- Grain: one row. Parameters: first_week, last_week - ISO weeks, inclusive.
select coalesce(sum(tests), 0) as tests
from rollup_day
where iso_week between :first_week and :last_week
