-- How each person can be reached: the identifiers on the roster.
-- Grain: one row per identifier. No parameters.
select
    staff_id,
    identifier_kind,
    identifier
from staff_identifier
order by staff_id, identifier_kind
