"""The weekly messages: each agency's results with its pack attached, and the
department's with the weekly report attached; subject and body in the reader's
language (Vietnamese by default), numbers written the reader's way.

Messages are plain text: every name in them comes from an imported file, and
plain text cannot turn a name into a link or a picture.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from email import encoders
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid

from dashboard import sheets
from dashboard.dates import clock
from dashboard.dates.periods import Period
from dashboard.documents.packs import AgencyPack, WeekPacks
from dashboard.i18n import label, number, percent

#: MIME types of the attachments the weekly mail carries.
MIME_TYPES = {
    "xlsx": sheets.XLSX_MIME,
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
    "zip": "application/zip",
}


@dataclass(frozen=True)
class Attachment:
    """A file attached to a message."""

    file_name: str
    content: bytes = field(repr=False)

    @property
    def mime(self) -> str:
        """The file's MIME type, from its suffix."""
        suffix = self.file_name.rsplit(".", 1)[-1].lower()
        return MIME_TYPES.get(suffix) or mimetypes.guess_type(self.file_name)[0] or "application/octet-stream"

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return len(self.content)


def message(
    sender: str, recipients: list[str], subject: str, body: str, attachments: list[Attachment], sender_name: str = ""
) -> Message:
    """A plain-text message with its attachments, dated now (Vietnam time). Without
    a ``sender`` (mail not set up: a dry run only shows it) it has no From."""
    # The classic MIME classes and Header: the modern policy's folding of a long
    # Vietnamese subject drops the space between two encoded words now and then
    # ("— Sở" read back as "—Sở"); Header keeps every space inside the encoded words.
    mail = MIMEMultipart()
    if sender:
        mail["From"] = formataddr((sender_name, sender), charset="utf-8") if sender_name else sender
    mail["To"] = ", ".join(recipients)
    mail["Subject"] = Header(subject, "utf-8")  # type: ignore[assignment]  # compat32 takes a Header
    mail["Date"] = format_datetime(clock.now())
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    mail.attach(MIMEText(body, "plain", "utf-8"))
    for attachment in attachments:
        maintype, _, subtype = attachment.mime.partition("/")
        part = MIMEBase(maintype, subtype)
        part.set_payload(attachment.content)
        encoders.encode_base64(part)
        name = attachment.file_name
        part.add_header("Content-Disposition", "attachment", filename=name if name.isascii() else ("utf-8", "", name))
        mail.attach(part)
    return mail


def week_words(week: Period) -> dict[str, int]:
    """The week's number and ISO year, as a subject says them: 'tuần 47/2026'."""
    year, number_ = week.key.split("-W")
    return {"number": int(number_), "year": int(year)}


def agency_subject(pack: AgencyPack, week: Period, language: str = "vi") -> str:
    """``Kết quả đo i-Speed tuần 47/2026 — Sở Khoa học và Công nghệ``."""
    return label("mail_agency_subject", language).format(**week_words(week), agency=_one_line(pack.name))


def agency_message(pack: AgencyPack, packs: WeekPacks, sender: str, issuer: str = "", language: str = "vi") -> Message:
    """The agency's results for the week, to its address, with its pack attached.

    The body gives its headline figures: staff, who tested and met the target,
    compliance beside the week before and the province, its rank, and how many
    are behind. ``issuer``: who sends it (the settings' issuing body), as the signature.
    """
    if not pack.email:
        raise ValueError(f"{pack.agency_code} has no e-mail address")
    mine, province, week = pack.figures, packs.province, packs.week
    lines = [
        label("mail_agency_greeting", language).format(agency=_one_line(pack.name)),
        "",
        label("mail_agency_intro", language).format(week=_in_sentence(week.label(language))),
        label("mail_line_staff", language).format(
            staff=number(mine.staff, language),
            tested=number(mine.staff_tested, language),
            met=number(mine.staff_met_target, language),
            target=packs.weekly_target,
        ),
        label("mail_line_compliance", language).format(
            compliance=percent(mine.compliance, language),
            previous=percent(mine.previous, language),
            province=percent(province.compliance, language),
        ),
    ]
    if mine.rank is not None:
        lines.append(label("mail_line_rank", language).format(rank=mine.rank, n=mine.agencies))
    lines += [
        label("mail_line_behind", language).format(
            behind=number(mine.behind, language), never=number(mine.never_tested, language)
        ),
        "",
        label("mail_agency_attachment", language).format(file=pack.file_name, target=packs.weekly_target),
        label("mail_personal_data", language),
        *_signature(issuer, language),
    ]
    return message(
        sender,
        [pack.email],
        agency_subject(pack, week, language),
        "\n".join(lines),
        [Attachment(pack.file_name, pack.content)],
        _sender_name(issuer),
    )


def department_message(
    recipients: list[str], packs: WeekPacks, report: Attachment, sender: str, issuer: str = "", language: str = "vi"
) -> Message:
    """The department's copy: the weekly report attached, the province's figures and
    how many agencies get their results by mail."""
    week, province = packs.week, packs.province
    lines = [
        label("mail_department_intro", language).format(week=_in_sentence(week.label(language)), file=report.file_name),
        "",
        label("mail_department_province", language).format(
            staff=number(province.staff, language),
            met=number(province.staff_met_target, language),
            compliance=percent(province.compliance, language),
            previous=percent(province.previous, language),
        ),
        label("mail_department_sent", language).format(
            sent=number(len(packs.with_address), language), skipped=number(len(packs.without_address), language)
        ),
        *_signature(issuer, language),
    ]
    subject = label("mail_department_subject", language).format(**week_words(week))
    return message(sender, recipients, subject, "\n".join(lines), [report], _sender_name(issuer))


def _signature(issuer: str, language: str) -> list[str]:
    return ["", *[line.strip() for line in issuer.splitlines() if line.strip()], "", label("mail_automatic", language)]


def _sender_name(issuer: str) -> str:
    """The From name: the last line of the issuing body ('SỞ KHOA HỌC VÀ CÔNG NGHỆ')."""
    lines = [line.strip() for line in issuer.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _in_sentence(period_label: str) -> str:
    """'Tuần 47/2026 (16/11–22/11)' as written inside a sentence: 'tuần 47/2026 (16/11–22/11)'."""
    return period_label[:1].lower() + period_label[1:]


def _one_line(text: str) -> str:
    """A name as one line: a line break in a header would start a header of its own."""
    return " ".join(str(text).split())
