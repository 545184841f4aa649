"""Training classes and support (issue 10 §4–5) on real SQLite files: life cycle, bad input,
history."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from ocop_desktop.db import Database
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import AmountError, format_amount, parse_amount
from ocop_desktop.models import ChangeLog, Support, TrainingClass
from ocop_desktop.services import history, producers, products, support, training
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData
from ocop_desktop.services.support import SupportData
from ocop_desktop.services.training import TrainingData

D = dt.date


def _producer(db: Database, name: str = "HTX Nông sản Thạch An", commune: int = 1477) -> str:
    with db.session() as s:
        return producers.create_producer(s, ProducerData(kind="ho_sx", name=name, identifier="", commune_code=commune,
                                                         rep_name="Hoàng Thị Mai")).id


def _product(db: Database, producer_id: str, name: str = "Miến dong Thạch An") -> str:
    with db.session() as s:
        return products.create_product(s, ProductData(producer_id=producer_id, name=name, product_set=1,
                                                      commune_code=1477)).id


def _class(**kw) -> TrainingData:  # noqa: ANN003
    data = TrainingData(title="Tập huấn thương mại điện tử cho chủ thể OCOP", topic="ecommerce",
                        start_date=D(2026, 9, 15), end_date=D(2026, 9, 16), place="Hội trường UBND xã",
                        commune_code=1477, audience="producers", learners=40, learners_women=22,
                        learners_minority=35, organiser="Sở Công Thương Cao Bằng", cost="45.000.000 đ",
                        funding="dtts")
    for k, v in kw.items():
        setattr(data, k, v)
    return data


def _count(db: Database, model: type) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_amounts_parse_and_show_with_vietnamese_separators() -> None:
    assert parse_amount("903.000.000 đ") == 903_000_000
    assert parse_amount("903 000 000") == 903_000_000 == parse_amount("903000000")
    assert parse_amount("  ") is None
    assert format_amount(903_000_000) == "903.000.000 đ"
    for bad, reason in (("-5.000", "negative"), ("năm triệu", "not_number"), ("12,5e3", "not_number"),
                        ("9" * 17, "too_large")):
        with pytest.raises(AmountError) as exc:
            parse_amount(bad)
        assert exc.value.code == reason


def test_training_life_cycle_is_logged_and_listed(db: Database) -> None:
    pid = _producer(db)
    with db.session() as s:
        tid = training.create_training(s, _class(producer_ids=[pid])).id
    with db.session() as s:
        data = training.get_training(s, tid)
        assert data.cost == 45_000_000 and data.producer_ids == [pid]
        data.learners = 42
        training.update_training(s, tid, data)
    [row] = _rows(db)
    assert row.learners == 42 and row.cost_text == "45.000.000 đ" and row.dates_text == "15/09/2026 – 16/09/2026"
    assert "thach an" in row.search_text  # the attending producer's name is searchable, accents folded
    with db.session() as s:
        training.delete_training(s, tid)
    assert _rows(db) == []
    with db.session() as s:
        training.restore_training(s, tid)
    assert [r.id for r in _rows(db)] == [tid]
    with db.read_session() as s:
        ops = [c.op for c in s.scalars(select(ChangeLog).where(ChangeLog.record_id == tid).order_by(ChangeLog.seq))]
    assert ops == ["create", "update", "delete", "restore"]


def _rows(db: Database) -> list:
    with db.read_session() as s:
        return training.list_training(s, today=D(2026, 12, 1))


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"end_date": D(2026, 9, 10)}, "end_date", "trước ngày bắt đầu"),
    ({"learners_women": 41}, "learners_women", "nhiều hơn"),
    ({"learners_minority": 50}, "learners_minority", "nhiều hơn"),
    ({"learners": -1}, "learners", "âm"),
    ({"cost": "-3.000.000"}, "cost", "âm"),
    ({"cost": "bốn lăm triệu"}, "cost", "số nguyên"),
    ({"title": "  "}, "title", "bắt buộc"),
    ({"title": "Lớp 🎉"}, "title", ""),
    ({"start_date": None}, "start_date", "bắt buộc"),
    ({"funding": "xyz"}, "funding", ""),
])
def test_bad_training_input_names_the_field_and_writes_nothing(db: Database, changes: dict, field: str,
                                                               words: str) -> None:
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        training.create_training(s, _class(**changes))
    assert field in exc.value.errors and words in exc.value.errors[field]
    assert _count(db, TrainingClass) == 0


def test_a_deleted_producer_cannot_be_listed_as_attending(db: Database) -> None:
    pid = _producer(db)
    with db.session() as s:
        producers.delete_producer(s, pid)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        training.create_training(s, _class(producer_ids=[pid]))
    assert "HTX Nông sản Thạch An" in exc.value.errors["producer_ids"]
    assert _count(db, TrainingClass) == 0


def test_support_life_cycle_and_bad_input(db: Database) -> None:
    pid = _producer(db)
    prod = _product(db, pid)
    data = SupportData(producer_id=pid, product_id=prod, kind="packaging", description="Túi giấy in logo OCOP",
                       amount="45.150.000", funding="province", date=D(2025, 11, 20),
                       decision_ref="QĐ 1520/QĐ-UBND")
    with db.session() as s:
        sid = support.create_support(s, data).id
    with db.read_session() as s:
        [row] = support.list_support(s)
    assert row.amount == 45_150_000 and row.amount_text == "45.150.000 đ" and row.product_name == "Miến dong Thạch An"
    for changes, field in (({"amount": "-1"}, "amount"), ({"amount": "abc"}, "amount"), ({"amount": None}, "amount"),
                           ({"funding": None}, "funding"), ({"date": None}, "date"), ({"producer_id": None}, "producer_id")):
        bad = SupportData(**{**data.__dict__, **changes})
        with pytest.raises(ValidationFailed) as exc, db.session() as s:
            support.update_support(s, sid, bad)
        assert field in exc.value.errors
    other = _producer(db, "HTX Chè Nguyên Bình", commune=1489)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        support.create_support(s, SupportData(**{**data.__dict__, "producer_id": other}))
    assert "product_id" in exc.value.errors  # the product is not that producer's
    with db.read_session() as s:
        assert support.get_support(s, sid).amount == 45_150_000  # nothing written by the refusals
    assert _count(db, Support) == 1
    with db.session() as s:
        support.delete_support(s, sid)
        products.delete_product(s, prod)
        producers.delete_producer(s, pid)
    with pytest.raises(BadInput), db.session() as s:
        support.restore_support(s, sid)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        support.create_support(s, SupportData(**{**data.__dict__, "product_id": None}))
    assert "đã bị xoá" in exc.value.errors["producer_id"] or "producer_id" in exc.value.errors


def test_history_shows_training_and_support(db: Database) -> None:
    pid = _producer(db)
    prod = _product(db, pid)
    with db.session() as s:
        training.create_training(s, _class(producer_ids=[pid]))
        support.create_support(s, SupportData(producer_id=pid, product_id=prod, kind="trademark", amount=12_000_000,
                                              funding="ntm", date=D(2026, 10, 1), description="Đăng ký nhãn hiệu"))
        support.create_support(s, SupportData(producer_id=pid, kind="equipment", amount=80_000_000,
                                              funding="dtts", date=D(2026, 3, 1), description="Máy đóng gói"))
    with db.read_session() as s:
        producer_events = history.producer_history(s, pid)
        product_events = history.product_history(s, prod)
    assert [e.kind for e in producer_events] == ["support", "training", "support"]  # newest first
    assert "Tập huấn thương mại điện tử" in producer_events[1].title
    assert "80.000.000 đ" in producer_events[2].detail
    [only] = [e for e in product_events if e.kind == "support"]
    assert "12.000.000 đ" in only.detail and "Đăng ký nhãn hiệu" in only.detail
