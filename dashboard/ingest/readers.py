"""Read CSV and XLSX files as they arrive: any usual encoding, separator and layout.

A reader returns text columns exactly as written (no type guessing) plus the line
number of each row in the file, so that rejects can point back to the source.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from dashboard.ingest.raw import HEADER_SEARCH_LINES, LINE_COLUMN, FileFormatError, RawTable, unique_names
from dashboard.ingest.workbooks import read_workbook

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
#: Text read per chunk: about 40,000 rows of an i-Speed export, so a file of
#: millions of rows is imported in bounded memory, and the first chunk reaches
#: the database writer early (measurements.import_measurements overlaps them).
#: Each chunk in the pipeline costs some 60 MB on SQLite; 8 MiB chunks were no
#: faster and took a 200 MB upload past 1 GB.
CHUNK_BYTES = 4 << 20
TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ".tab"}
#: Bytes decoded to find the header row when the rest of a UTF-8 file is ASCII.
HEAD_BYTES = 1 << 20
#: Characters a CSV field may hold: the csv module's own limit. No i-Speed value
#: comes near it; a longer field means a damaged file (or not an export at all).
MAX_FIELD_CHARS = 131_072


def read_tables(path: Path, is_header) -> list[RawTable]:
    """Read every table in ``path`` whose header row ``is_header`` accepts.

    ``is_header(cells) -> bool`` tells a header row from a title row, so that a
    sheet with a title above the table still reads. Raises FileFormatError.
    """
    path = Path(path)
    if not path.exists():
        raise FileFormatError("file_not_found", path=str(path))
    if not path.is_file():
        raise FileFormatError("file_is_folder", path=str(path))
    if path.stat().st_size == 0:
        raise FileFormatError("file_empty", name=path.name)
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return read_workbook(path, is_header)
    if suffix in TEXT_SUFFIXES or suffix == "":
        return [_read_text(path, is_header)]
    if suffix == ".xls":
        raise FileFormatError("old_xls", name=path.name)
    raise FileFormatError("file_type", name=path.name, suffix=suffix)


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
        counts = [len(_fields(line, sep)) for line in lines if line.strip()]
        if not counts:
            continue
        # A separator that gives many fields on the header line wins.
        score = max(counts)
        if score > best_score:
            best, best_score = sep, score
    return best


def _fields(line: str, sep: str) -> list[str]:
    """The fields of one line; none when the csv module cannot split it (a field
    past its limit): such a line is neither a header nor a guide to the separator."""
    try:
        return next(csv.reader([line], delimiter=sep), [])
    except csv.Error:
        return []


def _read_text(path: Path, is_header) -> RawTable:
    raw = path.read_bytes()
    try:
        data, encoding, head = _utf8_ascii_body(raw) or _utf8(raw)
    except UnicodeDecodeError as exc:  # a BOM, then bytes its encoding cannot hold
        raise FileFormatError("bad_encoding", name=path.name, byte=exc.start, encoding=exc.encoding) from None
    del raw  # the file is held once, as UTF-8 bytes, while it is read
    head_lines = _first_lines(head, HEADER_SEARCH_LINES)
    sep = sniff_separator(head_lines)
    header_at = 0
    for i, line in enumerate(head_lines):
        if is_header(_fields(line, sep)):
            header_at = i
            break
    else:
        raise FileFormatError("no_header", name=path.name, lines=HEADER_SEARCH_LINES)
    header = _fields(head_lines[header_at], sep)
    names = unique_names(header)
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
                _check_field_sizes(path, batch, frame[LINE_COLUMN])
                yield _without_empty_rows(batch, frame)
        except pa.ArrowInvalid as exc:
            raise _describe_broken_line(path, data, sep, header_at, len(names), exc) from None

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
    so they are counted out, on the bytes (a decoded copy of a large file would
    cost several times its size)."""
    if not re.search(rb"\n\r?\n", data):
        return None
    buffer = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(buffer == ord("\n"))
    starts = np.concatenate([[0], ends + 1])
    stops = np.concatenate([ends, [len(data)]])
    if data.endswith(b"\n"):  # no line after the last line end
        starts, stops = starts[:-1], stops[:-1]
    lengths = stops - starts
    carriage = (lengths > 0) & (buffer[np.maximum(stops - 1, 0)] == ord("\r"))
    filled = (lengths - carriage) > 0
    numbers = np.arange(1, len(starts) + 1, dtype="int64")  # 1-based
    return numbers[header_at + 1 :][filled[header_at + 1 :]]


def _without_empty_rows(batch: pa.RecordBatch, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without its rows of separators only (``;;;;``, what a spreadsheet
    leaves below a table): a blank row, skipped as a blank line is, not a test with
    no time. Only rows whose first cell is empty are looked at, so a usual file
    costs one pass over one column."""
    if not batch.num_columns:
        return frame
    empty = pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(batch.column(0))), 0).fill_null(True)
    if not pc.any(empty).as_py():
        return frame
    for column in batch.columns[1:]:
        empty = pc.and_(empty, pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(column)), 0).fill_null(True))
    keep = np.invert(empty.to_numpy(zero_copy_only=False))
    return frame if keep.all() else frame[keep].reset_index(drop=True)


def _check_field_sizes(path: Path, batch: pa.RecordBatch, lines: pd.Series) -> None:
    """Refuse a chunk with a field longer than MAX_FIELD_CHARS, naming its line."""
    for column in batch.columns:
        if len(column) and column.null_count < len(column):
            lengths = pc.utf8_length(column)
            if pc.max(lengths).as_py() > MAX_FIELD_CHARS:
                row = pc.index(pc.greater(lengths, MAX_FIELD_CHARS), True).as_py()
                raise _long_field(path, int(lines.iloc[row]))


def _long_field(path: Path, line: int) -> FileFormatError:
    return FileFormatError("long_field", name=path.name, line=line, limit=MAX_FIELD_CHARS)


def _describe_broken_line(
    path: Path, data: bytes, sep: str, header_at: int, width: int, exc: Exception
) -> FileFormatError:
    # Read as a stream: no decoded copy of the whole file.
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=""), delimiter=sep)
    try:
        for row in reader:
            if reader.line_num > header_at + 1 and row and len(row) != width:
                return FileFormatError("broken_line", name=path.name, line=reader.line_num, width=width, found=len(row))
    except csv.Error:  # a field past the csv module's limit (Arrow's, for one past its block)
        return _long_field(path, reader.line_num)
    return FileFormatError("unreadable_table", name=path.name, detail=str(exc))
