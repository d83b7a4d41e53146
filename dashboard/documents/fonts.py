"""The documents' typeface: Liberation Serif, shipped in ``fonts/``.

Decree 30/2020/NĐ-CP asks for Times New Roman; Liberation Serif has the same
metrics (a line breaks where it would in Times New Roman) and covers every
Vietnamese letter, and its licence (SIL Open Font License 1.1,
``fonts/LICENSE-LiberationSerif.txt``) lets the PDF embed it and the repository
ship it. The DOCX names Times New Roman, which every office's Word has (LibreOffice
draws it with Liberation Serif).
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
#: The face of each style, by the name the PDF knows it under.
FACES = {
    "LiberationSerif": "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic": "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
REGULAR, BOLD, ITALIC, BOLD_ITALIC = FACES
#: The font the DOCX names: the one Decree 30 asks for.
DOCX_FONT = "Times New Roman"


def path(face: str = REGULAR) -> Path:
    """The file of one face (:data:`REGULAR`, :data:`BOLD`, …)."""
    return FONTS_DIR / FACES[face]


@functools.cache
def register_for_pdf() -> str:
    """Make the faces known to ReportLab (once per process), as one family so that
    bold and italic markup find their face; returns the family's name."""
    for name in FACES:
        pdfmetrics.registerFont(TTFont(name, str(path(name))))
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, face)
    return REGULAR


def text_width(text: str, size: float, face: str = REGULAR) -> float:
    """The width of ``text`` in points, set in ``face`` at ``size`` points (the same in
    Times New Roman: the metrics are Times New Roman's)."""
    register_for_pdf()
    return pdfmetrics.stringWidth(text, face, size)
