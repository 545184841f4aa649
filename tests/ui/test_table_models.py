"""The list models and the mask-based filter/sort proxy, on rows from the real services."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ocop_desktop.services.producers import list_producers
from ocop_desktop.services.products import list_products
from ocop_desktop.ui.table_models import (
    ObjectRole,
    ProducerTableModel,
    ProductTableModel,
    RecordFilterProxy,
    SortRole,
)
from ocop_desktop.ui.widgets.commune_picker import CommuneFilterProxy, CommuneListModel


def _products(db):  # noqa: ANN001, ANN202
    with db.read_session() as s:
        return list_products(s, include_deleted=True)


def _producers(db):  # noqa: ANN001, ANN202
    with db.read_session() as s:
        return list_producers(s, include_deleted=True)


def _proxy(model_cls, rows):  # noqa: ANN001, ANN202
    model = model_cls()
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    return model, proxy


def _names(proxy: RecordFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester, sample_db) -> None:  # noqa: ANN001
    for model_cls, rows in ((ProducerTableModel, _producers(sample_db)), (ProductTableModel, _products(sample_db))):
        model, proxy = _proxy(model_cls, rows)
        qtmodeltester.check(model)
        qtmodeltester.check(proxy)
        proxy.set_search("trung khanh")
        proxy.sort(1, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(proxy)


def test_roles(sample_db) -> None:  # noqa: ANN001
    model, proxy = _proxy(ProductTableModel, _products(sample_db))
    row = proxy.index(0, 0).data(ObjectRole)
    assert proxy.index(0, 0).data() == row.name
    assert isinstance(proxy.index(0, model.column_of("status")).data(SortRole), int)
    assert model.headerData(0, Qt.Orientation.Horizontal) == model.headerData(0, Qt.Orientation.Horizontal,
                                                                              Qt.ItemDataRole.DisplayRole)


@pytest.mark.parametrize("query", [
    "mien dong phia den",
    "MIEN DONG",
    "Miến dong Phia Đén",
    unicodedata.normalize("NFD", "miến dong phia đén"),
    "phia den mien",  # word order does not matter
])
def test_accent_insensitive_search(sample_db, query: str) -> None:  # noqa: ANN001
    _model, proxy = _proxy(ProductTableModel, _products(sample_db))
    proxy.set_search(query)
    assert _names(proxy) == ["Miến dong Phia Đén"]


def test_search_matches_producer_and_commune(sample_db) -> None:  # noqa: ANN001
    _model, proxy = _proxy(ProductTableModel, _products(sample_db))
    proxy.set_search("thach an")
    assert set(_names(proxy)) == {"Thạch đen Thạch An", "Thạch đen khô Thạch An"}
    proxy.set_search("dam thuy")  # the commune "Xã Đàm Thuỷ"
    assert len(_names(proxy)) == 6
    proxy.set_search("no such thing")
    assert proxy.rowCount() == 0
    proxy.set_search("")
    assert proxy.rowCount() == len(_products(sample_db))


def test_predicates_combine_with_search(sample_db) -> None:  # noqa: ANN001
    rows = _products(sample_db)
    _model, proxy = _proxy(ProductTableModel, rows)
    proxy.set_predicate("stars", lambda r: r.stars == 4)
    assert proxy.rowCount() == sum(1 for r in rows if r.stars == 4) == 6
    proxy.set_search("trung khanh")
    assert set(_names(proxy)) == {"Hạt dẻ Trùng Khánh rang", "Mật ong hoa bạc hà Bản Giốc",
                                  "Miến dong Phia Đén", "Trà Kolia Cao Bằng"}
    proxy.set_predicate("stars", None)
    assert proxy.rowCount() == sum(1 for r in rows if "trung khanh" in r.search_text) == 8
    assert proxy.count_passing("stars") == len(proxy.sourceModel().all_rows()) == len(rows)


def test_header_sorting_and_name_order(qtbot, sample_db) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QTableView

    model, proxy = _proxy(ProducerTableModel, _producers(sample_db))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = _names(proxy)
    # Vietnamese order without the marks: "Hộ …" before "Hợp tác xã …" before "HTX …".
    assert names == sorted(names, key=lambda n: unicodedata.normalize("NFD", n.replace("Đ", "D")).encode(
        "ascii", "ignore").lower())
    view.sortByColumn(model.column_of("products"), Qt.SortOrder.DescendingOrder)
    counts = [proxy.index(r, 0).data(ObjectRole).product_count for r in range(proxy.rowCount())]
    assert counts == sorted(counts, reverse=True)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _names(proxy) == names[::-1]
    view.horizontalHeader().sectionClicked.emit(model.column_of("commune"))


def test_sort_keeps_selection_and_filter(sample_db) -> None:  # noqa: ANN001
    rows = _products(sample_db)
    model, proxy = _proxy(ProductTableModel, rows)
    proxy.set_search("ban gioc")
    target = proxy.index(1, 0)
    name = target.data()
    keep = QPersistentModelIndex(target)
    proxy.sort(model.column_of("code"), Qt.SortOrder.DescendingOrder)
    assert keep.isValid() and keep.data() == name
    assert set(_names(proxy)) == {r.name for r in rows if "ban gioc" in r.search_text}
    assert len(_names(proxy)) == 4
    codes = [proxy.index(r, 1).data() for r in range(proxy.rowCount())]
    assert codes == sorted(codes, reverse=True)


def test_reload_keeps_sort_and_search(sample_db) -> None:  # noqa: ANN001
    model, proxy = _proxy(ProductTableModel, _products(sample_db))
    proxy.sort(model.column_of("status"), Qt.SortOrder.AscendingOrder)
    proxy.set_search("dong")
    before = _names(proxy)
    rows = _products(sample_db)
    model.set_rows([dataclasses.replace(r) for r in rows])
    assert _names(proxy) == before


def test_deleted_rows_are_grey_and_italic(sample_db) -> None:  # noqa: ANN001
    rows = _products(sample_db)
    rows[0] = dataclasses.replace(rows[0], deleted=True)
    model, _proxy_ = _proxy(ProductTableModel, rows)
    i = model.row_of(rows[0].id)
    assert model.index(i, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(i, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(i, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.rowCount(model.index(0, 0)) == 0 and model.rowCount(QModelIndex()) == len(rows)


def test_commune_picker_model(qtmodeltester) -> None:  # noqa: ANN001
    model = CommuneListModel()
    model.set_province(4, [1477, 1489])
    proxy = CommuneFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    proxy.set_search("dinh phong")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Xã Đình Phong"]
    proxy.set_search("")
    proxy.set_only_checked(True)
    assert proxy.rowCount() == 2
    assert model.checked_codes() == [1489, 1477] or sorted(model.checked_codes()) == [1477, 1489]
