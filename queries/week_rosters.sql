-- The stored rosters of the ISO weeks from first_week to last_week (store/week_rosters.py).
-- Grain: one row per week with a roster. Parameters: first_week, last_week - ISO weeks,
-- inclusive.
select iso_week, arrow
from week_roster
where iso_week between :first_week and :last_week
order by iso_week
