"""The campaign's settings, stored in the database so that every page, command and
report uses the same values: the sample floor per category, the counting rules,
the weekly target, the quality thresholds, who issues and signs the reports, and
who in the department receives the weekly report by mail.

Defaults are the campaign's rules (:mod:`rules`); an administrator changes them on
the settings page or with ``python -m dashboard settings set``, and each change
is written to the audit log. A page may still try another value for a session;
it then says so.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from dashboard.access import audit
from dashboard.dates import clock
from dashboard.reports.quality import DEFAULT_THRESHOLDS
from dashboard.reports.rules import BURST_MINUTES, SAMPLE_FLOOR, TESTS_PER_DAY, WEEKLY_TARGET
from dashboard.store import tables
from dashboard.text import email_address

#: The most addresses the department's weekly report goes to.
MAX_RECIPIENTS = 20
#: Allowed range of each whole-number setting.
_RANGES = {
    "sample_floor_fixed": (1, 100_000),
    "sample_floor_mobile": (1, 100_000),
    "weekly_target": (1, 20),
    "tests_per_day": (1, 50),
    "burst_minutes": (0, 1_440),
}


#: The report's recipients until an administrator sets them: the province, the
#: department's leaders, the agencies, and the copy kept by the clerk's office (VT).
RECIPIENTS = "UBND tỉnh (b/c);\nLãnh đạo Sở;\nCác cơ quan, đơn vị trên địa bàn tỉnh;\nLưu: VT."
#: The longest text each text setting may hold.
_TEXT_LENGTHS = {
    "issuing_body": 200,
    "signer_title": 200,
    "signer_name": 200,
    "document_symbol": 50,
    "place_name": 100,
    "recipients": 1_000,
}

#: The text settings a report cannot leave blank.
_REQUIRED_TEXTS = ("document_symbol", "place_name")


class SettingsError(ValueError):
    """A setting's value is not allowed; the message says why, for the user."""


@dataclass(frozen=True)
class Settings:
    """The values in force. Change them with :func:`save_settings`."""

    sample_floor_fixed: int = SAMPLE_FLOOR  #: samples per month a commune needs, fixed broadband
    sample_floor_mobile: int = SAMPLE_FLOOR  #: samples per month a commune needs, mobile
    weekly_target: int = WEEKLY_TARGET  #: tests per person per ISO week
    tests_per_day: int = TESTS_PER_DAY  #: effective samples: at most this many tests per person a day
    burst_minutes: int = BURST_MINUTES  #: effective samples: a test this soon after the last counted one does not count
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))  #: Mbps, by category
    issuing_body: str = "UBND TỈNH LAI CHÂU\nSỞ KHOA HỌC VÀ CÔNG NGHỆ"  #: top left of a report, two lines
    signer_title: str = (
        "GIÁM ĐỐC"  #: above the signature; a second line after a line break (KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC)
    )
    signer_name: str = ""  #: under the signature
    document_symbol: str = "BC-SKHCN"  #: after the number: "Số: …/BC-SKHCN"
    place_name: str = "Lai Châu"  #: the place in the date line: "Lai Châu, ngày …"
    recipients: str = RECIPIENTS  #: the report's "Nơi nhận", one per line
    department_recipients: list[str] = field(default_factory=list)  #: who in the department gets the weekly report

    def sample_floor(self, access: str) -> int:
        """The monthly floor for ``access`` ('fixed' or 'mobile')."""
        return self.sample_floor_fixed if access == "fixed" else self.sample_floor_mobile

    def threshold(self, category: str) -> float | None:
        """The download threshold (Mbps) for a category or technology, if one is set."""
        return self.thresholds.get(category)

    def as_dict(self) -> dict:
        """The values as plain data (for JSON output and the audit log)."""
        return dataclasses.asdict(self)


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def load_settings(conn: Connection) -> Settings:
    """The settings in force: the stored values over the defaults."""
    stored = dict(conn.execute(select(tables.app_setting.c.name, tables.app_setting.c.value)).all())
    values = {}
    for name, text in stored.items():
        if name in _FIELDS:  # a setting an older or newer program knows is ignored
            values[name] = json.loads(text)
    return checked(Settings(**values)) if values else Settings()


def checked(settings: Settings) -> Settings:
    """``settings`` if every value is allowed; raises SettingsError naming the first that is not."""
    for name, (low, high) in _RANGES.items():
        value = getattr(settings, name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SettingsError(f"{name} must be a whole number from {low:,} to {high:,}, not {value!r}")
    for category, value in settings.thresholds.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 10_000:
            raise SettingsError(f"the threshold for {category} must be a speed above 0 and at most 10,000 Mbps")
    for name, longest in _TEXT_LENGTHS.items():
        value = getattr(settings, name)
        if not isinstance(value, str) or len(value) > longest or "\x00" in value:
            raise SettingsError(f"{name} must be a text of {longest:,} characters at most")
    for name in _REQUIRED_TEXTS:  # a report's number and date line cannot do without them
        if not getattr(settings, name).strip():
            raise SettingsError(f"{name} must not be empty")
    recipients = settings.department_recipients
    if not isinstance(recipients, list) or len(recipients) > MAX_RECIPIENTS:
        raise SettingsError(f"the department's recipients are a list of at most {MAX_RECIPIENTS} addresses")
    for address in recipients:
        if not isinstance(address, str) or email_address(address) != address:
            raise SettingsError(f"{address!r} is not one plain e-mail address in lower case")
    if len(set(recipients)) < len(recipients):
        raise SettingsError("an address is given twice among the department's recipients")
    return settings


class RecipientsError(SettingsError):
    """The department's recipients as typed cannot be used: ``written`` is the first
    text that is not an address (None when there are too many addresses)."""

    def __init__(self, message: str, written: str | None = None):
        super().__init__(message)
        self.written = written


def recipients_from_text(text: str) -> list[str]:
    """The addresses written one a line (or separated by commas or semicolons), in
    lower case, each once, in order. Raises RecipientsError naming one that is not
    a plain e-mail address, or saying there are more than MAX_RECIPIENTS."""
    found: list[str] = []
    for written in text.replace(";", "\n").replace(",", "\n").splitlines():
        if not written.strip():
            continue
        address = email_address(written)
        if address is None:
            raise RecipientsError(
                f"{written.strip()!r} is not one plain e-mail address (such as ten@laichau.gov.vn)", written.strip()
            )
        if address not in found:
            found.append(address)
    if len(found) > MAX_RECIPIENTS:
        raise RecipientsError(f"at most {MAX_RECIPIENTS} addresses receive the weekly report, not {len(found)}")
    return found


def save_settings(conn: Connection, settings: Settings, actor: str | None) -> list[str]:
    """Store every value that differs from the one in force; each change is audited.

    Returns the names of the settings changed. Raises SettingsError for a value
    that is not allowed (nothing is stored then).
    """
    checked(settings)
    current = load_settings(conn)
    changed = [name for name in _FIELDS if getattr(settings, name) != getattr(current, name)]
    now = clock.stored_now()
    table = tables.app_setting
    for name in changed:
        conn.execute(delete(table).where(table.c.name == name))
        conn.execute(
            table.insert().values(
                name=name,
                value=json.dumps(getattr(settings, name), ensure_ascii=False),
                updated_at=now,
                updated_by=actor,
            )
        )
        before, after = getattr(current, name), getattr(settings, name)
        audit.record(conn, actor, "setting_changed", f"{name}: {before!r} → {after!r}")
    return changed


#: A "setting_changed" audit detail as :func:`save_settings` writes it.
_CHANGE = re.compile(r"(?P<name>\w+): (?P<values>.*)", re.DOTALL)
_ARROW = " → "


def setting_change(detail: str | None) -> tuple[str, object, object] | None:
    """(setting, value before, value after) of a "setting_changed" audit detail, for a
    page to write in the reader's words; None when the detail is not one."""
    match = _CHANGE.fullmatch(detail or "")
    if not match or match["name"] not in _FIELDS:
        return None
    values = match["values"]
    # A text value may hold the arrow too: the split is where both sides are values.
    at = values.find(_ARROW)
    while at >= 0:
        try:
            return match["name"], ast.literal_eval(values[:at]), ast.literal_eval(values[at + len(_ARROW) :])
        except (ValueError, SyntaxError):
            at = values.find(_ARROW, at + 1)
    return None
