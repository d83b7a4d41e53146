-- The first and last local day with tests, when the last import was made (UTC), and
-- whether the data is the demo campaign. The days come from the daily rollup, which
-- counts every stored test.
-- Grain: one row. Parameters: none.
select
    (select min(local_date) from rollup_day) as first_day,
    (select max(local_date) from rollup_day) as last_day,
    (select max(imported_at) from import_batch) as last_import_at,
    (select count(*) from import_batch where is_demo) as demo_imports,
    (select count(*) from import_batch where not is_demo) as real_imports
