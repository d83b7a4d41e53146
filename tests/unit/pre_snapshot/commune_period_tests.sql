-- The tests placed in a commune during a period, with who made them (a person,
-- else the account, phone, e-mail or device), for counting effective samples.
-- Grain: one row per test. Parameters: first_day, last_day - local dates, inclusive.
select
    commune_code,
    access,
    operator,
    coalesce(
        'staff:' || staff_id,
        'account:' || account,
        'phone:' || phone,
        'email:' || email,
        'device:' || device_id
    ) as tester,
    measured_at,
    local_date,
    download_mbps
from measurement
where
    commune_code is not null
    and access in ('fixed', 'mobile')
    and local_date between :first_day and :last_day
