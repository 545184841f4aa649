"""The producer and product pages: loading, search-as-you-type, filters, delete + undo."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ocop_desktop.i18n import _, ngettext
from ocop_desktop.models import Producer, Product
from ocop_desktop.ui.pages import record_actions
from ocop_desktop.ui.pages.producers_page import ProducersPage
from ocop_desktop.ui.pages.products_page import NO_STARS, ProductsPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def open_page(qtbot, page_cls, db):  # noqa: ANN001, ANN201
    page = page_cls(db)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def names(page) -> list[str]:  # noqa: ANN001
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def choose(combo, value) -> None:  # noqa: ANN001
    i = combo.findData(value)
    assert i >= 0, value
    combo.setCurrentIndex(i)


def test_products_load_after_show_and_count(qtbot, sample_db) -> None:  # noqa: ANN001
    page = ProductsPage(sample_db)
    qtbot.addWidget(page)
    assert not page.has_loaded  # nothing is read before the page is on screen
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    assert page.model.rowCount() == 24
    assert page.count_label.text() == ngettext("{shown} / {total} product", "{shown} / {total} products", 24).format(shown=24, total=24)
    assert page.stack.currentWidget() is page.table


def test_search_as_you_type_is_accent_insensitive(qtbot, sample_db) -> None:  # noqa: ANN001
    page = open_page(qtbot, ProductsPage, sample_db)
    qtbot.keyClicks(page.search, "mien dong phia den")
    assert names(page) == ["Miến dong Phia Đén"]
    assert page.count_label.text().startswith("1 / 24")
    page.search.clear()
    # QTest types ASCII only; a Vietnamese keyboard (IME) inserts composed text like this.
    page.search.insert(unicodedata.normalize("NFD", "Miến dong"))
    assert names(page) == ["Miến dong Phia Đén"]
    page.search.setText("zzz")
    assert page.stack.currentIndex() == 1
    assert page.empty_label.text() == page.no_match_text()
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)  # "clear search and filters"
    assert page.search.text() == "" and page.proxy.rowCount() == 24


def test_product_filters(qtbot, sample_db) -> None:  # noqa: ANN001
    page = open_page(qtbot, ProductsPage, sample_db)
    rows = page.model.rows()
    choose(page.group_filter, "II")
    assert set(names(page)) == {r.name for r in rows if r.group == "II"} == {
        "Thạch đen Thạch An", "Rượu ngô men lá Đoài Dương", "Rượu mác mật"}
    page.group_filter.setCurrentIndex(0)
    choose(page.stars_filter, 4)
    assert page.proxy.rowCount() == 6
    choose(page.stars_filter, NO_STARS)
    assert all(not page.proxy.row_object(r).stars for r in range(page.proxy.rowCount()))
    page.stars_filter.setCurrentIndex(0)
    choose(page.status_filter, "thu_hoi")
    assert names(page) == ["Mật ong rừng Trùng Khánh"]
    page.status_filter.setCurrentIndex(0)
    choose(page.kind_filter, "ctcp")
    assert set(names(page)) == {"Trà Kolia Cao Bằng", "Trà Kolia túi lọc"}
    page.kind_filter.setCurrentIndex(0)
    # Communes: the office's four, named.
    assert [page.commune_filter.itemText(i) for i in range(1, page.commune_filter.count())] == sorted(
        ["Xã Trùng Khánh", "Xã Đình Phong", "Xã Đàm Thuỷ", "Xã Đoài Dương"])
    choose(page.commune_filter, 1489)
    assert {page.proxy.row_object(r).commune_name for r in range(page.proxy.rowCount())} == {"Xã Đình Phong"}
    qtbot.keyClicks(page.search, "banh")
    assert set(names(page)) == {"Bánh Khẩu Sli Đình Phong", "Bánh áp chao Đình Phong"}
    assert page.clear_filters_button.isEnabled()
    qtbot.mouseClick(page.clear_filters_button, Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == 24 and page.commune_filter.currentIndex() == 0


def test_producer_filters_and_sorting(qtbot, sample_db) -> None:  # noqa: ANN001
    page = open_page(qtbot, ProducersPage, sample_db)
    assert page.model.rowCount() == 12
    choose(page.kind_filter, "htx")
    assert len(names(page)) == 4
    choose(page.commune_filter, 1477)
    assert set(names(page)) == {"Hợp tác xã Nông nghiệp Phia Đén", "HTX Hạt dẻ Trùng Khánh"}
    page.clear_filters()
    qtbot.keyClicks(page.search, "0206")  # the phone number, typed without spaces
    assert names(page) == ["HTX Hạt dẻ Trùng Khánh"]
    page.search.clear()
    page.table.horizontalHeader().setSortIndicator(page.model.column_of("commune"), Qt.SortOrder.AscendingOrder)
    communes = [page.proxy.row_object(r).commune_name for r in range(page.proxy.rowCount())]
    assert communes[0] == "Xã Đàm Thuỷ" and communes[-1] == "Xã Trùng Khánh"


def _select(qtbot, page, name: str) -> None:  # noqa: ANN001
    row = names(page).index(name)
    page.select_proxy_row(row)
    page.table.setFocus()
    assert page.current_row().name == name


def test_delete_with_undo(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    asked = []
    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: asked.append(a) or True)
    page = open_page(qtbot, ProductsPage, sample_db)
    _select(qtbot, page, "Lạp sườn Tâm Hòa")
    pid = page.current_row().id
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert asked, "a confirmation was asked"
    assert "Lạp sườn Tâm Hòa" not in names(page)
    assert page.count_label.text().startswith("23 / 23")
    with sample_db.read_session() as s:
        assert s.get(Product, pid).deleted
    assert page.undo_bar.isVisible() and "Lạp sườn Tâm Hòa" in page.undo_bar.label.text()
    assert page.current_row() is not None  # the neighbour is selected, ready for the next Del

    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert not page.undo_bar.isVisible()
    assert page.current_row().id == pid
    with sample_db.read_session() as s:
        assert not s.get(Product, pid).deleted


def test_show_deleted_and_restore(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    page = open_page(qtbot, ProductsPage, sample_db)
    _select(qtbot, page, "Dao Phúc Sen")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.delete_selected()
    page.undo_bar.dismiss()
    page.show_deleted.setChecked(True)
    assert "Dao Phúc Sen" in names(page)
    _select(qtbot, page, "Dao Phúc Sen")
    row = page.current_row()
    assert row.deleted and page.restore_button.isVisible() and not page.delete_button.isEnabled()
    index = page.proxy.index(names(page).index("Dao Phúc Sen"), 0)
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert not page.current_row().deleted


def test_deleting_a_producer_with_products_is_refused(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    from ocop_desktop.ui import ops

    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    shown = []
    monkeypatch.setattr("ocop_desktop.ui.errors.show_known_error", lambda parent, exc, title=None: shown.append(exc))
    page = open_page(qtbot, ProducersPage, sample_db)
    _select(qtbot, page, "HTX Hạt dẻ Trùng Khánh")
    pid = page.current_row().id
    op_count = ops.running()
    page.delete_selected()
    qtbot.waitUntil(lambda: ops.running() == op_count and bool(shown), timeout=10_000)
    assert "2" in shown[0].message
    with sample_db.read_session() as s:
        assert not s.get(Producer, pid).deleted


def test_empty_state_offers_to_add(qtbot, db, monkeypatch) -> None:  # noqa: ANN001
    page = open_page(qtbot, ProducersPage, db)
    assert page.stack.currentIndex() == 1
    assert page.empty_button.text() == _("Add a producer")
    opened = []
    monkeypatch.setattr(page, "open_record", lambda rid: opened.append(rid))
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert opened == [None]


def test_enter_opens_and_a_save_selects_the_record(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    page = open_page(qtbot, ProducersPage, sample_db)
    _select(qtbot, page, "Trang trại Dao Phúc Sen")
    target = page.current_row().id

    class FakeDialog:
        def __init__(self, db, producer_id=None, parent=None) -> None:  # noqa: ANN001
            self.saved_id = producer_id

        def exec(self) -> int:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr("ocop_desktop.ui.dialogs.producer_dialog.ProducerDialog", FakeDialog)
    page.search.setText("hop tac")  # the saved record is not in the current result …
    page.table.setFocus()
    page.select_proxy_row(0)
    other = page.current_row().id
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.current_row().id == other
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page._after_save(target)
    assert page.current_row().id == target  # … so the filters were cleared to show it
    assert page.search.text() == ""


def test_opening_a_record_deleted_meanwhile_says_so_and_reloads(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    from ocop_desktop.services.products import delete_product
    from ocop_desktop.ui.pages import record_list_page

    shown = []
    monkeypatch.setattr(record_list_page, "show_known_error", lambda parent, exc, title=None: shown.append(exc))
    page = open_page(qtbot, ProductsPage, sample_db)
    _select(qtbot, page, "Lạp sườn Tâm Hòa")
    with sample_db.session() as s:  # e.g. another part of the app deleted it
        delete_product(s, page.current_row().id)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.open_selected()
    assert shown and "không tồn tại" in shown[0].message
    assert "Lạp sườn Tâm Hòa" not in names(page)


def test_counts_use_vietnamese_number_format(qtbot, db) -> None:  # noqa: ANN001
    page = open_page(qtbot, ProductsPage, db)
    assert page.count_text(1234, 20000) == "1.234 / 20.000 sản phẩm"
