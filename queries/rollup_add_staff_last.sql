-- Add one import's tests to each person's last test day.
-- Grain: one row per person. Parameters: import_id - the import.
insert into rollup_staff_last (staff_id, last_test)
select staff_id, max(local_date)
from measurement
where import_id = :import_id and staff_id is not null
group by staff_id
on conflict (staff_id) do update set
    last_test = case
        when excluded.last_test > rollup_staff_last.last_test then excluded.last_test
        else rollup_staff_last.last_test
    end
