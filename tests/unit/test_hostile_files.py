"""Files built to hurt the reader: bounded time and memory, one clear line, no traceback.

The files come from tests/fixtures/bad_inputs/make_bad_inputs.py (see the README
there), written into tmp_path. Reading needs no database; the imports run on
SQLite and on PostgreSQL.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest import raw, readers, values, workbooks
from dashboard.ingest.measurements import FileImportError, import_measurements, read_measurement_file

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "fixtures" / "bad_inputs"))
import make_bad_inputs as bad  # noqa: E402

NOW = pd.Timestamp("2026-11-30", tz="UTC")

# Imports the reader's modules, notes the peak memory (VmHWM), reads the file,
# and prints the peak's growth in MiB and what happened.
PEAK_SCRIPT = """
import sys
from pathlib import Path
from dashboard.ingest.measurements import FileImportError, read_measurement_file

def peak_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))

before = peak_kib()
try:
    read_measurement_file(Path(sys.argv[1]))
    outcome = "read"
except FileImportError as exc:
    outcome = str(exc)
print((peak_kib() - before) // 1024)
print(outcome)
"""


def test_far_corner_workbook_refused_at_once(tmp_path):
    """A 2 KB workbook whose used range reaches XFD1048576 is refused in well under
    a second with one line naming the sheet and its claim (it took 7.7 GB before)."""
    path = bad.write("far_corner.xlsx", tmp_path)
    assert path.stat().st_size < 4096
    started = time.perf_counter()
    with pytest.raises(FileImportError) as caught:
        read_measurement_file(path)
    assert time.perf_counter() - started < 2
    message = str(caught.value)
    assert "\n" not in message
    assert "far_corner.xlsx [Data]: sheet claims 1,048,576 rows × 16,384 columns" in message
    assert "more than 2,000,000 cells" in message and "save only the data range" in message


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is read from /proc")
def test_far_corner_workbook_costs_little_memory(tmp_path):
    """Reading the far-corner workbook in a process of its own raises that
    process's peak memory by less than 300 MiB."""
    path = bad.write("far_corner.xlsx", tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    growth, outcome = done.stdout.splitlines()[-2:]
    assert "sheet claims 1,048,576 rows" in outcome
    assert int(growth) < 300


def test_cells_counted_while_read_when_no_range_is_declared(tmp_path):
    """A sheet that declares no used range, with rows padded out to column XFD,
    is refused once the cells read pass the limit, naming the row it got to."""
    path = bad.write("wide_rows_no_dimension.xlsx", tmp_path)
    started = time.perf_counter()
    with pytest.raises(FileImportError, match=r"sheet claims 1\d\d rows × 16,384 columns"):
        read_measurement_file(path)
    assert time.perf_counter() - started < 10


def test_cells_counted_while_read_when_the_declared_range_is_small(tmp_path, monkeypatch):
    """A declared range that understates the sheet (A1:B2 over 4 rows × 10 columns)
    does not let its cells past the limit: they are counted as they are read."""
    monkeypatch.setattr(workbooks, "MAX_SHEET_CELLS", 30)
    path = bad.write("lying_dimension.xlsx", tmp_path)
    with pytest.raises(FileImportError, match=r"sheet claims 4 rows × 10 columns \(more than 30 cells\)"):
        read_measurement_file(path)


def test_workbook_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    """A sheet whose declared unpacked size passes the limit (a zip bomb) is refused
    before anything is unpacked."""
    monkeypatch.setattr(workbooks, "MAX_SHEET_PART_BYTES", 1000)
    path = tmp_path / "packed.xlsx"
    path.write_bytes(bad.workbook_bytes(bad._table(20), "A1:J21"))
    with pytest.raises(FileImportError, match="unpacks to far more than 2,000,000 cells need"):
        read_measurement_file(path)


@pytest.mark.parametrize("name", ["trailing_empty_columns.xlsx", "lying_dimension.xlsx"])
def test_declared_range_neither_pads_nor_cuts(name, ready_engine, tmp_path):
    """A declared range wider than the data adds no columns; one smaller than the
    data cuts no rows: the three tests are imported either way."""
    path = bad.write(name, tmp_path)
    ((table, _),) = read_measurement_file(path)
    assert table.headers == bad.HEADER
    assert table.frame[raw.LINE_COLUMN].tolist() == [2, 3, 4]
    summary = import_measurements(ready_engine, path, rejects_dir=tmp_path / "rejects", now=NOW)
    assert (summary.rows_read, summary.imported, summary.rejected_total) == (3, 3, 0)


def test_one_megabyte_csv_field_names_its_line(ready_engine, tmp_path):
    """A CSV field of 1 MiB (past the csv module's limit of 131,072) ends the import
    with one line naming line 3, not a traceback; nothing is stored."""
    path = bad.write("huge_field.csv", tmp_path)
    with pytest.raises(FileImportError) as caught:
        import_measurements(ready_engine, path, rejects_dir=tmp_path / "rejects", now=NOW)
    message = str(caught.value)
    assert message.startswith("huge_field.csv, line 3: a field holds more than 131,072 characters")
    assert "\n" not in message and "aaaa" not in message
    assert not (tmp_path / "rejects").exists()


def test_csv_field_larger_than_a_read_block_names_its_line(tmp_path, monkeypatch):
    """A field larger than Arrow's read block fails Arrow itself; the line is then
    found with the csv module, whose own limit is caught too."""
    monkeypatch.setattr(readers, "CHUNK_BYTES", 1 << 16)
    path = tmp_path / "late_field.csv"
    rows = [bad.good_row(n) for n in range(1, 40)] + [bad.good_row(40, account="a" * 300_000)]
    path.write_bytes(bad.csv_bytes(rows))
    # Read on chunk by chunk, as an import does (which turns the error into an FileImportError).
    with pytest.raises(raw.FileFormatError, match=r"late_field.csv, line 41: a field holds more than 131,072"):
        for table, _ in read_measurement_file(path):
            list(table.chunks())


def test_bom_then_bytes_its_encoding_cannot_hold(tmp_path):
    """A UTF-8 BOM followed by bytes that are not UTF-8 is one clear line, not a traceback."""
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\xef\xbb\xbf" + bad.csv_bytes([bad.good_row(1)]) + b"\xff\xfe,\r\n")
    with pytest.raises(FileImportError, match=r"mixed.csv: byte [\d,]+ is not valid utf-8 text; save the file again"):
        read_measurement_file(path)


def test_blank_lines_keep_their_line_numbers(tmp_path):
    """Line numbers are counted on the bytes: rows after blank lines (and CRLF
    blank lines) keep the line the file shows them on."""
    path = tmp_path / "gaps.csv"
    text = bad.csv_bytes([bad.good_row(1), bad.good_row(2)]).decode()
    lines = text.split("\r\n")
    path.write_text("\r\n".join([lines[0], "", lines[1], "", "", lines[2], ""]), encoding="utf-8")
    ((table, _),) = read_measurement_file(path)
    assert table.frame[raw.LINE_COLUMN].tolist() == [3, 6]


def test_identifiers_remembered_between_chunks_are_bounded(monkeypatch):
    """A file with a new identifier on every row does not keep them all: past the
    bound they are forgotten, and the next chunk is normalised all the same."""
    monkeypatch.setattr(values, "KNOWN_IDENTIFIERS", 3)
    known = {}
    first = values.identifier_codes(pd.Series(["0912 345 678", "Hai.NV", None]), known)
    second = values.identifier_codes(pd.Series(["X@Y.vn", "Hai.NV", "u2"]), known)
    assert first[0].tolist() == [0, 1, -1] and first[1].tolist() == ["+84912345678", "hai.nv"]
    assert second[0].tolist() == [0, 1, 2] and second[1].tolist() == ["x@y.vn", "hai.nv", "u2"]
    assert len(known) <= 3
