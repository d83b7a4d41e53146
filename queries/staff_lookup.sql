-- The staff an import's rows point to, for the values it has not looked up yet:
-- the reported staff ids that are on the roster, and the person of each normalised
-- identifier (account, phone or e-mail; one namespace, as staff_identifier keeps it).
-- Grain: one row per value found; a value not found has no row. Parameters:
-- staff_ids, identifiers - lists of text, bound as expanding IN lists (either may be
-- empty); the caller keeps the two together under LOOKUP_BATCH values a statement.
select 'staff_id' as kind, s.staff_id as value, s.staff_id as staff_id
from staff as s
where s.staff_id in :staff_ids
union all
select 'identifier' as kind, i.identifier as value, i.staff_id as staff_id
from staff_identifier as i
where i.identifier in :identifiers
