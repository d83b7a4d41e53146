"""The week's mail: each agency with an e-mail address gets its pack, the
department's recipients (a setting) get the weekly report.

The report comes from a callable (:data:`ReportMaker`): by default
:func:`official_report`, which asks :mod:`dashboard.documents.report` when it is
called. When the report cannot be built, the department's message is reported
as failed and the agencies' messages still go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from dashboard.dates.periods import Period
from dashboard.documents.packs import AgencyPack, WeekPacks, build_packs
from dashboard.mail.messages import Attachment, agency_message, agency_subject, department_message, week_words
from dashboard.mail.sending import Outgoing
from dashboard.reports.settings import load_settings

#: ``maker(engine, period, fmt, today) -> (file name, content)``: the department's weekly report.
ReportMaker = Callable[[Engine, Period, str, dt.date | None], tuple[str, bytes]]
REPORT_FORMATS = ("pdf", "docx")


def official_report(engine: Engine, period: Period, fmt: str, today: dt.date | None = None) -> tuple[str, bytes]:
    """The official weekly report (:func:`dashboard.documents.report.build_report`), and its file name."""
    # Imported when called: the report's renderers (and their fonts) load only for the mail that needs them.
    from dashboard.documents.report import build_report, report_file_name

    return report_file_name(period, fmt), build_report(engine, period, fmt, today=today)


@dataclass(frozen=True)
class WeeklyMail:
    """The messages of one week, and the agencies they leave out."""

    packs: WeekPacks
    outgoing: list[Outgoing]  #: the agencies' messages, then the department's (when it has recipients)

    @property
    def skipped(self) -> list[AgencyPack]:
        """Agencies with a pack but no e-mail address: nothing is sent to them."""
        return self.packs.without_address


def weekly_mail(
    engine: Engine,
    week: Period,
    sender: str,
    *,
    language: str = "vi",
    report: ReportMaker | None = None,
    report_format: str = "pdf",
    today: dt.date | None = None,
) -> WeeklyMail:
    """Build every message of the week (nothing is sent): one per agency with an
    address, with its pack; one to the department's recipients with the report made
    by ``report`` (default :func:`official_report`) in ``report_format``."""
    if report_format not in REPORT_FORMATS:
        raise ValueError(f"the report's format is one of {', '.join(REPORT_FORMATS)}, not {report_format!r}")
    with engine.connect() as conn:
        settings = load_settings(conn)
        packs = build_packs(conn, week, settings, language)
    issuer = settings.issuing_body
    outgoing = []
    for pack in packs.with_address:
        assert pack.email is not None  # with_address
        outgoing.append(
            Outgoing(
                kind="agency",
                key=pack.agency_code,
                name=pack.name,
                recipients=[pack.email],
                subject=agency_subject(pack, week, language),
                attachments=[Attachment(pack.file_name, pack.content)],
                message=agency_message(pack, packs, sender, issuer, language),
            )
        )
    recipients = list(settings.department_recipients)
    if recipients:
        outgoing.append(_department(engine, packs, recipients, sender, issuer, language, report, report_format, today))
    return WeeklyMail(packs, outgoing)


def _department(
    engine: Engine,
    packs: WeekPacks,
    recipients: list[str],
    sender: str,
    issuer: str,
    language: str,
    report: ReportMaker | None,
    report_format: str,
    today: dt.date | None,
) -> Outgoing:
    words = week_words(packs.week)
    subject = f"i-Speed {words['number']}/{words['year']}"
    try:
        name, content = (report or official_report)(engine, packs.week, report_format, today)
        attachment = Attachment(name, content)
        message = department_message(recipients, packs, attachment, sender, issuer, language)
    except Exception as exc:  # the report is another module's work: its failure must not stop the agencies' mail
        return Outgoing(
            "department",
            "department",
            issuer,
            recipients,
            subject,
            problem=f"the weekly report could not be built: {type(exc).__name__}: {exc}",
        )
    return Outgoing("department", "department", issuer, recipients, str(message["Subject"]), [attachment], message)
