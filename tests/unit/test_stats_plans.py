"""Plans and targets on the hand-made office: achievement ("đạt X% kế hoạch", not capped, per
commune and "each commune at least N", an old plan's districts) and bad input refused with
Vietnamese messages, nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from ocop_desktop.errors import ValidationFailed
from ocop_desktop.models import PlanTarget, ProgrammePlan
from ocop_desktop.services import plans as sp
from ocop_desktop.stats.achievement import current_plan, plan_progress
from tests.unit import stats_samples
from tests.unit.stats_samples import DD, DP, DT, TK

T = sp.TargetData


def _plan(**kw) -> sp.PlanData:  # noqa: ANN003
    data = sp.PlanData(number="15/KH-TTDVNN", date=dt.date(2026, 1, 10), title="Kế hoạch OCOP năm 2026",
                       issuer="Trung tâm Dịch vụ nông nghiệp Trùng Khánh", start_year=2026, end_year=2026,
                       level="field_office")
    for k, v in kw.items():
        setattr(data, k, v)
    return data


def _count(db, model) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def sample(db):  # noqa: ANN001, ANN201
    return db, stats_samples.build(db)


def test_achievement_whole_area_range_per_commune_and_each_at_least(sample) -> None:  # noqa: ANN001
    db, _ids = sample
    targets = [
        T("products_3plus", "whole", 2, words="có thêm 2 sản phẩm OCOP từ 3 sao"),  # 5 → 250 %, not capped
        T("new_recognitions", "whole", "5", "10", words="công nhận mới 5–10 sản phẩm"),  # 2 of 5 → 40 %
        T("producers_htx_share", "whole", 40, words="ít nhất 40% chủ thể là HTX"),  # 33.3 %
        T("products_3plus", "each_at_least", 1, words="mỗi xã có ít nhất 1 sản phẩm"),  # 3 of 4 communes
        T("products_3plus", "per_unit", None, per_unit={str(TK): 2, str(DP): 2}, words="Trùng Khánh 2, Đình Phong 2"),
    ]
    with db.session() as s:
        pid = sp.save_plan(s, _plan(targets=targets)).id
    with db.read_session() as s:
        got = plan_progress(s, pid, dt.date(2026, 12, 31))
        assert current_plan(s, dt.date(2026, 6, 1)).id == pid
        assert current_plan(s, dt.date(2027, 6, 1)) is None
    whole, rng, share, each, per = got
    assert (whole.actual, whole.low, whole.percent, whole.met) == (5, 2.0, 250.0, True)
    assert whole.words == "có thêm 2 sản phẩm OCOP từ 3 sao" and whole.unit == "sản phẩm"
    assert (rng.actual, rng.low, rng.high, rng.percent, rng.met) == (2, 5.0, 10.0, 40.0, False)
    assert share.actual == pytest.approx(100 / 3) and share.percent == pytest.approx(250 / 3) and not share.met
    assert (each.actual, each.percent, each.met) == (3, 75.0, False)
    assert [(c, a, t) for c, _n, a, t, _p in each.per_commune] == [(TK, 3, 1.0), (DP, 1, 1.0), (DT, 1, 1.0),
                                                                    (DD, 0, 1.0)]
    assert each.per_commune[0][1] == "Xã Trùng Khánh"
    assert (per.actual, per.low, per.percent, per.met) == (4, 4.0, 100.0, False)
    assert [(c, a, t, p) for c, _n, a, t, p in per.per_commune if t] == [(TK, 3, 2.0, 150.0), (DP, 1, 2.0, 50.0)]


def test_an_old_plan_keeps_its_districts_with_the_communes_merged_into_them(sample) -> None:  # noqa: ANN001
    db, _ids = sample
    units = [{"key": "trung_khanh", "name": "huyện Trùng Khánh", "commune_codes": [TK, DT]},
             {"key": "dinh_phong", "name": "huyện cũ Đình Phong", "commune_codes": [DP, DD],
              "note": "nay gồm xã Đình Phong, xã Đoài Dương"}]
    plan = _plan(number="3438/KH-UBND", start_year=2021, end_year=2025, date=dt.date(2022, 12, 27), units=units,
                 level="province", targets=[T("products_3plus", "each_at_least", 2, words="mỗi huyện ít nhất 2")])
    with db.session() as s:
        pid = sp.save_plan(s, plan).id
    with db.read_session() as s:
        (tp,) = plan_progress(s, pid, dt.date(2026, 6, 1))
    assert tp.period.end == dt.date(2025, 12, 31)  # an old plan is counted to its own end
    # On 31/12/2025: A, C, J in Trùng Khánh; D, E in Đình Phong; nothing in Đàm Thuỷ / Đoài Dương.
    assert [(c, a) for c, _n, a, _t, _p in tp.per_commune] == [(-1, 3), (-2, 2)]
    assert tp.per_commune[0][1] == "huyện Trùng Khánh (nay: Xã Trùng Khánh, Xã Đàm Thuỷ)"
    assert tp.per_commune[1][1] == "huyện cũ Đình Phong (nay gồm xã Đình Phong, xã Đoài Dương)"
    assert tp.met is True and tp.percent == 100.0


@pytest.mark.parametrize(("change", "key", "words"), [
    ({"targets": [T("khong_co", "whole", 5)]}, "targets.0.indicator_id", "không phải chỉ tiêu"),
    ({"targets": [T("producers_htx_share", "whole", 140)]}, "targets.0.low", "100 %"),
    ({"targets": [T("communes_coverage_share", "whole", 50, 120)]}, "targets.0.high", "100 %"),
    ({"targets": [T("new_recognitions", "whole", 10, 5)]}, "targets.0.high", "ngược"),
    ({"targets": [T("new_recognitions", "whole", -3)]}, "targets.0.low", "âm"),
    ({"targets": [T("new_recognitions", "whole", "năm")]}, "targets.0.low", "không phải là số"),
    ({"targets": [T("new_recognitions", "whole", 5, year=2031)]}, "targets.0.year", "ngoài"),
    ({"targets": [T("new_recognitions", "per_unit", None, per_unit={"9999": 1})]}, "targets.0.per_unit", "không phải"),
    ({"start_year": 2026, "end_year": 2025}, "end_year", "trước khi bắt đầu"),
    ({"commune_codes": [TK, 1]}, "commune_codes", "không phụ trách"),
    ({"units": [{"key": "x", "name": "huyện X", "commune_codes": [TK, 2]}]}, "units.0", "không phụ trách"),
    ({"number": ""}, "number", "bắt buộc"),
])
def test_bad_plans_are_refused_in_vietnamese_and_nothing_is_written(sample, change, key, words) -> None:  # noqa: ANN001
    db, _ids = sample
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        sp.save_plan(s, _plan(**change))
    assert key in exc.value.errors, exc.value.errors
    assert words in exc.value.errors[key], exc.value.errors[key]
    assert _count(db, ProgrammePlan) == 0 and _count(db, PlanTarget) == 0


def test_saving_again_keeps_targets_by_id_and_deletes_the_removed_ones(sample) -> None:  # noqa: ANN001
    db, _ids = sample
    with db.session() as s:
        pid = sp.save_plan(s, _plan(targets=[T("products_3plus", "whole", 150), T("products_4star", "whole", 10)])).id
    with db.read_session() as s:
        data = sp.get_plan(s, pid)
    keep = data.targets[0]
    keep.low = "160"
    data.targets = [keep]
    with db.session() as s:
        sp.save_plan(s, data, pid)
    with db.read_session() as s:
        again = sp.get_plan(s, pid)
        rows = sp.list_plans(s)
    assert [(t.id, t.low) for t in again.targets] == [(keep.id, 160)]
    assert rows[0].targets == 1 and rows[0].heading() == "Kế hoạch số 15/KH-TTDVNN ngày 10/01/2026"


def test_parse_range_reads_what_officers_type() -> None:
    assert sp.parse_range("5–10") == (5, 10)
    assert sp.parse_range("5 - 10") == (5, 10)
    assert sp.parse_range("40,5") == (sp.parse_number("40.5"), None)
    assert sp.parse_range("1.500") == (1500, None)
    with pytest.raises(ValueError):
        sp.parse_range("khoảng mười")
