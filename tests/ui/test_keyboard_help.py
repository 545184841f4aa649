"""F1 opens the keyboard help; it lists every shortcut, and the buttons' tooltips name them too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ocop_desktop.i18n import _
from ocop_desktop.ui.dialogs.keyboard_help import SHORTCUTS, KeyboardHelpDialog
from ocop_desktop.ui.main_window import MainWindow

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


def test_f1_opens_the_keyboard_help_with_every_shortcut(qtbot, window) -> None:  # noqa: ANN001
    window.activateWindow()
    window.nav.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(KeyboardHelpDialog)
    assert dialog is not None and dialog.isVisible()
    texts = dialog.texts()
    for keys in ("Ctrl+N", "Ctrl+F", "Ctrl+M", "Ctrl+PgDown / Ctrl+PgUp", "Ctrl+S", "Ctrl+P", "Del", "F1"):
        assert any(keys in t for t in texts), keys
    assert _("Add a council member") in texts
    dialog.reject()


def test_every_listed_area_and_description_is_translated() -> None:
    for area, items in SHORTCUTS:
        assert _(area) != area
        for _keys, what in items:
            assert _(what) != what, what


def test_tooltips_name_the_shortcuts(qtbot, window) -> None:  # noqa: ANN001
    assert "Ctrl+1" in window.nav.item(0).toolTip()
    assert "Ctrl+8" in window.nav.item(7).toolTip()
    page = window.page("producers")
    assert "Ctrl+N" in page.new_button.toolTip() and "Del" in page.delete_button.toolTip()



def test_the_council_view_names_its_shortcuts(qtbot, sample_db, modals) -> None:  # noqa: ANN001
    from test_evaluation_dialogs import make_council, open_evaluation

    dialog = open_evaluation(qtbot, sample_db, make_council(sample_db, [("Nông Văn Thành", {})]))
    council = dialog.council
    assert "Ctrl+M" in council.add_button.toolTip()
    assert "Ctrl+PgDown" in council.list.toolTip() and "Ctrl+PgUp" in council.list.toolTip()
    assert "Ctrl+S" in dialog.save_button.toolTip()
    dialog.reject()
