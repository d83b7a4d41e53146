"""Every page, in Vietnamese and in English, as each of the demo's roles (AppTest on
the demo database): no page shows a tell-tale of text left unfinished — ``None``,
``nan``, ``NaN``, ``NaT``, ``null``, ``undefined``, a traceback, a brace left from a
label that was not formatted, a label's key — and no Vietnamese page shows an English
word or a number written the English way (``1,234`` or ``12.5``).

The text is read from every element AppTest exposes: headings, captions, Markdown,
alerts, metrics, the widgets' labels, options, placeholders and help, expanders, tabs,
buttons, and every table's headers and cells as the browser shows them (the Styler's
display values, the column configuration's labels and formats, and Streamlit's
"None" for a missing value). Charts' axes and tooltips cannot be read in AppTest:
the browser tests look at those.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time

import numpy as np
import pandas as pd
import pytest
from google.protobuf.message import Message
from streamlit import dataframe_util
from streamlit.runtime.state import session_state_proxy

from dashboard import i18n
from tests.support.app_pages import PAGES, READING_PAGES

NOW = "2026-11-29T16:00:00Z"  # late on Sunday in Vietnam: week 48 under way
ROLES = ("demo.admin", "demo.viewer", "demo.agency")
ADMIN_ONLY = ("views/data_import.py", "views/accounts.py", "views/settings.py")

#: The proto fields whose text the reader sees; ids, keys, icons, formats, file ids
#: and chart specifications are not text.
TEXT_FIELDS = frozenset(
    {"body", "label", "options", "content", "selected_content", "delta", "help", "placeholder", "caption", "message"}
)
#: Elements that draw rather than write: their axes and tooltips are for the browser tests.
CHARTS = frozenset(
    {"vega_lite_chart", "arrow_vega_lite_chart", "deck_gl_json_chart", "plotly_chart", "graphviz_chart", "map"}
)
#: Column types whose cells draw something other than text (a missing value is left empty).
DRAWN_COLUMNS = frozenset({"checkbox", "progress", "line_chart", "bar_chart", "area_chart", "image"})

TELL_TALES = ("None", "nan", "NaN", "NaT", "null", "undefined", "Traceback")
#: English words that have no place on a Vietnamese page, matched as whole words in any
#: case. Names and codes stay out: i-Speed, VNNIC, Viettel, VNPT, MobiFone, Wi-Fi, 4G,
#: Mbps, ms, H3, P10, CSV, XLSX, Excel, OpenID, "email" (a Vietnamese word too), and
#: the language switch's "English".
ENGLISH_WORDS = (
    "week", "weeks", "weekly", "month", "months", "monthly", "measurement", "measurements",
    "test", "tests", "tested", "roster", "rosters", "upload", "uploads", "uploaded",
    "download", "downloads", "downloaded", "file", "files", "agency", "agencies", "admin",
    "administrator", "viewer", "unknown", "total", "totals", "operator", "operators", "staff",
    "commune", "communes", "district", "districts", "sample", "samples", "target", "targets",
    "median", "period", "coverage", "quality", "overview", "participation", "import", "imports",
    "imported", "row", "rows", "account", "accounts", "password", "role", "settings", "rules",
    "error", "errors", "warning", "missing", "invalid", "rejected", "duplicate", "duplicates",
    "summary", "preview", "apply", "cancel", "save", "delete", "remove", "user", "users",
    "phone", "date", "time", "other", "others", "fixed", "mobile", "broadband", "latency",
    "speed", "province", "reminder", "reminders", "contact", "contacts", "identifier",
    "threshold", "floor", "effective", "person", "people", "kind", "category", "data",
    "unmatched", "linked", "outside", "previous", "change", "compliance", "yes", "name",
    "population",
)  # fmt: skip
#: Short English words that are matched as written (lower case), so that a name or a
#: code written in capitals does not count.
ENGLISH_SMALL_WORDS = ("and", "the", "of", "with", "per", "from", "by", "for", "or", "at", "all", "is", "are", "not")
ENGLISH_PHRASES = ("per file", "agency of", "per person", "per week", "per day")


def _whole(word: str, flags: int = 0) -> re.Pattern[str]:
    """``word`` standing alone: not part of a longer word, an identifier
    (demo.admin, upload_file), an address or an e-mail address, or a hyphenated name
    (i-Speed)."""
    return re.compile(rf"(?<![\w@./\\-]){re.escape(word)}(?![\w@/\\-]|\.\w)", flags)


TELL_TALE_PATTERNS = [(word, _whole(word)) for word in TELL_TALES]
ENGLISH_PATTERNS = (
    [(word, _whole(word, re.IGNORECASE)) for word in ENGLISH_WORDS]
    + [(word, _whole(word)) for word in ENGLISH_SMALL_WORDS]
    + [(phrase, _whole(phrase, re.IGNORECASE)) for phrase in ENGLISH_PHRASES]
)
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
#: A number as written: digits, maybe grouped or with a decimal part, maybe signed,
#: not part of a word or a code (UBX03388, H3, 4G, W47, v1.2) and not a piece of a
#: date, a time or an ISO week (22/11/2026, 02:44, 2026-11-20, 2026-W47).
NUMBER = re.compile(r"(?<![\w.,/:])(?<![\w.,/:][-−])\d+(?:[.,]\d+)*(?![\w/:]|[.,]\d)")
VIETNAMESE_GROUPING = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")  # 17.013, 1.000, 3.299,5
#: 17,013 and 1,234.5; a Vietnamese decimal with three places would read the same,
#: but the pages write at most two (0,98), and 0,125 starts with 0 and passes.
ENGLISH_GROUPING = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
UNGROUPED = re.compile(r"[1-9]\d{3,}(?:,\d+)?")  # 30415, 1050,5
DOT_DECIMAL = re.compile(r"\d+\.\d+")  # 12.5, 0.98 (one dot: 1.2.3 and 10.0.0.1 are codes)
#: A command shown to be typed (python -m dashboard …) is code, not prose.
COMMAND = re.compile(r"python -m dashboard[^\n.;]*")
CODE_SPAN = re.compile(r"`[^`]*`")
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
#: A column header written as the code names the column (commune_code, population).
IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
ICON = re.compile(r":material/[a-z_]+:|(?<!\w):[a-z][a-z0-9_+-]*:(?!\w)")


def pages_of(role: str) -> list[str]:
    """The pages ``role`` may open: every page for the administrator, the others all
    but the administrator's (the reading pages and the rules)."""
    pages = PAGES if role == "demo.admin" else [p for p in PAGES if p not in ADMIN_ONLY]
    assert set(READING_PAGES) <= set(pages)
    return pages


def _strings(message: Message, path: str = "") -> Iterator[tuple[str, str]]:
    """(field, text) for every non-empty text field of ``message`` a reader sees."""
    for field, value in message.ListFields():
        for item in value if field.is_repeated else [value]:
            if isinstance(item, Message):
                yield from _strings(item, f"{path}{field.name}.")
            elif field.type == field.TYPE_STRING and field.name in TEXT_FIELDS and item:
                yield f"{path}{field.name}", item


def _printf(fmt: str, value) -> str | None:
    """A number as a column's format writes it: printf-style formats as the browser
    applies them, "plain" as the number itself; None for formats that follow the
    browser's locale or its own style (those are for the browser tests)."""
    if fmt == "plain":
        return str(value)
    if "%" in fmt:
        try:
            return fmt % value
        except (TypeError, ValueError):
            return None
    return None


def _missing(value) -> bool:
    """A missing value: None, NaN, NaT or pandas' NA."""
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def _table_texts(node) -> Iterator[tuple[str, str]]:
    """(where, text) for each header and cell of a table as the browser shows it.

    A read-only cell shows the Styler's display value when there is one, a column
    with a printf format shows the number so formatted, a missing value shows the
    table's placeholder (Streamlit writes "None" when there is none), and the
    columns the configuration hides or leaves out of its order are not shown."""
    frame: pd.DataFrame = node.value
    is_dataframe = node.type == "dataframe"
    config = json.loads(node.proto.columns) if is_dataframe and node.proto.columns else {}
    placeholder = node.proto.placeholder if is_dataframe and node.proto.HasField("placeholder") else "None"
    styler = node.proto.arrow_data.styler
    display = dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values) if styler.display_values else None
    if display is not None and display.shape != frame.shape:
        display = None
    editable = is_dataframe and node.editing_mode != "read_only" and not node.proto.disabled
    order = list(node.proto.column_order) if is_dataframe else []
    names = [str(c) for c in frame.columns]
    if order:
        shown = [j for name in order for j, c in enumerate(names) if c == name]
    else:
        shown = [j for j, c in enumerate(names) if not config.get(c, {}).get("hidden")]
    hide_header = not is_dataframe and node.proto.hide_header
    index_hidden = config.get("_index", {}).get("hidden") or (not is_dataframe and node.proto.hide_index)
    if not index_hidden:
        if frame.index.name is not None and not hide_header:
            yield "index header", str(frame.index.name)
        for value in frame.index:
            if _missing(value):
                yield "index", placeholder
            elif not isinstance(value, date | datetime | time):
                yield "index", str(value)
    for j in shown:
        name = names[j]
        column = config.get(name, {})
        type_config = column.get("type_config", {})
        kind = type_config.get("type")
        if not hide_header:
            yield "header", column.get("label") or name
        if column.get("help"):
            yield f"header help of {name!r}", column["help"]
        cell_editable = editable and not column.get("disabled")
        where = f"column {column.get('label') or name!r}"
        for i in range(len(frame)):
            value = frame.iat[i, j]
            if _missing(value):
                if kind not in DRAWN_COLUMNS:
                    yield where, placeholder
            elif kind == "checkbox" or isinstance(value, bool | np.bool_):
                continue
            elif type_config.get("format") and kind in ("number", "progress"):
                text = _printf(type_config["format"], value)
                if text is not None:
                    yield where, text
            elif kind in DRAWN_COLUMNS:
                continue
            elif display is not None and not cell_editable:
                yield where, str(display.iat[i, j])
            elif isinstance(value, date | datetime | time):
                continue  # the browser writes dates and times its own way, with no words
            else:
                yield where, str(value)


def shown_texts(app) -> Iterator[tuple[str, str]]:
    """(element kind, text) for every text the page shows, in the main area, the
    sidebar and the event area (toasts, dialogs); tables are numbered in the page's
    order."""
    tables = 0
    for node in app._tree:  # the whole tree: main, sidebar and event containers
        proto = getattr(node, "proto", None)
        if proto is None or node.type in CHARTS:
            continue
        if node.type in ("dataframe", "table"):
            tables += 1
            for where, text in _table_texts(node):
                yield f"{node.type} #{tables} {where}", text
            continue
        if node.type == "exception":
            continue  # reported as such by page_offences
        for field, text in _strings(proto):
            yield f"{node.type} {field}", text
        if node.type in ("text_input", "text_area") and node.value:
            yield f"{node.type} value", str(node.value)
        if node.type in ("number_input", "slider") and isinstance(node.value, int | float):
            text = _printf(proto.format, node.value) if proto.format else str(node.value)
            if text is not None:
                yield f"{node.type} value", text


def _plain(text: str) -> str:
    """Markdown as the reader sees it: links by their words, escapes undone, no
    bold marks, no icons, no HTML tags (their attributes are not shown), no style
    sheets (CSS is never shown), entities written out."""
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.DOTALL)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>])", r"\1", text)
    text = html.unescape(HTML_TAG.sub(" ", text))
    return ICON.sub(" ", text.replace("**", ""))


def _snippet(text: str, start: int, end: int) -> str:
    left, right = max(0, start - 50), min(len(text), end + 50)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def _number_offence(token: str) -> str | None:
    """What is English about a number as written on a Vietnamese page, if anything: a
    comma for thousands, a point for decimals, or thousands not set apart at all
    (30415; a four-digit number between 1900 and 2100 may be a year and passes; a
    number starting with 0 is a code)."""
    if VIETNAMESE_GROUPING.fullmatch(token):
        return None
    if UNGROUPED.fullmatch(token) and not (len(token) == 4 and 1900 <= int(token) <= 2100):
        return "no thousands separator"
    if ENGLISH_GROUPING.fullmatch(token):
        return "English thousands separator"
    if DOT_DECIMAL.fullmatch(token):
        return "English decimal point"
    return None


def offences_in(text: str, language: str, header: bool = False) -> Iterator[tuple[str, str]]:
    """(problem, where in the text) for every tell-tale in one text shown in
    ``language`` (``header``: the text is a table's column header)."""
    text = _plain(text)
    if header and IDENTIFIER.fullmatch(text.strip()):
        yield "column name as in the code", text
    for word, pattern in TELL_TALE_PATTERNS:
        for m in pattern.finditer(text):
            yield f"tell-tale {word!r}", _snippet(text, m.start(), m.end())
    for m in re.finditer(r"[{}]", text):
        yield f"brace {m.group()!r}", _snippet(text, m.start(), m.end())
    stripped = text.strip()
    if stripped in i18n.LABELS and i18n.LABELS[stripped].get(language) != stripped:
        yield f"label key {stripped!r}", stripped
    for m in SNAKE.finditer(text):
        if m.group() in i18n.LABELS and i18n.LABELS[m.group()].get(language) != m.group():
            yield f"label key {m.group()!r}", _snippet(text, m.start(), m.end())
    if language != "vi":
        return
    prose = COMMAND.sub(" ", CODE_SPAN.sub(" ", text))
    for word, pattern in ENGLISH_PATTERNS:
        for m in pattern.finditer(prose):
            yield f"English word {word!r}", _snippet(prose, m.start(), m.end())
    for m in NUMBER.finditer(prose):
        problem = _number_offence(m.group())
        if problem:
            yield f"{problem} in {m.group()!r}", _snippet(prose, m.start(), m.end())


def page_offences(app, page: str, language: str) -> list[str]:
    """Every offending text on the page now shown, one line each: the page, the
    element kind, what is wrong with it, the text (or, when it is long, the text
    around each offence) and how many times the page shows it."""
    lines = []
    for exception in app.exception:
        frames = [line.strip() for line in exception.stack_trace if line.strip().startswith("File ")]
        where = f" ({frames[-1]})" if frames else ""
        lines.append(f"{page} | exception | the page raised an exception | {exception.message!r}{where}")
    shown: Counter[tuple[str, str]] = Counter(shown_texts(app))
    if not shown:
        lines.append(f"{page} | page | no text was read: the checks would see nothing")
    for (kind, text), times in shown.items():
        problems = dict(offences_in(text, language, header=kind.endswith("header")))
        if not problems:
            continue
        if len(text) <= 120:
            said = f"{', '.join(problems)} | {text!r}"
        else:
            said = "; ".join(f"{problem}: {where!r}" for problem, where in problems.items())
        lines.append(f"{page} | {kind} | {said}" + (f" (×{times})" if times > 1 else ""))
    label = app.sidebar.radio(key="language").label
    if label != i18n.label("language", language):
        lines.append(f"{page} | sidebar radio label | the page is not in {language!r} | {label!r}")
    return lines


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_tell_tale_words_or_english_numbers(demo_campaign, open_app, monkeypatch, role, language):
    """Every page ``role`` may open, in ``language``, shows no ``None``, ``nan``,
    ``NaN``, ``NaT``, ``null``, ``undefined``, traceback, brace or label key in any
    element or table cell, and a Vietnamese page shows no English word and no number
    written the English way; the failure lists every offence on every page at once."""
    app = open_app(demo_campaign[0], role, now=NOW)
    # AppTest formats the widgets' options outside the script run, where
    # st.session_state is Streamlit's empty stand-in: without this, a format_func that
    # reads the session's language (the sidebar's period) writes Vietnamese options on
    # an English page and AppTest cannot find the chosen one. The script itself always
    # has its own session state.
    monkeypatch.setattr(session_state_proxy, "_mock_session_state", app._session_state)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    if language != i18n.DEFAULT_LANGUAGE:
        app.sidebar.radio(key="language").set_value(language).run()
        assert not app.exception, [e.message for e in app.exception]
    offences: list[str] = []
    for page in pages_of(role):
        app.switch_page(page).run()
        offences += page_offences(app, page, language)
    assert not offences, f"{role}, {language}: {len(offences)} offences\n" + "\n".join(offences)


def test_the_checks_catch_tell_tales_and_spare_names_codes_dates_and_vietnamese_numbers():
    """The checks themselves: they catch each kind of tell-tale, and let names, codes,
    dates, times, ISO weeks, addresses and numbers written the Vietnamese way pass."""

    def problems(text: str, language: str = "vi", header: bool = False) -> list[str]:
        return [problem for problem, _ in offences_in(text, language, header)]

    for text, language in [
        ("None", "en"),
        ("Trung vị: nan Mbps", "vi"),
        ("NaT", "en"),
        ("NaN", "vi"),
        ("null", "en"),
        ("undefined", "vi"),
        ("Traceback (most recent call last):", "en"),
        ("Dữ liệu đến ngày {day}", "vi"),
        ("Data up to {day}", "en"),
        ("kind_week", "en"),
        ("Theo: kind_week", "vi"),
        ("Tuần 47 · 3 weeks", "vi"),
        ("Upload tệp", "vi"),
        ("Tải Download", "vi"),
        ("3 per file", "vi"),
        ("demo.agency: agency of UBX03388", "vi"),
        ("Vai trò: viewer", "vi"),
        ("Unknown", "vi"),
        ("Total", "vi"),
        ("Operator", "vi"),
        ("17,013 lượt đo", "vi"),
        ("Trung vị 12.5 Mbps", "vi"),
        ("0.98", "vi"),
        ("-12.5 Mbps", "vi"),
        ("(+1,234)", "vi"),
    ]:
        assert problems(text, language), f"{text!r} in {language} passed"
    assert problems("population", "en", header=True) == ["column name as in the code"]
    assert problems("commune_code", "vi", header=True)[0] == "column name as in the code"

    for text in [
        "Chiến dịch i-Speed Lai Châu · VNNIC · Viettel, VNPT, MobiFone, FPT Telecom",
        "Wi-Fi, 4G, 5G, Ethernet · 116,0 Mbps · 11,6 ms · H3 · P10, P90",
        "Tải CSV (Excel) · Tải XLSX · Đăng nhập bằng OpenID",
        "Đăng nhập: **demo\\.admin** · Quản trị viên · demo.viewer, demo.agency",
        "UBX03388 · 03388 · CB417577 · ph•••@gmail.com · ispeed_export_2026-11.csv · roster.xlsx",
        "Tuần 47/2026 (16/11–22/11) · 2026-W47 · 22/11/2026 02:44 · 2026-11-20 · UTC+7",
        "17.013 lượt đo · 1.000 dân · 24,2 % · -1,0 điểm % · 3.299,5 · 0,98 · 95%",
        "10.0.0.1 · v1.2 · 1.2.3 · -461 · +0,3 Mbps · 0,125",
        "<span style='color:rgb(120,120,120)'>■</span> &lt; 50 Mbps",
        "Tiếng Việt · English",
        "Nhập bằng lệnh: python -m dashboard import-measurements TỆP",
    ]:
        assert not problems(text), f"{text!r}: {problems(text)}"
    assert not problems("Fixed-broadband communes at the floor: 27/38 · 17,013 tests · 12.5 Mbps", "en")
