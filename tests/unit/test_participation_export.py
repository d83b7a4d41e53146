"""``python -m dashboard export participation`` on a hand-made roster and tests with known answers."""

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from dashboard import sheets
from dashboard.cli import export as cli_export
from dashboard.cli import main as cli
from dashboard.dates import periods
from dashboard.geo import boundaries
from dashboard.ingest.measurements import import_measurements
from dashboard.reports import exports
from dashboard.reports import participation as part
from dashboard.store import database
from tests.support.handmade_campaign import fill

WEEKS = "2026-W45..2026-W47"
# Over W45..W47 (person-weeks, met): SKHCN 3+2+1 = 6 with 2 met (CB002 in W46, CB001 in
# W47); UBND-DK 2+2+3 = 7 with 2 met (CB002 and CB004 in W47). Over W42..W44 SKHCN has
# CB001, CB002, CB003 each week (9 person-weeks) and CB001 met once (W44): 1/9.


@pytest.fixture
def campaign(ready_engine, tmp_path):
    """The hand-made campaign, on SQLite and on PostgreSQL."""
    return fill(ready_engine, tmp_path)


@pytest.fixture
def cli_database(file_database, tmp_path):
    """The URL of a SQLite file holding the hand-made campaign, for the command line."""
    return file_database(lambda engine: fill(engine, tmp_path))


def _rows(ws) -> list[tuple]:
    return [tuple(row) for row in ws.iter_rows(min_row=3, values_only=True)]


def test_week_keys_and_the_previous_range():
    """A week range lists every ISO week in it, across a new year of 53 weeks too, and the previous range is as many
    weeks just before it."""
    assert periods.week_keys("2026-W45", "2026-W47") == ["2026-W45", "2026-W46", "2026-W47"]
    assert periods.weeks("2026-W45", "2026-W47").previous() == periods.weeks("2026-W42", "2026-W44")
    assert periods.weeks("2026-W47", "2026-W47").previous() == periods.weeks("2026-W46", "2026-W46")
    # Across a new year: 2026 has 53 ISO weeks.
    assert periods.week_keys("2026-W52", "2027-W01") == ["2026-W52", "2026-W53", "2027-W01"]
    assert periods.weeks("2027-W01", "2027-W02").previous() == periods.weeks("2026-W52", "2026-W53")


def test_participation_sheet_is_labelled_and_rounded(campaign):
    """The participation sheet has headings in the language chosen (Vietnamese by default), agency kinds in words,
    figures rounded to one decimal (tests per person-week to two), and the weakest agency first."""
    with campaign.connect() as conn:
        table = part.agency_table(
            part.agency_weeks(conn, periods.weeks("2026-W45", "2026-W47")),
            part.agencies(conn),
            part.agency_weeks(conn, periods.weeks("2026-W42", "2026-W44")),
        )
    sheet = exports.participation_sheet(table, "en").set_index("Agency code")
    assert list(sheet.columns) == [
        "Agency",
        "Kind",
        "Commune",
        "Staff (per week)",
        "Tested (per week)",
        "Met the target (per week)",
        "Compliance (%)",
        "Previous period (%)",
        "Change (pts)",
        "Tests",
        "Tests per person per week",
    ]
    assert sheet.loc["SKHCN"].tolist() == [
        "Sở Khoa học và Công nghệ",
        "Provincial department",
        "Tân Phong",
        2.0,
        1.0,
        0.7,
        33.3,
        11.1,
        22.2,
        5,
        0.83,
    ]
    ubnd = sheet.loc["UBND-DK"]
    assert (ubnd["Compliance (%)"], ubnd["Previous period (%)"], ubnd["Staff (per week)"]) == (28.6, 0.0, 2.3)
    assert ubnd["Kind"] == "Commune People's Committee"
    assert list(sheet.index) == ["UBND-DK", "SKHCN"]  # the weakest first
    assert exports.participation_sheet(table).columns[0] == "Mã cơ quan"


def test_cli_writes_the_agency_sheet(cli_database, tmp_path, capsys):
    """``export participation`` prints a one-line summary and writes a workbook with the agency sheet only: a title
    naming the weeks, bold frozen headings and the known figures, weakest agency first."""
    out = tmp_path / "p.xlsx"
    assert (
        cli.main(
            [
                "--database",
                cli_database,
                "export",
                "participation",
                "--weeks",
                WEEKS,
                "--format",
                "xlsx",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert printed.strip() == f"2 agencies, 4 of 13 person-weeks with at least 2 tests (30.8%) in {WEEKS}: {out}"
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Cơ quan"]  # no --per-agency: the agency sheet only
    ws = book["Cơ quan"]
    weeks = periods.weeks("2026-W45", "2026-W47").label("vi")  # in words, not as ISO week codes
    assert ws["A1"].value.startswith(f"Kết quả tham gia đo i-Speed theo cơ quan · {weeks}")
    assert ws.freeze_panes == "A3" and ws["A2"].font.bold
    header = [c.value for c in ws[2]]
    assert header[:3] == ["Mã cơ quan", "Cơ quan, đơn vị", "Loại"]
    assert _rows(ws) == [
        ("UBND-DK", "UBND phường Đoàn Kết", "UBND xã, phường", "Đoàn Kết", 2.3, 0.7, 0.7, 28.6, 0, 28.6, 4, 0.57),
        ("SKHCN", "Sở Khoa học và Công nghệ", "Sở, ban, ngành", "Tân Phong", 2, 1, 0.7, 33.3, 11.1, 22.2, 5, 0.83),
    ]
    compliance = header.index("Tỷ lệ đạt (%)") + 1
    assert [ws.cell(row=r, column=compliance).value for r in (3, 4)] == [28.6, 33.3]


def test_cli_per_agency_adds_each_persons_weeks(cli_database, tmp_path):
    """With ``--per-agency`` the workbook adds a sheet per agency with each person's tests per week, blank for the weeks
    they were not on that agency's roster, the weeks met and the last test as a date."""
    out = tmp_path / "p.xlsx"
    assert (
        cli.main(
            [
                "--database",
                cli_database,
                "export",
                "participation",
                "--weeks",
                WEEKS,
                "--per-agency",
                "--output",
                str(out),
                "--language",
                "en",
            ]
        )
        == 0
    )
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Agencies", "SKHCN", "UBND-DK"]
    skhcn = book["SKHCN"]
    weeks = periods.weeks("2026-W45", "2026-W47").label("en")
    assert skhcn["A1"].value.startswith(f"Sở Khoa học và Công nghệ (SKHCN) · {weeks}")
    assert [c.value for c in skhcn[2]] == [
        "Staff id",
        "Full name",
        "Week 45/2026",  # a week as a reader names it, not its key
        "Week 46/2026",
        "Week 47/2026",
        "Weeks met",
        "Weeks on the roster",
        "Last test",
    ]
    # A blank week: the person was not on this agency's roster (CB003 left, CB002 moved).
    assert _rows(skhcn) == [
        ("CB003", "Tòng Văn Cường", 1, None, None, 0, 1, dt.datetime(2026, 11, 4)),
        ("CB002", "Lò Thị Bình", 0, 2, None, 1, 2, dt.datetime(2026, 11, 20)),
        ("CB001", "Nguyễn Văn An", 0, 0, 2, 1, 3, dt.datetime(2026, 11, 22)),
    ]
    assert skhcn["H3"].number_format == "DD/MM/YYYY"
    assert _rows(book["UBND-DK"]) == [
        ("CB005", "Lý A Páo", 0, 0, 0, 0, 3, None),  # never tested
        ("CB002", "Lò Thị Bình", None, None, 2, 1, 1, dt.datetime(2026, 11, 20)),
        ("CB004", "Vàng Thị Dung", 0, 0, 2, 1, 3, dt.datetime(2026, 11, 18)),
    ]


def test_cli_target_and_default_output(cli_database, tmp_path, monkeypatch, capsys):
    """``--target`` sets the tests a week needed to meet the target, and without ``--output`` the workbook goes to the
    exports folder under a name giving the weeks."""
    monkeypatch.setattr(cli_export, "EXPORTS_DIR", tmp_path / "exports")
    assert cli.main(["--database", cli_database, "export", "participation", "--weeks", WEEKS, "--target", "3"]) == 0
    out = tmp_path / "exports" / "tham_gia_2026-W45_2026-W47.xlsx"
    assert capsys.readouterr().out.strip().endswith(f"with at least 3 tests (0.0%) in {WEEKS}: {out}")
    rows = _rows(openpyxl.load_workbook(out).active)
    assert [(row[0], row[7]) for row in rows] == [("SKHCN", 0), ("UBND-DK", 0)]  # nobody made 3 tests a week


def test_cli_csv_holds_the_agency_sheet_with_a_bom(cli_database, tmp_path, capsys):
    """As CSV the export holds the agency sheet alone, in UTF-8 with a BOM and headings quoted where needed;
    ``--per-agency`` is set aside with a warning that it needs XLSX."""
    out = tmp_path / "p.csv"
    assert (
        cli.main(
            [
                "--database",
                cli_database,
                "export",
                "participation",
                "--weeks",
                WEEKS,
                "--format",
                "csv",
                "--per-agency",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    assert "--per-agency needs --format xlsx" in capsys.readouterr().err
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith('Mã cơ quan,"Cơ quan, đơn vị",Loại,')  # a comma inside a heading is quoted
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert frame["Mã cơ quan"].tolist() == ["UBND-DK", "SKHCN"]
    assert frame["Tỷ lệ đạt (%)"].tolist() == [28.6, 33.3] and len(lines) == 3


@pytest.mark.parametrize(
    "weeks, reason",
    [
        ("2026-W47..2026-W45", "ends before it starts"),
        ("abc", "not a range of ISO weeks"),
        ("2026-W54", "not an ISO week"),
    ],
)
def test_cli_refuses_wrong_weeks(cli_database, tmp_path, capsys, weeks, reason):
    """A week range that is reversed, malformed or names no ISO week is refused with one error line saying why, and no
    file is written."""
    out = tmp_path / "p.xlsx"
    assert (
        cli.main(["--database", cli_database, "export", "participation", "--weeks", weeks, "--output", str(out)]) == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: --weeks:") and reason in err[0]
    assert not out.exists()


def test_cli_needs_the_right_option_for_each_list(cli_database, capsys):
    """Each export asks for its own option (``--weeks`` for participation, ``--period`` for uncovered) and refuses the
    other's, and ``--target`` must be a whole number no higher than 20, each with one error line."""
    base = ["--database", cli_database, "export"]
    assert cli.main([*base, "participation"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: 'export participation' needs --weeks, a range of ISO weeks such as 2026-W45..2026-W47"
    )
    assert cli.main([*base, "participation", "--period", "2026-11"]) == 2
    assert "--period does not apply to 'export participation'" in capsys.readouterr().err
    assert cli.main([*base, "uncovered", "--weeks", WEEKS]) == 2
    assert "--weeks does not apply to 'export uncovered'" in capsys.readouterr().err
    assert cli.main([*base, "uncovered"]) == 2
    assert "'export uncovered' needs --period" in capsys.readouterr().err
    assert cli.main([*base, "participation", "--weeks", WEEKS, "--target", "two"]) == 2
    assert "error: --target takes a whole number" in capsys.readouterr().err
    assert cli.main([*base, "participation", "--weeks", WEEKS, "--target", "21"]) == 2
    assert "error: --target must be at most 20" in capsys.readouterr().err


def test_cli_refuses_a_database_without_a_roster(tmp_path, capsys):
    """The participation export refuses a database that does not exist, without creating it, and one that holds tests
    but no roster, each with exit code 2 and the reason."""
    missing = tmp_path / "typo.sqlite"
    assert cli.main(["--database", f"sqlite:///{missing}", "export", "participation", "--weeks", WEEKS]) == 2
    assert "no database at" in capsys.readouterr().err and not missing.exists()
    url = f"sqlite:///{tmp_path / 'tests_only.sqlite'}"
    engine = database.make_engine(url)
    boundaries.ensure_ready(engine)
    (tmp_path / "tests.csv").write_text(
        "Mã phép đo,Thời gian đo,Tốc độ tải xuống (Mbps),Loại kết nối\nt1,18/11/2026 10:00:00,50,4G\n", encoding="utf-8"
    )
    import_measurements(engine, tmp_path / "tests.csv", rejects_dir=tmp_path)
    engine.dispose()
    assert cli.main(["--database", url, "export", "participation", "--weeks", WEEKS]) == 2
    assert "no roster yet" in capsys.readouterr().err


def test_sheet_names_are_valid_for_excel_and_unique(tmp_path):
    """Sheet names have the characters Excel forbids replaced, are cut to 31 characters, are never blank or quoted, and
    are kept unique, whatever the case, by a numbered suffix."""
    taken: set[str] = set()
    assert sheets.sheet_name("SO/TTTT:[2026]*?\\", taken) == "SO_TTTT__2026____"
    long = sheets.sheet_name("X" * 40, taken)
    assert long == "X" * 31
    assert sheets.sheet_name("x" * 40, taken) == "x" * 29 + "~2"  # Excel ignores case
    assert sheets.sheet_name("'quoted'", taken) == "quoted" and sheets.sheet_name("", taken) == "Sheet"
    frame = pd.DataFrame({"a": [1]})
    path = tmp_path / "book.xlsx"
    path.write_bytes(sheets.xlsx_book([("A/B", frame, "one"), ("A:B", frame, "two")], dt.datetime(2026, 11, 24)))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["A_B", "A_B~2"] and book["A_B~2"]["A1"].value == "two — 24/11/2026 00:00"
