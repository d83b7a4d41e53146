-- Where each agency's weekly pack is sent: its e-mail address from the agency
-- list, where the list gave one.
-- Grain: one row per agency. Parameters: none.
select
    agency_code,
    email
from agency
order by agency_code
