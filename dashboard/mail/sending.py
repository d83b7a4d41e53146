"""Send messages one by one over SMTP, and write each one sent or failed to the
audit log.

One message's failure stops no other: a recipient the server refuses, a message
it will not take, or a connection that drops is reported for that message, and
the loop goes on (on a new connection when the old one is gone). When the server
cannot be reached twice in a row, the remaining messages are reported failed
with that reason rather than each waiting for the server in turn.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message

from sqlalchemy.engine import Engine

from dashboard.access import audit
from dashboard.mail.messages import Attachment
from dashboard.mail.settings import SmtpSettings

#: Attempts to reach the server, one after the other, before the rest are given up.
CONNECT_ATTEMPTS = 2


@dataclass(frozen=True)
class Outgoing:
    """One message to send, or one that could not be built (``problem`` says why)."""

    kind: str  #: 'agency' or 'department'
    key: str  #: the agency code, or 'department'
    name: str  #: the agency's name, or the department's
    recipients: list[str]
    subject: str
    attachments: list[Attachment] = field(default_factory=list)
    message: Message | None = field(default=None, repr=False)
    problem: str | None = None

    def describe(self) -> str:
        """Who gets what, for a line of output and the audit log: recipients, subject,
        attachments with their sizes."""
        files = ", ".join(f"{a.file_name} ({a.size:,} bytes)" for a in self.attachments) or "no attachment"
        return f"{self.key} to {', '.join(self.recipients)}: “{self.subject}”; {files}"


@dataclass(frozen=True)
class Delivery:
    """What became of one message."""

    outgoing: Outgoing
    sent: bool
    error: str | None = None  #: why it was not sent (or to whom it was not)


class _ServerUnreachable(Exception):
    """The server cannot be reached or refuses to let us in."""


def send_all(
    engine: Engine,
    outgoing: list[Outgoing],
    smtp: SmtpSettings,
    actor: str | None,
    week: str,
    on_result: Callable[[Delivery], None] | None = None,
) -> list[Delivery]:
    """Send each message of ``outgoing`` (the mail of the ISO ``week``); write each
    result to the audit log (``mail_sent`` or ``mail_failed``, by ``actor``) as soon as it is
    known, and pass it to ``on_result``. Returns every result, in order."""
    results = []
    server: smtplib.SMTP | None = None
    unreachable: str | None = None
    failed_connects = 0
    try:
        for item in outgoing:
            if item.message is None:
                result = Delivery(item, False, item.problem or "the message could not be built")
            elif unreachable is not None:
                result = Delivery(item, False, f"not attempted: {unreachable}")
            else:
                try:
                    if server is None:
                        server = _connect(smtp)
                    failed_connects = 0
                    result = _send(server, item, smtp.sender)
                except _ServerUnreachable as exc:
                    failed_connects += 1
                    result = Delivery(item, False, str(exc))
                    if failed_connects >= CONNECT_ATTEMPTS:
                        unreachable = str(exc)
                except (smtplib.SMTPException, OSError) as exc:
                    result = Delivery(item, False, _failure(exc))
                    # After a refusal the server may have closed (a 421) or kept the
                    # connection half-way: the next message starts on a new one.
                    _close(server)
                    server = None
            _record(engine, actor, week, result)
            results.append(result)
            if on_result is not None:
                on_result(result)
    finally:
        _close(server)
    return results


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    """A connection, secured with STARTTLS when set, signed in when a user is set."""
    try:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    except (OSError, smtplib.SMTPException) as exc:
        raise _ServerUnreachable(f"cannot reach the mail server {smtp.host}:{smtp.port}: {_reason(exc)}") from None
    try:
        server.ehlo()
        if smtp.starttls:
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
        if smtp.user:
            server.login(smtp.user, smtp.password or "")
    except smtplib.SMTPNotSupportedError:
        _close(server)
        raise _ServerUnreachable(
            f"the mail server {smtp.host} does not offer STARTTLS (or sign-in): check starttls and port"
        ) from None
    except smtplib.SMTPAuthenticationError as exc:
        _close(server)
        raise _ServerUnreachable(f"the mail server refused the user name or password ({exc.smtp_code})") from None
    except (OSError, smtplib.SMTPException) as exc:
        _close(server)
        raise _ServerUnreachable(f"the mail server {smtp.host}:{smtp.port} failed: {_reason(exc)}") from None
    return server


def _send(server: smtplib.SMTP, item: Outgoing, sender: str) -> Delivery:
    assert item.message is not None  # checked by the caller
    refused = server.send_message(item.message, from_addr=sender, to_addrs=item.recipients)
    if refused:  # some recipients took it, others did not
        return Delivery(item, False, "not delivered to every recipient; refused: " + _refusals(refused))
    return Delivery(item, True)


def _failure(exc: BaseException) -> str:
    """Why a message was not sent, as the server said it."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "refused: " + _refusals(exc.recipients)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"the mail server closed the connection ({exc})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"refused by the server: {exc.smtp_code} {_text(exc.smtp_error)}"
    return f"the connection failed: {exc or type(exc).__name__}"


def _record(engine: Engine, actor: str | None, week: str, result: Delivery) -> None:
    """One audit row per message, in its own transaction: kept whatever happens next."""
    item = result.outgoing
    values = {
        "week": week,
        "recipients": ", ".join(item.recipients),
        "subject": item.subject,
        "files": ", ".join(attachment.file_name for attachment in item.attachments) or "–",
    }
    # Read in the reader's language on the accounts page; the server's own answer is quoted as it came.
    detail = (
        audit.described("mail_failed", **values, error=result.error or "")
        if not result.sent
        else audit.described("mail_sent", **values)
    )
    with engine.begin() as conn:
        audit.record(conn, actor, "mail_sent" if result.sent else "mail_failed", detail)


def _refusals(refused: dict) -> str:
    return "; ".join(f"{address} ({code} {_text(text)})" for address, (code, text) in refused.items())


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return str(exc) or type(exc).__name__


def _text(value) -> str:
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else str(value)


def _close(server: smtplib.SMTP | None) -> None:
    if server is None:
        return
    try:
        server.quit()
    except (smtplib.SMTPException, OSError):  # already gone: nothing to close politely
        server.close()
