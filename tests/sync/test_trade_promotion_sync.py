"""Trade promotion records travel field → province → field: a field-level conflict on an event,
a parallel edit merged, a tombstone, and the province's scope for another field office."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ocop_desktop.models import Product, SalePoint, TradeEvent
from ocop_desktop.services import trade_events as te
from ocop_desktop.services.trade_events import Booth, TradeEventData
from ocop_desktop.sync import conflicts
from tests.sync.sync_samples import COMMUNES, add_producer, content, introduce, make_office, send


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    f = make_office(tmp_path / "field.sqlite", "Trạm Dịch vụ nông nghiệp Trùng Khánh", "field", COMMUNES)
    p = make_office(tmp_path / "province.sqlite", "Sở Nông nghiệp và Môi trường Cao Bằng", "province", [])
    introduce(f, p)
    yield f, p
    f.close()
    p.close()


def _product(db, producer_id: str) -> str:  # noqa: ANN001
    with db.session() as s:
        p = Product(name="Miến dong Phia Đén", producer_id=producer_id, product_set=6, commune_code=1477,
                    status="dat_ocop")
        s.add(p)
        s.flush()
        return p.id


def _event(db, producer_id: str, product_id: str) -> str:  # noqa: ANN001
    with db.session() as s:
        return te.create_event(s, TradeEventData(
            name="Hội chợ OCOP Hà Nội 2026", kind="fair", start_date=dt.date(2026, 10, 8),
            end_date=dt.date(2026, 10, 12), scope="national", place="Hà Nội", visitors=10_000,
            cost=120_000_000, funding="ntp_rural", participants=[Booth(producer_id, [product_id], 2)])).id


def _edit(db, event_id: str, **fields) -> None:  # noqa: ANN001, ANN003
    with db.session() as s:
        data = te.get_event(s, event_id)
        for k, v in fields.items():
            setattr(data, k, v)
        te.update_event(s, event_id, data)


def test_an_event_goes_to_the_province_and_back_with_a_conflict_and_a_merge(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Miến dong Phia Đén", 1477)
    prod = _product(f, pid)
    eid = _event(f, pid, prod)
    with f.session() as s:
        s.add(SalePoint(name="Điểm bán OCOP Trùng Khánh", kind="point", commune_code=1477, product_ids=[prod]))
    rep = send(f, p, tmp_path / "u1")
    assert rep.totals["new"] >= 4
    with p.read_session() as s:
        assert te.get_event(s, eid).participants == [Booth(pid, [prod], 2, None)]
        assert s.query(SalePoint).one().product_ids == [prod]
    # Both offices edit the visitors (a conflict); the province also reports the sales (merged).
    _edit(f, eid, visitors=12_000, notes="Số liệu của trạm")
    _edit(p, eid, visitors=15_000, sales=350_000_000)
    rep = send(f, p, tmp_path / "u2")
    assert rep.totals["conflict"] == 1
    [c] = rep.conflicts
    assert c.field == "visitors" and {c.kept_value, c.other_value} == {12_000, 15_000}
    with p.read_session() as s:
        got = te.get_event(s, eid)
        assert got.sales == 350_000_000 and got.notes == "Số liệu của trạm"
    send(p, f, tmp_path / "u3")
    assert content(f) == content(p)
    with f.session() as s:
        conflicts.resolve(s, c.id, 13_500)
    send(f, p, tmp_path / "u4")
    with p.read_session() as s:
        assert te.get_event(s, eid).visitors == 13_500 and conflicts.list_conflicts(s) == []


def test_a_deleted_event_travels_as_a_tombstone(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Chè Shan tuyết", 1489)
    eid = _event(f, pid, _product(f, pid))
    send(f, p, tmp_path / "u1")
    with f.session() as s:
        te.delete_event(s, eid)
    send(f, p, tmp_path / "u2")
    with p.read_session() as s:
        assert s.get(TradeEvent, eid).deleted and te.list_events(s) == []
    with p.session() as s:
        te.restore_event(s, eid)
    send(p, f, tmp_path / "u3")
    with f.read_session() as s:
        assert not s.get(TradeEvent, eid).deleted


def test_the_province_sends_a_field_office_only_its_events_and_points_of_sale(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    other = make_office(tmp_path / "other.sqlite", "Trạm Hà Quảng", "field", [1273])
    introduce(other, p)
    try:
        ours = add_producer(f, "HTX Trùng Khánh", 1477)
        theirs = add_producer(other, "HTX Hà Quảng", 1273)
        send(f, p, tmp_path / "a")
        send(other, p, tmp_path / "b")
        both = _event(p, ours, _product(p, ours))
        with p.session() as s:  # a second booth, of the other office's producer
            data = te.get_event(s, both)
            data.participants.append(Booth(theirs, [], 1))
            te.update_event(s, both, data)
        only_theirs = _event(p, theirs, _product(p, theirs))
        with p.session() as s:  # points of sale: one in the field office's commune, one elsewhere
            ours_point = SalePoint(name="Điểm bán OCOP Trùng Khánh", kind="point", commune_code=1477)
            s.add_all([ours_point, SalePoint(name="Điểm bán OCOP Hà Quảng", kind="point", commune_code=1273)])
            s.flush()
            ours_point_id = ours_point.id
        send(p, f, tmp_path / "c")
        with f.read_session() as s:
            assert [r.id for r in te.list_events(s)] == [both]
            assert [x.id for x in s.query(SalePoint)] == [ours_point_id]
        # The field office can edit the event without the other office's producer.
        _edit(f, both, visitors=20_000)
        with f.read_session() as s:
            assert len(te.get_event(s, both).participants) == 2
        assert only_theirs
    finally:
        other.close()
