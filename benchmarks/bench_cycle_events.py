"""Trade promotion lists on 30,000 cycle records (issue 10): how long the event list and the
point-of-sale list take to show their rows after the page opens, and how long a keystroke of
the search takes. Not part of ./test.sh; prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_cycle_events.py [--events 20000] [--points 10000]

Builds a 2,000-product demo office in a temporary folder, then adds the events (each with two
to eight booths of the demo's producers) and points of sale directly through the ORM.
Targets: rows shown ≤ 1 s after opening; a keystroke ≤ 30 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(path: Path, n_events: int, n_points: int) -> None:
    from sqlalchemy import select

    from ocop_desktop.db import Database
    from ocop_desktop.demo import build_demo
    from ocop_desktop.models import Product, SalePoint, TradeEvent

    build_demo(path, products=2000)
    rng = random.Random(7)
    kinds, scopes = ("fair", "exhibition", "conference", "ecommerce"), ("province", "national", "abroad")
    with Database.open(path) as db, db.session() as s:
        products = s.execute(select(Product.id, Product.producer_id, Product.commune_code)).all()
        for i in range(n_events):
            start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2900))
            booths = {}
            for r in rng.sample(products, rng.randint(2, 8)):
                booths.setdefault(r.producer_id, {"producer_id": r.producer_id, "product_ids": [], "booths": 1,
                                                  "sales": None})["product_ids"].append(r.id)
            s.add(TradeEvent(name=f"Hội chợ sản phẩm OCOP số {i}", kind=rng.choice(kinds), start_date=start,
                             end_date=start + dt.timedelta(days=rng.randrange(6)), scope=rng.choice(scopes),
                             place="Cao Bằng", organiser="Sở Công Thương", participants=list(booths.values())))
        for i in range(n_points):
            r = rng.choice(products)
            s.add(SalePoint(name=f"Điểm bán sản phẩm OCOP số {i}", kind="point", commune_code=r.commune_code,
                            opening_date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000)),
                            product_ids=[p.id for p in rng.sample(products, 5)]))


def measure(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from ocop_desktop.db import Database
    from ocop_desktop.i18n import set_language
    from ocop_desktop.ui import ops
    from ocop_desktop.ui.cycle.events_page import EventsPage
    from ocop_desktop.ui.cycle.sale_points_page import SalePointsPage

    set_language("vi")
    app = QApplication.instance() or QApplication([])
    with Database.open(path) as db:
        for cls, queries in ((EventsPage, ("hoi", "ocop", "cao")), (SalePointsPage, ("die", "ban", "mie"))):
            page = cls(db)
            page.resize(1280, 720)
            started = time.perf_counter()
            page.show()
            while not page.has_loaded:
                app.processEvents()
                ops.wait_all()
            shown = time.perf_counter() - started
            total = len(page.model.all_rows())
            times = []
            for q in queries:
                page.search.clear()
                app.processEvents()
                for n in range(1, len(q) + 1):
                    t = time.perf_counter()
                    page.search.setText(q[:n])
                    app.processEvents()
                    times.append(time.perf_counter() - t)
            print(f"{cls.__name__}: {total:,} rows shown {shown * 1000:.0f} ms after opening; "
                  f"keystroke median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")
            page.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--points", type=int, default=10_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ocop-bench-cycle-"))
    os.environ["OCOP_DATA_DIR"] = str(tmp / "data")
    path = tmp / "cycle.sqlite"
    t = time.perf_counter()
    build(path, args.events, args.points)
    print(f"built {args.events:,} events and {args.points:,} points of sale in {time.perf_counter() - t:.1f} s")
    measure(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
