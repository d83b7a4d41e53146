"""Header recognition: the natural Vietnamese names of a test's id are read as the
source id (so re-imports deduplicate by it, not by a hash)."""

import pytest

from dashboard.ingest.columns import MEASUREMENT_FIELDS, match_headers


@pytest.mark.parametrize(
    "header", ["Mã đo", "Ma do", "Mã kết quả", "ma ket qua", "ID phép đo", "id phep do", "Mã phép đo", "Test ID"]
)
def test_a_test_id_header_is_the_source_id(header):
    """Each spelling, with or without diacritics, names the source id."""
    assert match_headers([header, "Thời gian đo"], MEASUREMENT_FIELDS)["source_id"][0] == header
