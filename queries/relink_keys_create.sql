-- A scratch list, for one roster import, of the identifiers and staff ids whose
-- tests may link to another person (or to nobody) after the import.
-- Grain: DDL; one row per value once filled. Parameters: none.
create temporary table if not exists relink_key (value varchar(120) primary key)
