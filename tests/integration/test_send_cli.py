"""``python -m dashboard report agencies`` and ``send weekly`` as a user runs them: packs and
their index in a folder, a dry run that sends nothing, a real run to a local mail
server that reports a refused agency and ends with exit code 1, ``--week last``,
and one-line refusals (exit 2) for what must not be sent."""

from __future__ import annotations

import csv
import io
import tomllib

import openpyxl
import pytest
from sqlalchemy import update

from dashboard.access import audit
from dashboard.store import database, tables
from tests.support import handmade_campaign
from tests.support.cli import assert_one_line_error, dashboard
from tests.support.smtp_server import password_checker, smtp_server

#: Monday 30 November 2026, 01:00 in Vietnam: weeks 47 and 48 are over (48 has no test).
AFTER_W48 = "2026-11-29T18:00:00Z"
#: Monday 23 November 2026, 10:00 in Vietnam: the last complete week is 47.
AFTER_W47 = "2026-11-23T03:00:00Z"
SKHCN_SUBJECT = "Kết quả đo i-Speed tuần 47/2026 — Sở Khoa học và Công nghệ"


@pytest.fixture
def url(file_database, tmp_path, monkeypatch):
    """The hand-made campaign in a SQLite file; SKHCN and UBND-DK with addresses; the clock after week 48;
    no mail server in the environment."""
    for name in ("HOST", "PORT", "STARTTLS", "USER", "PASSWORD", "SENDER"):
        monkeypatch.delenv(f"ISPEED_SMTP_{name}", raising=False)
    monkeypatch.setenv("ISPEED_NOW", AFTER_W48)

    def fill(engine):
        handmade_campaign.fill(engine, tmp_path)
        addresses = {"SKHCN": "vp.skhcn@laichau.gov.vn", "UBND-DK": "ubnd.dk@laichau.gov.vn"}
        with engine.begin() as conn:
            for code, address in addresses.items():
                conn.execute(update(tables.agency).where(tables.agency.c.agency_code == code).values(email=address))

    return file_database(fill)


@pytest.fixture
def server(monkeypatch):
    """A local mail server, named to the command line by the environment."""
    with smtp_server() as (handler, port):
        monkeypatch.setenv("ISPEED_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("ISPEED_SMTP_PORT", str(port))
        monkeypatch.setenv("ISPEED_SMTP_STARTTLS", "off")
        monkeypatch.setenv("ISPEED_SMTP_SENDER", "ispeed@laichau.gov.vn")
        yield handler


def _secrets_name_a_mail_server() -> bool:
    if not database.SECRETS_PATH.exists():
        return False
    with database.SECRETS_PATH.open("rb") as fh:
        return "smtp" in tomllib.load(fh)


def events(url, action):
    engine = database.make_engine(url)
    with engine.connect() as conn:
        found = audit.events(conn, action=action)
    engine.dispose()
    return found


def set_address(url, code, address):
    engine = database.make_engine(url)
    with engine.begin() as conn:
        conn.execute(update(tables.agency).where(tables.agency.c.agency_code == code).values(email=address))
    engine.dispose()


def test_packs_writes_every_pack_and_the_index_and_audits_it(url, tmp_path):
    """One XLSX per agency and index.xlsx/index.csv in the folder; the writing is audited as a download of personal
    data by the command line's user."""
    out = tmp_path / "goi"
    result = dashboard("--database", url, "report", "agencies", "--week", "2026-W47", "--output-dir", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "SKHCN_2026-W47.xlsx",
        "UBND-DK_2026-W47.xlsx",
        "index.csv",
        "index.xlsx",
    ]
    assert "2 agency packs for 2026-W47" in result.stdout
    rows = list(csv.reader(io.StringIO((out / "index.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1] == ["SKHCN", "Sở Khoa học và Công nghệ", "SKHCN_2026-W47.xlsx", "vp.skhcn@laichau.gov.vn"]
    assert openpyxl.load_workbook(out / "UBND-DK_2026-W47.xlsx").sheetnames[-1] == "Cần nhắc"
    logged = events(url, "personal_data_download")
    assert len(logged) == 1 and logged["username"].iloc[0].startswith("cli")
    assert audit.readable(logged["detail"].iloc[0], "en").startswith("Agency packs, 2026-W47, 2 agencies")


def test_a_dry_run_lists_who_gets_what_and_sends_nothing(url, server):
    """--dry-run names each recipient, subject and attachment with its size, the agencies skipped, and sends and
    audits nothing."""
    set_address(url, "UBND-DK", None)
    result = dashboard("--database", url, "send", "weekly", "--week", "2026-W47", "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    (would,) = [line for line in lines if line.startswith("would send: ")]
    assert f"SKHCN to vp.skhcn@laichau.gov.vn: “{SKHCN_SUBJECT}”; SKHCN_2026-W47.xlsx (" in would
    assert would.endswith(" bytes)")
    assert "skipped (no e-mail address): UBND-DK UBND phường Đoàn Kết" in lines
    assert "dry run: 1 message would be sent; nothing was sent" in lines
    assert server.received == [] and events(url, "mail_sent").empty


def test_send_weekly_reports_a_refused_agency_and_ends_with_exit_code_1(url, server):
    """The server refuses UBND-DK's address: its line says so with the server's answer, SKHCN's message arrives,
    both are audited, and the command ends with exit code 1 and one line on stderr."""
    set_address(url, "UBND-DK", "refused.dk@laichau.gov.vn")
    result = dashboard("--database", url, "send", "weekly", "--week", "2026-W47")
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert any(line.startswith("sent: SKHCN to vp.skhcn@laichau.gov.vn") for line in result.stdout.splitlines())
    (failed,) = [line for line in result.stdout.splitlines() if line.startswith("failed: ")]
    assert "UBND-DK" in failed and "550" in failed
    assert result.stderr.strip() == "error: 1 of 2 messages not sent (see the lines above)"
    assert [r.rcpt_tos for r in server.received] == [["vp.skhcn@laichau.gov.vn"]]
    assert server.received[0].message["Subject"] == SKHCN_SUBJECT
    assert len(events(url, "mail_sent")) == 1 and len(events(url, "mail_failed")) == 1


def test_week_last_is_the_last_complete_week(url, server, monkeypatch):
    """On Monday 23 November, --week last is week 47: both agencies get it, exit code 0."""
    monkeypatch.setenv("ISPEED_NOW", AFTER_W47)
    result = dashboard("--database", url, "send", "weekly", "--week", "last")
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert "week 2026-W47" in result.stdout
    subjects = sorted(r.message["Subject"] for r in server.received)
    assert subjects == [SKHCN_SUBJECT, "Kết quả đo i-Speed tuần 47/2026 — UBND phường Đoàn Kết"]


def test_the_password_is_never_printed(url, server, monkeypatch):
    """A user and a password the server does not take: every message fails on sign-in, the output says so and
    never shows the password."""
    monkeypatch.setenv("ISPEED_SMTP_USER", "ispeed")
    monkeypatch.setenv("ISPEED_SMTP_PASSWORD", "s3cret-value")
    result = dashboard("--database", url, "send", "weekly", "--week", "2026-W47", "--dry-run")
    assert result.returncode == 0 and "user ispeed" in result.stdout
    with smtp_server(authenticator=password_checker("ispeed", "other"), auth_require_tls=False) as (_, port):
        monkeypatch.setenv("ISPEED_SMTP_PORT", str(port))
        result = dashboard("--database", url, "send", "weekly", "--week", "2026-W47")
    assert result.returncode == 1
    assert "refused the user name or password" in result.stdout
    assert "s3cret" not in result.stdout + result.stderr
    assert not events(url, "mail_failed")["detail"].str.contains("s3cret").any()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--week", "last"], "no measurement in 2026-W48 yet"),  # would tell every agency nobody tested
        (["--week", "2026-W99"], "--week: not an ISO week"),
        (["--week", "2026-W50"], "has not started yet"),
        (["--week", "2026-W49"], "is not over yet"),  # Monday of week 49
        (["--week", "2026-W47"], "no mail server set"),  # a real run without a server
    ],
)
def test_what_must_not_be_sent_is_refused_in_one_line(url, args, fragment):
    """A week without measurements, a week that is not one, has not started or is not over, and a real run without
    a mail server: exit code 2 and one line, nothing sent."""
    if fragment == "no mail server set" and _secrets_name_a_mail_server():
        pytest.skip("this checkout's .streamlit/secrets.toml names a mail server: a real run would use it")
    assert_one_line_error(dashboard("--database", url, "send", "weekly", *args), fragment)


def test_the_demo_campaign_is_never_sent(url, server):
    """A database that holds only the demo campaign: a real run is refused in one line; a dry run still shows it."""
    engine = database.make_engine(url)
    with engine.begin() as conn:
        conn.execute(update(tables.import_batch).values(is_demo=True))
    engine.dispose()
    assert_one_line_error(dashboard("--database", url, "send", "weekly", "--week", "2026-W47"), "demo campaign")
    assert dashboard("--database", url, "send", "weekly", "--week", "2026-W47", "--dry-run").returncode == 0
    assert server.received == []
