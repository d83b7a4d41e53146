"""Which mail server sends the weekly mail, and as whom.

From the ``[smtp]`` table of ``.streamlit/secrets.toml`` (git-ignored; see
``secrets.toml.example``) or from environment variables, which win one by one:

============== ======================== ===================================
secrets.toml   environment              meaning
============== ======================== ===================================
``host``       ``ISPEED_SMTP_HOST``     the server (required to send)
``port``       ``ISPEED_SMTP_PORT``     default 587
``starttls``   ``ISPEED_SMTP_STARTTLS`` on (default) or off
``user``       ``ISPEED_SMTP_USER``     sign in as, when the server asks
``password``   ``ISPEED_SMTP_PASSWORD`` with ``user``
``sender``     ``ISPEED_SMTP_SENDER``   the From address (default ``user``)
============== ======================== ===================================

The password is never printed: :meth:`SmtpSettings.describe` and ``repr`` leave it out.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.store.database import SECRETS_PATH
from dashboard.text import email_address

#: Environment variable of each setting (they win over secrets.toml).
ENVIRONMENT = {
    "host": "ISPEED_SMTP_HOST",
    "port": "ISPEED_SMTP_PORT",
    "starttls": "ISPEED_SMTP_STARTTLS",
    "user": "ISPEED_SMTP_USER",
    "password": "ISPEED_SMTP_PASSWORD",
    "sender": "ISPEED_SMTP_SENDER",
}
DEFAULT_PORT = 587
_ON = ("1", "on", "true", "yes")
_OFF = ("0", "off", "false", "no")


class MailSettingsError(ValueError):
    """The SMTP settings cannot be used; the message says which and where to set it
    (never a password)."""


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the mail server. Read them with :func:`load_smtp_settings`."""

    host: str
    sender: str  #: the From address
    port: int = DEFAULT_PORT
    starttls: bool = True
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0  #: seconds to wait for the server at each step

    def describe(self) -> str:
        """The settings for a log line, without the password: ``smtp.x.vn:587, STARTTLS,
        user ispeed, from ispeed@x.vn``."""
        parts = [f"{self.host}:{self.port}", "STARTTLS" if self.starttls else "no STARTTLS"]
        if self.user:
            parts.append(f"user {self.user}")
        parts.append(f"from {self.sender}")
        return ", ".join(parts)


def load_smtp_settings(environ: Mapping[str, str] | None = None, secrets_path: Path | None = None) -> SmtpSettings:
    """The SMTP settings: each from the environment when set there, else from the
    ``[smtp]`` table of ``secrets_path`` (default ``.streamlit/secrets.toml``).

    Raises MailSettingsError naming what is missing or wrong.
    """
    environ = os.environ if environ is None else environ
    written = _from_secrets(SECRETS_PATH if secrets_path is None else secrets_path)
    for name, variable in ENVIRONMENT.items():
        if environ.get(variable, "").strip():
            written[name] = environ[variable]
    where = f"[smtp] in {SECRETS_PATH.name} or {ENVIRONMENT['host']}"
    host = str(written.get("host") or "").strip()
    if not host:
        raise MailSettingsError(f"no mail server set: give its name in {where} (and port, user, password, sender)")
    port = _port(written.get("port", DEFAULT_PORT))
    starttls = _switch(written.get("starttls", True))
    user = str(written.get("user") or "").strip() or None
    password = written.get("password")
    password = str(password) if password not in (None, "") else None
    if user and password is None:
        raise MailSettingsError(
            f"a user ({user}) is set for the mail server, but no password ({ENVIRONMENT['password']})"
        )
    sender_written = str(written.get("sender") or user or "").strip()
    sender = email_address(sender_written)
    if sender is None:
        shown = f" ({sender_written!r})" if sender_written else ""
        raise MailSettingsError(
            f"the sender{shown} is not one plain e-mail address: set sender in [smtp] or {ENVIRONMENT['sender']}"
        )
    return SmtpSettings(host=host, sender=sender, port=port, starttls=starttls, user=user, password=password)


def _from_secrets(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            table = tomllib.load(fh).get("smtp", {})
    except tomllib.TOMLDecodeError as exc:  # says where, never what (the file holds passwords)
        raise MailSettingsError(f"{path} is not valid TOML: {exc}") from None
    if not isinstance(table, dict):
        raise MailSettingsError(f"[smtp] in {path} must be a table")
    return dict(table)


def _port(written) -> int:
    try:
        port = int(str(written).strip())
    except ValueError:
        raise MailSettingsError(f"the mail server's port must be a number, not {written!r}") from None
    if not 1 <= port <= 65535:
        raise MailSettingsError(f"the mail server's port must be from 1 to 65535, not {port}")
    return port


def _switch(written) -> bool:
    if isinstance(written, bool):
        return written
    text = str(written).strip().lower()
    if text in _ON:
        return True
    if text in _OFF:
        return False
    raise MailSettingsError(f"starttls must be on or off, not {written!r}")
