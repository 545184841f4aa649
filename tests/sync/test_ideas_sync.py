"""Product ideas travel field office → province → field office: a new idea, its product link,
a parallel edit merged field by field, a conflict on one field, and a tombstone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ocop_desktop.models import Product, ProductIdea
from ocop_desktop.services import ideas
from ocop_desktop.sync import conflicts
from tests.sync.sync_samples import COMMUNES, add_producer, content, introduce, make_office, send

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    f = make_office(tmp_path / "field.sqlite", "Trạm Dịch vụ nông nghiệp Trùng Khánh", "field", COMMUNES)
    p = make_office(tmp_path / "province.sqlite", "Sở Nông nghiệp và Môi trường Cao Bằng", "province", [])
    introduce(f, p)
    yield f, p
    f.close()
    p.close()


def _edit(db, idea_id: str, **changes) -> None:  # noqa: ANN001, ANN003
    with db.session() as s:
        data = ideas.get_idea(s, idea_id)
        for k, v in changes.items():
            setattr(data, k, v)
        ideas.update_idea(s, idea_id, data, today=TODAY)


def test_ideas_round_trip_with_conflict_and_tombstone(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    producer = add_producer(f, "HTX Miến dong Phia Đén")
    with f.session() as s:
        idea_id = ideas.create_idea(s, ideas.IdeaData(
            name="Miến dong Phia Đén", producer_id=producer, received_on=dt.date(2026, 3, 2), commune_code=1477,
            product_set=1, origin="raw_material", market="Cao Bằng"), today=TODAY).id
        other_id = ideas.create_idea(s, ideas.IdeaData(
            name="Trà hoa vàng", proposer_name="Nhóm hộ xóm Pác Bó", received_on=dt.date(2026, 3, 5),
            commune_code=1489, origin="tradition"), today=TODAY).id
    rep = send(f, p, tmp_path / "u1")
    assert rep.totals["new"] >= 3
    with p.read_session() as s:
        assert {r.name for r in ideas.list_ideas(s)} == {"Miến dong Phia Đén", "Trà hoa vàng"}

    # Parallel edits: different fields merge, the same field is a conflict kept for the officer.
    _edit(f, idea_id, market="Cao Bằng, Hà Nội", raw_materials="Củ dong riềng Phia Đén")
    _edit(p, idea_id, market="Các tỉnh phía Bắc", description="Miến sợi nhỏ, làm thủ công")
    with p.session() as s:
        ideas.delete_idea(s, other_id)
    rep = send(f, p, tmp_path / "u2")
    assert rep.totals["conflict"] == 1
    [c] = rep.conflicts
    assert (c.table, c.field) == ("product_idea", "market")
    assert {c.kept_value, c.other_value} == {"Cao Bằng, Hà Nội", "Các tỉnh phía Bắc"}
    with p.read_session() as s:
        rec = s.get(ProductIdea, idea_id)
        assert rec.raw_materials == "Củ dong riềng Phia Đén" and rec.description == "Miến sợi nhỏ, làm thủ công"

    # The province turns the idea into a product; the link and the tombstone come back.
    with p.session() as s:
        product_id = ideas.make_product(s, idea_id, today=TODAY).id
    send(p, f, tmp_path / "u3")
    assert content(f) == content(p)
    with f.read_session() as s:
        assert s.get(ProductIdea, other_id).deleted
        rec = s.get(ProductIdea, idea_id)
        assert (rec.product_id, rec.status) == (product_id, "product")
        assert s.get(Product, product_id).name == "Miến dong Phia Đén"
        assert [v.field for v in conflicts.list_conflicts(s)] == ["market"]
