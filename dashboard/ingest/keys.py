"""Measurement keys: one 64-bit number per test, the same in every export that holds it.

High bits: whole seconds since 2020 (local clocks agree to the second across
exports). Low 33 bits: a hash of the source id where there is one, else of who
tested, where, and the speeds measured. Keys rise with time, so the keys an
import could repeat are found with one range of the primary key.

The hash is defined here, on the UTF-8 bytes of the text and the IEEE bits of the
numbers, and computed with numpy over whole columns: it gives the same keys in
every run, on every machine and with any version of pandas or Arrow (Python's own
``hash()`` changes from run to run; library hashes may change between versions).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.dates.key_time import KEY_EPOCH, KEY_HASH_BITS

#: Separate seeds, so that a source id and a text column never hash alike by design.
SOURCE_SEED = 0x736F75726365  # "source"
CONTENT_SEED = 0x636F6E74656E74  # "content"
TEXT_SEED = 0x74657874  # "text"

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_ALL_BITS = np.uint64(0xFFFFFFFFFFFFFFFF)


def measurement_keys(
    measured_at: pd.Series, source_id: pa.Array, identities: list[np.ndarray], numbers: list[np.ndarray]
) -> np.ndarray:
    """int64 keys: seconds since 2020, then 33 bits of a hash.

    ``source_id`` is the stripped source id (null where there is none);
    ``identities`` are hashes of the normalised identifiers (see :func:`hash_text`)
    and ``numbers`` the position and speeds, all row-aligned.
    """
    seconds = ((measured_at - KEY_EPOCH) // pd.Timedelta(seconds=1)).to_numpy(dtype="int64")
    with np.errstate(over="ignore"):
        content = np.full(len(seconds), _mix(np.uint64(CONTENT_SEED)), dtype=np.uint64)
        for hashes in identities:
            content = _mix(content ^ hashes)
        for values in numbers:
            content = _mix(content ^ _float_bits(np.round(values, 5)))
        source = hash_text(source_id, SOURCE_SEED)
    has_source = source_id.is_valid().to_numpy(zero_copy_only=False)
    digest = np.where(has_source, source, content)
    low = (digest & np.uint64((1 << KEY_HASH_BITS) - 1)).astype(np.int64)
    return (seconds << KEY_HASH_BITS) | low


def hash_text(values: pa.Array | pa.ChunkedArray, seed: int = TEXT_SEED) -> np.ndarray:
    """A 64-bit hash of each text's UTF-8 bytes (0 for nulls), one numpy pass per
    8 bytes of the longest text.

    Each 8-byte word of a text is folded in with a full 64-bit finaliser, after a
    start value that holds the seed and the length.
    """
    array = pc.cast(values, pa.large_string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    n = len(array)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    _, offsets_buffer, data_buffer = array.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype="<i8", count=n + 1, offset=array.offset * 8)
    starts, lengths = offsets[:-1], np.diff(offsets)
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
    padded = np.zeros(len(data) + 8, dtype=np.uint8)
    padded[: len(data)] = data
    # Every byte offset seen as the start of a little-endian 8-byte word (unaligned reads).
    words = np.ndarray(shape=(len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
    with np.errstate(over="ignore"):
        hashes = _mix(np.uint64(seed) ^ (lengths.astype(np.uint64) * _GOLDEN))
        full = lengths // 8
        at = 0
        rows = np.flatnonzero(full > 0)
        while rows.size:  # whole words; the rows still going shrink as texts end
            hashes[rows] = _mix(hashes[rows] ^ words[starts[rows] + at].astype(np.uint64))
            at += 8
            rows = rows[full[rows] > at // 8]
        tail = lengths % 8
        rows = np.flatnonzero(tail > 0)
        if rows.size:  # the last 1-7 bytes, the bytes of the next text masked off
            mask = (np.uint64(1) << (tail[rows].astype(np.uint64) * np.uint64(8))) - np.uint64(1)
            word = words[starts[rows] + full[rows] * 8].astype(np.uint64) & mask
            hashes[rows] = _mix(hashes[rows] ^ word)
    valid = array.is_valid().to_numpy(zero_copy_only=False)
    return np.where(valid, hashes, np.uint64(0))


def _float_bits(values: np.ndarray) -> np.ndarray:
    """The IEEE bits of floats, with -0.0 as 0.0 and one bit pattern for NaN."""
    values = np.where(values == 0, 0.0, np.asarray(values, dtype=np.float64))
    values = np.where(np.isnan(values), np.nan, values)
    return values.astype("<f8").view("<u8").astype(np.uint64)


def _mix(h):
    """SplitMix64's finaliser: every input bit moves about half the output bits."""
    h = h ^ (h >> np.uint64(30))
    h = h * _M1
    h = h ^ (h >> np.uint64(27))
    h = h * _M2
    return h ^ (h >> np.uint64(31))
