"""Foundation benchmark: start-up, list filtering and memory on a 20,000-product office.

Run from the checkout (after ``./run.sh`` or ``./test.sh`` created ``.venv``)::

    .venv/bin/python benchmarks/bench_foundation.py            # 20,000 products / 10,000 producers
    .venv/bin/python benchmarks/bench_foundation.py --rebuild  # build the database again
    .venv/bin/python benchmarks/bench_foundation.py --products 2000 --producers 1000 --runs 3

The demo database is cached under ``benchmarks/out/`` (git-ignored), keyed by the size,
the seed, the schema revision and a hash of the ``ocop_desktop/demo/`` package, so a changed
generator builds a fresh one. Figures (see benchmarks/README.md):

* build: ``ocop-desktop demo`` writing the demo database (a child process);
* bare window: a bare PySide6 window with a table, process start to shown (the floor);
* start-up: ``ocop-desktop --smoke --db FILE`` as a child process, start to main window
  shown, N runs after one warm-up; median / min / max;
* peak RSS: the largest resident set of those ``--smoke`` children (``wait4`` rusage,
  taken by a small launcher process, see ``_LAUNCHER``);
* list_products: the products service reading all rows (median of 3);
* ``products list --json``: the CLI as a child process (median of 3);
* filter: the time to apply a 3-letter search to the products list, including the
  view update (``processEvents``): through the real products page when it exists,
  and through the bare table model + proxy + QTableView;
* the benchmark process's own peak RSS at the end: an upper bound for the app with the
  product list loaded (it holds the rows twice).

Parts of the UI that do not exist yet are reported as "not available yet".
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
VENV_BIN = ROOT / ".venv" / "bin"

TARGET_SHOWN_S = 0.6
TARGET_FILTER_MS = 30.0
TARGET_RSS_MB = 300.0
QUERIES = ("mie", "che", "gao", "dao", "tra")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# -- helpers -------------------------------------------------------------------------

def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["OCOP_DATA_DIR"] = str(OUT / "userdata")  # never the officer's real settings
    env.pop("OCOP_DESKTOP_DB", None)
    return env


#: Runs one command and reports its wall time and peak RSS. A separate small process, because
#: on Linux a child's ``ru_maxrss`` starts from its parent's RSS at fork/exec time: measured
#: from this (large) benchmark process, a small child would look as big as the parent.
_LAUNCHER = r"""
import json, os, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(p.pid, 0)
wall = time.perf_counter() - t0
with open(sys.argv[1], "w") as fh:
    json.dump({"wall": wall, "rc": os.waitstatus_to_exitcode(status), "maxrss_kib": usage.ru_maxrss}, fh)
"""


def run_child(argv: list[str], *, stdout: int | None = subprocess.DEVNULL) -> tuple[float, int, int, str]:
    """(wall seconds, exit code, peak RSS in KiB, stderr tail) of one child process."""
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        launched = subprocess.run([sys.executable, "-c", _LAUNCHER, str(result), *argv], env=child_env(),
                                  stdout=stdout, stderr=subprocess.PIPE, cwd=ROOT, check=False)
        tail = launched.stderr.decode(errors="replace")[-800:]
        if not result.exists():
            return 0.0, launched.returncode or 1, 0, tail
        r = json.loads(result.read_text())
    return r["wall"], r["rc"], r["maxrss_kib"], tail


def med(values: list[float]) -> float:
    return statistics.median(values)


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER TARGET"


class Report:
    def __init__(self) -> None:
        self.figures: dict[str, object] = {}

    def line(self, label: str, text: str) -> None:
        print(f"  {label:<48} {text}", flush=True)

    def unavailable(self, key: str, label: str, why: str) -> None:
        self.figures[key] = {"available": False, "why": why}
        self.line(label, f"not available yet ({why})")


def ocop_desktop_cmd() -> list[str]:
    exe = VENV_BIN / "ocop-desktop"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "ocop_desktop"]


# -- the database ----------------------------------------------------------------------

def cached_db(products: int, producers: int, seed: int, rebuild: bool, report: Report) -> Path:
    from ocop_desktop import demo
    from ocop_desktop.db import HEAD_REVISION

    sources = b"".join(f.read_bytes() for f in sorted(Path(demo.__file__).parent.glob("*.py")))
    key = hashlib.sha1(sources + HEAD_REVISION.encode()).hexdigest()[:10]
    stem = f"bench-{products}-{producers}-s{seed}"
    path = OUT / f"{stem}-{key}.sqlite"
    meta = path.with_suffix(".json")
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob(f"{stem}-*.sqlite"):  # stale generator or schema
        if old != path:
            for f in old.parent.glob(old.name + "*"):
                f.unlink()
            with contextlib.suppress(FileNotFoundError):
                old.with_suffix(".json").unlink()
    if rebuild or not path.exists() or not meta.exists():
        print(f"Building {path.name} ({products:,} products, {producers:,} producers)…", flush=True)
        # Through the CLI in a child process: the command of the acceptance criteria, and this
        # process stays small (see _LAUNCHER).
        wall, rc, maxrss, err = run_child([*ocop_desktop_cmd(), "--db", str(path), "demo", "--products",
                                           str(products), "--producers", str(producers), "--seed", str(seed),
                                           "--force"])
        if rc != 0:
            raise SystemExit(f"building the demo database failed (exit {rc}):\n{err}")
        info = {"seconds": round(wall, 2), "peak_rss_mb": round(maxrss / 1024), "products": products,
                "producers": producers, "built": time.strftime("%Y-%m-%d %H:%M")}
        meta.write_text(json.dumps(info, ensure_ascii=False, indent=1))
        when = "just now"
    else:
        info = json.loads(meta.read_text())
        when = f"cached, built {info['built']}"
    report.figures["build_s"] = info["seconds"]
    size_mb = path.stat().st_size / 2**20
    report.line("Build the demo DB (`ocop-desktop demo`)", f"{info['seconds']:.1f} s  ({when}; {size_mb:.0f} MB file; "
                f"peak RSS {info.get('peak_rss_mb', '?')} MB; {info['products']:,} products, "
                f"{info['producers']:,} producers)")
    return path


# -- start-up and memory -------------------------------------------------------------------

BARE_WINDOW = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTableWidget
app = QApplication(sys.argv)
w = QTableWidget(40, 6)
w.resize(1366, 768)
w.show()
def check():
    h = w.windowHandle()
    if h is not None and h.isExposed():
        QTimer.singleShot(0, app.quit)
    else:
        QTimer.singleShot(1, check)
check()
sys.exit(app.exec())
"""


def bench_bare_window(runs: int, report: Report) -> None:
    walls = []
    for i in range(runs + 1):
        wall, rc, _rss, err = run_child([sys.executable, "-c", BARE_WINDOW])
        if rc != 0:
            report.unavailable("bare_window", "Bare PySide6 window + table (floor)", f"exit {rc}: {err.strip()[-200:]}")
            return
        if i:  # the first run warms the file cache
            walls.append(wall)
    report.figures["bare_window_s"] = {"median": med(walls), "min": min(walls), "max": max(walls)}
    report.line("Bare PySide6 window + table (floor)",
                f"median {med(walls):.3f} s  (min {min(walls):.3f}, max {max(walls):.3f})")


def bench_smoke(db: Path, runs: int, report: Report) -> None:
    argv = [*ocop_desktop_cmd(), "--smoke", "--db", str(db)]
    walls, rss = [], []
    for i in range(runs + 1):
        wall, rc, maxrss_kib, err = run_child(argv)
        if rc != 0:
            why = err.strip().splitlines()[-1] if err.strip() else f"exit code {rc}"
            report.unavailable("smoke", "Start to main window shown (--smoke)", f"exit {rc}: {why[:160]}")
            report.unavailable("peak_rss", "Peak RSS of the --smoke process", "no successful --smoke run")
            return
        if i:
            walls.append(wall)
            rss.append(maxrss_kib / 1024)
    m = med(walls)
    report.figures["smoke_s"] = {"median": m, "min": min(walls), "max": max(walls), "runs": runs}
    report.line("Start to main window shown (--smoke)",
                f"median {m:.3f} s  (min {min(walls):.3f}, max {max(walls):.3f}; {runs} runs)   "
                f"target ≤ {TARGET_SHOWN_S} s: {verdict(m <= TARGET_SHOWN_S)}")
    peak = max(rss)
    report.figures["peak_rss_mb"] = {"max": peak, "median": med(rss)}
    report.line("Peak RSS of the --smoke process",
                f"{peak:.0f} MB  (median {med(rss):.0f} MB)   target ≤ {TARGET_RSS_MB:.0f} MB: "
                f"{verdict(peak <= TARGET_RSS_MB)}")


# -- services and CLI ------------------------------------------------------------------------

def bench_list_products(db_path: Path, report: Report) -> list:
    from ocop_desktop.db import Database
    from ocop_desktop.services.products import list_products

    times, rows = [], []
    with Database.open(db_path, create=False) as db:
        for _ in range(3):
            t0 = time.perf_counter()
            with db.read_session() as s:
                rows = list_products(s, include_deleted=True)
            times.append(time.perf_counter() - t0)
    report.figures["list_products_s"] = {"median": med(times), "min": min(times), "rows": len(rows)}
    report.line("list_products (all rows, in process)",
                f"median {med(times):.3f} s  (min {min(times):.3f}; {len(rows):,} rows; first includes imports)")
    return rows


def bench_cli_list(db: Path, report: Report) -> None:
    argv = [*ocop_desktop_cmd(), "--db", str(db), "products", "list", "--json"]
    walls, rss = [], []
    for _ in range(3):
        wall, rc, maxrss, err = run_child(argv)
        if rc != 0:
            report.unavailable("cli_list", "`products list --json` (child process)", f"exit {rc}: {err.strip()[-160:]}")
            return
        walls.append(wall)
        rss.append(maxrss / 1024)
    report.figures["cli_products_list_s"] = {"median": med(walls), "min": min(walls), "max": max(walls),
                                              "peak_rss_mb": max(rss)}
    report.line("`products list --json` (child process)",
                f"median {med(walls):.3f} s  (min {min(walls):.3f}, max {max(walls):.3f}; peak RSS {max(rss):.0f} MB)")


# -- filtering ----------------------------------------------------------------------------------

def _time_queries(apply: Callable[[str], None], app, runs: int = 7, *,  # noqa: ANN001
                  typed: bool = False, queries: tuple[str, ...] = QUERIES,
                  cpu: dict[str, float] | None = None) -> dict[str, float]:
    """Median milliseconds per query: clear (untimed), then apply the query + process events.

    ``typed``: type the first two letters first (untimed) and time the third, as in
    search-as-you-type; otherwise the whole query arrives at once (pasted). ``cpu``: also
    fill it with the median process CPU milliseconds per query (what a busy machine does
    not inflate as much as the wall time).
    """
    out = {}
    for q in queries:
        samples, cpu_samples = [], []
        for _ in range(runs):
            apply("")
            app.processEvents()
            if typed:
                for i in range(1, len(q)):
                    apply(q[:i])
                    app.processEvents()
            t0, c0 = time.perf_counter(), time.process_time()
            apply(q)
            app.processEvents()
            samples.append((time.perf_counter() - t0) * 1000)
            cpu_samples.append((time.process_time() - c0) * 1000)
        out[q] = med(samples)
        if cpu is not None:
            cpu[q] = med(cpu_samples)
    apply("")
    app.processEvents()
    return out


def _print_filter(report: Report, key: str, label: str, per_query: dict[str, float], extra: str = "") -> None:
    worst = max(per_query.values())
    overall = med(list(per_query.values()))
    report.figures[key] = {"median_ms": overall, "worst_query_ms": worst, "per_query_ms": per_query}
    detail = ", ".join(f"{q} {ms:.1f}" for q, ms in per_query.items())
    report.line(label, f"median {overall:.1f} ms, worst query {worst:.1f} ms   target ≤ {TARGET_FILTER_MS:.0f} ms: "
                f"{verdict(worst <= TARGET_FILTER_MS)}")
    report.line("", f"({detail} ms{extra})")


def bench_filter(db_path: Path, rows: list, report: Report) -> None:
    try:
        from PySide6.QtWidgets import QApplication, QTableView
    except ImportError as exc:
        report.unavailable("filter_proxy", "Filter products, 3 letters (model+proxy+view)", f"PySide6: {exc}")
        return
    app = QApplication.instance() or QApplication([sys.argv[0]])

    # 1. The bare table model and proxy of the UI, in a QTableView.
    try:
        from ocop_desktop.ui.table_models import ProductTableModel, RecordFilterProxy
    except Exception as exc:  # noqa: BLE001 - a module being written may fail in any way
        report.unavailable("filter_proxy", "Filter products, 3 letters (model+proxy+view)",
                           f"ocop_desktop.ui.table_models: {type(exc).__name__}: {exc}")
    else:
        try:
            model = ProductTableModel()
            proxy = RecordFilterProxy()
            proxy.setSourceModel(model)
            view = QTableView()
            view.setModel(proxy)
            view.resize(1366, 700)
            t0 = time.perf_counter()
            model.set_rows(rows)
            view.show()
            app.processEvents()
            fill_ms = (time.perf_counter() - t0) * 1000
            per_query = _time_queries(proxy.set_search, app)  # pasted: the whole list is scanned
            shown = {q: _count_after(proxy, app, q) for q in QUERIES[:3]}
            _print_filter(report, "filter_proxy", "Filter products, 3 letters (model+proxy+view)", per_query,
                          "; rows shown: " + ", ".join(f"{q} {n:,}" for q, n in shown.items()))
            report.line("Fill model + first paint (model+proxy+view)", f"{fill_ms:.0f} ms for {len(rows):,} rows")
            view.close()
            view.deleteLater()
            app.processEvents()
        except Exception as exc:  # noqa: BLE001
            traceback.print_exc()
            report.unavailable("filter_proxy", "Filter products, 3 letters (model+proxy+view)",
                               f"{type(exc).__name__}: {exc}")

    # 2. The real products page: search box → proxy → table, count label and all.
    bench_products_page(db_path, app, report)


def _count_after(proxy, app, q: str) -> int:  # noqa: ANN001
    proxy.set_search(q)
    app.processEvents()
    n = proxy.rowCount()
    proxy.set_search("")
    app.processEvents()
    return n


def bench_products_page(db_path: Path, app, report: Report) -> None:  # noqa: ANN001
    label = "Filter products, 3 letters (products page)"
    try:
        from ocop_desktop.ui import ops
        from ocop_desktop.ui.pages.products_page import ProductsPage
    except Exception as exc:  # noqa: BLE001
        report.unavailable("filter_page", label, f"ocop_desktop.ui.pages.products_page: {type(exc).__name__}: {exc}")
        return
    from ocop_desktop.db import Database

    db = Database.open(db_path, create=False)
    page = None
    try:
        page = ProductsPage(db)
        page.resize(1366, 700)
        t0 = time.perf_counter()
        page.show()
        if not getattr(page, "has_loaded", False):
            page.reload()
        deadline = time.perf_counter() + 120
        while not page.has_loaded and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.002)
        if not page.has_loaded:
            report.unavailable("filter_page", label, "the page did not load its rows within 120 s")
            return
        app.processEvents()
        load_s = time.perf_counter() - t0
        per_query = _time_queries(page.search.setText, app)
        _print_filter(report, "filter_page", "Filter products, 3 letters (page, pasted)", per_query)
        per_query = _time_queries(page.search.setText, app, typed=True)
        _print_filter(report, "filter_page_typed", "Filter products, 3 letters (page, typed)", per_query,
                      "; the 3rd keystroke after 2 letters")
        report.figures["page_load_s"] = load_s
        report.line("Products page: show → rows loaded and shown", f"{load_s:.2f} s (worker thread + model fill)")
    except Exception as exc:  # noqa: BLE001
        traceback.print_exc()
        report.unavailable("filter_page", label, f"{type(exc).__name__}: {exc}")
    finally:
        if page is not None:
            page.close()
            page.deleteLater()
            app.processEvents()
        with contextlib.suppress(Exception):
            ops.wait_all()
        db.close()


# -- main -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="OCOP Desktop foundation benchmark")
    ap.add_argument("--products", type=int, default=20000)
    ap.add_argument("--producers", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=7, help="--smoke runs after one warm-up (default 7)")
    ap.add_argument("--rebuild", action="store_true", help="build the demo database again")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)

    import PySide6  # noqa: F401 - only for the version line

    from ocop_desktop.i18n import set_language

    set_language("en")
    print(f"OCOP Desktop foundation benchmark — {platform.node()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}")
    report = Report()
    db = cached_db(args.products, args.producers, args.seed, args.rebuild, report)
    bench_bare_window(max(3, args.runs // 2), report)
    bench_smoke(db, args.runs, report)
    rows = bench_list_products(db, report)
    bench_cli_list(db, report)
    bench_filter(db, rows, report)
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.figures["benchmark_process_peak_rss_mb"] = own
    report.line("Peak RSS of this process (rows ×2 + Qt + page)", f"{own:.0f} MB  (an upper bound for the app "
                "with the product list loaded)")
    if args.json:
        Path(args.json).write_text(json.dumps(report.figures, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
