-- What the agencies' histograms must cover: the first and last days and weeks with
-- tests, and which weeks they cover now.
-- Grain: one row per week already covered, with the span on every row (a single row
-- with a NULL week when none is covered). Parameters: none.
with span as (
    select min(local_date) as first_day, max(iso_week) as last_week
    from rollup_day
)

select s.first_day, s.last_week, c.iso_week
from span as s
left join (select distinct iso_week from rollup_agency_week) as c on 1 = 1
