"""Text normalisation shared by header matching, name matching and identifiers."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

_UNIT_PREFIX = re.compile(r"^(xa|phuong|thi tran|tt|p|x)\.?\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# One address as a mail server takes it without extensions: ASCII, a dotted domain
# with a top-level name. Names with diacritics need SMTPUTF8, which many servers lack.
_EMAIL_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
#: The longest address SMTP carries (RFC 5321: a 256-octet path, brackets included).
EMAIL_MAX = 254


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics: 'Mường Tè' -> 'Muong Te', 'Đoàn' -> 'Doan'."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Case-folded NFC form with single spaces; diacritics kept."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def fold_bare(text: str) -> str:
    """Case-folded form without diacritics or punctuation: the loosest comparison key."""
    return " ".join(_NON_ALNUM.sub(" ", strip_diacritics(fold(text))).split())


def reading_order(text: str) -> tuple[str, str]:
    """A key that lists names as a Vietnamese reader looks for them: by their letters
    without tone marks or diacritics first ('Bản Bo', 'Bình Lư', 'Bum Nưa'), then
    with them, instead of by code point ('Bum Nưa' before 'Bản Bo')."""
    return fold_bare(text), fold(text)


def name_keys(name: str, unit_type: str | None = None) -> list[str]:
    """Keys under which a commune name may be written by a user.

    'Xã Mường Than' gives 'xã mường than', 'mường than', 'xa muong than' and
    'muong than'; the loose forms are only used when they are unambiguous.
    """
    full = fold(f"{unit_type} {name}" if unit_type else name)
    base = fold(name)
    keys = [full, base, fold_bare(full), fold_bare(base)]
    return list(dict.fromkeys(keys))


def lookup_key(value: str) -> list[str]:
    """Candidate keys, strictest first, for a name written in a file."""
    strict = fold(value)
    bare = fold_bare(value)
    without_prefix = _UNIT_PREFIX.sub("", bare)
    return list(dict.fromkeys([strict, bare, without_prefix]))


def nfc_series(values: pd.Series) -> pd.Series:
    """NFC-normalise and strip a text column; empty strings become missing."""
    text = values.astype("string").str.normalize("NFC").str.strip()
    return text.mask(text == "")


def email_address(written) -> str | None:
    """``written`` as one plain e-mail address, ``so.khcn@laichau.gov.vn`` (trimmed,
    lower case), or None when it is not one: empty, two addresses, a display name
    (``Sở KHCN <a@b.vn>``), no domain, letters outside ASCII, over EMAIL_MAX characters."""
    if not isinstance(written, str):
        return None
    candidate = written.strip()
    if len(candidate) > EMAIL_MAX or not _EMAIL_ADDRESS.fullmatch(candidate):
        return None
    return candidate.lower()
