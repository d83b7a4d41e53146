"""An import's new rows counted for the rollups as the writer stores them.

What ``queries/rollup_add_*.sql`` would count from the stored rows, counted
instead on the rows in hand, chunk by chunk, on integer codes: every text key
(commune, access, operator, technology, week, month, person) is numbered once
for the whole import (:class:`Texts`), a day is its number of days, and a chunk's
groups are the distinct combinations of those numbers (hashed). Only the
groups are kept, as numbers; the texts come back once, in :meth:`ImportCounts.frames`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Microseconds in a day: a date's number of days since 1970 from its datetime64[us].
_DAY = 86_400_000_000


class Texts:
    """Texts numbered from 0 across an import's chunks; a missing value is ''.

    One numbering for every key column: a group is found on numbers, and a number
    is turned back into its text once, at the end.
    """

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index = pd.Index([], dtype=object)

    def numbers(self, column) -> np.ndarray:
        """Each row's number (a column of texts; missing values are '')."""
        codes, distinct = pd.factorize(column)
        # A chunk's distinct texts are looked up at once (a person per row: tens of thousands).
        distinct = np.append(np.asarray(distinct, dtype=object), "")  # code -1 (missing) reads the last slot
        found = self._index.get_indexer(distinct)
        if (found < 0).any():
            new = pd.unique(distinct[found < 0])
            self.values.extend(new)
            self._index = pd.Index(self.values, dtype=object)
            found = self._index.get_indexer(distinct)
        return found.astype(np.int64)[codes]

    def number(self, value: str | None) -> int:
        """The number of one text."""
        return int(self.numbers(np.array(["" if value is None else str(value)], dtype=object))[0])

    def texts(self, numbers: np.ndarray) -> np.ndarray:
        """The texts of numbers, as an array of Python strings."""
        return np.asarray(self.values, dtype=object)[numbers]


class ImportCounts:
    """An import's new rows counted for each rollup chunk by chunk, while the
    writer stores them: what the statements ``queries/rollup_add_*.sql`` count from
    stored rows, without reading them back. :meth:`frames` gives them at the end.
    """

    def __init__(self) -> None:
        self.texts = Texts()
        #: Each day met (days since 1970) -> the numbers of its ISO week and month.
        self._calendar: dict[int, tuple[int, int]] = {}
        # Per chunk: the groups' key numbers, then their counts.
        self._days: list[list[np.ndarray]] = []
        self._staff_weeks: list[list[np.ndarray]] = []

    def add(self, rows: pd.DataFrame) -> None:
        """Count a chunk of new rows (measurement columns)."""
        if not len(rows):
            return
        day = rows["local_date"].to_numpy(dtype="datetime64[us]").view(np.int64) // _DAY
        week = self._weeks(day, rows)
        number = self.texts.numbers
        commune, access = number(rows["commune_code"]), number(rows["access"])
        operator, technology = number(rows["operator"]), number(rows["technology"])
        linked = rows["staff_id"].notna().to_numpy()
        outside = (rows["placement"] == "outside").to_numpy(dtype=bool)
        keys, counts, sums = _count([day, commune, access, operator, technology], [linked, outside])
        self._days.append([*keys, counts, *sums])

        if linked.any():
            group, keys = _group([week[linked], number(rows["staff_id"][linked])])
            last = np.full(len(keys[0]), np.iinfo(np.int64).min)
            np.maximum.at(last, group, day[linked])
            self._staff_weeks.append([*keys, np.bincount(group, minlength=len(last)), last])

    def weeks(self) -> tuple[str, str] | None:
        """The first and last ISO week of the rows counted (None when none were)."""
        if not self._calendar:
            return None
        weeks = [self.texts.values[week] for week, _ in self._calendar.values()]
        return min(weeks), max(weeks)

    def frames(self) -> dict[str, pd.DataFrame]:
        """The counts per rollup (rows shaped as the rollup), added up over the chunks."""
        if not self._days:
            return {}
        text = self.texts.texts
        frames = {}
        day, commune, access, operator, technology, tests, by_staff, outside = _totals(self._days, 5)
        calendar = np.array([self._calendar[int(d)] for d in day], dtype=np.int64).reshape(-1, 2)
        frames["rollup_day"] = pd.DataFrame(
            {
                "local_date": _days(day),
                "commune_code": text(commune),
                "access": text(access),
                "operator": text(operator),
                "technology": text(technology),
                "iso_week": text(calendar[:, 0]),
                "month": text(calendar[:, 1]),
                "tests": tests,
                "tests_by_staff": by_staff,
                "tests_outside": outside,
            }
        )
        if self._staff_weeks:
            week, staff, tests, last = _totals(self._staff_weeks, 2, maximum=True)
            frames["rollup_staff_week"] = pd.DataFrame(
                {"iso_week": text(week), "staff_id": text(staff), "tests": tests, "last_test": _days(last)}
            )
            person, latest = _latest(staff, last)
            frames["rollup_staff_last"] = pd.DataFrame({"staff_id": text(person), "last_test": _days(latest)})
        return frames

    def _weeks(self, day: np.ndarray, rows: pd.DataFrame) -> np.ndarray:
        """Each row's ISO week as a number; each day's week and month are read once
        (they follow from the day) and kept for :meth:`frames`."""
        days, first, inverse = np.unique(day, return_index=True, return_inverse=True)
        for position, value in zip(first, days, strict=True):
            if int(value) not in self._calendar:
                self._calendar[int(value)] = (
                    self.texts.number(rows["iso_week"].iat[position]),
                    self.texts.number(rows["month"].iat[position]),
                )
        calendar = np.array([self._calendar[int(value)] for value in days], dtype=np.int64).reshape(-1, 2)
        return calendar[inverse, 0]


def _days(days: np.ndarray) -> np.ndarray:
    """Days (since 1970) as the texts 'YYYY-MM-DD'."""
    return np.datetime_as_string(days.astype("datetime64[D]"), unit="D").astype(object)


def _latest(staff: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each person's latest day, from rows of people and days."""
    group, (person,) = _group([staff])
    latest = np.full(len(person), np.iinfo(np.int64).min)
    np.maximum.at(latest, group, day)
    return person, latest


def _count(
    columns: list[np.ndarray], flags: list[np.ndarray] | None = None
) -> tuple[list[np.ndarray], np.ndarray, list[np.ndarray]]:
    """Group rows by integer columns: each group's key (one array per column), its
    rows, and per ``flags`` column the sum over its rows (of flags or counts)."""
    group, keys = _group(columns)
    counts = np.bincount(group, minlength=len(keys[0]))
    sums = [
        np.bincount(group, weights=np.asarray(flag, dtype=np.float64), minlength=len(counts)).round().astype(np.int64)
        for flag in flags or []
    ]
    return keys, counts, sums


def _group(columns: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Each row's group (numbered in key order) and each group's key, column by column.

    The columns are combined into one number (each column's range a digit), whose
    distinct values are the groups.
    """
    if not len(columns[0]):
        return np.zeros(0, dtype=np.int64), [np.zeros(0, dtype=np.int64) for _ in columns]
    lows = [int(column.min()) for column in columns]
    sizes = [int(column.max()) - low + 1 for column, low in zip(columns, lows, strict=True)]
    if np.prod(np.array(sizes, dtype=np.float64)) >= 2.0**62:  # too wide for one number: group in pandas
        frame = pd.DataFrame({str(i): column for i, column in enumerate(columns)})
        group = frame.groupby(list(frame.columns), sort=True).ngroup().to_numpy(dtype=np.int64)
        first = np.full(int(group.max()) + 1, len(group), dtype=np.int64)
        np.minimum.at(first, group, np.arange(len(group), dtype=np.int64))
        return group, [column[first] for column in columns]
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    for column, low, size in zip(columns, lows, sizes, strict=True):
        combined = combined * size + (column.astype(np.int64, copy=False) - low)
    # Hashing finds the groups in one pass; only the distinct values are sorted.
    codes, distinct = pd.factorize(combined)
    order = np.argsort(distinct)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    group, distinct = rank[codes], distinct[order]
    keys = []
    for low, size in zip(reversed(lows), reversed(sizes), strict=True):
        distinct, digit = np.divmod(distinct, size)
        keys.append(digit + low)
    return group, keys[::-1]


def _totals(parts: list[list[np.ndarray]], width: int, maximum: bool = False) -> list[np.ndarray]:
    """The chunks' groups added up per key (the first ``width`` columns): the next
    columns summed, and with ``maximum`` the last column's largest value instead."""
    columns = [np.concatenate(column) for column in zip(*parts, strict=True)]
    keys, counts = columns[:width], columns[width:]
    summed = counts[:-1] if maximum else counts
    group, distinct = _group(keys)
    totals = [
        np.bincount(group, weights=c.astype(np.float64), minlength=len(distinct[0])).round().astype(np.int64)
        for c in summed
    ]
    if maximum:
        last = np.full(len(distinct[0]), np.iinfo(np.int64).min)
        np.maximum.at(last, group, counts[-1])
        totals.append(last)
    return [*distinct, *totals]
