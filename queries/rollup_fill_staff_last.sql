-- Fill the emptied rollup of each person's last test day from every stored test.
-- Grain: one row per person. Parameters: none.
insert into rollup_staff_last (staff_id, last_test)
select staff_id, max(local_date)
from measurement
where staff_id is not null
group by staff_id
