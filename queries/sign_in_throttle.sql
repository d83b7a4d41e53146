-- A user name's failed sign-ins, read under a lock: the row is created when
-- missing and locked until the transaction ends (the update on conflict locks it
-- on PostgreSQL; SQLite runs this in BEGIN IMMEDIATE), so that concurrent attempts
-- on one name are counted one after another. Grain: one row.
-- Parameters: name_key - the hash of the user name (accounts._throttle_key).
insert into sign_in_throttle (name_key, failures, last_failure_at)
values (:name_key, 0, null)
on conflict (name_key) do update set failures = sign_in_throttle.failures
returning failures, last_failure_at
