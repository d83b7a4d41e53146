"""Names are listed as a Vietnamese reader looks for them: by their letters first,
tone marks and diacritics only breaking ties, not by code point."""

from __future__ import annotations

from dashboard.text import reading_order


def test_communes_are_listed_by_their_letters_then_their_marks():
    """Code-point order put 'Bum Nưa' before 'Bản Bo' (a new-user tour saw it in the
    commune filters); by letters, 'Bản Bo' comes first, and a name that differs only
    by its marks sits beside its twin, in a fixed order."""
    names = ["Bum Tở", "Bum Nưa", "Bình Lư", "Bản Bo", "Đoàn Kết", "Dào San", "ban bo"]
    assert sorted(names, key=reading_order) == [
        "ban bo",
        "Bản Bo",
        "Bình Lư",
        "Bum Nưa",
        "Bum Tở",
        "Dào San",
        "Đoàn Kết",
    ]
    assert sorted(["Bum Nưa", "Bản Bo"]) == ["Bum Nưa", "Bản Bo"]  # what code points give
