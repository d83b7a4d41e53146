"""Read CSV and XLSX files as they arrive: any usual encoding, separator and layout.

A reader returns text columns exactly as written (no type guessing) plus the line
number of each row in the file, so that rejects can point back to the source.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv


#: Lines searched for the header row (exports often start with a title).
HEADER_SEARCH_LINES = 20
LINE_COLUMN = "_line"
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
#: Text read per chunk: about 85,000 rows of an i-Speed export, so a file of
#: millions of rows is imported in bounded memory, and the first chunk reaches
#: the database writer early (measurements.import_measurements overlaps them).
CHUNK_BYTES = 8 << 20
TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ".tab"}
#: Bytes decoded to find the header row when the rest of a UTF-8 file is ASCII.
HEAD_BYTES = 1 << 20


class FileFormatError(ValueError):
    """A file cannot be read as a table; the message says why, for the user."""


@dataclass
class RawTable:
    """One sheet or text file: its headers and its rows, read chunk by chunk.

    Each chunk is a DataFrame of the original columns (text as written, or native
    Excel values) plus LINE_COLUMN, the row's line number in the file.
    """

    name: str  # file name, with the sheet for workbooks
    headers: list[str]
    _chunks: Callable[[], Iterator[pd.DataFrame]] = field(repr=False)
    encoding: str | None = None
    separator: str | None = None

    def chunks(self) -> Iterator[pd.DataFrame]:
        """The rows, CHUNK_BYTES of text at a time (a workbook sheet in one piece)."""
        return self._chunks()

    @property
    def frame(self) -> pd.DataFrame:
        """All rows at once (for small files such as rosters)."""
        parts = list(self.chunks())
        if not parts:
            return pd.DataFrame(columns=[*self.headers, LINE_COLUMN])
        return pd.concat(parts, ignore_index=True)


def read_tables(path: Path, is_header) -> list[RawTable]:
    """Read every table in ``path`` whose header row ``is_header`` accepts.

    ``is_header(cells) -> bool`` tells a header row from a title row, so that a
    sheet with a title above the table still reads. Raises FileFormatError.
    """
    path = Path(path)
    if not path.exists():
        raise FileFormatError(f"file not found: {path}")
    if not path.is_file():
        raise FileFormatError(f"{path} is a folder, not a file")
    if path.stat().st_size == 0:
        raise FileFormatError(f"{path.name} is empty")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_workbook(path, is_header)
    if suffix in TEXT_SUFFIXES or suffix == "":
        return [_read_text(path, is_header)]
    if suffix == ".xls":
        raise FileFormatError(f"{path.name}: old .xls workbooks are not supported; save it as .xlsx or CSV")
    raise FileFormatError(f"{path.name}: unsupported file type {suffix} (use CSV or XLSX)")


# -- text files ---------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes: BOMs, UTF-16 without BOM, UTF-8, then legacy Vietnamese cp1258.

    Returns (text in NFC, encoding name).
    """
    text, encoding, _ = _decode(data)
    return text, encoding


def _decode(data: bytes) -> tuple[str, str, bool]:
    """:func:`decode`, and whether NFC changed the text."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif len(data) > 3 and data[1] == 0 and data[3] == 0:
        text, encoding = data.decode("utf-16-le"), "utf-16-le"
    elif len(data) > 3 and data[0] == 0 and data[2] == 0:
        text, encoding = data.decode("utf-16-be"), "utf-16-be"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            # Legacy single-byte Vietnamese (Windows-1258) decodes almost any byte;
            # Latin-1 catches the rest. Combining marks are composed by NFC below.
            try:
                text, encoding = data.decode("cp1258"), "cp1258"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        return unicodedata.normalize("NFC", text), encoding, True
    return text, encoding, False


def sniff_separator(lines: list[str]) -> str:
    """The separator among ; , and tab that splits the header-like lines most evenly."""
    best, best_score = ",", -1
    for sep in (";", "\t", ","):
        counts = [len(next(csv.reader([line], delimiter=sep))) for line in lines if line.strip()]
        if not counts:
            continue
        # A separator that gives many fields on the header line wins.
        score = max(counts)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_text(path: Path, is_header) -> RawTable:
    raw = path.read_bytes()
    data, encoding, head = _utf8_ascii_body(raw) or _utf8(raw)
    del raw  # the file is held once, as UTF-8 bytes, while it is read
    head_lines = _first_lines(head, HEADER_SEARCH_LINES)
    sep = sniff_separator(head_lines)
    header_at = 0
    for i, line in enumerate(head_lines):
        if is_header(next(csv.reader([line], delimiter=sep), [])):
            header_at = i
            break
    else:
        raise FileFormatError(f"{path.name}: no header row recognised in the first {HEADER_SEARCH_LINES} lines")
    header = next(csv.reader([head_lines[header_at]], delimiter=sep))
    names = _unique_names(header)
    line_numbers = _line_numbers(data, header_at)

    def chunks() -> Iterator[pd.DataFrame]:
        try:
            reader = pacsv.open_csv(
                io.BytesIO(data),
                read_options=pacsv.ReadOptions(skip_rows=header_at + 1, column_names=names, block_size=CHUNK_BYTES),
                parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=False),
                convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}),
            )
            offset = 0
            for batch in reader:
                frame = batch.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
                if line_numbers is None:  # no blank lines: rows follow the header line by line
                    frame[LINE_COLUMN] = np.arange(header_at + 2 + offset, header_at + 2 + offset + len(frame))
                else:
                    frame[LINE_COLUMN] = line_numbers[offset : offset + len(frame)]
                offset += len(frame)
                yield frame
        except pa.ArrowInvalid as exc:
            text = data.decode("utf-8")
            raise FileFormatError(_describe_broken_line(path, text, sep, header_at, len(names), exc)) from None

    return RawTable(name=path.name, headers=names, _chunks=chunks, encoding=encoding, separator=sep)


def _utf8(raw: bytes) -> tuple[bytes, str, str]:
    """The file as UTF-8 bytes in NFC (what Arrow reads), its encoding, and its text."""
    text, encoding, normalised = _decode(raw)
    text = text.lstrip("\ufeff")
    if encoding == "utf-8" and not normalised:
        return raw, encoding, text  # already what Arrow reads: no copy
    if encoding == "utf-8-sig" and not normalised and not raw.startswith(b"\xef\xbb\xbf" * 2):
        return raw[3:], encoding, text
    return text.encode("utf-8"), encoding, text


def _utf8_ascii_body(raw: bytes) -> tuple[bytes, str, str] | None:
    """:func:`_utf8` for a UTF-8 file whose body, past its first MiB, is plain ASCII
    (numbers, times, phone accounts): ASCII is valid UTF-8 and already NFC, so only
    the head is decoded and checked, not a hundred megabytes. None for other files.
    """
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    cut = raw.find(b"\n", start + HEAD_BYTES) + 1 or len(raw)
    if b"\x00" in raw[:HEAD_BYTES] or not raw[cut:].isascii():  # NUL bytes: UTF-16 without a BOM
        return None
    try:
        head = raw[start:cut].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if head.startswith("\ufeff") or not (head.isascii() or unicodedata.is_normalized("NFC", head)):
        return None
    return (raw[start:] if start else raw), ("utf-8-sig" if start else "utf-8"), head


def _first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` lines, without splitting the whole file."""
    end = 0
    for _ in range(count):
        end = text.find("\n", end) + 1
        if end == 0:  # fewer lines (or only CR line ends): split it all
            return text.splitlines()[:count]
    return text[:end].splitlines()[:count]


def _line_numbers(data: bytes, header_at: int) -> np.ndarray | None:
    """The file line of each data row, or None when there is no blank line (the usual
    case: the rows then follow the header line by line). pyarrow skips blank lines,
    so they are counted out."""
    if not re.search(rb"\n\r?\n", data):
        return None
    rows = data.decode("utf-8").splitlines()[header_at + 1 :]
    first = header_at + 2  # 1-based, the line after the header
    return np.array([first + i for i, line in enumerate(rows) if line], dtype="int64")


def _describe_broken_line(path: Path, text: str, sep: str, header_at: int, width: int, exc: Exception) -> str:
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    for line_no, row in enumerate(reader, start=1):
        if line_no > header_at + 1 and row and len(row) != width:
            return (
                f"{path.name}, line {line_no}: expected {width} fields, found {len(row)}; "
                "the file looks broken from there (cut off or mixed). Nothing was imported."
            )
    return f"{path.name}: cannot be read as a table ({exc}). Nothing was imported."


def _unique_names(header: list[str]) -> list[str]:
    names, seen = [], {}
    for i, raw in enumerate(header):
        name = raw.strip() or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        names.append(name)
    return names


# -- workbooks ----------------------------------------------------------------


def _read_workbook(path: Path, is_header) -> list[RawTable]:
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileFormatError(f"{path.name}: cannot be opened as an Excel workbook ({exc})") from None
    tables = []
    for sheet_name, cells in sheets.items():
        cells = cells.dropna(how="all")
        for position in range(min(HEADER_SEARCH_LINES, len(cells))):
            row = cells.iloc[position]
            header = ["" if pd.isna(v) else str(v) for v in row]
            if is_header(header):
                body = cells.iloc[position + 1 :].copy()
                body.columns = _unique_names(header)
                body = body.loc[:, [not c.startswith("column_") or body[c].notna().any() for c in body.columns]]
                body[LINE_COLUMN] = body.index.to_numpy() + 1  # Excel rows are 1-based
                body = body.reset_index(drop=True)
                headers = [c for c in body.columns if c != LINE_COLUMN]
                tables.append(RawTable(name=f"{path.name} [{sheet_name}]", headers=headers, _chunks=lambda b=body: iter([b])))
                break
    if not tables:
        raise FileFormatError(f"{path.name}: no sheet has a header row this import recognises")
    return tables

