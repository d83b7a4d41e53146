-- Drop the scratch list of identifiers to link again, at the end of a roster import.
-- Grain: DDL. Parameters: none.
drop table relink_key
