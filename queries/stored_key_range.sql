-- The smallest and largest measurement keys stored. A key outside this range
-- cannot be stored yet, so an import looks up only the keys that fall inside it.
-- Two subqueries, so that each reads one end of the primary key's index.
-- Grain: one row (both NULL for an empty store). Parameters: none.
select
    (select min(measurement_id) from measurement) as low,
    (select max(measurement_id) from measurement) as high
