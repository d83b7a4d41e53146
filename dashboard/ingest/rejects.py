"""Rows an import set aside: the reasons, and a file the user can open in Excel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from dashboard import i18n
from dashboard.dates import clock
from dashboard.ingest.raw import LINE_COLUMN
from dashboard.sheets import csv_bytes

#: Reason code -> the sentence written in the rejects file and the summary (English).
#: The sentences, in each language, are the labels ``reject_<code>`` (i18n/imports.py):
#: a reason is added there, once.
REASONS = {key.removeprefix("reject_"): words["en"] for key, words in i18n.LABELS.items() if key.startswith("reject_")}
REASON_CODES = tuple(REASONS)
#: A sentence of REASONS -> its code, to write a rejects list in another language.
_CODE_OF = {sentence: code for code, sentence in REASONS.items()}


def write_rejects(rejects: pd.DataFrame, source: Path, folder: Path) -> Path | None:
    """Write rejected rows with their line and reason as CSV (UTF-8 with BOM, for Excel),
    the raw cells made inert like every other CSV (:func:`sheets.csv_bytes`).

    ``rejects`` holds the original columns, LINE_COLUMN, ``_reason`` and optionally
    ``_table``. Returns the path, or None when nothing was rejected.
    """
    if rejects.empty:
        return None
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"the rejects folder {folder} is a file")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")  # Vietnam time, as the reader's clock shows
    path = folder / f"{Path(source).stem}-rejects-{stamp}.csv"
    counter = 1
    while path.exists():  # two imports of same-named files in one second keep both
        counter += 1
        path = folder / f"{Path(source).stem}-rejects-{stamp}-{counter}.csv"
    path.write_bytes(rejects_csv(rejects))
    return path


def rejects_csv(rejects: pd.DataFrame, language: str | None = None) -> bytes:
    """The rows set aside as CSV bytes: table, line and reason first, then the cells as
    written. The command line's file (no ``language``) names the first three
    ``table``, ``line`` and ``reason`` and gives each reason in English; the web
    page's names them, and gives each reason, in its reader's ``language``."""
    front = [c for c in ("_table", LINE_COLUMN, "_reason") if c in rejects.columns]
    out = rejects[front + [c for c in rejects.columns if c not in front]]
    if language is None:
        return csv_bytes(out.rename(columns={"_table": "table", LINE_COLUMN: "line", "_reason": "reason"}))
    if "_reason" in out.columns:
        out = out.assign(_reason=[reason_in(sentence, language) for sentence in out["_reason"]])
    names = {"_table": "col_file", LINE_COLUMN: "import_col_line", "_reason": "import_col_reason"}
    return csv_bytes(out.rename(columns={column: i18n.label(key, language) for column, key in names.items()}))


def reason_in(sentence: str, language: str) -> str:
    """A reason of :data:`REASONS` in ``language`` (any other text as it is)."""
    code = _CODE_OF.get(sentence)
    return i18n.label(f"reject_{code}", language) if code else sentence


def reason_counts(rejected: dict[str, int]) -> Callable[[str], str]:
    """How many rows were set aside for each reason, as a refusal's value:
    'no time of test: 3; time not readable: 1' in the reader's language."""

    def written(language: str) -> str:
        return "; ".join(
            f"{i18n.label(f'reject_{code}', language)}: {i18n.number(count, language)}"
            for code, count in sorted(rejected.items())
        )

    return written
