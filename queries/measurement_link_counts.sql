-- How many measurements are linked to a person, and how many carry an
-- identifier that matches nobody on the roster.
-- Grain: one row for the whole store. Parameters: none.
select
    sum(case when staff_id is not null then 1 else 0 end) as linked,
    sum(case when staff_id is null
              and (account is not null or phone is not null or email is not null
                   or reported_staff_id is not null)
             then 1 else 0 end) as unmatched
from measurement
