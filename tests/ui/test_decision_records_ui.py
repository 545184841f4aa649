"""The recognition dialog on real widgets and a real SQLite file: warnings that need a reason
(decision dated before the council finalised, stars other than the council's) and the last
signer and title remembered per level."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ocop_desktop.i18n import _
from ocop_desktop.models import Decision
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import evaluations as ev
from ocop_desktop.ui.certificates.decision_dialog import RecognitionDialog

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"), pytest.mark.usefixtures("modals")]

HAT_DE = "Hạt dẻ Trùng Khánh rang"  # product set 7
SHEET = load_rubric("qd-26-2026").sheet(7)
BEST = {c.code: max(range(len(c.options)), key=lambda i: (c.options[i].points, i)) for c in SHEET.criteria}


@pytest.fixture
def db(db, set_role):  # noqa: ANN001, ANN201
    """The provincial OCOP office: it records the decisions (issue 9 §2)."""
    set_role(db, "province")
    return db


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


def _register(qtbot, db):  # noqa: ANN001, ANN202
    from ocop_desktop.ui import ops
    from ocop_desktop.ui.certificates.certificates_page import CertificatesPage

    page = CertificatesPage(db)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    return page


def _recognise(db, product_id: str, stars: int, number: str) -> str:  # noqa: ANN001
    from ocop_desktop.services import decisions

    with db.session() as s:
        return decisions.record_recognition(s, decisions.DecisionData(
            number=number, date=dt.date.today() - dt.timedelta(days=5), authority="Ủy ban nhân dân tỉnh Cao Bằng",
            level="province", signer_name="Nguyễn Văn A", signer_title="CHỦ TỊCH"), [(product_id, stars)]).id


def test_register_re_issues_corrects_annuls_and_replaces_with_reasons(qtbot, sample_db) -> None:  # noqa: ANN001
    from ocop_desktop.domain.certificates import CertificateStatus as S
    from ocop_desktop.services import decisions, products
    from ocop_desktop.ui import ops
    from ocop_desktop.ui.certificates.decision_dialog import RecognitionDialog
    from ocop_desktop.ui.certificates.record_dialogs import (
        AnnulDialog,
        CorrectDecisionDialog,
        ReissueDialog,
    )

    mien = sample_db.sample_ids["Miến dong Phia Đén"]
    did = _recognise(sample_db, mien, 4, "500/QĐ-UBND")
    with sample_db.session() as s:  # renamed after issue
        data = products.get_product(s, mien)
        data.name = "Miến dong Nà Giàng"
        products.update_product(s, mien, data)
    page = _register(qtbot, sample_db)
    (row,) = [r for r in page.model.all_rows() if r.product_id == mien]
    assert row.product_name == "Miến dong Phia Đén"  # what was issued
    page.select_record(row.id)
    assert page.reissue_action.isEnabled() and page.correct_action.isEnabled()

    # Correct the decision (nothing printed yet): the reason is required.
    d = page.correct_selected()
    assert isinstance(d, CorrectDecisionDialog)
    d.fields.number.setText("501/QĐ-UBND")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert d.isVisible() and d.error_for("reason")
    d.reason.setPlainText("Gõ nhầm số và hạng sao")
    d.fields.level.setCurrentIndex(d.fields.level.findData("province"))
    d.set_stars(row.id, 5)  # 5★ needs the Ministry: refused under the form
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert d.isVisible()
    assert d.stars_errors.text() == _("5 stars are recognised only by a decision of the Minister of Agriculture "
                                      "and Environment.")
    d.set_stars(row.id, 3)
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert not d.isVisible()
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    with sample_db.read_session() as s:
        assert s.get(Decision, did).number == "501/QĐ-UBND"
        assert s.get(Decision, did).corrections[0]["reason"] == "Gõ nhầm số và hạng sao"
        assert products.list_products(s) and next(p for p in products.list_products(s) if p.id == mien).stars == 3

    # Re-issue with the new name: the register shows both.
    page.select_record(row.id)
    d = page.reissue_selected()
    assert isinstance(d, ReissueDialog)
    d.reason.setPlainText("Đổi tên sản phẩm")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert not d.isVisible() and d.saved_id
    qtbot.waitUntil(lambda: len([r for r in page.model.all_rows() if r.product_id == mien]) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    rows = {r.id: r for r in page.model.all_rows() if r.product_id == mien}
    assert rows[row.id].status == S.REISSUED and rows[row.id].product_name == "Miến dong Phia Đén"
    assert rows[d.saved_id].status == S.VALID and rows[d.saved_id].product_name == "Miến dong Nà Giàng"
    new_id = d.saved_id

    # Printed once: no more correcting; replace by a correcting decision.
    with sample_db.session() as s:
        decisions.mark_printed(s, [new_id])
    page.reload(select_id=new_id)
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    page.select_record(new_id)
    assert not page.correct_action.isEnabled() and page.replace_action.isEnabled()
    r = page.replace_selected()
    assert isinstance(r, RecognitionDialog) and r.replacing == did
    assert r.chosen_rows()  # starts from the decision's products
    r.fields.number.setText("600/QĐ-UBND")
    r.fields.date.set_date(dt.date.today())
    qtbot.mouseClick(r.save_button, Qt.MouseButton.LeftButton)
    assert r.isVisible() and r.error_for("reason")
    r.reason.setText("Sai thẩm quyền ký")
    qtbot.mouseClick(r.save_button, Qt.MouseButton.LeftButton)
    assert not r.isVisible() and r.saved_id
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    qtbot.waitUntil(lambda: any(x.decision_number == "600/QĐ-UBND" for x in page.model.all_rows()), timeout=10_000)
    rows = {x.id: x for x in page.model.all_rows() if x.product_id == mien}
    assert rows[new_id].status == S.ANNULLED
    with sample_db.read_session() as s:
        assert s.get(Decision, did).replaced_by_id == r.saved_id

    # Annul the correcting decision too.
    new_cert = next(x for x in rows.values() if x.decision_number == "600/QĐ-UBND")
    page.select_record(new_cert.id)
    a = page.annul_selected()
    assert isinstance(a, AnnulDialog)
    a.reason.setPlainText("Thu hồi theo kết luận thanh tra")
    qtbot.mouseClick(a.save_button, Qt.MouseButton.LeftButton)
    assert not a.isVisible()
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    qtbot.waitUntil(lambda: next(x for x in page.model.all_rows() if x.id == new_cert.id).status == S.ANNULLED,
                    timeout=10_000)
    page.select_record(new_cert.id)
    assert not page.annul_action.isEnabled()
