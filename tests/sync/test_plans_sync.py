"""Plans, targets, manual indicators and their values travel province → field office and back
(issue 11), tombstones too; a field office receives the manual values of its communes only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ocop_desktop.models import ManualValue, PlanTarget, ProgrammePlan
from ocop_desktop.services import manual_indicators as mi
from ocop_desktop.services import plans as sp
from tests.sync.sync_samples import COMMUNES, content, introduce, make_office, send

OUTSIDE = 1279  # a Cao Bằng commune the field office does not cover


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    f = make_office(tmp_path / "field.sqlite", "Trạm Dịch vụ nông nghiệp Thạch An", "field", COMMUNES)
    p = make_office(tmp_path / "province.sqlite", "Sở Nông nghiệp và Môi trường Cao Bằng", "province", [])
    introduce(f, p)
    yield f, p
    f.close()
    p.close()


def test_a_provincial_plan_travels_with_its_targets_and_comes_back_edited(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    with p.session() as s:
        plan = sp.save_plan(s, sp.PlanData(number="3438/KH-UBND", date=dt.date(2022, 12, 27), title="OCOP 2021–2025",
                                           issuer="UBND tỉnh Cao Bằng", start_year=2021, end_year=2025, targets=[
                                               sp.TargetData("products_3plus", "whole", 150, words="từ 150 sản phẩm"),
                                               sp.TargetData("producers_htx_share", "whole", 40)]))
        village = mi.define_indicator(s, mi.ManualIndicatorData("Làng văn hóa du lịch", "làng", "", "stock"))
        for commune in (COMMUNES[0], OUTSIDE, None):  # one of the field office's communes, another, the whole area
            mi.set_value(s, mi.ManualValueData(village.id, dt.date(2026, 1, 1), dt.date(2026, 12, 31), commune, 2))
        plan_id = plan.id
    rep = send(p, f, tmp_path / "u1")
    assert rep.totals["conflict"] == 0
    with f.read_session() as s:
        data = sp.get_plan(s, plan_id)
        assert [(t.indicator_id, t.low) for t in data.targets] == [("products_3plus", 150), ("producers_htx_share", 40)]
        assert sorted((v.commune_code or 0) for v in s.query(ManualValue)) == [0, COMMUNES[0]]
    with f.session() as s:  # the field office corrects a target and drops the other one
        data = sp.get_plan(s, plan_id)
        data.targets[0].low = 160
        data.targets = data.targets[:1]
        sp.save_plan(s, data, plan_id)
    back = send(f, p, tmp_path / "u2")
    assert back.totals["conflict"] == 0
    with p.read_session() as s:
        live = s.query(PlanTarget).filter(PlanTarget.plan_id == plan_id, PlanTarget.deleted.is_(False)).all()
        assert [(t.indicator_id, float(t.low)) for t in live] == [("products_3plus", 160.0)]
        assert s.get(ProgrammePlan, plan_id).number == "3438/KH-UBND"
    assert content(f)["plan_target"] == content(p)["plan_target"]
