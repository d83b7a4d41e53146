"""The command line's commands and options: ``python -m dashboard COMMAND …``.

The commands whose work :mod:`dashboard.cli.main` does are given to :func:`build`
by it (it imports this module, so this one cannot import it back); the others
bring their own sub-parser (:mod:`dashboard.cli.figures`, :mod:`dashboard.cli.users`)
or handler (:mod:`dashboard.cli.export`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import Engine

from dashboard.cli import export as cli_export
from dashboard.cli import figures as cli_figures
from dashboard.cli import report as cli_report
from dashboard.cli import send as cli_send
from dashboard.cli import users as cli_users
from dashboard.geo import boundaries
from dashboard.ingest import measurements
from dashboard.ingest.columns import MAPPABLE_FIELDS

#: What runs a command: the database's engine and the parsed arguments in, the exit code out.
Handler = Callable[[Engine, argparse.Namespace], int]


def build(
    *, init: Handler, import_measurements: Handler, import_roster: Handler, demo: Handler, status: Handler
) -> argparse.ArgumentParser:
    """The command line's parser; each command sets ``handler``, the function that runs it."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="i-Speed campaign dashboard for Lai Châu: set up the database and import data.",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None,
        help="SQLAlchemy database URL (default: DATABASE_URL, .streamlit/secrets.toml, or data/ispeed.sqlite)",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    command = commands.add_parser("init", help="create or migrate the schema and load the administrative units")
    command.add_argument(
        "--boundaries",
        type=Path,
        default=boundaries.BOUNDARIES_DIR,
        help="folder with communes_2025.geojson and crosswalk_2025.csv (default: data/boundaries)",
    )
    command.set_defaults(handler=init)

    _add_imports(commands, import_measurements, import_roster)
    _add_demo(commands, demo)
    _add_export(commands)
    cli_figures.add_parser(commands)
    cli_send.add_pack_command(cli_report.add_commands(commands))
    cli_send.add_commands(commands)
    cli_users.add_parser(commands)

    command = commands.add_parser("status", help="show what the database holds")
    command.set_defaults(handler=status)
    return parser


def _import_options(command: argparse.ArgumentParser) -> None:
    """Add the options every import takes: the files, where the rejects go, and the
    preview (``--dry-run``) and confirmation (``--yes``)."""
    command.add_argument("files", nargs="+", type=Path, metavar="FILE")
    command.add_argument(
        "--rejects-dir",
        type=Path,
        default=measurements.REJECTS_DIR,
        help="where rejects files are written (default: data/rejects)",
    )
    command.add_argument("--dry-run", action="store_true", help="show what the import would change, and write nothing")
    command.add_argument(
        "--yes",
        action="store_true",
        help="apply an import that removes something stored (the demo campaign, people, "
        "identifiers or links to tests); without it such an import is only shown",
    )


def _add_imports(commands, import_measurements: Handler, import_roster: Handler) -> None:
    command = commands.add_parser(
        "import-measurements",
        help="import i-Speed exports or agencies' sheets of reported tests (CSV or XLSX)",
        description="Import measurements. Each file is one transaction; rows already stored are skipped; "
        "unusable rows go to a rejects file (CSV for Excel).",
    )
    command.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="name the column for a field when headers are not recognised, e.g. "
        "--map download_kbps='DL speed' (fields: " + ", ".join(MAPPABLE_FIELDS) + ")",
    )
    _import_options(command)
    command.set_defaults(handler=import_measurements)

    command = commands.add_parser(
        "import-roster",
        help="import agencies and staff (CSV or XLSX; several files form one import)",
        description="Import agency lists and staff lists. A person whose agency changes gets a new membership "
        "from the start date in the file, or from --as-of.",
    )
    command.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="date of agency changes that carry no start date (default: today)",
    )
    command.add_argument(
        "--complete",
        action="store_true",
        help="the staff list is the whole staff of each agency it names: anyone else on those "
        "agencies' rosters leaves on the day before --as-of (listed person by person)",
    )
    command.add_argument(
        "--clear-empty",
        action="store_true",
        help="an empty cell in a column the file has clears the stored value (default: kept)",
    )
    _import_options(command)
    command.set_defaults(handler=import_roster)


def _add_demo(commands, demo: Handler) -> None:
    command = commands.add_parser(
        "demo",
        help="generate a realistic demo campaign and import it (marked as demo data)",
        description="Write a demo roster (roster.xlsx) and monthly i-Speed exports for Lai Châu, then import "
        "them through the normal import path, marked as demo data. The same arguments give the same files.",
    )
    command.add_argument("--seed", default=None, metavar="N", help="random seed (default: 2026)")
    command.add_argument(
        "--staff", default=None, metavar="N", help="staff on the roster (default: 17000; at least 500)"
    )
    command.add_argument("--weeks", default=None, metavar="N", help="ISO weeks of tests (default: 20)")
    command.add_argument(
        "--last-week", default="2026-W47", metavar="YYYY-Www", help="last ISO week of the campaign (default: 2026-W47)"
    )
    command.add_argument(
        "--folder", type=Path, default=None, metavar="DIR", help="where the files are written (default: data/demo)"
    )
    command.set_defaults(handler=demo)


def _add_export(commands) -> None:
    command = commands.add_parser(
        "export",
        help="write a list to send: communes short of samples, or participation by agency",
        description="uncovered: the communes under the sample floor for a period, as the coverage page shows "
        "them with its default settings. participation: each agency against the weekly target of tests per "
        "person over a range of ISO weeks, with the change against as many weeks before (XLSX: --per-agency "
        "adds a sheet per agency with each person's weeks). CSV for Excel, or formatted XLSX.",
    )
    command.add_argument(
        "list",
        choices=["uncovered", "participation"],
        help="which list (uncovered: communes short of samples; participation: agencies)",
    )
    command.add_argument(
        "--period",
        default=None,
        metavar="YYYY-MM|YYYY-Www",
        help="uncovered: a month (2026-11) or an ISO week (2026-W47)",
    )
    command.add_argument(
        "--weeks",
        default=None,
        metavar="YYYY-Www..YYYY-Www",
        help="participation: a range of ISO weeks (2026-W45..2026-W47) or one week",
    )
    command.add_argument(
        "--per-agency",
        action="store_true",
        help="participation, XLSX: a sheet per agency with each person's tests by week",
    )
    command.add_argument(
        "--target",
        default=None,
        metavar="N",
        help="participation: tests per person per week (default: the stored setting, 2 unless changed)",
    )
    command.add_argument(
        "--category",
        choices=["fixed", "mobile", "both"],
        default=None,
        help="uncovered: the communes short of fixed samples, of mobile samples, or of either "
        "(default both, with both shortfalls side by side)",
    )
    command.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    command.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write (default: data/exports/xa_chua_du_mau_PERIOD.FORMAT or "
        "data/exports/tham_gia_FIRST_LAST.FORMAT)",
    )
    command.add_argument("--language", choices=["vi", "en"], default="vi", help="column headings (default vi)")
    command.set_defaults(handler=cli_export.export)
