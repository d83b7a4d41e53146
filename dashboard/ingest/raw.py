"""A table as read from a file, before any value is interpreted: what the readers
(:mod:`dashboard.ingest.readers` for text, :mod:`dashboard.ingest.workbooks` for
Excel) return."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pandas as pd

from dashboard.refusals import Refusal

#: Lines searched for the header row (exports often start with a title).
HEADER_SEARCH_LINES = 20
LINE_COLUMN = "_line"


class FileFormatError(Refusal):
    """A file cannot be read as a table; the refusal says why, for the user."""


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


def unique_names(header: list[str]) -> list[str]:
    """Column names from a header row: blanks named column_N, repeats numbered."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(header):
        name = raw.strip() or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        names.append(name)
    return names
