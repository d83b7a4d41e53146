"""Make the report's Word template, ``dashboard/documents/templates/bao_cao.docx``.

Run once (``python tools/make_report_template.py``) and commit the file; the
reports are then written into copies of it (``dashboard/documents/docx_writer.py``).
It holds what Decree 30/2020/NĐ-CP, Appendix I, fixes for an administrative
document: A4 with its margins, the page number centred at the top from page 2,
Times New Roman, and a paragraph style for each part of the document (the names
in ``docx_writer.STYLES``). An office may replace the file with its own, made in
Word: keep the style names, change what they look like.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere: the repository's dashboard

from dashboard.documents import docx_writer, fonts, layout

CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY
INDENT = Cm(layout.INDENT_CM)

#: role -> (size, bold, italic, alignment, more paragraph settings)
LOOKS: dict[str, tuple[float, bool, bool, object, dict]] = {
    "parent_body": (layout.BODY_SIZE_HEADER, False, False, CENTER, {}),
    "issuing_body": (layout.BODY_SIZE_HEADER, True, False, CENTER, {}),
    "number": (layout.NUMBER_SIZE, False, False, CENTER, {"space_before": Pt(6)}),
    "national_title": (layout.NATIONAL_TITLE_SIZE, True, False, CENTER, {}),
    "motto": (layout.MOTTO_SIZE, True, False, CENTER, {}),
    "place_date": (layout.DATE_SIZE, False, True, CENTER, {"space_before": Pt(6)}),
    "rule": (2, False, False, CENTER, {"line_spacing": Pt(3), "space_before": Pt(3)}),
    "kind": (layout.TEXT_SIZE, True, False, CENTER, {"space_before": Pt(22), "keep_with_next": True}),
    "subject": (layout.TEXT_SIZE, True, False, CENTER, {"keep_with_next": True}),
    "warning": (layout.NOTE_SIZE, False, True, CENTER, {"space_after": Pt(8)}),
    "text": (
        layout.TEXT_SIZE,
        False,
        False,
        JUSTIFY,
        {"first_line_indent": INDENT, "space_after": Pt(layout.PARAGRAPH_SPACE), "line_spacing": Pt(layout.LEADING)},
    ),
    "heading1": (
        layout.TEXT_SIZE,
        True,
        False,
        JUSTIFY,
        {
            "first_line_indent": INDENT,
            "space_after": Pt(layout.PARAGRAPH_SPACE),
            "line_spacing": Pt(layout.LEADING),
            "keep_with_next": True,
        },
    ),
    "note": (layout.NOTE_SIZE, False, True, JUSTIFY, {"first_line_indent": INDENT, "space_after": Pt(6)}),
    "table_title": (
        layout.TABLE_TITLE_SIZE,
        True,
        False,
        CENTER,
        {"space_before": Pt(4), "space_after": Pt(4), "keep_with_next": True},
    ),
    "table_head": (layout.TABLE_SIZE, True, False, CENTER, {"space_before": Pt(1), "space_after": Pt(1)}),
    "table_text": (layout.TABLE_SIZE, False, False, LEFT, {"space_before": Pt(1), "space_after": Pt(1)}),
    "figure": (layout.TEXT_SIZE, False, False, CENTER, {"keep_with_next": True, "space_before": Pt(4)}),
    "caption": (layout.NOTE_SIZE, False, True, CENTER, {"space_after": Pt(layout.PARAGRAPH_SPACE)}),
    "recipients_title": (layout.RECIPIENTS_TITLE_SIZE, True, True, LEFT, {"space_before": Pt(12)}),
    "recipient": (layout.RECIPIENT_SIZE, False, False, LEFT, {}),
    # The signer's title level with "Nơi nhận:" beside it.
    "signer_title": (layout.TEXT_SIZE, True, False, CENTER, {"space_before": Pt(11), "keep_with_next": True}),
    "signer_name": (layout.TEXT_SIZE, True, False, CENTER, {"space_before": Cm(layout.SIGNING_SPACE_CM)}),
    "appendix": (layout.TEXT_SIZE, True, False, CENTER, {"page_break_before": True}),
    "appendix_title": (layout.TEXT_SIZE, True, False, CENTER, {}),
    "attached": (layout.TEXT_SIZE, False, True, CENTER, {"space_after": Pt(10)}),
    "page_number": (layout.PAGE_NUMBER_SIZE, False, False, CENTER, {}),
}
LOOKS["heading2"] = LOOKS["heading1"]


def make_template(path: Path) -> None:
    """Write the template to ``path``."""
    word = docx.Document()
    _page(word.sections[0])
    _normal(word)
    for role, name in docx_writer.STYLES.items():
        size, bold, italic, alignment, more = LOOKS[role]
        style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = word.styles["Normal"]
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        style.paragraph_format.alignment = alignment
        for setting, value in more.items():
            setattr(style.paragraph_format, setting, value)
    _page_number(word)
    properties = word.core_properties
    properties.author = properties.last_modified_by = ""
    properties.title = "Báo cáo"
    properties.comments = properties.keywords = properties.subject = properties.category = ""
    properties.language = "vi-VN"
    properties.created = properties.modified = dt.datetime(2026, 1, 1)
    properties.revision = 1
    word.save(str(path))


def _page(section) -> None:
    """A4, portrait, Decree 30's margins; a header of its own on the first page (left empty)."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(layout.PAGE_MM[0]), Mm(layout.PAGE_MM[1])
    margins = layout.MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.header_distance = Mm(layout.PAGE_NUMBER_FROM_TOP_MM - 4)  # the number's top, its baseline about there
    section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True


def _normal(word) -> None:
    """Times New Roman for every script (Vietnamese letters included), in Vietnamese, single-spaced."""
    normal = word.styles["Normal"]
    normal.font.name = fonts.DOCX_FONT
    normal.font.size = Pt(layout.TEXT_SIZE)
    properties = normal.element.get_or_add_rPr()
    names = properties.find(qn("w:rFonts"))
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        names.set(qn(script), fonts.DOCX_FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        names.attrib.pop(qn(theme), None)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    language.set(qn("w:eastAsia"), "vi-VN")
    properties.append(language)
    spacing = normal.paragraph_format
    spacing.space_before = spacing.space_after = Pt(0)
    spacing.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _page_number(word) -> None:
    """The page number, centred in the header of every page but the first."""
    section = word.sections[0]
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].text = ""
    paragraph = section.header.paragraphs[0]
    paragraph.style = word.styles[docx_writer.STYLES["page_number"]]
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text.strip() == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)


if __name__ == "__main__":
    make_template(docx_writer.TEMPLATE)
    print(f"wrote {docx_writer.TEMPLATE}")
