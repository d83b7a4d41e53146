-- Store agencies' weekly histograms (in incoming_rollup_agency_week, computed by
-- rollups.agency_week_rows); their weeks are cleared beforehand.
-- Grain: one row per ISO week, agency and number of tests. Parameters: none.
insert into rollup_agency_week (iso_week, agency_code, tests_made, staff, tests)
select iso_week, agency_code, tests_made, staff, tests
from incoming_rollup_agency_week
