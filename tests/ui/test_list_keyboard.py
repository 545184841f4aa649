"""Everyday friction in the lists: the first or only row, the keyboard from the search box,
shortcuts shown in tooltips and in the keyboard help (F1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog

from ocop_desktop.models import Product
from ocop_desktop.ui.pages import record_actions
from ocop_desktop.ui.pages.producers_page import ProducersPage
from ocop_desktop.ui.pages.products_page import ProductsPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def open_page(qtbot, page_cls, db):  # noqa: ANN001, ANN201
    page = page_cls(db)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def click_row(qtbot, page, row: int) -> None:  # noqa: ANN001
    rect = page.table.visualRect(page.proxy.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _first_row_is_current_but_unselected(page) -> None:  # noqa: ANN001
    # What a focus-in or a model reset leaves: row 0 current, nothing selected.
    page.table.selectionModel().setCurrentIndex(page.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    assert page.current_row() is None and not page.open_button.isEnabled()


def test_clicking_the_first_row_enables_open_and_delete_and_del_deletes(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    asked = []
    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: asked.append(a) or True)
    page = open_page(qtbot, ProductsPage, sample_db)
    _first_row_is_current_but_unselected(page)
    click_row(qtbot, page, 0)
    row = page.current_row()
    assert row is not None
    assert page.open_button.isEnabled() and page.delete_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert asked, "Del asked for a confirmation"
    with sample_db.read_session() as s:
        assert s.get(Product, row.id).deleted


def test_the_only_row_left_by_a_search_can_be_opened_and_deleted(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    page = open_page(qtbot, ProductsPage, sample_db)
    page.search.setText("mien dong")
    assert page.proxy.rowCount() == 1
    _first_row_is_current_but_unselected(page)
    click_row(qtbot, page, 0)
    assert page.delete_button.isEnabled() and page.delete_action.isEnabled()
    rid = page.current_row().id
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    with sample_db.read_session() as s:
        assert s.get(Product, rid).deleted


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_Return])
def test_down_or_enter_from_the_search_goes_to_the_results_and_enter_opens(qtbot, sample_db, monkeypatch, key) -> None:  # noqa: ANN001
    opened = []

    class FakeDialog:
        def __init__(self, db, producer_id=None, parent=None) -> None:  # noqa: ANN001
            opened.append(producer_id)

        def exec(self) -> int:
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr("ocop_desktop.ui.dialogs.producer_dialog.ProducerDialog", FakeDialog)
    page = open_page(qtbot, ProducersPage, sample_db)
    page.focus_search()
    qtbot.keyClicks(page.search, "hop tac")
    first = page.proxy.row_object(0)
    qtbot.keyClick(page.search, key)
    assert page.table.hasFocus() or page.focusWidget() is page.table
    assert page.current_row() is not None and page.current_row().id == first.id
    assert page.open_button.isEnabled()
    assert opened == []  # going to the results opens nothing yet
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [first.id]


def test_down_from_an_empty_result_stays_in_the_search(qtbot, sample_db) -> None:  # noqa: ANN001
    page = open_page(qtbot, ProducersPage, sample_db)
    page.focus_search()
    page.search.setText("zzzz")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.current_row() is None


def test_list_tooltips_name_their_shortcuts(qtbot, sample_db) -> None:  # noqa: ANN001
    page = open_page(qtbot, ProductsPage, sample_db)
    assert "Ctrl+N" in page.new_button.toolTip()
    assert "Enter" in page.open_button.toolTip()
    assert "Del" in page.delete_button.toolTip()
    assert "Ctrl+F" in page.search.toolTip()
    assert "Enter" in page.search.toolTip()


def test_the_empty_product_list_asks_for_a_producer_only_when_there_is_none(qtbot, db, monkeypatch) -> None:  # noqa: ANN001
    from ocop_desktop.services import producers
    from ocop_desktop.services.producers import ProducerData

    page = open_page(qtbot, ProductsPage, db)
    assert page.stack.currentIndex() == 1
    assert "chủ thể" in page.empty_label.text().lower()
    assert page.empty_button.text() == "Thêm chủ thể"
    opened = []

    class FakeProducerDialog:
        def __init__(self, db, producer_id=None, parent=None) -> None:  # noqa: ANN001
            opened.append("producer")

        def exec(self) -> int:
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr("ocop_desktop.ui.dialogs.producer_dialog.ProducerDialog", FakeProducerDialog)
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert opened == ["producer"]

    with db.session() as s:
        producers.create_producer(s, ProducerData(
            kind="htx", name="HTX Miến dong Phia Đén", identifier="0101248141", commune_code=1477,
            rep_name="Nông Thị Hoa", rep_title="Giám đốc", rep_sex="nu", rep_ethnicity="02"))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    assert page.stack.currentIndex() == 1
    assert "chủ thể trước" not in page.empty_label.text()
    assert page.empty_button.text() == "Thêm sản phẩm"
    monkeypatch.setattr(page, "open_record", lambda rid: opened.append(rid))
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert opened == ["producer", None]
