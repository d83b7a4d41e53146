"""How the report writes its words, numbers, dates and periods: the Vietnamese way
(1.234; 24,2%) through :mod:`dashboard.i18n`, dates as Decree 30/2020/NĐ-CP writes
them, and the periods as an office names them (tuần 47, tháng 11/2026)."""

from __future__ import annotations

import datetime as dt

from dashboard import i18n
from dashboard.dates.periods import Period
from dashboard.reports.overview import change as difference

LANGUAGE = "vi"  # an official document of a Vietnamese province


def say(key: str, **values) -> str:
    """The report's words for ``key`` (:mod:`dashboard.i18n.reports`), filled with ``values``."""
    return i18n.label(key, LANGUAGE).format(**values)


def number(value: float | None, decimals: int = 0) -> str:
    """1.234 or 24,2 ("–" for no value)."""
    return i18n.number(value, LANGUAGE, decimals)


def signed(value: float | None, decimals: int = 0) -> str:
    """+1.234 or -2,5 ("–" for no value; 0 unsigned)."""
    if value is not None and value == value and round(value, decimals) == 0:
        return number(0, decimals)
    return i18n.number(value, LANGUAGE, decimals, signed=True)


def percent(share: float | None, decimals: int = 1) -> str:
    """24,2% for 0.242 ("–" for no value)."""
    return i18n.percent(share, LANGUAGE, decimals)


def day(date: dt.date) -> str:
    """16/11/2026."""
    return f"{date:%d/%m/%Y}"


def place_and_date(place: str, date: dt.date) -> str:
    """ "Lai Châu, ngày 05 tháng 3 năm 2026": a day under 10 and the months 1 and 2
    take a leading zero (Decree 30/2020/NĐ-CP, Appendix I)."""
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return say("doc_place_date", place=place, day=f"{date.day:02d}", month=month, year=date.year)


def period_name(period: Period) -> str:
    """The period in the subject line: "tuần 47 (16/11–22/11/2026)", "tháng 11/2026"."""
    if period.kind == "month":
        return say("doc_month", month=f"{period.first_day:%m/%Y}")
    week = str(_week_number(period.last_week)[0])
    if period.kind == "weeks":
        week = f"{_week_number(period.first_week)[0]}–{week}"
    return say("doc_week_span", week=week, first=f"{period.first_day:%d/%m}", last=day(period.last_day))


def period_short(period: Period, beside: Period | None = None) -> str:
    """The period in a sentence: "tuần 47" ("tuần 53/2026" beside a week of another
    year), "tháng 11/2026"."""
    if period.kind == "month":
        return say("doc_month", month=f"{period.first_day:%m/%Y}")
    last, year = _week_number(period.last_week)
    written = f"{_week_number(period.first_week)[0]}–{last}" if period.kind == "weeks" else str(last)
    if beside is not None and _week_number(beside.last_week)[1] != year:
        return say("doc_week_of_year", week=written, year=year)
    return say("doc_week", week=written)


def week_name(key: str, beside: str | None = None) -> str:
    """One ISO week in a sentence: "tuần 47", or "tuần 1/2027" beside a week of another year."""
    number_, year = _week_number(key)
    if beside is not None and _week_number(beside)[1] != year:
        return say("doc_week_of_year", week=number_, year=year)
    return say("doc_week", week=number_)


def weeks_range(first: str, last: str) -> str:
    """ "các tuần từ 38 đến 47" ("từ 52/2026 đến 2/2027" across a new year; one week: "tuần 47")."""
    if first == last:
        return week_name(last)
    (first_number, first_year), (last_number, last_year) = _week_number(first), _week_number(last)
    if first_year == last_year:
        return say("doc_weeks_range", first=first_number, last=last_number)
    return say("doc_weeks_range", first=f"{first_number}/{first_year}", last=f"{last_number}/{last_year}")


def change(current: float | None, previous: float | None, written) -> str:
    """ "tăng …", "giảm …" or "không thay đổi": ``written`` writes the difference's size."""
    moved = difference(current, previous)
    if moved is None:
        return ""
    text = written(abs(moved))
    if text == written(0):  # a change too small to write is no change to the reader
        return say("doc_same")
    return say("doc_up" if moved > 0 else "doc_down", value=text)


def capitalised(text: str) -> str:
    """``text`` with its first letter in capitals (a sentence that starts with a name of a period)."""
    return text[:1].upper() + text[1:]


def listed(items: list[str]) -> str:
    """Items one after the other, separated by semicolons when they hold commas."""
    separator = "; " if any("," in item for item in items) else ", "
    return separator.join(items)


def _week_number(key: str) -> tuple[int, int]:
    year, number_ = key.split("-W")
    return int(number_), int(year)
