"""Reports benchmark (issue 11): the dashboard and the statistics reports on the national-scale
office (20,000 products, 10,000 producers, the demo's decisions and certificates), plus start-up.

    .venv/bin/python benchmarks/bench_reports.py                 # 20,000 / 10,000 (cached DB)
    .venv/bin/python benchmarks/bench_reports.py --products 2000 --producers 1000 --runs 2

Figures (targets from issue 11):

* dashboard numbers: ``stats.dashboard.load`` (what the page's worker runs: every table, the
  watch list and the plan's targets), in this process, first call and median of N — ≤ 300 ms;
* dashboard usable: a real ``MainWindow`` (offscreen), *Báo cáo* shown → numbers on screen
  (``DashboardView.loaded``) — ≤ 1.5 s — and → charts drawn (``charts_shown``, matplotlib
  imported on a worker first);
* all reports B01–B09 as .xlsx (compute + write) ≤ 3 s, as PDF ≤ 5 s: median of N;
* start-up: ``--smoke`` median against a bare PySide6 window (≤ 3×), and ``python -X importtime``
  of ``--smoke`` naming any of matplotlib, xlsxwriter, python_calamine or ocop_desktop.stats
  (none expected).

The database is the foundation benchmark's cached one (``benchmarks/out/``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_foundation as bf  # noqa: E402

TARGET_NUMBERS_S = 0.300
TARGET_USABLE_S = 1.5
TARGET_XLSX_S = 3.0
TARGET_PDF_S = 5.0
LAZY = ("matplotlib", "xlsxwriter", "python_calamine", "ocop_desktop.stats", "ocop_desktop.ui.reports")


def _timed(fn, runs: int) -> tuple[float, float, object]:  # noqa: ANN001
    first, result = None, None
    times = []
    for _ in range(runs + 1):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        first = first if first is not None else times[-1]
    return first, statistics.median(times[1:]), result


def bench_numbers(db_path: Path, runs: int, report: bf.Report) -> None:
    from ocop_desktop.db import Database
    from ocop_desktop.stats import dashboard

    with Database.open(db_path, create=False) as db:
        def once():  # noqa: ANN202
            with db.read_session() as s:
                return dashboard.load(s, dt.date.today().year)

        first, m, data = _timed(once, runs)
    report.figures["dashboard_numbers_s"] = {"first": first, "median": m}
    report.line("Dashboard numbers (stats.dashboard.load)",
                f"median {m * 1000:.0f} ms (first {first * 1000:.0f} ms; {data.communes.total[2]:,} products in force, "
                f"{len(data.watch.ids(-1, 'name')[1]):,} due)   target ≤ {TARGET_NUMBERS_S * 1000:.0f} ms: "
                f"{bf.verdict(m <= TARGET_NUMBERS_S)}")


def bench_page(db_path: Path, report: bf.Report) -> None:
    from PySide6.QtWidgets import QApplication

    from ocop_desktop.db import Database
    from ocop_desktop.ui import ops
    from ocop_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    with Database.open(db_path, create=False) as db:
        w = MainWindow(db)
        w.resize(1366, 768)
        w.show()
        app.processEvents()
        marks: dict[str, float] = {}
        t0 = time.perf_counter()
        page = w.show_section("reports")
        dash = page.tab("dashboard")
        dash.loaded.connect(lambda: marks.setdefault("numbers", time.perf_counter() - t0))
        dash.charts_shown.connect(lambda: marks.setdefault("charts", time.perf_counter() - t0))
        deadline = time.perf_counter() + 60
        while "charts" not in marks and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.002)
        ops.wait_all()
        w.close()
        app.processEvents()
    numbers, charts = marks.get("numbers"), marks.get("charts")
    report.figures["dashboard_usable_s"] = numbers
    report.figures["dashboard_charts_s"] = charts
    report.line("Dashboard usable: Báo cáo shown → numbers",
                f"{numbers:.2f} s   target ≤ {TARGET_USABLE_S} s: {bf.verdict(numbers <= TARGET_USABLE_S)}"
                if numbers is not None else "did not finish")
    report.line("  … → charts drawn (matplotlib imported first)", f"{charts:.2f} s" if charts else "did not finish")


def bench_exports(db_path: Path, runs: int, report: bf.Report) -> None:
    from ocop_desktop.db import Database
    from ocop_desktop.reports.stats_pdf import office_heading, render_reports
    from ocop_desktop.reports.stats_xlsx import render_workbook
    from ocop_desktop.services.report_scope import office_scope
    from ocop_desktop.stats.catalog import build_reports
    from ocop_desktop.stats.period import Period

    out = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    period = Period.year(dt.date.today().year)
    with Database.open(db_path, create=False) as db:
        def compute():  # noqa: ANN202
            with db.read_session() as s:
                return build_reports(s, period, office_scope(s)), office_heading(s)

        _f, m_compute, (tables, heading) = _timed(compute, runs)

        def xlsx():  # noqa: ANN202
            t, h = compute()
            render_workbook(t, out / "all.xlsx", h)

        def pdf():  # noqa: ANN202
            t, h = compute()
            return render_reports(t, out / "all.pdf", h)

        _f, m_xlsx, _r = _timed(xlsx, runs)
        _f, m_pdf, pages = _timed(pdf, runs)
    rows = sum(len(t.rows) for t in tables)
    report.figures.update({"reports_compute_s": m_compute, "reports_xlsx_s": m_xlsx, "reports_pdf_s": m_pdf,
                           "reports_pdf_pages": pages, "reports_rows": rows})
    report.line("All reports B01–B09: compute", f"median {m_compute:.2f} s ({rows:,} rows)")
    report.line("All reports as .xlsx (compute + write)",
                f"median {m_xlsx:.2f} s ({(out / 'all.xlsx').stat().st_size / 1024:.0f} KB)   target ≤ "
                f"{TARGET_XLSX_S} s: {bf.verdict(m_xlsx <= TARGET_XLSX_S)}")
    report.line("All reports as PDF (compute + write)",
                f"median {m_pdf:.2f} s ({pages} pages)   target ≤ {TARGET_PDF_S} s: {bf.verdict(m_pdf <= TARGET_PDF_S)}")


def bench_startup(db_path: Path, runs: int, report: bf.Report) -> None:
    bf.bench_bare_window(runs, report)
    bf.bench_smoke(db_path, runs, report)
    bare = report.figures.get("bare_window_s", {})
    smoke = report.figures.get("smoke_s", {})
    if bare and smoke:
        ratio = smoke["median"] / bare["median"]
        report.figures["startup_ratio"] = ratio
        report.line("Start-up / bare window", f"{ratio:.1f}×   target ≤ 3×: {bf.verdict(ratio <= 3)}")
    env = bf.child_env()
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "ocop_desktop", "--smoke", "--db", str(db_path)],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    heavy = sorted({line.split("|")[-1].strip() for line in proc.stderr.splitlines()
                    if any(line.split("|")[-1].strip().startswith(m) for m in LAZY)})
    report.figures["startup_heavy_imports"] = heavy
    report.line("Imports at start-up (-X importtime)", "none of " + ", ".join(LAZY) if not heavy
                else "IMPORTED: " + ", ".join(heavy[:6]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--producers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("OCOP_DATA_DIR", str(bf.OUT / "userdata"))
    report = bf.Report()
    print(f"Reports benchmark — {args.products:,} products, {args.producers:,} producers")
    db_path = bf.cached_db(args.products, args.producers, args.seed, args.rebuild, report)
    bench_numbers(db_path, args.runs, report)
    bench_page(db_path, report)
    bench_exports(db_path, args.runs, report)
    bench_startup(db_path, max(args.runs, 5), report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
