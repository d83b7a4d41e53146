-- Add one identifier or staff id to the scratch list of values to link again.
-- Grain: one row. Parameters: value - a normalised identifier or a staff id.
insert into relink_key (value) values (:value)
