"""The lists people send by mail, shaped for a reader: the uncovered communes,
the agencies' participation, each person's weeks, the evidence behind a figure;
their columns in order with headings in the reader's language. The files
themselves are written by :mod:`dashboard.sheets` (CSV and XLSX, every cell inert).
"""

from __future__ import annotations

import pandas as pd

from dashboard import i18n
from dashboard.dates import periods
from dashboard.i18n import label, value_name

#: Columns of the uncovered list, in order: field -> label key.
UNCOVERED_COLUMNS = {
    "commune_code": "col_commune_code",
    "name": "col_commune",
    "unit_type": "col_unit_type",
    "former_district": "former_district",
    "fixed_samples": "col_fixed_samples",
    "fixed_floor": "col_fixed_target",
    "fixed_shortfall": "col_fixed_shortfall",
    "mobile_samples": "col_mobile_samples",
    "mobile_floor": "col_mobile_target",
    "mobile_shortfall": "col_mobile_shortfall",
    "shortfall": "col_shortfall",
    "population": "col_population",
    "samples_per_1000": "col_per_1000",
    "agencies_located": "col_agencies_located",
    "fixed_tests_per_week_needed": "col_fixed_needed",
    "fixed_tests_per_staff_week": "col_fixed_per_staff",
    "mobile_tests_per_week_needed": "col_mobile_needed",
    "mobile_tests_per_staff_week": "col_mobile_per_staff",
}


#: A category as a file name says it (no diacritics, so that every mail program keeps it).
CATEGORY_IN_FILE_NAMES = {"fixed": "co_dinh", "mobile": "di_dong", "both": "co_dinh_va_di_dong"}


def uncovered_file_stem(period_key: str, category: str) -> str:
    """The name (without suffix) of an uncovered list's file: period and category."""
    return f"xa_chua_du_mau_{CATEGORY_IN_FILE_NAMES[category]}_{period_key}"


def uncovered_sheet(uncovered: pd.DataFrame, language: str = "vi", category: str = "both") -> pd.DataFrame:
    """The uncovered list with the columns a reader expects for ``category`` ('fixed',
    'mobile' or 'both'), labelled in ``language``. With less than a week left, what is
    still needed is given for the days left (the heading says how many)."""
    left = uncovered["days_left"].dropna() if "days_left" in uncovered else pd.Series(dtype=float)
    days = int(left.iloc[0]) if len(left) else None
    columns = {}
    for field, key in UNCOVERED_COLUMNS.items():
        access = field.split("_")[0]
        if access in ("fixed", "mobile") and category not in (access, "both"):
            continue  # the other category's columns
        if field == "shortfall" and category != "both":
            continue  # the total is the category's own shortfall
        if days is not None and field.endswith(("_tests_per_week_needed", "_tests_per_staff_week")):
            now = field.replace("tests_per_week_needed", "tests_needed_now").replace(
                "tests_per_staff_week", "tests_per_staff_now"
            )
            columns[now] = label(
                key.replace("_needed", "_needed_days").replace("_per_staff", "_per_staff_days"), language
            ).format(days=i18n.days(days, language))
            continue
        columns[field] = label(key, language)
    sheet = uncovered.reindex(columns=list(columns))
    if "unit_type" in sheet:
        sheet["unit_type"] = [value_name("unit_type", kind, language) for kind in sheet["unit_type"]]
    return sheet.rename(columns=columns)


#: Columns of the participation list, in order: field -> label key.
PARTICIPATION_COLUMNS = {
    "agency_code": "col_agency_code",
    "name": "col_agency",
    "agency_kind": "col_kind",
    "commune_name": "col_commune",
    "staff": "col_staff_week",
    "staff_tested": "col_active_week",
    "staff_met_target": "col_met_week",
    "compliance": "col_compliance",
    "previous": "col_previous",
    "change": "col_change",
    "tests": "col_tests",
    "tests_per_person_week": "col_per_person_week",
}
#: Columns shown as percentages (0..1 stored); their headings say "(%)".
_PERCENT_COLUMNS = ("compliance", "previous")


def participation_sheet(table: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """The agency table of :func:`participation.agency_table`, labelled in ``language``:
    compliance and the previous period's in percent, the change in points (one
    decimal), staff per week to one decimal, the agency kind by name."""
    sheet = table[list(PARTICIPATION_COLUMNS)].copy()
    sheet["agency_kind"] = [value_name("agency_kind", code, language) for code in sheet["agency_kind"]]
    for column in _PERCENT_COLUMNS:
        sheet[column] = (sheet[column].astype("float64") * 100).round(1)
    sheet["change"] = sheet["change"].astype("float64").round(1)
    for column in ("staff", "staff_tested", "staff_met_target"):
        sheet[column] = sheet[column].astype("float64").round(1)
    sheet["tests_per_person_week"] = sheet["tests_per_person_week"].astype("float64").round(2)
    sheet["tests"] = sheet["tests"].astype("int64")
    names = {field: label(key, language) for field, key in PARTICIPATION_COLUMNS.items()}
    for column in _PERCENT_COLUMNS:
        names[column] += " (%)"
    return sheet.rename(columns=names)


def staff_weeks_sheet(staff: pd.DataFrame, weeks: list[str], language: str = "vi") -> pd.DataFrame:
    """One agency's people (rows of :func:`participation.staff_sheet`) labelled in
    ``language``, with a column of tests for every week in ``weeks`` (blank when
    the person was not on the agency's roster that week)."""
    sheet = pd.DataFrame({"staff_id": staff["staff_id"], "full_name": staff["full_name"]})
    for key in weeks:
        sheet[key] = staff[key].astype("Int64") if key in staff else pd.Series(pd.NA, index=staff.index, dtype="Int64")
    sheet["weeks_met"] = staff["weeks_met"].astype("int64")
    sheet["weeks_on_roster"] = staff["weeks_on_roster"].astype("int64")
    sheet["last_test"] = pd.to_datetime(staff["last_test"]).dt.date
    fields = ("staff_id", "full_name", "weeks_met", "weeks_on_roster", "last_test")
    names = {field: label(f"col_{field}", language) for field in fields}
    return sheet.rename(columns=names | {key: periods.week_short_label(key, language) for key in weeks})


#: Columns of the evidence for an operator, in order: field -> label key.
EVIDENCE_COLUMNS = {
    "commune_code": "col_commune_code",
    "name": "col_commune",
    "former_district": "former_district",
    "operator": "operator",
    "samples": "col_samples",
    "median": "col_median",
    "ci_low": "col_ci_low",
    "ci_high": "col_ci_high",
    "p10": "P10",
    "p90": "P90",
    "share_under": "col_share_under",
    "verdict": "col_verdict",
}


def evidence_sheet(under: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """Communes under the threshold for an operator (rows of
    :func:`quality.below_threshold`), labelled in ``language``: speeds to one
    decimal, the share under the threshold in percent, the verdict in words."""
    sheet = under.reindex(columns=list(EVIDENCE_COLUMNS)).copy()
    sheet["operator"] = [value_name("operator", code, language) for code in sheet["operator"]]
    for column in ("median", "ci_low", "ci_high", "p10", "p90"):
        sheet[column] = sheet[column].astype("float64").round(1)
    sheet["share_under"] = (sheet["share_under"].astype("float64") * 100).round(1)
    sheet["verdict"] = [label(f"verdict_{v}", language) for v in sheet["verdict"]]
    names = {field: label(key, language) for field, key in EVIDENCE_COLUMNS.items()}
    names["share_under"] += " (%)"
    return sheet.rename(columns=names)
