"""Values no database column can hold are set aside before anything is written, so
that SQLite (which would store them silently) and PostgreSQL (which would fail the
whole file, quoting the value) accept and refuse the same rows.

The files come from tests/fixtures/bad_inputs/make_bad_inputs.py. Every test runs
on SQLite and on PostgreSQL and checks the same numbers on both.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from sqlalchemy import func, select

from dashboard.ingest import measurement_rows
from dashboard.ingest.measurement_rows import TEXT_LIMITS
from dashboard.ingest.measurements import FileImportError, import_measurements
from dashboard.store import tables

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "fixtures" / "bad_inputs"))
import make_bad_inputs as bad  # noqa: E402

NOW = pd.Timestamp("2026-11-30", tz="UTC")


def run(engine, name, tmp_path):
    """Import one corpus file, with rejects written under tmp_path."""
    path = bad.write(name, tmp_path)
    return import_measurements(engine, path, rejects_dir=tmp_path / "rejects", now=NOW)


def stored_sources(engine) -> list[str]:
    m = tables.measurement
    with engine.connect() as conn:
        return conn.execute(select(m.c.source_id).order_by(m.c.source_id)).scalars().all()


def rejects_file(summary) -> pd.DataFrame:
    return pd.read_csv(summary.rejects_file, dtype=str, keep_default_na=False)


def test_limits_are_the_table_columns():
    """The lengths checked are those the measurement table declares."""
    assert TEXT_LIMITS == {
        "source_id": 80,
        "account": 120,
        "phone": 20,
        "email": 120,
        "device_id": 120,
        "reported_staff_id": 40,
    }


def test_overlong_values_and_nul_characters_set_aside(ready_engine, tmp_path):
    """A source id, account or staff id longer than its column, and a NUL in any
    cell, set their row aside with its line and reason; the file's other rows are
    stored, and a NUL shows as '␀' in the rejects file."""
    summary = run(ready_engine, "overlong_values.csv", tmp_path)
    assert (summary.rows_read, summary.imported) == (7, 2)
    assert summary.rejected == {"value_too_long": 3, "nul_byte": 2}
    assert stored_sources(ready_engine) == ["M1", "M7"]
    rejected = rejects_file(summary)
    assert rejected["line"].tolist() == ["3", "4", "5", "6", "7"]
    assert (
        rejected["reason"].tolist()
        == ["a value is longer than the database allows"] * 3 + ["a cell holds a NUL character"] * 2
    )
    assert rejected.loc[3, "Tài khoản"] == "hai␀nv"
    assert "\x00" not in Path(summary.rejects_file).read_text(encoding="utf-8-sig")


def test_values_at_the_limit_are_stored(ready_engine, tmp_path):
    """A value exactly as long as its column is stored whole, on both databases."""
    path = tmp_path / "at_limit.csv"
    path.write_bytes(
        bad.csv_bytes(
            [
                bad.good_row(1, source_id="S" * 80, account="a" * 120, staff_id="C" * 40, phone="p" * 20),
            ]
        )
    )
    summary = import_measurements(ready_engine, path, rejects_dir=tmp_path / "rejects", now=NOW)
    assert (summary.imported, summary.rejected_total) == (1, 0)
    m = tables.measurement
    with ready_engine.connect() as conn:
        row = conn.execute(select(m.c.source_id, m.c.account, m.c.reported_staff_id, m.c.phone)).one()
    assert tuple(map(len, row)) == (80, 120, 40, 20)


def test_two_phones_in_one_cell_set_aside_without_quoting_them(ready_engine, tmp_path):
    """'0912 345 678 / 0987 654 321' in a phone cell sets that test aside as
    'bad_phone' (the file is not failed); the summary never shows the number."""
    summary = run(ready_engine, "two_phones.csv", tmp_path)
    assert (summary.rows_read, summary.imported, summary.rejected) == (3, 2, {"bad_phone": 1})
    assert stored_sources(ready_engine) == ["M1", "M3"]
    assert rejects_file(summary)["line"].tolist() == ["3"]
    assert not any("0987" in line or "345 678" in line for line in summary.lines())


def test_an_overlong_row_does_not_hide_the_file_from_a_second_import(ready_engine, tmp_path):
    """Importing the file again adds nothing and sets the same rows aside."""
    run(ready_engine, "overlong_values.csv", tmp_path)
    again = run(ready_engine, "overlong_values.csv", tmp_path)
    assert (again.imported, again.already_present, again.rejected_total) == (0, 2, 5)


def test_a_value_postgresql_refuses_is_not_quoted(ready_engine, tmp_path, monkeypatch):
    """Should a value pass the checks and PostgreSQL refuse it, the import ends in
    one line that names the problem but not the value, and stores nothing.
    (SQLite does not enforce lengths, so there is nothing to refuse there.)"""
    if ready_engine.dialect.name != "postgresql":
        pytest.skip("SQLite stores any length")
    monkeypatch.setitem(measurement_rows.TEXT_LIMITS, "phone", 1000)  # the check let through
    with pytest.raises(FileImportError) as caught:
        run(ready_engine, "two_phones.csv", tmp_path)
    assert str(caught.value) == (
        "the database refused a value of this file (value too long for type "
        "character varying(20)); nothing was imported"
    )
    with ready_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.measurement)).scalar() == 0


def test_nul_search_on_arrow_buffers_finds_the_same_rows():
    """The NUL check that reads a text column's Arrow buffers in one pass finds
    exactly the rows a cell-by-cell search finds: in Arrow and plain columns, in a
    slice of a longer column whose NUL lies outside the slice, in several chunks."""
    cells = ["a", None, "b\x00c", "", "d"] * 3
    arrow = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([cells[:7], cells[7:]], pa.large_string())))
    raw = pd.DataFrame({"arrow": arrow, "plain": pd.Series(cells[::-1], dtype=object), "n": range(15)})
    expected = np.array(
        [
            (isinstance(a, str) and "\x00" in a) or (isinstance(b, str) and "\x00" in b)
            for a, b in zip(cells, cells[::-1], strict=True)
        ]
    )
    np.testing.assert_array_equal(measurement_rows._holds_nul(raw), expected)
    clean = pd.DataFrame({"arrow": arrow.iloc[3:7].reset_index(drop=True)})  # its buffer holds row 2's NUL
    np.testing.assert_array_equal(measurement_rows._holds_nul(clean), [False] * 4)
