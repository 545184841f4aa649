"""Every built-in indicator on the hand-made office of ``stats_samples`` (real SQLite file).

Year 2026. Stock on 31/12/2025 (start): A (a1 3★), C (c1 4★), D (d1 3★), E (e1 5★), J (j1 3★).
Stock on 31/12/2026 (end): A (a2 4★, upgraded), B (b2 3★, back after a lapse), E (5★),
F (f1 3★, first recognition), J (3★). C revoked 1/7/2026; D expired 20/5/2026; I recognised
10/2/2026 and revoked 1/10/2026; H's decision was annulled; G lapsed in 2025.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ocop_desktop.services import manual_indicators as mi
from ocop_desktop.stats import stock
from ocop_desktop.stats.indicators import BUILTIN, MANUAL_PREFIX, all_indicators, compute
from ocop_desktop.stats.period import Period, Scope
from tests.unit import stats_samples
from tests.unit.stats_samples import DP, DT, TK

Y2026 = Period.year(2026)

#: indicator id → (value, by commune) in 2026 for the whole office. Shares in %.
EXPECTED: dict[str, tuple[object, dict[int, object]]] = {
    "products_3plus": (5, {TK: 3, DP: 1, DT: 1}),
    "products_3star": (3, {TK: 2, DT: 1}),
    "products_4star": (1, {TK: 1}),
    "products_5star": (1, {DP: 1}),
    "products_potential5": (1, {DT: 1}),
    "products_group_I": (3, {TK: 2, DT: 1}),
    "products_group_II": (1, {TK: 1}),
    "products_group_III": (0, {}),
    "products_group_IV": (0, {}),
    "products_group_V": (0, {}),
    "products_group_VI": (1, {DP: 1}),
    "products_set_1": (1, {TK: 1}),
    "products_set_4": (1, {TK: 1}),
    "products_set_6": (1, {DT: 1}),
    "products_set_14": (1, {TK: 1}),
    "products_set_26": (1, {DP: 1}),
    "products_set_7": (0, {}),
    "communes_with_products": (3, {TK: 1, DP: 1, DT: 1}),
    "communes_coverage_share": (75.0, {TK: 100.0, DP: 100.0, DT: 100.0, 1525: 0.0}),
    "new_recognitions": (2, {DT: 2}),  # F, I
    "re_recognitions": (1, {TK: 1}),  # B
    "upgrades": (1, {TK: 1}),  # A
    "upgrades_to_4star": (1, {TK: 1}),  # A
    "upgrades_to_5star": (0, {}),
    "products_evaluated": (2, {DP: 1, DT: 1}),  # D, F (council, final, 2026)
    "expiries": (1, {DP: 1}),  # D
    "revocations": (2, {TK: 1, DT: 1}),  # C, I
    "stock_start": (5, {TK: 3, DP: 2}),
    "maintained_share": (60.0, {TK: 200 / 3, DP: 50.0}),  # A, E, J of A, C, D, E, J
    "certificates_entering_window": (1, {TK: 1}),  # j1
    "producers_ocop": (3, {TK: 1, DP: 1, DT: 1}),  # P1, P3, P4
    "producers_new": (1, {DT: 1}),  # P4: first certificate 10/2/2026
    "producers_htx": (1, {TK: 1}),
    "producers_sme": (0, {}),
    "producers_household": (1, {DP: 1}),
    "producers_group": (1, {DT: 1}),
    "producers_other": (0, {}),
    "producers_htx_share": (100 / 3, {TK: 100.0, DP: 0.0, DT: 0.0}),
    "producers_sme_share": (0.0, {TK: 0.0, DP: 0.0, DT: 0.0}),
    "producers_household_share": (100 / 3, {TK: 0.0, DP: 100.0, DT: 0.0}),
    "producers_group_share": (100 / 3, {TK: 0.0, DP: 0.0, DT: 100.0}),
    "producers_other_share": (0.0, {TK: 0.0, DP: 0.0, DT: 0.0}),
    "producers_women_rep": (2, {TK: 1, DP: 1}),  # P1, P3
    "producers_women_rep_share": (200 / 3, {TK: 100.0, DP: 100.0, DT: 0.0}),
    "producers_minority_rep": (2, {TK: 1, DT: 1}),  # P1 Tày, P4 Nùng
    "producers_minority_rep_share": (200 / 3, {TK: 100.0, DP: 0.0, DT: 100.0}),
    "producers_disabled_rep": (0, {}),  # only P2, who has nothing in force
    "producers_disabled_rep_share": (0.0, {TK: 0.0, DP: 0.0, DT: 0.0}),
    "producers_value_chain": (1, {TK: 1}),
    "producers_value_chain_share": (100 / 3, {TK: 100.0, DP: 0.0, DT: 0.0}),
    "ideas_received": (2, {TK: 1, DP: 1}),
    "business_plans_approved": (None, {}),
    "events_attended": (2, {TK: 2, DP: 1}),
    "event_participations": (3, {TK: 2, DP: 1}),
    "sale_points_opened": (1, {TK: 1}),
    "sale_points_active": (2, {TK: 1, DT: 1}),
    "training_classes": (2, {TK: 1}),
    "training_learners": (65, {TK: 40}),
    "support_amount": (15_000_000, {TK: 10_000_000, DP: 5_000_000}),
    "support_amount_ntm": (10_000_000, {TK: 10_000_000}),
    "support_amount_dtts": (5_000_000, {DP: 5_000_000}),
    "support_amount_province": (0, {}),
    "support_amount_other": (0, {}),
}


@pytest.fixture
def sample(db):  # noqa: ANN001, ANN201
    return db, stats_samples.build(db)


def _approx(d: dict) -> dict:
    return {k: pytest.approx(v) for k, v in d.items()}


def test_every_builtin_indicator_has_a_known_answer_in_the_table() -> None:
    listed = set(EXPECTED) | {d.id for d in BUILTIN if d.id.startswith("products_set_")}
    assert {d.id for d in BUILTIN} == listed
    for d in BUILTIN:
        assert d.name and d.unit and d.definition and d.kind in ("count", "share", "amount", "stock")
        assert d.name == __import__("unicodedata").normalize("NFC", d.name)


@pytest.mark.parametrize("indicator_id", sorted(EXPECTED))
def test_indicator_value_on_the_hand_made_office(sample, indicator_id: str) -> None:  # noqa: ANN001
    db, _ids = sample
    value, by_commune = EXPECTED[indicator_id]
    with db.read_session() as s:
        v = compute(s, Y2026, Scope(), [indicator_id])[indicator_id]
    assert v.value == (pytest.approx(value) if value is not None else None)
    assert dict(v.by_commune) == _approx(by_commune) or {k: x for k, x in v.by_commune.items() if x} == _approx(
        {k: x for k, x in by_commune.items() if x})


def test_all_at_once_equals_one_by_one_and_record_ids_open_the_right_records(sample) -> None:  # noqa: ANN001
    db, ids = sample
    with db.read_session() as s:
        every = compute(s, Y2026, Scope())
    assert {k: every[k].value for k in EXPECTED} == {k: (pytest.approx(v) if v is not None else None)
                                                     for k, (v, _b) in EXPECTED.items()}
    assert every["products_3plus"].record_ids == {ids[k] for k in "ABEFJ"}
    assert every["revocations"].record_ids == {ids["C"], ids["I"]}
    assert every["producers_women_rep"].record_ids == {ids["P1"], ids["P3"]}
    assert every["certificates_entering_window"].record_ids == {ids["j1"]}
    assert every["business_plans_approved"].record_ids is None


def test_movement_components_and_the_stock_equation(sample) -> None:  # noqa: ANN001
    db, ids = sample
    with db.read_session() as s:
        m = stock.movement(s, Y2026, Scope())
        by = stock.movement_by_commune(s, Y2026, Scope())
        at_end = stock.products_in_force(s, dt.date(2026, 12, 31), Scope())
        m2025 = stock.movement(s, Period.year(2025), Scope())
    assert (m.start, m.new, m.re_recognised, m.upgraded, m.expired, m.revoked, m.end) == (5, 3, 1, 1, 1, 2, 5)
    assert (m.returned, m.first_recognitions, m.downgraded) == (1, 2, 0)
    assert m.product_ids["new"] == {ids["B"], ids["F"], ids["I"]}
    assert m.product_ids["returned"] == {ids["B"]}
    assert m.end == m.start + m.new - m.expired - m.revoked
    assert sum(x.end for x in by.values()) == m.end
    assert all(x.end == x.start + x.new - x.expired - x.revoked for x in by.values())
    assert at_end == {ids["A"]: 4, ids["B"]: 3, ids["E"]: 5, ids["F"]: 3, ids["J"]: 3}
    # 2025: E recognised (ministry), G lapsed on 10/1/2025.
    assert (m2025.start, m2025.new, m2025.expired, m2025.revoked, m2025.end) == (5, 1, 1, 0, 5)


def test_a_scope_of_one_commune(sample) -> None:  # noqa: ANN001
    db, ids = sample
    with db.read_session() as s:
        v = compute(s, Y2026, Scope(frozenset({TK}), "Trùng Khánh"),
                    ["products_3plus", "communes_coverage_share", "producers_ocop", "ideas_received",
                     "training_learners", "support_amount", "events_attended"])
    assert v["products_3plus"].value == 3
    assert v["communes_coverage_share"].value == 100.0
    assert v["producers_ocop"].value == 1
    assert v["ideas_received"].value == 1
    assert v["training_learners"].value == 40  # the class without a commune is not in a commune scope
    assert v["support_amount"].value == 10_000_000
    assert v["events_attended"].value == 2


def test_a_period_with_no_data_gives_zeros_not_errors(sample) -> None:  # noqa: ANN001
    db, _ids = sample
    with db.read_session() as s:
        v = compute(s, Period.year(2010), Scope())
    assert v["products_3plus"].value == 0
    assert v["maintained_share"].value is None  # no stock at the start: no share
    assert v["producers_htx_share"].value is None


def test_manual_indicator_values_per_period_and_commune(sample) -> None:  # noqa: ANN001
    db, _ids = sample
    with db.session() as s:
        ind = mi.define_indicator(s, mi.ManualIndicatorData("Làng văn hóa du lịch", "làng", "", "stock"))
        iid = MANUAL_PREFIX + ind.id
        for commune, value, start in ((TK, 1, dt.date(2026, 1, 1)), (TK, 2, dt.date(2026, 7, 1)),
                                      (DP, "1", dt.date(2026, 7, 1))):
            mi.set_value(s, mi.ManualValueData(iid, start, start.replace(month=start.month + 5, day=30), commune,
                                               value))
        paid = mi.define_indicator(s, mi.ManualIndicatorData("Kinh phí xã hội hóa", "đồng", "", "amount"))
        mi.set_value(s, mi.ManualValueData(paid.id, dt.date(2026, 1, 1), dt.date(2026, 6, 30), None, "1.500.000"))
        mi.set_value(s, mi.ManualValueData(paid.id, dt.date(2026, 7, 1), dt.date(2026, 12, 31), None, 500000))
    with db.read_session() as s:
        assert iid in {d.id for d in all_indicators(s)}
        v = compute(s, Y2026, Scope(), [iid, MANUAL_PREFIX + paid.id])
        none = compute(s, Period.year(2024), Scope(), [iid])
    assert v[iid].value == 3 and dict(v[iid].by_commune) == {TK: 2, DP: 1}  # latest value per commune
    assert v[MANUAL_PREFIX + paid.id].value == 2_000_000  # amounts add up
    assert none[iid].value is None  # no value entered: no data


def test_manual_values_refuse_bad_input_and_write_nothing(sample) -> None:  # noqa: ANN001
    from ocop_desktop.errors import ValidationFailed

    db, _ids = sample
    with db.session() as s:
        share = mi.define_indicator(s, mi.ManualIndicatorData("Tỷ lệ chủ thể bán hàng trực tuyến", "%", "", "share"))
        sid = share.id
    cases = [
        (mi.ManualValueData(sid, dt.date(2026, 1, 1), dt.date(2026, 12, 31), None, 120), "value", "100 %"),
        (mi.ManualValueData(sid, dt.date(2026, 12, 31), dt.date(2026, 1, 1), None, 5), "period_end", "trước"),
        (mi.ManualValueData(sid, dt.date(2026, 1, 1), dt.date(2026, 12, 31), 1, 5), "commune_code", "xã"),
        (mi.ManualValueData(sid, dt.date(2026, 1, 1), dt.date(2026, 12, 31), None, "mười"), "value", "số"),
        (mi.ManualValueData("nope", dt.date(2026, 1, 1), dt.date(2026, 12, 31), None, 5), "indicator_id", "nope"),
    ]
    for data, key, words in cases:
        with pytest.raises(ValidationFailed) as exc, db.session() as s:
            mi.set_value(s, data)
        assert key in exc.value.errors and words in exc.value.errors[key]
    with db.read_session() as s:
        assert mi.list_values(s, sid) == []
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        mi.define_indicator(s, mi.ManualIndicatorData("", "", "", "weird"))
    assert set(exc.value.errors) == {"name", "unit", "kind"}
