"""The report's section on quality: the province's median download per category,
each operator's median with its 95% interval (the quality page's operator
comparison), and the communes where an operator is under the threshold (the
quality page's evidence list)."""

from __future__ import annotations

import pandas as pd

from dashboard import i18n
from dashboard.documents.content import Block, HeaderCell, Heading, Paragraph, Table
from dashboard.documents.facts import ReportFacts
from dashboard.documents.wording import number, percent, period_short, say
from dashboard.reports.quality import EVIDENCE_MIN_SAMPLES
from dashboard.reports.rules import ACCESS_KINDS


def section(facts: ReportFacts, appendix: str | None) -> list[Block]:
    """Quality by operator: the province's medians, each operator's median with its
    interval, and the communes where an operator is under the threshold."""
    now = facts.now
    measured = [
        say(
            "doc_quality_access",
            value=number(now["median_download"][access], 1),
            access=say(f"doc_access_{access}"),
            samples=number(now["samples"][access]),
        )
        for access in ACCESS_KINDS
        if now["samples"][access]
    ]
    period = period_short(facts.period)
    if not measured:
        return [Heading(say("doc_quality_heading"), 2), Paragraph(say("doc_quality_none", period=period))]
    sentences = [say("doc_quality", period=period, medians=say("doc_and").join(measured))]
    for access in ACCESS_KINDS:
        judged = facts.operators[access]
        judged = judged[judged["samples"] >= EVIDENCE_MIN_SAMPLES].sort_values("median")
        if len(judged) >= 2:
            sentences.append(
                say(
                    "doc_quality_operators",
                    access=say(f"doc_access_{access}"),
                    best=_operator(judged["operator"].iloc[-1]),
                    best_value=number(judged["median"].iloc[-1], 1),
                    worst=_operator(judged["operator"].iloc[0]),
                    worst_value=number(judged["median"].iloc[0], 1),
                    threshold=number(facts.threshold(access)),
                    # Bảng 2 lists every operator; the sentence ranks only those with enough samples.
                    min_samples=number(EVIDENCE_MIN_SAMPLES),
                )
            )
    blocks: list[Block] = [Heading(say("doc_quality_heading"), 2), Paragraph(" ".join(sentences))]
    if any(not table.empty for table in facts.operators.values()):
        blocks.append(_operator_table(facts))
        blocks.append(Paragraph(say("doc_quality_note"), note=True))
    blocks.append(Paragraph(_below_sentence(facts, appendix)))
    return blocks


def _operator(code: str) -> str:
    return i18n.value_name("operator", code, "vi")


def _operator_table(facts: ReportFacts) -> Table:
    rows: list[tuple[str, ...]] = []
    groups = set()
    for access in ACCESS_KINDS:
        if facts.operators[access].empty:
            continue
        groups.add(len(rows))
        rows.append((say("doc_group_access", access=i18n.label(access), threshold=number(facts.threshold(access))),))
        for _, row in facts.operators[access].sort_values("samples", ascending=False).iterrows():
            interval = "–" if pd.isna(row["ci_low"]) else f"{number(row['ci_low'], 1)}–{number(row['ci_high'], 1)}"
            rows.append(
                (
                    _operator(row["operator"]),
                    number(row["samples"]),
                    number(row["median"], 1),
                    interval,
                    percent(row["share_under"]),
                )
            )
    return Table(
        header=(
            tuple(
                HeaderCell(say(key))
                for key in (
                    "doc_col_operator",
                    "doc_col_samples",
                    "doc_col_median",
                    "doc_col_interval",
                    "doc_col_share_under",
                )
            ),
        ),
        rows=tuple(rows),
        widths=(0.28, 0.14, 0.16, 0.24, 0.18),
        align=("left", "right", "right", "right", "right"),
        title=say("doc_quality_table", period=period_short(facts.period)),
        group_rows=frozenset(groups),
    )


def _below_sentence(facts: ReportFacts, appendix: str | None) -> str:
    parts, clearly, probably = [], 0, 0
    for access in ACCESS_KINDS:
        below = facts.below[access]
        sure = below[below["verdict"] == "clearly"]
        clearly += len(sure)
        probably += int((below["verdict"] == "probably").sum())
        if not sure.empty:
            counts = sure["operator"].value_counts()
            operators_ = ", ".join(
                say("doc_below_operator", operator=_operator(code), count=number(n)) for code, n in counts.items()
            )
            parts.append(say("doc_below_access", access=say(f"doc_access_{access}"), operators=operators_))
    if not clearly and not probably:
        return say("doc_below_none", min_samples=EVIDENCE_MIN_SAMPLES)
    sentence = ""
    if clearly:
        sentence = say(
            "doc_below",
            count=number(clearly),
            min_samples=EVIDENCE_MIN_SAMPLES,
            by_operator="; ".join(parts),
            appendix=appendix,
        )
    if probably:
        sentence = f"{sentence} {say('doc_below_probably', count=number(probably))}".strip()
    return sentence
