-- Clear the agencies' weekly histograms of a range of weeks, before filling them again.
-- Parameters: first_week, last_week - ISO weeks, inclusive.
delete from rollup_agency_week
where iso_week between :first_week and :last_week
