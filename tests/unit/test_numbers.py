"""Numbers as the reader writes them: a value that rounds to zero is written without a
sign, in both languages, signed (a change) or not."""

from __future__ import annotations

import pytest

from dashboard import i18n


@pytest.mark.parametrize("value", [-0.04, 0.04, -0.0, 0.0, -0.049])
def test_a_value_that_rounds_to_zero_has_no_sign(value):
    """-0.04 with one decimal is 0,0 (Babel alone writes -0,0); a change of zero is 0,0, neither + nor -."""
    assert i18n.number(value, "vi", 1) == "0,0"
    assert i18n.number(value, "vi", 1, signed=True) == "0,0"
    assert i18n.number(value, "en", 1, signed=True) == "0.0"


def test_other_values_keep_their_sign_and_the_readers_separators():
    """Changes keep + and an ASCII minus (Streamlit reads it for the arrow); thousands and decimals as each
    language writes them; half a unit and more rounds away from zero as before."""
    assert i18n.number(-0.06, "vi", 1, signed=True) == "-0,1"
    assert i18n.number(1234.5, "vi", 1, signed=True) == "+1.234,5"
    assert i18n.number(-1234.56, "en", 1, signed=True) == "-1,234.6"
    assert i18n.number(0.3, "vi", 0, signed=True) == "0"
    assert i18n.number(0.6, "vi", 0, signed=True) == "+1"
    assert i18n.number(17013) == "17.013"
