"""Scoring benchmark: 60,000 random complete sheets across the 26 sets of Decision 26/2026.

Run from the checkout (after ``./test.sh`` created ``.venv``)::

    .venv/bin/python benchmarks/bench_scoring.py
    .venv/bin/python benchmarks/bench_scoring.py --sheets 6000 --runs 5 --json out.json

Figures (target: 60,000 sheets ≤ 2 s):

* ``load_rubric`` cold: reading, building and checking ``resources/rubrics/qd-26-2026.json``
  after the cache is cleared (median of the runs), and once in a fresh interpreter,
  imports included (what the first evaluation form of a session pays);
* ``score_sheet`` over all the sheets (random options, seeded; the same sheets every run),
  median / min of the runs, in sheets per second; the first run includes compiling the 26
  sheets into the engine's cache, which is also timed on its own;
* ``score_council``: a third as many councils of 3 members (same sheets), median.

Choices are drawn before timing, so only scoring is measured.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocop_desktop.scoring import engine  # noqa: E402
from ocop_desktop.scoring.rubric import clear_cache, load_rubric  # noqa: E402

TARGET_S = 2.0
RUBRIC = "qd-26-2026"

_COLD = """
import time
t = time.perf_counter()
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.scoring import engine
load_rubric("qd-26-2026")
print(time.perf_counter() - t)
"""


def make_work(rubric, n: int, seed: int) -> list[tuple[object, dict[str, int]]]:  # noqa: ANN001
    rng = random.Random(seed)
    sets = sorted(rubric.sheets)
    work = []
    for i in range(n):
        sheet = rubric.sheet(sets[i % len(sets)])
        # Half uniform, half leaning to the better options, so every band and cap is exercised.
        if i % 2:
            choices = {c.code: rng.randrange(len(c.options)) for c in sheet.criteria}
        else:
            choices = {c.code: len(c.options) - 1 - min(rng.randrange(len(c.options)), rng.randrange(2))
                       for c in sheet.criteria}
        work.append((sheet, choices))
    return work


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sheets", type=int, default=60_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=26)
    ap.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    args = ap.parse_args()

    loads = []
    for _ in range(args.runs):
        clear_cache()
        t = time.perf_counter()
        rubric = load_rubric(RUBRIC)
        loads.append(time.perf_counter() - t)
    proc = subprocess.run([sys.executable, "-c", _COLD], cwd=ROOT, capture_output=True, text=True, check=True)
    cold_process = float(proc.stdout.strip())

    work = make_work(rubric, args.sheets, args.seed)
    t = time.perf_counter()
    for sheet in rubric.sheets.values():
        engine._compiled(sheet)  # noqa: SLF001 - the one-off compile, timed on its own
    compile_s = time.perf_counter() - t
    engine._CACHE.clear()  # noqa: SLF001 - the first timed run compiles again

    score = engine.score_sheet
    runs = []
    stars = {}
    for _ in range(args.runs):
        t = time.perf_counter()
        for sheet, choices in work:
            score(sheet, choices)
        runs.append(time.perf_counter() - t)
    for sheet, choices in work[:2000]:
        r = score(sheet, choices)
        stars[r.stars] = stars.get(r.stars, 0) + 1
    median = statistics.median(runs)

    councils = [(work[i][0], [work[i][1], work[i + 26][1], work[i + 52][1]]) for i in range(0, len(work) // 3 - 52)]
    council_runs = []
    for _ in range(args.runs):
        t = time.perf_counter()
        for sheet, members in councils:
            engine.score_council(sheet, members)
        council_runs.append(time.perf_counter() - t)

    figures = {
        "sheets": args.sheets,
        "runs": args.runs,
        "load_rubric_cold_s": statistics.median(loads),
        "load_rubric_fresh_process_s": cold_process,
        "compile_26_sheets_s": compile_s,
        "score_sheet_median_s": median,
        "score_sheet_min_s": min(runs),
        "sheets_per_s": args.sheets / median,
        "target_s": TARGET_S,
        "meets_target": median <= TARGET_S,
        "councils_of_3": len(councils),
        "score_council_median_s": statistics.median(council_runs),
        "stars_in_first_2000": dict(sorted(stars.items())),
    }
    print(f"load_rubric({RUBRIC!r}) cold:           {figures['load_rubric_cold_s'] * 1000:8.1f} ms (median of {args.runs})")
    print(f"  in a fresh interpreter, with imports: {cold_process * 1000:8.1f} ms")
    print(f"compile the 26 sheets (engine cache):   {compile_s * 1000:8.1f} ms")
    print(f"score_sheet × {args.sheets:,}:            {median:8.3f} s median, {min(runs):.3f} s min "
          f"→ {figures['sheets_per_s']:,.0f} sheets/s "
          f"({'meets' if median <= TARGET_S else 'MISSES'} the {TARGET_S:.0f} s target)")
    print(f"score_council × {len(councils):,} (3 members): {figures['score_council_median_s']:8.3f} s median")
    print(f"stars of the first 2,000 sheets:        {figures['stars_in_first_2000']}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0 if median <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
