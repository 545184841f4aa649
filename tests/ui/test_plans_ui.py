"""The plans page and the plan dialog (issue 11), driven with the keyboard on real files: bad
targets marked field by field and nothing written, a plan saved with its targets, the
achievement of a saved plan shown, the page listing, filtering and deleting with undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ocop_desktop.models import PlanTarget, ProgrammePlan
from ocop_desktop.services import plans as sp
from ocop_desktop.ui.pages import record_actions
from ocop_desktop.ui.reports.plan_dialog import PlanDialog
from ocop_desktop.ui.reports.plans_page import PlansPage
from tests.ui.test_evaluation_form import activate
from tests.unit import stats_samples

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _type(qtbot, widget, text: str) -> None:  # noqa: ANN001
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def _count(db, model) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.query(model).count()


def test_plan_dialog_marks_bad_targets_then_saves_by_keyboard(qtbot, db, modals) -> None:  # noqa: ANN001
    dialog = PlanDialog(db, today=dt.date(2026, 10, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    _type(qtbot, dialog.number_edit, "15/KH-UBND")
    _type(qtbot, dialog.title_edit, "Ke hoach OCOP nam 2026")
    dialog.start_edit.selectAll()
    _type(qtbot, dialog.start_edit, "2026")
    dialog.end_edit.selectAll()
    _type(qtbot, dialog.end_edit, "2025")
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # anywhere in the dialog
    assert len(dialog.targets.rows) == 1
    row = dialog.targets.rows[0]
    row.indicator_combo.set_value("producers_htx_share")
    _type(qtbot, row.value_edit, "140")
    qtbot.keyClick(row.value_edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    second = dialog.targets.rows[1]
    assert second.indicator_combo.hasFocus() or second.indicator_combo.isAncestorOf(dialog.focusWidget())
    second.indicator_combo.set_value("new_recognitions")
    _type(qtbot, second.value_edit, "10-5")
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    assert dialog.saved_id is None
    assert "trước khi bắt đầu" in dialog.error_for("end_year")
    assert row.value_edit.property("invalid") and second.value_edit.property("invalid")
    text = dialog.targets.errors_label.text()
    assert "Chỉ tiêu 1" in text and "100 %" in text and "Chỉ tiêu 2" in text and "ngược" in text
    assert _count(db, ProgrammePlan) == 0 and _count(db, PlanTarget) == 0
    # Correct the fields and save with Enter.
    dialog.end_edit.selectAll()
    qtbot.keyClicks(dialog.end_edit, "2026")
    row.value_edit.selectAll()
    qtbot.keyClicks(row.value_edit, "40")
    second.value_edit.selectAll()
    qtbot.keyClicks(second.value_edit, "5-10")
    _type(qtbot, second.words_edit, "cong nhan moi 5-10 san pham")
    qtbot.keyClick(second.words_edit, Qt.Key.Key_Return)
    assert dialog.saved_id, dialog.errors
    with db.read_session() as s:
        data = sp.get_plan(s, dialog.saved_id)
    assert (data.number, data.start_year, data.end_year) == ("15/KH-UBND", 2026, 2026)
    assert [(t.indicator_id, t.low, t.high) for t in data.targets] == [("producers_htx_share", 40, None),
                                                                      ("new_recognitions", 5, 10)]


def test_a_saved_plan_shows_its_achievement_and_removes_a_target_with_ctrl_d(qtbot, db, modals) -> None:  # noqa: ANN001
    stats_samples.build(db)
    with db.session() as s:
        pid = sp.save_plan(s, sp.PlanData(
            number="15/KH-UBND", title="Kế hoạch 2026", start_year=2026, end_year=2026, targets=[
                sp.TargetData("products_3plus", "whole", 2, words="thêm 2 sản phẩm"),
                sp.TargetData("products_3plus", "per_unit", per_unit={"1477": 2}, words="Trùng Khánh 2"),
                sp.TargetData("revocations", "whole", 1)])).id
    dialog = PlanDialog(db, plan_id=pid, today=dt.date(2026, 12, 31))
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.targets.rows[0].progress_label.text() != "", timeout=10_000)
    assert dialog.targets.rows[0].progress_label.text() == "5 · 250,0%"
    assert dialog.targets.rows[1].per_unit_edit.text() == "Xã Trùng Khánh: 2"
    assert dialog.targets.rows[1].progress_label.text() == "3 · 150,0%"
    dialog.targets.rows[2].value_edit.setFocus()
    qtbot.keyClick(dialog.targets.rows[2].value_edit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(dialog.targets.rows) == 2
    dialog.targets.rows[1].per_unit_edit.selectAll()
    qtbot.keyClicks(dialog.targets.rows[1].per_unit_edit, "Trung Khanh Cu: 3")
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    assert dialog.saved_id is None and "không" in dialog.targets.errors_label.text()
    dialog.targets.rows[1].per_unit_edit.selectAll()
    dialog.targets.rows[1].per_unit_edit.setText("Trùng Khánh: 3")
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    assert dialog.saved_id == pid, dialog.errors
    with db.read_session() as s:
        data = sp.get_plan(s, pid)
    assert [(t.indicator_id, t.per_unit) for t in data.targets] == [("products_3plus", {}),
                                                                    ("products_3plus", {"1477": 3.0})]


def test_plans_page_lists_filters_by_year_and_deletes_with_undo(qtbot, db, monkeypatch, modals) -> None:  # noqa: ANN001
    with db.session() as s:
        sp.save_plan(s, sp.PlanData(number="3438/KH-UBND", date=dt.date(2022, 12, 27), title="OCOP 2021–2025",
                                    start_year=2021, end_year=2025, targets=[sp.TargetData("products_3plus", "whole",
                                                                                           150)]))
        sp.save_plan(s, sp.PlanData(number="15/KH-UBND", title="OCOP 2026", start_year=2026, end_year=2026))
    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    page = PlansPage(db)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    assert page.proxy.rowCount() == 2
    assert page.proxy.row_object(0).number == "15/KH-UBND"  # the latest period first
    page.year_filter.setCurrentIndex(page.year_filter.findData(2023))
    assert page.proxy.rowCount() == 1 and page.proxy.row_object(0).targets == 1
    page.year_filter.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "3438")
    assert page.proxy.rowCount() == 1
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    page.select_proxy_row(0)
    rid = page.current_row().id
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    with db.read_session() as s:
        assert s.get(ProgrammePlan, rid).deleted
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.undo_bar.undo_button.click()
    with db.read_session() as s:
        assert not s.get(ProgrammePlan, rid).deleted


def test_the_plan_area_refuses_a_commune_the_office_does_not_cover(qtbot, db, modals) -> None:  # noqa: ANN001
    dialog = PlanDialog(db, today=dt.date(2026, 10, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.area.label.text() == "Toàn bộ địa bàn đơn vị phụ trách"
    dialog.number_edit.setText("15/KH-UBND")
    dialog.title_edit.setText("Kế hoạch OCOP năm 2026")
    dialog.area.set_codes([1477, 1279])  # 1279: Phường Nùng Trí Cao, outside the field office
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    assert dialog.saved_id is None and "Nùng Trí Cao" in dialog.error_for("commune_codes")
    dialog.area.set_codes([1477])
    assert dialog.area.label.text() == "1 xã: Xã Trùng Khánh"
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    assert dialog.saved_id, dialog.errors
    with db.read_session() as s:
        assert sp.get_plan(s, dialog.saved_id).commune_codes == [1477]
