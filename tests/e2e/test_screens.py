"""End-to-end: every page as a laptop and a phone show it, as each of the demo's roles,
in Vietnamese and in English, in headless Chromium whose own language is English.

The reader signs in once in each language (the sign-in form is read then, with a name
typed in) and goes from page to page by the sidebar's links, as a person does; each
page is read once drawn: the visible text of the main area and of the sidebar, the values the
pickers show, the text of the charts Vega draws as SVG and the column headers of the
tables; the words and numbers are checked with the patterns of the AppTest check
(tests/app/test_words_and_numbers.py): no ``None``, ``nan``, brace or label key on any
page, and no English word and no number written the English way on a Vietnamese page,
Streamlit's own English included (the file picker's "Upload", "per file"). At the
phone's width the overview must not scroll sideways.

Text drawn on a canvas — the cells of the tables (``st.dataframe`` draws its grid on a
canvas) and the charts Vega draws on a canvas (the participation page's heatmap) — is
read as it is drawn: the browser's ``fillText`` is wrapped before the app loads and
keeps every text it draws. Tooltips are read by hovering: each map and each chart is
hovered at a few points and the tooltip shown (deck.gl's, Vega's) is read.

What these tests cannot read: rows of a long table beyond what the grid draws in the
window made as tall as the page, the help icons' text, and what is in a closed expander
or an unselected tab (AppTest reads those: tests/app/test_words_and_numbers.py).

Screenshots of the administrator's pages: tests/artifacts/screen_{size}_admin_{language}_{page}.png.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections import Counter

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard import i18n
from tests.app.test_words_and_numbers import ROLES, offences_in, pages_of
from tests.support.browser import ARTIFACTS

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"
)
#: The browser contexts: a laptop's screen and a phone's, the browser's own language English.
SIZES = {
    "laptop": {"viewport": {"width": 1366, "height": 768}},
    "phone": {"viewport": {"width": 390, "height": 844}, "user_agent": PHONE, "is_mobile": True, "has_touch": True},
}
LANGUAGES = ("vi", "en")
#: url path -> the label of the page's title (its h1), which tells the page and its language.
TITLES = {
    "": "overview_title",
    "participation": "participation_title",
    "coverage": "coverage_title",
    "quality": "quality_title",
    "data_status": "app_title",
    "rules": "rules_title",
    "data_import": "import_title",
    "accounts": "page_accounts",
    "settings": "settings_title",
}
#: What Streamlit's own widgets write in English, that the AppTest patterns do not
#: name: its hints under a field, its file picker and its empty pickers.
STREAMLIT_ENGLISH = [
    (phrase, re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)"))
    for phrase in (
        "Press Enter",
        "Press Ctrl+Enter",
        "submit form",
        "to apply",
        "Drag and drop",
        "Browse files",
        "Limit",
        "MB per file",
        "Choose an option",
        "Choose options",
        "No results",
        "No options to select",
        "Select all",
        "Clear all",
    )
]
#: Keeps every text drawn on a canvas (the tables' cells, Vega's canvas charts) in
#: ``window.drawnTexts``, emptied before each page.
CANVAS_TEXT = """(() => {
    window.drawnTexts = new Set();
    for (const kind of [CanvasRenderingContext2D, OffscreenCanvasRenderingContext2D]) {
        for (const name of ['fillText', 'strokeText']) {
            const draw = kind.prototype[name];
            kind.prototype[name] = function (text, ...rest) {
                if (window.drawnTexts && text !== undefined && text !== null) window.drawnTexts.add(String(text));
                return draw.call(this, text, ...rest);
            };
        }
    }
})();"""
#: The points of a map or chart hovered for its tooltip, as shares of its width and height.
HOVER_POINTS = ((0.5, 0.5), (0.3, 0.4), (0.7, 0.6), (0.4, 0.7), (0.6, 0.3))
#: The tooltip of a map (deck.gl) and of a chart (Vega's tooltip handler).
TOOLTIPS = ".deck-tooltip, #vg-tooltip-element"
#: The page is drawn: the script has stopped, no element of a previous run is left
#: (Streamlit marks those data-stale), the page's title is there and every Vega chart
#: has been drawn (as SVG or on a canvas).
DRAWN = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    if (!document.querySelector('[data-testid="stMain"] h1')) return false;
    return [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
        .every(chart => !chart.checkVisibility() || chart.querySelector('svg, canvas'));
}"""
#: Every text the reader sees, read apart: the icons (names written in an icon font,
#: "upload_file") and the charts are hidden for a moment so that the main area's and
#: the sidebar's visible text leave them out; the charts' SVG text, the tables' column
#: headers (the grid keeps them in a table for screen readers) and the pickers' values
#: are read on their own.
READ = """() => {
    const hidden = [];
    const hide = element => { hidden.push([element, element.style.display]); element.style.display = 'none'; };
    const areas = '[data-testid="stMain"], [data-testid="stSidebar"]';
    for (const area of document.querySelectorAll(areas)) {
        for (const span of area.querySelectorAll('span')) {
            if (!span.children.length && /Material/.test(getComputedStyle(span).fontFamily)) hide(span);
        }
    }
    const shown = selector => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility());
    const charts = shown('[data-testid="stMain"] [data-testid="stVegaLiteChart"]');
    const grids = shown('[data-testid="stMain"] [data-testid="stDataFrame"]');
    charts.forEach(hide);
    const main = document.querySelector('[data-testid="stMain"]')?.innerText ?? '';
    const sidebar = document.querySelector('[data-testid="stSidebar"]')?.innerText ?? '';
    hidden.reverse().forEach(([element, display]) => { element.style.display = display; });
    const skip = new Set(['password', 'hidden', 'file', 'radio', 'checkbox']);
    return {
        main,
        sidebar,
        chart: charts.flatMap(chart => [...chart.querySelectorAll('svg text')].map(text => text.textContent)),
        canvases: charts.filter(chart => !chart.querySelector('svg') && chart.querySelector('canvas')).length,
        header: grids.flatMap(grid => [...grid.querySelectorAll('table th')].map(th => th.textContent)),
        tables: grids.length,
        tables_read: grids.filter(grid => grid.querySelector('table th')).length,
        value: [...document.querySelectorAll(`[data-testid="stMain"] input, [data-testid="stSidebar"] input`)]
            .filter(input => !skip.has(input.type) && input.value).map(input => input.value),
        exceptions: document.querySelectorAll('[data-testid="stException"]').length,
        canvas: [...(window.drawnTexts ?? [])],
    };
}"""
#: Every table shown (the grid; not those in a closed expander) has drawn its column
#: headers, which it keeps in a table for screen readers.
TABLES_DRAWN = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')]
    .every(grid => !grid.checkVisibility() || grid.querySelector('table th'))"""
SCROLLS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const page = document.documentElement;
    return {
        main: main.scrollWidth > main.clientWidth + 1 ? `${main.scrollWidth} > ${main.clientWidth} px` : null,
        page: page.scrollWidth > page.clientWidth + 1 ? `${page.scrollWidth} > ${page.clientWidth} px` : null,
    };
}"""


def url_paths(role: str) -> list[str]:
    """The addresses of the pages ``role`` may open (Streamlit names a page by its
    file's stem; the overview, the default page, is the root)."""
    stems = [page.removeprefix("views/").removesuffix(".py") for page in pages_of(role)]
    return ["" if stem == "overview" else stem for stem in stems]


def texts_of(text: str) -> list[str]:
    """The lines of a visible text, each a text the reader sees."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def text_offences(shown: Counter, language: str) -> list[tuple[str, str, str]]:
    """(where, what, text) for each offending text among ``shown`` ((where, text) ->
    how many times), with the AppTest patterns and Streamlit's own English."""
    found = []
    for (where, text), times in shown.items():
        problems = dict(offences_in(text, language, header=where == "table header"))
        if language == "vi":
            problems.update(
                (f"Streamlit's English {phrase!r}", "") for phrase, p in STREAMLIT_ENGLISH if p.search(text)
            )
        if problems:
            said = text if len(text) <= 160 else "; ".join(f"{k}: {v!r}" for k, v in problems.items() if v)
            found.append((where, ", ".join(problems) + (f" (×{times})" if times > 1 else ""), said))
    return found


def submit(page) -> None:
    """Press Enter in the password field; under load a first press can come before the
    form is wired, so it is pressed again while the form is still there after 15 s."""
    password = page.get_by_role("textbox").nth(1)
    for _ in range(4):
        password.press("Enter")
        try:
            page.get_by_test_id("stSidebarNav").wait_for(state="attached", timeout=15_000)
            return
        except PlaywrightTimeoutError:
            if not password.is_visible():
                return  # signed in, the page still being drawn


def wait_until_drawn(page, path: str, language: str) -> None:
    """Wait until the page at ``path`` is drawn, its title in ``language``, and stays so
    for a moment."""
    title = i18n.label(TITLES[path], language)
    page.get_by_test_id("stSidebarNav").wait_for(state="attached", timeout=90_000)
    page.locator('[data-testid="stMain"] h1').filter(has_text=title).first.wait_for(timeout=90_000)
    page.wait_for_function(DRAWN, timeout=90_000, polling=100)
    page.wait_for_timeout(300)  # a rerun just after the first would start now
    page.wait_for_function(DRAWN, timeout=90_000, polling=100)


def go_to(page, path: str) -> None:
    """Follow the sidebar's link to ``path`` as a reader does: on a phone the sidebar is
    folded away, so it is opened first (Streamlit folds it again after the click)."""
    page.evaluate("window.drawnTexts = new Set()")
    unfold = page.get_by_test_id("stExpandSidebarButton")
    if unfold.count() and unfold.is_visible():
        unfold.click()
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()


def make_tall(page, size: str) -> None:
    """Make the window as tall as the page (the main area scrolls inside the window),
    and wait until every table has drawn its column headers: the grid draws only what
    is in the window."""
    viewport = SIZES[size]["viewport"]
    tall = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebarContent]')]"
        ".map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], tall)})
    page.wait_for_function(TABLES_DRAWN, timeout=20_000, polling=100)
    page.wait_for_timeout(150)


def tooltip_texts(page) -> list[str]:
    """The tooltips shown on hovering each map and each chart of the page at a few points."""
    texts: list[str] = []
    hovered = page.locator(
        '[data-testid="stMain"] [data-testid="stDeckGlJsonChart"], [data-testid="stMain"] [data-testid="stVegaLiteChart"]'
    )
    for n in range(hovered.count()):
        target = hovered.nth(n)
        if not target.is_visible():
            continue
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        if not box or box["width"] < 10:
            continue
        # Only what is in the window can be hovered: a tall chart is hovered in its visible part.
        top = max(box["y"], 0)
        bottom = min(box["y"] + box["height"], (page.viewport_size or {"height": 0})["height"])
        if bottom - top < 10:
            continue
        for x, y in HOVER_POINTS:
            page.mouse.move(box["x"] + box["width"] * x, top + (bottom - top) * y)
            page.wait_for_timeout(250)
            for tip in page.locator(TOOLTIPS).all():
                if tip.is_visible() and tip.inner_text().strip():
                    texts.append(tip.inner_text().strip())
    page.mouse.move(0, 0)
    return texts


def check_page(page, size: str, role: str, language: str, path: str) -> tuple[list[str], list[str]]:
    """(offences, notes) of the page now drawn at ``path``."""
    name = path or "overview"
    offences, notes = [], []
    for where, width in page.evaluate(SCROLLS).items():  # at the size itself
        if width and path == "":
            offences.append(f"{name} | {language} | scrolls sideways ({where}): {width}")
        elif width:
            notes.append(f"{name} | {language} | scrolls sideways ({where}): {width}")
    make_tall(page, size)
    try:
        if role == "demo.admin":
            short = role.removeprefix("demo.")
            page.screenshot(path=str(ARTIFACTS / f"screen_{size}_{short}_{language}_{name}.png"))
        read = page.evaluate(READ)
        if read["tables_read"] < read["tables"]:  # a grid drew its headers again just then
            page.wait_for_function(TABLES_DRAWN, timeout=20_000, polling=100)
            read = page.evaluate(READ)
    finally:
        page.set_viewport_size(SIZES[size]["viewport"])
    tips = tooltip_texts(page)
    title = page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
    if title != i18n.label(TITLES[path], language):
        offences.append(f"{name} | {language} | title: not the page's in {language!r} | {title!r}")
    if read["exceptions"]:
        offences.append(f"{name} | {language} | exception: the page shows {read['exceptions']}")
    shown: Counter = Counter()
    for where in ("main", "sidebar"):
        shown.update((where, text) for text in texts_of(read[where]))
    for where, kind in (
        ("chart", "chart SVG"),
        ("header", "table header"),
        ("value", "picker value"),
        ("canvas", "canvas (table cell, chart)"),
    ):
        shown.update((kind, text.strip()) for text in read[where] if text.strip())
    shown.update(("tooltip", line) for tip in tips for line in texts_of(tip))
    for where, what, text in text_offences(shown, language):
        offences.append(f"{name} | {language} | {where}: {what} | {text!r}")
    if read["tables_read"] < read["tables"]:
        offences.append(f"{name} | {language} | tables: the headers of {read['tables'] - read['tables_read']} not read")
    notes.append(
        f"{name} | {language} | {len(shown)} texts, {read['tables']} table(s), "
        f"{read['canvases']} chart(s) on a canvas, {len(read['canvas'])} canvas texts, {len(tips)} tooltips"
    )
    return offences, notes


def check_sign_in(page, role: str, language: str) -> list[str]:
    """Fill the sign-in form (its hints then show), check its text, and submit it."""
    fields = page.get_by_role("textbox")
    fields.nth(0).wait_for(timeout=90_000)
    fields.nth(0).fill(role)
    fields.nth(1).fill(role)
    with contextlib.suppress(PlaywrightTimeoutError):  # Streamlit's hint under a field being typed in
        page.get_by_test_id("InputInstructions").first.wait_for(timeout=3_000)
    shown = Counter(("sign-in", text) for text in texts_of(page.evaluate(READ)["main"]))
    submit(page)
    return [
        f"sign-in | {language} | {where}: {what} | {text!r}" for where, what, text in text_offences(shown, language)
    ]


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.removeprefix("demo."))
@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_at_laptop_and_phone_size_shows_no_tell_tale_or_english_number(server, browser, size, role):
    """At a laptop's and a phone's size, in a browser whose own language is English, every page ``role`` may open (and
    the sign-in form) shows in Vietnamese no English word, no English-style number and none of Streamlit's own English,
    in the main area, the sidebar, the pickers' values, the charts' SVG text or the tables' headers, and in both
    languages no tell-tale (None, nan, brace, label key), no exception and the page's title in its language; the
    overview does not scroll sideways. The failure lists every offence of every page at once."""
    offences: list[str] = []
    notes: list[str] = []
    context = browser.new_context(locale="en-US", **SIZES[size])
    context.add_init_script(CANVAS_TEXT)
    try:
        for language in LANGUAGES:
            page = context.new_page()  # a new session: the reader signs in again
            for number, path in enumerate(url_paths(role)):
                started = time.perf_counter()
                if number == 0:  # the sign-in form itself, once in each language
                    page.goto(f"{server}/{path}" + ("?lang=en" if language == "en" else ""))
                    offences += check_sign_in(page, role, language)
                else:
                    go_to(page, path)
                wait_until_drawn(page, path, language)
                drawn = time.perf_counter() - started
                found, said = check_page(page, size, role, language, path)
                offences += found
                notes += said
                notes.append(
                    f"{path or 'overview'} | {language} | drawn in {drawn:.1f} s, checked in "
                    f"{time.perf_counter() - started - drawn:.1f} s"
                )
            page.close()
    finally:
        context.close()
    print(f"{size}, {role}:\n" + "\n".join(notes))
    assert not offences, f"{size}, {role}: {len(offences)} offences\n" + "\n".join(offences)
