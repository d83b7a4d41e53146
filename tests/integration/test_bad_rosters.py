"""The corpus of awkward rosters (tests/fixtures/bad_inputs/make_bad_rosters.py),
each applied to the same small campaign: on both databases the same rows are set
aside and the same files refused; from the command line no traceback, and the exit
code says what happened (0 imported, 2 refused, 3 waits for --yes); nothing is lost
that the file does not state."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard.ingest.measurements import FileImportError, import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.store import tables

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "fixtures" / "bad_inputs"))
import make_bad_rosters as corpus  # noqa: E402

#: File -> (exit code, rows set aside by reason, whether identifiers and links stay as they were).
EXPECTED = {
    "names_only_staff.csv": (0, {}, True),
    "agencies_names_only.csv": (0, {}, True),
    "ends_before_start.csv": (0, {"ends_before_start": 1}, True),
    "one_id_two_agencies.csv": (0, {"staff_conflict": 2}, True),
    "phone_for_two.csv": (2, {"identifier_shared": 2}, True),
    "takes_a_phone.csv": (3, {}, True),
    "all_rows_rejected.csv": (2, {"no_staff_id": 1, "no_full_name": 1, "unknown_agency": 1}, True),
    "empty_date_columns.xlsx": (0, {}, True),
    "too_long_and_nul.csv": (0, {"value_too_long": 1, "nul_byte": 1, "bad_phone": 1}, True),
    "formula_and_markdown_names.csv": (0, {}, True),
    "staff_without_agency_column.csv": (2, {}, True),
}


def test_every_corpus_file_has_an_expectation():
    """A file added to the corpus without saying what it must do fails here."""
    assert set(EXPECTED) == set(corpus.ROSTERS)


def _campaign(engine, folder: Path) -> None:
    (folder / "a.csv").write_text(corpus.BASE_AGENCIES, encoding="utf-8")
    (folder / "s.csv").write_text(corpus.BASE_STAFF, encoding="utf-8")
    (folder / "t.csv").write_text(corpus.BASE_TESTS, encoding="utf-8")
    import_roster(engine, [folder / "a.csv", folder / "s.csv"], rejects_dir=folder / "rejects")
    import_measurements(engine, folder / "t.csv", rejects_dir=folder / "rejects")


def _identities(engine) -> tuple:
    with engine.connect() as conn:
        identifiers = sorted(map(tuple, conn.execute(select(tables.staff_identifier)).all()))
        links = sorted(
            map(tuple, conn.execute(select(tables.measurement.c.measurement_id, tables.measurement.c.staff_id)).all())
        )
    return identifiers, links


@pytest.mark.parametrize("name", sorted(corpus.ROSTERS))
def test_both_databases_take_and_refuse_the_same(ready_engine, tmp_path, name):
    """Each file, imported without confirmation, gives the expected outcome and rejects."""
    code, rejected, keeps = EXPECTED[name]
    _campaign(ready_engine, tmp_path)
    before = _identities(ready_engine)
    path = corpus.write(name, tmp_path)
    if code == 2:
        with pytest.raises(FileImportError) as refused:
            import_roster(ready_engine, [path], rejects_dir=tmp_path / "r", confirmed=False)
        found = {} if refused.value.rejects is None else dict(refused.value.rejects["_reason"].value_counts())
        from dashboard.ingest.rejects import REASONS

        assert found == {REASONS[k]: v for k, v in rejected.items()}
    else:
        summary = import_roster(ready_engine, [path], rejects_dir=tmp_path / "r", confirmed=False)
        assert summary.applied == (code == 0) and summary.rejected == rejected
    if keeps:
        assert _identities(ready_engine) == before


def test_the_command_line_never_shows_a_traceback(file_database, tmp_path):
    """Every corpus file through `python -m dashboard import-roster`: the expected exit
    code, and at most a short message on stderr."""
    url = file_database(lambda engine: _campaign(engine, tmp_path))
    for name in sorted(corpus.ROSTERS):
        path = corpus.write(name, tmp_path)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "dashboard",
                "--database",
                url,
                "import-roster",
                str(path),
                "--rejects-dir",
                str(tmp_path / "r"),
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == EXPECTED[name][0], (name, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 1, (name, result.stderr)
