"""Sync-ready records: UUIDs, versions, tombstones and the change log, via the services."""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid

import pytest
from sqlalchemy import func, select

from ocop_desktop.db import Database
from ocop_desktop.domain.identifiers import make_tax_code
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.models import ChangeLog, Producer, Product
from ocop_desktop.services import producers, products
from ocop_desktop.services.producers import PossibleDuplicate, ProducerData
from ocop_desktop.services.products import ProductData


def _producer(db: Database, **kw) -> str:  # noqa: ANN003
    data = ProducerData(kind="htx", name="HTX Miến dong Phia Đén", identifier="0101248141", commune_code=1477,
                        rep_name="Nông Thị Hoa", rep_sex="nu", rep_ethnicity="02", phone="0912 345 678")
    for k, v in kw.items():
        setattr(data, k, v)
    with db.session() as s:
        return producers.create_producer(s, data).id


def _log(db: Database, record_id: str) -> list[tuple[int, str, list[str]]]:
    with db.read_session() as s:
        return [(c.version, c.op, c.fields) for c in
                s.scalars(select(ChangeLog).where(ChangeLog.record_id == record_id).order_by(ChangeLog.seq))]


def test_create_edit_delete_restore_are_logged(db: Database) -> None:
    pid = _producer(db)
    uuid.UUID(pid)  # made offline, a real UUID
    with db.session() as s:
        data = producers.get_producer(s, pid)
        data.phone = "0206 3852 123"
        producers.update_producer(s, pid, data)
    with db.session() as s:
        producers.update_producer(s, pid, producers.get_producer(s, pid))  # no change: no new version
    with db.session() as s:
        producers.delete_producer(s, pid)
    with db.session() as s:
        producers.restore_producer(s, pid)
    log = _log(db, pid)
    assert [(v, op) for v, op, _f in log] == [(1, "create"), (2, "update"), (3, "delete"), (4, "restore")]
    assert log[1][2] == ["phone"]
    assert {"name", "kind", "identifier", "commune_code"} <= set(log[0][2])
    with db.read_session() as s:
        p = s.get(Producer, pid)
        assert (p.version, p.base_version, p.deleted, p.origin_office) == (4, 3, False, db.office_id)


def test_edit_and_log_commit_or_fail_together(db: Database) -> None:
    pid = _producer(db)
    with pytest.raises(RuntimeError), db.session() as s:
        p = s.get(Producer, pid)
        p.notes = "sẽ bị hủy"
        s.flush()
        raise RuntimeError("power cut")
    assert [op for _v, op, _f in _log(db, pid)] == ["create"]
    with db.read_session() as s:
        assert s.get(Producer, pid).notes == ""


def test_hard_delete_is_refused(db: Database) -> None:
    pid = _producer(db)
    with pytest.raises(RuntimeError), db.session() as s:
        s.delete(s.get(Producer, pid))
        s.flush()


def test_text_is_stored_nfc(db: Database) -> None:
    nfd = unicodedata.normalize("NFD", "HTX  Miến dong   Phia Đén ")
    pid = _producer(db, name=nfd)
    with db.read_session() as s:
        name = s.get(Producer, pid).name
    assert name == unicodedata.normalize("NFC", "HTX Miến dong Phia Đén")


def test_duplicate_identifier_is_refused(db: Database) -> None:
    _producer(db)
    with pytest.raises(ValidationFailed) as exc:
        _producer(db, name="HTX khác")
    assert set(exc.value.errors) == {"identifier"}
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Producer)) == 1


def test_same_name_same_commune_needs_confirmation(db: Database) -> None:
    _producer(db)
    data = ProducerData(kind="ho_sx", name="htx mien dong phia den", commune_code=1477)
    with pytest.raises(PossibleDuplicate) as exc, db.session() as s:
        producers.create_producer(s, data)
    assert exc.value.matches[0].name == "HTX Miến dong Phia Đén"
    with db.session() as s:
        producers.create_producer(s, data, confirmed_duplicate=True)
    # Same name in another commune is not a duplicate.
    with db.session() as s:
        producers.create_producer(s, ProducerData(kind="ho_sx", name="HTX Miến dong Phia Đén", commune_code=1489))


def test_deleted_producer_identifier_can_be_reused_after_delete(db: Database) -> None:
    pid = _producer(db)
    with db.session() as s:
        producers.delete_producer(s, pid)
    _producer(db, name="HTX mới")


def test_producer_with_products_cannot_be_deleted(db: Database) -> None:
    pid = _producer(db)
    with db.session() as s:
        products.create_product(s, ProductData(name="Miến dong", producer_id=pid, product_set=6, status="dang_ky"))
    with pytest.raises(BadInput), db.session() as s:
        producers.delete_producer(s, pid)


def test_product_code_and_serials(db: Database) -> None:
    pid = _producer(db)
    today = dt.date(2026, 11, 22)
    with db.session() as s:
        a = products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid, product_set=6,
                                                   status="dat_ocop", stars=4), today=today)
        b = products.create_product(s, ProductData(name="Miến dong loại đặc biệt", producer_id=pid, product_set=6,
                                                   status="dang_ky"), today=today)
        c = products.create_product(s, ProductData(name="Hạt dẻ", producer_id=pid, product_set=1, commune_code=1489,
                                                   status="y_tuong"), today=today)
        codes = (a.code, b.code, c.code)
    assert codes == ("04-01477-1-2026", "04-01477-2-2026", "04-01489-1-2026")
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        products.create_product(s, ProductData(name="Trùng mã", producer_id=pid, product_set=6, status="dang_ky",
                                               code_serial=1, code_year=2026), today=today)
    assert "code_serial" in exc.value.errors


@pytest.mark.parametrize(("status", "stars", "field"), [
    ("dat_ocop", None, "status"), ("dat_ocop", 2, "stars"), ("y_tuong", 3, "stars"), ("bogus", None, "status"),
])
def test_product_status_and_stars_rules(db: Database, status: str, stars: int | None, field: str) -> None:
    pid = _producer(db)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        products.create_product(s, ProductData(name="Trà Kolia", producer_id=pid, product_set=12, status=status,
                                               stars=stars))
    assert field in exc.value.errors
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == 0


def test_product_on_deleted_producer_is_refused(db: Database) -> None:
    pid = _producer(db)
    with db.session() as s:
        producers.delete_producer(s, pid)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        products.create_product(s, ProductData(name="Trà", producer_id=pid, product_set=12, status="dang_ky"))
    assert "producer_id" in exc.value.errors


def test_list_and_search(db: Database) -> None:
    pid = _producer(db)
    other = _producer(db, name="Công ty TNHH Tâm Hòa", kind="tnhh", identifier=make_tax_code("480012345"),
                      commune_code=1489)
    with db.session() as s:
        products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid, product_set=6,
                                               status="dat_ocop", stars=4))
        products.create_product(s, ProductData(name="Lạp sườn Tâm Hòa", producer_id=other, product_set=8,
                                               status="dang_ky"))
    with db.read_session() as s:
        rows = products.list_products(s)
    assert [r.name for r in products.search_rows(rows, "mien dong phia den")] == ["Miến dong Phia Đén"]
    nfd = unicodedata.normalize("NFD", "LẠP SƯỜN")
    assert [r.name for r in products.search_rows(rows, nfd)] == ["Lạp sườn Tâm Hòa"]
    assert [r.name for r in products.search_rows(rows, "tam hoa")] == ["Lạp sườn Tâm Hòa"]  # via producer
    assert len(products.search_rows(rows, "")) == 2
    row = next(r for r in rows if r.name == "Miến dong Phia Đén")
    assert row.stars is None  # typed stars are not kept: they come from the certificate register
    assert row.producer_kind == "htx" and row.group == "I" and row.commune_name == "Xã Trùng Khánh"
