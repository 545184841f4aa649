"""Statistics benchmark (issue 11): every indicator of the dashboard on the national-scale demo
office (20,000 products of 10,000 producers, their decisions, certificates and score sheets),
plus cycle records added in bulk (ideas, trade events with booths, training classes, support).
Not a timed test: it prints figures against the target (all dashboard indicators ≤ 300 ms).

    .venv/bin/python benchmarks/bench_indicators.py [--products 20000 --producers 10000] [--runs 5]

The demo database is the cached one of ``bench_foundation.py`` (``benchmarks/out/``); the cycle
records are written with ``executemany`` into a copy of it in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_MS = 300.0


def add_cycle_records(path: Path, *, ideas: int, events: int, classes: int, supports: int, seed: int = 7) -> None:
    import sqlite3

    rnd = random.Random(seed)
    con = sqlite3.connect(path)
    producers = [r for r in con.execute("SELECT id, commune_code FROM producer WHERE deleted = 0")]
    office = con.execute("SELECT id FROM office WHERE is_local = 1").fetchone()[0]
    now = "2026-10-01 00:00:00"

    def sync(i: int) -> tuple:
        return (str(uuid.UUID(int=rnd.getrandbits(128), version=4)), office, 1, 0, now, 0, None, "{}", "{}")

    sync_cols = "id, origin_office, version, base_version, updated_at, deleted, deleted_at, vv, dots"
    day = lambda: (dt.date(2023, 1, 1) + dt.timedelta(days=rnd.randrange(4 * 365))).isoformat()  # noqa: E731
    con.executemany(
        f"INSERT INTO product_idea (name, producer_id, proposer_name, proposer_phone, received_on, commune_code, "
        f"product_set, description, origin, raw_materials, market, status, return_reason, screened_by, screened_on, "
        f"product_id, {sync_cols}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [("Ý tưởng", None, "Người đề xuất", "", day(), rnd.choice(producers)[1], 1, "", "tradition", "", "",
          "received", "", "", None, None, *sync(i)) for i in range(ideas)])
    con.executemany(
        f"INSERT INTO trade_event (name, kind, start_date, end_date, scope, place, organiser, visitors, sales, cost, "
        f"funding, notes, participants, {sync_cols}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [("Hội chợ", "fair", d, d, "province", "", "", None, None, None, None, "",
          json.dumps([{"producer_id": p[0], "product_ids": [], "booths": 1, "sales": None}
                      for p in rnd.sample(producers, 30)]), *sync(i)) for i, d in ((i, day()) for i in range(events))])
    con.executemany(
        f"INSERT INTO training_class (title, topic, start_date, end_date, place, commune_code, audience, learners, "
        f"learners_women, learners_minority, producer_ids, organiser, cost, funding, notes, {sync_cols}) "
        f"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [("Lớp", "ecommerce", d, d, "", rnd.choice(producers)[1], "producers", 40, 20, 30, "[]", "", None, None, "",
          *sync(i)) for i, d in ((i, day()) for i in range(classes))])
    con.executemany(
        f"INSERT INTO support (producer_id, product_id, kind, description, amount, funding, date, decision_ref, notes, "
        f"{sync_cols}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(rnd.choice(producers)[0], None, "packaging", "", rnd.randrange(1, 100) * 1_000_000,
          rnd.choice(("ntm", "dtts", "province", "other")), day(), "", "", *sync(i)) for i in range(supports)])
    con.commit()
    con.close()


def main(argv: list[str] | None = None) -> int:
    import bench_foundation as bf

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--products", type=int, default=20_000)
    ap.add_argument("--producers", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--json", default=None, metavar="FILE")
    args = ap.parse_args(argv)

    report = bf.Report()
    print("OCOP Desktop — statistics benchmark")
    cached = bf.cached_db(args.products, args.producers, args.seed, args.rebuild, report)
    from ocop_desktop.db import Database
    from ocop_desktop.i18n import set_language
    from ocop_desktop.stats import indicator_queries as q
    from ocop_desktop.stats.achievement import current_plan, plan_progress
    from ocop_desktop.stats.indicators import all_indicators, compute
    from ocop_desktop.stats.period import Period, Scope

    set_language("vi")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        shutil.copy(cached, path)
        sizes = {"ideas": 30_000, "events": 500, "classes": 1_000, "supports": 20_000}
        t = time.perf_counter()
        add_cycle_records(path, **sizes)
        report.line("Cycle records added (executemany)", f"{time.perf_counter() - t:.1f} s  (30,000 ideas, 500 events "
                    "× 30 booths, 1,000 classes, 20,000 support records)")
        db = Database.open(path)
        try:
            period = Period.year(2026)
            with db.read_session() as s:
                n = len(all_indicators(s))
                counts = s.execute(__import__("sqlalchemy").text(
                    "SELECT (SELECT count(*) FROM product), (SELECT count(*) FROM certificate), "
                    "(SELECT count(*) FROM evaluation_sheet)")).one()
                report.line("Data set", f"{counts[0]:,} products, {counts[1]:,} certificates, "
                            f"{counts[2]:,} score sheets")
                first = time.perf_counter()
                compute(s, period, Scope())
                first_ms = (time.perf_counter() - first) * 1000
                runs, cpu = [], []
                for _ in range(args.runs):
                    t, c = time.perf_counter(), time.process_time()
                    compute(s, period, Scope())
                    runs.append((time.perf_counter() - t) * 1000)
                    cpu.append((time.process_time() - c) * 1000)
                fam: dict[str, float] = {}
                for name, fn in q.FAMILIES.items():
                    t = time.perf_counter()
                    fn(s, period, Scope(), {})
                    fam[name] = (time.perf_counter() - t) * 1000
                communes = sorted(q.office_communes(s))[:5]
                t = time.perf_counter()
                compute(s, period, Scope(frozenset(communes)))
                scoped_ms = (time.perf_counter() - t) * 1000
                plan = current_plan(s, dt.date(2026, 10, 1))
                t = time.perf_counter()
                progress = plan_progress(s, plan.id, dt.date(2026, 10, 1)) if plan else []
                plan_ms = (time.perf_counter() - t) * 1000
        finally:
            db.close()
    median = statistics.median(runs)
    load = os.getloadavg()[0]
    report.figures.update({"all_indicators_ms": round(median, 1), "first_ms": round(first_ms, 1),
                           "all_indicators_cpu_ms": round(statistics.median(cpu), 1), "load_average": load,
                           "families_ms": {k: round(v, 1) for k, v in fam.items()},
                           "scoped_ms": round(scoped_ms, 1), "plan_progress_ms": round(plan_ms, 1),
                           "indicators": n, "targets": len(progress)})
    report.line(f"All {n} indicators, year 2026, whole office", f"{median:.0f} ms median of {args.runs} "
                f"(first call {first_ms:.0f} ms; CPU {statistics.median(cpu):.0f} ms; load average {load:.1f})  "
                f"target ≤ {TARGET_MS:.0f} ms  {bf.verdict(median <= TARGET_MS)}")
    for name, ms in sorted(fam.items(), key=lambda kv: -kv[1]):
        report.line(f"  family {name} (alone, reading what it needs)", f"{ms:.0f} ms")
    report.line("All indicators, 5 communes", f"{scoped_ms:.0f} ms")
    report.line(f"Current plan's {len(progress)} targets (plan_progress)", f"{plan_ms:.0f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(report.figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
