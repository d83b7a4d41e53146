"""Pieces every page uses: the cached engine, the language and period pickers, the
demo marker, labels, and :func:`plain` for data shown where Streamlit reads Markdown."""

from __future__ import annotations

import os
import re
import string

import altair as alt
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard import i18n
from dashboard.dates import clock, periods
from dashboard.geo import layers
from dashboard.ingest import demo_data
from dashboard.reports import coverage, overview
from dashboard.reports import settings as campaign_settings
from dashboard.views.cache import PERIOD_TESTS_ENTRIES, cached, engine

#: Set to "off" to start on an empty database without creating the demo campaign.
DEMO_SWITCH = "ISPEED_DEMO"
#: Every ASCII punctuation character: Markdown takes any of them literally after a backslash.
_MARKDOWN_PUNCTUATION = re.compile(f"([{re.escape(string.punctuation)}])")


@st.cache_resource(show_spinner=False)
def _demo_checked() -> bool:
    """Create the demo campaign once, when the database holds no import at all, or
    finish one a stopped first start left without its accounts."""
    span = _read_span()
    with engine().connect() as conn:
        unfinished = demo_data.unfinished(conn)
    empty = span.first_day is None and not span.has_imports
    if (empty or unfinished) and os.environ.get(DEMO_SWITCH, "on") != "off":
        from dashboard import demo  # the generator is only loaded when needed

        demo.create_demo(engine())
        return True
    return False


def ensure_demo() -> None:
    """On first start with an empty database, build the demo campaign (with a spinner)."""
    with st.spinner(t("creating_demo")):
        if _demo_checked():
            data_span.clear()


@cached
def data_span() -> overview.DataSpan:
    """What the database covers; read again after each import (see cache.py)."""
    return _read_span()


def _read_span() -> overview.DataSpan:
    with engine().connect() as conn:
        return overview.data_span(conn)


@cached(max_entries=PERIOD_TESTS_ENTRIES)
def coverage_data(period: periods.Period) -> coverage.CoverageData:
    """A period's placed tests, communes and targets, read once for the overview and
    the coverage page (which count them again for each filter)."""
    with engine().connect() as conn:
        return coverage.coverage_data(conn, period)


@cached
def settings() -> campaign_settings.Settings:
    """The campaign's stored settings (floors, counting rules, targets, thresholds)."""
    with engine().connect() as conn:
        return campaign_settings.load_settings(conn)


def language() -> str:
    """The language chosen in this session."""
    return st.session_state.get("language", i18n.DEFAULT_LANGUAGE)


def t(key: str) -> str:
    """The label for ``key`` in the language chosen in this session."""
    return i18n.label(key, language())


def number(value: float | None, decimals: int = 0, signed: bool = False) -> str:
    """A number written for the session's language (12.345,6 in Vietnamese)."""
    return i18n.number(value, language(), decimals, signed)


def percent(share: float | None, decimals: int = 1) -> str:
    """A share written as a percentage for the session's language (24,2%)."""
    return i18n.percent(share, language(), decimals)


def numbers_shown(
    frame: pd.DataFrame,
    decimals: dict[str, int],
    percents: dict[str, int] | None = None,
    signed: tuple[str, ...] = (),
    dates: tuple[str, ...] = (),
) -> Styler:
    """``frame`` for st.dataframe with its number columns written as the reader writes
    them (``decimals``: column -> digits after the separator; ``percents``: column ->
    digits, for shares of 1) whatever the browser's own language, and ``dates`` as
    dd/mm/yyyy; the cells keep their values, so that a column still sorts by value.
    Missing values show blank, never "None"."""
    lang = language()
    formats: dict = {column: _day for column in dates if column in frame.columns}
    for column, digits in decimals.items():
        if column in frame.columns:
            formats[column] = lambda v, d=digits, s=column in signed: i18n.number(v, lang, d, s) if v == v else ""
    for column, digits in (percents or {}).items():
        if column in frame.columns:
            formats[column] = lambda v, d=digits: i18n.percent(v, lang, d) if v == v else ""
    return frame.style.format(formats, na_rep="")


def all_numbers_shown(frame: pd.DataFrame, decimals: int = 1, **exact: int) -> Styler:
    """:func:`numbers_shown` for every number column of ``frame``: whole numbers with
    no decimals, others with ``decimals`` (``exact``: a column's own digits, by name)."""
    digits = {
        column: 0 if pd.api.types.is_integer_dtype(frame[column]) else decimals
        for column in frame.columns
        if pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
    }
    return numbers_shown(frame, digits | exact)


def key_columns_first(columns, *first: str) -> dict:
    """``st.dataframe`` options that show ``first`` (those present) before the other
    ``columns``, the first of them pinned: on a phone's narrow screen the table
    opens on who and how far behind, and the name stays while the rest scrolls."""
    leading = [column for column in first if column in columns]
    order = leading + [column for column in columns if column not in leading]
    config = {leading[0]: st.column_config.Column(leading[0], pinned=True)} if leading else {}
    return {"column_order": order, "column_config": config}


def with_week_names(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` with ``week`` (its ``iso_week`` as a reader names it, 'Tuần 47/2026')
    and ``week_dates`` (with its dates, for a tooltip), and the names in calendar
    order for a chart's axis: the keys '2026-W47' are never shown."""
    keys = sorted(frame["iso_week"].unique())
    names = {key: periods.week_short_label(key, language()) for key in keys}
    dates = {key: periods.week(key).label(language()) for key in keys}
    named = frame.assign(week=frame["iso_week"].map(names), week_dates=frame["iso_week"].map(dates))
    return named, [names[key] for key in keys]


#: The "all" choice of :func:`select_or_all`.
ALL = "*all*"


def select_or_all(container, label: str, options, *, key: str, format_func, all_label: str):
    """A select box whose first choice is "all" (``all_label``); returns the choice,
    or None for all.

    "All" is a value of its own, not None: Streamlit sends a None choice to the
    browser as nothing, so after a change of language the box kept showing
    "Tất cả nhà mạng" on an English page."""
    chosen = container.selectbox(
        label, [ALL, *options], key=key, format_func=lambda o: all_label if o == ALL else format_func(o)
    )
    return None if chosen == ALL else chosen


def on_a_phone() -> bool:
    """Whether the reader's browser says it is a phone (its User-Agent): the page
    cannot know the screen's width, and maps open on a view that fits it."""
    agent = st.context.headers.get("User-Agent", "") or ""
    return "Mobi" in agent or "Android" in agent or "iPhone" in agent


def map_view(shapes) -> dict:
    """The maps' opening view: the whole province, on this reader's screen."""
    width = layers.PHONE_WIDTH if on_a_phone() else layers.LAPTOP_WIDTH
    return layers.province_view(tuple(shapes.total_bounds), width)


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%d/%m/%Y")


def chart(spec: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """An Altair chart whose axes and tooltips write numbers as the text around them,
    and whose legends list their items one under another, never cut short: on a
    phone's width a row of items would run off the chart.

    Streamlit's theme sets every axis's labels flush with its ends: on a list of
    names (a band or point axis) that moves the first and last names off their
    rows, onto their neighbours."""
    locale = i18n.CHART_LOCALES[language()]
    return (
        spec.configure(locale=alt.Locale(number=alt.NumberLocale(**locale)))
        .configure_legend(labelLimit=0, direction="vertical")
        .configure_axisDiscrete(labelFlush=False)
    )


def plain(text) -> str:
    """``text`` (a name, a file name, a message quoting a cell) escaped so that
    st.markdown, st.caption, st.error and the like show it as typed: every ASCII
    punctuation mark is backslash-escaped, so no link, image, emphasis, HTML tag
    or directive can form, and line breaks become spaces (no heading or list)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def name_of(field: str):
    """A function giving the reader's name of a stored code of ``field`` (operator,
    technology, access, agency_kind), for format_func and Series.map."""
    current = language()
    return lambda code: i18n.value_name(field, code, current)


def hide_streamlit_hints() -> None:
    """Streamlit writes "Press Enter to submit form" in English under a form's text
    field; the pages' own labels say what to do, in the reader's language."""
    st.html('<style>[data-testid="InputInstructions"] {display: none}</style>')


def language_picker() -> str:
    """The language switch in the sidebar; returns the chosen language code.

    The choice is also kept in the address (``?lang=en``), so that a link or a
    reload keeps the reader's language.
    """
    codes = list(i18n.LANGUAGES)
    if "language" not in st.session_state and st.query_params.get("lang") in codes:
        st.session_state["language"] = st.query_params["lang"]
    current = language()
    # The widget takes its value from the session alone: given a default as well,
    # Streamlit logs a warning whenever the address chose English.
    st.session_state["language"] = current
    chosen = st.sidebar.radio(
        i18n.label("language", current),
        codes,
        format_func=i18n.LANGUAGES.get,
        horizontal=True,
        key="language",
    )
    if chosen == i18n.DEFAULT_LANGUAGE:
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = chosen
    if st.session_state.get("_language_drawn", chosen) != chosen:
        _send_choices_again()
    st.session_state["_language_drawn"] = chosen
    return chosen


def _send_choices_again() -> None:
    """Set every choice the session keeps again, after a change of language.

    A select box's browser keeps the label of its choice in the language it was
    drawn in ('Băng rộng cố định' on an English page) until the server sends the
    choice again, which Streamlit does for a value set through the session state.
    Only plain values are set again (text, numbers, lists of them): a button's
    True or False, a file or the map's selection cannot be set, and an empty
    choice (None) shows the placeholder, drawn in the new language anyway."""

    def plain(value) -> bool:
        return isinstance(value, str | int | float) and not isinstance(value, bool)

    for key, value in list(st.session_state.items()):
        if key == "language" or str(key).startswith("_"):
            continue
        if plain(value) or (isinstance(value, list | tuple) and value and all(plain(v) for v in value)):
            st.session_state[key] = value


def period_picker(span: overview.DataSpan) -> periods.Period | None:
    """The period every page reports on, chosen in the sidebar (week or month).

    Opens on the newest period that has ended; the choice is kept in the session
    so that it follows the reader from page to page.
    """
    kind = (
        st.sidebar.segmented_control(
            t("period_kind"),
            periods.PICKED_KINDS,
            format_func=lambda k: t(f"kind_{k}"),
            key="period_kind",
            default="week",
        )
        or "week"
    )
    choices = span.periods(kind)
    if not choices:
        return None
    keys = [p.key for p in choices]
    today = clock.today()
    state_key = f"period_{kind}"
    if st.session_state.get(state_key) not in keys:
        st.session_state[state_key] = periods.default_period(kind, choices, today).key
    by_key = {p.key: p for p in choices}
    chosen = st.sidebar.selectbox(t("period"), keys, format_func=lambda k: by_key[k].label(language()), key=state_key)
    return by_key[chosen]


def current_period() -> periods.Period | None:
    """The period chosen in the sidebar (None when there is no data yet)."""
    return st.session_state.get("_period")


def monthly_period(toggle_label: str, key: str) -> periods.Period:
    """The period a page reports on: by default the calendar month that holds the
    sidebar's period (VNNIC counts and publishes monthly), else the sidebar's own.
    Draws the toggle and the period's caption; stops the page when there is no data."""
    chosen = current_period()
    if chosen is None:
        st.info(t("no_data"))
        st.stop()
    monthly = st.toggle(t(toggle_label), value=True, key=key)
    period = periods.period_containing("month", chosen.last_day) if monthly else chosen
    st.caption(period.label(language()))
    return period


def data_marker(span: overview.DataSpan) -> None:
    """On every page: how recent the data is (its last test day and the last import,
    in Vietnam time), and a visible warning while it is the demo campaign."""
    if span.last_day is not None and span.last_import_at is not None:
        key = "data_as_of_demo" if span.is_demo else "data_as_of"
        st.caption(t(key).format(day=f"{span.last_day:%d/%m/%Y}", at=f"{span.last_import_at:%H:%M %d/%m/%Y}"))
    if span.is_demo:
        st.warning(t("demo_marker"), icon=":material/science:")
