"""The main window: navigation, sections, shortcuts, status bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ocop_desktop.i18n import _
from ocop_desktop.ui.certificates.certificates_page import CertificatesPage
from ocop_desktop.ui.cycle.cycle_page import CyclePage
from ocop_desktop.ui.main_window import SECTIONS, MainWindow
from ocop_desktop.ui.pages.evaluations_page import EvaluationsPage
from ocop_desktop.ui.pages.producers_page import ProducersPage
from ocop_desktop.ui.pages.products_page import ProductsPage
from ocop_desktop.ui.pages.settings_page import SettingsPage
from ocop_desktop.ui.reports.reports_page import ReportsPage
from ocop_desktop.ui.sync.sync_page import SyncPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def window(qtbot, sample_db):  # noqa: ANN001, ANN201
    w = MainWindow(sample_db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.page("producers").has_loaded and w.office is not None, timeout=10_000)
    return w


def test_every_section_shows(qtbot, window) -> None:  # noqa: ANN001
    expected = {"producers": ProducersPage, "products": ProductsPage, "evaluations": EvaluationsPage,
                "settings": SettingsPage, "sync": SyncPage, "certificates": CertificatesPage, "cycle": CyclePage,
                "reports": ReportsPage}
    for row, (key, title) in enumerate(SECTIONS):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert page.isVisible()
        assert isinstance(page, expected[key]), key
        assert window.nav.item(row).text() == _(title)


def test_status_bar_shows_office_role_and_database(window, sample_db) -> None:  # noqa: ANN001
    assert "Trung tâm Dịch vụ nông nghiệp Trùng Khánh" in window.office_label.text()
    assert "Cao Bằng" in window.role_label.text()
    assert window.db_label.toolTip() == str(sample_db.path)
    assert "Trùng Khánh" in window.windowTitle()


def test_shortcuts(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    page = window.page("producers")
    window.activateWindow()
    window.nav.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    opened = []
    monkeypatch.setattr(page, "open_record", lambda rid: opened.append(rid))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [None]
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "settings"
    assert not window.new_action.isEnabled()  # nothing to create on the settings page


def test_a_change_on_one_list_reloads_the_other(qtbot, window) -> None:  # noqa: ANN001
    products = window.show_section("products")
    qtbot.waitUntil(lambda: products.has_loaded, timeout=10_000)
    producers = window.page("producers")
    products.records_changed.emit()
    assert producers._stale
    with qtbot.waitSignal(producers.loaded, timeout=10_000):
        window.show_section("producers")


def test_window_without_office(qtbot, empty_db) -> None:  # noqa: ANN001
    w = MainWindow(empty_db, autoload=False)
    qtbot.addWidget(w)
    w.show()
    assert w.office_label.text() == _("Office not set up yet")
    assert not w.page("producers").has_loaded
