"""What a measurement import read, stored and set aside, chunk by chunk and in total."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

import pandas as pd

from dashboard.ingest.demo_data import REMOVED_LINE
from dashboard.ingest.rejects import REASONS


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
        """The summary as lines of text for the command line."""
        out = []
        if self.demo_removed:
            out.append(REMOVED_LINE if self.applied else "demo campaign:    would be removed")
        out += [
            f"file:             {self.file}",
            f"read:             {self.rows_read:,}",
            f"imported:         {self.imported:,}",
            f"already present:  {self.already_present:,} (of which repeated in this file: {self.duplicates_in_file:,})",
            f"rejected:         {self.rejected_total:,}",
        ]
        out += [f"  - {REASONS.get(k, k)}: {v:,}" for k, v in sorted(self.rejected.items())]
        out += [
            f"outside province: {self.outside:,}",
            f"coordinates swapped and fixed: {self.swapped:,}",
            "placed:           " + ", ".join(f"{k} {v:,}" for k, v in self.placed.items()),
            f"placed by name:   {self.placed.get('name', 0):,}",
            f"linked to staff:  {self.matched_staff:,}; matching nobody: {self.unmatched:,}; "
            f"no identifier: {self.without_identity:,}",
        ]
        if self.rejects_file:
            out.append(f"rejects file:     {self.rejects_file}")
        out.append(f"time:             {self.seconds:.1f} s")
        return out

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
