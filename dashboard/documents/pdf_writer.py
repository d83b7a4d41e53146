"""A :class:`content.Document` drawn as a PDF with ReportLab's platypus, on A4 with
Decree 30/2020/NĐ-CP's margins and type sizes, in Liberation Serif embedded (no
base-14 font anywhere: the reader's PDF viewer draws exactly these letters)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as Para
from reportlab.platypus import Table as Grid

from dashboard.documents import content, fonts, layout

FONT = fonts.register_for_pdf()


def _style(name: str, size: float, face: str = fonts.REGULAR, align: int = TA_CENTER, **more) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=face, fontSize=size, leading=more.pop("leading", size * 1.2), alignment=align, **more
    )


STYLES = {
    "parent_body": _style("parent_body", layout.BODY_SIZE_HEADER),
    "issuing_body": _style("issuing_body", layout.BODY_SIZE_HEADER, fonts.BOLD),
    "number": _style("number", layout.NUMBER_SIZE),
    "national_title": _style("national_title", layout.NATIONAL_TITLE_SIZE, fonts.BOLD),
    "motto": _style("motto", layout.MOTTO_SIZE, fonts.BOLD),
    "place_date": _style("place_date", layout.DATE_SIZE, fonts.ITALIC),
    "kind": _style("kind", layout.TEXT_SIZE, fonts.BOLD, spaceBefore=22),
    "subject": _style("subject", layout.TEXT_SIZE, fonts.BOLD, leading=layout.LEADING),
    "warning": _style("warning", layout.NOTE_SIZE, fonts.ITALIC, spaceBefore=2),
    "text": _style(
        "text",
        layout.TEXT_SIZE,
        align=TA_JUSTIFY,
        leading=layout.LEADING,
        firstLineIndent=layout.INDENT_CM * cm,
        spaceAfter=layout.PARAGRAPH_SPACE,
    ),
    "heading": _style(
        "heading",
        layout.TEXT_SIZE,
        fonts.BOLD,
        TA_JUSTIFY,
        leading=layout.LEADING,
        firstLineIndent=layout.INDENT_CM * cm,
        spaceAfter=layout.PARAGRAPH_SPACE,
        keepWithNext=1,
    ),
    "note": _style(
        "note",
        layout.NOTE_SIZE,
        fonts.ITALIC,
        TA_JUSTIFY,
        firstLineIndent=layout.INDENT_CM * cm,
        spaceAfter=layout.PARAGRAPH_SPACE,
    ),
    "table_title": _style("table_title", layout.TABLE_TITLE_SIZE, fonts.BOLD, spaceBefore=4, spaceAfter=4),
    "caption": _style("caption", layout.NOTE_SIZE, fonts.ITALIC, spaceBefore=2, spaceAfter=layout.PARAGRAPH_SPACE),
    "recipients_title": _style("recipients_title", layout.RECIPIENTS_TITLE_SIZE, fonts.BOLD_ITALIC, TA_LEFT),
    "recipient": _style("recipient", layout.RECIPIENT_SIZE, align=TA_LEFT),
    "signer_title": _style("signer_title", layout.TEXT_SIZE, fonts.BOLD),
    "signer_name": _style("signer_name", layout.TEXT_SIZE, fonts.BOLD),
    "appendix": _style("appendix", layout.TEXT_SIZE, fonts.BOLD),
    "appendix_title": _style("appendix_title", layout.TEXT_SIZE, fonts.BOLD, leading=layout.LEADING),
    "attached": _style("attached", layout.TEXT_SIZE, fonts.ITALIC, spaceAfter=10),
}


def render(document: content.Document) -> bytes:
    """The document as PDF bytes (the same bytes for the same document)."""
    output = io.BytesIO()
    margins = layout.MARGINS_MM
    doc = BaseDocTemplate(
        output,
        pagesize=A4,
        leftMargin=margins["left"] * mm,
        rightMargin=margins["right"] * mm,
        topMargin=margins["top"] * mm,
        bottomMargin=margins["bottom"] * mm,
        title=document.title,
        author=document.author,
        subject=document.letterhead.subject,
        creator=document.author,
        producer=document.author,
        lang="vi-VN",
        invariant=1,
        # The canvas starts in this font instead of Helvetica, so that no base-14 font is listed.
        initialFontName=FONT,
        initialFontSize=layout.TEXT_SIZE,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="text",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_number)])
    story: list[Flowable] = [*_letterhead(document.letterhead, doc.width)]
    for block in document.body:
        story.extend(_block(block, doc.width))
    story.append(Spacer(1, 10))
    story.append(_closing(document.closing, doc.width))
    for appendix in document.appendices:
        story.append(PageBreak())
        story.append(Para(escape(appendix.label), STYLES["appendix"]))
        story.append(Para(escape(appendix.title), STYLES["appendix_title"]))
        story.append(Para(escape(appendix.attached_to), STYLES["attached"]))
        for block in appendix.blocks:
            story.extend(_block(block, doc.width))
    doc.build(story)
    return output.getvalue()


def _page_number(canvas, doc) -> None:
    """The page's number, centred in the top margin, from page 2 on (Decree 30: none on the first page)."""
    number = canvas.getPageNumber()
    if number < 2:
        return
    canvas.saveState()
    canvas.setFont(FONT, layout.PAGE_NUMBER_SIZE)
    canvas.drawCentredString(
        doc.leftMargin + doc.width / 2, doc.pagesize[1] - layout.PAGE_NUMBER_FROM_TOP_MM * mm, str(number)
    )
    canvas.restoreState()


def _letterhead(head: content.Letterhead, width: float) -> list[Flowable]:
    left_width, right_width = (share * width for share in layout.HEADER_SHARES)
    body_rule = layout.body_rule_length(head.issuing_body, left_width)
    left: list[Flowable] = []
    if head.parent_body:
        left += [Para(escape(line), STYLES["parent_body"]) for line in head.parent_body.splitlines()]
    left += [
        Para(escape(head.issuing_body), STYLES["issuing_body"]),
        HRFlowable(width=body_rule, thickness=0.6, color=colors.black, spaceBefore=3, spaceAfter=0, hAlign="CENTER"),
    ]
    right: list[Flowable] = [
        Para(escape(head.national_title), STYLES["national_title"]),
        Para(escape(head.motto), STYLES["motto"]),
        HRFlowable(
            width=layout.motto_rule_length(head.motto),
            thickness=0.6,
            color=colors.black,
            spaceBefore=3,
            spaceAfter=0,
            hAlign="CENTER",
        ),
    ]
    # Two rows: the number and the date line share a line, under the two rules.
    grid = Grid(
        [
            [left, right],
            [Para(escape(head.number_line), STYLES["number"]), Para(escape(head.place_and_date), STYLES["place_date"])],
        ],
        colWidths=[left_width, right_width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # the empty cells too: else Helvetica is listed
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),  # the rules, centred under their lines
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
            ]
        ),
    )
    grid.hAlign = "CENTER"
    story: list[Flowable] = [
        grid,
        Para(escape(head.kind), STYLES["kind"]),
        Para(escape(head.subject), STYLES["subject"]),
    ]
    story.append(
        HRFlowable(
            width=layout.subject_rule_length(width),
            thickness=0.6,
            color=colors.black,
            spaceBefore=3,
            spaceAfter=4,
            hAlign="CENTER",
        )
    )
    if head.warning:
        story.append(Para(escape(head.warning), STYLES["warning"]))
    story.append(Spacer(1, 8))
    return story


def _block(block: content.Block, width: float) -> list[Flowable]:
    if isinstance(block, content.Heading):
        return [Para(escape(block.text), STYLES["heading"])]
    if isinstance(block, content.Paragraph):
        return [Para(escape(block.text), STYLES["note" if block.note else "text"])]
    if isinstance(block, content.Table):
        return _table(block, width)
    return [_figure(block, width)]


def _figure(figure: content.Figure, width: float) -> Flowable:
    picture_width, picture_height = ImageReader(io.BytesIO(figure.png)).getSize()
    shown = min(figure.width_cm * cm, width)
    image = Image(io.BytesIO(figure.png), width=shown, height=shown * picture_height / picture_width)
    return KeepTogether([image, Para(escape(figure.caption), STYLES["caption"])])


def _table(table: content.Table, width: float) -> list[Flowable]:
    size = layout.SMALL_TABLE_SIZE if table.small else layout.TABLE_SIZE
    aligned = {
        side: _style(f"cell_{side}", size, align=alignment)
        for side, alignment in (("left", TA_LEFT), ("center", TA_CENTER), ("right", TA_RIGHT))
    }
    head = _style("head", size, fonts.BOLD)
    group = _style("group", size, fonts.BOLD_ITALIC, align=TA_LEFT)
    columns = len(table.widths)
    data: list[list] = []
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # the spanned, empty cells too: else Helvetica is listed
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for row, (column, cell_) in layout.header_positions(table.header):
        while len(data) <= row + cell_.rows - 1:
            data.append([""] * columns)
        data[row][column] = Para(escape(cell_.text), head)
        if cell_.rows > 1 or cell_.columns > 1:
            commands.append(("SPAN", (column, row), (column + cell_.columns - 1, row + cell_.rows - 1)))
    heading_rows = len(data)
    for index, values in enumerate(table.rows):
        if index in table.group_rows:
            data.append([Para(escape(values[0]), group)] + [""] * (columns - 1))
            commands.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
            continue
        data.append([Para(escape(text), aligned[side]) for text, side in zip(values, table.align, strict=True)])
    grid = Grid(
        data, colWidths=[share * width for share in table.widths], repeatRows=heading_rows, style=TableStyle(commands)
    )
    # A title and heading alone at the foot of a page would be cut from their rows: a
    # new page unless a few rows fit under them (the rest of a long table then follows).
    story: list[Flowable] = [CondPageBreak(_lines_kept(size) + (layout.LEADING if table.title else 0))]
    if table.title:
        story.append(Para(escape(table.title), STYLES["table_title"]))
    story.append(grid)
    story.append(Spacer(1, 4))
    return story


def _lines_kept(size: float) -> float:
    """The height of a table's heading and first rows, kept on one page with its title."""
    return 6 * (size * 1.2 + 5)


def _closing(closing: content.Closing, width: float) -> Flowable:
    left_width, right_width = (share * width for share in layout.CLOSING_SHARES)
    left: list[Flowable] = [Para(escape(closing.recipients_title), STYLES["recipients_title"])]
    left += [Para(escape(line), STYLES["recipient"]) for line in closing.recipients]
    right: list[Flowable] = [Para(escape(line), STYLES["signer_title"]) for line in closing.signer_title]
    right.append(Spacer(1, layout.SIGNING_SPACE_CM * cm))
    right.append(Para(escape(closing.signer_name) or "&nbsp;", STYLES["signer_name"]))
    grid = Grid(
        [[left, right]],
        colWidths=[left_width, right_width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # the empty cells too: else Helvetica is listed
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    return KeepTogether([grid])
