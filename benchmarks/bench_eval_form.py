"""Evaluation form benchmark: open the scoring form of every set (target ≤ 150 ms each).

Run from the checkout (after ``./test.sh`` created ``.venv``)::

    .venv/bin/python benchmarks/bench_eval_form.py            # 26 sets × 7 runs
    .venv/bin/python benchmarks/bench_eval_form.py --runs 3 --json out.json

For each set of the current rubric: build a :class:`SheetForm` (criteria, options, the
live result scored once), show it at the size it gets in a 1366×768 window, and process
events until it is laid out and painted. One warm-up (fonts, style, the engine's compiled
sheet), then ``--runs`` timed runs per set. Prints per-set median and max, then the max
and the median over all sets, and the number of widgets in the largest form.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 150.0
FORM_SIZE = (1366 - 200, 768 - 150)  # the window less the navigation, the header and the buttons


def _open_once(sheet, app) -> tuple[float, int]:  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    from ocop_desktop.ui.evaluation.sheet_form import SheetForm

    t0 = time.perf_counter()
    form = SheetForm(sheet)
    form.resize(*FORM_SIZE)
    form.show()
    app.processEvents()  # layout, expose and the first paint
    form.focus_criterion(form.order[0])
    app.processEvents()
    elapsed = (time.perf_counter() - t0) * 1000
    widgets = len(form.findChildren(QWidget))
    form.close()
    form.deleteLater()
    app.processEvents()
    return elapsed, widgets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from ocop_desktop.i18n import set_language

    set_language("vi")
    from PySide6.QtCore import qInstallMessageHandler

    from ocop_desktop.app import _application
    from ocop_desktop.scoring.rubric import load_rubric

    def quiet(_mode, _context, message: str) -> None:  # noqa: ANN001
        if "does not support propagateSizeHints" not in message:  # an offscreen-platform limit
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    app = _application()
    rubric = load_rubric()
    numbers = sorted(rubric.sheets)
    _open_once(rubric.sheet(numbers[0]), app)  # warm-up

    per_set: dict[int, list[float]] = {}
    objects = 0
    for n in numbers:
        sheet = rubric.sheet(n)
        times = []
        for _ in range(args.runs):
            ms, count = _open_once(sheet, app)
            times.append(ms)
            objects = max(objects, count)
        per_set[n] = times
        options = sum(len(c.options) for c in sheet.criteria)
        print(f"set {n:2d}: {len(sheet.criteria):2d} criteria, {options:3d} options   "
              f"median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms")
    medians = [statistics.median(t) for t in per_set.values()]
    worst = max(max(t) for t in per_set.values())
    print()
    print(f"form open, all {len(numbers)} sets × {args.runs} runs: max {worst:.1f} ms, "
          f"median of the set medians {statistics.median(medians):.1f} ms "
          f"(target ≤ {TARGET_MS:.0f} ms) — {'OK' if worst <= TARGET_MS else 'OVER'}")
    print(f"widgets in the largest form: {objects}")
    if args.json:
        args.json.write_text(json.dumps({
            "runs": args.runs, "max_ms": round(worst, 1), "median_ms": round(statistics.median(medians), 1),
            "per_set": {n: {"median_ms": round(statistics.median(t), 1), "max_ms": round(max(t), 1)}
                        for n, t in per_set.items()},
            "widgets": objects}, indent=2))
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
