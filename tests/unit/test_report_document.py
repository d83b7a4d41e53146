"""The official report's pieces: dates, periods and file names written as an office
writes them, the template the DOCX is written into, the settings it takes, and a
report of a small hand-made campaign on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import docx
import pandas as pd
import pytest

from dashboard.dates import periods
from dashboard.documents import content, docx_writer, layout, wording
from dashboard.documents.naming import report_file_name
from dashboard.documents.report import ReportError, build_report
from dashboard.reports import figures
from dashboard.reports.settings import Settings, SettingsError, checked, load_settings, save_settings
from tests.support.documents import docx_text, pdf_text
from tests.support.handmade_campaign import fill


@pytest.mark.parametrize(
    "day, written",
    [
        (dt.date(2026, 11, 24), "Lai Châu, ngày 24 tháng 11 năm 2026"),
        (dt.date(2026, 3, 5), "Lai Châu, ngày 05 tháng 3 năm 2026"),
        (dt.date(2027, 1, 9), "Lai Châu, ngày 09 tháng 01 năm 2027"),
        (dt.date(2027, 2, 28), "Lai Châu, ngày 28 tháng 02 năm 2027"),
    ],
)
def test_the_date_line_pads_days_under_10_and_the_first_two_months(day, written):
    """Decree 30 writes a day under 10 and the months 1 and 2 with a leading zero, the other months without."""
    assert wording.place_and_date("Lai Châu", day) == written


def test_periods_are_named_as_an_office_names_them():
    """A week is named with its dates in the subject line and by its number in a sentence (with its year beside a
    week of another year); a month as 11/2026; a range of weeks from its first to its last."""
    week = periods.week("2026-W47")
    assert wording.period_name(week) == "tuần 47 (16/11–22/11/2026)"
    assert wording.period_name(periods.month("2026-11")) == "tháng 11/2026"
    assert wording.period_short(week) == "tuần 47"
    assert wording.period_short(periods.week("2026-W53"), periods.week("2027-W01")) == "tuần 53/2026"
    assert wording.weeks_range("2026-W38", "2026-W47") == "các tuần từ 38 đến 47"
    assert wording.weeks_range("2026-W52", "2027-W02") == "các tuần từ 52/2026 đến 2/2027"
    assert wording.weeks_range("2026-W47", "2026-W47") == "tuần 47"


def test_numbers_are_written_the_vietnamese_way():
    """Grouped with dots, decimals after a comma, a change signed, a change that rounds to nothing unsigned."""
    assert wording.number(17013) == "17.013"
    assert wording.number(115.95, 1) == "116,0"
    assert wording.percent(0.2419) == "24,2%"
    assert wording.signed(-461) == "-461" and wording.signed(0.34, 1) == "+0,3" and wording.signed(0.04, 1) == "0,0"


def test_file_names_follow_the_period():
    """bao-cao-tuan-2026-W47.docx for a week, bao-cao-thang-2026-11.pdf for a month."""
    assert report_file_name(periods.week("2026-W47"), "docx") == "bao-cao-tuan-2026-W47.docx"
    assert report_file_name(periods.month("2026-11"), "pdf") == "bao-cao-thang-2026-11.pdf"


def test_heading_cells_find_their_columns_past_the_cells_spanning_down():
    """In a two-row heading, the second row's cells start after the cells that span both rows."""
    cell = content.HeaderCell
    header = ((cell("TT", rows=2), cell("Xã", rows=2), cell("Cố định", columns=2)), (cell("Có"), cell("Thiếu")))
    assert [(row, column, c.text) for row, (column, c) in layout.header_positions(header)] == [
        (0, 0, "TT"),
        (0, 1, "Xã"),
        (0, 2, "Cố định"),
        (1, 2, "Có"),
        (1, 3, "Thiếu"),
    ]


def test_the_shipped_template_holds_the_page_and_every_style():
    """The committed template is A4 with the decree's margins, numbers pages but the first, and has every style the
    writer fills."""
    template = docx.Document(str(docx_writer.TEMPLATE))
    section = template.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == layout.PAGE_MM
    assert round(section.left_margin.mm) == layout.MARGINS_MM["left"]
    assert section.different_first_page_header_footer
    assert set(docx_writer.STYLES.values()) <= {style.name for style in template.styles}
    assert not "".join(p.text for p in template.paragraphs)  # no text of its own: the report is written into a copy


def _small_document() -> content.Document:
    head = content.Letterhead("A", "B", "Số: ……/BC", "C", "D", "E", "BÁO CÁO", "F")
    closing = content.Closing("Nơi nhận:", ("- Lưu: VT.",), ("GIÁM ĐỐC",), "")
    return content.Document("t", "a", head, (content.Paragraph("Nội dung."),), closing)


def test_a_template_without_the_styles_is_refused_by_name(tmp_path):
    """A replacement template that lacks a style the report needs is refused, the missing styles named."""
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    with pytest.raises(docx_writer.TemplateError, match="Quốc hiệu"):
        docx_writer.render(_small_document(), plain)
    assert docx_writer.render(_small_document())[:2] == b"PK"  # the shipped one is fine


def test_an_unknown_format_is_refused_before_any_reading():
    """Only docx and pdf are made."""
    with pytest.raises(ReportError, match="odt"):
        build_report(None, periods.week("2026-W47"), "odt")  # type: ignore[arg-type]


def test_report_settings_are_checked():
    """The recipients hold at most 1,000 characters; the document symbol and the place cannot be blank."""
    with pytest.raises(SettingsError, match="recipients"):
        checked(dataclasses.replace(Settings(), recipients="x" * 1_001))
    with pytest.raises(SettingsError, match="place_name"):
        checked(dataclasses.replace(Settings(), place_name="  "))
    with pytest.raises(SettingsError, match="document_symbol"):
        checked(dataclasses.replace(Settings(), document_symbol=""))


@pytest.fixture
def campaign(ready_engine, tmp_path):
    """The hand-made campaign (a few tests, none placed in a commune), on SQLite and on PostgreSQL."""
    return fill(ready_engine, tmp_path)


def test_a_small_campaign_reports_with_the_stored_settings(campaign):
    """A week with a handful of tests and no speed by operator still makes both files on either database; they state
    the headline's tests and write the stored issuing body, symbol, place, recipients and a signer's title on two
    lines, with the date padded as the decree asks."""
    with campaign.begin() as conn:
        settings = dataclasses.replace(
            load_settings(conn),
            issuing_body="UBND TỈNH LAI CHÂU\nSở Khoa học và Công nghệ",
            signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            signer_name="Nguyễn Văn An",
            document_symbol="BC-KHCN",
            place_name="Phong Thổ",
            recipients="Như trên;\n- Sở Tài chính;\nLưu: VT, BCVT.",
        )
        save_settings(conn, settings, actor="test")
    week, today = periods.week("2026-W47"), dt.date(2027, 1, 5)
    with campaign.connect() as conn:
        tests = figures.headline(conn, week, settings, today)["tests"]
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        text = read(build_report(campaign, week, fmt, today=today))
        for part in (
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",  # in capitals, as typed or not
            "Số: ……/BC-KHCN",
            "Phong Thổ, ngày 05 tháng 01 năm 2027",
            f"toàn tỉnh có {tests} lượt đo",
            "Nơi nhận: - Như trên; - Sở Tài chính; - Lưu: VT, BCVT.",
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Nguyễn Văn An",
            "chưa có lượt đo tốc độ nào trong tỉnh",
        ):
            assert part in text, (fmt, part)
    document = docx.Document(io.BytesIO(build_report(campaign, week, "docx", today=today)))
    closing = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")).rows[0].cells[1]
    assert [p.style.name for p in closing.paragraphs] == ["Chức vụ người ký", "Chức vụ người ký", "Họ tên người ký"]


def test_the_operators_sentence_ranks_those_with_enough_samples_and_says_so():
    """Bảng 2 lists every operator; the sentence above it names the best and the worst
    of those with at least EVIDENCE_MIN_SAMPLES samples, and says so (a new-user tour
    read "Viettel highest" over a table where CMC, with 24 samples, was higher)."""
    from types import SimpleNamespace

    from dashboard.documents import operators
    from dashboard.reports.quality import EVIDENCE_MIN_SAMPLES

    mobile = pd.DataFrame(
        {
            "operator": ["viettel", "vnpt", "cmc"],
            "samples": [400, 300, EVIDENCE_MIN_SAMPLES - 6],
            "median": [124.0, 80.5, 132.7],
            "ci_low": [120.0, 78.0, 110.0],
            "ci_high": [128.0, 83.0, 150.0],
            "share_under": [0.1, 0.2, 0.0],
        }
    )
    no_rows = pd.DataFrame(columns=["operator", "verdict"])
    facts = SimpleNamespace(
        now={"median_download": {"fixed": None, "mobile": 110.0}, "samples": {"fixed": 0, "mobile": 724}},
        period=periods.week("2026-W47"),
        operators={"fixed": mobile.iloc[:0], "mobile": mobile},
        below={"fixed": no_rows, "mobile": no_rows},
        threshold=lambda access: 40,
    )
    text = " ".join(block.text for block in operators.section(facts, None) if hasattr(block, "text"))
    assert (
        f"trong các nhà mạng có từ {EVIDENCE_MIN_SAMPLES} mẫu trở lên, Viettel có tốc độ trung vị cao nhất "
        "(124,0 Mbps), VNPT thấp nhất (80,5 Mbps)"
    ) in text
