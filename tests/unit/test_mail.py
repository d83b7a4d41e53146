"""The weekly mail, sent to a local mail server (aiosmtpd): each agency gets its own
pack, the department gets the report, a refusal or a dropped connection fails one
message only, every message is audited (SQLite and PostgreSQL); the SMTP settings
and the department's recipients."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pytest
from sqlalchemy import update

from dashboard.access import audit
from dashboard.dates import periods
from dashboard.documents.report import report_file_name
from dashboard.mail import sending, weekly
from dashboard.mail.settings import MailSettingsError, SmtpSettings, load_smtp_settings
from dashboard.reports.settings import (
    RecipientsError,
    Settings,
    SettingsError,
    checked,
    load_settings,
    recipients_from_text,
    save_settings,
)
from dashboard.store import tables
from tests.support import handmade_campaign
from tests.support.documents import pdf_text
from tests.support.smtp_server import free_port, password_checker, smtp_server

W47 = periods.week("2026-W47")
SENDER = "ispeed@laichau.gov.vn"
DEPARTMENT = ["so.a@laichau.gov.vn", "so.b@laichau.gov.vn"]
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
#: Each agency's people (names, and a phone or e-mail as a pack writes it).
PEOPLE = {
    "SKHCN": ["Nguyễn Văn An", "Tòng Văn Cường", "0912000001"],
    "UBND-DK": ["Lý A Páo", "Vàng Thị Dung", "pao@laichau.gov.vn"],
}


def stand_in_report(engine, period, fmt, today=None):
    """What dashboard.documents.report will give: a file name and the report's bytes."""
    return f"bao_cao_tuan_{period.key}.{fmt}", PDF


def set_addresses(engine, **addresses):
    with engine.begin() as conn:
        for code, address in addresses.items():
            conn.execute(update(tables.agency).where(tables.agency.c.agency_code == code).values(email=address))


@pytest.fixture
def campaign(ready_engine, tmp_path):
    """The hand-made campaign, both agencies with an address, two recipients in the department."""
    handmade_campaign.fill(ready_engine, tmp_path)
    set_addresses(ready_engine, **{"SKHCN": "vp.skhcn@laichau.gov.vn", "UBND-DK": "ubnd.dk@laichau.gov.vn"})
    with ready_engine.begin() as conn:
        save_settings(conn, dataclasses.replace(load_settings(conn), department_recipients=DEPARTMENT), "chief")
    return ready_engine


@pytest.fixture
def server():
    with smtp_server() as running:
        yield running


def smtp(port: int, **changes) -> SmtpSettings:
    return dataclasses.replace(SmtpSettings(host="127.0.0.1", port=port, starttls=False, sender=SENDER), **changes)


def send(engine, port, report=stand_in_report, **changes):
    mail = weekly.weekly_mail(engine, W47, SENDER, report=report)
    return mail, sending.send_all(engine, mail.outgoing, smtp(port, **changes), "cli:tester", W47.key)


def mail_events(engine):
    with engine.connect() as conn:
        events = audit.events(conn)
    return events[events["action"].str.startswith("mail_")].sort_values("at", kind="stable")


def workbook_texts(content: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None}


def test_the_weeks_mail_arrives_each_agency_with_its_own_pack(campaign, server):
    """Three messages: each agency's to its address, with its subject, its headline figures and its pack (an XLSX
    that opens, naming its own people and no one else's); the department's to both recipients with the report;
    three audit rows."""
    handler, port = server
    _, results = send(campaign, port)
    assert [r.sent for r in results] == [True, True, True]
    received = {tuple(r.rcpt_tos): r for r in handler.received}
    assert sorted(received) == [
        ("so.a@laichau.gov.vn", "so.b@laichau.gov.vn"),
        ("ubnd.dk@laichau.gov.vn",),
        ("vp.skhcn@laichau.gov.vn",),
    ]
    skhcn = received[("vp.skhcn@laichau.gov.vn",)]
    assert skhcn.mail_from == SENDER and skhcn.message["To"] == "vp.skhcn@laichau.gov.vn"
    assert skhcn.message["Subject"] == "Kết quả đo i-Speed tuần 47/2026 — Sở Khoa học và Công nghệ"
    body = skhcn.message.get_body(("plain",)).get_content()
    assert "Kính gửi: Sở Khoa học và Công nghệ" in body
    assert "Tỷ lệ đạt chỉ tiêu: 100,0% (tuần trước: 50,0%; toàn tỉnh: 75,0%)" in body
    assert "Xếp hạng theo tỷ lệ đạt: 1/2" in body
    dk = received[("ubnd.dk@laichau.gov.vn",)]
    assert dk.message["Subject"] == "Kết quả đo i-Speed tuần 47/2026 — UBND phường Đoàn Kết"
    assert "Cán bộ chưa đạt chỉ tiêu: 1, trong đó chưa đo lần nào: 1." in dk.message.get_body(("plain",)).get_content()
    for code, item in (("SKHCN", skhcn), ("UBND-DK", dk)):
        (attachment,) = list(item.message.iter_attachments())
        assert attachment.get_filename() == f"{code}_2026-W47.xlsx"
        assert attachment.get_content_type() == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        found = workbook_texts(attachment.get_content())
        other = "UBND-DK" if code == "SKHCN" else "SKHCN"
        assert all(text in found for text in PEOPLE[code][:2]), code
        assert not any(text in found for text in PEOPLE[other]), code
    department = received[("so.a@laichau.gov.vn", "so.b@laichau.gov.vn")]
    assert department.message["Subject"] == "Báo cáo kết quả đo i-Speed tuần 47/2026"
    (report,) = list(department.message.iter_attachments())
    assert (report.get_filename(), report.get_content_type(), report.get_content()) == (
        "bao_cao_tuan_2026-W47.pdf",
        "application/pdf",
        PDF,
    )
    events = mail_events(campaign)
    assert list(events["action"]) == ["mail_sent"] * 3 and set(events["username"]) == {"cli:tester"}
    assert any("vp.skhcn@laichau.gov.vn" in d and "SKHCN_2026-W47.xlsx" in d for d in events["detail"])


def test_a_refused_recipient_fails_alone_and_the_others_arrive(campaign, server):
    """The server refuses UBND-DK's address (550): that message is reported failed, with the server's answer, and
    audited as failed; SKHCN's and the department's still arrive."""
    handler, port = server
    set_addresses(campaign, **{"UBND-DK": "refused.dk@laichau.gov.vn"})
    _, results = send(campaign, port)
    assert [(r.outgoing.key, r.sent) for r in results] == [("SKHCN", True), ("UBND-DK", False), ("department", True)]
    assert "550" in results[1].error and "refused.dk@laichau.gov.vn" in results[1].error
    assert len(handler.received) == 2
    events = mail_events(campaign)
    assert sorted(events["action"]) == ["mail_failed", "mail_sent", "mail_sent"]
    assert "550" in events[events["action"] == "mail_failed"]["detail"].iloc[0]


def test_a_dropped_connection_fails_that_message_only(campaign, server):
    """The server closes the connection on SKHCN's message (421): it fails; the next messages go on a new
    connection and arrive."""
    handler, port = server
    set_addresses(campaign, **{"SKHCN": "drop.skhcn@laichau.gov.vn"})
    _, results = send(campaign, port)
    assert [r.sent for r in results] == [False, True, True]
    assert "421" in results[0].error
    assert sorted(tuple(r.rcpt_tos) for r in handler.received) == [tuple(DEPARTMENT), ("ubnd.dk@laichau.gov.vn",)]


def test_an_unreachable_server_fails_every_message_without_waiting_for_each(campaign):
    """Nothing listens on the port: the first two attempts fail, the rest are not attempted; each is audited."""
    _, results = send(campaign, free_port(), timeout=5)
    assert [r.sent for r in results] == [False, False, False]
    assert "cannot reach the mail server" in results[0].error
    assert results[2].error.startswith("not attempted: cannot reach")
    assert list(mail_events(campaign)["action"]) == ["mail_failed"] * 3


def test_a_report_that_cannot_be_built_fails_the_departments_message_only(campaign, server):
    """When the report cannot be built, the department's message is reported (and audited) failed with the reason;
    the agencies' messages arrive."""
    handler, port = server

    def broken(engine, period, fmt, today=None):
        raise RuntimeError("no fonts")

    mail, results = send(campaign, port, report=broken)
    assert mail.outgoing[-1].message is None and "no fonts" in mail.outgoing[-1].problem
    assert [r.sent for r in results] == [True, True, False]
    assert len(handler.received) == 2


def test_agencies_without_an_address_are_skipped_and_nobody_is_mailed_twice(campaign, server):
    """An agency without an address gets no message and is listed as skipped; without department recipients there
    is no department message."""
    handler, port = server
    set_addresses(campaign, **{"UBND-DK": None})
    with campaign.begin() as conn:
        save_settings(conn, dataclasses.replace(load_settings(conn), department_recipients=[]), "chief")
    mail, results = send(campaign, port)
    assert [o.key for o in mail.outgoing] == ["SKHCN"] and [p.agency_code for p in mail.skipped] == ["UBND-DK"]
    assert [r.sent for r in results] == [True] and len(handler.received) == 1


def test_signing_in_never_shows_the_password(campaign):
    """With a user and password the server accepts, the mail goes; with a wrong password each message fails with a
    reason that does not hold the password, in the results and in the audit log."""
    checker = password_checker("ispeed", "right-secret")
    with smtp_server(authenticator=checker, auth_require_tls=False) as (h, port):
        _, results = send(campaign, port, user="ispeed", password="right-secret")
        assert all(r.sent for r in results) and len(h.received) == 3
        _, results = send(campaign, port, user="ispeed", password="wrong-secret")
    assert not any(r.sent for r in results)
    assert "refused the user name or password" in results[0].error
    text = " ".join(r.error or "" for r in results) + " ".join(mail_events(campaign)["detail"])
    assert "secret" not in text


def test_smtp_settings_come_from_secrets_and_the_environment_wins(tmp_path):
    """[smtp] in secrets.toml gives every value; an environment variable overrides its own; the password is in
    neither repr nor describe(); what is missing or wrong is named."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[smtp]\nhost = "mail.laichau.gov.vn"\nport = 465\nstarttls = false\nuser = "ispeed@laichau.gov.vn"\n'
        'password = "p4ss-w0rd"\n',
        encoding="utf-8",
    )
    found = load_smtp_settings({}, secrets)
    assert (found.host, found.port, found.starttls, found.user, found.sender) == (
        "mail.laichau.gov.vn",
        465,
        False,
        "ispeed@laichau.gov.vn",
        "ispeed@laichau.gov.vn",
    )
    environment = {"ISPEED_SMTP_HOST": "relay.local", "ISPEED_SMTP_PORT": "2525", "ISPEED_SMTP_STARTTLS": "on"}
    environment["ISPEED_SMTP_SENDER"] = "Bao.Cao@LaiChau.gov.vn"
    found = load_smtp_settings(environment, secrets)
    assert (found.host, found.port, found.starttls, found.password) == ("relay.local", 2525, True, "p4ss-w0rd")
    assert found.sender == "bao.cao@laichau.gov.vn"
    assert "p4ss" not in repr(found) and "p4ss" not in found.describe()
    with pytest.raises(MailSettingsError, match="no mail server set"):
        load_smtp_settings({}, tmp_path / "none.toml")
    for environment, reason in [
        ({"ISPEED_SMTP_PORT": "smtp"}, "port must be a number"),
        ({"ISPEED_SMTP_STARTTLS": "maybe"}, "starttls must be on or off"),
        ({"ISPEED_SMTP_SENDER": "Sở <a@b.vn>"}, "not one plain e-mail address"),
    ]:
        with pytest.raises(MailSettingsError, match=reason):
            load_smtp_settings(environment, secrets)
    no_password = {"ISPEED_SMTP_HOST": "relay.local", "ISPEED_SMTP_USER": "u@x.vn"}
    with pytest.raises(MailSettingsError, match="no password"):
        load_smtp_settings(no_password, tmp_path / "none.toml")


def test_the_departments_recipients_are_checked_and_stored(ready_engine):
    """Addresses typed one a line (or with commas) are stored in lower case, each once; one that is not an address is
    named and nothing is stored; the stored list comes back as typed (both databases)."""
    assert recipients_from_text("So.A@laichau.gov.vn\n so.b@laichau.gov.vn, so.a@laichau.gov.vn;\n\n") == [
        "so.a@laichau.gov.vn",
        "so.b@laichau.gov.vn",
    ]
    with pytest.raises(RecipientsError) as refused:
        recipients_from_text("so.a@laichau.gov.vn\nGiám đốc <gd@laichau.gov.vn>")
    assert refused.value.written == "Giám đốc <gd@laichau.gov.vn>"
    with pytest.raises(RecipientsError) as too_many:
        recipients_from_text("\n".join(f"n{i}@laichau.gov.vn" for i in range(21)))
    assert too_many.value.written is None
    with pytest.raises(SettingsError):
        checked(Settings(department_recipients=["Not An Address"]))
    with ready_engine.begin() as conn:
        changed = save_settings(conn, Settings(department_recipients=DEPARTMENT), "chief")
    assert changed == ["department_recipients"]
    with ready_engine.connect() as conn:
        assert load_settings(conn).department_recipients == DEPARTMENT


def test_the_department_gets_the_official_report_itself(campaign, server):
    """Without a stand-in, the department's message carries the official weekly report: a PDF named as the report
    command names it, that opens, with the national motto and the week's title."""
    handler, port = server
    _, results = send(campaign, port, report=None)
    assert all(r.sent for r in results), [r.error for r in results]
    department = next(r for r in handler.received if "so.a@laichau.gov.vn" in r.rcpt_tos)
    (attachment,) = list(department.message.iter_attachments())
    assert (
        attachment.get_filename() == report_file_name(W47, "pdf") and attachment.get_content_type() == "application/pdf"
    )
    text = pdf_text(attachment.get_content())
    assert "Độc lập - Tự do - Hạnh phúc" in text and "BÁO CÁO" in text and "tuần 47" in text
