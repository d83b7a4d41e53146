-- The monthly targets the department set for particular communes.
-- Grain: one row per commune and access (fixed, mobile); communes without a row
-- use the sample floor. No parameters.
select
    commune_code,
    access,
    monthly_target,
    updated_at,
    updated_by
from commune_target
order by commune_code, access
