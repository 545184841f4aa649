"""Shared pieces of the OCOP-cycle list benchmarks (issue 10): the data set and the page timings.

The data set is the national one of ``bench_foundation`` (20,000 products of 10,000 producers,
built by ``ocop-desktop demo`` and cached in ``benchmarks/out/``) plus N records of each cycle
kind, written with Core ``executemany`` inserts (the services' checks would only time the
writer), seeded, and cached next to it: the file name holds N, the kinds and a hash of this
module, the generator and the schema.

A kind is one entry of :data:`KINDS`: how to make its rows, which page shows them and which
3-letter searches to time. Another cycle list adds its own entry (``KINDS["plans"] = Kind(...)``)
before calling :func:`cycle_db` and :func:`measure_page`, and gets the same figures (business plans
are the sixth entry).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import bench_foundation  # noqa: E402 - after the path set-up

OUT = bench_foundation.OUT
TARGET_OPEN_S = 1.0
TARGET_KEY_MS = 30.0


@dataclass
class Context:
    """What the row makers draw from: the national data set's office, producers and products."""

    rng: random.Random
    office_id: str
    producers: list[Any]  # rows (id, name, commune_code)
    products: list[Any]  # rows (id, producer_id, name, commune_code)
    communes: list[int]


@dataclass
class Kind:
    #: The ORM model whose table gets the rows.
    model: Callable[[], Any]
    #: make(ctx, i) -> one row as a dict of column values (ids, versions… take their defaults).
    make: Callable[[Context, int], dict[str, Any]]
    #: The list page class (imported when called).
    page: Callable[[], Any]
    queries: tuple[str, ...]


def _date(ctx: Context, start: dt.date = dt.date(2019, 1, 1), days: int = 2900) -> dt.date:
    return start + dt.timedelta(days=ctx.rng.randrange(days))


IDEA_NAMES = ("Trà hoa vàng", "Miến dong", "Mật ong bạc hà", "Hạt dẻ sấy", "Bánh khảo", "Thạch đen",
              "Gạo nếp hương", "Khăn thổ cẩm", "Lạp sườn hun khói", "Dầu sở")
GROUPS = ("Nhóm hộ xóm Bản Thôm", "Tổ hợp tác phụ nữ xóm Nà Giàng", "Bà Hoàng Thị Lan", "Ông Nông Văn Tài")


def make_idea(ctx: Context, i: int) -> dict[str, Any]:
    rng = ctx.rng
    by_producer = rng.random() < 0.5
    producer = rng.choice(ctx.producers) if by_producer else None
    received = _date(ctx, dt.date(2023, 1, 1), 1200)
    status = rng.choice(("received", "accepted", "returned", "plan", "dropped"))
    return dict(name=f"{rng.choice(IDEA_NAMES)} {i}", producer_id=producer.id if producer else None,
                proposer_name="" if producer else rng.choice(GROUPS), proposer_phone="", received_on=received,
                commune_code=producer.commune_code if producer else rng.choice(ctx.communes),
                product_set=rng.randint(1, 26), description="", origin="tradition", raw_materials="", market="",
                status=status, return_reason="Thiếu mô tả nguyên liệu" if status == "returned" else "",
                screened_by="" if status == "received" else "Nông Thị Hoa",
                screened_on=None if status == "received" else received + dt.timedelta(days=10),
                origin_office=ctx.office_id)


EVENT_NAMES = ("Hội chợ sản phẩm OCOP", "Hội chợ xúc tiến thương mại", "Tuần hàng OCOP Cao Bằng",
               "Hội nghị kết nối cung cầu", "Chiến dịch bán hàng trên sàn thương mại điện tử")
PLACES = ("Cao Bằng", "Hà Nội", "Thành phố Hồ Chí Minh", "Lạng Sơn", "Thái Nguyên", "Quảng Tây (Trung Quốc)")


def make_event(ctx: Context, i: int) -> dict[str, Any]:
    rng = ctx.rng
    start = _date(ctx)
    booths: dict[str, dict[str, Any]] = {}
    for p in rng.sample(ctx.products, rng.randint(2, 8)):
        booths.setdefault(p.producer_id, {"producer_id": p.producer_id, "product_ids": [], "booths": 1,
                                          "sales": None})["product_ids"].append(p.id)
    return dict(name=f"{rng.choice(EVENT_NAMES)} lần {i}", kind=rng.choice(("fair", "exhibition", "conference",
                                                                                  "ecommerce")),
                start_date=start, end_date=start + dt.timedelta(days=rng.randrange(6)),
                scope=rng.choice(("province", "national", "abroad")), place=rng.choice(PLACES),
                organiser="Sở Công Thương tỉnh Cao Bằng", sales=rng.choice((None, rng.randrange(10, 900) * 1_000_000)),
                cost=rng.randrange(5, 200) * 1_000_000, funding=rng.choice((None, "ntm", "dtts", "province")),
                participants=list(booths.values()), origin_office=ctx.office_id)


def make_sale_point(ctx: Context, i: int) -> dict[str, Any]:
    rng = ctx.rng
    p = rng.choice(ctx.products)
    return dict(name=f"Điểm bán sản phẩm OCOP số {i}", kind=rng.choice(("point", "showroom", "stall")),
                commune_code=p.commune_code, address_detail=f"Số {rng.randint(1, 300)} phố Kim Đồng",
                operator=rng.choice(GROUPS), phone=f"09{rng.randrange(10**8):08d}", opening_date=_date(ctx),
                closing_date=None, product_ids=[q.id for q in rng.sample(ctx.products, 5)],
                origin_office=ctx.office_id)


TRAINING_TITLES = ("Tập huấn thương mại điện tử", "Tập huấn an toàn thực phẩm", "Tập huấn thiết kế bao bì",
                   "Tập huấn quản trị hợp tác xã", "Tập huấn phát triển sản phẩm OCOP")


def make_training(ctx: Context, i: int) -> dict[str, Any]:
    rng = ctx.rng
    start = _date(ctx)
    learners = rng.randint(20, 80)
    women = rng.randint(0, learners)
    return dict(title=f"{rng.choice(TRAINING_TITLES)} khoá {i}",
                topic=rng.choice(("management", "ecommerce", "product_dev", "food_safety", "packaging")),
                start_date=start, end_date=start + dt.timedelta(days=rng.randrange(3)),
                place="Hội trường UBND xã", commune_code=rng.choice(ctx.communes),
                audience=rng.choice(("province", "commune", "producers", "mixed")), learners=learners,
                learners_women=women, learners_minority=rng.randint(0, learners),
                producer_ids=[p.id for p in rng.sample(ctx.producers, rng.randint(0, 6))],
                organiser="Sở Nông nghiệp và Môi trường", cost=rng.randrange(10, 90) * 1_000_000,
                funding=rng.choice(("ntm", "dtts", "province", "other")), origin_office=ctx.office_id)


SUPPORT_WHAT = ("Túi giấy truyền thông", "Thiết kế nhãn mác, bao bì", "Đăng ký nhãn hiệu", "Máy hút chân không",
                "Thưởng sản phẩm đạt 4 sao")


def make_support(ctx: Context, i: int) -> dict[str, Any]:
    rng = ctx.rng
    p = rng.choice(ctx.products)
    return dict(producer_id=p.producer_id, product_id=p.id if rng.random() < 0.6 else None,
                kind=rng.choice(("packaging", "trademark", "equipment", "promotion", "star_award")),
                description=f"{rng.choice(SUPPORT_WHAT)} đợt {i}", amount=rng.randrange(1, 500) * 1_000_000,
                funding=rng.choice(("ntm", "dtts", "province", "other")), date=_date(ctx),
                decision_ref=f"{rng.randint(1, 2000)}/QĐ-UBND", origin_office=ctx.office_id)


PLAN_TITLES = ("Phương án sản xuất miến dong", "Phương án chế biến trà hoa vàng", "Dự án nuôi ong lấy mật",
               "Phương án sấy hạt dẻ", "Kế hoạch kinh doanh bánh khảo", "Phương án dệt thổ cẩm")


def make_plan(ctx: Context, i: int) -> dict[str, Any]:
    rng = ctx.rng
    p = rng.choice(ctx.products)
    submitted = _date(ctx, dt.date(2023, 1, 1), 1200)
    status = rng.choice(("submitted", "approved", "returned", "in_progress", "done"))
    approved = status in ("approved", "in_progress", "done")
    jobs = rng.randint(2, 40)
    return dict(producer_id=p.producer_id, product_id=p.id if rng.random() < 0.5 else None,
                title=f"{rng.choice(PLAN_TITLES)} {i}", submitted_on=submitted,
                start_date=submitted + dt.timedelta(days=30), end_date=submitted + dt.timedelta(days=760),
                capital_own=rng.randrange(1, 900) * 1_000_000, capital_loans=rng.randrange(0, 500) * 1_000_000,
                support_requested=rng.randrange(0, 300) * 1_000_000, expected_output="10 tấn/năm",
                expected_revenue=rng.randrange(1, 3000) * 1_000_000, jobs=jobs, jobs_women=rng.randint(0, jobs),
                jobs_minority=rng.randint(0, jobs), status=status,
                return_reason="Bổ sung phương án tiêu thụ" if status == "returned" else "",
                approval_number=f"{i}/QĐ-UBND" if approved else "",
                approval_date=submitted + dt.timedelta(days=20) if approved else None,
                origin_office=ctx.office_id)


def _model(name: str) -> Callable[[], Any]:
    def get() -> Any:
        import ocop_desktop.models as models

        return getattr(models, name)
    return get


def _page(module: str, name: str) -> Callable[[], Any]:
    def get() -> Any:
        import importlib

        return getattr(importlib.import_module(module), name)
    return get


KINDS: dict[str, Kind] = {
    "ideas": Kind(_model("ProductIdea"), make_idea, _page("ocop_desktop.ui.cycle.ideas_page", "IdeasPage"),
                  ("tra", "mie", "mat")),
    "events": Kind(_model("TradeEvent"), make_event, _page("ocop_desktop.ui.cycle.events_page", "EventsPage"),
                   ("hoi", "cao", "mie")),
    "sale_points": Kind(_model("SalePoint"), make_sale_point,
                        _page("ocop_desktop.ui.cycle.sale_points_page", "SalePointsPage"), ("die", "kim", "mie")),
    "training": Kind(_model("TrainingClass"), make_training,
                     _page("ocop_desktop.ui.cycle.training_page", "TrainingPage"), ("tap", "bao", "thu")),
    "support": Kind(_model("Support"), make_support, _page("ocop_desktop.ui.cycle.support_page", "SupportPage"),
                    ("tui", "nha", "mie")),
    "plans": Kind(_model("BusinessPlan"), make_plan, _page("ocop_desktop.ui.cycle.plans_page", "PlansPage"),
                  ("mie", "tra", "say")),
}


# -- the data set -------------------------------------------------------------------------------

def national_db(report: bench_foundation.Report, *, rebuild: bool = False) -> Path:
    """The cached national demo database of ``bench_foundation`` (built when missing)."""
    return bench_foundation.cached_db(20_000, 10_000, 1, rebuild, report)


def cycle_db(per_kind: int, kinds: list[str], report: bench_foundation.Report, *, rebuild: bool = False,
             seed: int = 10) -> Path:
    """A copy of the national database plus ``per_kind`` records of each of ``kinds``."""
    base = national_db(report, rebuild=rebuild)
    sources = Path(__file__).read_bytes() + base.name.encode()
    key = hashlib.sha1(sources + ",".join(kinds).encode()).hexdigest()[:10]
    path = OUT / f"cycle-{per_kind}-{'-'.join(kinds)}-{key}.sqlite"
    for old in OUT.glob(f"cycle-{per_kind}-{'-'.join(kinds)}-*.sqlite"):
        if old != path:
            old.unlink()
    if path.exists() and not rebuild:
        report.line("Cycle records (cached)", f"{per_kind:,} each of {', '.join(kinds)}")
        return path
    t0 = time.perf_counter()
    tmp = path.with_suffix(".tmp")
    shutil.copyfile(base, tmp)
    from sqlalchemy import insert, select

    from ocop_desktop.db import Database
    from ocop_desktop.models import Producer, Product
    from ocop_desktop.services import office

    with Database.open(tmp) as db:
        with db.read_session() as s:
            office_id = office.local_office(s).id
            producers = s.execute(select(Producer.id, Producer.name, Producer.commune_code)
                                  .where(Producer.deleted.is_(False)).order_by(Producer.id)).all()
            products = s.execute(select(Product.id, Product.producer_id, Product.name, Product.commune_code)
                                 .where(Product.deleted.is_(False)).order_by(Product.id)).all()
        ctx = Context(random.Random(seed), office_id, producers, products,
                      sorted({p.commune_code for p in producers if p.commune_code is not None}))
        with db.engine.begin() as con:
            for name in kinds:
                kind = KINDS[name]
                rows = [kind.make(ctx, i) for i in range(per_kind)]
                con.execute(insert(kind.model().__table__), rows)
    tmp.replace(path)
    report.line("Add the cycle records", f"{time.perf_counter() - t0:.1f} s  ({per_kind:,} each of "
                f"{', '.join(kinds)}; {path.stat().st_size / 2**20:.0f} MB file)")
    return path


# -- the page timings -----------------------------------------------------------------------------

def warm_up(app: Any) -> None:
    """What the running app has done before an officer opens a cycle tab: a window painted
    (fonts), the models imported and a session opened by the first page's load."""
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    import ocop_desktop.models  # noqa: F401
    import ocop_desktop.services.common  # noqa: F401

    w = QTableWidget(3, 3)
    w.setItem(0, 0, QTableWidgetItem("Trà hoa vàng Đông Khê"))
    w.show()
    w.grab()
    app.processEvents()
    w.close()


def open_page(app: Any, page_cls: Any, db: Any) -> tuple[Any, float, float]:
    """A new page shown; (seconds until its rows are in the view — the loaded signal, then the
    paint —, the process's CPU seconds meanwhile, worker and GUI threads together)."""
    from PySide6.QtCore import QEventLoop, QTimer

    page = page_cls(db)
    page.resize(1366, 700)
    loop = QEventLoop()
    page.loaded.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    t0, c0 = time.perf_counter(), time.process_time()
    page.show()
    loop.exec()
    app.processEvents()  # the paint of the rows
    return page, time.perf_counter() - t0, time.process_time() - c0


def measure_page(app: Any, name: str, db_path: Path, report: bench_foundation.Report, *, opens: int = 3,
                 runs: int = 5) -> dict[str, Any]:
    """Open the kind's page ``opens`` times (a new page each), then time its searches pasted and typed."""
    from ocop_desktop.db import Database
    from ocop_desktop.ui import ops

    kind = KINDS[name]
    page_cls = kind.page()
    figures: dict[str, Any] = {}
    with Database.open(db_path, create=False) as db:
        times, cpu = [], []
        page = None
        for _ in range(opens):
            if page is not None:
                page.close()
                page.deleteLater()
                app.processEvents()
            page, seconds, cpu_seconds = open_page(app, page_cls, db)
            times.append(seconds)
            cpu.append(cpu_seconds)
        rows = len(page.model.all_rows())
        figures["rows"] = rows
        figures["open_s"] = {"first": times[0], "median": statistics.median(times), "all": times,
                             "cpu_median": statistics.median(cpu)}
        report.line(f"{name}: rows shown after opening", f"first {times[0] * 1000:.0f} ms, median "
                    f"{statistics.median(times) * 1000:.0f} ms of {opens} ({rows:,} rows; CPU "
                    f"{statistics.median(cpu) * 1000:.0f} ms)   target ≤ {TARGET_OPEN_S * 1000:.0f} ms: "
                    f"{bench_foundation.verdict(statistics.median(times) <= TARGET_OPEN_S)}")
        for typed in (False, True):
            cpu: dict[str, float] = {}
            per_query = bench_foundation._time_queries(page.search.setText, app, runs, typed=typed,
                                                       queries=kind.queries, cpu=cpu)
            how = "typed" if typed else "pasted"
            label = f"{name}: keystroke, {'typed (3rd letter)' if typed else 'pasted'}"
            bench_foundation._print_filter(report, f"{name}_{how}", label, per_query,
                                           "; CPU " + ", ".join(f"{q} {ms:.1f}" for q, ms in cpu.items()))
            figures[how] = dict(report.figures[f"{name}_{how}"], cpu_per_query_ms=cpu)
        page.close()
        page.deleteLater()
        app.processEvents()
        ops.wait_all()
    return figures


def startup_ratio(report: bench_foundation.Report, db_path: Path, runs: int = 5) -> None:
    """``--smoke`` start-up on the data set against a bare PySide6 window (target ≤ 3×)."""
    bench_foundation.bench_bare_window(runs, report)
    bench_foundation.bench_smoke(db_path, runs, report)
    bare = report.figures.get("bare_window_s")
    smoke = report.figures.get("smoke_s")
    if isinstance(bare, dict) and isinstance(smoke, dict):
        ratio = smoke["median"] / bare["median"]
        report.figures["startup_ratio"] = ratio
        report.line("Start-up / bare window", f"{ratio:.1f}×   target ≤ 3×: {bench_foundation.verdict(ratio <= 3)}")


def save(report: bench_foundation.Report, path: str | None) -> None:
    if path:
        Path(path).write_text(json.dumps(report.figures, indent=1, ensure_ascii=False, default=str))
