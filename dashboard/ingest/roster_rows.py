"""Read and check the rows of a roster before anything is written.

Agency lists and staff lists are read whole (they are small), each cell cleaned,
and every row that cannot be stored as written is set aside with its line and
reason: the same checks on SQLite and PostgreSQL, so that both databases accept
and refuse the same files. Which optional columns a table has is kept with each
row (``has_<field>``): a column that is absent changes nothing stored.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import pandas as pd

from dashboard.geo.boundaries import ARRANGEMENT_DATE
from dashboard.ingest.raw import RawTable
from dashboard.ingest.rejects import REASONS
from dashboard.ingest.times import as_local_date
from dashboard.ingest.values import normalise_identifier
from dashboard.store import tables
from dashboard.text import email_address, fold_bare

AGENCY_KINDS = ("department", "commune_committee", "mass_organisation", "press", "telecom", "other")
# Folded words -> kind, tried in this order (a "Ban" is a department, a "Báo" the press).
_KIND_WORDS = [
    ("commune_committee", ("ubnd", "uy ban nhan dan", "commune committee", "commune_committee")),
    ("telecom", ("vien thong", "telecom", "viettel", "vnpt", "mobifone", "fpt")),
    ("press", ("bao", "dai", "phat thanh", "truyen hinh", "press", "broadcaster")),
    (
        "mass_organisation",
        ("chinh tri", "mat tran", "doan", "hoi", "cong doan", "mass organisation", "mass_organisation"),
    ),
    ("department", ("so", "ban", "nganh", "department", "tinh uy", "van phong")),
]

_COMMITTEE_PREFIX = r"(?i)^\s*(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+"

#: Identifier kinds a staff list may carry, in the order a test is matched by them.
IDENTIFIER_KINDS = ("account", "phone", "email")
#: Optional staff columns: absent, they change nothing stored.
STAFF_OPTIONAL = (*IDENTIFIER_KINDS, "valid_from", "valid_to")

# The widths the schema gives; a longer value is set aside on both databases
# (PostgreSQL would refuse it, SQLite would store it silently).
_WIDTH = {
    "staff_id": tables.text_width(tables.staff.c.staff_id),
    "agency_code": tables.text_width(tables.agency.c.agency_code),
    "identifier": tables.text_width(tables.staff_identifier.c.identifier),
}
_NAME_WIDTH = 200  # a name longer than this is a pasted paragraph, not a name
_PHONE = r"\+\d{8,15}"  # a normalised phone (values.normalise_identifier)


@dataclass
class CheckedRows:
    """The rows of one kind (agencies or staff) that passed, and those set aside."""

    rows: pd.DataFrame
    rejected: dict[str, int] = field(default_factory=dict)  # reason -> rows
    read: int = 0
    _sources: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    _set_aside: list[tuple[int, object, str]] = field(default_factory=list)  # (source, row index, reason)

    def reject(self, rows: pd.DataFrame, code: str) -> None:
        """Set rows aside for one reason (rows carry ``_source`` and ``_row``)."""
        self._set_aside += [(s, r, code) for s, r in zip(rows["_source"], rows["_row"], strict=True)]
        if len(rows):
            self.rejected[code] = self.rejected.get(code, 0) + len(rows)

    def rejects(self) -> pd.DataFrame:
        """The rows set aside as they were written, with their table, line and reason."""
        parts = []
        for source, (name, frame) in enumerate(self._sources):
            mine = [(row, code) for s, row, code in self._set_aside if s == source]
            if mine:
                rows, codes = zip(*mine, strict=True)
                parts.append(frame.loc[list(rows)].assign(_table=name, _reason=[REASONS.get(c, c) for c in codes]))
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def agency_kind(written: str | None) -> str:
    """One of AGENCY_KINDS from a kind written in Vietnamese or English."""
    if written is None or pd.isna(written):
        return "other"
    folded = fold_bare(written)
    words = set(folded.split())
    for kind, keys in _KIND_WORDS:
        for key in keys:
            if (" " in key and key in folded) or key in words or folded == key:
                return kind
    return "other"


def text_column(frame: pd.DataFrame, fields: dict, name: str) -> pd.Series:
    """A column's cells as stripped NFC text, None where empty or absent."""
    if name not in fields:
        return pd.Series(None, index=frame.index, dtype=object)
    text = frame[fields[name][0]].astype("string").str.strip().str.normalize("NFC")
    text = text.str.replace(r"\.0$", "", regex=True)  # Excel turns codes into floats
    return text.mask(text == "").astype(object).where(lambda s: s.notna(), None)


def check_agencies(parts: list[tuple[RawTable, dict, pd.DataFrame]], placer, as_of) -> CheckedRows:
    """Agency rows ready to store: code, name, kind, commune, e-mail address, and
    which columns were given.

    Set aside: no code or name, a code longer than the schema allows, a NUL
    character, a commune (code or name) the province does not have, an e-mail that
    is not one plain address (text.email_address), one code on rows that disagree.
    """
    out = CheckedRows(pd.DataFrame())
    cleaned = []
    for table, fields, frame in parts:
        out.read += len(frame)
        on = pd.Series(pd.Timestamp(as_of), index=frame.index)
        rows = pd.DataFrame(
            {
                "agency_code": text_column(frame, fields, "agency_code"),
                "name": text_column(frame, fields, "agency_name"),
                "kind_written": text_column(frame, fields, "agency_kind"),
            }
        )
        rows["agency_kind"] = rows["kind_written"].map(lambda k: agency_kind(k) if k is not None else None)
        code_written = text_column(frame, fields, "commune_code")
        name_written = text_column(frame, fields, "commune_name")
        # An agency list may still name a former commune (before 1 July 2025): it is read
        # in the edition of the date, then in the former one, mapped to today's commune.
        before = pd.Series(pd.Timestamp(ARRANGEMENT_DATE) - pd.Timedelta(days=1), index=frame.index)
        by_code = placer.by_code(code_written, on).fillna(placer.by_code(code_written, before))
        by_name = placer.by_name(name_written, on).fillna(placer.by_name(name_written, before))
        rows["commune_code"] = by_code.where(by_code.notna(), by_name)
        # A commune's People's Committee is located in the commune it is named after:
        # used for a new agency when the file names no commune.
        committee = placer.by_name(rows["name"].fillna("").str.replace(_COMMITTEE_PREFIX, "", regex=True), on)
        rows["commune_from_name"] = committee.where(rows["name"].notna(), None)
        rows["has_kind"] = "agency_kind" in fields
        rows["has_commune"] = "commune_code" in fields or "commune_name" in fields
        email_written = text_column(frame, fields, "email")
        rows["email"] = email_written.map(email_address).astype(object).where(lambda s: s.notna(), None)
        rows["has_email"] = "email" in fields
        reason = _nul_reason(frame)
        reason[reason.isna() & email_written.notna() & rows["email"].isna()] = "bad_agency_email"
        commune_written = code_written.notna() | name_written.notna()
        reason[reason.isna() & commune_written & rows["commune_code"].isna()] = "unknown_commune"
        reason[reason.isna() & (rows["agency_code"].str.len() > _WIDTH["agency_code"])] = "value_too_long"
        reason[reason.isna() & (rows["name"].str.len() > _NAME_WIDTH)] = "value_too_long"
        reason[reason.isna() & rows["name"].isna()] = "no_agency_name"
        reason[rows["agency_code"].isna()] = "no_agency_code"
        cleaned.append(_set_aside(table, frame, rows, reason, out))
    rows = pd.concat(cleaned, ignore_index=True) if cleaned else pd.DataFrame()
    out.rows = _drop_conflicts(rows, "agency_code", "agency_conflict", out)
    return out


def check_staff(parts: list[tuple[RawTable, dict, pd.DataFrame]], valid_agencies: set[str]) -> CheckedRows:
    """Staff rows ready to store, with normalised identifiers and dates.

    Set aside: a missing id, name or agency, an agency on no list, a date that
    cannot be read or an end before the start, a value longer than the schema
    allows, a NUL character, a phone that is not a phone, an e-mail without
    ``@``, one staff id on rows that disagree, one identifier given to two people.
    """
    out = CheckedRows(pd.DataFrame())
    cleaned = []
    for table, fields, frame in parts:
        out.read += len(frame)
        rows = pd.DataFrame(
            {name: text_column(frame, fields, name) for name in ("staff_id", "full_name", "agency_code")}
        )
        reason = _nul_reason(frame)
        for kind in IDENTIFIER_KINDS:
            written = text_column(frame, fields, kind)
            rows[kind] = normalise_identifier(written).astype(object).where(written.notna(), None)
            rows[f"has_{kind}"] = kind in fields
            too_long = rows[kind].map(lambda v: v is not None and len(v) > _WIDTH["identifier"])
            reason[reason.isna() & too_long] = "value_too_long"
        not_phone = rows["phone"].notna() & ~rows["phone"].astype("string").str.fullmatch(_PHONE, na=False)
        reason[reason.isna() & not_phone] = "bad_phone"
        bad_email = rows["email"].notna() & ~rows["email"].astype("string").str.fullmatch(r"[^@\s]+@[^@\s]+", na=False)
        reason[reason.isna() & bad_email] = "bad_email"
        for name in ("valid_from", "valid_to"):
            written = text_column(frame, fields, name)
            rows[f"has_{name}"] = name in fields
            # A date column left empty in every row (a common template) means "no date".
            rows[name] = as_local_date(written) if written.notna().any() else None
            reason[reason.isna() & written.notna() & rows[name].isna()] = "bad_date"
        ends_first = [
            bool(start and end and end < start)
            for start, end in zip(rows["valid_from"], rows["valid_to"], strict=False)
        ]
        reason[reason.isna() & pd.Series(ends_first, index=rows.index, dtype=bool)] = "ends_before_start"
        too_long = (rows["staff_id"].str.len() > _WIDTH["staff_id"]) | (rows["full_name"].str.len() > _NAME_WIDTH)
        reason[reason.isna() & too_long.fillna(False).astype(bool)] = "value_too_long"
        reason[reason.isna() & ~rows["agency_code"].isin(valid_agencies)] = "unknown_agency"
        reason[rows["agency_code"].isna()] = "no_agency"
        reason[rows["full_name"].isna()] = "no_full_name"
        reason[rows["staff_id"].isna()] = "no_staff_id"
        cleaned.append(_set_aside(table, frame, rows, reason, out))
    rows = pd.concat(cleaned, ignore_index=True) if cleaned else pd.DataFrame()
    rows = _drop_conflicts(rows, "staff_id", "staff_conflict", out, _histories_disagree)
    rows = _merge_identifiers(rows)
    out.rows = _drop_shared_identifiers(rows, out)
    return out


def _nul_reason(frame: pd.DataFrame) -> pd.Series:
    """'nul_byte' where any cell of the row holds a NUL character (PostgreSQL refuses them)."""
    reason = pd.Series(None, index=frame.index, dtype=object)
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            has_nul = frame[column].astype("string").str.contains("\x00", regex=False, na=False)
            reason[has_nul.to_numpy()] = "nul_byte"
    return reason


def _set_aside(
    table: RawTable, frame: pd.DataFrame, rows: pd.DataFrame, reason: pd.Series, out: CheckedRows
) -> pd.DataFrame:
    """Set aside the rows with a reason; return the others, marked with where they came from."""
    out._sources.append((table.name, frame))
    rows = rows.assign(_source=len(out._sources) - 1, _row=frame.index)
    for code, group in rows[reason.notna().to_numpy()].groupby(reason[reason.notna()].to_numpy()):
        out.reject(group, code)
    return rows[reason.isna().to_numpy()]


def _drop_conflicts(rows: pd.DataFrame, key: str, code: str, out: CheckedRows, disagree=None) -> pd.DataFrame:
    """Exact repeats of a row count once; the rows of a key repeated with other values
    are all set aside, unless ``disagree(rows_of_one_key)`` finds them consistent."""
    if rows.empty:
        return rows
    values = rows.drop(columns=[c for c in rows.columns if c.startswith("_")]).astype(str)
    rows = rows[~values.duplicated()]
    repeated = rows[rows[key].duplicated(keep=False)]
    conflicting = [k for k, group in repeated.groupby(key) if disagree is None or disagree(group)]
    bad = rows[key].isin(conflicting)
    out.reject(rows[bad], code)
    return rows[~bad].reset_index(drop=True)


def _histories_disagree(rows: pd.DataFrame) -> bool:
    """True unless one person's rows are a history: the same name and identifiers
    (or none given), and memberships whose dates do not overlap (A until 13/08, B
    from 14/08). Two rows without dates for two agencies cannot both be true."""
    if rows["full_name"].nunique() > 1:
        return True
    if any(rows[kind].dropna().nunique() > 1 for kind in IDENTIFIER_KINDS):
        return True
    spans = sorted(
        (start or dt.date.min, end or dt.date.max)
        for start, end in zip(rows["valid_from"], rows["valid_to"], strict=False)
    )
    return any(later[0] <= earlier[1] for earlier, later in itertools.pairwise(spans))


def _merge_identifiers(rows: pd.DataFrame) -> pd.DataFrame:
    """Give every row of a person the identifiers written on any of them (the rows of
    a history may leave them empty after the first), oldest membership first."""
    if rows.empty:
        return rows
    for kind in IDENTIFIER_KINDS:
        rows[kind] = rows.groupby("staff_id")[kind].transform("first").astype(object).where(lambda s: s.notna(), None)
    order = rows["valid_from"].map(lambda d: d or dt.date.min)
    return rows.assign(_order=order).sort_values(["staff_id", "_order"]).drop(columns="_order").reset_index(drop=True)


def _drop_shared_identifiers(rows: pd.DataFrame, out: CheckedRows) -> pd.DataFrame:
    """Rows of different people that give the same identifier are all set aside."""
    if rows.empty:
        return rows
    pairs = pd.concat([rows[["staff_id", kind]].rename(columns={kind: "identifier"}) for kind in IDENTIFIER_KINDS])
    pairs = pairs.dropna().drop_duplicates()
    shared = pairs["identifier"][pairs["identifier"].duplicated()].unique()
    bad = pd.Series(False, index=rows.index)
    for kind in IDENTIFIER_KINDS:
        bad |= rows[kind].isin(shared)
    out.reject(rows[bad], "identifier_shared")
    return rows[~bad].reset_index(drop=True)
