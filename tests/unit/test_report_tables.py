"""The statistics report tables (B01–B09) on a small hand-made office with known answers:
producers and products made with the services, decisions and a revocation recorded with the real
register, council results, a training class and a support item (report_samples.py). Also: the same figures from
stats.stock (F1's engine), an empty period, a scope the office does not cover."""

from __future__ import annotations

import datetime as dt

import pytest
from report_samples import DAM_THUY, DINH_PHONG, DOAI_DUONG, TODAY, TRUNG_KHANH, build_office

from ocop_desktop.errors import BadInput
from ocop_desktop.services.report_scope import office_scope
from ocop_desktop.stats import facts, stock, tables, tables_activity
from ocop_desktop.stats.catalog import build_reports, report_code
from ocop_desktop.stats.period import Period, Scope


@pytest.fixture
def office(province_db):  # noqa: ANN001, ANN201
    return build_office(province_db)


def _named(t, ids, cells):  # noqa: ANN001, ANN202
    """The product/producer keys behind a drill cell."""
    back = {v: k for k, v in ids.items()}
    return sorted(back[x] for x in cells[1])


YEAR = Period.year(2026)
ALL = Scope(None, "toàn tỉnh")


def test_stars_by_commune_b01(office) -> None:  # noqa: ANN001
    db, ids = office
    with db.read_session() as s:
        scope = office_scope(s)  # the province: all communes, listed by those seen
        t = build_reports(s, YEAR, Scope(frozenset({TRUNG_KHANH, DINH_PHONG, DAM_THUY, DOAI_DUONG}), "4 xã"), ["B01"],
                          today=TODAY)[0]
    assert scope.commune_codes is None
    rows = {r[1]: r[2:] for r in t.rows}
    #            total s3 s4 p5 s5 producers
    assert rows == {"Xã Trùng Khánh": [2, 0, 1, 1, 0, 1], "Xã Đình Phong": [0, 0, 0, 0, 0, 0],
                    "Xã Đàm Thuỷ": [1, 1, 0, 0, 0, 1], "Xã Đoài Dương": [1, 1, 0, 0, 0, 1]}
    assert t.total[2:] == [4, 2, 1, 1, 0, 3]
    i = next(i for i, r in enumerate(t.rows) if r[1] == "Xã Trùng Khánh")
    assert _named(t, ids, t.ids(i, "p5")) == ["P2"]  # 4★ and 91 points at the council: potential 5★
    assert _named(t, ids, t.ids(-1, "producers")) == ["A", "C", "D"]


def test_by_group_b02_and_producers_b03(office) -> None:  # noqa: ANN001
    db, ids = office
    with db.read_session() as s:
        b02, b03 = build_reports(s, YEAR, ALL, ["B02", "B03"], today=TODAY)
    groups = {r[1]: r[2:] for i, r in enumerate(b02.rows) if i in b02.bold_rows}
    assert groups["Thực phẩm"] == [3, 1, 2, 0, 75.0]
    assert groups["Đồ uống"] == [1, 1, 0, 0, 25.0]
    assert groups["Dược liệu và sản phẩm từ dược liệu"] == [0, 0, 0, 0, 0.0]
    sets = {r[0]: r[2] for i, r in enumerate(b02.rows) if i not in b02.bold_rows}
    assert sets == {"7": 2, "11": 1, "14": 1}
    assert b02.total[2:] == [4, 2, 2, 0, 100.0]
    by_type = {r[1]: r[2:] for r in b03.rows}
    #                 producers share products women minority disabled
    assert by_type["Hợp tác xã"] == [1, 33.3, 2, 1, 1, 0]
    assert by_type["Hộ sản xuất, hộ kinh doanh"] == [1, 33.3, 1, 1, 0, 1]
    assert by_type["Doanh nghiệp (TNHH, cổ phần, tư nhân)"] == [1, 33.3, 1, 0, 0, 0]
    assert by_type["Tổ hợp tác"] == [0, 0.0, 0, 0, 0, 0]
    assert b03.total[2:] == [3, 100.0, 4, 2, 1, 1]
    assert _named(b03, ids, b03.ids(0, "products")) == ["P1", "P2"]


def test_movement_b05_reconciles_and_agrees_with_the_engine(office) -> None:  # noqa: ANN001
    db, ids = office
    with db.read_session() as s:
        t = build_reports(s, YEAR, ALL, ["B05"], today=TODAY)[0]
        mv = stock.movement(s, YEAR, ALL)
    keys = ["start", "new", "moved_in", "moved_out", "expired", "revoked", "end", "renewed", "upgraded"]
    rows = {r[0]: dict(zip(keys, r[1:], strict=True)) for r in t.rows}
    assert rows["3 sao"] == dict(start=4, new=1, moved_in=0, moved_out=1, expired=1, revoked=1, end=2, renewed=0,
                                 upgraded=0)
    assert rows["4 sao"] == dict(start=1, new=0, moved_in=1, moved_out=0, expired=0, revoked=0, end=2, renewed=0,
                                 upgraded=1)
    total = dict(zip(keys, t.total[1:], strict=True))
    assert total["end"] == total["start"] + total["new"] - total["expired"] - total["revoked"] == 4
    for r in rows.values():
        assert r["end"] == r["start"] + r["new"] + r["moved_in"] - r["moved_out"] - r["expired"] - r["revoked"]
    assert (mv.start, mv.new, mv.expired, mv.revoked, mv.end) == (5, 1, 1, 1, 4)
    assert _named(t, ids, t.ids(-1, "revoked")) == ["P3"]
    assert _named(t, ids, t.ids(-1, "expired")) == ["P5"]
    assert _named(t, ids, t.ids(-1, "new")) == ["P4"]


def test_in_force_is_the_engines(office) -> None:  # noqa: ANN001
    db, _ids = office
    with db.read_session() as s:
        f = facts.load(s, ALL)
        for day in (dt.date(2023, 1, 9), dt.date(2023, 1, 10), dt.date(2025, 12, 31), dt.date(2026, 5, 31),
                    dt.date(2026, 6, 1), dt.date(2026, 12, 31), dt.date(2027, 1, 16)):
            assert f.in_force(day) == stock.products_in_force(s, day, ALL), day


def test_watch_b06_and_trend_b09(office) -> None:  # noqa: ANN001
    db, ids = office
    with db.read_session() as s:
        b06, b09 = build_reports(s, YEAR, ALL, ["B06", "B09"], today=TODAY)
        later = build_reports(s, YEAR, ALL, ["B06"], today=dt.date(2026, 1, 1))[0]
    assert [r[2] for r in b06.rows] == ["Sản phẩm P6"]  # expires 15/01/2027, 54 days after 22/11/2026
    assert b06.rows[0][8] == "2027-01-15" and b06.rows[0][10] == 54
    assert b06.rows[0][9] == "19/07/2026 – 17/09/2026"
    assert _named(b06, ids, b06.ids(0, "name")) == ["P6"]
    # On 01/01/2026: P5 expires on 10/01/2026; P6's window opens on 19/07/2026, after 30/06/2026.
    assert [(r[2], r[10]) for r in later.rows] == [("Sản phẩm P5", 9)]
    assert [r[:2] + r[5:] for r in b09.rows] == [["2023", 1, 1], ["2024", 1, 2], ["2025", 3, 5], ["2026", 1, 4]]


def test_round_results_b04(office) -> None:  # noqa: ANN001
    db, ids = office
    with db.read_session() as s:
        t = build_reports(s, YEAR, ALL, ["B04"], today=TODAY)[0]
    rows = {r[0]: r[1:10] for r in t.rows}
    #                  evaluated s3 s4 p90 failed new upgraded kept lowered
    assert rows == {"Đợt 1/2026": [3, 1, 1, 0, 1, 1, 1, 0, 0], "Đợt 2/2026": [1, 0, 1, 1, 0, 0, 0, 1, 0]}
    assert t.total[1:10] == [4, 1, 2, 1, 1, 1, 1, 1, 0]
    i = next(i for i, r in enumerate(t.rows) if r[0] == "Đợt 1/2026")
    assert _named(t, ids, t.ids(i, "failed")) == ["P7"]


def test_support_activities_b08(office) -> None:  # noqa: ANN001
    db, ids = office
    with db.read_session() as s:
        t = build_reports(s, YEAR, ALL, ["B08"], today=TODAY)[0]
        outside = build_reports(s, YEAR, Scope(frozenset({DOAI_DUONG}), "Đoài Dương"), ["B08"], today=TODAY)[0]
    assert t.rows[0][1:] == ["Lớp tập huấn", 1, 30, 12, 20, 15_000_000]
    assert t.rows[1][1:] == ["Hỗ trợ chủ thể OCOP", 1, 1, None, None, 5_000_000]
    assert t.rows[2][1].startswith("Nguồn: ") and t.rows[2][6] == 5_000_000
    assert t.total[6] == 20_000_000
    assert _named(t, ids, t.ids(1, "people")) == ["A"]
    assert outside.empty and outside.empty_text


def test_an_empty_period_gives_empty_tables_that_say_so(office) -> None:  # noqa: ANN001
    db, _ids = office
    with db.read_session() as s:
        out = build_reports(s, Period.year(2019), ALL, today=TODAY)
    by_code = {t.code: t for t in out}
    for code in ("B01", "B02", "B03", "B04", "B05", "B07", "B08", "B09"):
        assert by_code[code].empty, code
        assert by_code[code].empty_text
    assert [t.code for t in out] == [f"B0{i}" for i in range(1, 10)]


def test_a_scope_the_office_does_not_cover_is_refused(db) -> None:  # noqa: ANN001
    """The ``db`` fixture is a field office of four communes: another commune is refused, by name."""
    with db.read_session() as s:
        assert office_scope(s).commune_codes == frozenset({TRUNG_KHANH, DINH_PHONG, DAM_THUY, DOAI_DUONG})
        assert office_scope(s, [DAM_THUY]).label == "Xã Đàm Thuỷ"
        with pytest.raises(BadInput) as exc:
            office_scope(s, [DAM_THUY, 1])
    assert "1" in exc.value.message or exc.value.message


def test_report_codes() -> None:
    assert report_code("b1") == "B01" and report_code("B05") == "B05" and report_code("7") == "B07"
    assert report_code("B10") is None and report_code("x") is None
    assert tables_activity.target_text(5, 10) == "5–10" and tables_activity.target_text(150, None) == "150"
    assert tables.pct(1, 3) == 33.3 and tables.pct(1, 0) == 0.0


def test_plan_vs_actual_b07_and_the_dashboards_targets(office) -> None:  # noqa: ANN001
    from ocop_desktop.services import plans
    from ocop_desktop.stats import dashboard

    db, ids = office
    with db.session() as s:
        plans.save_plan(s, plans.PlanData(
            number="3438/KH-UBND", date=dt.date(2025, 12, 27), title="Phát triển sản phẩm OCOP năm 2026",
            issuer="UBND tỉnh Cao Bằng", start_year=2026, end_year=2026, level="province",
            targets=[plans.TargetData(indicator_id="products_3plus", low=3, words="Có ít nhất 3 sản phẩm từ 3 sao")]))
    with db.read_session() as s:
        t = build_reports(s, YEAR, ALL, ["B07"], today=TODAY)[0]
        d = dashboard.load(s, 2026, today=dt.date(2026, 12, 31))
    assert "3438/KH-UBND" in t.subtitle
    assert t.rows == [["1", "Có ít nhất 3 sản phẩm từ 3 sao", t.rows[0][2], "3", 4, 133.3, "Vượt"]]
    [target] = d.targets
    assert (target.actual, round(target.percent, 1), target.met, target.drill) == (4, 133.3, True, "products")
    assert sorted(k for k, v in ids.items() if v in target.ids) == ["P1", "P2", "P4", "P6"]


def test_the_province_picks_a_field_office_as_the_area(office) -> None:  # noqa: ANN001
    from ocop_desktop.models import Office, OfficeCommune
    from ocop_desktop.services.report_scope import field_offices

    db, _ids = office
    with db.session() as s:
        s.add(Office(name="Trạm Trùng Khánh", role="field", province_code=4, is_local=False,
                     communes=[OfficeCommune(commune_code=TRUNG_KHANH), OfficeCommune(commune_code=DAM_THUY)]))
    with db.read_session() as s:
        [(name, codes)] = field_offices(s)
        scope = office_scope(s, codes, label=name)
        t = build_reports(s, YEAR, scope, ["B01"], today=TODAY)[0]
    assert name == "Trạm Trùng Khánh" and set(codes) == {TRUNG_KHANH, DAM_THUY}
    assert scope.label == "Trạm Trùng Khánh" and "Trạm Trùng Khánh" in t.subtitle
    assert [r[1] for r in t.rows] == ["Xã Trùng Khánh", "Xã Đàm Thuỷ"] and t.total[2] == 3
