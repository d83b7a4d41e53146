"""Table declarations: the whole schema, in SQLAlchemy Core.

One schema serves SQLite and PostgreSQL. :mod:`dashboard.store.database` creates it
and migrates older databases; every read query lives in ``queries/``.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    func,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime, nullable=False, server_default=func.current_timestamp()),
)

# An edition of administrative units: the 2025 communes, the pre-2025 units, or a
# later edition a department loads. Dates bound the period an edition describes.
boundary_edition = Table(
    "boundary_edition",
    metadata,
    Column("edition_id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("valid_from", Date),
    Column("valid_to", Date),
    Column("source", Text),
)

former_district = Table(
    "former_district",
    metadata,
    Column("former_district_code", String(8), primary_key=True),
    Column("name", Text, nullable=False),
)

# Communes of every edition. For the 2025 edition, ``former_district_code`` is the
# reporting region assigned from the crosswalk; for pre-2025 units it is the
# district they belonged to. Geometry is WKT in EPSG:4326 (NULL when unknown).
admin_unit = Table(
    "admin_unit",
    metadata,
    Column("edition_id", String(32), ForeignKey("boundary_edition.edition_id"), primary_key=True),
    Column("commune_code", String(8), primary_key=True),
    Column("name", Text, nullable=False),
    Column("unit_type", Text, nullable=False),
    Column("former_district_code", String(8), ForeignKey("former_district.former_district_code")),
    Column("population", Integer),
    Column("area_km2", Float),
    Column("center_lon", Float),
    Column("center_lat", Float),
    Column("geometry_wkt", Text),
)

crosswalk = Table(
    "crosswalk",
    metadata,
    Column("from_edition_id", String(32), primary_key=True),
    Column("from_code", String(8), primary_key=True),
    Column("to_edition_id", String(32), nullable=False),
    Column("to_code", String(8), nullable=False),
)

# Extra spellings of unit names (the arrangement portal spells a few differently).
unit_alias = Table(
    "unit_alias",
    metadata,
    Column("edition_id", String(32), primary_key=True),
    Column("alias", Text, primary_key=True),
    Column("commune_code", String(8), nullable=False),
)

import_batch = Table(
    "import_batch",
    metadata,
    Column("import_id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # measurements | roster
    Column("file_name", Text, nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("imported_at", DateTime, nullable=False),
    Column("is_demo", Boolean, nullable=False, default=False),
    Column("rows_read", Integer, nullable=False),
    Column("rows_imported", Integer, nullable=False),
    Column("summary_json", Text, nullable=False),
)

agency = Table(
    "agency",
    metadata,
    Column("agency_code", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("agency_kind", String(24), nullable=False),
    Column("commune_code", String(8)),
    Column("email", String(254)),  # where its weekly pack is sent (one plain address), if known
)

staff = Table(
    "staff",
    metadata,
    Column("staff_id", String(40), primary_key=True),
    Column("full_name", Text, nullable=False),
)

# Which agency a person belonged to, and when; open ends are NULL.
staff_membership = Table(
    "staff_membership",
    metadata,
    Column("membership_id", Integer, primary_key=True, autoincrement=True),
    Column("staff_id", String(40), ForeignKey("staff.staff_id"), nullable=False),
    Column("agency_code", String(32), ForeignKey("agency.agency_code"), nullable=False),
    Column("valid_from", Date),
    Column("valid_to", Date),
    Index("ix_membership_staff", "staff_id"),
    # An agency's current people without visiting the rows: the staff located in
    # each commune (queries/commune_units.sql), on every coverage read.
    Index("ix_membership_agency_staff", "agency_code", "valid_to", "staff_id"),
)

# Normalised identifiers (phone as +84…, e-mail and account case-folded).
staff_identifier = Table(
    "staff_identifier",
    metadata,
    Column("identifier", String(120), primary_key=True),
    Column("identifier_kind", String(16), nullable=False),  # account | phone | email
    Column("staff_id", String(40), ForeignKey("staff.staff_id"), nullable=False),
    Index("ix_identifier_staff", "staff_id"),  # one agency's contacts (queries/staff_contacts.sql)
)

measurement = Table(
    "measurement",
    metadata,
    # Also the deduplication key: seconds since 2020 in the high bits, then a hash of
    # the source id (or of account, position and speeds). Keys rise with time, so the
    # table is clustered by time and an import appends instead of scattering writes.
    Column("measurement_id", BigInteger, primary_key=True, autoincrement=False),
    Column("source_id", String(80)),
    Column("measured_at", DateTime, nullable=False),  # UTC
    Column("local_date", Date, nullable=False),  # Asia/Ho_Chi_Minh
    Column("iso_week", String(8), nullable=False),  # e.g. 2026-W47, local time
    Column("month", String(7), nullable=False),  # e.g. 2026-11, local time
    Column("download_mbps", Float, nullable=False),
    Column("upload_mbps", Float),
    Column("latency_ms", Float),
    Column("jitter_ms", Float),
    Column("operator", String(16)),  # viettel | vnpt | mobifone | fpt | cmc | vietnamobile | other
    Column("access", String(8), nullable=False),  # fixed | mobile | unknown
    Column("technology", String(12)),  # wifi | ethernet | 2g | 3g | 4g | 5g
    Column("ip_version", SmallInteger),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("commune_code", String(8)),  # 2025 edition
    Column("placement", String(12), nullable=False),  # position | nearest | code | name | outside | unplaced
    Column("coords_swapped", Boolean, nullable=False),
    Column("account", String(120)),
    Column("phone", String(20)),
    Column("email", String(120)),
    Column("device_id", String(120)),
    Column("reported_staff_id", String(40)),  # written on an agency's sheet of tests
    Column("staff_id", String(40)),  # the person linked (by sheet or identifier)
    Column("import_id", Integer, ForeignKey("import_batch.import_id"), nullable=False),
    # No other index: each costs every import about a sixth of its writing. A period's
    # tests are a range of keys (dates/key_time.py); pages read the rollups and the
    # months' snapshots, which imports keep up to date.
)


# Every ISO week from 2020 to 2040, so that queries can count the staff on a roster
# week by week without a calendar of their own. A person belongs to an agency in a
# week when a membership covers its Thursday (the ISO rule, as for months): one who
# leaves or moves mid-week counts once, where they spent most of the week.
calendar_week = Table(
    "calendar_week",
    metadata,
    Column("iso_week", String(8), primary_key=True),  # 2026-W47
    Column("week_start", Date, nullable=False),  # Monday
    Column("week_end", Date, nullable=False),  # Sunday
    Column("week_thursday", Date),  # decides the month and a mover's agency
    Column("month", String(7), nullable=False),  # the month of its Thursday
)
CALENDAR_YEARS = (2020, 2040)


# A commune's own monthly target per category, where the department set one (for
# example scaled by population); communes without a row use the VNNIC floor.
commune_target = Table(
    "commune_target",
    metadata,
    Column("commune_code", String(8), primary_key=True),
    Column("access", String(8), primary_key=True),  # fixed | mobile
    Column("monthly_target", Integer, nullable=False),
    Column("updated_at", DateTime, nullable=False),  # UTC
    Column("updated_by", String(120)),
)


# Who may sign in, and what they see: a department administrator or viewer sees
# every agency; an agency user is tied to one agency (no foreign key, so that the
# demo's agencies can be cleared; sign-in refuses an agency that no longer exists).
app_user = Table(
    "app_user",
    metadata,
    Column("username", String(120), primary_key=True),  # lower case; an e-mail for single sign-on
    Column("display_name", Text),
    Column("role", String(16), nullable=False),  # admin | viewer | agency
    Column("agency_code", String(32)),  # for the agency role only
    Column("password_hash", Text),  # argon2id; NULL when the user signs in through the OIDC provider only
    Column("is_demo", Boolean, nullable=False, default=False),  # removed with the demo campaign
    Column("created_at", DateTime, nullable=False),  # UTC
    Column("updated_at", DateTime, nullable=False),  # UTC
)

# Who did what, when: sign-ins (and failed ones, which also slow repeated
# guessing), imports, downloads of personal data, and changes to accounts.
audit_event = Table(
    "audit_event",
    metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),  # UTC
    Column("username", String(120)),
    Column("action", String(32), nullable=False),
    Column("detail", Text),
    Index("ix_audit_user_at", "username", "at"),
)

# Failed sign-ins per user name typed, to slow repeated guessing (see
# sign_in.sign_in): an attempt counts as a failure from the moment it starts, and
# a success deletes the row. The key is a hash of the name, so that a password
# typed in the user-name field is not kept in clear; a row goes once its last
# failure is older than sign_in.FAILURE_WINDOW.
sign_in_throttle = Table(
    "sign_in_throttle",
    metadata,
    Column("name_key", String(64), primary_key=True),  # SHA-256 (hex) of the user name, trimmed, lower case
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime),  # UTC
)

# The campaign's settings (settings.py): one row per setting an administrator
# changed, its value as JSON; a setting without a row has its default.
app_setting = Table(
    "app_setting",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
    Column("updated_at", DateTime, nullable=False),  # UTC
    Column("updated_by", String(120)),
)

# Rollups: small tables the pages read instead of the measurements, brought up to
# date in each import's transaction (see rollups.py). An empty code (operator,
# technology, commune) stands for "unknown" or "not placed", so that every key
# column can be part of the primary key the upserts need.
rollup_day = Table(
    "rollup_day",
    metadata,
    Column("local_date", Date, primary_key=True),
    Column("commune_code", String(8), primary_key=True),  # '' when placed in no commune
    Column("access", String(8), primary_key=True),
    Column("operator", String(16), primary_key=True),
    Column("technology", String(12), primary_key=True),
    Column("iso_week", String(8), nullable=False),
    Column("month", String(7), nullable=False),
    Column("tests", Integer, nullable=False),
    Column("tests_by_staff", Integer, nullable=False),  # linked to someone on the roster
    Column("tests_outside", Integer, nullable=False),  # positioned outside the province
    # A range of weeks' tests without visiting the rows (the weekly participation trend).
    Index("ix_rollup_day_week_tests", "iso_week", "tests", "tests_by_staff"),
)

# Each person's tests in each ISO week, and their latest test day that week.
rollup_staff_week = Table(
    "rollup_staff_week",
    metadata,
    Column("iso_week", String(8), primary_key=True),
    Column("staff_id", String(40), primary_key=True),
    Column("tests", Integer, nullable=False),
    Column("last_test", Date, nullable=False),
)

# Each person's last test day: an agency's list reads its people's here, not over
# every week of rollup_staff_week. (An index on that rollup by person made each
# import update entries scattered over the whole index: a third of a monthly
# file's time at five million tests.)
rollup_staff_last = Table(
    "rollup_staff_last",
    metadata,
    Column("staff_id", String(40), primary_key=True),
    Column("last_test", Date, nullable=False),
    sqlite_with_rowid=False,
)

# Each month's median of each metric per category (an access or a technology) and
# operator, with its samples: the monthly trend, computed from the month's snapshot
# (store/month_medians.py) in the transaction that stores it, as the quality page
# computes a month's medians. (Until schema 14 it came from counts of each value to
# a tenth, rollup_month_value, whose upkeep cost each import more than the medians.)
month_median = Table(
    "month_median",
    metadata,
    Column("metric", String(16), primary_key=True),
    Column("category", String(12), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("operator", String(16), primary_key=True),
    Column("samples", Integer, nullable=False),
    Column("median", Float, nullable=False),  # Mbps or ms
)

# Each agency's roster week by week as a histogram: how many of its people made
# 0, 1, 2, … tests (20 or more counted as 20, the highest weekly target a page
# offers), and the tests they made. Agency '*' counts the province's people once
# each. Rows exist for every week from the first to the last week with tests.
rollup_agency_week = Table(
    "rollup_agency_week",
    metadata,
    Column("iso_week", String(8), primary_key=True),
    Column("agency_code", String(32), primary_key=True),  # '*' for the whole province
    Column("tests_made", Integer, primary_key=True),  # 0 to MAX_WEEKLY_TARGET
    Column("staff", Integer, nullable=False),
    Column("tests", Integer, nullable=False),
)
MAX_WEEKLY_TARGET = 20

ROLLUPS = (rollup_day, rollup_staff_week, rollup_staff_last, rollup_agency_week)

# Each month's placed tests as the overview, coverage and quality pages read them,
# in columns: an Arrow IPC stream (zstd), kept up to date in each import's
# transaction and read whole instead of the month's rows (see snapshots.py). A
# snapshot of another format version is built again from the measurements.
month_snapshot = Table(
    "month_snapshot",
    metadata,
    Column("month", String(7), primary_key=True),  # 2026-10
    Column("format_version", Integer, nullable=False),
    Column("tests", Integer, nullable=False),  # rows in the snapshot
    Column("arrow", LargeBinary, nullable=False),
)


# Each ISO week's roster in columns: every person on any agency's roster that week
# (a membership covers its Thursday), once, with the tests they made, as an Arrow
# IPC stream (store/week_rosters.py). Written with the week's histograms in
# rollup_agency_week, from the same arrays: a week has a roster exactly when the
# histograms cover it. The headline's staff figures read a period's weeks whole.
week_roster = Table(
    "week_roster",
    metadata,
    Column("iso_week", String(8), primary_key=True),
    Column("staff", Integer, nullable=False),  # people in it
    Column("arrow", LargeBinary, nullable=False),
)


def text_width(column: Column) -> int:
    """The most characters a String column holds (values are checked against it before storing)."""
    length = cast(String, column.type).length
    assert length is not None, column.name  # only columns declared with a width are checked
    return length
