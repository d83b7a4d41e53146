"""The report's body, section by section: the sentences, tables and chart stated
from :class:`facts.ReportFacts`, in the administrative register (facts first,
then proposals). Every number is one the domain computed; this module only
writes it.
"""

from __future__ import annotations

import pandas as pd

from dashboard.documents import chart, operators
from dashboard.documents.content import Block, Figure, HeaderCell, Heading, Paragraph, Table
from dashboard.documents.facts import ReportFacts
from dashboard.documents.wording import (
    capitalised,
    change,
    day,
    listed,
    number,
    percent,
    period_short,
    say,
    signed,
    week_name,
    weeks_range,
)
from dashboard.reports import coverage, figures, targets
from dashboard.reports.overview import change as difference
from dashboard.reports.rules import ACCESS_KINDS

#: Agencies under this share of staff meeting the target are asked to act (the
#: proposal's bar, a wording choice: the figures themselves are the domain's).
AGENCY_BAR = 0.5
#: Agencies named in the sentence on the weakest, and on the best.
LOWEST_NAMED, BEST_NAMED = 10, 3
#: Communes named in the sentence on those furthest behind.
SHORTEST_NAMED = 5


def results(facts: ReportFacts, appendices: dict[str, str]) -> list[Block]:
    """Part I: the headline figures, the agencies, the communes, quality, the trend.
    ``appendices``: the label of each appendix the report has (agencies, communes, below)."""
    return [
        Heading(say("doc_part_results")),
        *headline(facts),
        *agencies(facts, appendices.get("agencies")),
        *communes(facts, appendices.get("communes")),
        *operators.section(facts, appendices.get("below")),
        *trend(facts),
    ]


def headline(facts: ReportFacts) -> list[Block]:
    """The headline figures against the previous period, in sentences and a small table."""
    now, before = facts.now, facts.before
    this, that = period_short(facts.period), period_short(facts.previous, facts.period)
    blocks: list[Block] = [Heading(say("doc_headline_heading"), 2)]
    tests_change = (
        change(now["tests"], before["tests"], lambda d: say("doc_tests_change", value=number(d)))
        if before["tests"]
        else say("doc_no_tests_before")
    )
    sentences = [say("doc_tests", period=this, tests=number(now["tests"]), change=tests_change, previous=that)]
    if now["staff_on_roster"]:
        every_week = say("doc_every_week") if len(now["weeks"]) > 1 else ""
        sentences.append(
            say(
                "doc_staff",
                tested=number(now["staff_tested"]),
                roster=number(now["staff_on_roster"]),
                met=number(now["staff_met_target"]),
                target=facts.settings.weekly_target,
                every_week=every_week,
            )
        )
    if now["compliance"] is None:
        sentences.append(say("doc_no_week_counted"))
    elif before["compliance"] is None:
        sentences.append(say("doc_compliance_first", share=percent(now["compliance"])))
    else:
        points = change(
            now["compliance"] * 100, before["compliance"] * 100, lambda d: say("doc_points", value=number(d, 1))
        )
        sentences.append(say("doc_compliance", share=percent(now["compliance"]), change=points, previous=that))
    if now["tests_not_on_roster"]:
        sentences.append(say("doc_not_on_roster", tests=number(now["tests_not_on_roster"])))
    blocks.append(Paragraph(" ".join(sentences)))
    if now["week_in_progress"]:
        key = "doc_in_progress" if facts.period.kind == "week" else "doc_in_progress_month"
        week = capitalised(week_name(now["week_in_progress"]))
        blocks.append(Paragraph(say(key, week=week, today=day(facts.today))))
    blocks.append(_headline_table(facts, capitalised(this), capitalised(that)))
    blocks.append(Paragraph(_headline_note(facts), note=True))
    return blocks


def _headline_table(facts: ReportFacts, this: str, that: str) -> Table:
    now, before = facts.now, facts.before

    def counts(key: str) -> tuple[str, str, str]:
        return number(now[key]), number(before[key]), signed(difference(now[key], before[key]))

    def communes(access: str) -> tuple[str, str, str]:
        at, earlier = now["communes_at_target"][access], before["communes_at_target"][access]
        return f"{at}/{now['communes']}", f"{earlier}/{before['communes']}", signed(difference(at, earlier))

    def median(access: str) -> tuple[str, str, str]:
        value, earlier = now["median_download"][access], before["median_download"][access]
        return number(value, 1), number(earlier, 1), signed(difference(value, earlier), 1)

    share_change = difference(now["compliance"], before["compliance"])
    rows = [
        ("doc_row_tests", counts("tests")),
        ("doc_row_roster", counts("staff_on_roster")),
        ("doc_row_tested", counts("staff_tested")),
        ("doc_row_met", counts("staff_met_target")),
        (
            "doc_row_compliance",
            (
                percent(now["compliance"]),
                percent(before["compliance"]),
                "–" if share_change is None else say("doc_points_short", value=signed(share_change * 100, 1)),
            ),
        ),
        ("doc_row_communes_fixed", communes("fixed")),
        ("doc_row_communes_mobile", communes("mobile")),
        ("doc_row_median_fixed", median("fixed")),
        ("doc_row_median_mobile", median("mobile")),
        ("doc_row_not_on_roster", counts("tests_not_on_roster")),
    ]
    return Table(
        header=(
            (
                HeaderCell(say("doc_col_number")),
                HeaderCell(say("doc_col_figure")),
                HeaderCell(this),
                HeaderCell(that),
                HeaderCell(say("doc_col_change")),
            ),
        ),
        rows=tuple((str(n), say(key), *values) for n, (key, values) in enumerate(rows, start=1)),
        widths=(0.07, 0.45, 0.15, 0.15, 0.18),
        align=("center", "left", "right", "right", "right"),
        title=say("doc_headline_table", period=period_short(facts.period), previous=that.lower()),
    )


def _headline_note(facts: ReportFacts) -> str:
    settings = facts.settings
    share = ""
    if facts.period.kind != "month":
        share = say(
            "doc_week_share",
            fixed=number(targets.period_target(settings.sample_floor_fixed, facts.period)),
            mobile=number(targets.period_target(settings.sample_floor_mobile, facts.period)),
        )
    return say(
        "doc_headline_note",
        target=settings.weekly_target,
        per_day=settings.tests_per_day,
        burst=settings.burst_minutes,
        share_of_month=share,
    )


def agencies(facts: ReportFacts, appendix: str | None) -> list[Block]:
    """Agencies against the target: how many reach the bar, the best and the weakest by name."""
    blocks: list[Block] = [Heading(say("doc_agencies_heading"), 2)]
    if facts.counted is None:
        return [*blocks, Paragraph(say("doc_no_week_counted"))]
    table = facts.agencies
    if table.empty:
        return [*blocks, Paragraph(say("doc_no_roster"))]
    bar = percent(AGENCY_BAR, 0)
    sentences = [
        say(
            "doc_agencies",
            weeks=weeks_range(facts.counted.first_week, facts.counted.last_week),
            agencies=number(len(table)),
            good=number(int((table["compliance"] >= AGENCY_BAR).sum())),
            weak=number(int((table["compliance"] < AGENCY_BAR).sum())),
            bar=bar,
            appendix=appendix,
        )
    ]
    best = table[table["compliance"] >= AGENCY_BAR].tail(BEST_NAMED).iloc[::-1]
    if not best.empty:
        sentences.append(say("doc_agencies_best", names=_agency_names(best)))
    lowest = table.head(LOWEST_NAMED)
    sentences.append(say("doc_agencies_lowest", names=_agency_names(lowest)))
    return [*blocks, Paragraph(" ".join(sentences))]


def _agency_names(rows: pd.DataFrame) -> str:
    return listed([f"{name} ({percent(share)})" for name, share in zip(rows["name"], rows["compliance"], strict=True)])


def communes(facts: ReportFacts, appendix: str | None) -> list[Block]:
    """The month's coverage: communes at target per category, those short and what they still need."""
    at = figures.communes_at_target(facts.month_status)
    last = min(facts.span.last_day or facts.month.last_day, facts.month.last_day)
    sentences = [
        say(
            "doc_coverage",
            month=period_short(facts.month),
            day=day(last),
            fixed=at["fixed"],
            mobile=at["mobile"],
            communes=facts.now["communes"],
        )
    ]
    short = facts.uncovered
    if short.empty:
        sentences.append(say("doc_all_covered"))
    else:
        named = [
            say("doc_short_of", name=_commune_name(row), what=", ".join(_shortfalls(row)))
            for _, row in short.head(SHORTEST_NAMED).iterrows()
        ]
        sentences.append(
            say(
                "doc_coverage_short",
                count=number(len(short)),
                fixed=number(short["fixed_shortfall"].sum()),
                mobile=number(short["mobile_shortfall"].sum()),
                appendix=appendix,
                names=listed(named),
            )
        )
        sentences.append(_still_needed(facts))
    return [Heading(say("doc_coverage_heading"), 2), Paragraph(" ".join(sentences))]


def _commune_name(row: pd.Series) -> str:
    return f"{str(row['unit_type']).lower()} {row['name']}"


def _shortfalls(row: pd.Series) -> list[str]:
    parts = []
    for access in ACCESS_KINDS:
        if row[f"{access}_shortfall"] > 0:
            parts.append(say(f"doc_short_{access}", value=number(row[f"{access}_shortfall"])))
    return parts


def _still_needed(facts: ReportFacts) -> str:
    """What the communes short of samples still need: per week, in the days left, or nothing (the month is over)."""
    left = coverage.weeks_left(facts.month, facts.today)
    short = facts.uncovered
    if left >= 1:
        return say(
            "doc_needed_weekly",
            end=day(facts.month.last_day),
            fixed=number(short["fixed_tests_per_week_needed"].sum()),
            mobile=number(short["mobile_tests_per_week_needed"].sum()),
        )
    if left > 0:
        return say(
            "doc_needed_now",
            days=number(short["days_left"].max()),
            fixed=number(short["fixed_tests_needed_now"].sum()),
            mobile=number(short["mobile_tests_needed_now"].sum()),
        )
    return say("doc_month_over")


def trend(facts: ReportFacts) -> list[Block]:
    """The last weeks' tests and compliance: a sentence and the chart."""
    weeks = facts.trend
    if weeks.empty:
        return []
    first, last = weeks["iso_week"].iloc[0], weeks["iso_week"].iloc[-1]
    span = weeks_range(first, last)
    blocks: list[Block] = [Heading(say("doc_trend_heading"), 2)]
    shares = weeks.dropna(subset=["compliance"])
    if not shares.empty:
        low, high = shares.loc[shares["compliance"].idxmin()], shares.loc[shares["compliance"].idxmax()]
        blocks.append(
            Paragraph(
                say(
                    "doc_trend",
                    count=number(len(weeks)),
                    weeks=span,
                    low=percent(low["compliance"]),
                    low_week=week_name(low["iso_week"]),
                    high=percent(high["compliance"]),
                    high_week=week_name(high["iso_week"]),
                    fewest=number(weeks["tests"].min()),
                    most=number(weeks["tests"].max()),
                )
            )
        )
    png = chart.trend_png(weeks, say("doc_chart_tests"), say("doc_chart_share"), say("doc_chart_week"))
    blocks.append(Figure(png, say("doc_trend_caption", weeks=span)))
    return blocks
