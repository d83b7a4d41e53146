-- Add one import's last test day per person (in incoming_rollup_staff_last, counted
-- by rollups.ImportCounts as rollup_add_staff_last.sql counts stored rows) to the
-- rollup.
-- Grain: one row per person. Parameters: none.
insert into rollup_staff_last (staff_id, last_test)
select staff_id, last_test
from incoming_rollup_staff_last
where true
on conflict (staff_id) do update set
    last_test = case
        when excluded.last_test > rollup_staff_last.last_test then excluded.last_test
        else rollup_staff_last.last_test
    end
