"""``python -m dashboard report agencies …`` and ``python -m dashboard send weekly …``:
each agency's pack for a week, written to a folder or sent by mail.

``report agencies --week 2026-W47 --output-dir DIR``: one workbook per agency (its week
against the target and the province, its people over the last weeks, its
reminder list with contacts in full) and an index (index.xlsx, index.csv).

``send weekly --week 2026-W47 [--dry-run]``: each agency with an e-mail address
gets its pack; the department's recipients (a setting) get the weekly report.
``--dry-run`` lists who would get what and sends nothing. ``--week last`` is the
last complete ISO week, for a timer. Exit code 1 when a message failed.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from dashboard.access import audit
from dashboard.cli.arguments import UserError
from dashboard.cli.export import EXPORTS_DIR, data_span_or_stop, open_database
from dashboard.dates import clock, periods
from dashboard.documents import pack_files, packs
from dashboard.ingest import demo_data
from dashboard.mail import sending, weekly
from dashboard.mail.settings import MailSettingsError, load_smtp_settings
from dashboard.reports import participation as part
from dashboard.reports.settings import load_settings

#: Exit code when at least one message could not be sent (or, in a dry run, built).
EXIT_SEND_FAILED = 1
_WEEK_HELP = "an ISO week (2026-W47), or 'last': the last complete week (Monday to Sunday, Vietnam time)"


def add_pack_command(reports) -> None:
    """Add ``agencies`` (each agency's pack) to the ``report`` command's kinds."""
    pack = reports.add_parser(
        "agencies",
        help="write each agency's pack for a week (XLSX) and an index",
        description="One workbook per agency for an ISO week: its figures against the weekly target and the "
        "province, its people week by week over the last 4 weeks, and the reminder list of its staff under the "
        "target with their phones and e-mails in full (personal data: the writing is audited); with index.xlsx "
        "and index.csv (agency code, name, file, e-mail address).",
    )
    pack.add_argument("--week", required=True, metavar="YYYY-Www|last", help=_WEEK_HELP)
    pack.add_argument(
        "--output-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where to write (default: data/exports/goi_co_quan_WEEK)",
    )
    pack.add_argument("--language", choices=["vi", "en"], default="vi", help="the packs' language (default vi)")
    pack.set_defaults(handler=write_packs)


def add_commands(commands) -> None:
    """Add the ``send`` command to the command line's subcommands."""
    send = commands.add_parser("send", help="send the week's results by mail (see 'send weekly --help')")
    kinds = send.add_subparsers(title="mail", required=True, metavar="MAIL")
    week_mail = kinds.add_parser(
        "weekly",
        help="each agency's pack to its address, the weekly report to the department",
        description="Send each agency with an e-mail address (the agency list's Email column) its pack for the "
        "week, and the department's recipients (a setting) the weekly report. The mail server comes from [smtp] "
        "in .streamlit/secrets.toml or ISPEED_SMTP_* variables. Every message sent or failed is audited; a "
        "failure for one agency stops no other. Exit code 1 when a message failed.",
    )
    week_mail.add_argument("--week", required=True, metavar="YYYY-Www|last", help=_WEEK_HELP)
    week_mail.add_argument("--dry-run", action="store_true", help="list who would get what, and send nothing")
    week_mail.add_argument("--language", choices=["vi", "en"], default="vi", help="the mail's language (default vi)")
    week_mail.add_argument(
        "--report-format",
        choices=list(weekly.REPORT_FORMATS),
        default="pdf",
        help="the department's report (default pdf)",
    )
    week_mail.set_defaults(handler=send_weekly)


def parse_week(text: str) -> periods.Period:
    """The ISO week written on the command line, or the last complete one for 'last'.
    A week that has not started has nothing to report."""
    today = clock.today()
    if text.strip().lower() == "last":
        return periods.last_complete_weeks(today, 1)
    try:
        week = periods.week(text.strip())
    except periods.PeriodError as exc:
        raise UserError(f"--week: {exc}; or 'last' for the last complete week") from None
    if week.first_day > today:
        raise UserError(f"--week: {week.key} has not started yet (today is {today} in Vietnam)")
    return week


def write_packs(engine, args) -> int:
    """The ``report agencies`` command: every agency's pack and the index, in a folder."""
    week = parse_week(args.week)
    if week.in_progress(clock.today()):
        print(f"warning: {week.key} is not over yet; the packs give its figures so far", file=sys.stderr)
    with open_database(engine).connect() as conn:
        span = data_span_or_stop(conn)
        if part.agencies(conn).empty:
            raise UserError("the database holds no roster yet: import one with 'python -m dashboard import-roster'")
        assert span.last_day is not None and span.first_day is not None  # checked by data_span_or_stop
        if week.first_day > span.last_day or week.last_day < span.first_day:
            print(
                f"warning: no measurement in {week.key} (the data covers {span.first_day} to {span.last_day}); "
                "nobody meets the target",
                file=sys.stderr,
            )
        built = packs.build_packs(conn, week, load_settings(conn), args.language)
    folder = args.output_dir or EXPORTS_DIR / f"goi_co_quan_{week.key}"
    pack_files.write_packs(built, folder, args.language)
    with engine.begin() as conn:  # the packs hold phones and e-mails in full
        audit.record(
            conn,
            _actor(),
            "personal_data_download",
            audit.described("agency_packs", week=week.key, agencies=len(built.packs), folder=str(folder)),
        )
    print(
        f"{len(built.packs)} agency packs for {week.key} in {folder}, with {pack_files.INDEX_STEM}.xlsx and "
        f"{pack_files.INDEX_STEM}.csv"
    )
    print(f"with an e-mail address: {len(built.with_address)}; without: {len(built.without_address)}")
    if built.without_staff:
        codes = ", ".join(code for code, _ in built.without_staff)
        print(f"no pack (nobody on the roster in {week.key}): {codes}")
    return 0


def send_weekly(engine, args) -> int:
    """The ``send weekly`` command: build the week's mail, then list it (dry run) or send it."""
    week = parse_week(args.week)
    if week.in_progress(clock.today()):
        # Its reminder lists would name people who may still test this week.
        raise UserError(f"--week: {week.key} is not over yet (it ends on {week.last_day}); its results go out after it")
    with open_database(engine).connect() as conn:
        span = data_span_or_stop(conn)
        assert span.last_day is not None  # checked by data_span_or_stop
        if week.first_day > span.last_day:
            # Sent now, it would tell every agency that nobody tested.
            raise UserError(
                f"no measurement in {week.key} yet (the data ends on {span.last_day}): import the week's exports first"
            )
        only_demo = demo_data.holds_only_demo(conn)
    if only_demo and not args.dry_run:
        raise UserError("the database holds the demo campaign only: its made-up figures are not sent (try --dry-run)")
    try:
        smtp = load_smtp_settings()
    except MailSettingsError as exc:
        if not args.dry_run:
            raise UserError(str(exc)) from None
        smtp = None
        print(f"note: the mail server is not set up ({exc}); nothing could be sent", file=sys.stderr)
    mail = weekly.weekly_mail(
        engine, week, smtp.sender if smtp else "", language=args.language, report_format=args.report_format
    )
    print(f"week {week.key} ({week.label('en')}); mail server: {smtp.describe() if smtp else 'not set up'}")
    if args.dry_run:
        return _dry_run(mail)
    if not mail.outgoing:
        print("nothing to send: no agency has an e-mail address and no department recipient is set")
        _say_skipped(mail)
        return 0
    assert smtp is not None  # a real run stops above without settings
    results = sending.send_all(engine, mail.outgoing, smtp, _actor(), week.key, on_result=_say_result)
    _say_skipped(mail)
    failed = [r for r in results if not r.sent]
    print(f"sent {len(results) - len(failed)} of {_messages(len(results))}; skipped {len(mail.skipped)} agencies")
    if failed:
        print(f"error: {len(failed)} of {_messages(len(results))} not sent (see the lines above)", file=sys.stderr)
        return EXIT_SEND_FAILED
    return 0


def _dry_run(mail: weekly.WeeklyMail) -> int:
    for item in mail.outgoing:
        if item.message is None:
            print(f"cannot send: {item.describe()} — {item.problem}")
        else:
            print(f"would send: {item.describe()}")
    _say_skipped(mail)
    ready = [item for item in mail.outgoing if item.message is not None]
    print(f"dry run: {_messages(len(ready))} would be sent; nothing was sent")
    return 0 if len(ready) == len(mail.outgoing) else EXIT_SEND_FAILED


def _say_result(result: sending.Delivery) -> None:
    if result.sent:
        print(f"sent: {result.outgoing.describe()}", flush=True)
    else:
        print(f"failed: {result.outgoing.describe()} — {result.error}", flush=True)


def _say_skipped(mail: weekly.WeeklyMail) -> None:
    for pack in mail.skipped:
        print(f"skipped (no e-mail address): {pack.agency_code} {pack.name}")
    for code, name in mail.packs.without_staff:
        print(f"skipped (nobody on the roster in {mail.packs.week.key}): {code} {name}")


def _messages(count: int) -> str:
    return f"{count} message" if count == 1 else f"{count} messages"


def _actor() -> str:
    """Who ran the command, for the audit log (as ``users`` writes it)."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name in some containers
        return "cli"
