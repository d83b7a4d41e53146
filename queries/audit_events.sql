-- The audit log, newest first: who did what, when.
-- Grain: one row per event. Parameters: username, action - one user or one kind of
-- event, or NULL for all; limit_rows - how many events.
select
    at,
    username,
    action,
    detail
from audit_event
where (cast(:username as varchar) is null or username = cast(:username as varchar))
    and (cast(:action as varchar) is null or action = cast(:action as varchar))
order by at desc, event_id desc
limit :limit_rows
