"""Read XLSX workbooks in bounded time and memory, whatever their sheets claim.

A sheet is streamed by openpyxl in read-only mode. A workbook may hold
MAX_SHEET_CELLS cells in all, as its sheets declare them or as they are read; a
larger one is refused with a one-line error before it costs gigabytes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from dashboard.ingest.raw import HEADER_SEARCH_LINES, LINE_COLUMN, FileFormatError, RawTable, unique_names

#: Cells a workbook may hold, as its sheets declare them or as they are read:
#: about 100,000 tests of an i-Speed export. A sheet is held in memory while it
#: is read (some hundred bytes a cell), and a used range that reaches the grid's
#: far corner, XFD1048576, claims 17 billion cells. CSV has no such limit.
MAX_SHEET_CELLS = 2_000_000
#: Unpacked size of a workbook's shared strings, styles and other parts, which
#: openpyxl reads whole (the sheets are streamed); a few times what 2,000,000
#: cells of text need. A zip member never unpacks to more than it declares.
MAX_WORKBOOK_PARTS_BYTES = 128 << 20
#: Unpacked size of one sheet: the sheet is streamed, but a single cell of it is
#: held whole, so a packed gigabyte of text in one cell must not get that far.
MAX_SHEET_PART_BYTES = 512 << 20
#: Excel's error values: read as empty cells, as pandas did.
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})


def read_workbook(path: Path, is_header) -> list[RawTable]:
    """Each sheet with a recognised header row, read in openpyxl's read-only mode:
    rows are streamed from the file, never padded to the used range a sheet
    declares, and reading stops once the workbook passes MAX_SHEET_CELLS."""
    _check_workbook_parts(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileFormatError("workbook_unopenable", name=path.name, detail=str(exc)) from None
    tables, budget = [], MAX_SHEET_CELLS
    try:
        for sheet in book.worksheets:
            name = f"{path.name} [{sheet.title}]"
            rows, budget = _sheet_rows(sheet, name, budget)
            table = _sheet_table(name, rows, is_header)
            if table is not None:
                tables.append(table)
    except FileFormatError:
        raise
    except Exception as exc:  # a damaged sheet, found while streaming it
        raise FileFormatError("workbook_unreadable", name=path.name, detail=str(exc)) from None
    finally:
        book.close()
    if not tables:
        raise FileFormatError("no_sheet_header", name=path.name)
    return tables


def _check_workbook_parts(path: Path) -> None:
    """Refuse a workbook whose parts unpack to more than any sane sheet needs (a
    zip bomb), from the sizes its directory declares: nothing is unpacked yet."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileFormatError("workbook_unopenable", name=path.name, detail=str(exc)) from None
    sheets = [m for m in members if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")]
    others = sum(m.file_size for m in members if m not in sheets and m.filename.endswith((".xml", ".rels")))
    if others > MAX_WORKBOOK_PARTS_BYTES or any(m.file_size > MAX_SHEET_PART_BYTES for m in sheets):
        raise FileFormatError("workbook_bomb", name=path.name, cells=MAX_SHEET_CELLS)


def _too_many_cells(name: str, rows: int, columns: int) -> FileFormatError:
    return FileFormatError("sheet_too_big", name=name, rows=rows, columns=columns, cells=MAX_SHEET_CELLS)


def _sheet_rows(sheet, name: str, budget: int) -> tuple[list[tuple[int, list]], int]:
    """The sheet's non-empty rows as (row number, values), and the cell budget left.

    The used range the sheet declares is checked first; it can lie (or be
    missing), so the cells actually read are counted too, trailing empty ones
    included, as they cost the same to read.
    """
    if sheet.max_row and sheet.max_column:
        rows, columns = sheet.max_row - sheet.min_row + 1, sheet.max_column - sheet.min_column + 1
        if rows * columns > MAX_SHEET_CELLS:
            raise _too_many_cells(name, sheet.max_row, sheet.max_column)
    # Read every row as written: a declared range would pad each row to its
    # width, and cut off rows beyond it.
    sheet.reset_dimensions()
    kept, widest = [], 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        budget -= len(values)
        widest = max(widest, len(values))
        if budget < 0:
            if number * widest > MAX_SHEET_CELLS:
                raise _too_many_cells(name, number, widest)
            # This sheet is small, but the sheets before it were not.
            raise FileFormatError("workbook_too_big", name=name, cells=MAX_SHEET_CELLS)
        values = [_cell_value(v) for v in values]
        while values and values[-1] is None:
            values.pop()
        if values:
            kept.append((number, values))
    return kept, budget


def _cell_value(value):
    """A cell as pandas' Excel reader gave it: errors and empty text as missing,
    whole floats as integers (a phone typed as a number reads 912345678, not 912345678.0)."""
    if isinstance(value, str):
        return None if value == "" or value in EXCEL_ERRORS else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _sheet_table(name: str, rows: list[tuple[int, list]], is_header) -> RawTable | None:
    """The table below the sheet's header row (searched in its first non-empty rows)."""
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH_LINES]):
        header = ["" if v is None else str(v) for v in cells]
        if not is_header(header):
            continue
        body = rows[position + 1 :]
        width = max([len(header), *(len(values) for _, values in body)])
        names = unique_names(header + [""] * (width - len(header)))
        frame = pd.DataFrame(
            [values + [None] * (width - len(values)) for _, values in body], columns=names, dtype=object
        )
        frame = frame.loc[:, [not c.startswith("column_") or frame[c].notna().any() for c in frame.columns]]
        frame[LINE_COLUMN] = np.array([number for number, _ in body], dtype="int64")  # Excel rows are 1-based
        headers = [c for c in frame.columns if c != LINE_COLUMN]

        def one_chunk(f: pd.DataFrame = frame) -> Iterator[pd.DataFrame]:
            return iter([f])  # a sheet is read whole, so it is a single chunk

        return RawTable(name=name, headers=headers, _chunks=one_chunk)
    return None
