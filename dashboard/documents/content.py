"""What an official document says, before it is drawn: the parts of an
administrative document laid out by Decree 30/2020/NĐ-CP, Appendix I (the
issuing body, the national title and motto, the number, the place and date, the
kind and subject, the body, the recipients, the signature) and the body's blocks
(headings, paragraphs, tables, figures, appendices).

The renderers (:mod:`docx_writer`, :mod:`pdf_writer`) draw the same
:class:`Document` each in its own format; they add no word and compute no figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Letterhead:
    """The top of the first page."""

    parent_body: str  #: the issuing body's parent (UBND TỈNH LAI CHÂU), upright
    issuing_body: str  #: the issuing body (SỞ KHOA HỌC VÀ CÔNG NGHỆ), bold, a short rule under it
    number_line: str  #: "Số: ……/BC-SKHCN", the number left for the clerk
    national_title: str  #: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    motto: str  #: Độc lập - Tự do - Hạnh phúc, a rule as long as the line under it
    place_and_date: str  #: "Lai Châu, ngày 24 tháng 11 năm 2026", italic
    kind: str  #: BÁO CÁO
    subject: str  #: the subject line under the kind
    warning: str | None = None  #: a line under the subject when the figures are the demo's


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 (I., II.) or level 2 (1., 2.)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body (``note``: a smaller italic note under a table)."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class HeaderCell:
    """A cell of a table's heading, over ``columns`` columns and ``rows`` heading rows."""

    text: str
    columns: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Table:
    """A table: heading rows (cells may span), then the body's rows of text.

    ``widths`` are the columns' shares of the text width; ``align`` is each
    column's alignment ("left", "center", or "right" for figures); ``group_rows``
    are body rows (by index) that name a group and span the whole width.
    """

    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    align: tuple[str, ...]
    title: str | None = None
    group_rows: frozenset[int] = frozenset()
    small: bool = False  #: a long list in an appendix, set a size smaller


@dataclass(frozen=True)
class Figure:
    """A picture (PNG) with its caption under it, ``width_cm`` wide on the page."""

    png: bytes
    caption: str
    width_cm: float = 16.0


Block = Heading | Paragraph | Table | Figure


@dataclass(frozen=True)
class Appendix:
    """An appendix after the signature, on a page of its own (Decree 30's "Phụ lục")."""

    label: str  #: Phụ lục I
    title: str  #: in capitals
    attached_to: str  #: "(Kèm theo Báo cáo số ……/BC-SKHCN ngày …)"
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Closing:
    """The bottom of the document: recipients on the left, the signature on the right."""

    recipients_title: str  #: Nơi nhận:
    recipients: tuple[str, ...]  #: "- UBND tỉnh (b/c);" … "- Lưu: VT."
    signer_title: tuple[str, ...]  #: one or two lines in capitals (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)
    signer_name: str  #: under the space left to sign (may be empty)


@dataclass(frozen=True)
class Document:
    """One official document."""

    title: str  #: the document's title in its properties
    author: str  #: the issuing body, in its properties
    letterhead: Letterhead
    body: tuple[Block, ...]
    closing: Closing
    appendices: tuple[Appendix, ...] = field(default_factory=tuple)
