-- Every agency with its kind and the commune of its seat.
-- Grain: one row per agency. Parameters: edition_id - the edition of communes.
select
    a.agency_code,
    a.name,
    a.agency_kind,
    a.commune_code,
    u.name as commune_name
from agency as a
left join admin_unit as u on a.commune_code = u.commune_code and u.edition_id = :edition_id
order by a.name
