-- Link again, after a roster import, the tests carrying a value of relink_key: the
-- only ones whose link can change (the import's rule, measurement_rows._link_staff:
-- the person named on an agency's sheet, else by account, phone or e-mail).
-- Grain: one update per such test whose link changes. Parameters: none.
update measurement
set staff_id = coalesce(
    (select s.staff_id from staff as s where s.staff_id = measurement.reported_staff_id),
    (select i.staff_id from staff_identifier as i where i.identifier = measurement.account),
    (select i.staff_id from staff_identifier as i where i.identifier = measurement.phone),
    (select i.staff_id from staff_identifier as i where i.identifier = measurement.email)
)
where (account in (select value from relink_key)
        or phone in (select value from relink_key)
        or email in (select value from relink_key)
        or reported_staff_id in (select value from relink_key))
    and staff_id is distinct from coalesce(
        (select s.staff_id from staff as s where s.staff_id = measurement.reported_staff_id),
        (select i.staff_id from staff_identifier as i where i.identifier = measurement.account),
        (select i.staff_id from staff_identifier as i where i.identifier = measurement.phone),
        (select i.staff_id from staff_identifier as i where i.identifier = measurement.email)
    )
