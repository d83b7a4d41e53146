"""Each agency's pack: the participation page's figures for the week, its own people
only, the reminder list with contacts in full, safe file names, the index and the
ZIP (on SQLite and PostgreSQL); and the same numbers as ``export participation``."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from dashboard.access.accounts import DEPARTMENT
from dashboard.cli.main import main
from dashboard.dates import periods
from dashboard.documents import pack_files, packs
from dashboard.ingest.roster import import_roster
from dashboard.reports import participation as part
from dashboard.reports.settings import load_settings
from dashboard.store import database
from tests.support import handmade_campaign

W46, W47 = periods.week("2026-W46"), periods.week("2026-W47")
ADDRESSES = "Mã cơ quan,Tên cơ quan,Email\nSKHCN,Sở Khoa học và Công nghệ,VP.SKHCN@laichau.gov.vn\n"
#: Who belongs where, and how to recognise them in a file: names, phones as written, e-mails.
PEOPLE = {
    "CB001": ("Nguyễn Văn An", "0912000001"),
    "CB003": ("Tòng Văn Cường", "0912000003"),
    "CB004": ("Vàng Thị Dung", "0987654321"),
    "CB005": ("Lý A Páo", "pao@laichau.gov.vn"),
}


def fill(engine, folder):
    """The hand-made campaign, with an e-mail address for SKHCN only (from an agency list)."""
    handmade_campaign.fill(engine, folder)
    (folder / "addresses.csv").write_text(ADDRESSES, encoding="utf-8")
    import_roster(engine, [folder / "addresses.csv"], rejects_dir=folder)
    return engine


@pytest.fixture
def campaign(ready_engine, tmp_path):
    return fill(ready_engine, tmp_path)


def build(engine, week, language="vi"):
    with engine.connect() as conn:
        return packs.build_packs(conn, week, load_settings(conn), language)


def sheet_rows(content: bytes, position: int) -> list[tuple]:
    """The rows of one sheet of a pack, under its title row."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [tuple(row) for row in book.worksheets[position].iter_rows(min_row=2, values_only=True)]


def texts(content: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None}


@pytest.mark.parametrize("week", [W46, W47], ids=["W46", "W47"])
def test_figures_are_the_participation_pages_for_the_week(campaign, week):
    """Each pack's first sheet gives the agency's row of the participation page's table for the week (staff, met,
    compliance, the week before, change, tests, tests per person) beside the page's all-agency totals and the target."""
    built = build(campaign, week)
    with campaign.connect() as conn:
        agency_list = part.agencies(conn)
        this_week, before = part.agency_weeks(conn, week, 2), part.agency_weeks(conn, week.previous(), 2)
    table = part.agency_table(this_week, agency_list, before).set_index("agency_code")
    every = agency_list["agency_code"]
    province = part.overall_compliance(this_week, every)
    assert built.province.compliance == province
    assert built.province.previous == part.overall_compliance(before, every)
    assert [p.agency_code for p in built.packs] == ["SKHCN", "UBND-DK"]
    for pack in built.packs:
        row = table.loc[pack.agency_code]
        figures = {name: values for name, *values in sheet_rows(pack.content, 0)[1:]}
        expected = {
            "Cán bộ trong danh sách": [row["staff"], int(this_week["staff_on_roster"].sum()), None],
            "Cán bộ đạt chỉ tiêu (ít nhất 2 lượt)": [
                row["staff_met_target"],
                this_week["staff_met_target"].sum(),
                row["staff"],
            ],
            "Tỷ lệ đạt chỉ tiêu (%)": [round(row["compliance"] * 100, 1), round(province * 100, 1), 100],
            "Lượt đo": [row["tests"], this_week["tests"].sum(), row["staff"] * 2],
            "Lượt đo/người/tuần": [round(row["tests_per_person_week"], 2), None, 2],
            "Thay đổi so với tuần trước (điểm %)": [round(row["change"], 1), None, None],
        }
        for name, (mine, whole, target) in expected.items():
            assert figures[name][0] == mine, (pack.agency_code, name)
            assert whole is None or figures[name][1] == whole, (pack.agency_code, name)
            assert figures[name][2] == target, (pack.agency_code, name)
    if week == W47:  # the known answers of the hand-made campaign
        assert [p.figures.compliance for p in built.packs] == [1.0, pytest.approx(2 / 3)]
        assert [p.figures.rank for p in built.packs] == [1, 2]
        assert (built.province.staff, built.province.staff_met_target) == (4, 3)


def test_each_pack_holds_its_own_people_only(campaign):
    """Week 46, people behind in both agencies: each pack names and reaches its own staff (phones and e-mails in
    full on its reminder list) and no one else's; CB002, who moved to UBND-DK in week 47, is SKHCN's in week 46."""
    built = {p.agency_code: p for p in build(campaign, W46).packs}
    own = {"SKHCN": ("CB001", "CB003"), "UBND-DK": ("CB004", "CB005")}
    for code, pack in built.items():
        found = texts(pack.content)
        for staff_id, (name, contact) in PEOPLE.items():
            if staff_id in own[code]:
                assert name in found, (code, name)
            else:
                assert name not in found and contact not in found and staff_id not in found, (code, staff_id)
    assert "Lò Thị Bình" in texts(built["SKHCN"].content) and "Lò Thị Bình" not in texts(built["UBND-DK"].content)
    reminders = {code: sheet_rows(pack.content, 3) for code, pack in built.items()}
    header = ("Mã cán bộ", "Họ và tên", "Lượt đo trong tuần", "Số điện thoại", "Email", "Tài khoản i-Speed")
    assert reminders["SKHCN"][0][:6] == header
    assert [r[:6] for r in reminders["SKHCN"][1:]] == [("CB001", "Nguyễn Văn An", 0, "0912000001", None, None)]
    assert [r[:6] for r in reminders["UBND-DK"][1:]] == [
        ("CB005", "Lý A Páo", 0, None, "pao@laichau.gov.vn", None),
        ("CB004", "Vàng Thị Dung", 0, "0987654321", "dung@laichau.gov.vn", None),
    ]
    with campaign.connect() as conn:
        listed = part.behind(part.staff_weeks(conn, DEPARTMENT, W46), W46.key, part.contacts(conn, DEPARTMENT))
    assert sorted(listed["staff_id"]) == ["CB001", "CB004", "CB005"]  # the page's reminder list, all agencies


def test_file_names_are_safe_and_distinct():
    """No diacritics, no separator a file system or a mail program would change; two codes that look alike once
    made safe (or differ only in case) get distinct names; the index's name is never a pack's."""
    names = pack_files.pack_file_names(["UBND-ĐK", "Sở KH/CN", "A B", "A_B", "a_b", "index", "../x"], "2026-W47")
    assert names["UBND-ĐK"] == "UBND-DK_2026-W47.xlsx"
    assert names["Sở KH/CN"] == "So_KH_CN_2026-W47.xlsx"
    assert names["../x"] == "x_2026-W47.xlsx"
    assert len({n.casefold() for n in names.values()}) == len(names)
    assert all(n.isascii() and "/" not in n and " " not in n for n in names.values())
    assert pack_files.pack_file_names(["SKHCN"], "2026-W47") == {"SKHCN": "SKHCN_2026-W47.xlsx"}


def test_the_index_and_the_zip_list_every_pack_with_its_address(campaign, tmp_path):
    """The ZIP and the folder hold every pack and index.xlsx/index.csv (code, name, file, e-mail address; blank
    without one); each pack opens; in English the headings are English."""
    built = build(campaign, W47)
    assert [p.email for p in built.packs] == ["vp.skhcn@laichau.gov.vn", None]
    assert [p.agency_code for p in built.with_address] == ["SKHCN"]
    with zipfile.ZipFile(io.BytesIO(pack_files.packs_zip(built))) as archive:
        names = sorted(archive.namelist())
        assert names == ["SKHCN_2026-W47.xlsx", "UBND-DK_2026-W47.xlsx", "index.csv", "index.xlsx"]
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
        for name in names[:2]:
            assert openpyxl.load_workbook(io.BytesIO(archive.read(name))).sheetnames == [
                "Kết quả tuần",
                "Các tuần",
                "Cán bộ theo tuần",
                "Cần nhắc",
            ]
    assert rows == [
        ["Mã cơ quan", "Cơ quan, đơn vị", "Tệp", "Địa chỉ email"],
        ["SKHCN", "Sở Khoa học và Công nghệ", "SKHCN_2026-W47.xlsx", "vp.skhcn@laichau.gov.vn"],
        ["UBND-DK", "UBND phường Đoàn Kết", "UBND-DK_2026-W47.xlsx", ""],
    ]
    written = pack_files.write_packs(built, tmp_path / "out")
    assert sorted(p.name for p in written) == names
    english = build(campaign, W47, "en")
    assert openpyxl.load_workbook(io.BytesIO(english.packs[0].content)).sheetnames == [
        "The week",
        "Weeks",
        "Staff by week",
        "To remind",
    ]


def test_an_agency_with_nobody_on_its_roster_gets_no_pack(campaign, tmp_path):
    """An agency whose roster is empty in the week gets no pack and is listed apart."""
    (tmp_path / "more.csv").write_text("Mã cơ quan,Tên cơ quan\nTRONG,Cơ quan trống\n", encoding="utf-8")
    import_roster(campaign, [tmp_path / "more.csv"], rejects_dir=tmp_path)
    built = build(campaign, W47)
    assert [p.agency_code for p in built.packs] == ["SKHCN", "UBND-DK"]
    assert built.without_staff == [("TRONG", "Cơ quan trống")]


def test_packs_say_what_export_participation_says(file_database, tmp_path, capsys):
    """``export participation`` for the same week writes the same figures per agency (staff, met, compliance, the
    week before, change, tests), and with --per-agency over the pack's 4 weeks the same rows of each person."""
    url = file_database(lambda engine: fill(engine, tmp_path))
    single, four = tmp_path / "w47.xlsx", tmp_path / "w44_w47.xlsx"
    assert main(["--database", url, "export", "participation", "--weeks", "2026-W47", "--output", str(single)]) == 0
    weeks = "2026-W44..2026-W47"
    assert (
        main(["--database", url, "export", "participation", "--weeks", weeks, "--per-agency", "--output", str(four)])
        == 0
    )
    capsys.readouterr()
    engine = database.make_engine(url)
    built = {p.agency_code: p for p in build(engine, W47).packs}
    engine.dispose()
    exported = sheet_rows(single.read_bytes(), 0)
    heading = exported[0]
    assert len(exported) == 3  # both agencies
    for values in exported[1:]:
        row = dict(zip(heading, values, strict=True))
        figures = {name: mine for name, mine, *_ in sheet_rows(built[row["Mã cơ quan"]].content, 0)[1:]}
        assert figures["Cán bộ trong danh sách"] == row["Cán bộ (bình quân tuần)"]
        assert figures["Cán bộ đạt chỉ tiêu (ít nhất 2 lượt)"] == row["Đạt chỉ tiêu (bình quân tuần)"]
        assert figures["Tỷ lệ đạt chỉ tiêu (%)"] == row["Tỷ lệ đạt (%)"]
        assert figures["Tỷ lệ đạt tuần trước (%)"] == row["Kỳ trước (%)"]
        assert figures["Thay đổi so với tuần trước (điểm %)"] == row["Thay đổi (điểm %)"]
        assert figures["Lượt đo"] == row["Lượt đo"]
        assert figures["Lượt đo/người/tuần"] == row["Lượt/người/tuần"]
    book = openpyxl.load_workbook(io.BytesIO(four.read_bytes()))
    for code, pack in built.items():
        per_agency = [tuple(r) for r in book[code].iter_rows(min_row=2, values_only=True)]
        assert len(per_agency) > 1 and sheet_rows(pack.content, 2) == per_agency, code
