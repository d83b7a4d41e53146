"""The page and type of an administrative document, from Decree 30/2020/NĐ-CP,
Appendix I, in one place for the DOCX template, the DOCX writer and the PDF writer.

A4; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New
Roman (here its metric twin, :mod:`fonts`). The national title 12–13 pt bold
capitals, the motto 13–14 pt bold with a rule as long as itself; the issuing body
12–13 pt capitals, bold, a rule of a third to a half of its line under it; the
place and date 13–14 pt italic; the kind and subject 13–14 pt bold; the text
13–14 pt, justified, its first line indented 1–1.27 cm, at least 6 pt between
paragraphs; "Nơi nhận" 12 pt bold italic, the recipients 11 pt; the signer's
title and name 13–14 pt bold; page numbers centred in the top margin, none on the
first page.
"""

from __future__ import annotations

from collections.abc import Iterator

from dashboard.documents import fonts
from dashboard.documents.content import HeaderCell

MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
#: A4, in millimetres.
PAGE_MM = (210, 297)
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]

TEXT_SIZE = 14  #: the text, the kind and subject, the signer
LEADING = 18.5  #: about 1.15 lines at 14 pt (Decree 30: from single to 1.5 lines)
INDENT_CM = 1.27  #: the first line of a paragraph
PARAGRAPH_SPACE = 6  #: points after a paragraph
NATIONAL_TITLE_SIZE = 12
MOTTO_SIZE = 13
BODY_SIZE_HEADER = 12  #: the issuing body and its parent, in capitals
NUMBER_SIZE = 13
DATE_SIZE = 14
NOTE_SIZE = 12  #: notes under tables, captions, the demo warning
TABLE_TITLE_SIZE = 13
TABLE_SIZE = 12
SMALL_TABLE_SIZE = 11  #: the appendices' long lists
RECIPIENTS_TITLE_SIZE = 12
RECIPIENT_SIZE = 11
PAGE_NUMBER_SIZE = 13
PAGE_NUMBER_FROM_TOP_MM = 12  #: the page number's baseline, in the top margin
SIGNING_SPACE_CM = 2.8  #: left blank between the signer's title and name, for the signature and seal

#: The letterhead's columns (issuing body, national title) as shares of the text width.
HEADER_SHARES = (0.42, 0.58)
#: The closing's columns (recipients, signature) as shares of the text width.
CLOSING_SHARES = (0.48, 0.52)
#: The rule under the issuing body: this share of its line (Decree 30: a third to a half).
BODY_RULE_SHARE = 0.4
#: The rule under the subject: this share of the text width.
SUBJECT_RULE_SHARE = 0.3


def motto_rule_length(motto: str) -> float:
    """Points: as long as the motto's line (Decree 30)."""
    return fonts.text_width(motto, MOTTO_SIZE, fonts.BOLD)


def body_rule_length(issuing_body: str, column: float) -> float:
    """Points: a share of the issuing body's line (the column's width when it wraps)."""
    return BODY_RULE_SHARE * min(fonts.text_width(issuing_body, BODY_SIZE_HEADER, fonts.BOLD), column)


def subject_rule_length(width: float) -> float:
    """Points: the rule under the subject."""
    return SUBJECT_RULE_SHARE * width


def header_positions(header: tuple[tuple[HeaderCell, ...], ...]) -> Iterator[tuple[int, tuple[int, HeaderCell]]]:
    """(row, (column, cell)) of each heading cell, its column found past the cells
    that span down from the rows above."""
    taken: set[tuple[int, int]] = set()
    for row, cells in enumerate(header):
        column = 0
        for cell in cells:
            while (row, column) in taken:
                column += 1
            yield row, (column, cell)
            taken.update((row + down, column + across) for down in range(cell.rows) for across in range(cell.columns))
            column += cell.columns
