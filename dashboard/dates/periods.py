"""Reporting periods: ISO weeks, ranges of ISO weeks and calendar months, in local
time. Every public function of the domain that reports over time takes a
:class:`Period`.

Tests are counted by their local date. Participation is counted by ISO week (the
campaign's target is 2 tests per person per week); a month's participation covers
the ISO weeks whose Thursday falls in that month, the usual rule that gives every
week to exactly one month.
Participation counts only weeks that have started, and a week under way only
when it is the period chosen (:meth:`Period.counted_weeks`); "today" comes from
:mod:`clock`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

KINDS = ("week", "month", "weeks")
#: The kinds of period a reader picks in the sidebar, each a list of periods to choose from.
PICKED_KINDS = ("week", "month")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_WEEK_RANGE = re.compile(r"^\s*(\d{4}-W\d{2})\s*(?:\.\.\s*(\d{4}-W\d{2}))?\s*$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    """A period key that names no week or month."""


@dataclass(frozen=True)
class Period:
    """One ISO week (``2026-W47``), a range of ISO weeks (``2026-W44..2026-W47``,
    kind ``weeks``) or one month (``2026-11``)."""

    kind: str
    key: str
    first_day: dt.date
    last_day: dt.date  # inclusive

    @property
    def weeks(self) -> list[str]:
        """The ISO weeks whose participation this period reports."""
        if self.kind == "week":
            return [self.key]
        if self.kind == "weeks":
            return week_keys(iso_week_of(self.first_day), iso_week_of(self.last_day))
        thursday = self.first_day + dt.timedelta(days=(3 - self.first_day.weekday()) % 7)
        weeks = []
        while thursday <= self.last_day:
            weeks.append(iso_week_of(thursday))
            thursday += dt.timedelta(days=7)
        return weeks

    def started_weeks(self, today: dt.date, data_until: dt.date | None = None) -> list[str]:
        """The weeks of :attr:`weeks` that have started by ``today`` (Monday on or
        before it) and, when ``data_until`` (the last day with data) is given, by
        then: a week with nothing imported yet would count everyone as behind."""
        return [key for key in self.weeks if week(key).first_day <= _earlier(today, data_until)]

    def ended_weeks(self, today: dt.date, data_until: dt.date | None = None) -> list[str]:
        """The weeks of :attr:`weeks` that have ended before ``today`` (Sunday before
        it) and, when ``data_until`` is given, started by then (as :meth:`started_weeks`)."""
        return [key for key in self.started_weeks(today, data_until) if week(key).last_day < today]

    def counted_weeks(self, today: dt.date, data_until: dt.date | None = None) -> list[str]:
        """The weeks whose participation this period counts as of ``today``.

        A week that has not started is never counted. The week under way is in
        progress: whoever has not tested yet still may, so within a month it is not
        counted against anyone; it is counted (its figures so far) only when it is
        the period chosen. Empty while a month has no week over yet. With
        ``data_until`` (the last day with data), a week after that day's week is not
        counted either: its tests have not been imported yet (as
        :func:`last_complete_weeks`).
        """
        if self.kind == "month":
            return self.ended_weeks(today, data_until)
        return self.started_weeks(today, data_until)

    def counted(self, today: dt.date, data_until: dt.date | None = None) -> Period | None:
        """The weeks of :meth:`counted_weeks` as a period of their own (one week, or
        a range); None while none counts."""
        counted = self.counted_weeks(today, data_until)
        return weeks(counted[0], counted[-1]) if counted else None

    def in_progress(self, today: dt.date) -> bool:
        """True while ``today`` falls within the period: it has started and not ended."""
        return self.first_day <= today <= self.last_day

    @property
    def first_week(self) -> str:
        """The first ISO week of :attr:`weeks`."""
        return self.weeks[0]

    @property
    def last_week(self) -> str:
        """The last ISO week of :attr:`weeks`."""
        return self.weeks[-1]

    def previous(self) -> Period:
        """The week or month just before this one; for a range, as many weeks just before it."""
        if self.kind == "weeks":
            count = len(self.weeks)
            return weeks(
                iso_week_of(self.first_day - dt.timedelta(weeks=count)),
                iso_week_of(self.first_day - dt.timedelta(weeks=1)),
            )
        return period_containing(self.kind, self.first_day - dt.timedelta(days=1))

    def counted_before(self, today: dt.date, data_until: dt.date | None = None) -> Period | None:
        """The weeks this period's participation is compared with, as every page,
        export and report compares it: those counted of the period just before.

        A month is compared with the month before (its counted weeks, as the
        overview's headline counts them), a week with the week before, a range of
        weeks with as many weeks just before its counted part. None when this
        period counts no week yet, or the period before counts none.
        """
        if self.kind == "month":
            return self.previous().counted(today, data_until) if self.counted(today, data_until) else None
        counted = self.counted(today, data_until)
        return counted.previous() if counted is not None else None

    def query_params(self) -> dict:
        """Bound parameters for the queries in ``queries/`` that take a period."""
        return {
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "first_week": self.first_week,
            "last_week": self.last_week,
        }

    def label(self, language: str = "vi") -> str:
        """The period as a reader writes it: 'Tuần 47/2026 (16/11–22/11)', 'Tuần 44–47/2026
        (26/10–22/11)' or 'Tháng 11/2026'."""
        if self.kind == "weeks":
            (first_year, first), (last_year, last) = (key.split("-W") for key in (self.first_week, self.last_week))
            word = "Tuần" if language == "vi" else "Weeks"
            span = f"{self.first_day:%d/%m}–{self.last_day:%d/%m}"
            if first_year == last_year:
                return f"{word} {int(first)}–{int(last)}/{last_year} ({span})"
            return f"{word} {int(first)}/{first_year}–{int(last)}/{last_year} ({span})"
        if self.kind == "week":
            return f"{week_short_label(self.key, language)} ({self.first_day:%d/%m}–{self.last_day:%d/%m})"
        return f"{'Tháng' if language == 'vi' else 'Month'} {month_short_label(self.key)}"


def week_short_label(key: str, language: str = "vi") -> str:
    """An ISO week as a column heading or a chart's axis names it: 'Tuần 47/2026'
    ('Week 47/2026'), without the dates of :meth:`Period.label`."""
    year, number = week(key).key.split("-W")
    return f"{'Tuần' if language == 'vi' else 'Week'} {int(number)}/{year}"


def month_short_label(key: str) -> str:
    """A month as a chart's axis or a table's row names it: '07/2026' (as Vietnamese
    dates are written), not the key '2026-07'."""
    return f"{month(key).first_day:%m/%Y}"


def iso_week_of(day: dt.date) -> str:
    """The ISO week of a date, written '2026-W47'."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week(key: str) -> Period:
    """The ISO week written ``YYYY-Www``."""
    match = _WEEK.match(key or "")
    if not match:
        raise PeriodError(f"not an ISO week: {key!r} (expected e.g. 2026-W47)")
    try:
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise PeriodError(f"not an ISO week: {key!r}") from None
    return Period("week", key, monday, monday + dt.timedelta(days=6))


def weeks(first: str, last: str) -> Period:
    """The ISO weeks ``first`` to ``last``, inclusive: one week when they are the same."""
    start, end = week(first), week(last)
    if start.first_day > end.first_day:
        raise PeriodError(f"the range {first}..{last} ends before it starts")
    if first == last:
        return start
    return Period("weeks", f"{first}..{last}", start.first_day, end.last_day)


def week_range(text: str) -> Period:
    """The weeks written ``2026-W45..2026-W47`` (or one week, ``2026-W47``)."""
    match = _WEEK_RANGE.match(text or "")
    if not match:
        raise PeriodError(f"not a range of ISO weeks: {text!r} (expected e.g. 2026-W45..2026-W47)")
    return weeks(match.group(1), match.group(2) or match.group(1))


def weeks_ending(last: str, count: int) -> Period:
    """The ``count`` ISO weeks ending with ``last``."""
    return weeks(iso_week_of(week(last).first_day - dt.timedelta(weeks=count - 1)), last)


def last_complete_weeks(today: dt.date, count: int, data_until: dt.date | None = None) -> Period:
    """The ``count`` ISO weeks that ended last, before ``today`` (the week under way
    is left out: whoever has not tested yet still may), and no later than the week of
    ``data_until`` (the last day with data, when given: a week not imported yet would
    count everyone as behind)."""
    last = iso_week_of(today - dt.timedelta(days=7))
    if data_until is not None:
        last = min(last, iso_week_of(data_until))
    return weeks_ending(last, count)


def _earlier(today: dt.date, data_until: dt.date | None) -> dt.date:
    return today if data_until is None else min(today, data_until)


def week_keys(first: str, last: str) -> list[str]:
    """Every ISO week from ``first`` to ``last``, inclusive (none when ``last`` is earlier)."""
    monday, final = week(first).first_day, week(last).first_day
    return [iso_week_of(monday + dt.timedelta(weeks=n)) for n in range((final - monday).days // 7 + 1)]


def started_part(period: Period, today: dt.date) -> Period | None:
    """The weeks of ``period`` that have started by ``today``: a week not started yet
    has no test to count, so it would only count everyone as behind. None when none
    has started. A week under way is kept: the reader named it."""
    started = period.started_weeks(today)
    return weeks(started[0], started[-1]) if started else None


def month(key: str) -> Period:
    """The calendar month written ``YYYY-MM``."""
    match = _MONTH.match(key or "")
    if not match or not 1 <= int(match[2]) <= 12:
        raise PeriodError(f"not a month: {key!r} (expected e.g. 2026-11)")
    first = dt.date(int(match[1]), int(match[2]), 1)
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return Period("month", key, first, following - dt.timedelta(days=1))


def period_containing(kind: str, day: dt.date) -> Period:
    """The week or month that contains ``day``."""
    if kind == "week":
        return week(iso_week_of(day))
    if kind == "month":
        return month(f"{day:%Y-%m}")
    raise PeriodError(f"unknown kind of period: {kind!r} (expected one of {', '.join(PICKED_KINDS)})")


def periods_between(kind: str, first_day: dt.date, last_day: dt.date) -> list[Period]:
    """Every week or month that overlaps the days given, newest first."""
    periods = []
    current = period_containing(kind, last_day)
    while current.last_day >= first_day:
        periods.append(current)
        current = current.previous()
    return periods


def default_period(kind: str, periods: list[Period], today: dt.date) -> Period | None:
    """The period a page opens on: the newest one that has ended, else the newest.

    A week still under way would show a misleadingly low count, so the last full
    period comes first.
    """
    candidates = [p for p in periods if p.last_day < today] or periods
    return candidates[0] if candidates else None


def calendar_weeks(first_year: int, last_year: int) -> list[dict]:
    """Rows of the ``calendar_week`` table: every ISO week of the years given."""
    rows = []
    monday = dt.date.fromisocalendar(first_year, 1, 1)
    while monday.isocalendar()[0] <= last_year:
        thursday = monday + dt.timedelta(days=3)
        rows.append(
            {
                "iso_week": iso_week_of(monday),
                "week_start": monday,
                "week_end": monday + dt.timedelta(days=6),
                "week_thursday": thursday,
                "month": f"{thursday:%Y-%m}",
            }
        )
        monday += dt.timedelta(days=7)
    return rows
