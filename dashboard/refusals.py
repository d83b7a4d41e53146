"""Refusals: why a file or an import is refused, in the reader's language.

A refusal is a code and the values its sentence quotes. Its words are the i18n
label ``refusal_<code>`` (``i18n/refusals.py``), in Vietnamese and English. The
command line, the logs and the audit log read the English (``str(refusal)``);
pages ask for :meth:`Refusal.text` in the reader's language. Numbers among the
values are written as the reader writes them (12.345 or 12,345); a value may
also be another refusal (the reason inside) or a function of the language (a
list of reasons, a duration).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from dashboard.i18n import label, number


class Refusal(ValueError):
    """Something the program refuses to do, said for the user; it quotes no more of
    the user's data than the values given (a file name, a line number)."""

    def __init__(self, code: str, **values: object):
        self.code = code
        self.values = values
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        """The refusal in ``language`` ('vi' or 'en')."""
        values = {name: written(value, language) for name, value in self.values.items()}
        return label("refusal_" + self.code, language).format(**values)

    @property
    def names_file(self) -> bool:
        """True when the refusal names the file it refuses (most begin with it), so
        that a message around it need not name the file again."""
        return any(key in self.values for key in ("name", "names", "path"))

    @classmethod
    def like(cls, other: Refusal) -> Self:
        """The same reason, as a refusal of this kind (an import refused because its
        file could not be read, say)."""
        return cls(other.code, **other.values)


def words(code: str) -> Callable[[str], str]:
    """A value written as the label ``refusal_<code>`` in the reader's language."""
    return lambda language: label("refusal_" + code, language)


def duration(seconds: float) -> Callable[[str], str]:
    """'10 minutes', '1 minute' or '2 seconds' (10 phút, 2 giây), as a refusal's value."""
    count: float = round(seconds / 60) if seconds >= 60 else seconds
    unit = "minute" if seconds >= 60 else "second"
    code = unit if count == 1 else unit + "s"
    return lambda language: label("refusal_" + code, language).format(count=f"{count:g}")


def written(value: object, language: str) -> str:
    """A value of a sentence as the reader writes it: a number by their rules, a
    refusal in their language, a function of the language called."""
    if isinstance(value, Refusal):
        return value.text(language)
    if callable(value):
        return str(value(language))
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value, language)
    if isinstance(value, list):
        return " | ".join(written(item, language) for item in value)
    return str(value)
