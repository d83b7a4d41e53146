-- A user's latest sign-ins and failed attempts, newest first, to slow repeated
-- guessing: the failures since the last successful sign-in decide the wait.
-- Grain: one row per event. Parameters: username - as typed (lower case);
-- limit_rows - how many events to read.
select
    action,
    at
from audit_event
where username = :username and action in ('sign_in', 'sign_in_failed')
order by at desc, event_id desc
limit :limit_rows
