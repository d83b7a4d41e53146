-- How each person can be reached: the identifiers on the roster, for the reminder
-- lists. A reader from an agency gets the people who belong or belonged to it only;
-- a list of one agency's people asks for theirs only.
-- Grain: one row per identifier. Parameters: scope_agency - the reader's agency, or
-- NULL for the department (everyone); agency_code - the agency listed, or NULL for
-- every agency.
select
    i.staff_id,
    i.identifier_kind,
    i.identifier
from staff_identifier as i
where (
    cast(:scope_agency as varchar) is null
    or i.staff_id in (
        select m.staff_id
        from staff_membership as m
        where m.agency_code = cast(:scope_agency as varchar)
    )
)
and (
    cast(:agency_code as varchar) is null
    or i.staff_id in (
        select m.staff_id
        from staff_membership as m
        where m.agency_code = cast(:agency_code as varchar)
    )
)
order by i.staff_id, i.identifier_kind
