-- Every membership of a person in an agency, with its dates (NULL for an open end),
-- for the agencies' weekly histograms (rollups.agency_week_rows applies the
-- Thursday rule of the roster_week view to them).
-- Grain: one row per membership. Parameters: none.
select agency_code, staff_id, valid_from, valid_to
from staff_membership
