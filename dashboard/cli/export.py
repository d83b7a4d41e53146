"""``python -m dashboard export …``: lists to send by mail, written to a file.

``uncovered``: the communes short of samples in a month or ISO week.
``participation``: each agency against the weekly target of tests per person over
a range of ISO weeks, with the previous range of as many weeks for comparison;
``--per-agency`` adds one sheet per agency with each person's tests week by week.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from dashboard import i18n, paths, sheets
from dashboard.access.accounts import DEPARTMENT
from dashboard.cli.arguments import UserError, whole_number
from dashboard.dates import clock, periods
from dashboard.geo import boundaries
from dashboard.reports import coverage, exports, figures, overview
from dashboard.reports import participation as part
from dashboard.reports.settings import load_settings
from dashboard.store.tables import MAX_WEEKLY_TARGET

EXPORTS_DIR = paths.REPO_ROOT / "data" / "exports"
#: The options that only some lists take: list -> options it takes.
_OPTIONS = {"uncovered": {"period", "category"}, "participation": {"weeks", "per_agency", "target"}}
_FLAGS = {
    "period": "--period",
    "category": "--category",
    "weeks": "--weeks",
    "per_agency": "--per-agency",
    "target": "--target",
}


def export(engine, args) -> int:
    """The ``export`` command: check the options for the list asked for, then write it."""
    taken = _OPTIONS[args.list]
    for option, flag in _FLAGS.items():
        if option not in taken and getattr(args, option) not in (None, False):
            raise UserError(f"{flag} does not apply to 'export {args.list}'")
    if args.list == "uncovered":
        return export_uncovered(engine, args)
    return export_participation(engine, args)


def parse_period(text: str | None, command: str, flag: str = "--period") -> periods.Period:
    """A month (2026-11) or an ISO week (2026-W47) written on the command line."""
    if text is None:
        raise UserError(f"'{command}' needs {flag}, a month (2026-11) or an ISO week (2026-W47)")
    try:
        return periods.month(text) if "W" not in text else periods.week(text)
    except periods.PeriodError as exc:
        raise UserError(f"{flag}: {exc}") from None


def export_uncovered(engine, args) -> int:
    """The communes short of samples in ``--period`` (a month or an ISO week) for
    ``--category``: the coverage page's list, with the stored settings."""
    period = parse_period(args.period, "export uncovered")
    category = args.category or "both"
    with open_database(engine).connect() as conn:
        span = data_span_or_stop(conn)
        assert span.first_day is not None and span.last_day is not None  # checked by data_span_or_stop
        if period.last_day < span.first_day or period.first_day > span.last_day:
            print(
                f"warning: no measurement in {period.key} (the data covers {span.first_day} to "
                f"{span.last_day}); every commune is listed",
                file=sys.stderr,
            )
        status = figures.commune_status(
            coverage.coverage_data(conn, period), period, load_settings(conn), today=clock.today()
        )
    listed = coverage.uncovered(status, category)
    sheet = exports.uncovered_sheet(listed, args.language, category)
    output = _output(args, exports.uncovered_file_stem(period.key, category))
    if args.format == "csv":
        output.write_bytes(sheets.csv_bytes(sheet))
    else:
        title = (
            f"{i18n.label('uncovered_title', args.language)} ({i18n.label(category, args.language)}) — "
            f"{period.label(args.language)}"
        )
        output.write_bytes(sheets.xlsx_bytes(sheet, title))
    print(f"{len(sheet)} communes short of {category} samples in {period.key}: {output}")
    return 0


def export_participation(engine, args) -> int:
    """Each agency's participation over ``--weeks`` against ``--target`` tests per person per week."""
    if args.weeks is None:
        raise UserError("'export participation' needs --weeks, a range of ISO weeks such as 2026-W45..2026-W47")
    try:
        asked = periods.week_range(args.weeks)
    except periods.PeriodError as exc:
        raise UserError(f"--weeks: {exc}") from None
    # A week not started yet would only count everyone as behind.
    chosen = periods.started_part(asked, clock.today())
    if chosen is None:
        raise UserError(f"--weeks: {asked.first_week} has not started yet (today is {clock.today()} in Vietnam)")
    if chosen.last_week != asked.last_week:
        print(f"warning: the weeks after {chosen.last_week} have not started yet; they are left out", file=sys.stderr)
    first, last = chosen.first_week, chosen.last_week
    with open_database(engine).connect() as conn:
        stored_target = load_settings(conn).weekly_target  # the stored setting, unless --target says otherwise
    target = whole_number("--target", args.target, stored_target, 1, MAX_WEEKLY_TARGET)
    weeks = chosen.weeks
    language = args.language
    with open_database(engine).connect() as conn:
        span = data_span_or_stop(conn)
        assert span.first_day is not None and span.last_day is not None  # checked by data_span_or_stop
        agency_list = part.agencies(conn)
        if agency_list.empty:
            raise UserError("the database holds no roster yet: import one with 'python -m dashboard import-roster'")
        if periods.week(last).last_day < span.first_day or periods.week(first).first_day > span.last_day:
            print(
                f"warning: no measurement in {first}..{last} (the data covers {span.first_day} to "
                f"{span.last_day}); no agency meets the target",
                file=sys.stderr,
            )
        table = part.agency_table(
            part.agency_weeks(conn, chosen, target),
            agency_list,
            part.agency_weeks(conn, chosen.previous(), target),
        )
        staff = part.staff_weeks(conn, DEPARTMENT, chosen) if args.per_agency and args.format == "xlsx" else None
    sheet = exports.participation_sheet(table, language)
    output = _output(args, f"tham_gia_{first}_{last}")
    if args.format == "csv":
        if args.per_agency:
            print("warning: --per-agency needs --format xlsx; the CSV holds the agency sheet only", file=sys.stderr)
        output.write_bytes(sheets.csv_bytes(sheet))
    else:
        about = f"{chosen.label(language)} · {i18n.label('weekly_target', language)}: {target}"
        title = f"{i18n.label('participation_export_title', language)} · {about}"
        book = [(i18n.label("participation_sheet", language), sheet, title)]
        if staff is not None:
            book += _agency_sheets(table, staff, weeks, target, about, language)
        output.write_bytes(sheets.xlsx_book(book))
    met, person_weeks = int(table["met_weeks"].sum()), int(table["person_weeks"].sum())
    share = f"{met / person_weeks:.1%}" if person_weeks else "-"
    print(
        f"{len(table)} agencies, {met:,} of {person_weeks:,} person-weeks with at least {target} tests ({share}) "
        f"in {first}..{last}{' with a sheet per agency' if staff is not None else ''}: {output}"
    )
    return 0


def _agency_sheets(
    table: pd.DataFrame, staff: pd.DataFrame, weeks: list[str], target: int, about: str, language: str
) -> list[tuple[str, pd.DataFrame, str]]:
    """One sheet per agency of ``table`` (by code), named after its code."""
    agency_sheets = []
    by_agency = dict(tuple(staff.groupby("agency_code")))
    for agency in table.sort_values("agency_code").itertuples():
        rows = by_agency.get(agency.agency_code, staff.iloc[0:0])
        people = exports.staff_weeks_sheet(part.staff_sheet(rows, target), weeks, language)
        agency_sheets.append((agency.agency_code, people, f"{agency.name} ({agency.agency_code}) · {about}"))
    return agency_sheets


def open_database(engine):
    """The engine, once it is known to hold a database with the current schema."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and not Path(database).exists():
        raise UserError(f"no database at {database}: import i-Speed exports first, or give --database")
    boundaries.ensure_ready(engine)
    return engine


def data_span_or_stop(conn) -> overview.DataSpan:
    span = overview.data_span(conn)
    if span.first_day is None:
        raise UserError("the database holds no measurements yet: import i-Speed exports first")
    return span


def _output(args, stem: str) -> Path:
    output = args.output or EXPORTS_DIR / f"{stem}.{args.format}"
    output.parent.mkdir(parents=True, exist_ok=True)
    return output
