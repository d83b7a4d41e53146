-- Empty the scratch list of identifiers to link again (left over on a pooled connection).
-- Grain: every row. Parameters: none.
delete from relink_key
