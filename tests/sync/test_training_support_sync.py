"""Training classes and support travel field → province → field, merge field by field, and
their tombstones travel (issue 10 §6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ocop_desktop.models import Support, TrainingClass
from ocop_desktop.services import support, training
from ocop_desktop.services.support import SupportData
from ocop_desktop.services.training import TrainingData
from ocop_desktop.sync import conflicts, exporter
from tests.sync.sync_samples import COMMUNES, add_producer, content, introduce, make_office, send


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    f = make_office(tmp_path / "field.sqlite", "Trạm Dịch vụ nông nghiệp Thạch An", "field", COMMUNES)
    p = make_office(tmp_path / "province.sqlite", "Sở Nông nghiệp và Môi trường Cao Bằng", "province", [])
    introduce(f, p)
    yield f, p
    f.close()
    p.close()


def _edit(db, model, record_id: str, **fields) -> None:  # noqa: ANN001, ANN003
    with db.session() as s:
        rec = s.get(model, record_id)
        for k, v in fields.items():
            setattr(rec, k, v)


def test_training_and_support_round_trip_with_a_conflict_and_a_tombstone(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Nông sản Thạch An", commune=COMMUNES[0])
    with f.session() as s:
        tid = training.create_training(s, TrainingData(
            title="Tập huấn thương mại điện tử", topic="ecommerce", start_date=dt.date(2026, 9, 15),
            commune_code=COMMUNES[0], learners=40, learners_women=20, producer_ids=[pid], cost=45_000_000,
            funding="dtts")).id
        sid = support.create_support(s, SupportData(producer_id=pid, kind="packaging", amount=45_150_000,
                                                    funding="province", date=dt.date(2025, 11, 20))).id
    rep = send(f, p, tmp_path / "u1")
    assert rep.totals["new"] == 3 and rep.totals["conflict"] == 0
    with p.read_session() as s:
        assert s.get(TrainingClass, tid).producer_ids == [pid]
        assert s.get(Support, sid).amount == 45_150_000
    # Parallel edits: different fields merge, the same field is a conflict.
    _edit(f, TrainingClass, tid, learners=42, organiser="Sở Công Thương")
    _edit(p, TrainingClass, tid, learners=45, place="Nhà văn hoá xã")
    _edit(p, Support, sid, deleted=True)  # the province deletes the support record
    rep = send(f, p, tmp_path / "u2")
    [c] = rep.conflicts
    assert c.field == "learners" and {c.kept_value, c.other_value} == {42, 45}
    with p.read_session() as s:
        t = s.get(TrainingClass, tid)
        assert (t.organiser, t.place) == ("Sở Công Thương", "Nhà văn hoá xã")
    back = send(p, f, tmp_path / "u3")
    assert back.totals["conflict"] == 0
    assert content(f) == content(p)
    with f.read_session() as s:
        assert s.get(Support, sid).deleted  # the tombstone travelled
        assert [v.field for v in conflicts.list_conflicts(s)] == ["learners"]
    res = exporter.export_bundle(f, tmp_path / "u3", p.office_id)
    assert res.records == 0


def test_a_field_office_receives_the_support_of_its_producers_only(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    mine = add_producer(p, "HTX Chè Nguyên Bình", commune=COMMUNES[1])
    other = add_producer(p, "HTX Ngoài vùng", commune=1000)
    with p.session() as s:
        for pid in (mine, other):
            support.create_support(s, SupportData(producer_id=pid, kind="equipment", amount=1_000_000,
                                                  funding="ntm", date=dt.date(2026, 1, 5)))
    send(p, f, tmp_path / "u1")
    with f.read_session() as s:
        assert [r.producer_id for r in support.list_support(s)] == [mine]
