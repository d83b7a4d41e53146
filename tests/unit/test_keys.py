"""Measurement keys: the same test gets the same key in every run, on every machine.

The hash is our own (keys.hash_text), so these tests pin its values: a change to
them would make a re-import of an old file store every test a second time.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.dates.key_time import day_keys
from dashboard.ingest.keys import TEXT_SEED, hash_text, measurement_keys

MASK = (1 << 64) - 1


def _mix(h: int) -> int:
    h ^= h >> 30
    h = (h * 0xBF58476D1CE4E5B9) & MASK
    h ^= h >> 27
    h = (h * 0x94D049BB133111EB) & MASK
    return h ^ (h >> 31)


def reference_hash(text: str, seed: int = TEXT_SEED) -> int:
    """hash_text written out for one value, as the definition to check against."""
    data = text.encode("utf-8")
    h = _mix(seed ^ ((len(data) * 0x9E3779B97F4A7C15) & MASK))
    for at in range(0, len(data), 8):
        h = _mix(h ^ int.from_bytes(data[at : at + 8], "little"))
    return h


def test_text_hash_is_pinned():
    """Known values: the hash must never change between versions or machines."""
    values = ["IS10020261124", "binh.lt", "+84912345678", "", "Tài khoản Mường Tè", "abcdefgh", "abcdefghijklmnopq"]
    assert hash_text(pa.array(values)).tolist() == [
        8082786999507463218,
        18137959398613300248,
        4852147390694356987,
        1840262851301222961,
        2903010126042753342,
        8311581475173261362,
        5061736435153374091,
    ]


def test_text_hash_matches_its_definition_for_every_length():
    """Texts of 0 to 40 bytes (whole 8-byte words and tails), ASCII and Vietnamese."""
    rng = np.random.default_rng(1)
    letters = [*list("abcxyz0129 .@-"), "ư", "ờ", "Đ", "ệ"]
    values = ["".join(rng.choice(letters, size)) for size in range(41) for _ in range(3)]
    assert hash_text(pa.array(values)).tolist() == [reference_hash(v) for v in values]


def test_text_hash_does_not_depend_on_the_column_around_it():
    """A value hashes alike in any array: sliced, chunked, string or large_string;
    nulls hash to 0 and the empty text does not."""
    alone = hash_text(pa.array(["abc", "abcdefghi", None, ""]))
    sliced = hash_text(pa.array(["zz", "abc", "abcdefghi", None, ""]).slice(1))
    chunked = hash_text(pa.chunked_array([pa.array(["abc"]), pa.array(["abcdefghi", None, ""])]))
    large = hash_text(pa.array(["abc", "abcdefghi", None, ""], pa.large_string()))
    assert alone.tolist() == sliced.tolist() == chunked.tolist() == large.tolist()
    assert alone[2] == 0 and alone[3] != 0


def test_measurement_keys_are_pinned():
    """Seconds since 2020 in the high bits; the source id decides the low bits when
    there is one, else the content does."""
    measured_at = pd.Series(pd.to_datetime(["2026-10-02 01:00:00"] * 3, utc=True))
    account = hash_text(pa.array(["binh.lt"] * 3))
    numbers = [np.array([22.38] * 3), np.array([103.47] * 3), np.array([10.5] * 3), np.array([3.5, 3.5, 4.5])]
    keys = measurement_keys(measured_at, pa.array(["M001", None, None]), [account], numbers)
    assert keys[:2].tolist() == [1830223008645670736, 1830223008698382376]
    assert (keys >> 33).tolist() == [213066000] * 3
    assert len(set(keys.tolist())) == 3  # another upload speed is another test


def test_content_keys_ignore_how_numbers_were_written():
    """-0.0 and 0.0, and values equal to 5 decimals, give one key; NaN is one value."""
    measured_at = pd.Series(pd.to_datetime(["2026-10-02 01:00:00"] * 2, utc=True))
    ids = pa.array([None, None], pa.string())
    same = measurement_keys(
        measured_at, ids, [], [np.array([0.0, -0.0]), np.array([1.000001, 1.0]), np.array([np.nan, float("nan")])]
    )
    assert same[0] == same[1]


def test_a_span_of_local_days_is_one_range_of_keys():
    """day_keys holds exactly the keys of the tests measured on those days in Vietnam
    time: a test in the span's first and last second is in; one a second outside is
    out, whatever its hash."""
    instants = ["2026-10-31 16:59:59", "2026-10-31 17:00:00", "2026-11-30 16:59:59", "2026-11-30 17:00:00"]
    measured_at = pd.Series(pd.to_datetime(instants, utc=True))
    seconds = measurement_keys(measured_at, pa.array(["M001"] * len(instants)), [], []) >> 33
    span = day_keys(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    for low_bits in (0, (1 << 33) - 1):  # the lowest and the highest hash
        keys = (seconds << 33) | low_bits
        inside = [span["first_key"] <= key <= span["last_key"] for key in keys.tolist()]
        assert inside == [False, True, True, False]
    span = day_keys(dt.date(2026, 11, 1), dt.date(2026, 11, 1))
    # 1 November 2026 00:00 in Vietnam is 1,793,466,000 s after 1970 (UTC); 2020 began at 1,577,836,800.
    assert span["first_key"] == (1_793_466_000 - 1_577_836_800) << 33
    assert span["last_key"] + 1 == (1_793_466_000 - 1_577_836_800 + 86_400) << 33
