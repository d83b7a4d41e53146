"""Command line: ``python -m dashboard COMMAND …``.

Every user mistake (a bad file, an unknown column, an unreachable database) ends
with a one-line reason and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from tqdm import tqdm

from dashboard.access.accounts import AccountError
from dashboard.cli import export as cli_export
from dashboard.cli import figures as cli_figures
from dashboard.cli import send as cli_send
from dashboard.cli import users as cli_users
from dashboard.cli.arguments import UserError, whole_number
from dashboard.dates import clock
from dashboard.geo import boundaries
from dashboard.ingest import demo_data, measurements, roster
from dashboard.ingest.columns import MAPPABLE_FIELDS
from dashboard.store import database, migrations, queries

EXIT_BAD_INPUT = 2
EXIT_NOT_CONFIRMED = 3  # an import that would lose something stored, run without --yes

#: What each kind of loss means, for the line that asks for --yes.
_LOSSES = {
    "demo_replaced": "remove the demo campaign and its accounts",
    "people_removed": "take people off their agencies' rosters",
    "identifiers_removed": "remove stored phones, accounts or e-mails",
    "identifiers_moved": "take phones, accounts or e-mails from other people",
    "links_lost": "unlink tests from the people they are linked to",
}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        engine = database.make_engine(args.database)
        return args.handler(engine, args) or 0
    except (
        UserError,
        AccountError,
        measurements.FileImportError,
        boundaries.BoundaryError,
        migrations.SchemaError,
    ) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ArgumentError:
        print(f"error: not a database URL: {args.database!r} (e.g. sqlite:///data/ispeed.sqlite)", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # a folder or file the user named cannot be used
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        print(f"error: cannot use the database {_safe_url(args.database)}: {reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted: nothing was written by the unfinished step", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
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

    init = commands.add_parser("init", help="create or migrate the schema and load the administrative units")
    init.add_argument(
        "--boundaries",
        type=Path,
        default=boundaries.BOUNDARIES_DIR,
        help="folder with communes_2025.geojson and crosswalk_2025.csv (default: data/boundaries)",
    )
    init.set_defaults(handler=_init)

    imp = commands.add_parser(
        "import-measurements",
        help="import i-Speed exports or agencies' sheets of reported tests (CSV or XLSX)",
        description="Import measurements. Each file is one transaction; rows already stored are skipped; "
        "unusable rows go to a rejects file (CSV for Excel).",
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="name the column for a field when headers are not recognised, e.g. "
        "--map download_kbps='DL speed' (fields: " + ", ".join(MAPPABLE_FIELDS) + ")",
    )
    imp.add_argument(
        "--rejects-dir",
        type=Path,
        default=measurements.REJECTS_DIR,
        help="where rejects files are written (default: data/rejects)",
    )
    _preview_options(imp)
    imp.set_defaults(handler=_import_measurements)

    ros = commands.add_parser(
        "import-roster",
        help="import agencies and staff (CSV or XLSX; several files form one import)",
        description="Import agency lists and staff lists. A person whose agency changes gets a new membership "
        "from the start date in the file, or from --as-of.",
    )
    ros.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ros.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="date of agency changes that carry no start date (default: today)",
    )
    ros.add_argument("--rejects-dir", type=Path, default=measurements.REJECTS_DIR)
    ros.add_argument(
        "--complete",
        action="store_true",
        help="the staff list is the whole staff of each agency it names: anyone else on those "
        "agencies' rosters leaves on the day before --as-of (listed person by person)",
    )
    ros.add_argument(
        "--clear-empty",
        action="store_true",
        help="an empty cell in a column the file has clears the stored value (default: kept)",
    )
    _preview_options(ros)
    ros.set_defaults(handler=_import_roster)

    demo = commands.add_parser(
        "demo",
        help="generate a realistic demo campaign and import it (marked as demo data)",
        description="Write a demo roster (roster.xlsx) and monthly i-Speed exports for Lai Châu, then import "
        "them through the normal import path, marked as demo data. The same arguments give the same files.",
    )
    demo.add_argument("--seed", default=None, metavar="N", help="random seed (default: 2026)")
    demo.add_argument("--staff", default=None, metavar="N", help="staff on the roster (default: 17000; at least 500)")
    demo.add_argument("--weeks", default=None, metavar="N", help="ISO weeks of tests (default: 20)")
    demo.add_argument(
        "--last-week", default="2026-W47", metavar="YYYY-Www", help="last ISO week of the campaign (default: 2026-W47)"
    )
    demo.add_argument(
        "--folder", type=Path, default=None, metavar="DIR", help="where the files are written (default: data/demo)"
    )
    demo.set_defaults(handler=_demo)

    export = commands.add_parser(
        "export",
        help="write a list to send: communes short of samples, or participation by agency",
        description="uncovered: the communes under the sample floor for a period, as the coverage page shows "
        "them with its default settings. participation: each agency against the weekly target of tests per "
        "person over a range of ISO weeks, with the change against as many weeks before (XLSX: --per-agency "
        "adds a sheet per agency with each person's weeks). CSV for Excel, or formatted XLSX.",
    )
    export.add_argument(
        "list",
        choices=["uncovered", "participation"],
        help="which list (uncovered: communes short of samples; participation: agencies)",
    )
    export.add_argument(
        "--period",
        default=None,
        metavar="YYYY-MM|YYYY-Www",
        help="uncovered: a month (2026-11) or an ISO week (2026-W47)",
    )
    export.add_argument(
        "--weeks",
        default=None,
        metavar="YYYY-Www..YYYY-Www",
        help="participation: a range of ISO weeks (2026-W45..2026-W47) or one week",
    )
    export.add_argument(
        "--per-agency",
        action="store_true",
        help="participation, XLSX: a sheet per agency with each person's tests by week",
    )
    export.add_argument(
        "--target",
        default=None,
        metavar="N",
        help="participation: tests per person per week (default: the stored setting, 2 unless changed)",
    )
    export.add_argument(
        "--category",
        choices=["fixed", "mobile", "both"],
        default=None,
        help="uncovered: the communes short of fixed samples, of mobile samples, or of either "
        "(default both, with both shortfalls side by side)",
    )
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    export.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write (default: data/exports/xa_chua_du_mau_PERIOD.FORMAT or "
        "data/exports/tham_gia_FIRST_LAST.FORMAT)",
    )
    export.add_argument("--language", choices=["vi", "en"], default="vi", help="column headings (default vi)")
    export.set_defaults(handler=cli_export.export)

    cli_figures.add_parser(commands)
    cli_users.add_parser(commands)
    cli_send.add_commands(commands)

    status = commands.add_parser("status", help="show what the database holds")
    status.set_defaults(handler=_status)
    return parser


def _init(engine, args) -> int:
    version = migrations.migrate(engine)
    loaded = boundaries.load_boundaries(engine, args.boundaries)
    print(f"database: {_safe_url(args.database)} (schema version {version})")
    print(
        f"loaded {len(loaded.communes)} communes (2025), {len(loaded.crosswalk)} pre-2025 units, "
        f"{len(loaded.former_districts)} former districts"
    )
    return 0


def _parse_map(pairs: list[str]) -> dict[str, str] | None:
    mapping = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        if not sep or not field.strip() or not header:
            raise UserError(f"--map takes FIELD=HEADER, got '{pair}'")
        mapping[field.strip()] = header
    return mapping or None


def _preview_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--dry-run", action="store_true", help="show what the import would change, and write nothing")
    command.add_argument(
        "--yes",
        action="store_true",
        help="apply an import that removes something stored (the demo campaign, people, "
        "identifiers or links to tests); without it such an import is only shown",
    )


def _import_measurements(engine, args) -> int:
    column_map = _parse_map(args.map)
    worst = 0
    for path in args.files:
        bar = tqdm(desc=f"writing {path.name}", unit=" rows", unit_scale=True, leave=False, disable=None)
        try:
            summary = measurements.import_measurements(
                engine,
                path,
                column_map=column_map,
                rejects_dir=args.rejects_dir,
                progress=bar.update,
                dry_run=args.dry_run,
                confirmed=args.yes,
                on_wait=_say_waiting,
            )
        finally:
            bar.close()
        worst = max(worst, _report(summary))
        if len(args.files) > 1:
            print()
    return worst


def _import_roster(engine, args) -> int:
    summary = roster.import_roster(
        engine,
        args.files,
        as_of=args.as_of,
        rejects_dir=args.rejects_dir,
        dry_run=args.dry_run,
        confirmed=args.yes,
        complete=args.complete,
        clear_empty=args.clear_empty,
        on_wait=_say_waiting,
    )
    return _report(summary)


def _say_waiting() -> None:
    print("waiting for another import to finish…", file=sys.stderr, flush=True)


def _report(summary) -> int:
    """Print an import's summary; say when it was only a preview, and why."""
    if not summary.applied:
        print("preview: nothing was written")
    print("\n".join(summary.lines()))
    if summary.dry_run and summary.losses:
        losses = "; ".join(_LOSSES[name] for name in summary.losses)
        print(f"note: this import would {losses}; run without --dry-run it will ask for --yes.", file=sys.stderr)
    if summary.applied or summary.dry_run:
        return 0
    losses = "; ".join(_LOSSES[name] for name in summary.losses)
    print(
        f"not imported: this import would {losses}. Check the lines above, then run it again with --yes to apply it.",
        file=sys.stderr,
    )
    return EXIT_NOT_CONFIRMED


def _demo(engine, args) -> int:
    from dashboard import demo  # loaded only for this command
    from dashboard.demo.activity import campaign_mondays

    seed = whole_number("--seed", args.seed, demo.DEFAULT_SEED, 0)
    staff = whole_number("--staff", args.staff, 17_000, demo.MIN_STAFF)
    weeks = whole_number("--weeks", args.weeks, 20, 1)
    try:
        last_monday = campaign_mondays(args.last_week, weeks)[-1].astype(dt.date)
    except ValueError as exc:
        raise UserError(f"--last-week: {exc}") from None
    # Tests dated in the future would be rejected by the import: the week must be over
    # in Vietnam (on its Sunday, the afternoon's tests are still to come).
    if last_monday + dt.timedelta(days=6) >= clock.today():
        raise UserError(
            f"--last-week: {args.last_week} is not over yet (it ends on {last_monday + dt.timedelta(days=6)})"
        )
    bar = tqdm(
        total=100, desc="demo", bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}", leave=False, disable=None
    )

    said = []

    def progress(share: float, step: str) -> None:
        bar.set_description(step)
        bar.update(round(share * 100) - bar.n)
        if bar.disable and step not in said:  # no terminal for the bar (a log, a pipe): one line per step
            said.append(step)
            print(step if step == "done" else f"{step}…", file=sys.stderr, flush=True)

    try:
        result = demo.create_demo(
            engine,
            args.folder or demo.DEMO_DIR,
            seed=seed,
            staff=staff,
            weeks=weeks,
            last_week=args.last_week,
            progress=progress,
        )
    finally:
        bar.close()
    files = result.files
    print(f"demo campaign in {files.roster.parent} (seed {seed}, {weeks} weeks to {args.last_week})")
    print(
        f"agencies: {result.agencies:,}; staff: {result.staff:,}; tests: {result.tests:,} "
        f"in {len(files.exports)} monthly exports"
    )
    roster_summary = result.roster_summary
    print(
        f"roster:   {roster_summary.agencies_added:,} agencies and {roster_summary.staff_added:,} staff added, "
        f"{roster_summary.identifiers_added:,} identifiers"
    )
    for summary in result.import_summaries:
        print(
            f"{summary.file}: read {summary.rows_read:,}, imported {summary.imported:,}, already present "
            f"{summary.already_present:,}, outside {summary.outside:,}, linked to staff {summary.matched_staff:,}"
        )
    print(f"imported: {result.rows_imported:,} tests")
    print(
        f"time:     {result.seconds:.1f} s (generation {result.generation_seconds:.1f} s, "
        f"import {result.import_seconds:.1f} s)"
    )
    return 0


def _status(engine, args) -> int:
    boundaries.ensure_ready(engine)
    with engine.connect() as conn:
        version = migrations.current_version(conn)
        counts = queries.run(conn, "store_status").iloc[0]
        only_demo = demo_data.holds_only_demo(conn)
    print(f"database:      {_safe_url(args.database)} (schema version {version})")
    if only_demo:
        print("data:          the DEMO campaign (simulated; the first real import replaces it)")
    print(f"communes:      {counts['communes']} (2025 edition), {counts['former_districts']} former districts")
    print(
        f"measurements:  {int(counts['measurements']):,} from {counts['first_day'] or '-'} to {counts['last_day'] or '-'}"
    )
    print(
        f"  placed in a commune: {int(counts['placed'] or 0):,}; outside the province: {int(counts['outside'] or 0):,}"
    )
    print(f"  linked to staff:     {int(counts['linked'] or 0):,}")
    print(f"agencies:      {counts['agencies']:,}; staff: {counts['staff']:,}")
    print(f"imports:       {counts['imports']:,}")
    return 0


def _safe_url(url: str | None) -> str:
    return make_url(url or database.database_url()).render_as_string(hide_password=True)
