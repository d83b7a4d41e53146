"""Numbers and percentages as the reader writes them, in text and in charts."""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

from dashboard.i18n.languages import DEFAULT_LANGUAGE

#: Babel's locale for each language's numbers.
NUMBER_LOCALES = {"vi": "vi_VN", "en": "en_US"}

#: Vega-Lite's number locale per language: charts' axes and tooltips written as the text around them.
CHART_LOCALES = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}


def number(value: float | None, language: str = DEFAULT_LANGUAGE, decimals: int = 0, signed: bool = False) -> str:
    """A number as the reader writes it (Babel's rules for the language): 12.345,6 in
    Vietnamese, 12,345.6 in English; ``signed`` writes +4,7 for a change. A value
    that rounds to zero is written 0 (0,0), without a sign."""
    if value is None or value != value:  # value != value: NaN, a figure with no sample
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if abs(value) < 0.5 * 10**-decimals:
        # Shown as zero: no sign (Babel writes -0,0 for -0.04, and a change of zero is neither).
        return format_decimal(0, format=pattern, locale=NUMBER_LOCALES[language])
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=NUMBER_LOCALES[language])


def percent(share: float | None, language: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A share (0.242) as a percentage the reader writes: 24,2% in Vietnamese, 24.2% in English."""
    if share is None or share != share:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(share, format=pattern, locale=NUMBER_LOCALES[language])
