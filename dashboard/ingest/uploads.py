"""Imports through the web page: the files an administrator uploads go through the
same import functions as the command line (one transaction per file, rejects set
aside), after a check of their size and kind. Each attempt, done or refused, is
written to the audit log with who made it.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.access import accounts, audit
from dashboard.ingest import summary_lines
from dashboard.ingest.measurements import REJECTS_DIR, FileImportError, import_measurements
from dashboard.ingest.rejects import rejects_csv
from dashboard.ingest.roster import import_roster
from dashboard.refusals import Refusal

#: Largest file taken through the web page (also ``server.maxUploadSize`` in
#: .streamlit/config.toml); larger ones are imported with the command line.
MAX_UPLOAD_MB = 200
SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")
#: The reason shown when an import fails for a reason that is not the file's.
UNEXPECTED = Refusal("unexpected")

logger = logging.getLogger(__name__)


@dataclass
class UploadResult:
    """What one upload did, or would do (a preview): the summary, or why nothing can be imported."""

    file_name: str
    #: What the import did (or would do), line by line, in the reader's language: two columns, item and result.
    details: pd.DataFrame = field(default_factory=pd.DataFrame)
    figures: dict[str, int] = field(default_factory=dict)  # the headline counts, by label key
    error: str | None = None  # why nothing can be imported, in the reader's language
    error_names_file: bool = False  # the reason itself names the file (see Refusal.names_file)
    rejects: bytes | None = None  # the rejected rows, as the CSV the command line writes
    rejected_rows: int = 0
    losses: list[str] = field(default_factory=list)  # what the import loses (summary.losses); asks first
    losses_in_detail: list[dict] = field(default_factory=list)  # the losses person by person
    applied: bool = False
    #: False when importing would store nothing new (every test already stored or set
    #: aside): the page then offers no import of it.
    stores_anything: bool = True

    @property
    def ok(self) -> bool:
        """True when the file was imported, or can be (for a preview)."""
        return self.error is None


def import_measurement_upload(
    engine: Engine,
    file_name: str,
    data: bytes,
    username: str,
    rejects_dir: Path = REJECTS_DIR,
    *,
    dry_run: bool = False,
    confirmed: bool = False,
    on_wait: Callable[[], None] | None = None,
    first_admin: accounts.FirstAdmin | None = None,
    language: str = "en",
) -> UploadResult:
    """Import one uploaded file of measurements as ``username``; ``dry_run`` only says
    what the import would do. An import that replaces the demo needs ``confirmed``;
    it adds ``first_admin`` in its own transaction when given (the import is then
    logged as theirs). The rows set aside give their reasons in ``language``."""

    def run(paths: list[Path]):
        return import_measurements(
            engine,
            paths[0],
            rejects_dir=rejects_dir,
            dry_run=dry_run,
            confirmed=confirmed,
            on_wait=on_wait,
            first_admin=first_admin,
        )

    def report(name: str, summary) -> tuple[UploadResult, str]:
        figures = {
            "rows_read": summary.rows_read,
            "rows_imported": summary.imported,
            "already_present": summary.already_present,
            "rows_rejected": summary.rejected_total,
            "outside": summary.outside,
        }
        detail = audit.described("import_measurements", name=name, read=summary.rows_read, imported=summary.imported)
        result = _result(name, summary, figures, language)
        result.stores_anything = summary.imported > 0
        return result, detail

    return _upload(
        engine, username, [(file_name, data)], run, report, dry_run=dry_run, first_admin=first_admin, language=language
    )


def import_roster_upload(
    engine: Engine,
    files: list[tuple[str, bytes]],
    username: str,
    as_of: dt.date | None = None,
    rejects_dir: Path = REJECTS_DIR,
    *,
    dry_run: bool = False,
    confirmed: bool = False,
    complete: bool = False,
    clear_empty: bool = False,
    on_wait: Callable[[], None] | None = None,
    first_admin: accounts.FirstAdmin | None = None,
    language: str = "en",
) -> UploadResult:
    """Import uploaded agency and staff files, together, as ``username``; ``dry_run``
    only says what the import would do. An import that loses something needs
    ``confirmed``; one that replaces the demo adds ``first_admin`` when given. The
    rows set aside give their reasons in ``language``."""

    def run(paths: list[Path]):
        return import_roster(
            engine,
            paths,
            as_of=as_of,
            rejects_dir=rejects_dir,
            dry_run=dry_run,
            confirmed=confirmed,
            complete=complete,
            clear_empty=clear_empty,
            on_wait=on_wait,
            first_admin=first_admin,
        )

    def report(label: str, summary) -> tuple[UploadResult, str]:
        figures = {
            "agencies_added": summary.agencies_added,
            "agencies_changed": sum(summary.agencies_changed.values()),
            "staff_added": summary.staff_added,
            "staff_moved": summary.staff_moved,
            "staff_left": summary.staff_left,
            "identifiers_removed": summary.identifiers_removed + len(summary.identifiers_moved),
            "links_lost": summary.links_lost + summary.links_moved,
            "rows_rejected": summary.rejected_total,
        }
        result = _result(label, summary, figures, language)
        result.losses_in_detail = [{"change": "left", **p} for p in summary.people_removed] + [
            {"change": "identifier_taken", **m} for m in summary.identifiers_moved
        ]
        detail = audit.described(
            "import_roster",
            name=label,
            agencies=summary.agencies_added,
            staff=summary.staff_added,
            moved=summary.staff_moved,
            left=summary.staff_left,
        )
        return result, detail

    return _upload(engine, username, files, run, report, dry_run=dry_run, first_admin=first_admin, language=language)


def _upload(
    engine: Engine,
    username: str,
    files: list[tuple[str, bytes]],
    run: Callable[[list[Path]], Any],
    report: Callable[[str, Any], tuple[UploadResult, str]],
    *,
    dry_run: bool,
    first_admin: accounts.FirstAdmin | None,
    language: str = "en",
) -> UploadResult:
    """The one path of every upload: check the files, write them to a folder of their
    own, ``run`` the import on them, and log what it did; any refusal, of the files
    or by the import, is answered and logged alike. ``report`` gives the result and
    the audit log's line from the import's summary."""
    names = [_safe_name(name) for name, _ in files]
    label = ", ".join(names)
    for name, (_, data) in zip(names, files, strict=True):
        if problem := _check(name, data):
            return _refused(engine, username, label, problem, dry_run, language=language)
    if len(set(names)) != len(names):
        return _refused(engine, username, label, Refusal("same_names"), dry_run, language=language)
    with tempfile.TemporaryDirectory(prefix="ispeed-upload-") as folder:
        paths = [Path(folder) / name for name in names]
        for path, (_, data) in zip(paths, files, strict=True):
            path.write_bytes(data)
        try:
            summary = run(paths)
        except FileImportError as exc:
            return _refused(engine, username, label, exc, dry_run, exc.rejects, language)
        except Exception:  # a bug or a database fault: the details go to the log, never to the page
            logger.exception("import of %s failed", label)
            return _refused(engine, username, label, UNEXPECTED, dry_run, language=language)
    result, detail = report(label, summary)
    if summary.applied:
        with engine.begin() as conn:
            audit.record(conn, _actor(username, summary, first_admin), "import", detail)
    return result


def _actor(username: str, summary, first_admin: accounts.FirstAdmin | None) -> str:
    """Who the import is logged as: the first administrator it created, when it
    replaced the demo (the demo account that started it is gone with the demo)."""
    if first_admin is not None and summary.demo_removed:
        return accounts.normalise_username(first_admin.username)
    return username


def _result(name: str, summary, figures: dict[str, int], language: str = "en") -> UploadResult:
    rejects = summary.rejects
    return UploadResult(
        name,
        summary_lines.table(summary.summary_lines(), language),
        figures,
        rejects=rejects_csv(rejects, language) if rejects is not None else None,
        rejected_rows=summary.rejected_total,
        losses=summary.losses,
        applied=summary.applied,
    )


def _safe_name(file_name: str) -> str:
    # Only the name counts: a browser may send a path, and a name must not climb out of the folder.
    name = PurePath(file_name.replace("\\", "/")).name.strip()
    return name if name not in ("", ".", "..") else "upload.csv"


def _check(name: str, data: bytes) -> Refusal | None:
    if not name.lower().endswith(SUFFIXES):
        return Refusal("not_a_table_file", name=name)
    if not data:
        return Refusal("file_empty", name=name)
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        return Refusal("too_large", name=name, megabytes=MAX_UPLOAD_MB)
    return None


def _refused(
    engine: Engine,
    username: str,
    name: str,
    reason: Refusal,
    dry_run: bool = False,
    rejects=None,
    language: str = "en",
) -> UploadResult:
    """The result of a refused upload: the reason in ``language``, and in the audit log
    in both languages (its reader sees their own)."""
    if not dry_run:  # a preview writes nothing, not even to the log
        key = "import_failed_named" if reason.names_file else "import_failed"
        detail = audit.described(key, name=name, reason_vi=reason.text("vi"), reason_en=reason.text("en"))
        try:
            with engine.begin() as conn:
                audit.record(conn, username, "import_failed", detail)
        except Exception:  # the database itself may be the fault: the user still gets the reason
            logger.exception("could not log the failed import of %s", name)
    rows = 0 if rejects is None else len(rejects)
    return UploadResult(
        name,
        error=reason.text(language),
        error_names_file=reason.names_file,
        rejects=rejects_csv(rejects, language) if rows else None,
        rejected_rows=rows,
    )
