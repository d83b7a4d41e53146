"""Weeks and months as the dashboard reports them."""

import datetime as dt

import pytest

from dashboard.dates import periods


def test_week_bounds_and_label():
    """An ISO week runs Monday to Sunday, is labelled in Vietnamese with its number and dates, and the period before it
    is the previous week."""
    week = periods.week("2026-W47")
    assert (week.first_day, week.last_day) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert week.weeks == ["2026-W47"]
    assert week.label("vi") == "Tuần 47/2026 (16/11–22/11)"
    assert week.previous().key == "2026-W46"


def test_week_across_the_new_year():
    """The week before week 1 is the last week of the year before; week 53 is accepted in a year that has one and
    refused in a year that does not."""
    assert periods.week("2026-W01").previous().key == "2025-W52"
    assert periods.week("2026-W53").key == "2026-W53"  # 2026 has 53 ISO weeks
    with pytest.raises(periods.PeriodError):
        periods.week("2025-W53")


def test_month_weeks_are_those_whose_thursday_falls_in_it():
    """A month spans its calendar days but reports the ISO weeks whose Thursday falls in it, so a week across two months
    belongs to one only; the month before January is December of the year before."""
    november = periods.month("2026-11")
    assert (november.first_day, november.last_day) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    # 2026-11-01 is a Sunday (week 44 belongs to October); Thursday 26 November is in week 48.
    assert november.weeks == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert periods.month("2026-01").previous().key == "2025-12"
    assert periods.month("2026-12").last_day == dt.date(2026, 12, 31)


@pytest.mark.parametrize("kind,key", [("week", "2026-47"), ("week", "W47"), ("month", "2026-13"), ("month", "")])
def test_bad_keys_are_refused(kind, key):
    """A malformed week or month key is refused with a period error rather than guessed at."""
    with pytest.raises(periods.PeriodError):
        getattr(periods, kind)(key)


def test_periods_between_newest_first_and_default_skips_the_running_week():
    """The weeks between two dates are listed newest first, and the default week is the last one that has ended, the
    only one there is otherwise, or none when there is no week."""
    weeks = periods.periods_between("week", dt.date(2026, 11, 1), dt.date(2026, 11, 24))
    assert [p.key for p in weeks] == ["2026-W48", "2026-W47", "2026-W46", "2026-W45", "2026-W44"]
    assert periods.default_period("week", weeks, today=dt.date(2026, 11, 24)).key == "2026-W47"
    assert periods.default_period("week", weeks[:1], today=dt.date(2026, 11, 24)).key == "2026-W48"
    assert periods.default_period("week", [], today=dt.date(2026, 11, 24)) is None


def test_calendar_covers_every_week_once():
    """The calendar table lists each ISO week from 2020 to 2040 exactly once, each seven days long."""
    rows = periods.calendar_weeks(2020, 2040)
    keys = [r["iso_week"] for r in rows]
    assert len(keys) == len(set(keys))
    assert keys[0] == "2020-W01" and keys[-1] == "2040-W52"
    assert all(r["week_end"] - r["week_start"] == dt.timedelta(days=6) for r in rows)


def test_a_month_counts_only_weeks_that_have_started_and_never_the_week_under_way():
    """On Sunday 29 November W48 is under way and W49 has not started: November's
    participation counts W45..W47; from Monday 30 November W48 has ended and counts."""
    november = periods.month("2026-11")
    sunday, monday = dt.date(2026, 11, 29), dt.date(2026, 11, 30)
    assert november.started_weeks(sunday) == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert november.ended_weeks(sunday) == ["2026-W45", "2026-W46", "2026-W47"]
    assert november.counted_weeks(sunday) == ["2026-W45", "2026-W46", "2026-W47"]
    assert november.counted_weeks(monday) == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert november.counted_weeks(dt.date(2026, 11, 4)) == []  # W45 under way: nothing over yet
    assert periods.month("2026-12").counted_weeks(monday) == []  # W49 belongs to December
    assert november.in_progress(sunday) and not november.in_progress(dt.date(2026, 12, 1))


def test_a_month_leaves_out_the_weeks_after_the_last_day_with_data():
    """On 8 December, with tests imported up to Sunday 22 November, November counts
    W45..W47: W48 has ended but holds nothing imported yet, and would count everyone as
    behind. Tests up to Tuesday 24 November bring W48 back (its figures so far)."""
    november = periods.month("2026-11")
    today = dt.date(2026, 12, 8)
    assert november.counted_weeks(today) == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert november.counted_weeks(today, dt.date(2026, 11, 22)) == ["2026-W45", "2026-W46", "2026-W47"]
    assert november.started_weeks(today, dt.date(2026, 11, 22)) == ["2026-W45", "2026-W46", "2026-W47"]
    assert november.counted(today, dt.date(2026, 11, 22)) == periods.weeks("2026-W45", "2026-W47")
    assert november.counted_weeks(today, dt.date(2026, 11, 24))[-1] == "2026-W48"
    assert november.counted(today, dt.date(2026, 10, 20)) is None  # nothing of November imported


def test_a_week_chosen_while_under_way_counts_its_figures_so_far_and_a_future_week_none():
    """The week under way counts when it is the period chosen (figures so far); a
    week that has not started counts nothing."""
    sunday = dt.date(2026, 11, 29)
    assert periods.week("2026-W48").counted_weeks(sunday) == ["2026-W48"]
    assert periods.week("2026-W48").in_progress(sunday)
    assert periods.week("2026-W49").counted_weeks(sunday) == []
    assert periods.week("2026-W47").counted_weeks(sunday) == ["2026-W47"]


def test_a_range_of_weeks_is_a_period_like_the_others():
    """A range of ISO weeks (across a new year too) lists its weeks, is written as a
    reader writes it, has as many weeks just before it as its previous period, counts
    the weeks that have started (a week under way included: the reader named it), and
    one week is simply that week."""
    weeks = periods.weeks("2026-W52", "2027-W02")
    assert weeks.kind == "weeks" and weeks.weeks == ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]
    assert (weeks.first_day, weeks.last_day) == (dt.date(2026, 12, 21), dt.date(2027, 1, 17))
    assert weeks.label("vi") == "Tuần 52/2026–2/2027 (21/12–17/01)"
    assert periods.weeks("2026-W45", "2026-W47").label("en") == "Weeks 45–47/2026 (02/11–22/11)"
    assert weeks.previous() == periods.weeks("2026-W48", "2026-W51")
    assert weeks.counted(dt.date(2027, 1, 6)) == periods.weeks("2026-W52", "2027-W01")
    assert weeks.counted(dt.date(2026, 12, 1)) is None
    assert periods.weeks("2026-W47", "2026-W47") == periods.week("2026-W47")
    assert periods.weeks_ending("2026-W47", 4) == periods.weeks("2026-W44", "2026-W47")
    assert periods.started_part(periods.weeks("2026-W47", "2026-W50"), dt.date(2026, 11, 24)) == periods.weeks(
        "2026-W47", "2026-W48"
    )
    with pytest.raises(periods.PeriodError, match="ends before it starts"):
        periods.weeks("2026-W47", "2026-W45")


def test_the_last_complete_weeks_leave_out_the_week_under_way_and_weeks_without_data():
    """On Sunday 29 November W48 is under way: the last four complete weeks are W44..W47;
    on Monday 30 November they are W45..W48, unless the data ends in W47."""
    assert periods.last_complete_weeks(dt.date(2026, 11, 29), 4) == periods.weeks("2026-W44", "2026-W47")
    assert periods.last_complete_weeks(dt.date(2026, 11, 30), 4) == periods.weeks("2026-W45", "2026-W48")
    assert periods.last_complete_weeks(dt.date(2026, 11, 30), 4, dt.date(2026, 11, 22)) == periods.weeks(
        "2026-W44", "2026-W47"
    )


def test_a_period_is_compared_with_the_counted_weeks_of_the_period_before():
    """A month is compared with the month before (October's W40..W44 for November), not
    with as many weeks as November counts; a week with the week before; a run of weeks
    with as many weeks just before its counted part; nothing while nothing counts."""
    today, until = dt.date(2026, 12, 8), dt.date(2026, 11, 22)
    november = periods.month("2026-11")
    assert november.counted_before(today, until) == periods.weeks("2026-W40", "2026-W44")
    assert november.counted_before(today, until).weeks == periods.month("2026-10").counted_weeks(today, until)
    assert periods.week("2026-W47").counted_before(today, until) == periods.week("2026-W46")
    assert periods.weeks("2026-W45", "2026-W48").counted_before(today, until) == periods.weeks("2026-W42", "2026-W44")
    assert periods.week("2026-W48").counted_before(today, until) is None  # W48 holds nothing imported
    assert periods.month("2026-12").counted_before(today, until) is None  # December counts no week yet


def test_weeks_and_months_are_named_as_a_reader_writes_them_not_by_their_keys():
    """Tables, chart axes and sheets name a week 'Tuần 47/2026' ('Week 1/2027') and a
    month '07/2026': the keys '2026-W47' and '2026-07' are for the command line."""
    assert periods.week_short_label("2026-W47") == "Tuần 47/2026"
    assert periods.week_short_label("2027-W01", "en") == "Week 1/2027"
    assert periods.month_short_label("2026-07") == "07/2026"
    with pytest.raises(periods.PeriodError):
        periods.week_short_label("2026-47")
