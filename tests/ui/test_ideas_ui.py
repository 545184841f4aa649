"""The *Ý tưởng sản phẩm* tab and dialog, driven with the keyboard on a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from ocop_desktop.models import Product, ProductIdea
from ocop_desktop.services import ideas
from ocop_desktop.ui import ops
from ocop_desktop.ui.cycle.cycle_page import CyclePage
from ocop_desktop.ui.cycle.idea_dialog import IdeaDialog
from ocop_desktop.ui.cycle.ideas_page import IdeasPage
from ocop_desktop.ui.pages import record_actions
from tests.ui.test_dialogs import choose, type_into

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

PHIA_DEN = "Hợp tác xã Nông nghiệp Phia Đén"


def _seed(db) -> dict[str, str]:  # noqa: ANN001
    with db.session() as s:
        a = ideas.create_idea(s, ideas.IdeaData(
            name="Trà hoa vàng Phia Đén", proposer_name="Nhóm hộ xóm Bản Thôm", received_on=dt.date(2025, 4, 2),
            commune_code=1477, origin="tradition", status="accepted", screened_on=dt.date(2025, 4, 20)))
        b = ideas.create_idea(s, ideas.IdeaData(
            name="Mật ong bạc hà", proposer_name="Tổ hợp tác ong Đàm Thuỷ", received_on=dt.date(2026, 3, 9),
            commune_code=1501, product_set=3, origin="raw_material"))
        return {"tra": a.id, "mat": b.id}


def _page(qtbot, db) -> IdeasPage:  # noqa: ANN001
    page = IdeasPage(db)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def _names(page) -> list[str]:  # noqa: ANN001
    return [page.proxy.row_object(i).name for i in range(page.proxy.rowCount())]


def _idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)


def test_the_tab_is_in_the_cycle_section(qtbot, sample_db) -> None:  # noqa: ANN001
    page = CyclePage(sample_db)
    qtbot.addWidget(page)
    assert page.tabs.tabText(0) == "Ý tưởng sản phẩm"
    assert isinstance(page.page("ideas"), IdeasPage)
    _idle(qtbot)


def test_search_and_filters_by_commune_year_and_status(qtbot, sample_db) -> None:  # noqa: ANN001
    _seed(sample_db)
    page = _page(qtbot, sample_db)
    assert _names(page) == ["Mật ong bạc hà", "Trà hoa vàng Phia Đén"]  # by name
    assert page.count_label.text() == "2 / 2 ý tưởng"
    page.search.setText("tra hoa vang")  # accents folded
    assert _names(page) == ["Trà hoa vàng Phia Đén"]
    page.search.clear()
    page.year_filter.setCurrentIndex(page.year_filter.findData(2026))
    assert _names(page) == ["Mật ong bạc hà"]
    page.clear_filters()
    page.status_filter.setCurrentIndex(page.status_filter.findData("accepted"))
    assert _names(page) == ["Trà hoa vàng Phia Đén"]
    page.clear_filters()
    page.commune_filter.setCurrentIndex(page.commune_filter.findData(1501))
    assert _names(page) == ["Mật ong bạc hà"]


def test_delete_with_undo_from_the_keyboard(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    ids = _seed(sample_db)
    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    page = _page(qtbot, sample_db)
    page.focus_search()
    qtbot.keyClicks(page.search, "mat ong")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # to the results
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    with sample_db.read_session() as s:
        assert s.get(ProductIdea, ids["mat"]).deleted
    assert page.undo_bar.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    with sample_db.read_session() as s:
        assert not s.get(ProductIdea, ids["mat"]).deleted
    _idle(qtbot)


def test_ctrl_n_new_idea_typed_with_the_keyboard(qtbot, sample_db) -> None:  # noqa: ANN001
    page = _page(qtbot, sample_db)

    def fill() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, IdeaDialog)
        type_into(qtbot, d.name_edit, "Miến dong sợi nhỏ")
        choose(qtbot, d.commune_combo, "trung khanh")
        type_into(qtbot, d.proposer_edit, "Nhóm hộ làm miến Phia Đén")
        type_into(qtbot, d.received_edit.edit, "05/03/2026")
        qtbot.keyClick(d, Qt.Key.Key_Return)  # Enter saves

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.new_record()  # what Ctrl+N calls on the current tab
    assert _names(page) == ["Miến dong sợi nhỏ"]
    assert page.current_row().proposer == "Nhóm hộ làm miến Phia Đén"


def test_bad_input_shows_under_the_field_and_saves_nothing(qtbot, sample_db, modals) -> None:  # noqa: ANN001
    d = IdeaDialog(sample_db)
    qtbot.addWidget(d)
    d.show()
    type_into(qtbot, d.name_edit, "Miến dong")
    choose(qtbot, d.commune_combo, "trung khanh")
    type_into(qtbot, d.received_edit.edit, "10/03/2026")
    d.status_combo.setCurrentIndex(d.status_combo.findData("accepted"))
    type_into(qtbot, d.screened_on_edit.edit, "01/03/2026")
    type_into(qtbot, d.phone_edit, "12345")
    d.save()
    assert d.result() != QDialog.DialogCode.Accepted
    assert "trước ngày tiếp nhận" in d.error_for("screened_on")
    assert "chọn chủ thể" in d.error_for("proposer_name")
    assert "số điện thoại" in d.error_for("proposer_phone")
    type_into(qtbot, d.received_edit.edit, "31/02/2026")
    d.validate()
    assert "“31/02/2026” không phải ngày tháng" in d.error_for("received_on")
    with sample_db.read_session() as s:
        assert s.query(ProductIdea).count() == 0
    d.reject()


def test_create_product_from_the_dialog_once(qtbot, sample_db, modals) -> None:  # noqa: ANN001
    d = IdeaDialog(sample_db)
    qtbot.addWidget(d)
    d.show()
    type_into(qtbot, d.name_edit, "Miến dong Phia Đén loại đặc biệt")
    choose(qtbot, d.producer_combo, "phia den")
    choose(qtbot, d.set_combo, "che bien tu gao")
    choose(qtbot, d.commune_combo, "trung khanh")
    type_into(qtbot, d.received_edit.edit, "05/03/2026")
    assert not d.proposer_edit.isEnabled()  # a producer proposes under its own name
    qtbot.keyClick(d.make_button, Qt.Key.Key_Space)
    assert d.result() == QDialog.DialogCode.Accepted and d.made_product_id, (d.errors, d.set_combo.currentText())
    with sample_db.read_session() as s:
        product = s.get(Product, d.made_product_id)
        assert product.name == "Miến dong Phia Đén loại đặc biệt"
        idea = s.get(ProductIdea, d.saved_id)
        assert (idea.product_id, idea.status) == (product.id, "product")
    again = IdeaDialog(sample_db, idea_id=d.saved_id)
    qtbot.addWidget(again)
    assert not again.make_button.isEnabled()
    assert "Miến dong Phia Đén loại đặc biệt" in again.product_label.text()
    assert again.status_combo.currentData() == "product"


def test_create_product_refused_without_producer_writes_nothing(qtbot, sample_db, modals) -> None:  # noqa: ANN001
    d = IdeaDialog(sample_db)
    qtbot.addWidget(d)
    d.show()
    type_into(qtbot, d.name_edit, "Bánh khảo")
    choose(qtbot, d.commune_combo, "trung khanh")
    type_into(qtbot, d.proposer_edit, "Bà Hoàng Thị Lan")
    type_into(qtbot, d.received_edit.edit, "05/03/2026")
    d.make_product()
    assert d.result() != QDialog.DialogCode.Accepted
    assert "Bà Hoàng Thị Lan" in d.error_for("producer_id")
    assert d.error_for("product_set")
    with sample_db.read_session() as s:
        assert s.query(ProductIdea).count() == 0
    d.reject()


def test_product_and_producer_history_show_the_idea(qtbot, sample_db) -> None:  # noqa: ANN001
    from ocop_desktop.services import evaluations
    from ocop_desktop.ui.dialogs.producer_dialog import ProducerDialog
    from ocop_desktop.ui.dialogs.product_dialog import ProductDialog

    with sample_db.read_session() as s:
        producer_id = s.get(Product, sample_db.sample_ids["Miến dong Phia Đén"]).producer_id
    with sample_db.session() as s:
        evaluations.create_evaluation(s, sample_db.sample_ids["Miến dong Phia Đén"], "self", 2026, 1)
        idea = ideas.create_idea(s, ideas.IdeaData(
            name="Bánh cuốn Phia Đén", producer_id=producer_id, received_on=dt.date(2026, 2, 3), commune_code=1477,
            product_set=6, origin="tradition"))
        product_id = ideas.make_product(s, idea.id).id
    d = ProductDialog(sample_db, product_id=product_id)
    qtbot.addWidget(d)
    d.show()
    d.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: d.history_view.has_loaded, timeout=10_000)
    (row,) = d.history_view.texts()
    assert row[:2] == ("03/02/2026", "Ý tưởng sản phẩm “Bánh cuốn Phia Đén”")
    assert PHIA_DEN in row[2] and row[3] == "Đã thành sản phẩm"
    p = ProducerDialog(sample_db, producer_id=producer_id)
    qtbot.addWidget(p)
    p.show()
    p.tabs.setCurrentIndex(2)
    assert p.tabs.tabText(2) == "Lịch sử"
    qtbot.waitUntil(lambda: p.history_view.has_loaded, timeout=10_000)
    titles = [r[1] for r in p.history_view.texts()]
    assert titles.count("Ý tưởng sản phẩm “Bánh cuốn Phia Đén”") == 1  # once, not again under the product
    assert any(t.startswith("Miến dong Phia Đén: ") for t in titles), titles  # its products' histories
    _idle(qtbot)
