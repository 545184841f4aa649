"""OCOP points of sale on a real SQLite file: life cycle, the products they carry (also in the
product's history), and bad input refused field by field with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from ocop_desktop.db import Database
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.models import ChangeLog, SalePoint
from ocop_desktop.services import history, products
from ocop_desktop.services import sale_points as sp
from ocop_desktop.services.sale_points import SalePointData
from tests.unit.test_trade_events import make_producer

TODAY = dt.date(2026, 12, 2)


def point(product_ids: list[str], **kw) -> SalePointData:  # noqa: ANN003
    data = SalePointData(name="Điểm giới thiệu và bán sản phẩm OCOP Trùng Khánh", kind="point", commune_code=1477,
                         address_detail="Tổ 5, thị trấn Trùng Khánh", operator="HTX Dịch vụ nông nghiệp Trùng Khánh",
                         phone="0206 3826 123", opening_date=dt.date(2024, 5, 19), product_ids=product_ids)
    for k, v in kw.items():
        setattr(data, k, v)
    return data


def _count(db: Database) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(SalePoint))


def test_a_point_of_sale_is_created_edited_deleted_and_restored(db: Database) -> None:
    _pid, prod = make_producer(db)
    with db.session() as s:
        point_id = sp.create_point(s, point([prod, prod])).id
    with db.session() as s:
        data = sp.get_point(s, point_id)
        assert data.product_ids == [prod]  # listed once
        data.closing_date = dt.date(2026, 6, 30)
        sp.update_point(s, point_id, data)
    with db.read_session() as s:
        (row,) = sp.list_points(s, today=TODAY)
        assert (row.status, row.status_label, row.year, row.product_count) == ("closed", "Đã đóng cửa", 2024, 1)
        assert row.commune_name and "san pham cua htx mien dong" in row.search_text
        (carried,) = [e for e in history.product_history(s, prod) if e.kind == history.SALE_POINT]
        assert carried.when == "19/05/2024" and carried.title.endswith("Điểm giới thiệu và bán sản phẩm OCOP Trùng Khánh")
    with db.session() as s:
        sp.delete_point(s, point_id)
    with db.read_session() as s:
        assert sp.list_points(s) == [] and sp.points_carrying(s, prod) == []
    with db.session() as s:
        sp.restore_point(s, point_id)
    with db.read_session() as s:
        ops = [c.op for c in s.scalars(select(ChangeLog).where(ChangeLog.record_id == point_id).order_by(ChangeLog.seq))]
    assert ops == ["create", "update", "delete", "restore"]


def test_status_follows_the_dates() -> None:
    assert sp.point_status(dt.date(2027, 1, 1), None, TODAY) == "planned"
    assert sp.point_status(dt.date(2024, 1, 1), None, TODAY) == "open"
    assert sp.point_status(None, None, TODAY) == "open"
    assert sp.point_status(dt.date(2024, 1, 1), TODAY, TODAY) == "closed"


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"closing_date": dt.date(2024, 1, 1)}, "closing_date",
     "Ngày đóng cửa: 01/01/2024 trước ngày khai trương 19/05/2024."),
    ({"name": ""}, "name", "Tên điểm bán: bắt buộc."),
    ({"commune_code": None}, "commune_code", "Xã: hãy chọn xã, phường nơi đặt điểm bán."),
    ({"phone": "12345"}, "phone", None),
    ({"operator": "HTX\x07"}, "operator", None),
])
def test_bad_input_gets_a_field_message_and_nothing_is_written(db: Database, change: dict, field: str,
                                                                message: str | None) -> None:
    _pid, prod = make_producer(db)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        sp.create_point(s, point([prod], **change))
    assert field in exc.value.errors
    if message:
        assert exc.value.errors[field] == message
    assert _count(db) == 0


def test_deleted_or_unknown_products_are_refused(db: Database) -> None:
    _pid, prod = make_producer(db)
    with db.read_session() as s:
        assert "không tồn tại" in sp.check(s, point(["no-such-product"]))["product_ids"]
    with db.session() as s:
        products.delete_product(s, prod)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        sp.create_point(s, point([prod]))
    assert "đã bị xóa" in exc.value.errors["product_ids"]
    assert _count(db) == 0
