"""Issue 9 §2: the screens follow the office's role (the services refuse as well: test_roles.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMenu

from ocop_desktop.domain.roles import REFUSALS, Action
from ocop_desktop.i18n import _
from ocop_desktop.services import decisions, evaluations
from ocop_desktop.ui import ops
from ocop_desktop.ui.certificates.certificates_page import CertificatesPage
from ocop_desktop.ui.evaluation.commune_dialog import CommuneAssessmentDialog
from ocop_desktop.ui.pages.evaluations_page import EvaluationsPage

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints")

MIEN = "Miến dong Phia Đén"


def _page(qtbot, cls, db):  # noqa: ANN001, ANN202
    page = cls(db)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    return page


def _recognise(db, set_role) -> None:  # noqa: ANN001
    set_role(db, "province")
    with db.session() as s:
        decisions.record_recognition(s, decisions.DecisionData(
            number="12/QĐ-UBND", date=dt.date.today(), authority="Ủy ban nhân dân tỉnh Cao Bằng",
            level="province", signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH"),
            [(db.sample_ids[MIEN], 4)])


def test_a_field_office_cannot_record_or_revoke_decisions(qtbot, sample_db, set_role) -> None:  # noqa: ANN001
    _recognise(sample_db, set_role)
    set_role(sample_db, "field")  # the certificate came from the province
    page = _page(qtbot, CertificatesPage, sample_db)
    page.select_proxy_row(0)
    why = _(REFUSALS[Action.RECORD_DECISION])
    assert "Văn phòng OCOP tỉnh" in why
    assert not page.new_button.isEnabled() and page.new_button.toolTip() == why
    assert not page.revoke_button.isEnabled() and page.revoke_button.toolTip() == why
    assert page.open_button.isEnabled()  # preview and print stay
    menu = QMenu()
    page.extra_context_actions(menu, page.current_row())
    assert not next(a for a in menu.actions() if a.text() == _("Revoke…")).isEnabled()
    assert page.new_record() is None and page.revoke_selected() is None and page.dialog is None

    set_role(sample_db, "province")
    page.reload()
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    page.select_proxy_row(0)
    assert page.new_button.isEnabled() and page.revoke_button.isEnabled()


def test_an_empty_register_on_a_field_office_offers_no_decision(qtbot, sample_db) -> None:  # noqa: ANN001
    page = _page(qtbot, CertificatesPage, sample_db)
    assert "gói đồng bộ" in page.empty_label.text() and not page.empty_button.isVisible()


def test_the_province_does_not_write_form_03(qtbot, sample_db, set_role) -> None:  # noqa: ANN001
    with sample_db.session() as s:
        evaluations.create_evaluation(s, sample_db.sample_ids[MIEN], "self", 2026, 1)
    page = _page(qtbot, EvaluationsPage, sample_db)
    page.select_proxy_row(0)
    assert page.commune_button.isEnabled()  # a field office writes it

    set_role(sample_db, "province")
    page.reload()
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    page.select_proxy_row(0)
    why = _(REFUSALS[Action.COMMUNE_REPORT])
    assert not page.commune_button.isEnabled() and page.commune_button.toolTip() == why
    assert page.open_commune_report() is None
    dialog = CommuneAssessmentDialog(sample_db, sample_db.sample_ids[MIEN], 2026, 1)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled() and dialog.save_button.toolTip() == why
