-- How the links of tests to people would change after a roster import, counted
-- before the links are rewritten, per month (the snapshots of the months whose
-- placed tests change are dropped): only tests carrying a value of relink_key can
-- change (the rule is relink_measurements'), as the import links (measurement_rows._link_staff).
-- Grain: one row per month with such a test. Parameters: none.
with candidate as (
    select
        m.month,
        m.commune_code,
        m.staff_id as old_staff_id,
        coalesce(
            (select s.staff_id from staff as s where s.staff_id = m.reported_staff_id),
            (select i.staff_id from staff_identifier as i where i.identifier = m.account),
            (select i.staff_id from staff_identifier as i where i.identifier = m.phone),
            (select i.staff_id from staff_identifier as i where i.identifier = m.email)
        ) as new_staff_id
    from measurement as m
    where m.account in (select value from relink_key)
        or m.phone in (select value from relink_key)
        or m.email in (select value from relink_key)
        or m.reported_staff_id in (select value from relink_key)
)
select
    month,
    sum(case when old_staff_id is null and new_staff_id is not null then 1 else 0 end) as gained,
    sum(case when old_staff_id is not null and new_staff_id is null then 1 else 0 end) as lost,
    sum(case when old_staff_id <> new_staff_id then 1 else 0 end) as moved,
    sum(
        case
            when commune_code is not null and old_staff_id is distinct from new_staff_id then 1
            else 0
        end
    ) as placed_changed
from candidate
group by month
