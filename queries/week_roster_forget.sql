-- Drop every stored week roster: the agencies' histograms are computed again
-- (rollups.rebuild), and their rosters with them.
-- Grain: no rows. Parameters: none.
delete from week_roster
