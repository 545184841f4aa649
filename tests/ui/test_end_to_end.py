"""Through the main window: create a producer and its product in the dialogs (Ctrl+N, the
context menu), then find both with an unaccented search in the lists."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ocop_desktop.domain.identifiers import make_tax_code
from ocop_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def type_text(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """Like an input method: ASCII through QTest, Vietnamese letters as key events with text."""
    widget.setFocus()
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def choose(qtbot, combo, text: str) -> None:  # noqa: ANN001
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), text)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    combo.commit_text()


def in_next_modal(fill: Callable[[QWidget], None]) -> list[BaseException]:
    """Run ``fill(dialog)`` on the modal dialog about to open; never leave it hanging."""
    errors: list[BaseException] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        try:
            fill(dialog)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
            dialog.reject()

    QTimer.singleShot(0, run)
    return errors


def test_create_producer_and_product_then_find_them(qtbot, db) -> None:  # noqa: ANN001
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    producers = window.page("producers")
    qtbot.waitUntil(lambda: producers.has_loaded, timeout=10_000)

    def fill_producer(d: QWidget) -> None:
        type_text(qtbot, d.name_edit, "Hợp tác xã Miến dong Phia Đén")
        type_text(qtbot, d.identifier_edit, make_tax_code("010124814"))
        choose(qtbot, d.commune_combo, "dinh phong")
        qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)

    errors = in_next_modal(fill_producer)
    with qtbot.waitSignal(producers.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not errors, errors
    assert producers.current_row().name == "Hợp tác xã Miến dong Phia Đén"  # selected after the save

    producers.search.setFocus()
    qtbot.keyClicks(producers.search, "mien dong")
    assert [producers.proxy.row_object(r).name for r in range(producers.proxy.rowCount())] == [
        "Hợp tác xã Miến dong Phia Đén"]
    producers.select_proxy_row(0)

    def fill_product(d: QWidget) -> None:
        type_text(qtbot, d.name_edit, "Miến dong Phia Đén")
        choose(qtbot, d.set_combo, "che bien tu gao")
        qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)

    errors = in_next_modal(fill_product)
    with qtbot.waitSignal(producers.loaded, timeout=10_000):
        producers.new_product_for_selected()  # the context menu's "new product of this producer"
    assert not errors, errors
    assert producers.current_row().product_count == 1

    products = window.show_section("products")
    qtbot.waitUntil(lambda: products.has_loaded, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(products.search, "mien dong phia den")
    rows = [products.proxy.row_object(r) for r in range(products.proxy.rowCount())]
    assert [(r.name, r.producer_name, r.set_label.split(".")[0]) for r in rows] == [
        ("Miến dong Phia Đén", "Hợp tác xã Miến dong Phia Đén", "6")]
