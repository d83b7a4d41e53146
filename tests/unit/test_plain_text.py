"""Names shown as plain text: :func:`plain` escapes what Streamlit's Markdown would
read (images, links, emphasis, HTML, directives, headings), and the maps' HTML
tooltips get names escaped for HTML."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.geo import coverage_map
from dashboard.views.common import plain

HOSTILE = [
    "![p](http://host/pixel.png)",
    "[click](http://evil.example)",
    '<img src="http://host/x.png">',
    "**bold** _it_ `code`",
    ":red[alarm] :material/home: $x^2$",
    "# heading",
    "a &amp; b",
    "1. item",
    "x\\y",
    "Sở Khoa học và Công nghệ",
]


def test_plain_escapes_every_punctuation_mark_and_reads_back_as_typed():
    """No Markdown construct survives (each punctuation mark follows a backslash),
    and taking the backslashes away gives the text back: nothing is lost."""
    for text in HOSTILE:
        shown = plain(text)
        assert not re.search(r"(?<!\\)[!\[\]()<>*_`:$#&]", shown.replace("\\\\", "")), shown
        assert re.sub(r"\\(.)", r"\1", shown) == text
    assert plain("Đoàn Kết") == "Đoàn Kết"  # letters, Vietnamese included, are untouched


def test_plain_turns_line_breaks_into_spaces():
    """A name cannot start a heading, a list or a code block on a line of its own."""
    assert plain("UBND\n# xã\r\n    code") == "UBND \\# xã code"
    assert plain(None) == "None" and plain(42) == "42"


def test_map_tooltips_get_names_escaped_for_html():
    """pydeck's HTML tooltip inserts properties as they are: names are escaped."""
    table = pd.DataFrame(
        {
            "commune_code": ["03388"],
            "name": ['<img src="http://host/x.png">'],
            "former_district": ["A & B"],
            "samples": [3],
        }
    )
    safe = coverage_map.tooltip_safe(table)
    assert safe["name"].tolist() == ["&lt;img src=&quot;http://host/x.png&quot;&gt;"]
    assert safe["former_district"].tolist() == ["A &amp; B"] and safe["samples"].tolist() == [3]
    assert table["name"].tolist() == ['<img src="http://host/x.png">']  # the input is left alone
