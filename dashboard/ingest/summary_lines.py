"""An import's summary line by line, written once for the command line (English,
aligned) and for the import page (a table in the reader's language).

Each line is a name and a value. Their words are i18n labels (``i18n/summaries.py``):
``summary_<name>`` names the line, ``summary_<name>_value`` writes its value from
the line's values (numbers as the reader writes them, see :mod:`dashboard.refusals`);
a line without a value label shows its one value. Items are listed under the line
before them ("  - ..." on the command line).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from dashboard import i18n
from dashboard.refusals import written

#: The command line's column where values start ('read:' and its padding).
VALUE_COLUMN = 18


@dataclass(frozen=True)
class Line:
    """One line: ``name`` is the label key of its name (``summary_`` added) or a
    function of the language (a reason, a kind of identifier); None for an item
    that is all value."""

    name: str | Callable[[str], str] | None
    values: Mapping[str, object] = field(default_factory=dict)
    item: bool = False
    #: The label key of the value's words (``summary_`` added); by default the name's, with ``_value``.
    value: str | None = None

    def name_in(self, language: str) -> str:
        """The line's name in ``language`` ('' for none)."""
        if self.name is None:
            return ""
        if callable(self.name):
            return self.name(language)
        return i18n.label("summary_" + self.name, language)

    def value_in(self, language: str) -> str:
        """The line's value in ``language``."""
        key = "summary_" + (self.value or f"{self.name}_value")
        if key in i18n.LABELS:
            return i18n.label(key, language).format(**{k: written(v, language) for k, v in self.values.items()})
        (only,) = self.values.values()
        return written(only, language)


def command_line(lines: Iterable[Line]) -> list[str]:
    """The lines as the command line prints them, in English: 'name:' padded to
    :data:`VALUE_COLUMN`, then the value; items as '  - name: value'."""
    out = []
    for line in lines:
        name, value = line.name_in("en"), line.value_in("en")
        if line.item:
            out.append(f"  - {name}: {value}" if name else f"  - {value}")
        else:
            out.append(f"{name + ':':<{VALUE_COLUMN}}{value}" if len(name) < VALUE_COLUMN - 1 else f"{name}: {value}")
    return out


def table(lines: Iterable[Line], language: str) -> pd.DataFrame:
    """The lines as a two-column table in ``language``: each name capitalised as a
    heading, items indented under their line."""
    rows = [
        {
            i18n.label("summary_col_item", language): "   · " + line.name_in(language)
            if line.item
            else _capitalised(line.name_in(language)),
            i18n.label("summary_col_value", language): line.value_in(language),
        }
        for line in lines
    ]
    return pd.DataFrame(rows, columns=[i18n.label(f"summary_col_{c}", language) for c in ("item", "value")])


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def value_names(kind: str, counts: Mapping[str, int]) -> Callable[[str], str]:
    """'position 12, nearest 3', each code named by its label ``summary_<kind>_<code>``
    in the reader's words (the code itself where it has none); 'none' for no counts."""
    items = list(counts.items())

    def words(language: str) -> str:
        if not items:
            return i18n.label("summary_none", language)
        return ", ".join(f"{_named(kind, code, language)} {written(count, language)}" for code, count in items)

    return words


def _named(kind: str, code: str, language: str) -> str:
    key = f"summary_{kind}_{code}"
    return i18n.label(key, language) if key in i18n.LABELS else code
