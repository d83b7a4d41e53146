"""A CSV export with rows of separators only (``;;;;;``, what a spreadsheet leaves
below or between the rows of a table) imports as if those rows were blank lines:
they are neither read nor rejected, and the line numbers of the rows around them
stay those of the file."""

from __future__ import annotations

from pathlib import Path

from dashboard.ingest.measurements import import_measurements

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "utf8_bom_semicolon_decimal_comma.csv"


def test_rows_of_separators_are_blank_rows_not_rejected_tests(ready_engine, tmp_path):
    """The six tests of the fixture, with separator-only rows (some with spaces)
    between and after them and a bad row after those: six imported, one rejected
    (the bad row, named by its own line), nothing counted for the empty rows."""
    lines = FIXTURE.read_text(encoding="utf-8-sig").splitlines()
    width = lines[0].count(";")
    empty = ";" * width
    bad = "not a time" + ";1" * width
    body = [lines[0], lines[1], empty, lines[2], " " + empty + " ", *lines[3:], empty, bad, empty, empty]
    path = tmp_path / "with_empty_rows.csv"
    path.write_text("\r\n".join(body) + "\r\n", encoding="utf-8-sig")

    summary = import_measurements(ready_engine, path, rejects_dir=tmp_path / "rejects")

    assert (summary.rows_read, summary.imported, summary.rejected_total) == (7, 6, 1)
    rejects = next((tmp_path / "rejects").glob("*.csv")).read_text(encoding="utf-8-sig").splitlines()
    assert len(rejects) == 2 and rejects[1].split(",")[:2] == [path.name, str(body.index(bad) + 1)]
