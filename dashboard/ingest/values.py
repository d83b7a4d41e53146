"""Parse and normalise cell values, a whole column at a time.

Numbers with decimal commas, operator names, connection types and personal
identifiers; times and dates are :mod:`dashboard.ingest.times`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.text import fold_bare


def parse_numbers(values: pd.Series) -> pd.Series:
    """Floats from text such as '12,5', '1.234,5', '1,234.5' or ' 80 '; NaN where unreadable."""
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("float64")
    text = values.astype("string")
    fast = _arrow_floats(text)
    if fast is not None:
        return fast
    result = pd.to_numeric(text, errors="coerce").astype("float64")
    # Plain numbers are done; only cells that failed need the slower clean-up.
    retry = result.isna() & text.notna()
    if retry.any():
        result[retry] = _parse_written_numbers(text[retry])
    return result


def _arrow_floats(text: pd.Series) -> pd.Series | None:
    """The whole column cast by Arrow in one C pass (with decimal commas turned to
    points when no point is used); None when any cell needs the slow path."""
    array = (
        pa.array(text.array, type=pa.large_string()) if not hasattr(text.array, "_pa_array") else text.array._pa_array
    )
    array = pc.if_else(pc.equal(pc.utf8_trim_whitespace(array), ""), pa.scalar(None, array.type), array)
    if not pc.any(pc.match_substring(array, ".")).as_py():
        array = pc.replace_substring(array, ",", ".")
    try:
        floats = pc.cast(array, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return pd.Series(floats.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


def _parse_written_numbers(text: pd.Series) -> pd.Series:
    text = text.str.replace(r"[\s']", "", regex=True).str.replace("\u00a0", "", regex=False)
    has_comma = text.str.contains(",", regex=False, na=False)
    has_dot = text.str.contains(".", regex=False, na=False)
    comma_decimal = has_comma & (~has_dot | (text.str.rfind(",") > text.str.rfind(".")))
    text = text.mask(comma_decimal, text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    text = text.mask(has_comma & ~comma_decimal, text.str.replace(",", "", regex=False))
    return pd.to_numeric(text, errors="coerce").astype("float64")


# -- operators and access --------------------------------------------------------

OPERATORS = ("viettel", "vnpt", "mobifone", "fpt", "cmc", "vietnamobile", "other")
_OPERATOR_WORDS = {
    "viettel": "viettel",
    "vtt": "viettel",
    "vnpt": "vnpt",
    "vinaphone": "vnpt",
    "vina": "vnpt",
    "vnpt vinaphone": "vnpt",
    "mobifone": "mobifone",
    "mobi": "mobifone",
    "mobiphone": "mobifone",
    "fpt": "fpt",
    "cmc": "cmc",
    "vietnamobile": "vietnamobile",
    "vnmb": "vietnamobile",
    "vietnam mobile": "vietnamobile",
}


def normalise_operator(values: pd.Series) -> pd.Series:
    """Operator codes (see OPERATORS); missing stays missing, anything else is 'other'."""
    return _map_distinct(values, _operator_of)


def _operator_of(raw: str) -> str | None:
    folded = fold_bare(raw)
    if not folded or folded in {"unknown", "khong ro", "n a", "na", "none", "null"}:
        return None
    if folded in _OPERATOR_WORDS:
        return _OPERATOR_WORDS[folded]
    for word in folded.split():
        if word in _OPERATOR_WORDS:
            return _OPERATOR_WORDS[word]
    for word, code in _OPERATOR_WORDS.items():
        if len(word) > 4 and word in folded.replace(" ", ""):
            return code
    return "other"


_TECHNOLOGIES = {
    "wifi": ("fixed", "wifi"),
    "wi fi": ("fixed", "wifi"),
    "wlan": ("fixed", "wifi"),
    "ethernet": ("fixed", "ethernet"),
    "lan": ("fixed", "ethernet"),
    "ftth": ("fixed", "ethernet"),
    "cap quang": ("fixed", "ethernet"),
    "adsl": ("fixed", "ethernet"),
    "xdsl": ("fixed", "ethernet"),
    "co dinh": ("fixed", None),
    "bang rong co dinh": ("fixed", None),
    "fixed": ("fixed", None),
    "fixed broadband": ("fixed", None),
    "2g": ("mobile", "2g"),
    "gsm": ("mobile", "2g"),
    "edge": ("mobile", "2g"),
    "3g": ("mobile", "3g"),
    "umts": ("mobile", "3g"),
    "hspa": ("mobile", "3g"),
    "wcdma": ("mobile", "3g"),
    "4g": ("mobile", "4g"),
    "lte": ("mobile", "4g"),
    "4g lte": ("mobile", "4g"),
    "lte a": ("mobile", "4g"),
    "5g": ("mobile", "5g"),
    "nr": ("mobile", "5g"),
    "5g nsa": ("mobile", "5g"),
    "5g sa": ("mobile", "5g"),
    "di dong": ("mobile", None),
    "bang rong di dong": ("mobile", None),
    "mobile": ("mobile", None),
    "cellular": ("mobile", None),
    "mang di dong": ("mobile", None),
}


def normalise_connection(values: pd.Series) -> pd.DataFrame:
    """``access`` (fixed, mobile or unknown) and ``technology`` from a connection type."""
    codes, pairs = _distinct_results(values, _connection_of)
    access = [p[0] if p else "unknown" for p in pairs] + ["unknown"]
    technology = [p[1] if p else None for p in pairs]
    return pd.DataFrame(
        {
            "access": text_from_codes(np.where(codes < 0, len(pairs), codes), access, values.index),
            "technology": text_from_codes(codes, technology, values.index),
        },
        index=values.index,
    )


def _connection_of(raw: str):
    folded = fold_bare(raw)
    if folded in _TECHNOLOGIES:
        return _TECHNOLOGIES[folded]
    for key in ("5g", "4g", "lte", "3g", "2g", "wifi", "wi fi", "ethernet", "cap quang", "co dinh", "di dong"):
        if key in folded:
            return _TECHNOLOGIES[key]
    if "cellular" in folded or "mobile" in folded:
        return _TECHNOLOGIES["mobile"]
    return None


def parse_ip_version(values: pd.Series) -> pd.Series:
    """4, 6 or missing, from 'IPv4', '6', 'ipv6' and the like."""
    if not values.notna().any():
        return pd.Series(pd.NA, index=values.index, dtype="Int16")
    # A file writes a handful of forms: each is read once, then every row takes its number.
    codes, distinct = pd.factorize(values.astype("string"))
    digits = pd.Series(distinct, dtype="string").str.extract(r"([46])\s*$", expand=False)
    versions = pd.array([*pd.to_numeric(digits, errors="coerce").astype("Int16"), pd.NA], dtype="Int16")
    return pd.Series(versions[codes], index=values.index)


# -- identifiers ---------------------------------------------------------------------


def normalise_phone(values: pd.Series) -> pd.Series:
    """Vietnamese phone numbers as +84 and 9 digits; other numbers as their digits.

    Accepts +84…, 84…, 0…, spaces, dots and dashes, and a leading zero that Excel
    dropped (9 digits).
    """
    return _per_distinct(values, _normalise_phones)


def _normalise_phones(text: pd.Series) -> pd.Series:
    digits = text.astype("string").str.replace(r"[\s.\-()']", "", regex=True).str.replace("\u00a0", "", regex=False)
    digits = digits.str.replace(r"^\+", "", regex=True).str.replace(r"\.0$", "", regex=True)
    national = digits.str.extract(r"^(?:84|0|840)?([1-9]\d{8})$", expand=False)
    result = ("+84" + national).where(national.notna(), digits)
    return result.mask(result == "")


def normalise_identifier(values: pd.Series) -> pd.Series:
    """One comparable form for accounts, phones and e-mails.

    An account that is a phone number or an e-mail is written as one, so an
    i-Speed account '0912 345 678' matches a roster phone '+84912345678'.
    """
    return _per_distinct(values, _normalise_identifiers)


#: Identifiers :func:`identifier_codes` remembers from chunk to chunk. A campaign's
#: people are some thousands; a file with a new identifier on every row would
#: otherwise keep millions of them (hundreds of megabytes) to the end.
KNOWN_IDENTIFIERS = 200_000


def identifier_codes(values: pd.Series, known: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`normalise_identifier` as codes into the distinct normalised values.

    Returns (codes, distinct): ``distinct`` is an object array of normalised
    identifiers, ``codes`` gives each row's position in it, -1 where the row has
    none. A million tests come from some thousands of accounts, so lookups and
    hashes done on ``distinct`` cost next to nothing. ``known`` (written form ->
    normalised form) carries what earlier chunks of a file normalised already.
    """
    known = {} if known is None else known
    codes, distinct = pd.factorize(values.astype("string"))
    distinct = np.asarray(distinct, dtype=object)
    new = [value for value in distinct if value not in known]
    if len(known) + len(new) > KNOWN_IDENTIFIERS:
        known.clear()  # forgotten identifiers are only normalised again
        new = list(distinct)
    if new:
        normalised = _normalise_identifiers(pd.Series(new, dtype="string"))
        known.update(zip(new, normalised.astype(object).where(normalised.notna(), None), strict=False))
    normalised = np.array([known[value] for value in distinct] + [None], dtype=object)
    # The last slot, code -1, stays missing. numpy's stubs have no overload for comparing with None.
    missing = np.equal(normalised, None)  # type: ignore[call-overload]
    return np.where(missing[codes], -1, codes), normalised[:-1]


def _normalise_identifiers(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    text = text.mask(text == "")
    # As people write phones: 0912 345 678, +84 912.345.678, (+84) 912-345-678, +84 (0) 912…, '0912… (Excel).
    looks_phone = text.str.fullmatch(r"'?[+(\d][\d\s.\-()+]{7,20}", na=False)
    phone = _normalise_phones(text.where(looks_phone))
    return phone.where(looks_phone, text.str.casefold())


def _per_distinct(values: pd.Series, vectorised) -> pd.Series:
    """Apply a column function to the distinct values only, then broadcast back.

    A million tests come from some thousands of accounts: normalising those once
    is far cheaper than normalising every row.
    """
    codes, distinct = pd.factorize(values.astype("string"))
    converted = vectorised(pd.Series(distinct, dtype="string"))
    return text_from_codes(codes, converted.astype(object).where(converted.notna(), None).tolist(), values.index)


def text_from_codes(codes: np.ndarray, distinct: list | np.ndarray, index: pd.Index | None = None) -> pd.Series:
    """A text column (Arrow-backed) holding ``distinct[code]`` on each row.

    Code -1 and None in ``distinct`` mean missing. Arrow's ``take`` builds the
    column in C, instead of a million Python strings.
    """
    codes = np.asarray(codes, dtype=np.int64)
    if not len(distinct):
        return pd.Series(pd.arrays.ArrowStringArray(pa.nulls(len(codes), pa.large_string())), index=index)
    dictionary = pa.array(list(distinct), type=pa.large_string())
    return pd.Series(pd.arrays.ArrowStringArray(dictionary.take(pa.array(codes, mask=codes < 0))), index=index)


def _map_distinct(values: pd.Series, function) -> pd.Series:
    """Apply ``function`` once per distinct non-empty value, then broadcast."""
    codes, results = _distinct_results(values, function)
    lookup = np.empty(len(results) + 1, dtype=object)  # the last slot (code -1) stays None
    lookup[: len(results)] = results
    return pd.Series(lookup[codes], index=values.index, dtype=object)


def _distinct_results(values: pd.Series, function) -> tuple[np.ndarray, list]:
    """Factorise a text column and apply ``function`` to each distinct value.

    Returns the codes (-1 for blanks) and the list of results, one per distinct value.
    """
    text = values.astype("string").str.strip()
    codes, distinct = pd.factorize(text.mask(text == ""))
    return codes, [function(value) for value in distinct]


__all__ = [
    "OPERATORS",
    "normalise_connection",
    "normalise_identifier",
    "normalise_operator",
    "normalise_phone",
    "parse_ip_version",
    "parse_numbers",
]
