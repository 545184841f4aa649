"""The members' choices side by side: criteria × members, differing rows highlighted, the
filter, and opening it from the council dialog with unsaved edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_evaluation_dialogs import make_council, open_evaluation
from test_evaluation_form import press, small_sheet
from ui_samples import Modals

from ocop_desktop.i18n import _
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.ui.evaluation.comparison_view import Column, ComparisonDialog, ComparisonModel

pytestmark = [pytest.mark.usefixtures("modals"), pytest.mark.qt_log_ignore(r"^This plugin does not support")]


def test_ten_members_by_forty_criteria(qtbot, qtmodeltester) -> None:  # noqa: ANN001
    sheet = small_sheet(extra_criteria=34)
    codes = [c.code for c in sheet.criteria]
    assert len(codes) == 40
    base = {c: 0 for c in codes}
    columns = [Column(f"Thành viên số {n}", "Thành viên", dict(base)) for n in range(1, 11)]
    columns[3] = Column("Hoàng Thị Mai", "Thành viên", {**base, "1.2": 3, "6.5": 2})  # differs on two
    columns[7] = Column("Bế Văn Dũng", "", {k: v for k, v in base.items() if k != "2.1"})  # one left empty
    columns.append(Column("Phiếu thống nhất", "", {**base, "6.9": 1}, agreed=True))  # not a member
    model = ComparisonModel(sheet, columns)
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (40, 1 + 11 + 1)
    assert model.differing_codes() == ["1.2", "6.5"]
    row = codes.index("1.2")
    assert model.index(row, 4).data() == _("({n}) {points}").format(n=4, points="3 điểm")
    assert model.index(row, 1).data() == _("({n}) {points}").format(n=1, points="0 điểm")
    assert model.index(row, 12).data() == "3 điểm"  # 3 points between the members
    assert model.index(row, 2).data(Qt.ItemDataRole.BackgroundRole) is not None
    same = codes.index("1.3")
    assert model.index(same, 2).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(codes.index("2.1"), 8).data() == "—"
    assert model.index(codes.index("6.9"), 1).data(Qt.ItemDataRole.BackgroundRole) is None  # agreed only
    assert model.headerData(4, Qt.Orientation.Horizontal) == "4. Hoàng Thị Mai"
    assert model.headerData(11, Qt.Orientation.Horizontal) == _("Agreed")

    dialog = ComparisonDialog(sheet, columns)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "2" in dialog.count_label.text() and "40" in dialog.count_label.text()
    dialog.only_differences.setChecked(True)
    assert dialog.visible_codes() == ["1.2", "6.5"]
    dialog.only_differences.setChecked(False)
    assert len(dialog.visible_codes()) == 40


def test_opened_from_the_council_dialog_with_unsaved_edits(qtbot, sample_db, modals: Modals) -> None:  # noqa: ANN001
    sheet = load_rubric("qd-26-2026").sheet(7)
    first = {c.code: 0 for c in sheet.criteria}
    ev_id = make_council(sample_db, [("Nông Văn Thành", first), ("Đàm Thị Lan", dict(first))])
    dialog = open_evaluation(qtbot, sample_db, ev_id)
    council = dialog.council
    assert council.compare_button.isEnabled()
    council.show_entry(council.slots[1].info.id)
    form = council.slots[1].form
    form.focus_criterion("1.5")
    press(qtbot, "2")  # unsaved
    compare = council.compare()
    assert isinstance(compare, ComparisonDialog) and compare.isVisible()
    assert compare.model.differing_codes() == ["1.5"]
    assert compare.model.headerData(2, Qt.Orientation.Horizontal) == "2. Đàm Thị Lan"
    compare.reject()
