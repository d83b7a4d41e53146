-- Tests in a period that matched nobody on the roster, by the identifier they carry
-- (the first of account, phone, e-mail), with the most frequent values first. A
-- frequent unmatched phone usually means the roster lacks it or writes it otherwise.
-- Grain: one row per identifier kind and value ('none' with a NULL value for tests
-- that carry no identifier). Parameters: first_day, last_day - local dates, inclusive;
-- first_key, last_key - the keys of those days (dates/key_time.py); scope_agency - NULL for the department; these tests belong to no agency, so a
-- reader from an agency gets no row.
select
    case
        when account is not null then 'account'
        when phone is not null then 'phone'
        when email is not null then 'email'
        else 'none'
    end as identifier_kind,
    coalesce(account, phone, email) as identifier,
    count(*) as tests,
    max(local_date) as last_test
from measurement
where measurement_id between :first_key and :last_key
    and local_date between :first_day and :last_day
    and staff_id is null
    and cast(:scope_agency as varchar) is null
group by
    case
        when account is not null then 'account'
        when phone is not null then 'phone'
        when email is not null then 'email'
        else 'none'
    end,
    coalesce(account, phone, email)
order by count(*) desc
