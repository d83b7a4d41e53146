-- The placed tests of one month, with every column the overview, coverage and
-- quality pages read: what the month's snapshot holds (store/snapshots.py). Who
-- made a test is a person, else the account, phone, e-mail or device. Every column
-- is cast, so that a driver that infers types from the values reads the same types.
-- The month's tests are found by their keys' range (dates/key_time.py: keys rise
-- with time), the local dates then decide.
-- Grain: one row per test. Parameters: first_day, last_day - the month's first and
-- last local dates (YYYY-MM-DD); first_key, last_key - the keys of those days.
select
    cast(month as text) as month,
    cast(local_date as text) as local_date,
    cast(measured_at as text) as measured_at,
    cast(commune_code as text) as commune_code,
    cast(access as text) as access,
    cast(technology as text) as technology,
    cast(operator as text) as operator,
    cast(coalesce(
        'staff:' || staff_id,
        'account:' || account,
        'phone:' || phone,
        'email:' || email,
        'device:' || device_id
    ) as text) as tester,
    cast(download_mbps as double precision) as download_mbps,
    cast(upload_mbps as double precision) as upload_mbps,
    cast(latency_ms as double precision) as latency_ms,
    cast(latitude as double precision) as latitude,
    cast(longitude as double precision) as longitude
from measurement
where
    measurement_id between :first_key and :last_key
    and local_date between :first_day and :last_day
    and commune_code is not null
