"""OCOP-cycle lists on the national data set (issue 10): ideas, trade events, points of sale,
training classes and support, 30,000 records of each on top of 20,000 products of 10,000
producers. Not part of ./test.sh; prints figures against the targets, asserts nothing:

* rows shown after opening a list: a new page shown, until its rows are in the view (the rows
  load on a worker thread after the first paint); the first open and the median of 3;
* a search keystroke, 3 letters, pasted (the whole query at once) and typed (the 3rd letter
  after the first two narrowed the list), median of 5 per query, including the view update;
* start-up (``--smoke`` on the same database) against a bare PySide6 window.

    .venv/bin/python benchmarks/bench_cycle.py                      # 30,000 of each kind
    .venv/bin/python benchmarks/bench_cycle.py --kinds ideas,events --records 5000
    .venv/bin/python benchmarks/bench_cycle.py --json out.json

Targets: rows shown ≤ 1 s, a keystroke ≤ 30 ms, start-up ≤ 3× the bare window. The data set
and the page timings are in ``cycle_data.py`` (another cycle list adds a ``KINDS`` entry).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cycle_data  # noqa: E402 - sets up the import path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=30_000, help="records of each kind (default 30,000)")
    ap.add_argument("--kinds", default=",".join(cycle_data.KINDS), help="comma-separated, default all")
    ap.add_argument("--opens", type=int, default=3)
    ap.add_argument("--runs", type=int, default=5, help="samples per query")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up figures")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in cycle_data.KINDS]
    if unknown:
        ap.error(f"unknown kinds: {', '.join(unknown)} (known: {', '.join(cycle_data.KINDS)})")
    os.environ["OCOP_DATA_DIR"] = tempfile.mkdtemp(prefix="ocop-bench-cycle-")

    import PySide6
    from PySide6.QtWidgets import QApplication

    from ocop_desktop.i18n import set_language

    set_language("vi")
    print(f"OCOP cycle lists benchmark — {platform.node()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, PySide6 {PySide6.__version__}")
    report = cycle_data.bench_foundation.Report()
    report.line("Load average (1, 5, 15 min) at the start", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    path = cycle_data.cycle_db(args.records, kinds, report, rebuild=args.rebuild)
    if not args.no_startup:
        cycle_data.startup_ratio(report, path)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    cycle_data.warm_up(app)
    for name in kinds:
        report.figures[name] = cycle_data.measure_page(app, name, path, report, opens=args.opens, runs=args.runs)
    report.line("Load average (1, 5, 15 min) at the end", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    cycle_data.save(report, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
