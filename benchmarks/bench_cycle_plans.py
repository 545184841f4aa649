"""Business-plan list benchmark (issue 10 item 2): rows shown after opening the tab, and search and
filters, on 10,000 plans (of 2,000 producers, for 10,000 ideas). Not a timed test: it prints figures
against the targets (rows ≤ 1 s after opening, a search keystroke or a filter ≤ 30 ms).

    .venv/bin/python benchmarks/bench_cycle_plans.py [--plans 10000]

The ideas come from ``bench_cycle_ideas.build``; producers are added with the ORM, plans with one
``executemany`` (not the service: 10,000 checks would only time the writer).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

COMMUNES = (1477, 1489, 1501, 1525)
STATUSES = ("submitted", "approved", "returned", "in_progress", "done")


def build(path: Path, n: int, producers: int) -> None:
    from bench_cycle_ideas import build as build_ideas

    from ocop_desktop.db import Database
    from ocop_desktop.models import Producer
    from ocop_desktop.services import office

    build_ideas(path, n)
    db = Database.open(path)
    rnd = random.Random(11)
    with db.session() as s:
        origin = office.local_office(s).id
        s.add_all(Producer(kind="ho_sx", name=f"Hộ sản xuất Nông Văn {i}", commune_code=rnd.choice(COMMUNES))
                  for i in range(producers))
    with db.engine.connect() as con:
        producer_ids = [r[0] for r in con.exec_driver_sql("SELECT id FROM producer")]
        idea_ids = [r[0] for r in con.exec_driver_sql("SELECT id FROM product_idea")]
    now = dt.datetime(2026, 6, 1).isoformat(sep=" ")
    rows = []
    for i in range(n):
        submitted = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randint(0, 880))
        status = rnd.choice(STATUSES)
        approved = status in ("approved", "in_progress", "done")
        rows.append((str(uuid.uuid4()), rnd.choice(producer_ids), idea_ids[i % len(idea_ids)], None,
                     f"Phương án sản xuất {i}", submitted.isoformat(), (submitted + dt.timedelta(days=30)).isoformat(),
                     (submitted + dt.timedelta(days=760)).isoformat(), rnd.randint(1, 900) * 1_000_000,
                     rnd.randint(0, 500) * 1_000_000, rnd.randint(0, 300) * 1_000_000, "10 tấn/năm",
                     rnd.randint(1, 3000) * 1_000_000, 10, 5, 4, "", status, "",
                     f"{i}/QĐ-UBND" if approved else "", submitted.isoformat() if approved else None, "",
                     "[]", "", origin, 1, 0, now, 0, None, json.dumps({}), json.dumps({})))
    with db.engine.begin() as con:
        con.exec_driver_sql(
            "INSERT INTO business_plan (id, producer_id, idea_id, product_id, title, submitted_on, start_date, "
            "end_date, capital_own, capital_loans, support_requested, expected_output, expected_revenue, jobs, "
            "jobs_women, jobs_minority, market, status, return_reason, approval_number, approval_date, "
            "approval_issuer, attachments, notes, origin_office, version, base_version, updated_at, deleted, "
            "deleted_at, vv, dots) VALUES (" + ",".join("?" * 32) + ")", rows)
    db.close()


def _timed(app, fn) -> float:  # noqa: ANN001
    started = time.perf_counter()
    fn()
    app.processEvents()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=10_000)
    ap.add_argument("--producers", type=int, default=2_000)
    args = ap.parse_args(argv)
    os.environ["OCOP_DATA_DIR"] = tempfile.mkdtemp()
    path = Path(tempfile.mkdtemp()) / "plans.sqlite"
    build(path, args.plans, args.producers)

    from PySide6.QtWidgets import QApplication

    from ocop_desktop.db import Database
    from ocop_desktop.i18n import set_language
    from ocop_desktop.services.business_plan_list import list_plans
    from ocop_desktop.ui import ops
    from ocop_desktop.ui.cycle.plans_page import PlansPage

    set_language("vi")
    app = QApplication([])
    db = Database.open(path)
    with db.read_session() as s:
        started = time.perf_counter()
        rows = list_plans(s, include_deleted=True)
        service = time.perf_counter() - started
    page = PlansPage(db)
    page.resize(1300, 700)
    started = time.perf_counter()
    page.show()
    while not page.has_loaded:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    shown = time.perf_counter() - started
    per_key = [_timed(app, lambda q=q: page.search.setText(q))
               for q in ("p", "ph", "phu", "", "n", "no", "non", "", "q", "qd", "qd-", "")]
    filters = []
    for combo in (page.commune_filter, page.year_filter, page.status_filter):
        filters.append(_timed(app, lambda c=combo: c.setCurrentIndex(1)))
        filters.append(_timed(app, lambda c=combo: c.setCurrentIndex(0)))
    print(f"plans: {len(rows):,} (producers {args.producers:,}, ideas {args.plans:,})")
    print(f"list_plans (service): {service * 1000:.0f} ms")
    print(f"rows shown after opening the tab: {shown * 1000:.0f} ms (target ≤ 1000 ms) "
          f"{'OK' if shown <= 1 else 'OVER'}")
    print(f"search keystroke: median {statistics.median(per_key) * 1000:.1f} ms, max {max(per_key) * 1000:.1f} ms "
          f"(target ≤ 30 ms) {'OK' if max(per_key) <= 0.030 else 'OVER'}")
    print(f"filter change (commune, year, status): median {statistics.median(filters) * 1000:.1f} ms, "
          f"max {max(filters) * 1000:.1f} ms (target ≤ 30 ms) {'OK' if max(filters) <= 0.030 else 'OVER'}")
    while ops.running():
        app.processEvents()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
