-- Store a month's snapshot, replacing the one stored (store/snapshots.py).
-- Grain: one row. Parameters: month - YYYY-MM; format_version; tests - rows in it;
-- arrow - the Arrow IPC stream (bytes).
insert into month_snapshot (month, format_version, tests, arrow)
values (:month, :format_version, :tests, :arrow)
on conflict (month) do update set
    format_version = excluded.format_version,
    tests = excluded.tests,
    arrow = excluded.arrow
