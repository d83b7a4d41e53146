-- Link measurements to the staff who made them: through the staff id an agency
-- wrote on its sheet of reported tests, else through a normalised identifier
-- (i-Speed account, phone, e-mail) on the roster. Only rows whose link changes are
-- written: after a roster import most links stay as they were, and rewriting
-- millions of rows would take minutes.
-- Grain: one update per measurement whose link changes.
-- Parameters: import_id - only that import's rows; NULL for every row (after a roster import).
update measurement
set staff_id = coalesce(
    (select s.staff_id from staff as s where s.staff_id = measurement.reported_staff_id),
    (select i.staff_id from staff_identifier as i where i.identifier = measurement.account),
    (select i.staff_id from staff_identifier as i where i.identifier = measurement.phone),
    (select i.staff_id from staff_identifier as i where i.identifier = measurement.email)
)
where (cast(:import_id as integer) is null or import_id = cast(:import_id as integer))
    and staff_id is distinct from coalesce(
        (select s.staff_id from staff as s where s.staff_id = measurement.reported_staff_id),
        (select i.staff_id from staff_identifier as i where i.identifier = measurement.account),
        (select i.staff_id from staff_identifier as i where i.identifier = measurement.phone),
        (select i.staff_id from staff_identifier as i where i.identifier = measurement.email)
    )
