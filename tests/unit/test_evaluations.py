"""Evaluations on real SQLite: drafts, finalising, councils, reopening, historical results,
the commune's report (Mẫu 03), and the change log behind every write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from scoring_samples import SET_7_CHOICES_76
from sqlalchemy import func, select

from ocop_desktop.db import Database
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.models import ChangeLog, CommuneAssessment, Evaluation, EvaluationSheet, Product
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import commune_assessments, legacy_results, producers, products
from ocop_desktop.services import evaluations as ev
from ocop_desktop.services.commune_assessments import CommuneAssessmentData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

TODAY = dt.date(2026, 11, 22)
SET = 7  # "Chế biến từ rau, củ, quả, hạt": the real sheet of resources/rubrics/qd-26-2026.json
SHEET = load_rubric("qd-26-2026").sheet(SET)

#: The best option everywhere: 100 points, 5★ (every minimum met).
BEST = {c.code: max(range(len(c.options)), key=lambda i: (c.options[i].points, i)) for c in SHEET.criteria}
#: Hand-checked 76 points, 4★ by points, capped to 3★ by 1.5 (tests/unit/scoring_samples.py).
S76 = dict(SET_7_CHOICES_76)


def _product(db: Database, *, status: str = "dang_ky", stars: int | None = None) -> str:
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(
            kind="htx", name="HTX Miến dong Phia Đén", identifier="0101248141", commune_code=1477,
            rep_name="Nông Thị Hoa", rep_title="Giám đốc", rep_sex="nu", rep_ethnicity="02")).id
        return products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid,
                                                       product_set=SET, status=status, stars=stars)).id


def _log(db: Database, record_id: str) -> list[tuple[int, str, list[str]]]:
    with db.read_session() as s:
        return [(c.version, c.op, c.fields) for c in
                s.scalars(select(ChangeLog).where(ChangeLog.record_id == record_id).order_by(ChangeLog.seq))]


def _count(db: Database, model: type) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _new(db: Database, product_id: str, kind: str = "field", round_: int = 1) -> str:
    with db.session() as s:
        return ev.create_evaluation(s, product_id, kind, 2026, round_, today=TODAY).id


# ---------------------------------------------------------------------------------------


def test_single_sheet_draft_then_finalise(db: Database) -> None:
    prod = _product(db)
    eid = _new(db, prod, "field")
    with db.read_session() as s:
        info = ev.get_evaluation(s, eid)
    assert info.status == "draft" and len(info.sheets) == 1
    assert info.sheets[0].member_name == "Nông Thị Hoa"  # the local officer (conftest office)
    sheet_id = info.sheets[0].id

    with db.session() as s:  # a draft with criteria missing saves
        draft = {k: v for k, v in S76.items() if k != "1.5"}
        ev.save_sheet_choices(s, sheet_id, {**draft, "6.1": None}, comment="Thiếu hồ sơ 1.5")
    with db.read_session() as s:
        res = ev.evaluation_result(s, eid)
    assert res.single.total == 73 and res.missing == {sheet_id: ("1.5", "6.1")}
    assert not res.complete

    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ev.finalise(s, eid)
    assert set(exc.value.errors) == {sheet_id}  # "Phiếu của Nông Thị Hoa: tiêu chí 1.5, 6.1 chưa chọn…"
    assert "Nông Thị Hoa" in exc.value.errors[sheet_id] and "1.5, 6.1" in exc.value.errors[sheet_id]
    with db.read_session() as s:
        assert s.get(Evaluation, eid).status == "draft"

    with db.session() as s:
        ev.save_sheet_choices(s, sheet_id, S76, comment="Thiếu hồ sơ 1.5")
    with db.session() as s:
        res = ev.finalise(s, eid)
    assert res.single.total == 76 and res.single.stars_by_points == 4 and res.single.stars == 3
    with db.read_session() as s:
        e = s.get(Evaluation, eid)
        assert (e.status, e.total, e.stars, e.stars_by_points, e.eliminated_reason) == ("final", Decimal("76.00"), 3, 4, None)
        assert e.finalised_at is not None
        assert e.result_json["capped_by"][0]["criterion"] == "1.5"
        assert s.get(EvaluationSheet, sheet_id).comment == "Thiếu hồ sơ 1.5"
    # Final: read-only until reopened.
    with pytest.raises(BadInput), db.session() as s:
        ev.save_sheet_choices(s, sheet_id, BEST)
    with db.read_session() as s:
        assert s.get(Product, prod).stars is None  # an evaluation never ranks the product


def test_unknown_criteria_and_bad_indexes_are_refused_even_in_a_draft(db: Database) -> None:
    eid = _new(db, _product(db), "self")
    with db.read_session() as s:
        sheet_id = ev.get_evaluation(s, eid).sheets[0].id
        assert ev.get_evaluation(s, eid).sheets[0].member_name == "Nông Thị Hoa"  # the representative
        assert ev.sheet_for(s, eid).set_number == SET
    for bad, key in (({"9.9": 0}, "choices.9.9"), ({"1.1": 3}, "choices.1.1"), ({"1.1": -1}, "choices.1.1"),
                     ({"1.1": "2"}, "choices.1.1"), ({"1.1": True}, "choices.1.1")):
        with pytest.raises(ValidationFailed) as exc, db.session() as s:
            ev.save_sheet_choices(s, sheet_id, bad)
        assert key in exc.value.errors, bad
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ev.save_sheet_choices(s, sheet_id, {"1.1": 0}, eliminated_by="9.9#nope")
    assert "eliminated_by" in exc.value.errors
    assert [op for _v, op, _f in _log(db, sheet_id)] == ["create"]


def test_eliminated_sheet_may_stop_early_and_is_not_ranked(db: Database) -> None:
    eid = _new(db, _product(db), "field")
    with db.session() as s:
        sheet_id = ev.get_evaluation(s, eid).sheets[0].id
        ev.save_sheet_choices(s, sheet_id, {"1.1": 0}, eliminated_by="1.1#eliminate")
        ev.finalise(s, eid)
    with db.read_session() as s:
        e = s.get(Evaluation, eid)
        assert e.stars is None and "Bị loại" in e.eliminated_reason
        row = ev.list_evaluations(s)[0]
    assert row.eliminated and row.stars is None and row.total_text == "1"


def test_council_of_three_average_and_stars_cached(db: Database) -> None:
    prod = _product(db, status="dang_ky")
    eid = _new(db, prod, "council")
    with db.read_session() as s:
        assert s.get(Product, prod).status == "dang_danh_gia"  # a council moves it to "being evaluated"
        assert ev.get_evaluation(s, eid).sheets == ()
    with db.session() as s:
        chair = ev.add_member(s, eid, "Lương Văn Thắng", "Chủ tịch Hội đồng").id
        m2 = ev.add_member(s, eid, "Hoàng Thị Mai", "Thành viên").id
        m3 = ev.add_member(s, eid, "Bế Văn Dũng", "Thành viên").id
        with pytest.raises(ValidationFailed):
            ev.add_member(s, eid, "  hoang thi  MAI ", "Thành viên")  # same person twice
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ev.finalise(s, eid)
    assert set(exc.value.errors) == {chair, m2, m3}
    assert "Lương Văn Thắng" in exc.value.errors[chair] and "1.1, 1.2, 1.3" in exc.value.errors[chair]

    with db.session() as s:
        ev.save_sheet_choices(s, chair, BEST)  # 100
        ev.save_sheet_choices(s, m2, S76)  # 76
        ev.save_sheet_choices(s, m3, {**S76, "4.3": 0})  # 73
    with db.session() as s:  # the agreed sheet: not a vote, the minima are checked on it
        agreed = ev.add_member(s, eid, "Phiếu thống nhất của Hội đồng", "Hội đồng").id
        ev.set_agreed_sheet(s, eid, agreed)
        ev.save_sheet_choices(s, agreed, {"1.1": 2, "1.5": 2, "2.3": 1})
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ev.finalise(s, eid)
    assert set(exc.value.errors) == {agreed}
    with db.session() as s:
        ev.save_sheet_choices(s, agreed, BEST)
        res = ev.finalise(s, eid)
    c = res.council
    assert c.member_totals == (100, 76, 73) and c.spread == 27 and c.spread_warning
    assert c.average == 83 and c.stars_by_points == 4 and c.stars == 4
    assert [o.member_name for o in res.sheets] == ["Lương Văn Thắng", "Hoàng Thị Mai", "Bế Văn Dũng",
                                                   "Phiếu thống nhất của Hội đồng"]
    with db.read_session() as s:
        e = s.get(Evaluation, eid)
        assert (e.total, e.stars, e.stars_by_points, e.minima_mode) == (Decimal("83.00"), 4, 4, "agreed")
        assert e.result_json["member_totals"] == [100, 76, 73]
        row = ev.list_evaluations(s, prod)[0]
        assert s.get(Product, prod).stars is None
    assert (row.total_text, row.stars, row.sheet_count, row.status) == ("83,00", 4, 4, "final")
    assert row.period_label.endswith("1/2026")


def test_council_minima_on_the_agreed_sheet_cap_the_rank(db: Database) -> None:
    eid = _new(db, _product(db), "council")
    with db.session() as s:
        ids = [ev.add_member(s, eid, n, "Thành viên").id for n in ("A Lử", "Bế Thị Hạnh")]
        for i in ids:
            ev.save_sheet_choices(s, i, BEST)
        agreed = ev.add_member(s, eid, "Phiếu thống nhất", "").id
        ev.set_agreed_sheet(s, eid, agreed)
        ev.save_sheet_choices(s, agreed, {**BEST, "1.5": 1})
        res = ev.finalise(s, eid)
    assert res.council.average == 100 and res.council.stars == 3
    assert [c.criterion for c in res.council.capped_by] == ["1.5"]


def test_member_edits_removal_and_single_sheet_rules(db: Database) -> None:
    prod = _product(db)
    council = _new(db, prod, "council")
    single = _new(db, prod, "self")
    with db.session() as s:
        a = ev.add_member(s, council, "Nông Văn A", "Thành viên").id
        b = ev.add_member(s, council, "Nông Văn B", "Thành viên").id
        ev.update_member(s, a, "Nông Văn Ánh", "Chủ tịch Hội đồng")
        ev.remove_member(s, b)
        only = ev.get_evaluation(s, single).sheets[0].id
        with pytest.raises(BadInput):
            ev.add_member(s, single, "Người thứ hai")
        with pytest.raises(BadInput):
            ev.remove_member(s, only)
        with pytest.raises(BadInput):
            ev.set_agreed_sheet(s, single, only)
    with db.read_session() as s:
        info = ev.get_evaluation(s, council)
    assert [(x.member_name, x.member_role) for x in info.sheets] == [("Nông Văn Ánh", "Chủ tịch Hội đồng")]
    assert [op for _v, op, _f in _log(db, b)] == ["create", "delete"]
    assert _log(db, a)[-1][2] == ["member_name", "member_role"]


def test_reopen_is_explicit_recorded_and_versioned(db: Database) -> None:
    eid = _new(db, _product(db), "field")
    with db.session() as s:
        sheet_id = ev.get_evaluation(s, eid).sheets[0].id
        ev.save_sheet_choices(s, sheet_id, BEST)
        ev.finalise(s, eid)
    with db.read_session() as s:
        v_final = s.get(Evaluation, eid).version
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ev.reopen(s, eid, "   ")
    assert set(exc.value.errors) == {"reason"}
    with db.session() as s:
        ev.reopen(s, eid, "Nhập nhầm tiêu chí 6.1 từ phiếu giấy")
    with pytest.raises(BadInput), db.session() as s:
        ev.reopen(s, eid, "lần hai")  # a draft is not reopened
    with db.read_session() as s:
        e = s.get(Evaluation, eid)
        assert e.status == "draft" and e.version == v_final + 1
        assert e.total is None and e.stars is None and e.finalised_at is None
        (entry,) = e.reopen_log
    assert entry["by"] == "Nông Thị Hoa" and entry["reason"] == "Nhập nhầm tiêu chí 6.1 từ phiếu giấy"
    assert entry["previous"]["total"] == "100.00" and entry["previous"]["stars"] == 5
    dt.datetime.fromisoformat(entry["at"])
    log = _log(db, eid)
    assert [op for _v, op, _f in log] == ["create", "update", "update"]
    assert {"status", "total", "stars", "finalised_at", "result_json"} <= set(log[1][2])
    assert {"status", "reopen_log", "total"} <= set(log[2][2])
    assert log[2][0] == v_final + 1
    with db.session() as s:  # editable again, then finalised again
        ev.save_sheet_choices(s, sheet_id, S76)
        ev.finalise(s, eid)
    with db.read_session() as s:
        assert s.get(Evaluation, eid).total == Decimal("76.00")


def test_one_open_draft_per_kind_and_round(db: Database) -> None:
    prod = _product(db)
    _new(db, prod, "field", 1)
    with pytest.raises(ValidationFailed) as exc:
        _new(db, prod, "field", 1)
    assert "kind" in exc.value.errors and "Miến dong Phia Đén" in exc.value.errors["kind"]
    _new(db, prod, "field", 2)
    _new(db, prod, "self", 1)
    assert _count(db, Evaluation) == 3


@pytest.mark.parametrize(("args", "field"), [
    (("bogus", 2026, 1, "qd-26-2026"), "kind"),
    (("legacy", 2026, 1, "qd-26-2026"), "kind"),
    (("field", 2026, 3, "qd-26-2026"), "round"),
    (("field", 2017, 1, "qd-26-2026"), "year"),
    (("field", 2028, 1, "qd-26-2026"), "year"),
    (("field", 2026, 1, "qd-99-2030"), "rubric_id"),
    (("field", 2026, 1, "qd-148-2023"), "rubric_id"),
])
def test_create_evaluation_validation(db: Database, args: tuple, field: str) -> None:
    prod = _product(db)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ev.create_evaluation(s, prod, *args, today=TODAY)
    assert field in exc.value.errors
    assert _count(db, Evaluation) == 0 and _count(db, EvaluationSheet) == 0


def test_deleted_product_is_refused(db: Database) -> None:
    prod = _product(db)
    eid = _new(db, prod, "field")
    with db.session() as s:
        sheet_id = ev.get_evaluation(s, eid).sheets[0].id
        ev.save_sheet_choices(s, sheet_id, BEST)
        products.delete_product(s, prod)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        ev.create_evaluation(s, prod, "self", 2026, 1, today=TODAY)
    assert "product_id" in exc.value.errors
    with pytest.raises(BadInput), db.session() as s:
        ev.finalise(s, eid)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        legacy_results.create_legacy_result(s, prod, "qd-148-2023", "75", 4, "12/QĐ-UBND", dt.date(2024, 3, 1), 2024,
                                today=TODAY)
    assert "product_id" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        commune_assessments.save_commune_assessment(s, CommuneAssessmentData(product_id=prod, year=2026, round=1), today=TODAY)
    assert "product_id" in exc.value.errors
    assert _count(db, Evaluation) == 1 and _count(db, CommuneAssessment) == 0


def test_legacy_results(db: Database) -> None:
    prod = _product(db, status="dat_ocop", stars=4)
    with db.session() as s:
        a = legacy_results.create_legacy_result(s, prod, "qd-148-2023", "78,5", 4, "1234/QĐ-UBND", dt.date(2024, 5, 10), 2024,
                                    today=TODAY).id
        # 1048's integer bands leave 89.5 in a gap: either neighbour is accepted.
        b = legacy_results.create_legacy_result(s, prod, "qd-1048-2019", Decimal("89.5"), 5, "567/QĐ-UBND",
                                    dt.date(2020, 12, 1), 2020, today=TODAY).id
        legacy_results.create_legacy_result(s, prod, "qd-1048-2019", "89.5", 4, "568/QĐ-UBND", dt.date(2020, 12, 1), 2020,
                                today=TODAY)
        legacy_results.create_legacy_result(s, prod, "qd-148-2023", "45", 2, "", None, 2023, today=TODAY)  # no decision below 3★
    with db.read_session() as s:
        e = s.get(Evaluation, a)
        assert (e.kind, e.status, e.legacy_total, e.legacy_stars, e.product_set) == (
            "legacy", "final", Decimal("78.50"), 4, SET)
        rows = {r.id: r for r in ev.list_evaluations(s, prod)}
        assert s.get(Product, prod).stars == 4
    assert rows[a].total_text == "78,50" and rows[a].stars == 4 and rows[a].decision_ref == "1234/QĐ-UBND"
    assert rows[b].total_text == "89,50" and rows[b].period_label == "2020"
    assert [op for _v, op, _f in _log(db, a)] == ["create"]
    with pytest.raises(BadInput), db.session() as s:
        ev.reopen(s, a, "sai")


@pytest.mark.parametrize(("kw", "field"), [
    ({"total": "101"}, "total"),
    ({"total": "-1"}, "total"),
    ({"total": "abc"}, "total"),
    ({"total": "78.555"}, "total"),
    ({"total": ""}, "total"),
    ({"stars": 5}, "stars"),  # 78.5 is 4★ under 148
    ({"stars": 0}, "stars"),
    ({"stars": 6}, "stars"),
    ({"total": "89.5", "stars": 5}, "stars"),  # 148's bands are half-open: no gap
    ({"rubric_id": "qd-1048-2019", "total": "89.5", "stars": 3}, "stars"),
    ({"rubric_id": "qd-26-2026"}, "rubric_id"),
    ({"decision_date": dt.date(2026, 12, 1)}, "decision_date"),  # in the future
    ({"decision_date": dt.date(2022, 12, 1), "year": 2022}, "decision_date"),  # before 148 was signed
    ({"decision_date": dt.date(2024, 1, 5), "year": 2025}, "decision_date"),  # before the evaluation year
    ({"decision_ref": ""}, "decision_ref"),
    ({"decision_date": None}, "decision_date"),
    ({"year": 2027}, "year"),
    ({"year": None}, "year"),
    ({"round": 3}, "round"),
])
def test_legacy_result_validation_saves_nothing(db: Database, kw: dict, field: str) -> None:
    prod = _product(db)
    args = {"rubric_id": "qd-148-2023", "total": "78.5", "stars": 4, "decision_ref": "1234/QĐ-UBND",
            "decision_date": dt.date(2024, 5, 10), "year": 2024, **kw}
    rnd = args.pop("round", None)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        legacy_results.create_legacy_result(s, prod, args["rubric_id"], args["total"], args["stars"], args["decision_ref"],
                                args["decision_date"], args["year"], round=rnd, today=TODAY)
    assert field in exc.value.errors
    assert _count(db, Evaluation) == 0


def test_commune_assessment_round_trip_with_producer_defaults(db: Database) -> None:
    prod = _product(db)
    with db.read_session() as s:
        blank = commune_assessments.get_commune_assessment(s, prod, 2026, 1)
    assert blank.id is None and (blank.rep_sex, blank.rep_ethnicity, blank.commune_code) == ("nu", "02", 1477)
    data = CommuneAssessmentData(
        product_id=prod, year=2026, round=1,
        raw_material_verdict="yes", raw_material_text="Củ dong riềng trồng tại xã Trùng Khánh, 100 %.",
        labour_verdict="partial", labour_text="18/25 lao động là người trong xã.",
        idea_origin_verdict="traditional", idea_origin_text="Nghề làm miến truyền thống của người Tày.",
        local_identity_verdict="yes", local_identity_text="Phơi miến trên giàn tre, nước suối Phia Đén.",
        assessed_on=dt.date(2026, 4, 20), signer_name="Hoàng Văn Nam", signer_title="Chủ tịch UBND xã")
    with db.session() as s:
        aid = commune_assessments.save_commune_assessment(s, data, today=TODAY).id
    with db.read_session() as s:
        got = commune_assessments.get_commune_assessment(s, prod, 2026, 1)
    assert got.id == aid
    assert (got.rep_sex, got.rep_ethnicity, got.commune_code) == ("nu", "02", 1477)  # filled from the producer
    assert got.labour_text == "18/25 lao động là người trong xã." and got.idea_origin_verdict == "traditional"
    assert got.assessed_on == dt.date(2026, 4, 20) and got.signer_title == "Chủ tịch UBND xã"

    got.labour_verdict = "yes"
    got.rep_ethnicity = "07"  # the commune corrects it: kept, the producer is untouched
    with db.session() as s:
        assert commune_assessments.save_commune_assessment(s, got, today=TODAY).id == aid  # one per product, year, round
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(CommuneAssessment)) == 1
        assert commune_assessments.get_commune_assessment(s, prod, 2026, 1).rep_ethnicity == "07"
        assert commune_assessments.get_commune_assessment(s, prod, 2026, 2).id is None
    log = _log(db, aid)
    assert [op for _v, op, _f in log] == ["create", "update"]
    assert sorted(log[1][2]) == ["labour_verdict", "rep_ethnicity"]


@pytest.mark.parametrize(("kw", "field"), [
    ({"raw_material_verdict": "maybe"}, "raw_material_verdict"),
    ({"idea_origin_verdict": "yes"}, "idea_origin_verdict"),
    ({"rep_sex": "x"}, "rep_sex"),
    ({"rep_ethnicity": "99"}, "rep_ethnicity"),
    ({"assessed_on": dt.date(2026, 12, 1)}, "assessed_on"),
    ({"commune_code": 99999}, "commune_code"),
    ({"round": 0}, "round"),
    ({"year": None}, "year"),
])
def test_commune_assessment_validation(db: Database, kw: dict, field: str) -> None:
    prod = _product(db)
    data = CommuneAssessmentData(**{"product_id": prod, "year": 2026, "round": 1, **kw})
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        commune_assessments.save_commune_assessment(s, data, today=TODAY)
    assert field in exc.value.errors
    assert _count(db, CommuneAssessment) == 0


def test_every_write_leaves_change_log_rows(db: Database) -> None:
    prod = _product(db, status="y_tuong")
    with db.read_session() as s:
        before = s.scalar(select(func.count()).select_from(ChangeLog))
    eid = _new(db, prod, "council")
    with db.session() as s:
        m = ev.add_member(s, eid, "Lương Văn Thắng", "Chủ tịch Hội đồng").id
        ev.save_sheet_choices(s, m, BEST)
        ev.set_evaluation_notes(s, eid, "Họp ngày 20/6")
        ev.finalise(s, eid)
        ev.reopen(s, eid, "Bổ sung thành viên")
        ev.delete_evaluation(s, eid)
        ev.restore_evaluation(s, eid)
    with db.read_session() as s:
        rows = [(r.table_name, r.op, r.record_id, r.office_id) for r in
                s.scalars(select(ChangeLog).where(ChangeLog.seq > before).order_by(ChangeLog.seq))]
        p = s.get(Product, prod)
        assert p.status == "dang_danh_gia" and p.stars is None
    by_table = [(t, op) for t, op, _r, _o in rows]
    assert by_table == [
        ("evaluation", "create"), ("product", "update"),  # y_tuong → dang_danh_gia
        ("evaluation_sheet", "create"), ("evaluation_sheet", "update"),
        ("evaluation", "update"), ("evaluation", "update"), ("evaluation", "update"),
        ("evaluation", "delete"), ("evaluation", "restore"),
    ]
    assert {o for _t, _op, _r, o in rows} == {db.office_id}
    assert {r for _t, _op, r, _o in rows} == {eid, m, prod}


def test_self_assessment_leaves_product_status_alone_and_deletion_rules(db: Database) -> None:
    prod = _product(db, status="y_tuong")
    eid = _new(db, prod, "self")
    with db.session() as s:
        assert s.get(Product, prod).status == "y_tuong"
        sheet_id = ev.get_evaluation(s, eid).sheets[0].id
        ev.save_sheet_choices(s, sheet_id, BEST)
        ev.finalise(s, eid)
        with pytest.raises(BadInput):
            ev.delete_evaluation(s, eid)
    with db.read_session() as s:
        assert [r.id for r in ev.list_evaluations(s)] == [eid]
        assert ev.list_evaluations(s, "no-such-product") == []


def test_restoring_a_draft_never_makes_two_open_drafts(db: Database) -> None:
    prod = _product(db)
    first = _new(db, prod, "field")
    with db.session() as s:
        ev.delete_evaluation(s, first)
    second = _new(db, prod, "field")
    with pytest.raises(BadInput), db.session() as s:
        ev.restore_evaluation(s, first)
    with db.session() as s:
        ev.delete_evaluation(s, second)
        ev.restore_evaluation(s, first)
    with db.read_session() as s:
        assert [r.id for r in ev.list_evaluations(s, prod)] == [first]
        assert {r.id for r in ev.list_evaluations(s, prod, include_deleted=True)} == {first, second}


def test_council_average_shown_with_two_decimals(db: Database) -> None:
    prod = _product(db)
    higher = {**S76, "1.5": 2}  # 77, meets 1.5's **** minimum
    with db.session() as s:
        eid = ev.create_evaluation(s, prod, "council", 2026, 2, today=TODAY).id
        for name, choices in (("Lương Văn Thắng", S76), ("Hoàng Thị Mai", {**S76, "4.3": 0}),
                              ("Bế Văn Dũng", higher)):
            ev.save_sheet_choices(s, ev.add_member(s, eid, name, "Thành viên").id, choices)
        live = ev.evaluation_result(s, eid)  # no agreed sheet: the engine takes the members' majority
        agreed = ev.add_member(s, eid, "Phiếu thống nhất của Hội đồng").id
        ev.set_agreed_sheet(s, eid, agreed)
        ev.save_sheet_choices(s, agreed, higher)
        res = ev.finalise(s, eid)
    assert live.council.stars == 3 and [c.criterion for c in live.council.capped_by] == ["1.5"]
    c = res.council
    assert c.member_totals == (76, 73, 77) and c.average * 3 == 226 and not c.spread_warning
    assert (c.stars_by_points, c.stars, res.total) == (4, 4, Decimal("75.33"))
    with db.read_session() as s:
        row = ev.list_evaluations(s, prod)[0]
    assert (row.total, row.stars, row.total_text) == (Decimal("75.33"), 4, "75,33")


def test_council_minima_setting(db) -> None:  # noqa: ANN001
    from ocop_desktop.errors import BadInput
    from ocop_desktop.services.office import get_council_minima, set_council_minima

    with db.session() as s:
        assert get_council_minima(s) == "agreed"
        set_council_minima(s, "each")
    with db.read_session() as s:
        assert get_council_minima(s) == "each"
    with pytest.raises(BadInput), db.session() as s:
        set_council_minima(s, "median")
