"""The *Xúc tiến thương mại* tab and the event dialog, driven with the keyboard on real widgets
and a real SQLite file: typing an event with a booth, bad input shown under its field with nothing
saved, search, filters, delete with Undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select
from test_dialogs import choose, open_dialog, type_into, type_keys
from test_list_pages import names, open_page

from ocop_desktop.models import TradeEvent
from ocop_desktop.services import producers, products
from ocop_desktop.services import trade_events as te
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData
from ocop_desktop.services.trade_events import Booth, TradeEventData
from ocop_desktop.ui.cycle.event_dialog import EventDialog
from ocop_desktop.ui.cycle.events_page import EventsPage
from ocop_desktop.ui.pages import record_actions

pytestmark = [pytest.mark.usefixtures("modals"), pytest.mark.qt_log_ignore("This plugin does not support")]


def _seed(db) -> tuple[str, str]:  # noqa: ANN001
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(kind="htx", name="HTX Miến dong Phia Đén",
                                                        identifier="0101248141", commune_code=1477)).id
        prod = products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid, product_set=6,
                                                      status="dang_ky")).id
    return pid, prod


def _count(db) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(TradeEvent))


def _fill(qtbot, d: EventDialog) -> None:  # noqa: ANN001
    type_into(qtbot, d.name_edit, "Hội chợ OCOP Hà Nội 2026")
    type_into(qtbot, d.start_edit.edit, "8/10/2026")
    type_into(qtbot, d.end_edit.edit, "12/10/2026")
    d.scope_combo.setFocus()
    qtbot.keyClick(d.scope_combo, Qt.Key.Key_Down)  # "elsewhere in Vietnam"
    type_into(qtbot, d.place_edit, "Cung Văn hóa Hữu nghị, Hà Nội")


def test_an_event_with_a_booth_is_typed_and_saved(qtbot, db) -> None:  # noqa: ANN001
    pid, prod = _seed(db)
    d = open_dialog(qtbot, EventDialog(db))
    _fill(qtbot, d)
    type_into(qtbot, d.cost_edit, "120000000")
    qtbot.keyClick(d.cost_edit, Qt.Key.Key_Return)  # leaving the field tidies it; Enter here would save too early
    d.booths_editor.add_button.setFocus()
    qtbot.keyClick(d.booths_editor.add_button, Qt.Key.Key_Space)
    row = d.booths_editor.rows[0]
    assert d.focusWidget() is row.producer_combo or row.producer_combo.isAncestorOf(d.focusWidget())
    choose(qtbot, row.producer_combo, "mien dong")
    assert row.producer_combo.value() == pid
    row.products_menu.actions()[0].trigger()  # what Enter on the menu's first item does
    assert row.products_button.text() == "Miến dong Phia Đén"
    row.booths_spin.setFocus()
    row.booths_spin.selectAll()
    qtbot.keyClicks(row.booths_spin, "2")
    type_into(qtbot, row.sales_edit, "85.000.000")
    d.validate()
    assert d.error_for("funding") == "Nguồn kinh phí: cho biết ai chi trả kinh phí."
    d.funding_combo.setFocus()
    qtbot.keyClick(d.funding_combo, Qt.Key.Key_Down)
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)  # Enter saves (the default button)
    assert d.result() == QDialog.DialogCode.Accepted, d.errors
    with db.read_session() as s:
        data = te.get_event(s, d.saved_id)
    assert data.cost == 120_000_000 and data.scope == "national" and data.funding == "ntm"
    assert data.end_date == dt.date(2026, 10, 12)
    assert data.participants == [Booth(pid, [prod], 2, 85_000_000)]


def test_an_end_before_the_start_is_shown_under_the_end_date_and_nothing_is_saved(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, EventDialog(db))
    _fill(qtbot, d)
    type_into(qtbot, d.end_edit.edit, "1/10/2026")
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)
    assert d.error_for("end_date") == "Ngày kết thúc: 01/10/2026 trước ngày bắt đầu 08/10/2026."
    assert d.focusWidget() is d.end_edit.edit  # the first bad field has the keyboard
    assert d.result() != QDialog.DialogCode.Accepted and _count(db) == 0


@pytest.mark.parametrize(("text", "message"), [
    ("-5000", "Kinh phí: số tiền không được âm."),
    ("năm triệu", "Kinh phí: “năm triệu” không phải số tiền (đồng); chỉ gõ chữ số, ví dụ 903.000.000."),
])
def test_a_bad_cost_is_shown_under_the_cost_and_nothing_is_saved(qtbot, db, text: str, message: str) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, EventDialog(db))
    _fill(qtbot, d)
    d.cost_edit.setFocus()
    type_keys(qtbot, d.cost_edit, text)
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)
    assert d.error_for("cost") == message and d.error_for("funding") == ""
    assert d.result() != QDialog.DialogCode.Accepted and _count(db) == 0


def test_booth_sales_over_the_total_are_refused(qtbot, db) -> None:  # noqa: ANN001
    pid, prod = _seed(db)
    d = open_dialog(qtbot, EventDialog(db))
    _fill(qtbot, d)
    type_into(qtbot, d.sales_edit, "50000000")
    row = d.booths_editor.add_row()
    choose(qtbot, row.producer_combo, "mien dong")
    type_into(qtbot, row.sales_edit, "85000000")
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)
    assert d.error_for("sales") == ("Tổng doanh thu: doanh thu của các gian hàng cộng lại là 85.000.000 đ, "
                                    "vượt tổng 50.000.000 đ.")
    assert _count(db) == 0


def _event(db, name: str, start: dt.date, producer_id: str | None = None, kind: str = "fair") -> str:  # noqa: ANN001
    with db.session() as s:
        return te.create_event(s, TradeEventData(
            name=name, kind=kind, start_date=start, end_date=start, scope="province", place="Cao Bằng",
            participants=[Booth(producer_id)] if producer_id else [])).id


def test_the_page_searches_filters_and_deletes_with_undo(qtbot, db, monkeypatch) -> None:  # noqa: ANN001
    pid, _prod = _seed(db)
    _event(db, "Hội chợ Nông sản Cao Bằng", dt.date(2025, 11, 20), pid)
    _event(db, "Tuần lễ bán hàng trên sàn TMĐT", dt.date(2026, 6, 1), kind="ecommerce")
    page = open_page(qtbot, EventsPage, db)
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "hoi cho nong san")
    assert [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())] == ["Hội chợ Nông sản Cao Bằng"]
    page.search.clear()
    qtbot.keyClicks(page.search, "phia den")  # a producer's name finds its events
    assert page.proxy.rowCount() == 1
    page.search.clear()
    page.year_filter.setCurrentIndex(page.year_filter.findData(2026))
    assert page.proxy.rowCount() == 1
    page.year_filter.setCurrentIndex(0)
    page.commune_filter.setCurrentIndex(page.commune_filter.findData(1477))
    assert page.proxy.rowCount() == 1
    page.commune_filter.setCurrentIndex(0)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("ecommerce"))
    assert page.proxy.rowCount() == 1 and page.proxy.index(0, 2).data() == "Chiến dịch thương mại điện tử"
    page.kind_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("held"))
    assert page.proxy.rowCount() == 2
    page.status_filter.setCurrentIndex(0)

    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    page.table.setFocus()
    page.table.selectRow(0)
    first = page.current_row()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert first.name not in [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]
    with db.read_session() as s:
        assert s.get(TradeEvent, first.id).deleted
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    with db.read_session() as s:
        assert not s.get(TradeEvent, first.id).deleted
    assert names(page)  # both rows again


def test_ctrl_n_and_enter_open_the_dialog(qtbot, db, monkeypatch) -> None:  # noqa: ANN001
    _event(db, "Hội chợ Nông sản Cao Bằng", dt.date(2025, 11, 20))
    opened = []
    monkeypatch.setattr(EventsPage, "open_record", lambda self, rid: opened.append(rid))
    page = open_page(qtbot, EventsPage, db)
    page.new_record()
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [None, page.current_row().id]


def test_the_dialog_opens_an_event_and_keeps_its_booths(qtbot, db) -> None:  # noqa: ANN001
    pid, prod = _seed(db)
    with db.session() as s:
        eid = te.create_event(s, TradeEventData(
            name="Hội chợ Nông sản Cao Bằng", kind="fair", start_date=dt.date(2025, 11, 20),
            end_date=dt.date(2025, 11, 24), scope="province", participants=[Booth(pid, [prod], 3, 12_000_000)])).id
    d = open_dialog(qtbot, EventDialog(db, event_id=eid))
    row = d.booths_editor.rows[0]
    assert row.producer_combo.value() == pid and row.booths_spin.value() == 3
    assert row.sales_edit.text() == "12.000.000 đ" and row.products_button.text() == "Miến dong Phia Đén"
    assert not d.has_changes()


def test_booth_sales_typed_as_words_are_shown_under_the_booths(qtbot, db) -> None:  # noqa: ANN001
    _seed(db)
    d = open_dialog(qtbot, EventDialog(db))
    _fill(qtbot, d)
    row = d.booths_editor.add_row()
    choose(qtbot, row.producer_combo, "mien dong")
    type_into(qtbot, row.sales_edit, "-85000000")
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)
    assert d.error_for("participants") == "Gian hàng 1: doanh thu: số tiền không được âm."
    assert row.sales_edit.property("invalid") and d.focusWidget() is row.sales_edit
    assert d.result() != QDialog.DialogCode.Accepted and _count(db) == 0
