"""Trade promotion events on a real SQLite file: life cycle (create, edit, delete, restore, logged),
booths of producers and their products, and bad input refused field by field with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from ocop_desktop.db import Database
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.models import ChangeLog, TradeEvent
from ocop_desktop.services import producers, products
from ocop_desktop.services import trade_events as te
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData
from ocop_desktop.services.trade_events import Booth, TradeEventData

TODAY = dt.date(2026, 12, 2)


def make_producer(db: Database, name: str = "HTX Miến dong Phia Đén", commune: int = 1477) -> tuple[str, str]:
    """A producer and one of its products: (producer id, product id)."""
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(kind="ho_sx", name=name, commune_code=commune)).id
        prod = products.create_product(s, ProductData(name=f"Sản phẩm của {name}", producer_id=pid,
                                                      product_set=6, status="dang_ky")).id
    return pid, prod


def fair(producer_id: str, product_id: str, **kw) -> TradeEventData:  # noqa: ANN003
    data = TradeEventData(
        name="Hội chợ OCOP khu vực Đồng bằng sông Hồng 2026", kind="fair", start_date=dt.date(2026, 10, 8),
        end_date=dt.date(2026, 10, 12), scope="national", place="Cung Văn hóa Hữu nghị, Hà Nội",
        organiser="Sở Công Thương Hà Nội", visitors=12_000, sales=350_000_000, cost=120_000_000,
        funding="ntp_rural", participants=[Booth(producer_id, [product_id], 2, 85_000_000)])
    for k, v in kw.items():
        setattr(data, k, v)
    return data


def _count(db: Database) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(TradeEvent))


def test_an_event_is_created_edited_deleted_and_restored_with_its_change_log(db: Database) -> None:
    pid, prod = make_producer(db)
    with db.session() as s:
        eid = te.create_event(s, fair(pid, prod)).id
    with db.session() as s:
        data = te.get_event(s, eid)
        assert data.participants == [Booth(pid, [prod], 2, 85_000_000)]
        data.visitors = 15_000
        te.update_event(s, eid, data)
    with db.read_session() as s:
        (row,) = te.list_events(s, today=TODAY)
        assert (row.producer_count, row.booth_count, row.status, row.year) == (1, 2, "held", 2026)
        assert row.sales_text == "350.000.000 đ" and row.dates_text == "08/10/2026 – 12/10/2026"
        assert row.kind_label == "Hội chợ" and 1477 in row.commune_codes
        assert "mien dong phia den" in row.search_text  # the producers' names are searchable, accents folded
        assert [a.event_id for a in te.events_of_product(s, prod)] == [eid]
        assert [a.booths for a in te.events_of_producer(s, pid)] == [2]
    with db.session() as s:
        te.delete_event(s, eid)
    with db.read_session() as s:
        assert te.list_events(s) == [] and len(te.list_events(s, include_deleted=True)) == 1
        assert te.events_of_product(s, prod) == []
    with db.session() as s:
        te.restore_event(s, eid)
    with db.read_session() as s:
        ops = [c.op for c in s.scalars(select(ChangeLog).where(ChangeLog.record_id == eid).order_by(ChangeLog.seq))]
        fields = s.scalars(select(ChangeLog.fields).where(ChangeLog.record_id == eid, ChangeLog.op == "update")).first()
    assert ops == ["create", "update", "delete", "restore"] and fields == ["visitors"]


def test_text_is_stored_nfc(db: Database) -> None:
    import unicodedata

    pid, prod = make_producer(db)
    with db.session() as s:
        eid = te.create_event(s, fair(pid, prod, name=unicodedata.normalize("NFD", "Hội chợ Hà Nội"))).id
    with db.read_session() as s:
        assert te.get_event(s, eid).name == "Hội chợ Hà Nội"


def test_status_follows_the_dates() -> None:
    start, end = dt.date(2026, 10, 8), dt.date(2026, 10, 12)
    assert te.event_status(start, end, dt.date(2026, 10, 1)) == "planned"
    assert te.event_status(start, end, dt.date(2026, 10, 12)) == "ongoing"
    assert te.event_status(start, end, dt.date(2026, 10, 13)) == "held"


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"end_date": dt.date(2026, 10, 1)}, "end_date",
     "Ngày kết thúc: 01/10/2026 trước ngày bắt đầu 08/10/2026."),
    ({"cost": -5_000}, "cost", "Kinh phí: số tiền không được âm."),
    ({"sales": "ba trăm triệu"}, "sales", "Tổng doanh thu: “ba trăm triệu” không phải số tiền (đồng); chỉ gõ chữ số, "
                                          "ví dụ 903.000.000."),
    ({"visitors": -1}, "visitors", "Lượt khách tham quan: không được âm."),
    ({"sales": 50_000_000}, "sales",
     "Tổng doanh thu: doanh thu của các gian hàng cộng lại là 85.000.000 đ, vượt tổng 50.000.000 đ."),
    ({"name": "  "}, "name", "Tên sự kiện: bắt buộc."),
    ({"name": "Hội chợ 🎪"}, "name", None),
    ({"funding": None}, "funding", "Nguồn kinh phí: cho biết ai chi trả kinh phí."),
])
def test_bad_input_gets_a_field_message_and_nothing_is_written(db: Database, change: dict, field: str,
                                                                message: str | None) -> None:
    pid, prod = make_producer(db)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        te.create_event(s, fair(pid, prod, **change))
    assert field in exc.value.errors
    if message:
        assert exc.value.errors[field] == message
    assert _count(db) == 0


def test_booths_of_deleted_or_unrelated_records_are_refused(db: Database) -> None:
    pid, prod = make_producer(db)
    other, other_prod = make_producer(db, "HTX Chè Shan tuyết Phja Oắc", 1489)
    with db.read_session() as s:
        errors = te.check(s, fair(pid, prod, participants=[Booth(pid, [other_prod])]))
    assert errors["participants.0"].startswith("Gian hàng 1: “Sản phẩm của HTX Chè Shan tuyết Phja Oắc” không phải")
    with db.read_session() as s:
        errors = te.check(s, fair(pid, prod, participants=[Booth(pid, [prod]), Booth(pid, [])]))
    assert "participants.1" in errors and "participants.0" not in errors
    with db.read_session() as s:
        errors = te.check(s, fair(pid, prod, participants=[Booth(pid, [prod], booths=0)]))
    assert errors["participants.0"] == "Gian hàng 1: ít nhất một gian hàng."
    with db.session() as s:
        products.delete_product(s, other_prod)
        producers.delete_producer(s, other)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        te.create_event(s, fair(pid, prod, participants=[Booth(pid, [prod]), Booth(other, [])]))
    assert "đã bị xóa" in exc.value.errors["participants.1"]
    assert _count(db) == 0


def test_an_edit_that_turns_bad_leaves_the_stored_event_as_it_was(db: Database) -> None:
    pid, prod = make_producer(db)
    with db.session() as s:
        eid = te.create_event(s, fair(pid, prod)).id
    with pytest.raises(ValidationFailed), db.session() as s:
        te.update_event(s, eid, fair(pid, prod, start_date=dt.date(2026, 10, 20)))
    with db.read_session() as s:
        assert te.get_event(s, eid).start_date == dt.date(2026, 10, 8)
        assert s.get(TradeEvent, eid).version == 1
