"""The packs as files: names any mail program and file system keep, the index of
who gets which file, a folder of them and a ZIP of them.

File names carry no diacritics and no character a file system or a mail program
would change (``UBND-ĐK`` gives ``UBND-DK_2026-W47.xlsx``); two codes that would
give the same name (or names equal but for case) get a ``~2`` suffix.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from dashboard import sheets
from dashboard.i18n import label
from dashboard.text import strip_diacritics

#: The index of a folder of packs, as XLSX and as CSV.
INDEX_STEM = "index"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_STEM_MAX = 60  # a code is at most 32 characters; this leaves room for names made of them


def safe_stem(text: str) -> str:
    """``text`` as part of a file name: ASCII letters, digits, '-' and '_' only,
    diacritics dropped ('Đ' -> 'D'), other characters as '_', at most 60 characters."""
    stem = _UNSAFE.sub("_", strip_diacritics(str(text))).strip("_-")[:_STEM_MAX].strip("_-")
    return stem or "co_quan"


def pack_file_names(agency_codes: Iterable[str], week_key: str) -> dict[str, str]:
    """Each agency code's pack file name for the week, ``SKHCN_2026-W47.xlsx``,
    distinct even where two codes look alike once made safe."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for code in sorted(agency_codes):
        stem, number = safe_stem(code), 1
        name = f"{stem}_{week_key}.xlsx"
        while name.casefold() in taken or name.casefold().startswith(INDEX_STEM + "."):
            number += 1
            name = f"{stem}~{number}_{week_key}.xlsx"
        taken.add(name.casefold())
        names[code] = name
    return names


def zip_file_name(week_key: str) -> str:
    """The name of the ZIP of a week's packs."""
    return f"goi_co_quan_{week_key}.zip"


def index_sheet(packs, language: str = "vi") -> pd.DataFrame:
    """Who gets which file (rows of :class:`packs.WeekPacks`.packs): agency code,
    name, file name, e-mail address (blank where the agency list gives none)."""
    return pd.DataFrame(
        {
            label("col_agency_code", language): [pack.agency_code for pack in packs.packs],
            label("col_agency", language): [pack.name for pack in packs.packs],
            label("pack_col_file", language): [pack.file_name for pack in packs.packs],
            label("pack_col_email", language): [pack.email for pack in packs.packs],
        },
        dtype=object,
    )


def index_files(packs, language: str = "vi") -> dict[str, bytes]:
    """The index as ``index.xlsx`` and ``index.csv``: file name -> content."""
    sheet = index_sheet(packs, language)
    title = label("pack_index_title", language).format(week=packs.week.label(language))
    return {
        f"{INDEX_STEM}.xlsx": sheets.xlsx_book([(label("pack_index_sheet", language), sheet, title)]),
        f"{INDEX_STEM}.csv": sheets.csv_bytes(sheet),
    }


def write_packs(packs, folder: Path, language: str = "vi") -> list[Path]:
    """Write every pack and the index into ``folder`` (created if missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in _files(packs, language):
        path = folder / name
        path.write_bytes(content)
        written.append(path)
    return written


def packs_zip(packs, language: str = "vi") -> bytes:
    """Every pack and the index in one ZIP, for a download."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in _files(packs, language):
            archive.writestr(name, content)
    return out.getvalue()


def _files(packs, language: str) -> list[tuple[str, bytes]]:
    return [(pack.file_name, pack.content) for pack in packs.packs] + list(index_files(packs, language).items())
