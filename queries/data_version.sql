-- What every figure depends on, in one short row: it changes with each import,
-- with the demo's removal, with each commune target and each setting saved, so that cached
-- figures are computed again at once, whichever process made the change.
-- Grain: one row. Parameters: none.
select
    (select count(*) from import_batch) as imports,
    (select max(import_id) from import_batch) as last_import,
    (select count(*) from commune_target) as targets,
    (select max(updated_at) from commune_target) as targets_updated,
    (select count(*) from app_setting) as settings,
    (select max(updated_at) from app_setting) as settings_updated
