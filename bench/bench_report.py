"""Time the official report (``dashboard.documents.report.build_report``) on the demo campaign.

    python bench/bench_report.py [--week 2026-W47] [--month 2026-11] [--repeat 3] [--database URL]

Without ``--database`` the default demo campaign is made once into
bench/output/report_demo.sqlite (about 25 s). Each report is timed in this process:
*cold* is the first build (ReportLab's fonts registered, matplotlib's first figure),
*warm* the best of ``--repeat`` more; the reading of the figures (:mod:`facts`)
and the drawing are timed apart. Not part of the test suite; see bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUTPUT_DIR = BENCH_DIR / "output"
sys.path.insert(0, str(BENCH_DIR.parent))  # the repository's dashboard, wherever this is run from

from dashboard.dates import periods  # noqa: E402
from dashboard.documents import docx_writer, pdf_writer  # noqa: E402
from dashboard.documents.facts import gather  # noqa: E402
from dashboard.documents.report import build_report, report_document  # noqa: E402
from dashboard.reports.settings import load_settings  # noqa: E402
from dashboard.store import database  # noqa: E402

#: The day the reports are made: the Tuesday after the demo's last week.
TODAY = dt.date(2026, 11, 24)


def demo_database() -> str:
    """The URL of the benchmark's demo campaign, made on the first run."""
    path = OUTPUT_DIR / "report_demo.sqlite"
    if not path.exists():
        from dashboard import demo

        OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
        print("making the demo campaign (once)…", flush=True)
        engine = database.make_engine(f"sqlite:///{path}")
        demo.create_demo(engine, OUTPUT_DIR / "report_demo")
        engine.dispose()
    return f"sqlite:///{path}"


def time_report(engine, period: periods.Period, fmt: str, repeat: int) -> dict:
    """Cold and warm seconds of one report, and the split of a warm build (figures, drawing)."""
    started = time.perf_counter()
    data = build_report(engine, period, fmt, today=TODAY)
    cold = time.perf_counter() - started
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        build_report(engine, period, fmt, today=TODAY)
        warm.append(time.perf_counter() - started)
    started = time.perf_counter()
    with engine.connect() as conn:
        facts = gather(conn, period, load_settings(conn), TODAY)
    reading = time.perf_counter() - started
    started = time.perf_counter()
    document = report_document(facts)
    wording = time.perf_counter() - started
    started = time.perf_counter()
    (pdf_writer if fmt == "pdf" else docx_writer).render(document)
    drawing = time.perf_counter() - started
    return {
        "period": period.key,
        "format": fmt,
        "bytes": len(data),
        "cold_s": round(cold, 2),
        "warm_s": round(min(warm), 2) if warm else None,
        "figures_s": round(reading, 2),
        "content_and_chart_s": round(wording, 2),
        "drawing_s": round(drawing, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", metavar="URL", help="a database holding a campaign (default: the demo)")
    parser.add_argument("--week", default="2026-W47", help="the weekly report's ISO week")
    parser.add_argument("--month", default="2026-11", help="the monthly report's month")
    parser.add_argument("--repeat", type=int, default=3, help="warm builds; the best is shown")
    args = parser.parse_args()
    engine = database.make_engine(args.database or demo_database())
    results = []
    for period in (periods.week(args.week), periods.month(args.month)):
        for fmt in ("pdf", "docx"):
            result = time_report(engine, period, fmt, args.repeat)
            results.append(result)
            print(
                f"{result['period']:>9} {fmt:>4}: cold {result['cold_s']:5.2f} s, warm {result['warm_s']:5.2f} s "
                f"(figures {result['figures_s']:.2f} s, content and chart {result['content_and_chart_s']:.2f} s, "
                f"drawing {result['drawing_s']:.2f} s), {result['bytes']:,} bytes; load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUTPUT_DIR / "report_results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
