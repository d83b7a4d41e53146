"""What a measurement import read, stored and set aside, chunk by chunk and in total."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

import pandas as pd

from dashboard import i18n
from dashboard.ingest import summary_lines
from dashboard.ingest.summary_lines import Line, value_names


@dataclass
class ImportSummary:
    """What an import read, stored and set aside."""

    file: str
    rows_read: int = 0
    imported: int = 0
    already_present: int = 0
    duplicates_in_file: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    outside: int = 0
    swapped: int = 0
    placed: dict[str, int] = field(default_factory=dict)
    matched_staff: int = 0
    unmatched: int = 0
    without_identity: int = 0
    rejects_file: str | None = None
    demo_removed: bool = False
    dry_run: bool = False
    applied: bool = False
    seconds: float = 0.0
    rejects: pd.DataFrame | None = field(default=None, repr=False, compare=False)  # the rows set aside, as written

    @property
    def rejected_total(self) -> int:
        """All rows set aside, whatever the reason."""
        return sum(self.rejected.values())

    @property
    def losses(self) -> list[str]:
        """The changes that lose something stored: replacing the demo campaign."""
        return ["demo_replaced"] if self.demo_removed else []

    def lines(self) -> list[str]:
        """The summary as lines of text for the command line (English)."""
        return summary_lines.command_line(self.summary_lines())

    def summary_lines(self) -> list[Line]:
        """The summary line by line, for the command line and the import page."""
        out = [demo_line(self.applied)] if self.demo_removed else []
        out += [
            Line("file", {"file": self.file}),
            Line("read", {"count": self.rows_read}),
            Line("imported", {"count": self.imported}),
            Line("already_present", {"count": self.already_present, "repeated": self.duplicates_in_file}),
            *rejected_lines(self.rejected),
            Line("outside", {"count": self.outside}),
            Line("swapped", {"count": self.swapped}),
            Line("placed", {"places": value_names("placement", self.placed)}),
            Line("placed_by_name", {"count": self.placed.get("name", 0)}),
            Line("linked", {"linked": self.matched_staff, "unmatched": self.unmatched, "none": self.without_identity}),
        ]
        return out + end_lines(self.rejects_file, self.seconds)

    def to_json(self) -> str:
        """The summary as JSON (stored with the import batch)."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "rejects"}
        return json.dumps(values, ensure_ascii=False)


def combine(file_name: str, parts: list[ImportSummary]) -> ImportSummary:
    """Add up the summaries of a file's tables and chunks."""
    total = ImportSummary(file=file_name)
    for part in parts:
        for name in (
            "rows_read",
            "imported",
            "already_present",
            "duplicates_in_file",
            "outside",
            "swapped",
            "matched_staff",
            "unmatched",
            "without_identity",
        ):
            setattr(total, name, getattr(total, name) + getattr(part, name))
        for target, source in ((total.rejected, part.rejected), (total.placed, part.placed)):
            for key, count in source.items():
                target[key] = target.get(key, 0) + int(count)
    return total


def demo_line(applied: bool) -> Line:
    """The demo campaign removed by the import (or that would be, in a preview)."""
    return Line("demo", value="demo_removed" if applied else "demo_would_go")


def rejected_lines(rejected: dict[str, int]) -> list[Line]:
    """Rows set aside: how many, then how many for each reason."""
    out = [Line("rejected", {"count": sum(rejected.values())})]
    for code, count in sorted(rejected.items()):
        out.append(Line(_reason(code), {"count": count}, item=True))
    return out


def end_lines(rejects_file: str | None, seconds: float) -> list[Line]:
    """Where the rows set aside were written (if they were), and how long it took."""
    out = [Line("rejects_file", {"path": rejects_file})] if rejects_file else []
    return [*out, Line("time", {"seconds": lambda language: i18n.number(seconds, language, decimals=1)})]


def _reason(code: str):
    return lambda language: i18n.label(f"reject_{code}", language)
