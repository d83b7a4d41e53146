"""A :class:`content.Document` written as DOCX with python-docx, into a copy of the
office's template (``templates/bao_cao.docx``): the template holds the page (A4,
Decree 30/2020/NĐ-CP's margins, the page number centred at the top from page 2)
and the paragraph styles named in :data:`STYLES`; this module only places the
text in them. An office that replaces the template keeps those style names and
changes what they look like.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from dashboard.documents import content, layout

TEMPLATE = Path(__file__).resolve().parent / "templates" / "bao_cao.docx"
#: The paragraph styles the template must have, by their role in the document.
STYLES = {
    "parent_body": "Cơ quan chủ quản",
    "issuing_body": "Cơ quan ban hành",
    "number": "Số, ký hiệu",
    "national_title": "Quốc hiệu",
    "motto": "Tiêu ngữ",
    "place_date": "Địa danh, ngày tháng",
    "rule": "Đường kẻ",
    "kind": "Tên loại",
    "subject": "Trích yếu",
    "warning": "Cảnh báo số liệu",
    "text": "Nội dung",
    "heading1": "Đề mục 1",
    "heading2": "Đề mục 2",
    "note": "Ghi chú",
    "table_title": "Tên bảng",
    "table_head": "Tiêu đề cột",
    "table_text": "Chữ trong bảng",
    "figure": "Hình",
    "caption": "Chú thích hình",
    "recipients_title": "Nơi nhận",
    "recipient": "Danh sách nơi nhận",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
    "appendix": "Phụ lục",
    "appendix_title": "Tên phụ lục",
    "attached": "Kèm theo",
    "page_number": "Số trang",
}
#: The table style of the body's tables (a grid of single lines).
GRID_STYLE = "Table Grid"
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


class TemplateError(ValueError):
    """A template the report cannot be written into; the message names what it lacks."""


def render(document: content.Document, template: Path = TEMPLATE) -> bytes:
    """The document as DOCX bytes, written into a copy of ``template``."""
    word = docx.Document(str(template))
    missing = [name for name in (*STYLES.values(), GRID_STYLE) if name not in _style_names(word)]
    if missing:
        raise TemplateError(f"the report template {template.name} lacks the style(s): {', '.join(missing)}")
    body = word.element.body
    for child in list(body):  # the template's own text, if any; its page setup (sectPr) stays
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    width = _text_width(word)
    _letterhead(word, document.letterhead, width)
    for block in document.body:
        _block(word, block, width)
    _closing(word, document.closing, width)
    for appendix in document.appendices:
        word.add_paragraph(appendix.label, STYLES["appendix"])  # the style starts a new page
        word.add_paragraph(appendix.title, STYLES["appendix_title"])
        word.add_paragraph(appendix.attached_to, STYLES["attached"])
        for block in appendix.blocks:
            _block(word, block, width)
    properties = word.core_properties
    properties.title, properties.subject, properties.author = (
        document.title,
        document.letterhead.subject,
        document.author,
    )
    properties.language, properties.comments, properties.keywords, properties.last_modified_by = "vi-VN", "", "", ""
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


def _style_names(word) -> set[str]:
    return {style.name for style in word.styles}


def _text_width(word) -> Emu:
    section = word.sections[-1]
    return Emu(section.page_width - section.left_margin - section.right_margin)


def _letterhead(word, head: content.Letterhead, width: Emu) -> None:
    left_width, right_width = (Emu(int(share * width)) for share in layout.HEADER_SHARES)
    table = _plain_table(word, 2, (left_width, right_width))
    left, right = table.rows[0].cells
    paragraphs = [(line, "parent_body") for line in head.parent_body.splitlines() if line]
    _fill(left, [*paragraphs, (head.issuing_body, "issuing_body")])
    _rule(left, layout.body_rule_length(head.issuing_body, left_width / Pt(1)), left_width)
    _fill(right, [(head.national_title, "national_title"), (head.motto, "motto")])
    _rule(right, layout.motto_rule_length(head.motto), right_width)
    number, date = table.rows[1].cells
    _fill(number, [(head.number_line, "number")])
    _fill(date, [(head.place_and_date, "place_date")])
    word.add_paragraph(head.kind, STYLES["kind"])
    word.add_paragraph(head.subject, STYLES["subject"])
    _rule(word, layout.subject_rule_length(width / Pt(1)), width)
    if head.warning:
        word.add_paragraph(head.warning, STYLES["warning"])


def _plain_table(word, rows: int, widths: tuple[Emu, ...]):
    """A table without borders or cell margins, its columns ``widths`` wide."""
    table = word.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    _widths(table, widths)
    return table


def _widths(table, widths: tuple[Emu, ...]) -> None:
    """Column widths in the grid (LibreOffice reads these) and in every cell (Word reads those)."""
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    for row in table.rows:
        for cell, cell_width in zip(row.cells, widths, strict=True):
            cell.width = cell_width


def _fill(cell, paragraphs: list[tuple[str, str]]) -> None:
    """Write paragraphs (text, role) into a cell, the first into its empty paragraph."""
    for index, (text, role) in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.style = STYLES[role]
        paragraph.add_run(text)


def _rule(container, length_pt: float, width: Emu) -> None:
    """A horizontal rule ``length_pt`` long, centred in ``width``: an empty paragraph
    whose top border runs between its indents."""
    paragraph = container.add_paragraph(style=STYLES["rule"])
    side = max((width / Pt(1) - length_pt) / 2, 0)
    paragraph.paragraph_format.left_indent = Pt(side)
    paragraph.paragraph_format.right_indent = Pt(side)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("w:val", "single"), ("w:sz", "5"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(name), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def _block(word, block: content.Block, width: Emu) -> None:
    if isinstance(block, content.Heading):
        word.add_paragraph(block.text, STYLES[f"heading{block.level}"])
    elif isinstance(block, content.Paragraph):
        word.add_paragraph(block.text, STYLES["note" if block.note else "text"])
    elif isinstance(block, content.Table):
        _table(word, block, width)
    else:
        picture = word.add_paragraph(style=STYLES["figure"])
        picture.add_run().add_picture(io.BytesIO(block.png), width=min(Cm(block.width_cm), width))
        word.add_paragraph(block.caption, STYLES["caption"])


def _table(word, table: content.Table, width: Emu) -> None:
    if table.title:
        word.add_paragraph(table.title, STYLES["table_title"])
    heading_rows = len(table.header)
    columns = len(table.widths)
    grid = word.add_table(rows=heading_rows + len(table.rows), cols=columns)
    grid.style = word.styles[GRID_STYLE]
    grid.autofit = False
    _widths(grid, tuple(Emu(int(share * width)) for share in table.widths))
    size = Pt(layout.SMALL_TABLE_SIZE if table.small else layout.TABLE_SIZE)
    # Styles by id, looked up once: python-docx looks a style's name up anew on every paragraph.
    head, text_style = (word.styles[STYLES[role]].style_id for role in ("table_head", "table_text"))
    for row, (column, cell) in layout.header_positions(table.header):
        target = grid.cell(row, column)
        if cell.rows > 1 or cell.columns > 1:
            target = target.merge(grid.cell(row + cell.rows - 1, column + cell.columns - 1))
        _cell_text(target, cell.text, head, WD_ALIGN_PARAGRAPH.CENTER, size)
    for row in grid.rows[:heading_rows]:  # repeated at the top of each page the table runs onto
        _row_property(row, "w:tblHeader")
    for index, values in enumerate(table.rows):
        cells = grid.rows[heading_rows + index].cells
        _row_property(grid.rows[heading_rows + index], "w:cantSplit")
        if index in table.group_rows:
            merged = cells[0].merge(cells[-1])
            _cell_text(merged, values[0], text_style, WD_ALIGN_PARAGRAPH.LEFT, size, group=True)
            continue
        for cell, text, side in zip(cells, values, table.align, strict=True):
            _cell_text(cell, text, text_style, _ALIGN[side], size)
    word.add_paragraph(style=STYLES["rule"])  # a thin gap after the table, before the next paragraph


def _cell_text(cell, text: str, style_id: str, align, size: Pt, group: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size = size
    if group:
        run.bold = run.italic = True
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _row_property(row, name: str) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement(name))


def _closing(word, closing: content.Closing, width: Emu) -> None:
    widths = tuple(Emu(int(share * width)) for share in layout.CLOSING_SHARES)
    table = _plain_table(word, 1, widths)
    _row_property(table.rows[0], "w:cantSplit")
    left, right = table.rows[0].cells
    _fill(left, [(closing.recipients_title, "recipients_title")] + [(line, "recipient") for line in closing.recipients])
    _fill(right, [(line, "signer_title") for line in closing.signer_title] + [(closing.signer_name, "signer_name")])
