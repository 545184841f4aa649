"""The recognition dialog on real widgets and a real SQLite file: warnings that need a reason
(decision dated before the council finalised, stars other than the council's) and the last
signer and title remembered per level."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ocop_desktop.models import Decision
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import evaluations as ev
from ocop_desktop.ui.certificates.decision_dialog import RecognitionDialog

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"), pytest.mark.usefixtures("modals")]

HAT_DE = "Hạt dẻ Trùng Khánh rang"  # product set 7
SHEET = load_rubric("qd-26-2026").sheet(7)
BEST = {c.code: max(range(len(c.options)), key=lambda i: (c.options[i].points, i)) for c in SHEET.criteria}


def _finalised_council(db, product_id: str) -> int:  # noqa: ANN001
    today = dt.date.today()
    with db.session() as s:
        eid = ev.create_evaluation(s, product_id, "council", today.year, 1, today=today).id
        sheet = ev.add_member(s, eid, "Lương Văn Thắng", "Chủ tịch Hội đồng").id
        ev.save_sheet_choices(s, sheet, BEST)
        return ev.finalise(s, eid).stars


def _dialog(qtbot, db) -> RecognitionDialog:  # noqa: ANN001
    d = RecognitionDialog(db)
    qtbot.addWidget(d)
    d.show()
    return d


def test_warnings_need_a_reason_and_the_signer_is_remembered(qtbot, sample_db) -> None:  # noqa: ANN001
    pid = sample_db.sample_ids[HAT_DE]
    council_stars = _finalised_council(sample_db, pid)
    assert council_stars == 5
    d = _dialog(qtbot, sample_db)
    f = d.fields
    f.number.setText("321/QĐ-UBND")
    f.date.set_date(dt.date.today() - dt.timedelta(days=1))
    f.signer_name.setText("Nguyễn Văn Hải")
    f.signer_title.setText("KT. CHỦ TỊCH/PHÓ CHỦ TỊCH")
    d.choose(pid, 4)  # the province recognises 4★: the council said 5★
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert d.isVisible()
    assert d.warnings_box.isVisible() and len(d.warnings_box.edits) == 2
    assert d.error_for("warnings")
    with sample_db.read_session() as s:
        assert s.query(Decision).count() == 0
    for key in d.warnings_box.keys:
        d.warnings_box.set_reason(key, "Theo kết luận của Chủ tịch UBND tỉnh")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert not d.isVisible() and d.saved_id
    with sample_db.read_session() as s:
        kept = s.get(Decision, d.saved_id).confirmed_warnings
    assert {w["code"] for w in kept} == {"before_final", "stars_differ"}

    # The next decision starts with the same signer and title; the Ministry's are its own.
    again = _dialog(qtbot, sample_db)
    assert again.fields.signer_name.text() == "Nguyễn Văn Hải"
    assert again.fields.signer_title.text() == "KT. CHỦ TỊCH/PHÓ CHỦ TỊCH"
    again.fields.level.setCurrentIndex(again.fields.level.findData("ministry"))
    assert again.fields.signer_name.text() == "" and again.fields.signer_title.text() == ""
    again.fields.level.setCurrentIndex(again.fields.level.findData("province"))
    assert again.fields.signer_name.text() == "Nguyễn Văn Hải"
    again.fields.signer_name.setText("Lê Hải Hòa")  # typed by the officer: kept on a level change
    again.fields.level.setCurrentIndex(again.fields.level.findData("ministry"))
    assert again.fields.signer_name.text() == "Lê Hải Hòa"
    again.reject()
