"""Imports through the web page: the files an administrator uploads go through the
same import functions as the command line (one transaction per file, rejects set
aside), after a check of their size and kind. Each attempt, done or refused, is
written to the audit log with who made it.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from sqlalchemy.engine import Engine

from dashboard.campaign import audit
from dashboard.campaign.measurements import REJECTS_DIR, ImportError_, import_measurements
from dashboard.campaign.roster import import_roster

#: Largest file taken through the web page (also ``server.maxUploadSize`` in
#: .streamlit/config.toml); larger ones are imported with the command line.
MAX_UPLOAD_MB = 200
SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")


@dataclass
class UploadResult:
    """What one upload did: the summary lines, or why nothing was imported."""

    file_name: str
    lines: list[str] = field(default_factory=list)
    figures: dict[str, int] = field(default_factory=dict)  # the headline counts, by label key
    error: str | None = None
    rejects: bytes | None = None  # the rejected rows, as the CSV the command line writes

    @property
    def ok(self) -> bool:
        """True when the file was imported."""
        return self.error is None


def import_measurement_upload(engine: Engine, file_name: str, data: bytes, username: str,
                              rejects_dir: Path = REJECTS_DIR) -> UploadResult:  # fmt: skip
    """Import one uploaded file of measurements as ``username``."""
    name = _safe_name(file_name)
    problem = _check(name, data)
    if problem:
        return _refused(engine, username, name, problem)
    with tempfile.TemporaryDirectory(prefix="ispeed-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            summary = import_measurements(engine, path, rejects_dir=rejects_dir)
        except ImportError_ as exc:
            return _refused(engine, username, name, str(exc))
    figures = {"rows_read": summary.rows_read, "rows_imported": summary.imported,
               "already_present": summary.already_present, "rows_rejected": summary.rejected_total,
               "outside": summary.outside}  # fmt: skip
    result = UploadResult(name, summary.lines(), figures, rejects=_read(summary.rejects_file))
    detail = f"measurements {name}: read {summary.rows_read:,}, imported {summary.imported:,}"
    with engine.begin() as conn:
        audit.record(conn, username, "import", detail)
    return result


def import_roster_upload(engine: Engine, files: list[tuple[str, bytes]], username: str, as_of: dt.date | None = None,
                         rejects_dir: Path = REJECTS_DIR) -> UploadResult:  # fmt: skip
    """Import uploaded agency and staff files, together, as ``username``."""
    names = [_safe_name(name) for name, _ in files]
    label = ", ".join(names)
    for name, (_, data) in zip(names, files, strict=True):
        if problem := _check(name, data):
            return _refused(engine, username, label, problem)
    if len(set(names)) != len(names):
        return _refused(engine, username, label, "two files have the same name")
    with tempfile.TemporaryDirectory(prefix="ispeed-upload-") as folder:
        paths = []
        for name, (_, data) in zip(names, files, strict=True):
            paths.append(Path(folder) / name)
            paths[-1].write_bytes(data)
        try:
            summary = import_roster(engine, paths, as_of=as_of, rejects_dir=rejects_dir)
        except ImportError_ as exc:
            return _refused(engine, username, label, str(exc))
    figures = {"agencies_added": summary.agencies_added, "staff_added": summary.staff_added,
               "staff_moved": summary.staff_moved, "staff_left": summary.staff_left,
               "rows_rejected": sum(summary.rejected.values())}  # fmt: skip
    result = UploadResult(label, summary.lines(), figures, rejects=_read(summary.rejects_file))
    detail = f"roster {label}: {summary.agencies_added:,} agencies and {summary.staff_added:,} staff added"
    with engine.begin() as conn:
        audit.record(conn, username, "import", detail)
    return result


def _safe_name(file_name: str) -> str:
    # Only the name counts: a browser may send a path, and a name must not climb out of the folder.
    name = PurePath(file_name.replace("\\", "/")).name.strip()
    return name if name not in ("", ".", "..") else "upload.csv"


def _check(name: str, data: bytes) -> str | None:
    if not name.lower().endswith(SUFFIXES):
        return f"{name} is not a CSV, TXT or XLSX file"
    if not data:
        return f"{name} is empty"
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        return f"{name} is larger than {MAX_UPLOAD_MB} MB; import it with the command line on the server"
    return None


def _refused(engine: Engine, username: str, name: str, reason: str) -> UploadResult:
    with engine.begin() as conn:
        audit.record(conn, username, "import_failed", f"{name}: {reason}")
    return UploadResult(name, error=reason)


def _read(path: str | None) -> bytes | None:
    return Path(path).read_bytes() if path and Path(path).exists() else None
