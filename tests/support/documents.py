"""Reading a report back as its reader would: the text of a DOCX (python-docx) or a
PDF (pypdf), in reading order with single spaces, and the figures written in it
the Vietnamese way (17.013; 24,2%; 116,0)."""

from __future__ import annotations

import io
import re

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader


def docx_text(data: bytes) -> str:
    """Every paragraph of the body, table cells included, in order, then the headers."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = [_paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]
    return _flat(" ".join(paragraphs))


def _paragraph_text(paragraph) -> str:
    return "".join(node.text or "" for node in paragraph.iter(qn("w:t")))


def pdf_text(data: bytes) -> str:
    """The text pypdf extracts from every page, in order."""
    return _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def _flat(text: str) -> str:
    return " ".join(text.split())


def vietnamese_number(written: str) -> float:
    """17.013 -> 17013, 24,2% -> 24.2, -1,0 -> -1.0; refuses a number written the English way."""
    bare = written.rstrip("%")
    assert re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})*(,\d+)?", bare), f"not written the Vietnamese way: {written!r}"
    return float(bare.replace(".", "").replace(",", "."))


def row_values(text: str, label: str, count: int = 2) -> list[str]:
    """The first ``count`` values written after a table row's label."""
    match = re.search(re.escape(label) + r"((?: \S+){" + str(count) + "})", text)
    assert match, f"no row {label!r}"
    return match.group(1).split()
