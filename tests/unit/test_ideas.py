"""Product ideas (issue 10 §1) on a real SQLite file: life cycle, bad input, idea → product."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from ocop_desktop.domain.vocab import IdeaStatus, ProductStatus
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.models import ChangeLog, Product, ProductIdea
from ocop_desktop.services import ideas, producers
from ocop_desktop.services.producers import ProducerData

TODAY = dt.date(2026, 6, 15)


def _producer(db, name: str = "Hộ Nông Văn Thành") -> str:  # noqa: ANN001
    with db.session() as s:
        return producers.create_producer(s, ProducerData(kind="ho_sx", name=name, commune_code=1477),
                                         today=TODAY).id


def _idea(**kw) -> ideas.IdeaData:  # noqa: ANN003
    base = dict(name="Miến dong Phia Đén", proposer_name="Tổ hợp tác miến dong Phia Đén",
                proposer_phone="0912 345 678", received_on=dt.date(2026, 3, 2), commune_code=1477,
                product_set=1, origin="raw_material", raw_materials="Củ dong riềng", market="Cao Bằng, Hà Nội")
    base.update(kw)
    return ideas.IdeaData(**base)


def _count(db, model) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_life_cycle_received_returned_resubmitted_accepted(db) -> None:  # noqa: ANN001
    with db.session() as s:
        idea_id = ideas.create_idea(s, _idea(), today=TODAY).id
    with db.session() as s:
        data = ideas.get_idea(s, idea_id)
        data.status, data.return_reason = "returned", "Thiếu mô tả nguồn nguyên liệu"
        data.screened_by, data.screened_on = "Nông Thị Hoa", dt.date(2026, 3, 10)
        ideas.update_idea(s, idea_id, data, today=TODAY)
    with db.session() as s:  # resubmitted, then accepted
        data = ideas.get_idea(s, idea_id)
        data.status, data.screened_on = "accepted", dt.date(2026, 4, 1)
        ideas.update_idea(s, idea_id, data, today=TODAY)
    with db.read_session() as s:
        (row,) = ideas.list_ideas(s)
        assert (row.status, row.status_label, row.proposer, row.year) == (
            "accepted", "Được chấp nhận", "Tổ hợp tác miến dong Phia Đén", 2026)
        assert "mien dong phia den" in row.search_text
        assert s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.record_id == idea_id)) == 3
    with db.session() as s:
        ideas.delete_idea(s, idea_id)
    with db.read_session() as s:
        assert ideas.list_ideas(s) == []
        assert [r.deleted for r in ideas.list_ideas(s, include_deleted=True)] == [True]
    with db.session() as s:
        ideas.restore_idea(s, idea_id)
    with db.read_session() as s:
        assert len(ideas.list_ideas(s)) == 1


@pytest.mark.parametrize(("changes", "field", "words"), [
    (dict(name=" "), "name", "bắt buộc"),
    (dict(proposer_name=""), "proposer_name", "chọn chủ thể"),
    (dict(proposer_phone="12345"), "proposer_phone", "số điện thoại"),
    (dict(received_on=None), "received_on", "bắt buộc"),
    (dict(received_on=dt.date(2026, 7, 1)), "received_on", "tương lai"),
    (dict(commune_code=None), "commune_code", "Xã"),
    (dict(product_set=99), "product_set", "26"),
    (dict(status="returned", screened_on=dt.date(2026, 3, 5)), "return_reason", "bắt buộc"),
    (dict(status="accepted"), "screened_on", "bắt buộc"),
    (dict(status="accepted", screened_on=dt.date(2026, 3, 1)), "screened_on", "trước ngày tiếp nhận"),
    (dict(status="product"), "status", "Tạo sản phẩm"),
    (dict(name="Miến 🍜"), "name", "U+1F35C"),
    (dict(screened_by="x" * 256), "screened_by", "255"),
])
def test_bad_input_names_the_field_and_writes_nothing(db, changes, field, words) -> None:  # noqa: ANN001
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ideas.create_idea(s, _idea(**changes), today=TODAY)
    assert field in exc.value.errors, exc.value.errors
    assert words.lower() in exc.value.errors[field].lower()
    assert _count(db, ProductIdea) == 0


def test_an_idea_of_a_deleted_producer_is_refused(db) -> None:  # noqa: ANN001
    pid = _producer(db)
    with db.session() as s:
        producers.delete_producer(s, pid)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ideas.create_idea(s, _idea(producer_id=pid), today=TODAY)
    assert "đã bị xoá" in exc.value.errors["producer_id"] or "không tồn tại" in exc.value.errors["producer_id"]
    assert _count(db, ProductIdea) == 0


def test_idea_becomes_a_prefilled_linked_product_once(db) -> None:  # noqa: ANN001
    pid = _producer(db)
    with db.session() as s:
        idea_id = ideas.create_idea(s, _idea(producer_id=pid, description="Miến làm thủ công"), today=TODAY).id
    with db.session() as s:
        product_id = ideas.make_product(s, idea_id, today=TODAY).id
    with db.read_session() as s:
        p = s.get(Product, product_id)
        assert (p.name, p.producer_id, p.product_set, p.commune_code, p.description, p.status) == (
            "Miến dong Phia Đén", pid, 1, 1477, "Miến làm thủ công", ProductStatus.IDEA)
        assert p.code  # a product code in the commune's register
        idea = s.get(ProductIdea, idea_id)
        assert (idea.product_id, idea.status) == (product_id, IdeaStatus.PRODUCT)
        assert [r.id for r in ideas.list_ideas(s, product_id=product_id)] == [idea_id]  # the way back
        # The producer's proposer fields were cleared: the producer speaks for itself.
        assert idea.proposer_name == ""
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ideas.make_product(s, idea_id, today=TODAY)
    assert "đã thành sản phẩm" in exc.value.errors["status"]
    assert _count(db, Product) == 1
    with pytest.raises(ValidationFailed) as exc, db.session() as s:  # nor by editing the status back
        data = ideas.get_idea(s, idea_id)
        data.status = "accepted"
        data.screened_on = dt.date(2026, 4, 1)
        ideas.update_idea(s, idea_id, data, today=TODAY)
    assert "status" in exc.value.errors


def test_an_idea_without_producer_or_set_cannot_become_a_product(db) -> None:  # noqa: ANN001
    with db.session() as s:
        idea_id = ideas.create_idea(s, _idea(product_set=None), today=TODAY).id
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ideas.make_product(s, idea_id, today=TODAY)
    assert set(exc.value.errors) == {"producer_id", "product_set"}
    assert "Tổ hợp tác miến dong Phia Đén" in exc.value.errors["producer_id"]
    assert _count(db, Product) == 0
    with db.read_session() as s:
        assert s.get(ProductIdea, idea_id).status == IdeaStatus.RECEIVED


def test_restore_needs_the_producer(db) -> None:  # noqa: ANN001
    pid = _producer(db)
    with db.session() as s:
        idea_id = ideas.create_idea(s, _idea(producer_id=pid), today=TODAY).id
        ideas.delete_idea(s, idea_id)
        producers.delete_producer(s, pid)
    with pytest.raises(BadInput), db.session() as s:
        ideas.restore_idea(s, idea_id)


def test_nfd_text_is_stored_nfc(db) -> None:  # noqa: ANN001
    import unicodedata

    with db.session() as s:
        idea_id = ideas.create_idea(s, _idea(name=unicodedata.normalize("NFD", "Trà hoa vàng")), today=TODAY).id
    with db.read_session() as s:
        assert s.get(ProductIdea, idea_id).name == "Trà hoa vàng"


def test_the_demo_office_has_ideas_of_its_communes(tmp_path) -> None:  # noqa: ANN001
    from ocop_desktop import demo
    from ocop_desktop.db import Database
    from ocop_desktop.services.office import local_commune_codes

    path = tmp_path / "demo.sqlite"
    demo.build_demo(path, products=40, with_decisions=True)
    db = Database.open(path)
    try:
        with db.read_session() as s:
            rows = ideas.list_ideas(s)
            communes = set(local_commune_codes(s))
            assert len(rows) >= 20 and {r.commune_code for r in rows} <= communes
            assert {"received", "accepted", "returned", "product"} <= {r.status for r in rows}
            (made,) = [r for r in rows if r.status == "product"]
            assert s.get(Product, made.product_id).name == made.name
            assert any(r.producer_id is None and r.proposer for r in rows)  # groups not yet producers
    finally:
        db.close()


def test_once_its_product_is_deleted_the_idea_can_change_and_become_a_product_again(db) -> None:  # noqa: ANN001
    from ocop_desktop.services import products

    pid = _producer(db)
    with db.session() as s:
        idea_id = ideas.create_idea(s, _idea(producer_id=pid), today=TODAY).id
        first = ideas.make_product(s, idea_id, today=TODAY).id
    with db.session() as s:
        products.delete_product(s, first)
    with db.session() as s:  # editing another field keeps the status
        data = ideas.get_idea(s, idea_id)
        data.market = "Hà Nội"
        ideas.update_idea(s, idea_id, data, today=TODAY)
    with db.session() as s:
        second = ideas.make_product(s, idea_id, today=TODAY).id
    with db.read_session() as s:
        assert second != first and s.get(ProductIdea, idea_id).product_id == second


def test_once_its_product_is_deleted_the_idea_status_can_go_back(db) -> None:  # noqa: ANN001
    from ocop_desktop.services import products

    pid = _producer(db)
    with db.session() as s:
        idea_id = ideas.create_idea(s, _idea(producer_id=pid), today=TODAY).id
        products.delete_product(s, ideas.make_product(s, idea_id, today=TODAY).id)
    with db.session() as s:
        data = ideas.get_idea(s, idea_id)
        data.status, data.screened_on = "accepted", dt.date(2026, 4, 1)
        ideas.update_idea(s, idea_id, data, today=TODAY)
    with db.read_session() as s:
        assert s.get(ProductIdea, idea_id).status == "accepted"
