"""A realistic, deterministic demo campaign for Lai Châu.

``generate_demo`` writes a roster workbook and monthly i-Speed exports: about
120 agencies, 17,000 staff and 20 ISO weeks of tests, with the defects real
exports have. ``create_demo`` then imports them through the normal import path,
marked as demo data. The same arguments always give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.demo import activity, files, geography, measurements, population
from dashboard.demo.agencies import make_agencies
from dashboard.ingest.demo_data import add_demo_accounts
from dashboard.ingest.measurements import ImportSummary, import_measurements
from dashboard.ingest.roster import RosterSummary, import_roster
from dashboard.paths import REPO_ROOT

DEMO_DIR = REPO_ROOT / "data" / "demo"
DEFAULT_SEED = 2026
MIN_STAFF = 500


@dataclass
class DemoFiles:
    """The files of a demo campaign and what they hold."""

    roster: Path
    exports: list[Path]
    agencies: int
    staff: int
    tests: int  # distinct tests (a test repeated in two exports counts once)


@dataclass
class DemoResult:
    """What ``create_demo`` wrote and imported."""

    files: DemoFiles
    agencies: int
    staff: int
    tests: int
    rows_imported: int
    generation_seconds: float
    import_seconds: float
    roster_summary: RosterSummary
    import_summaries: list[ImportSummary] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        """Generation and import together."""
        return self.generation_seconds + self.import_seconds


def generate_demo(
    folder: Path = DEMO_DIR,
    *,
    seed: int = DEFAULT_SEED,
    staff: int = 17_000,
    weeks: int = 20,
    last_week: str = "2026-W47",
) -> DemoFiles:
    """Write ``roster.xlsx`` and ``ispeed_export_YYYY-MM.csv`` files into ``folder``.

    Deterministic: the same arguments give byte-identical files (one seeded
    generator, no clock). Raises ValueError for arguments that make no campaign
    (a malformed ``last_week``, fewer than MIN_STAFF staff, no weeks).
    """
    if staff < MIN_STAFF:
        raise ValueError(f"staff must be at least {MIN_STAFF}, not {staff}")
    mondays = activity.campaign_mondays(last_week, weeks)
    start = mondays[0].astype(dt.date)
    end = (mondays[-1] + 6).astype(dt.date)
    rng = np.random.default_rng(seed)
    geo = geography.load_geography(rng)
    agencies = make_agencies(geo, rng)
    people = population.make_population(geo, agencies, staff, start, end, rng)
    tests = activity.draw_tests(people, geo, mondays, rng)
    measurements.add_network(tests, people, geo, rng)
    rows = measurements.export_rows(tests, people, rng)

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(files.EXPORT_PATTERN.format(month="*")):
        old.unlink()  # exports of an earlier, longer demo would be imported too
    roster = files.write_roster(
        folder / files.ROSTER_FILE,
        _agency_sheet(agencies),
        _staff_sheet(people, rng),
        dt.datetime.combine(end, dt.time(17, 0)),
    )
    exports = files.write_exports(folder, rows)
    return DemoFiles(roster=roster, exports=exports, agencies=len(agencies), staff=staff, tests=len(rows))


def create_demo(
    engine: Engine,
    folder: Path = DEMO_DIR,
    *,
    seed: int = DEFAULT_SEED,
    staff: int = 17_000,
    weeks: int = 20,
    last_week: str = "2026-W47",
    progress: Callable[[float, str], None] | None = None,
) -> DemoResult:
    """Generate the demo files, then import the roster and each export as demo data.

    ``progress(share_done, step)`` is called before each step (share from 0 to 1).
    Imports go through the normal path (``import_roster``, ``import_measurements``),
    so the repeated days of the exports are de-duplicated as any real import.
    """
    report = progress or (lambda share, step: None)
    report(0.0, "generating the demo files")
    started = time.perf_counter()
    demo = generate_demo(folder, seed=seed, staff=staff, weeks=weeks, last_week=last_week)
    generated = time.perf_counter()
    rejects_dir = Path(folder) / "rejects"
    end = activity.parse_iso_week(last_week) + dt.timedelta(days=6)
    steps = 1 + len(demo.exports)
    report(0.3, f"importing {demo.roster.name}")
    roster_summary = import_roster(engine, [demo.roster], as_of=end, rejects_dir=rejects_dir, is_demo=True)
    summaries = []
    for done, path in enumerate(demo.exports, start=1):
        report(0.3 + 0.7 * done / steps, f"importing {path.name}")
        summaries.append(import_measurements(engine, path, rejects_dir=rejects_dir, is_demo=True))
    with engine.begin() as conn:
        add_demo_accounts(conn)
    report(1.0, "done")
    return DemoResult(
        files=demo,
        agencies=demo.agencies,
        staff=demo.staff,
        tests=demo.tests,
        rows_imported=sum(s.imported for s in summaries),
        generation_seconds=round(generated - started, 2),
        import_seconds=round(time.perf_counter() - generated, 2),
        roster_summary=roster_summary,
        import_summaries=summaries,
    )


def _agency_sheet(agencies: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Mã cơ quan": agencies["agency_code"],
            "Tên cơ quan": agencies["name"],
            "Loại cơ quan": agencies["kind_text"],
            "Mã xã": agencies["commune_code"],
        }
    )


def _staff_sheet(people: population.Population, rng: np.random.Generator) -> pd.DataFrame:
    """One row per membership: a mover has the old agency (until the day before the
    move) then the new one; a leaver has an end date; everyone else no dates."""
    n = people.staff_count
    codes = people.agencies["agency_code"].to_numpy(dtype=object)
    digits = pd.Series(people.phone[:n], dtype=object)
    # Phones as people write them on forms.
    styles = [
        "0" + digits.str[:3] + " " + digits.str[3:6] + " " + digits.str[6:],
        "+84 " + digits,
        "0" + digits.str[:3] + "." + digits.str[3:6] + "." + digits.str[6:],
        "0" + digits,
    ]
    style = rng.choice(len(styles), size=n, p=[0.35, 0.15, 0.2, 0.3])
    phone = np.select([style == i for i in range(len(styles))], [s.to_numpy(dtype=object) for s in styles])
    sheet = pd.DataFrame(
        {
            "Mã cán bộ": people.staff_id[:n],
            "Họ và tên": people.full_name[:n],
            "Mã cơ quan": codes[people.agency[:n]],
            "Tài khoản i-Speed": people.account[:n],
            "Số điện thoại": phone,
            "Email": people.email[:n],
            "Từ ngày": None,
            "Đến ngày": _dates(people.leave_date[:n]),
            "_order": 0,
        }
    )
    movers = np.flatnonzero(people.new_agency[:n] >= 0)
    sheet.loc[movers, "Đến ngày"] = _dates(people.move_date[movers] - 1)
    moved = sheet.loc[movers].assign(
        **{
            "Mã cơ quan": codes[people.new_agency[movers]],
            "Đến ngày": None,
            "Từ ngày": _dates(people.move_date[movers]),
            "_order": 1,
        }
    )
    # Listed by agency; a mover's old row comes first, so the move reads in order.
    sheet = pd.concat([sheet, moved]).rename_axis("_person").reset_index()
    sheet = sheet.sort_values(["_person", "_order"], kind="stable").drop(columns=["_person", "_order"])
    return sheet.reset_index(drop=True)


def _dates(days: np.ndarray) -> np.ndarray:
    """dd/mm/yyyy text, None where there is no date."""
    text = pd.Series(pd.to_datetime(days)).dt.strftime("%d/%m/%Y")
    return text.astype(object).where(text.notna(), None).to_numpy()


__all__ = ["DEFAULT_SEED", "DEMO_DIR", "MIN_STAFF", "DemoFiles", "DemoResult", "create_demo", "generate_demo"]
