"""The demo office's trade promotion events: made by the real service, with booths of the demo's
certified products and their producers, a fair in Hà Nội among them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ocop_desktop import demo
from ocop_desktop.db import Database
from ocop_desktop.models import Product
from ocop_desktop.services import sale_points as sp
from ocop_desktop.services import trade_events as te


def test_the_demo_has_trade_events_with_booths(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    today = dt.date.today()  # the events are dated around today, like the demo's decisions
    demo.build_demo(path, products=40, role="field", with_decisions=True)
    with Database.open(path) as db, db.read_session() as s:
        rows = te.list_events(s, today=today)
        assert {r.kind for r in rows} == {"fair", "conference", "exhibition", "ecommerce"}
        assert {r.scope for r in rows} == {"province", "national", "abroad"}
        hanoi = next(r for r in rows if "tại Hà Nội" in r.name)
        assert hanoi.producer_count >= 3 and hanoi.sales and hanoi.status == "held"
        assert any(r.status == "planned" for r in rows)
        for r in rows:
            data = te.get_event(s, r.id)
            assert te.validate(s, data, event_id=r.id) == {}  # every demo event passes the service's checks
            for b in data.participants:
                assert all(s.get(Product, p).producer_id == b.producer_id for p in b.product_ids)
        points = sp.list_points(s, today=today)
        assert {p.status for p in points} == {"open", "closed"} and all(p.product_count for p in points)
        for p in points:
            assert sp.validate(s, sp.get_point(s, p.id), point_id=p.id) == {}
