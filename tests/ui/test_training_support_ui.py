"""The *Tập huấn* and *Hỗ trợ* tabs and their dialogs, driven with the keyboard on real files."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ocop_desktop.models import Support, TrainingClass
from ocop_desktop.services import producers, support, training
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.support import SupportData
from ocop_desktop.services.training import TrainingData
from ocop_desktop.ui.cycle.cycle_page import CyclePage
from ocop_desktop.ui.cycle.support_dialog import SupportDialog
from ocop_desktop.ui.cycle.support_page import SupportPage
from ocop_desktop.ui.cycle.training_dialog import TrainingDialog
from ocop_desktop.ui.cycle.training_page import TrainingPage
from ocop_desktop.ui.pages import record_actions

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _producer(db, name: str = "HTX Nông sản Thạch An") -> str:  # noqa: ANN001
    with db.session() as s:
        return producers.create_producer(s, ProducerData(kind="ho_sx", name=name, commune_code=1477)).id


def _type(qtbot, widget, text: str) -> None:  # noqa: ANN001
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_training_dialog_by_keyboard_refuses_sub_counts_then_saves(qtbot, db, modals) -> None:  # noqa: ANN001
    pid = _producer(db)
    dialog = TrainingDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.title_edit, "Tap huan thuong mai dien tu")  # keyClicks types ASCII only
    _type(qtbot, dialog.start_edit.edit, "15/09/2026")
    _type(qtbot, dialog.end_edit.edit, "14/09/2026")
    dialog.learners_spin.setFocus()
    dialog.learners_spin.selectAll()
    qtbot.keyClicks(dialog.learners_spin.lineEdit(), "30")
    dialog.women_spin.selectAll()
    qtbot.keyClicks(dialog.women_spin.lineEdit(), "31")
    _type(qtbot, dialog.cost_edit, "-2.000.000")
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    assert dialog.saved_id is None
    assert "trước ngày bắt đầu" in dialog.error_for("end_date")
    assert "nhiều hơn" in dialog.error_for("learners_women")
    assert "âm" in dialog.error_for("cost")
    with db.read_session() as s:
        assert s.query(TrainingClass).count() == 0
    dialog.end_edit.edit.selectAll()
    qtbot.keyClicks(dialog.end_edit.edit, "16/09/2026")
    dialog.women_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.women_spin.lineEdit(), "18")
    dialog.cost_edit.selectAll()
    qtbot.keyClicks(dialog.cost_edit, "45000000")
    _type(qtbot, dialog.picker.search, "thach an")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.saved_id is None and dialog.picker.list.currentRow() == 0  # Enter in the search box does not save
    qtbot.keyClick(dialog.picker.list, Qt.Key.Key_Space)
    assert dialog.picker.producer_ids() == [pid]
    dialog.cost_edit.setFocus()
    qtbot.keyClick(dialog.cost_edit, Qt.Key.Key_Return)  # Enter tidies the amount and saves
    assert dialog.cost_edit.text() == "45.000.000 đ"
    assert dialog.saved_id, dialog.errors
    with db.read_session() as s:
        t = s.get(TrainingClass, dialog.saved_id)
        assert (t.learners, t.learners_women, t.cost, t.producer_ids) == (30, 18, 45_000_000, [pid])
        assert t.end_date == dt.date(2026, 9, 16)


def test_support_dialog_refuses_a_bad_amount_then_saves(qtbot, db, modals) -> None:  # noqa: ANN001
    pid = _producer(db)
    dialog = SupportDialog(db, producer_id=pid)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.amount_edit, "chin tram trieu")
    _type(qtbot, dialog.date_edit.edit, "20/11/2025")
    dialog.funding_combo.setFocus()
    qtbot.keyClick(dialog.funding_combo, Qt.Key.Key_Down)
    dialog.save()
    assert dialog.saved_id is None
    assert "số nguyên" in dialog.error_for("amount")
    dialog.amount_edit.selectAll()
    qtbot.keyClicks(dialog.amount_edit, "903.000.000")
    dialog.save()
    assert dialog.saved_id, dialog.errors
    with db.read_session() as s:
        rec = s.get(Support, dialog.saved_id)
        assert (rec.producer_id, rec.amount, rec.funding) == (pid, 903_000_000, "ntm")


def _fill(db) -> tuple[str, str]:  # noqa: ANN001
    pid = _producer(db)
    other = _producer(db, "HTX Chè Nguyên Bình")
    with db.session() as s:
        training.create_training(s, TrainingData(title="Tập huấn thương mại điện tử", topic="ecommerce",
                                                 start_date=dt.date(2026, 9, 15), learners=40, producer_ids=[pid]))
        training.create_training(s, TrainingData(title="An toàn thực phẩm", topic="food_safety",
                                                 start_date=dt.date(2025, 5, 2), learners=25))
        support.create_support(s, SupportData(producer_id=pid, kind="packaging", amount=45_150_000,
                                              funding="province", date=dt.date(2025, 11, 20)))
        support.create_support(s, SupportData(producer_id=other, kind="equipment", amount=80_000_000,
                                              funding="dtts", date=dt.date(2026, 3, 1)))
    return pid, other


def _open(qtbot, page_cls, db):  # noqa: ANN001, ANN201
    page = page_cls(db)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_training_page_searches_filters_and_deletes_with_undo(qtbot, db, monkeypatch, modals) -> None:  # noqa: ANN001
    _fill(db)
    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    page = _open(qtbot, TrainingPage, db)
    assert page.proxy.rowCount() == 2
    qtbot.keyClicks(page.search, "thuong mai dien tu")
    assert page.proxy.rowCount() == 1
    page.search.clear()
    qtbot.keyClicks(page.search, "nguyen binh")  # no class names it
    assert page.proxy.rowCount() == 0
    page.search.clear()
    page.year_filter.setCurrentIndex(page.year_filter.findData(2025))
    assert [page.proxy.row_object(0).title] == ["An toàn thực phẩm"] and page.proxy.rowCount() == 1
    page.year_filter.setCurrentIndex(0)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() or QApplication.focusWidget() is page.table
    page.select_proxy_row(0)
    rid = page.current_row().id
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    with db.read_session() as s:
        assert s.get(TrainingClass, rid).deleted
    assert page.proxy.rowCount() == 1
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.undo_bar.undo_button.click()
    with db.read_session() as s:
        assert not s.get(TrainingClass, rid).deleted


def test_support_page_filters_by_funding_and_shows_the_total(qtbot, db, modals) -> None:  # noqa: ANN001
    _fill(db)
    page = _open(qtbot, SupportPage, db)
    assert page.proxy.rowCount() == 2
    assert "125.150.000 đ" in page.count_label.text()
    page.funding_filter.setCurrentIndex(page.funding_filter.findData("dtts"))
    assert page.proxy.rowCount() == 1 and page.proxy.row_object(0).amount_text == "80.000.000 đ"
    assert "80.000.000 đ" in page.count_label.text()
    qtbot.keyClicks(page.search, "the khong co")
    assert page.proxy.rowCount() == 0


def test_the_cycle_section_has_the_two_tabs(qtbot, db, modals) -> None:  # noqa: ANN001
    page = CyclePage(db, autoload=False)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Tập huấn" in titles and "Hỗ trợ" in titles
    page.tabs.setCurrentIndex(titles.index("Hỗ trợ"))
    assert isinstance(page.page("support"), SupportPage)


def test_dated_lists_show_their_dates_whole(qtbot, db) -> None:  # noqa: ANN001
    """The date column comes first in the support, training and event lists: it keeps the width of
    its dates and another column (the producer, the title, the name) takes the width left."""
    from ocop_desktop.ui.cycle.events_page import EventsPage
    from ocop_desktop.ui.cycle.support_page import SupportPage
    from ocop_desktop.ui.cycle.training_page import TrainingPage

    for cls in (SupportPage, TrainingPage, EventsPage):
        page = cls(db)
        qtbot.addWidget(page)
        page.resize(1280, 700)
        page.show()
        qtbot.waitUntil(lambda p=page: p.has_loaded, timeout=10_000)
        header = page.table.horizontalHeader()
        assert header.sectionResizeMode(1) == header.ResizeMode.Stretch, cls.__name__
        assert page.table.columnWidth(0) >= page.fontMetrics().horizontalAdvance("23/10/2023"), cls.__name__
