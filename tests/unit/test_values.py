"""Cell values: numbers, times, operators, connections, identifiers, headers."""

import datetime as dt
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from dashboard.ingest import columns, times, values
from dashboard.ingest.readers import decode, sniff_separator


def test_numbers_with_decimal_commas_and_thousands():
    """'12,5' and '1.234,5' and '1,234.5' read as the numbers a Vietnamese user means."""
    parsed = values.parse_numbers(pd.Series(["12,5", "1.234,5", "1,234.5", " 80 ", "", "abc", "-3"]))
    assert parsed.tolist()[:4] == [12.5, 1234.5, 1234.5, 80.0]
    assert parsed.isna().tolist()[4:6] == [True, True] and parsed.iloc[6] == -3.0


@pytest.mark.parametrize(
    "written, utc",
    [
        ("2026-11-23T10:00:00", "2026-11-23 03:00:00"),  # ISO without zone: local time
        ("2026-11-23 10:00:00+07:00", "2026-11-23 03:00:00"),
        ("2026-11-23T03:00:00Z", "2026-11-23 03:00:00"),
        ("23/11/2026 10:00", "2026-11-23 03:00:00"),
        ("23/11/2026 10:00:30", "2026-11-23 03:00:30"),
        ("46349.5", "2026-11-23 05:00:00"),  # Excel serial number, local noon
        ("02/01/2026 00:15", "2026-01-01 17:15:00"),  # day first: 2 January
        ("11/23/2026 10:00:30 PM", "2026-11-23 15:00:30"),  # US export: month first, 12-hour clock
        ("11/22/2026 11:30 PM", "2026-11-22 16:30:00"),  # Sunday night, still that Sunday
        ("1/2/2026 12:15 AM", "2026-01-01 17:15:00"),  # 12 AM is midnight; month first: 2 January
        ("1/2/2026 12:15 PM", "2026-01-02 05:15:00"),  # 12 PM is noon
        ("23/11/2026 10:00 PM", "2026-11-23 15:00:00"),  # 23 cannot be a month: day first
        ("23/11/2026 10:00 CH", "2026-11-23 15:00:00"),  # Vietnamese 12-hour clock: day first
        ("02/01/2026 9:00 SA", "2026-01-02 02:00:00"),
        ("11/23/2026 22:00", "2026-11-23 15:00:00"),  # 23 cannot be a month
        ("02/01/2026 00:15:00", "2026-01-01 17:15:00"),  # i-Speed's export form, read in one pass
        ("11/23/2026 22:00:00", "2026-11-23 15:00:00"),  # the same form, month first
    ],
)
def test_time_formats(written, utc):
    """Each accepted time form gives the right UTC instant."""
    parsed = times.parse_times(pd.Series([written]))
    assert parsed.iloc[0] == pd.Timestamp(utc, tz="UTC")


def test_unreadable_times_are_missing():
    """Garbage, blanks, 31/02, 13 PM and a thirteenth month are not guessed."""
    parsed = times.parse_times(
        pd.Series(
            [
                "garbage",
                "",
                None,
                "31/02/2026 10:00",
                "11/23/2026 13:00 PM",
                "13/13/2026 10:00",
                "31/02/2026 10:00:00",
                "29/02/2026 23:59:59",
            ]
        )
    )
    assert parsed.isna().all()


def test_blank_time_cells_do_not_move_the_times_after_them():
    """Each row keeps its own time when a blank time cell comes before rows in the
    export's form (the import once gave such rows the time of the row after them)."""
    parsed = times.parse_times(pd.Series(["01/10/2026 08:00:00", "", "02/10/2026 08:00:00", "03/10/2026 08:00:00"]))
    assert parsed.tolist() == [
        pd.Timestamp("2026-10-01 01:00", tz="UTC"),
        pd.NaT,
        pd.Timestamp("2026-10-02 01:00", tz="UTC"),
        pd.Timestamp("2026-10-03 01:00", tz="UTC"),
    ]


def test_export_times_read_from_bytes_as_strptime_reads_them():
    """The export's form read from the text's bytes gives, for every text, what
    Arrow's strptime gives when writing the time back returns the same text:
    100,000 random texts of that shape (impossible days, hours 24, seconds 60,
    years before 1000) and odd ones (other lengths, separators, digits, spaces)."""
    rng = np.random.default_rng(21)
    digits = rng.integers(0, 10, (50_000, 14)).astype(str)
    shaped = [f"{d[0]}{d[1]}/{d[2]}{d[3]}/{''.join(d[4:8])} {d[8]}{d[9]}:{d[10]}{d[11]}:{d[12]}{d[13]}" for d in digits]
    fields = zip(
        *(rng.integers(low, high, 50_000) for low, high in ((1, 32), (1, 13), (900, 2100), (0, 25), (0, 61), (0, 61))),
        strict=True,
    )
    likely = [f"{d:02d}/{m:02d}/{y:04d} {h:02d}:{mi:02d}:{s:02d}" for d, m, y, h, mi, s in fields]
    odd = [
        "1/12/2026 23:59:59",
        "01/12/2026 23:59:59 ",
        "01-12-2026 23:59:59",
        "01/12/2026T23:59:59",
        "٠1/12/2026 23:59:59",
    ]
    odd += ["01/12/10000 23:59:59", "01/12/0999 10:00:00", "29/02/2000 00:00:00", "29/02/1900 00:00:00", "", "x"]
    text = pd.Series(shaped + likely + odd + [None], dtype="string")
    expected = times._round_trip_dmy(pa.array(text.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True))
    read = times._exact_dmy(text)
    assert read.notna().sum() > 40_000
    np.testing.assert_array_equal(read.to_numpy(), expected)


def test_workbook_cells_mix_datetimes_and_serials():
    """Excel cells may hold real datetimes and serial numbers in one column."""
    cells = pd.Series([dt.datetime(2026, 11, 23, 10, 0), 46349.5, "23/11/2026 10:00"], dtype=object)
    parsed = times.parse_times(cells)
    assert parsed.tolist() == [
        pd.Timestamp(t, tz="UTC") for t in ("2026-11-23 03:00", "2026-11-23 05:00", "2026-11-23 03:00")
    ]


def test_iso_week_in_local_time():
    """Sunday 23:30 local is still that ISO week, although it is Sunday 16:30 UTC;
    Monday 00:30 local is the next week although it is still Sunday in UTC."""
    utc = times.parse_times(pd.Series(["2026-11-29 23:30", "2026-11-30 00:30"]))
    cal = times.calendar_columns(utc)
    assert cal["iso_week"].tolist() == ["2026-W48", "2026-W49"]
    assert cal["month"].tolist() == ["2026-11", "2026-11"]


def test_operators_are_normalised():
    """Brand names, case and the VinaPhone/VNPT pair map to one code; unknown brands are 'other'."""
    written = pd.Series(
        [
            "VIETTEL",
            "Viettel Telecom",
            "VinaPhone",
            "VNPT",
            "Mobifone",
            "FPT Telecom",
            "CMC",
            "Vietnamobile",
            "Gmobile",
            "",
            None,
        ]
    )
    assert values.normalise_operator(written).tolist() == [
        "viettel",
        "viettel",
        "vnpt",
        "vnpt",
        "mobifone",
        "fpt",
        "cmc",
        "vietnamobile",
        "other",
        None,
        None,
    ]


def test_connections_split_into_access_and_technology():
    """Wi-Fi and Ethernet are fixed broadband; 3G/4G/5G are mobile; 'cố định' keeps no technology."""
    result = values.normalise_connection(pd.Series(["Wi-Fi", "LTE", "5G NSA", "Ethernet", "cố định", "Di động", "?"]))
    assert result["access"].tolist() == ["fixed", "mobile", "mobile", "fixed", "fixed", "mobile", "unknown"]
    assert result["technology"].tolist()[:4] == ["wifi", "4g", "5g", "ethernet"]
    assert result["technology"].isna().tolist()[4:] == [True, True, True]


def test_phones_in_every_written_form_match():
    """+84, 84, 0, spaces, dots and a dropped leading zero all give one phone."""
    written = pd.Series(["0912 345 678", "+84 912.345.678", "84912345678", "912345678", "0912-345-678"])
    assert set(values.normalise_identifier(written)) == {"+84912345678"}
    assert values.normalise_identifier(pd.Series(["Ab@Mail.VN", " user01 "])).tolist() == ["ab@mail.vn", "user01"]


def test_headers_with_and_without_diacritics():
    """Vietnamese headers with or without diacritics and English headers map to fields, with units."""
    found = columns.match_headers(
        ["Thoi gian do", "Toc do tai xuong (kbps)", "Tốc độ tải lên (Mbps)", "Ping (ms)", "ISP", "Vĩ độ", "Kinh do"],
        columns.MEASUREMENT_FIELDS,
    )
    assert found["download"] == ("Toc do tai xuong (kbps)", "kbps")
    assert found["upload"] == ("Tốc độ tải lên (Mbps)", "mbps")
    assert {"measured_at", "latency_ms", "operator", "latitude", "longitude"} <= set(found)


def test_column_mapping_errors_are_clear():
    """A mapping to an unknown field or a missing header says which."""
    with pytest.raises(ValueError, match="unknown field 'speed'"):
        columns.apply_mapping(["a"], {"speed": "a"})
    with pytest.raises(ValueError, match="'b', which is not a column"):
        columns.apply_mapping(["a"], {"download_kbps": "b"})
    assert columns.apply_mapping(["DL"], {"download_kbps": "DL"}) == {"download": ("DL", "kbps")}


def test_decoding_and_separators():
    """BOMs, UTF-16 and cp1258 decode to the same text; the separator is sniffed."""
    text = "Thời gian đo;Nhà mạng\n"
    for data in (text.encode("utf-8-sig"), text.encode("utf-16"), text.encode("utf-8")):
        assert decode(data)[0] == text
    legacy, encoding = decode(to_cp1258("Nhà mạng;Tải xuống\n"))
    assert encoding == "cp1258" and legacy == "Nhà mạng;Tải xuống\n"
    assert sniff_separator(["a;b;c", "1,5;2;3"]) == ";"
    assert sniff_separator(["a\tb\tc"]) == "\t"
    assert sniff_separator(["a,b,c"]) == ","


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed vowels where the code page has them,
    combining tone marks otherwise."""
    out = bytearray()
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        for cut in range(len(decomposed), 0, -1):
            try:
                out += (unicodedata.normalize("NFC", decomposed[:cut]) + decomposed[cut:]).encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
    return bytes(out)
