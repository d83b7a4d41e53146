"""``python -m dashboard figures --period 2026-W47|2026-11``: the overview's headline
figures, from the same definitions as every page (:mod:`figures`), for scripts and
scheduled checks."""

from __future__ import annotations

import json

from dashboard.cli.export import data_span_or_stop, open_database, parse_period
from dashboard.dates import clock
from dashboard.reports import figures
from dashboard.reports.rules import ACCESS_KINDS
from dashboard.reports.settings import load_settings


def add_parser(commands) -> None:
    """Add the ``figures`` command to the command line's subcommands."""
    command = commands.add_parser(
        "figures",
        help="the headline figures of a week or month (JSON or a table)",
        description="The overview's headline figures for a period, computed with the stored settings: tests, "
        "staff on the roster, who tested, who met the weekly target, compliance, communes at target per "
        "category, median download per category. Weeks that have not started are not counted; a week in "
        "progress is not counted as missed.",
    )
    command.add_argument("--period", required=True, metavar="YYYY-MM|YYYY-Www", help="a month or an ISO week")
    command.add_argument(
        "--category",
        choices=["fixed", "mobile", "both"],
        default="both",
        help="the category of the commune and median figures (default both)",
    )
    command.add_argument("--format", choices=["json", "table"], default="table")
    command.set_defaults(handler=run)


def run(engine, args) -> int:
    """Print the period's headline figures."""
    period = parse_period(args.period, "figures")
    with open_database(engine).connect() as conn:
        data_span_or_stop(conn)
        result = figures.headline(conn, period, load_settings(conn), clock.today())
    result.pop("medians")
    if args.category != "both":
        for key in ("communes_at_target", "median_download", "samples"):
            result[key] = {args.category: result[key][args.category]}
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    compliance = "-" if result["compliance"] is None else f"{result['compliance']:.1%}"
    lines = [
        ("period", result["period"]),
        ("tests", f"{result['tests']:,}"),
        ("staff on the roster", f"{result['staff_on_roster']:,}"),
        ("staff who tested", f"{result['staff_tested']:,}"),
        ("staff meeting the target", "-" if result["staff_met_target"] is None else f"{result['staff_met_target']:,}"),
        ("compliance", compliance),
        ("tests by people on no roster", f"{result['tests_not_on_roster']:,}"),
    ]
    for access in ACCESS_KINDS:
        if access in result["communes_at_target"]:
            median = result["median_download"][access]
            lines.append(
                (f"communes at target, {access}", f"{result['communes_at_target'][access]}/{result['communes']}")
            )
            lines.append((f"median download, {access}", "-" if median is None else f"{median:.1f} Mbps"))
    if result["week_in_progress"]:
        lines.append(("week in progress", f"{result['week_in_progress']} (not counted as missed)"))
    width = max(len(name) for name, _ in lines) + 2
    print("\n".join(f"{name + ':':<{width}}{value}" for name, value in lines))
    return 0
