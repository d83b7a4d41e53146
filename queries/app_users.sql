-- Every account, with the name of the agency an agency user belongs to.
-- Grain: one row per account. No parameters.
select
    u.username,
    u.display_name,
    u.role,
    u.agency_code,
    a.name as agency_name,
    u.password_hash is not null as has_password,
    u.is_demo,
    u.created_at,
    u.updated_at
from app_user as u
left join agency as a on u.agency_code = a.agency_code
order by u.role, u.username
