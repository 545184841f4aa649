"""The *Điểm bán OCOP* tab and its dialog on real widgets and a real SQLite file, by keyboard:
a point typed with its products (Enter adds, Del removes), a closing before the opening shown under
its field with nothing saved, search, filters and delete with Undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select
from test_dialogs import choose, open_dialog, type_into, type_keys
from test_list_pages import open_page

from ocop_desktop.models import SalePoint
from ocop_desktop.services import sale_points as sp
from ocop_desktop.services.sale_points import SalePointData
from ocop_desktop.ui.cycle.cycle_page import CyclePage
from ocop_desktop.ui.cycle.sale_point_dialog import SalePointDialog
from ocop_desktop.ui.cycle.sale_points_page import SalePointsPage
from ocop_desktop.ui.pages import record_actions

pytestmark = [pytest.mark.usefixtures("modals"), pytest.mark.qt_log_ignore("This plugin does not support")]


def _count(db) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(SalePoint))


def _add_product(qtbot, d: SalePointDialog, text: str) -> None:  # noqa: ANN001
    line = d.picker.combo.lineEdit()
    line.setFocus()
    line.selectAll()
    type_keys(qtbot, line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_a_point_of_sale_is_typed_with_its_products_and_saved(qtbot, sample_db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, SalePointDialog(sample_db))
    type_into(qtbot, d.name_edit, "Điểm bán sản phẩm OCOP Trùng Khánh")
    choose(qtbot, d.commune_combo, "trung khanh")
    type_into(qtbot, d.operator_edit, "HTX Dịch vụ nông nghiệp Trùng Khánh")
    type_into(qtbot, d.opening_edit.edit, "19/5/2024")
    _add_product(qtbot, d, "mien dong phia den")
    _add_product(qtbot, d, "Lạp sườn Tâm Hòa — Hộ kinh doanh Lạp sườn Tâm Hòa")  # the whole entry, as picked
    _add_product(qtbot, d, "zzz")  # nothing matches: nothing added, the dialog stays open
    assert d.picker.list.count() == 2 and d.result() != QDialog.DialogCode.Accepted  # Enter there adds, not saves
    d.picker.list.setFocus()
    d.picker.list.setCurrentRow(1)
    qtbot.keyClick(d.picker.list, Qt.Key.Key_Delete)
    assert d.picker.list.count() == 1
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)
    assert d.result() == QDialog.DialogCode.Accepted, d.errors
    with sample_db.read_session() as s:
        data = sp.get_point(s, d.saved_id)
    assert data.product_ids == [sample_db.sample_ids["Miến dong Phia Đén"]]
    assert data.commune_code == 1477 and data.opening_date == dt.date(2024, 5, 19)


def test_a_closing_before_the_opening_is_refused_under_the_field(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, SalePointDialog(db))
    type_into(qtbot, d.name_edit, "Điểm bán OCOP")
    choose(qtbot, d.commune_combo, "trung khanh")
    type_into(qtbot, d.opening_edit.edit, "19/05/2024")
    type_into(qtbot, d.closing_edit.edit, "1/1/2024")
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)
    assert d.error_for("closing_date") == "Ngày đóng cửa: 01/01/2024 trước ngày khai trương 19/05/2024."
    assert d.focusWidget() is d.closing_edit.edit
    type_into(qtbot, d.closing_edit.edit, "31/02/2025")
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)
    assert "“31/02/2025” không phải" in d.error_for("closing_date")
    assert d.result() != QDialog.DialogCode.Accepted and _count(db) == 0


def test_the_page_searches_filters_and_deletes_with_undo(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    mien = sample_db.sample_ids["Miến dong Phia Đén"]
    with sample_db.session() as s:
        sp.create_point(s, SalePointData(name="Điểm bán OCOP Trùng Khánh", kind="point", commune_code=1477,
                                         opening_date=dt.date(2024, 5, 19), product_ids=[mien]))
        sp.create_point(s, SalePointData(name="Showroom nông sản Đình Phong", kind="showroom", commune_code=1489,
                                         opening_date=dt.date(2025, 9, 2), closing_date=dt.date(2026, 3, 1)))
    page = open_page(qtbot, SalePointsPage, sample_db)
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "mien dong")  # the products carried are searchable
    assert page.proxy.rowCount() == 1 and page.proxy.index(0, 0).data() == "Điểm bán OCOP Trùng Khánh"
    page.search.clear()
    for combo, value, name in ((page.commune_filter, 1489, "Showroom nông sản Đình Phong"),
                               (page.year_filter, 2024, "Điểm bán OCOP Trùng Khánh"),
                               (page.kind_filter, "showroom", "Showroom nông sản Đình Phong"),
                               (page.status_filter, "closed", "Showroom nông sản Đình Phong")):
        combo.setCurrentIndex(combo.findData(value))
        assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == [name]
        combo.setCurrentIndex(0)
    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    page.table.setFocus()
    page.table.selectRow(0)
    first = page.current_row()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    with sample_db.read_session() as s:
        assert s.get(SalePoint, first.id).deleted
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    with sample_db.read_session() as s:
        assert not s.get(SalePoint, first.id).deleted


def test_the_cycle_section_has_both_tabs(qtbot, db) -> None:  # noqa: ANN001
    page = CyclePage(db, autoload=False)
    qtbot.addWidget(page)
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs[tabs.index("Xúc tiến thương mại") + 1] == "Điểm bán sản phẩm OCOP"
    assert isinstance(page.show_tab("sale_points"), SalePointsPage)
