-- Store an ISO week's roster, replacing the one stored (store/week_rosters.py).
-- Grain: one row. Parameters: iso_week; staff - people in it; arrow - the Arrow IPC
-- stream (bytes).
insert into week_roster (iso_week, staff, arrow)
values (:iso_week, :staff, :arrow)
on conflict (iso_week) do update set
    staff = excluded.staff,
    arrow = excluded.arrow
