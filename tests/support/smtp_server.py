"""A mail server on 127.0.0.1 for the tests of the weekly mail (aiosmtpd): it keeps
every message it takes, refuses recipients whose address starts with ``refused``
(550) and closes on a message for one that starts with ``drop`` (421), as a server
whose connection goes away."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    """One message the server took: the envelope's sender and recipients, and the message."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Collector:
    """The server's handler: what it took, in order."""

    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's name)
        if address.startswith("refused"):
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if any(address.startswith("drop") for address in envelope.rcpt_tos):
            return "421 4.3.0 closing the connection"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def password_checker(user: str, password: str):
    """An aiosmtpd authenticator that lets in ``user`` with ``password`` only."""

    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            user.encode(),
            password.encode(),
        )
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

    return check


@contextmanager
def smtp_server(**options) -> Iterator[tuple[Collector, int]]:
    """A running server (``options`` go to aiosmtpd's Controller): its handler and port."""
    handler = Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
