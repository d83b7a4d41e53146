"""The official weekly and monthly report on the i-Speed campaign, laid out as
Decree 30/2020/NĐ-CP (Appendix I) lays out an administrative report.

:func:`report_document` states what the report says for a period (the letterhead,
the body of :mod:`body`, the proposals, the recipients and signature, the
appendices with the long lists), from the figures :mod:`facts` reads; the
renderers draw it as DOCX (:mod:`docx_writer`, from the office's template) or as
PDF (:mod:`pdf_writer`, fonts embedded). :func:`build_report` does both steps.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.dates import clock
from dashboard.dates.periods import Period
from dashboard.documents import body, docx_writer, pdf_writer
from dashboard.documents.content import (
    Appendix,
    Block,
    Closing,
    Document,
    HeaderCell,
    Heading,
    Letterhead,
    Paragraph,
    Table,
)
from dashboard.documents.facts import ReportFacts, gather
from dashboard.documents.naming import FORMATS, report_file_name
from dashboard.documents.wording import (
    capitalised,
    day,
    number,
    percent,
    period_name,
    period_short,
    place_and_date,
    say,
    signed,
    weeks_range,
)
from dashboard.i18n import value_name
from dashboard.reports import coverage, overview
from dashboard.reports.quality import EVIDENCE_MIN_SAMPLES
from dashboard.reports.rules import ACCESS_KINDS
from dashboard.reports.settings import load_settings

__all__ = ["FORMATS", "ReportError", "build_report", "report_document", "report_file_name"]

#: Appendices are numbered in Roman numerals, as Decree 30 numbers them.
_ROMAN = ("I", "II", "III", "IV", "V")


class ReportError(ValueError):
    """A report that cannot be made (a period without data, an unknown format); the
    message says why, in one line."""


def build_report(engine: Engine, period: Period, fmt: str, *, today: dt.date | None = None) -> bytes:
    """The report for ``period`` as a DOCX or PDF file's bytes (``fmt``: "docx" or
    "pdf"), with the stored settings and the figures as of ``today`` (Vietnam's
    today when not given). Raises :class:`ReportError` for an unknown format or a
    period with no measurement."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r} (expected docx or pdf)")
    today = today or clock.today()
    with engine.connect() as conn:
        span = overview.data_span(conn)
        if span.first_day is None or span.last_day is None:
            raise ReportError("the database holds no measurements yet: import i-Speed exports first")
        if period.last_day < span.first_day or period.first_day > span.last_day:
            raise ReportError(f"no measurement in {period.key} (the data covers {span.first_day} to {span.last_day})")
        facts = gather(conn, period, load_settings(conn), today)
    document = report_document(facts)
    if fmt == "pdf":
        return pdf_writer.render(document)
    try:
        return docx_writer.render(document)
    except docx_writer.TemplateError as exc:
        raise ReportError(str(exc)) from None


def report_document(facts: ReportFacts) -> Document:
    """What the report says for the facts of one period, before it is drawn."""
    settings = facts.settings
    symbol = settings.document_symbol.strip()
    attached = say("doc_attached", symbol=symbol, day=day(facts.today))
    appendices = _appendices(facts, attached)
    labels = {name: appendix.label for name, appendix in appendices.items()}
    lines = [line.strip() for line in settings.issuing_body.upper().splitlines() if line.strip()] or [""]
    subject = say("doc_subject", period=period_name(facts.period))
    letterhead = Letterhead(
        parent_body="\n".join(lines[:-1]),
        issuing_body=lines[-1],
        number_line=say("doc_number", symbol=symbol),
        national_title=say("doc_national_title"),
        motto=say("doc_motto"),
        place_and_date=place_and_date(settings.place_name.strip(), facts.today),
        kind=say("doc_kind"),
        subject=subject,
        warning=say("doc_demo") if facts.span.is_demo else None,
    )
    floors = {settings.sample_floor(access) for access in ACCESS_KINDS}
    opening = say(
        "doc_opening",
        target=settings.weekly_target,
        floor="/".join(number(floor) for floor in sorted(floors)),
        period=period_name(facts.period),
    )
    blocks: list[Block] = [
        Paragraph(opening),
        *body.results(facts, labels),
        *_proposals(facts, labels),
        Paragraph(say("doc_end", period=period_name(facts.period))),
    ]
    return Document(
        title=f"{say('doc_kind').capitalize()}: {subject}",
        author=" - ".join(line for line in lines if line),
        letterhead=letterhead,
        body=tuple(blocks),
        closing=_closing(facts),
        appendices=tuple(appendices.values()),
    )


def _proposals(facts: ReportFacts, appendices: dict[str, str]) -> list[Block]:
    """Part II: what the department asks of whom, from the facts stated in part I."""
    proposals = []
    weak = facts.agencies[facts.agencies["compliance"] < body.AGENCY_BAR] if not facts.agencies.empty else None
    if weak is not None and not weak.empty:
        proposals.append(
            say(
                "doc_propose_agencies",
                bar=percent(body.AGENCY_BAR, 0),
                count=number(len(weak)),
                appendix=appendices["agencies"],
                target=facts.settings.weekly_target,
            )
        )
    if not facts.uncovered.empty:
        left = coverage.weeks_left(facts.month, facts.today)
        when = say("doc_before_day", day=day(facts.month.last_day)) if left > 0 else say("doc_next_month")
        proposals.append(
            say(
                "doc_propose_communes",
                count=number(len(facts.uncovered)),
                appendix=appendices["communes"],
                when=when,
            )
        )
    under = pd.concat([below[below["verdict"] == "clearly"] for below in facts.below.values()])
    if not under.empty:
        names = ", ".join(value_name("operator", code, "vi") for code in under["operator"].value_counts().index)
        proposals.append(say("doc_propose_operators", operators=names, appendix=appendices["below"]))
    if not proposals:
        proposals.append(say("doc_propose_keep_on"))
    return [Heading(say("doc_part_proposals")), *(Paragraph(f"{n}. {text}") for n, text in enumerate(proposals, 1))]


def _closing(facts: ReportFacts) -> Closing:
    settings = facts.settings
    recipients = []
    for line in settings.recipients.splitlines():
        text = line.strip().lstrip("-–").strip()
        if text:
            recipients.append(f"- {text}")
    return Closing(
        recipients_title=say("doc_recipients"),
        recipients=tuple(recipients),
        signer_title=tuple(line.strip().upper() for line in settings.signer_title.splitlines() if line.strip()),
        signer_name=settings.signer_name.strip(),
    )


def _appendices(facts: ReportFacts, attached: str) -> dict[str, Appendix]:
    """The long lists, each an appendix of its own when it has a row, numbered in order."""
    made: dict[str, tuple[str, tuple[Block, ...]]] = {}
    if not facts.agencies.empty:
        made["agencies"] = (say("doc_appendix_agencies"), _agency_blocks(facts))
    if not facts.uncovered.empty:
        month = period_short(facts.month).upper()
        made["communes"] = (say("doc_appendix_communes", month=month), _commune_blocks(facts))
    if any(not below.empty for below in facts.below.values()):
        made["below"] = (say("doc_appendix_below"), _below_blocks(facts))
    return {
        name: Appendix(say("doc_appendix", number=_ROMAN[n]), title, attached, blocks)
        for n, (name, (title, blocks)) in enumerate(made.items())
    }


def _agency_blocks(facts: ReportFacts) -> tuple[Block, ...]:
    assert facts.counted is not None  # agencies are listed only over counted weeks
    table = facts.agencies
    several = len(facts.counted.weeks) > 1
    decimals = 1 if several else 0  # one week's staff are whole people; several weeks' an average
    about = say(
        "doc_appendix_agencies_about",
        weeks=capitalised(weeks_range(facts.counted.first_week, facts.counted.last_week)),
        target=facts.settings.weekly_target,
    )
    if several:
        about = f"{about} {say('doc_appendix_agencies_average')}"
    rows = tuple(
        (
            str(n),
            row["name"],
            number(row["staff"], decimals),
            number(row["staff_tested"], decimals),
            number(row["staff_met_target"], decimals),
            percent(row["compliance"]),
            signed(None if pd.isna(row["change"]) else row["change"], 1),
        )
        for n, (_, row) in enumerate(table.iterrows(), start=1)
    )
    keys = ("doc_col_number", "doc_col_agency", "doc_col_staff", "doc_col_tested", "doc_col_met")
    heads = tuple(HeaderCell(say(key)) for key in (*keys, "doc_col_compliance", "doc_col_points"))
    return (
        Paragraph(about, note=True),
        Table(
            header=(heads,),
            rows=rows,
            widths=(0.06, 0.42, 0.1, 0.1, 0.1, 0.1, 0.12),
            align=("center", "left", "right", "right", "right", "right", "right"),
            small=True,
        ),
    )


def _commune_blocks(facts: ReportFacts) -> tuple[Block, ...]:
    left = coverage.weeks_left(facts.month, facts.today)
    short = facts.uncovered
    need = None  # what is still needed: per week, in the days left, or nothing once the month is over
    if left >= 1:
        need, need_head = "tests_per_week_needed", say("doc_col_per_week")
    elif left > 0:
        need, need_head = "tests_needed_now", say("doc_col_now", days=number(short["days_left"].max()))
    per_access = 3 if need else 2
    sub_heads = [HeaderCell(say("doc_col_have")), HeaderCell(say("doc_col_short"))]
    if need:
        sub_heads.append(HeaderCell(need_head))
    header = (
        (
            HeaderCell(say("doc_col_number"), rows=2),
            HeaderCell(say("doc_col_commune"), rows=2),
            *(HeaderCell(capitalised(say(f"doc_access_{access}")), columns=per_access) for access in ACCESS_KINDS),
        ),
        tuple(sub_heads * len(ACCESS_KINDS)),
    )
    rows = []
    for n, (_, row) in enumerate(short.iterrows(), start=1):
        cells = [str(n), row["name"]]
        for access in ACCESS_KINDS:
            cells += [
                f"{number(row[f'{access}_samples'])}/{number(row[f'{access}_floor'])}",
                number(row[f"{access}_shortfall"]),
            ]
            if need:
                cells.append(number(row[f"{access}_{need}"]))
        rows.append(tuple(cells))
    last = min(facts.span.last_day or facts.month.last_day, facts.month.last_day)
    widths = (0.06, 0.22, *([0.72 / (2 * per_access)] * (2 * per_access)))
    return (
        Paragraph(say("doc_appendix_communes_about", day=day(last)), note=True),
        Table(
            header=header,
            rows=tuple(rows),
            widths=widths,
            align=("center", "left", *(["right"] * (2 * per_access))),
            small=True,
        ),
    )


def _below_blocks(facts: ReportFacts) -> tuple[Block, ...]:
    rows: list[tuple[str, ...]] = []
    groups = set()
    n = 0
    for access in ACCESS_KINDS:
        below = facts.below[access]
        if below.empty:
            continue
        groups.add(len(rows))
        rows.append(
            (
                say(
                    "doc_group_access",
                    access=capitalised(say(f"doc_access_{access}")),
                    threshold=number(facts.threshold(access)),
                ),
            )
        )
        for _, row in below.iterrows():
            n += 1
            rows.append(
                (
                    str(n),
                    row["name"],
                    value_name("operator", row["operator"], "vi"),
                    number(row["samples"]),
                    number(row["median"], 1),
                    f"{number(row['ci_low'], 1)}–{number(row['ci_high'], 1)}",
                    say(f"doc_verdict_{row['verdict']}"),
                )
            )
    keys = ("doc_col_number", "doc_col_commune", "doc_col_operator", "doc_col_samples", "doc_col_median")
    heads = tuple(HeaderCell(say(key)) for key in (*keys, "doc_col_interval", "doc_col_verdict"))
    about = say(
        "doc_appendix_below_about", period=capitalised(period_short(facts.period)), min_samples=EVIDENCE_MIN_SAMPLES
    )
    return (
        Paragraph(about, note=True),
        Table(
            header=(heads,),
            rows=tuple(rows),
            widths=(0.06, 0.25, 0.17, 0.1, 0.12, 0.18, 0.12),
            align=("center", "left", "left", "right", "right", "right", "left"),
            group_rows=frozenset(groups),
            small=True,
        ),
    )
