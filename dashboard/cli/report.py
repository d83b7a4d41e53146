"""``python -m dashboard report weekly --week 2026-W47`` and ``report monthly --month
2026-11``: the official report of a week or month (Decree 30/2020/NĐ-CP layout),
as DOCX for the clerk to number and sign, or as PDF."""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.cli.arguments import UserError
from dashboard.cli.export import open_database
from dashboard.dates import clock, periods

#: The period option of each report: (kind, flag, metavar, example).
_KINDS = {"weekly": ("week", "--week", "YYYY-Www", "2026-W47"), "monthly": ("month", "--month", "YYYY-MM", "2026-11")}


def add_commands(commands):
    """Add ``report weekly`` and ``report monthly`` to the command line's subcommands;
    returns the report's kinds, for ``report agencies`` (cli/send.py)."""
    report = commands.add_parser(
        "report",
        help="write the official weekly or monthly report (DOCX or PDF), or each agency's pack (XLSX)",
        description="The department's report on the campaign for a week or a month, laid out as Decree "
        "30/2020/NĐ-CP lays out an administrative report: the headline figures against the previous period, "
        "the agencies' participation, the communes short of samples, quality by operator and the weekly trend, "
        "from the same definitions as the pages, with the stored settings (issuing body, signer, recipients). "
        "The number is left blank for the clerk.",
    )
    kinds = report.add_subparsers(title="reports", required=True, metavar="KIND")
    for name, (kind, flag, metavar, example) in _KINDS.items():
        command = kinds.add_parser(name, help=f"the report of one {kind} ({flag} {example})")
        command.add_argument(flag, dest="period", required=True, metavar=metavar, help=f"the {kind}, e.g. {example}")
        command.add_argument(
            "--format", choices=["docx", "pdf"], default="docx", help="the file's format (default docx)"
        )
        command.add_argument(
            "--output",
            type=Path,
            default=None,
            metavar="FILE",
            help="where to write (default: bao-cao-tuan-2026-W47.docx or bao-cao-thang-2026-11.docx in the current folder)",
        )
        command.set_defaults(handler=run, report_kind=kind, period_flag=flag)
    return kinds


def run(engine, args) -> int:
    """Write the report of ``args.period`` to ``args.output``."""
    # The documents package (matplotlib, ReportLab, python-docx) is loaded for this command only.
    from dashboard.documents import report

    try:
        period = periods.week(args.period) if args.report_kind == "week" else periods.month(args.period)
    except periods.PeriodError as exc:
        raise UserError(f"{args.period_flag}: {exc}") from None
    today = clock.today()
    if period.first_day > today:
        raise UserError(f"{args.period_flag}: {period.key} has not started yet (today is {today} in Vietnam)")
    if period.last_day >= today:
        print(f"note: {period.key} is not over yet: the report gives its figures so far", file=sys.stderr)
    try:
        content = report.build_report(open_database(engine), period, args.format, today=today)
    except report.ReportError as exc:
        raise UserError(str(exc)) from None
    output = args.output or Path.cwd() / report.report_file_name(period, args.format)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(content)
    print(f"report for {period.key} ({args.format}, {len(content):,} bytes): {output}")
    return 0
