"""Acceptance: a provincial council of three members entered from the keyboard only, from the
main window to the council's summary (average, stars and the explanation of the cap)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_evaluation_form import activate, key, press, type_text

from ocop_desktop.domain.evaluations import EvaluationKind
from ocop_desktop.scoring.engine import score_council
from ocop_desktop.scoring.explain import explain
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import evaluations as service
from ocop_desktop.ui.evaluation.evaluation_dialog import EvaluationDialog
from ocop_desktop.ui.evaluation.new_dialog import NewEvaluationDialog
from ocop_desktop.ui.evaluation.texts import star_row, stars_label
from ocop_desktop.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "unit"))
from scoring_samples import SET_7_CHOICES_76  # noqa: E402 - hand-checked set 7 sheet (76 points)

pytestmark = [pytest.mark.usefixtures("modals"), pytest.mark.qt_log_ignore(r"^This plugin does not support")]

CTRL = Qt.KeyboardModifier.ControlModifier
PRODUCT = "Hạt dẻ Trùng Khánh rang"  # product set 7 in the UI samples
MEMBERS = [
    ("Nông Văn Thành", "Chủ tịch Hội đồng", SET_7_CHOICES_76),  # 76
    ("Đàm Thị Lan", "Thành viên", {**SET_7_CHOICES_76, "4.3": 4}),  # 78
    ("Hoàng Văn Tâm", "Thư ký", {**SET_7_CHOICES_76, "6.4": 0}),  # 75
]




def open_window(qtbot, db) -> MainWindow:  # noqa: ANN001
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    activate(qtbot, window)
    return window


def enter_sheet(qtbot, sheet, choices: dict[str, int]) -> None:  # noqa: ANN001
    """The option numbers as printed on the paper (1-based), Enter after each."""
    press(qtbot, "".join(f"{choices[c.code] + 1}\n" for c in sheet.criteria))


def test_council_of_three_from_the_keyboard(qtbot, sample_db, modals) -> None:  # noqa: ANN001
    window = open_window(qtbot, sample_db)
    page = window.show_section("evaluations")
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)

    # New evaluation (Ctrl+N): type the product, Tab, End picks "Provincial council", Enter creates.
    key(qtbot, Qt.Key.Key_N, CTRL)
    new = page.dialog
    assert isinstance(new, NewEvaluationDialog)
    qtbot.waitUntil(lambda: new.product_combo.isEnabled(), timeout=10_000)
    activate(qtbot, new)
    assert QApplication.focusWidget() in (new.product_combo, new.product_combo.lineEdit())
    type_text(qtbot, "hat de trung khanh rang")
    key(qtbot, Qt.Key.Key_Tab)
    assert new.product_combo.value() == sample_db.sample_ids[PRODUCT]
    assert QApplication.focusWidget() is new.kind_combo
    key(qtbot, Qt.Key.Key_End)
    assert new.kind_combo.currentData() == EvaluationKind.COUNCIL
    key(qtbot, Qt.Key.Key_Return)

    ev = page.dialog
    assert isinstance(ev, EvaluationDialog) and ev.council is not None
    activate(qtbot, ev)
    sheet = ev.sheet
    assert sheet.set_number == 7

    for name, role, choices in MEMBERS:
        key(qtbot, Qt.Key.Key_M, CTRL)  # Add member…
        member = ev.council.member_dialog
        activate(qtbot, member)
        type_text(qtbot, name)
        key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, role)
        key(qtbot, Qt.Key.Key_Return)
        activate(qtbot, ev)
        form = ev.form
        assert QApplication.focusWidget() is form.views[sheet.criteria[0].code]
        enter_sheet(qtbot, sheet, choices)
        assert form.choices() == choices
        assert not form.missing()

    key(qtbot, Qt.Key.Key_PageDown, CTRL)  # from the third member to the summary
    council = ev.council
    assert council.current_key() == "summary"
    summary = council.summary
    assert [line.result.total for line in summary.model.lines()] == [76, 78, 75]
    assert [line.name for line in summary.model.lines()] == [m[0] for m in MEMBERS]
    assert summary.average_label.text() == "76,33"  # 229 / 3, Vietnamese decimal comma
    assert "3" in summary.spread_label.text()
    assert summary.stars_label.text() == star_row(3)
    assert summary.by_points_label.text().endswith(stars_label(4))
    assert summary.rank_label.text().endswith(stars_label(3))
    expected = score_council(load_rubric().sheet(7), [m[2] for m in MEMBERS])
    lines = explain(expected)
    assert lines[0].endswith("76,33.")  # the average, shown large above the explanation
    assert summary.explanation() == lines[1:]
    assert "1.5" in summary.explanation()[0] and "76,33" in summary.explanation()[0]  # the cap, and why
    assert summary.explain_label.text().count("<p") == len(summary.explanation())

    key(qtbot, Qt.Key.Key_S, CTRL)  # save the draft
    assert not ev.dirty()
    with sample_db.read_session() as s:
        result = service.evaluation_result(s, ev.evaluation_id)
    assert result.council is not None and result.council.average == expected.average
    assert result.stars == 3 and result.complete
    assert modals.errors == []
