"""The official report (issue 20) on the demo campaign: week 47 and October 2026, as
DOCX and as PDF, read back as a reader would (python-docx, pypdf).

Each holds the parts of an administrative report that Decree 30/2020/NĐ-CP
(Appendix I) lays out, in their order; sits on A4 with the decree's margins, its
pages numbered from page 2 at the top; embeds every font of the PDF; keeps its
Vietnamese letters; has no English word; and states the same figures as
``python -m dashboard figures --format json``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from pypdf import PdfReader

from dashboard import i18n
from dashboard.cli import main as cli
from dashboard.dates import clock, periods
from dashboard.documents.report import build_report
from dashboard.store import database
from tests.support.cli import assert_one_line_error, dashboard
from tests.support.documents import docx_text, pdf_text, row_values, vietnamese_number

TODAY = dt.date(2026, 11, 24)  # the Tuesday after week 47: the week and October are over
NOW = "2026-11-24T09:00:00+07:00"
PERIODS = {"2026-W47": periods.week("2026-W47"), "2026-10": periods.month("2026-10")}
SUBJECTS = {"2026-W47": "tuần 47 (16/11–22/11/2026)", "2026-10": "tháng 10/2026"}
CASES = [(key, fmt) for key in PERIODS for fmt in ("docx", "pdf")]
A4_POINTS = (595.28, 841.89)
#: English words that would give away an untranslated phrase (names such as i-Speed,
#: Internet or FPT Telecom are not among them).
ENGLISH = re.compile(
    r"\b(week|weeks|month|tests?|staff|agenc(?:y|ies)|communes?|median|samples?|report|download|compliance|"
    r"coverage|target|none|nan|null|the|and|of|with|per)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def reports(demo_campaign) -> dict[tuple[str, str], bytes]:
    """Each report of :data:`CASES`, built once on the demo campaign as of :data:`TODAY`."""
    engine = database.make_engine(demo_campaign[0])
    built = {(key, fmt): build_report(engine, PERIODS[key], fmt, today=TODAY) for key, fmt in CASES}
    engine.dispose()
    return built


def _text(reports, key: str, fmt: str) -> str:
    return (docx_text if fmt == "docx" else pdf_text)(reports[(key, fmt)])


@pytest.mark.parametrize("key, fmt", CASES)
def test_the_decree_30_parts_come_in_their_order(reports, key, fmt):
    """The issuing body and its parent, the national title and motto, "Số: …/BC-SKHCN" and the place and date, "BÁO
    CÁO" and the subject, the demo's warning, parts I and II, "Nơi nhận:" with the recipients, the signer's title, then
    the appendices: all there, in the order the decree lays them out."""
    text = _text(reports, key, fmt)
    parts = [
        "UBND TỈNH LAI CHÂU",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ……/BC-SKHCN",
        "Lai Châu, ngày 24 tháng 11 năm 2026",
        "BÁO CÁO",
        f"Kết quả triển khai đo chất lượng Internet bằng ứng dụng i-Speed {SUBJECTS[key]}",
        "(Số liệu mô phỏng của chiến dịch mẫu",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "- UBND tỉnh (b/c);",
        "- Lưu: VT.",
        "GIÁM ĐỐC",
        "Phụ lục I",
        "(Kèm theo Báo cáo số ……/BC-SKHCN ngày 24/11/2026)",
        "Phụ lục II",
    ]
    missing = [part for part in parts if part not in text]
    assert not missing, missing
    position = 0
    for part in parts:  # each found after the one before it
        position = text.find(part, position)
        assert position >= 0, f"{part!r} is out of the decree's order"
        position += len(part)


@pytest.mark.parametrize("key, fmt", CASES)
def test_vietnamese_letters_are_intact_and_no_english_word_is_left(reports, key, fmt):
    """The text read back keeps every Vietnamese letter (ư, ơ, ạ, ỹ, ỷ, ễ, đ, Đ), has no replacement character, and no
    English word."""
    text = _text(reports, key, fmt)
    assert "Độc lập - Tự do - Hạnh phúc" in text
    for letter in ("ư", "ơ", "ạ", "ỹ", "ỷ", "ễ", "đ", "Đ"):
        assert letter in text, letter
    assert "\ufffd" not in text
    assert not ENGLISH.findall(text), sorted(set(ENGLISH.findall(text)))


@pytest.mark.parametrize("key", PERIODS)
def test_the_docx_page_type_and_page_numbers_follow_the_decree(reports, key):
    """The DOCX is A4 with margins in the decree's ranges; its first page has no number and the others a PAGE field
    centred at the top; Times New Roman throughout; the parts in the decree's sizes and weights, each in its own style,
    the letterhead in a two-column table (issuing body left, national title right, "Số:" under the one and the date
    under the other)."""
    document = docx.Document(io.BytesIO(reports[(key, "docx")]))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    number = section.header.paragraphs[0]
    assert "PAGE" in "".join(node.text for node in number._p.iter(qn("w:instrText")))
    assert number.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert document.styles["Normal"].font.name == "Times New Roman"

    looks = {  # style: (sizes allowed, bold, italic)
        "Quốc hiệu": ((12, 13), True, None),
        "Tiêu ngữ": ((13, 14), True, None),
        "Cơ quan ban hành": ((12, 13), True, None),
        "Địa danh, ngày tháng": ((13, 14), None, True),
        "Tên loại": ((13, 14), True, None),
        "Trích yếu": ((13, 14), True, None),
        "Nội dung": ((13, 14), None, None),
        "Nơi nhận": ((12,), True, True),
        "Danh sách nơi nhận": ((11,), None, None),
        "Chức vụ người ký": ((13, 14), True, None),
        "Họ tên người ký": ((13, 14), True, None),
    }
    for name, (sizes, bold, italic) in looks.items():
        font = document.styles[name].font
        assert font.size.pt in sizes, name
        assert bold is None or font.bold is bold, name
        assert italic is None or font.italic is italic, name

    head = document.tables[0]
    left, right = (cell.paragraphs for cell in head.rows[0].cells)
    assert [(p.text, p.style.name) for p in left[:2]] == [
        ("UBND TỈNH LAI CHÂU", "Cơ quan chủ quản"),
        ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Cơ quan ban hành"),
    ]
    assert [(p.text, p.style.name) for p in right[:2]] == [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Quốc hiệu"),
        ("Độc lập - Tự do - Hạnh phúc", "Tiêu ngữ"),
    ]
    assert left[2]._p.pPr.find(qn("w:pBdr")) is not None and right[2]._p.pPr.find(qn("w:pBdr")) is not None  # rules
    assert [cell.text for cell in head.rows[1].cells] == ["Số: ……/BC-SKHCN", "Lai Châu, ngày 24 tháng 11 năm 2026"]


def _positioned_texts(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of each piece of text drawn on a PDF page, in points from the bottom left."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("key", PERIODS)
def test_the_pdf_is_a4_numbered_from_page_2_with_every_font_embedded(reports, key):
    """Every page is A4 (595×842 pt); page 1 has nothing in its top margin and every later page its number there,
    centred over the text; every font is Liberation Serif embedded as a TrueType file (FontFile2), none of the 14
    standard fonts a viewer would substitute."""
    reader = PdfReader(io.BytesIO(reports[(key, "pdf")]))
    assert len(reader.pages) >= 3
    names = set()
    for index, page in enumerate(reader.pages):
        assert abs(float(page.mediabox.width) - A4_POINTS[0]) <= 1
        assert abs(float(page.mediabox.height) - A4_POINTS[1]) <= 1
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontDescriptor" in font, font["/BaseFont"]  # the 14 standard fonts have none
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
            names.add(str(font["/BaseFont"]))
        in_top_margin = [(text, x) for text, x, y in _positioned_texts(page) if y > A4_POINTS[1] - 20 * 72 / 25.4]
        if index == 0:
            assert in_top_margin == []
        else:
            assert [text for text, _ in in_top_margin] == [str(index + 1)]
            centre = (30 + (210 - 30 - 15) / 2) * 72 / 25.4
            assert abs(in_top_margin[0][1] - centre) < 12
    assert names and all("LiberationSerif" in name for name in names), names
    assert not any(re.search(r"Times|Helvetica|Courier|Symbol", name) for name in names)


def _figures(url: str, key: str, capsys) -> dict:
    assert cli.main(["--database", url, "figures", "--period", key, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("key, fmt", CASES)
def test_the_report_states_the_figures_of_the_figures_command(reports, demo_campaign, key, fmt, monkeypatch, capsys):
    """The headline table (this period and the previous one) and the sentences state, written the Vietnamese way,
    the very figures `python -m dashboard figures --format json` prints: tests, staff on the roster, who tested, who met
    the target, compliance, communes at target per category, median download per category with its samples, and tests
    by people on no roster."""
    monkeypatch.setenv(clock.NOW_SWITCH, NOW)
    url = demo_campaign[0]
    now, before = _figures(url, key, capsys), _figures(url, PERIODS[key].previous().key, capsys)
    text = _text(reports, key, fmt)
    table = text[text.index("Bảng 1.") :]  # the headline table, after the sentences

    def row(label_key: str) -> list[str]:
        return row_values(table, i18n.label(label_key))

    for label_key, name in (
        ("doc_row_tests", "tests"),
        ("doc_row_roster", "staff_on_roster"),
        ("doc_row_tested", "staff_tested"),
        ("doc_row_met", "staff_met_target"),
        ("doc_row_not_on_roster", "tests_not_on_roster"),
    ):
        assert [vietnamese_number(value) for value in row(label_key)] == [now[name], before[name]], name
    for value, stated in zip(row("doc_row_compliance"), (now, before), strict=True):
        assert value.endswith("%") and abs(vietnamese_number(value) - stated["compliance"] * 100) <= 0.05 + 1e-9
    for access in ("fixed", "mobile"):
        for value, stated in zip(row(f"doc_row_communes_{access}"), (now, before), strict=True):
            assert value == f"{stated['communes_at_target'][access]}/{stated['communes']}", access
        for value, stated in zip(row(f"doc_row_median_{access}"), (now, before), strict=True):
            assert abs(vietnamese_number(value) - stated["median_download"][access]) <= 0.05 + 1e-9, access

    said = re.search(r"toàn tỉnh có (\S+) lượt đo", text)
    assert said and vietnamese_number(said.group(1)) == now["tests"]
    said = re.search(r"Có (\S+)/(\S+) cán bộ, công chức, viên chức trong danh sách đã thực hiện đo; (\S+) người", text)
    assert said and [vietnamese_number(v) for v in said.groups()] == [
        now["staff_tested"],
        now["staff_on_roster"],
        now["staff_met_target"],
    ]
    said = re.search(r"Tỷ lệ đạt chỉ tiêu là (\S+)%", text)
    assert said and abs(vietnamese_number(said.group(1)) - now["compliance"] * 100) <= 0.05 + 1e-9
    for access, words in (("fixed", "băng rộng cố định"), ("mobile", "di động")):
        said = re.search(rf"(\S+) Mbps đối với {words} \((\S+) mẫu\)", text)
        assert said, access
        assert abs(vietnamese_number(said.group(1)) - now["median_download"][access]) <= 0.05 + 1e-9
        assert vietnamese_number(said.group(2)) == now["samples"][access]


def test_the_command_writes_each_report_where_asked(demo_campaign, tmp_path, monkeypatch, capsys):
    """`report weekly --week … --format pdf` writes bao-cao-tuan-2026-W47.pdf in the current folder; `report monthly
    --month … --output FILE` writes a DOCX there, its folder made; each says where in one line."""
    monkeypatch.setenv(clock.NOW_SWITCH, NOW)
    monkeypatch.chdir(tmp_path)
    url = demo_campaign[0]
    assert cli.main(["--database", url, "report", "weekly", "--week", "2026-W47", "--format", "pdf"]) == 0
    weekly = tmp_path / "bao-cao-tuan-2026-W47.pdf"
    assert weekly.read_bytes().startswith(b"%PDF") and str(weekly) in capsys.readouterr().out
    output = tmp_path / "gui" / "thang-10.docx"
    assert cli.main(["--database", url, "report", "monthly", "--month", "2026-10", "--output", str(output)]) == 0
    assert "tháng 10/2026" in docx_text(output.read_bytes())
    assert str(output) in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, fragments",
    [
        (["report", "weekly", "--week", "2026-W60"], ["--week", "not an ISO week", "2026-W60"]),
        (["report", "monthly", "--month", "2026-13"], ["--month", "not a month"]),
        (["report", "monthly", "--month", "2020-01"], ["no measurement in 2020-01"]),
        (["report", "weekly", "--week", "2031-W01"], ["2031-W01 has not started yet"]),
    ],
)
def test_a_bad_period_is_one_line_and_exit_2(demo_campaign, args, fragments):
    """A week or month that does not exist, has no data or has not started ends with one `error:` line naming it,
    exit code 2 and no traceback, and writes no file."""
    path = Path(demo_campaign[0].removeprefix("sqlite:///"))
    result = dashboard(*args, database=path)
    assert_one_line_error(result, *fragments)
    assert not result.stdout


def test_the_trend_stops_at_the_last_week_with_data(demo_campaign):
    """November's report read on 8 December, with tests imported up to 22 November:
    the weekly trend ends with W47, not with W48, which would show no test and 0 %
    met (the rule of Period.counted_weeks); October's ends with its own last week."""
    from dashboard.documents import facts
    from dashboard.reports import overview
    from dashboard.reports.settings import load_settings

    engine = database.make_engine(demo_campaign[0])
    with engine.connect() as conn:
        until = overview.data_span(conn).last_day
        november = facts.gather(conn, periods.month("2026-11"), load_settings(conn), dt.date(2026, 12, 8))
        october = facts.gather(conn, periods.month("2026-10"), load_settings(conn), dt.date(2026, 12, 8))
    engine.dispose()
    assert until == dt.date(2026, 11, 22)
    assert november.trend["iso_week"].iloc[-1] == "2026-W47"
    assert (november.trend["tests"] > 0).all()
    assert october.trend["iso_week"].iloc[-1] == "2026-W44"
