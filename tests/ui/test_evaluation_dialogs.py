"""Finalising and reopening an evaluation, the single-sheet form, historical results and
the commune report (form 03), the list models and the evaluations page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from test_evaluation_form import activate, key, press, type_text
from ui_samples import Modals

from ocop_desktop.domain.evaluations import EvaluationKind, EvaluationStatus
from ocop_desktop.i18n import _
from ocop_desktop.scoring.engine import score_sheet
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import evaluations as service
from ocop_desktop.services import legacy_results
from ocop_desktop.services import producers as producer_service
from ocop_desktop.services.evaluations import list_evaluations
from ocop_desktop.ui.evaluation.commune_dialog import CommuneAssessmentDialog
from ocop_desktop.ui.evaluation.evaluation_dialog import EvaluationDialog
from ocop_desktop.ui.evaluation.legacy_dialog import LegacyResultDialog
from ocop_desktop.ui.evaluation.list_model import EvaluationTableModel
from ocop_desktop.ui.evaluation.new_dialog import NewEvaluationDialog
from ocop_desktop.ui.evaluation.summary_view import MemberLine, MemberTotalsModel
from ocop_desktop.ui.evaluation.texts import stars_label
from ocop_desktop.ui.record_model import RecordFilterProxy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "unit"))
from scoring_samples import SET_7_CHOICES_76  # noqa: E402

pytestmark = [pytest.mark.usefixtures("modals"), pytest.mark.qt_log_ignore(r"^This plugin does not support")]

CTRL = Qt.KeyboardModifier.ControlModifier
PRODUCT = "Hạt dẻ Trùng Khánh rang"  # set 7


def make_council(db, members: list[tuple[str, dict[str, int]]]) -> str:  # noqa: ANN001
    with db.session() as s:
        ev = service.create_evaluation(s, db.sample_ids[PRODUCT], "council", 2026, 1)
        for name, choices in members:
            row = service.add_member(s, ev.id, name, "Thành viên")
            service.save_sheet_choices(s, row.id, choices)
        return ev.id


def open_evaluation(qtbot, db, evaluation_id: str) -> EvaluationDialog:  # noqa: ANN001
    dialog = EvaluationDialog(db, evaluation_id)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    return dialog


def test_finalise_is_refused_naming_the_member_and_criteria(qtbot, sample_db, modals: Modals) -> None:  # noqa: ANN001, F811
    incomplete = {k: v for k, v in SET_7_CHOICES_76.items() if k not in ("2.3", "6.2")}
    ev_id = make_council(sample_db, [("Nông Văn Thành", SET_7_CHOICES_76), ("Đàm Thị Lan", incomplete)])
    dialog = open_evaluation(qtbot, sample_db, ev_id)
    assert dialog.council.current_key() == dialog.slots[0].info.id  # the first member is shown

    dialog.finalise()

    assert modals.asked and modals.errors
    title, text = modals.errors[-1]
    assert title == _("Not finalised")
    assert "Đàm Thị Lan" in text and "2.3" in text and "6.2" in text and "Nông Văn Thành" not in text
    second = dialog.slots[1]
    assert dialog.council.current_key() == second.info.id  # the form went to that member …
    assert QApplication.focusWidget() is second.form.views["2.3"]  # … and to the first empty criterion
    assert second.form.views["2.3"].is_flagged() and second.form.views["6.2"].is_flagged()
    with sample_db.read_session() as s:
        assert service.get_evaluation(s, ev_id).status == EvaluationStatus.DRAFT

    press(qtbot, "2\n")  # 2.3 → option 2, then Enter moves on
    second.form.focus_criterion("6.2")
    press(qtbot, "3")
    dialog.finalise()
    assert len(modals.errors) == 1
    with sample_db.read_session() as s:
        info = service.get_evaluation(s, ev_id)
    assert info.status == EvaluationStatus.FINAL
    assert dialog.council.current_key() == "summary"
    assert dialog.reopen_button.isVisible() and not dialog.finalise_button.isVisible()
    second.form.focus_criterion("1.1")
    press(qtbot, "1")
    assert second.form.choices()["1.1"] == SET_7_CHOICES_76["1.1"]  # read-only once final


def test_reopen_asks_a_reason_and_records_it(qtbot, sample_db, modals: Modals) -> None:  # noqa: ANN001, F811
    ev_id = make_council(sample_db, [("Nông Văn Thành", SET_7_CHOICES_76)])
    with sample_db.session() as s:
        service.finalise(s, ev_id)
    dialog = open_evaluation(qtbot, sample_db, ev_id)
    assert not dialog.council.add_button.isEnabled()
    dialog.reopen_button.click()
    reason = dialog.reason_dialog
    activate(qtbot, reason)
    assert not reason.ok_button.isEnabled()  # no reason, no reopening
    type_text(qtbot, "Hội đồng chấm lại tiêu chí 1.5")
    assert reason.ok_button.isEnabled()
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Return)
    with sample_db.read_session() as s:
        info = service.get_evaluation(s, ev_id)
    assert info.status == EvaluationStatus.DRAFT
    assert info.reopen_log[-1]["reason"] == "Hội đồng chấm lại tiêu chí 1.5"
    assert "Hội đồng chấm lại tiêu chí 1.5" in dialog.history_label.text()
    assert dialog.finalise_button.isVisible() and dialog.council.add_button.isEnabled()


def test_field_assessment_single_sheet(qtbot, sample_db, modals: Modals) -> None:  # noqa: ANN001, F811
    with sample_db.session() as s:
        ev_id = service.create_evaluation(s, sample_db.sample_ids[PRODUCT], "field", 2026, 1).id
    dialog = open_evaluation(qtbot, sample_db, ev_id)
    assert dialog.council is None
    assert "Nông Thị Hoa" in dialog.evaluator_label.text()  # the local officer
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.views["1.1"])
    press(qtbot, "3\n3\n")
    key(qtbot, Qt.Key.Key_S, CTRL)
    with sample_db.read_session() as s:
        assert service.get_evaluation(s, ev_id).sheets[0].choices == {"1.1": 2, "1.2": 2}
    press(qtbot, "1")
    assert dialog.dirty()
    modals.answers.append(True)  # "Save the changes?" → Save draft
    dialog.reject()
    assert modals.asked[-1][0] == _("Save the changes?")
    with sample_db.read_session() as s:
        assert service.get_evaluation(s, ev_id).sheets[0].choices["1.3"] == 0


def test_member_name_twice_is_refused_in_the_dialog(qtbot, sample_db, modals: Modals) -> None:  # noqa: ANN001, F811
    ev_id = make_council(sample_db, [("Nông Văn Thành", {})])
    dialog = open_evaluation(qtbot, sample_db, ev_id)
    key(qtbot, Qt.Key.Key_M, CTRL)
    member = dialog.council.member_dialog
    activate(qtbot, member)
    type_text(qtbot, "nông văn thành")
    key(qtbot, Qt.Key.Key_Return)
    assert member.isVisible() and member.error_label.isVisible()
    assert "Nông Văn Thành" in member.error_label.text()
    assert len(dialog.council.members()) == 1


def test_new_evaluation_dialog_validates(qtbot, sample_db) -> None:  # noqa: ANN001
    dialog = NewEvaluationDialog(sample_db, sample_db.sample_ids[PRODUCT])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.product_combo.isEnabled(), timeout=10_000)
    assert dialog.product_combo.value() == sample_db.sample_ids[PRODUCT]
    assert "7." in dialog.boxes["product_id"].hint.text()  # the product's set
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(EvaluationKind.SELF.value))
    assert not dialog.boxes["minima"].isVisibleTo(dialog)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    second = NewEvaluationDialog(sample_db, sample_db.sample_ids[PRODUCT], kind=EvaluationKind.SELF.value)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.product_combo.isEnabled(), timeout=10_000)
    second.save()  # the same type, round and year: a draft is already open
    assert second.result() != QDialog.DialogCode.Accepted
    assert second.error_for("kind")  # names the open draft


def test_historical_result_dialog(qtbot, sample_db) -> None:  # noqa: ANN001
    dialog = LegacyResultDialog(sample_db, product_id=sample_db.sample_ids[PRODUCT])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.product_combo.isEnabled(), timeout=10_000)
    dialog.decision_combo.setCurrentIndex(dialog.decision_combo.findData("qd-148-2023"))
    dialog.total_edit.setText("78,5")
    assert dialog.stars_combo.currentData() == 4  # suggested from the total
    dialog.stars_combo.setCurrentIndex(dialog.stars_combo.findData(3))
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_for("stars")  # 78,5 is 4 stars under 148/2023
    dialog.stars_combo.setCurrentIndex(dialog.stars_combo.findData(4))
    dialog.save()
    assert dialog.error_for("decision_ref") and dialog.error_for("decision_date")  # needed from 3 stars
    dialog.ref_edit.setText("1234/QĐ-UBND")
    dialog.date_edit.edit.setText("31/02/2024")
    dialog.save()
    assert "31/02/2024" in dialog.error_for("decision_date")
    dialog.date_edit.edit.setText("15/08/2024")
    dialog.year_spin.setValue(2024)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with sample_db.read_session() as s:
        info = service.get_evaluation(s, dialog.saved_id)
    assert (info.kind, info.legacy_stars, str(info.legacy_total), info.decision_date) == (
        "legacy", 4, "78.50", dt.date(2024, 8, 15))

    shown = LegacyResultDialog(sample_db, evaluation_id=dialog.saved_id)
    qtbot.addWidget(shown)
    assert shown.total_edit.text() == "78,50" and not shown.total_edit.isEnabled()
    assert not shown.save_button.isVisibleTo(shown)


def test_historical_result_with_an_invalid_score_selects_no_star(qtbot, sample_db) -> None:  # noqa: ANN001
    dialog = LegacyResultDialog(sample_db, product_id=sample_db.sample_ids[PRODUCT])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.product_combo.isEnabled(), timeout=10_000)
    dialog.decision_combo.setCurrentIndex(dialog.decision_combo.findData("qd-148-2023"))
    dialog.total_edit.setFocus()
    qtbot.keyClicks(dialog.total_edit, "150")  # "1" and "15" are 1 star on the way
    assert dialog.stars_combo.currentData() is None
    qtbot.waitUntil(lambda: bool(dialog.error_for("total")), timeout=5_000)
    assert dialog.stars_combo.currentData() is None
    qtbot.keyClick(dialog.total_edit, Qt.Key.Key_Backspace)  # 15: a valid score again
    assert dialog.stars_combo.currentData() == 1
    dialog.total_edit.setText("abc")
    assert dialog.stars_combo.currentData() is None
    dialog.total_edit.setText("78,5")
    dialog.stars_combo.setCurrentIndex(dialog.stars_combo.findData(3))  # the officer's own choice
    dialog.total_edit.setText("150")
    assert dialog.stars_combo.currentData() == 3  # kept: the error names the total


def test_commune_report_defaults_and_validation(qtbot, sample_db) -> None:  # noqa: ANN001
    product_id = sample_db.sample_ids[PRODUCT]
    producer_id = sample_db.sample_ids["HTX Hạt dẻ Trùng Khánh"]
    with sample_db.session() as s:
        data = producer_service.get_producer(s, producer_id)
        producer_service.update_producer(s, producer_id, dataclasses.replace(data, rep_sex="nu", rep_ethnicity="02"))
    dialog = CommuneAssessmentDialog(sample_db, product_id, 2026, 1)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sex_combo.currentData() == "nu" and dialog.ethnicity_combo.currentText() == "Tày"
    dialog.verdicts["raw_material"].setCurrentIndex(dialog.verdicts["raw_material"].findData("yes"))
    dialog.texts["raw_material"].setPlainText("Hạt dẻ thu mua tại xã Trùng Khánh, khoảng 90%.")
    dialog.verdicts["idea_origin"].setCurrentIndex(dialog.verdicts["idea_origin"].findData("traditional"))
    dialog.date_edit.edit.setText("1/1/2099")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted and "2099" in dialog.error_for("assessed_on")
    dialog.date_edit.edit.setText("10/04/2026")
    dialog.signer_edit.setText("Đàm Văn Hùng")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    again = CommuneAssessmentDialog(sample_db, product_id, 2026, 1)
    qtbot.addWidget(again)
    assert again.data.id == dialog.saved_id
    assert again.texts["raw_material"].toPlainText().startswith("Hạt dẻ thu mua")
    assert again.verdicts["idea_origin"].currentData() == "traditional"


def test_models_pass_the_model_tester(qtmodeltester, sample_db) -> None:  # noqa: ANN001
    make_council(sample_db, [("Nông Văn Thành", SET_7_CHOICES_76)])
    with sample_db.session() as s:
        legacy_results.create_legacy_result(s, sample_db.sample_ids["Lạp sườn Tâm Hòa"], "qd-148-2023", "72", 4,
                                     "88/QĐ-UBND", dt.date(2024, 3, 1), 2023)
    with sample_db.read_session() as s:
        rows = list_evaluations(s, include_deleted=True)
    model = EvaluationTableModel()
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    proxy.sort(model.column_of("total"), Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == "Lạp sườn Tâm Hòa"
    assert proxy.index(0, model.column_of("total")).data() == "72"
    proxy.set_search("hat de")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1

    totals = MemberTotalsModel()
    result = score_sheet(load_rubric().sheet(7), SET_7_CHOICES_76)
    totals.set_lines([MemberLine("Nông Văn Thành", "Chủ tịch", result), MemberLine("Agreed", "", result, True)])
    qtmodeltester.check(totals)
    assert totals.index(0, 5).data() == "76"


def test_evaluations_page_and_evaluate_from_the_product_list(qtbot, sample_db) -> None:  # noqa: ANN001
    from ocop_desktop.ui.main_window import MainWindow

    make_council(sample_db, [("Nông Văn Thành", SET_7_CHOICES_76)])
    window = MainWindow(sample_db)
    qtbot.addWidget(window)
    window.show()
    page = window.show_section("evaluations")
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    assert page.model.rowCount() == 1
    page.select_proxy_row(0)
    assert page.commune_button.isEnabled() and page.delete_button.isEnabled()  # a draft may be deleted
    page.kind_filter.setCurrentIndex(page.kind_filter.findData(EvaluationKind.SELF.value))
    assert page.proxy.rowCount() == 0
    page.clear_filters()
    page.select_proxy_row(0)
    page.open_selected()
    assert isinstance(page.dialog, EvaluationDialog)
    page.dialog.reject()
    legacy = page.new_legacy_result()  # "Historical result…" for the selected evaluation's product
    assert isinstance(legacy, LegacyResultDialog)
    qtbot.waitUntil(lambda: legacy.product_combo.isEnabled(), timeout=10_000)
    assert legacy.product_combo.value() == sample_db.sample_ids[PRODUCT]
    legacy.total_edit.setText("55")
    legacy.ref_edit.setText("12/QĐ-UBND")
    legacy.date_edit.edit.setText("01/06/2024")
    legacy.year_spin.setValue(2024)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        legacy.save()
    assert page.model.rowCount() == 2
    assert page.current_row().kind == EvaluationKind.LEGACY and page.current_row().stars == 3
    page.open_selected()
    assert isinstance(page.dialog, LegacyResultDialog) and page.dialog.evaluation_id == legacy.saved_id
    page.dialog.reject()
    assert page.commune_button.isEnabled()
    assert isinstance(page.open_commune_report(), CommuneAssessmentDialog)
    page.dialog.reject()

    products = window.show_section("products")
    qtbot.waitUntil(lambda: products.has_loaded, timeout=10_000)
    assert products.select_record(sample_db.sample_ids["Lạp sườn Tâm Hòa"])
    menu = QMenu()
    products.extra_context_actions(menu, products.current_row())
    evaluate = next(a for a in menu.actions() if a.text() == _("Evaluate…"))
    evaluate.trigger()
    assert window.current_key() == "evaluations"
    new = page.dialog
    assert isinstance(new, NewEvaluationDialog)
    qtbot.waitUntil(lambda: new.product_combo.isEnabled(), timeout=10_000)
    assert new.product_combo.value() == sample_db.sample_ids["Lạp sườn Tâm Hòa"]
    new.reject()


def test_agreed_sheet_and_removing_a_member(qtbot, sample_db, modals: Modals) -> None:  # noqa: ANN001, F811
    ev_id = make_council(sample_db, [])
    dialog = open_evaluation(qtbot, sample_db, ev_id)
    dialog.finalise()  # no member yet
    assert modals.errors[-1][0] == _("Not finalised")
    with sample_db.session() as s:
        for name, choices in (("Nông Văn Thành", SET_7_CHOICES_76), ("Đàm Thị Lan", {**SET_7_CHOICES_76, "1.5": 2}),
                              ("Hoàng Văn Tâm", {**SET_7_CHOICES_76, "1.5": 2})):
            row = service.add_member(s, ev_id, name, "")
            service.save_sheet_choices(s, row.id, choices)
    dialog.reject()
    dialog = open_evaluation(qtbot, sample_db, ev_id)
    council = dialog.council
    assert council.agreed_button.isVisible() and council.agreed_button.isEnabled()
    council.add_agreed_sheet()
    agreed = council.agreed()
    assert agreed is not None and agreed.dirty
    assert agreed.choices()["1.5"] == 2  # the option most members chose
    assert council.current_key() == agreed.info.id and not council.agreed_button.isVisible()
    council.show_entry("summary")
    lines = council.summary.model.lines()
    assert [line.agreed for line in lines] == [False, False, False, True]
    assert council.summary.rank_label.text().endswith(stars_label(4))  # 1.5 met on the agreed sheet
    key(qtbot, Qt.Key.Key_S, CTRL)
    with sample_db.read_session() as s:
        assert service.evaluation_result(s, ev_id).council.stars == 4

    council.show_entry(council.members()[0].info.id)
    modals.answers.append(True)
    council.remove_member()
    assert [m.info.member_name for m in council.members()] == ["Đàm Thị Lan", "Hoàng Văn Tâm"]
    with sample_db.read_session() as s:
        assert len(service.get_evaluation(s, ev_id).sheets) == 3  # two members and the agreed sheet


def test_council_minima_default_comes_from_settings(qtbot, sample_db) -> None:  # noqa: ANN001
    """A province whose council rules check the minima on every member's sheet says so once
    in Settings; each new council starts from it (and may still choose otherwise)."""
    from ocop_desktop.services.office import get_council_minima
    from ocop_desktop.ui.pages.settings_page import SettingsPage

    page = SettingsPage(sample_db)
    qtbot.addWidget(page)
    assert page.council_minima.currentData() == "agreed"
    page.council_minima.setCurrentIndex(page.council_minima.findData("each"))
    with sample_db.read_session() as s:
        assert get_council_minima(s) == "each"
    dialog = NewEvaluationDialog(sample_db, sample_db.sample_ids[PRODUCT], kind=EvaluationKind.COUNCIL.value)
    qtbot.addWidget(dialog)
    assert dialog.minima_combo.currentData() == "each"
