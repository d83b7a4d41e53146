"""One measurement import, run as a process of its own so that a test can kill it
with SIGKILL; it says on stdout, one line each, where it is:

* ``starting`` — the program is loaded; ``import_measurements`` is called next;
* ``waiting`` — another import holds the turn (``on_wait``);
* ``progress N`` — N rows stored so far in the import's (open) transaction;
* ``paused`` — N reached PAUSE_AT (when not 0): the process then blocks in the
  progress callback, every row written and the rollups not yet added, until its
  stdin closes (a test kills it there);
* ``done IMPORTED`` — ``import_measurements`` returned: the import committed.

Only the public entry point is used, so the import may write through threads or
child processes of its own. Run: ``python tests/support/crash_import.py URL FILE
REJECTS_DIR PAUSE_AT`` (URL: a SQLAlchemy database URL).
"""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.ingest.measurements import import_measurements
from dashboard.store import database


def main(url: str, path: str, rejects_dir: str, pause_at: str) -> None:
    engine = database.make_engine(url)
    stored = 0
    pause = int(pause_at)

    def progress(rows: int) -> None:
        nonlocal stored
        stored += rows
        print(f"progress {stored}", flush=True)
        if pause and stored >= pause:
            print("paused", flush=True)
            sys.stdin.read()  # until the test kills this process (or goes away)

    print("starting", flush=True)
    summary = import_measurements(
        engine,
        Path(path),
        rejects_dir=Path(rejects_dir),
        progress=progress,
        on_wait=lambda: print("waiting", flush=True),
    )
    print(f"done {summary.imported}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
