-- The view roster_week: who is on which agency's roster in each ISO week, by the
-- Thursday rule (a membership counts for a week if it covers the week's Thursday).
-- Grain: one row per ISO week, agency and person. Every participation query reads
-- it; the agencies' weekly histograms apply the same rule in NumPy
-- (rollups.agency_week_rows), and a test checks that both give the same figures.
-- Run by store/migrations.py when the schema is created.
create view roster_week as
select distinct w.iso_week, m.agency_code, m.staff_id
from calendar_week as w
inner join staff_membership as m
    on (m.valid_from is null or m.valid_from <= w.week_thursday)
    and (m.valid_to is null or m.valid_to >= w.week_thursday)
