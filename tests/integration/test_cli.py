"""The command line, run as a user runs it: `python -m dashboard …` in a subprocess.

Every user mistake must end with exit code 2 and one line 'error: …' on stderr,
never a traceback, and must leave the database as it was.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.support.cli import FIXTURES, assert_one_line_error, dashboard


def table_counts(database: Path) -> dict[str, int]:
    """Rows in the tables an import writes to."""
    with sqlite3.connect(database) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ("measurement", "import_batch")}


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "cli.sqlite"


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory) -> Path:
    """A SQLite database with the units loaded and weekly_a.csv imported (6 tests),
    made once in-process; tests get a copy of it."""
    from dashboard.ingest.measurements import import_measurements
    from dashboard.store import database

    folder = tmp_path_factory.mktemp("template")
    path = folder / "seeded.sqlite"
    engine = database.make_engine(f"sqlite:///{path}")
    import_measurements(engine, FIXTURES / "weekly_a.csv", rejects_dir=folder / "rejects")
    engine.dispose()  # closes the last connection, which checkpoints the WAL into the file
    assert not Path(f"{path}-wal").exists()
    return path


@pytest.fixture
def seeded_db(seeded_template, tmp_path) -> Path:
    """A copy of the seeded database: 6 tests, 1 import batch."""
    path = tmp_path / "cli.sqlite"
    shutil.copy(seeded_template, path)
    assert table_counts(path) == {"measurement": 6, "import_batch": 1}
    return path


@pytest.mark.parametrize(
    "command, expected",
    [
        ((), ["init", "import-measurements", "import-roster", "status", "--database"]),
        (("init",), ["--boundaries"]),
        (("import-measurements",), ["FILE", "--map", "--rejects-dir", "download_kbps"]),
        (("import-roster",), ["FILE", "--as-of", "--rejects-dir"]),
        (("status",), ["usage:"]),
    ],
)
def test_help(command, expected):
    """`--help` of the program and of each command exits 0 and describes its options."""
    result = dashboard(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m dashboard")
    for word in expected:
        assert word in result.stdout


def test_init_then_status(db):
    """`init` loads the 38 communes; `status` reports an empty database."""
    init = dashboard("init", database=db)
    assert init.returncode == 0, init.stderr
    assert "loaded 38 communes (2025), 106 pre-2025 units, 8 former districts" in init.stdout
    status = dashboard("status", database=db)
    assert status.returncode == 0, status.stderr
    assert "measurements:  0 from - to -" in status.stdout
    assert "communes:      38 (2025 edition), 8 former districts" in status.stdout


def test_import_prints_summary(db, tmp_path):
    """An import prints what it read, stored and rejected (with reasons) and where the
    rejects file is; `status` then counts the stored tests."""
    rejects = tmp_path / "rejects"
    result = dashboard(
        "import-measurements", str(FIXTURES / "bad_values.csv"), "--rejects-dir", str(rejects), database=db
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for expected in (
        "file:             bad_values.csv",
        "read:             12",
        "imported:         3",
        "rejected:         9",
        "  - time not readable: 2",
        "  - no time of test: 1",
        "  - speed above 10,000 Mbps: 1",
        "  - coordinates out of range: 1",
        "placed:           position 3",
    ):
        assert expected in lines, (expected, result.stdout)
    rejects_line = next(line for line in lines if line.startswith("rejects file:"))
    written = Path(rejects_line.split(":", 1)[1].strip())
    assert written.parent == rejects and written.exists()
    assert table_counts(db) == {"measurement": 3, "import_batch": 1}
    status = dashboard("status", database=db)
    assert "measurements:  3 from 2026-10-05 to 2026-10-05" in status.stdout


def test_broken_file_exits_2_and_changes_nothing(seeded_db, tmp_path):
    """A file broken halfway exits with code 2 and one line naming the line; the
    tests already stored stay, and no import batch is added."""
    broken = dashboard(
        "import-measurements", str(FIXTURES / "broken_halfway.csv"), "--rejects-dir", str(tmp_path), database=seeded_db
    )
    assert_one_line_error(broken, "broken_halfway.csv", "line 10")
    assert broken.stdout == ""
    assert table_counts(seeded_db) == {"measurement": 6, "import_batch": 1}
    again = dashboard(
        "import-measurements", str(FIXTURES / "weekly_b.csv"), "--rejects-dir", str(tmp_path), database=seeded_db
    )
    assert again.returncode == 0 and "imported:         4" in again.stdout  # the database still works


@pytest.mark.parametrize(
    "mapping, fragments",
    [
        ("speed=DL", ["unknown field 'speed'", "download_kbps"]),
        ("download_mbps=No such column", ["'No such column'", "not a column of the file"]),
        ("download_mbps", ["--map takes FIELD=HEADER"]),
    ],
)
def test_bad_column_mapping(seeded_db, tmp_path, mapping, fragments):
    """A `--map` naming an unknown field, a missing header, or without '=' is refused
    with a clear one-line error, and nothing is written."""
    result = dashboard(
        "import-measurements",
        str(FIXTURES / "weekly_b.csv"),
        "--map",
        mapping,
        "--rejects-dir",
        str(tmp_path),
        database=seeded_db,
    )
    assert_one_line_error(result, *fragments)
    assert table_counts(seeded_db) == {"measurement": 6, "import_batch": 1}


@pytest.mark.parametrize("mistake", ["missing file", "directory", "bad database url", "rejects dir is a file"])
def test_user_mistakes_end_without_traceback(tmp_path, mistake):
    """Common user mistakes (a file that does not exist, a folder given as a file, a
    database URL that is not one, a rejects folder that is a file) end with exit
    code 2 and one line 'error: …', never a traceback."""
    db = tmp_path / "cli.sqlite"
    rejects = ["--rejects-dir", str(tmp_path / "rejects")]
    if mistake == "missing file":
        result = dashboard("import-measurements", str(tmp_path / "nope.csv"), *rejects, database=db)
        assert_one_line_error(result, "file not found")
    elif mistake == "directory":
        folder = tmp_path / "exports"
        folder.mkdir()
        result = dashboard("import-measurements", str(folder), *rejects, database=db)
        assert_one_line_error(result, "exports")
    elif mistake == "bad database url":
        result = dashboard("--database", "not-a-url", "status")
        assert_one_line_error(result, "not-a-url")
    else:
        not_a_folder = tmp_path / "rejects.txt"
        not_a_folder.write_text("x")
        result = dashboard(
            "import-measurements", str(FIXTURES / "bad_values.csv"), "--rejects-dir", str(not_a_folder), database=db
        )
        assert_one_line_error(result, "rejects.txt")


def test_roster_then_reported_sheet(db, tmp_path):
    """`import-roster` with an agency file and a staff file, then an agency's sheet of
    reported tests: the summary shows the tests linked to staff."""
    roster = dashboard(
        "import-roster",
        str(FIXTURES / "agencies.csv"),
        str(FIXTURES / "staff.csv"),
        "--as-of",
        "2026-09-01",
        "--rejects-dir",
        str(tmp_path),
        database=db,
    )
    assert roster.returncode == 0, roster.stderr
    assert "agencies:         read 3, added 3, changed: none; unchanged 0" in roster.stdout
    assert "staff:            read 4, added 4, moved 0, left 0, renamed 0, unchanged 0" in roster.stdout
    sheet = dashboard(
        "import-measurements", str(FIXTURES / "reported_tests_sheet.xlsx"), "--rejects-dir", str(tmp_path), database=db
    )
    assert sheet.returncode == 0, sheet.stderr
    assert "imported:         5" in sheet.stdout
    assert "linked to staff:  4; matching nobody: 1; no identifier: 0" in sheet.stdout
    assert "placed by name:   5" in sheet.stdout


def test_a_preview_writes_nothing_and_a_loss_asks_for_yes(db, tmp_path):
    """`--dry-run` prints what an import would change and writes nothing; an import
    that would replace the demo stops with exit 3 and says so until `--yes`."""
    from dashboard.ingest.measurements import import_measurements
    from dashboard.store import database

    engine = database.make_engine(f"sqlite:///{db}")
    import_measurements(engine, FIXTURES / "weekly_a.csv", rejects_dir=tmp_path, is_demo=True)
    engine.dispose()
    before = table_counts(db)
    preview = dashboard(
        "import-measurements",
        str(FIXTURES / "weekly_b.csv"),
        "--dry-run",
        "--rejects-dir",
        str(tmp_path / "r"),
        database=db,
    )
    assert preview.returncode == 0, preview.stderr
    assert (
        preview.stdout.startswith("preview: nothing was written")
        and "demo campaign:    would be removed" in preview.stdout
    )
    asked = dashboard(
        "import-measurements", str(FIXTURES / "weekly_b.csv"), "--rejects-dir", str(tmp_path / "r"), database=db
    )
    assert asked.returncode == 3 and "Traceback" not in asked.stderr
    assert "run it again with --yes" in asked.stderr and "remove the demo campaign" in asked.stderr
    assert table_counts(db) == before and not (tmp_path / "r").exists()
    done = dashboard(
        "import-measurements",
        str(FIXTURES / "weekly_b.csv"),
        "--yes",
        "--rejects-dir",
        str(tmp_path / "r"),
        database=db,
    )
    assert done.returncode == 0, done.stderr
    assert "demo campaign:    removed" in done.stdout and table_counts(db)["import_batch"] == 1
