"""Issue 9 §4: a product's dialog shows its history (evaluations, decisions, certificates);
a producer's dialog lists its products and "Thêm sản phẩm" adds one (the list refreshes)."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop_desktop.services import decisions, evaluations
from ocop_desktop.ui import ops
from ocop_desktop.ui.dialogs.producer_dialog import ProducerDialog
from ocop_desktop.ui.dialogs.product_dialog import ProductDialog

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints")

MIEN = "Miến dong Phia Đén"
PHIA_DEN = "Hợp tác xã Nông nghiệp Phia Đén"
TODAY = dt.date.today()


def _open(qtbot, dialog):  # noqa: ANN001, ANN202
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)


def test_the_product_dialog_shows_the_history(qtbot, sample_db, set_role) -> None:  # noqa: ANN001
    pid = sample_db.sample_ids[MIEN]
    set_role(sample_db, "province")
    with sample_db.session() as s:
        evaluations.create_evaluation(s, pid, "self", TODAY.year, 1)
        decisions.record_recognition(s, decisions.DecisionData(
            number="12/QĐ-UBND", date=TODAY, authority="Ủy ban nhân dân tỉnh Cao Bằng", level="province",
            signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH"), [(pid, 4)])
        number = decisions.list_certificates(s, product_id=pid)[0].number
    d = _open(qtbot, ProductDialog(sample_db, product_id=pid))
    assert d.tabs is not None and d.tabs.tabText(1) == "Lịch sử"
    assert not d.history_view.has_loaded  # loaded when the tab is first shown
    d.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: d.history_view.has_loaded, timeout=10_000)
    rows = d.history_view.texts()
    titles = [r[1] for r in rows]
    assert f"Quyết định công nhận {'12/QĐ-UBND'}" in titles
    assert f"Giấy chứng nhận {number}" in titles
    assert any(t.startswith("Tự đánh giá") for t in titles), titles
    cert = next(r for r in rows if r[1] == f"Giấy chứng nhận {number}")
    assert cert[0] == TODAY.strftime("%d/%m/%Y") and cert[3] == "Còn hiệu lực" and "4 sao" in cert[2]
    d.reject()
    _idle(qtbot)


def test_a_product_without_history_and_a_new_product(qtbot, sample_db) -> None:  # noqa: ANN001
    d = _open(qtbot, ProductDialog(sample_db, product_id=sample_db.sample_ids["Homestay Bản Thôm"]))
    d.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: d.history_view.has_loaded, timeout=10_000)
    assert d.history_view.texts() == [] and "chưa có" in d.history_view.message.text()
    d.reject()
    new = _open(qtbot, ProductDialog(sample_db))
    assert new.tabs is None and new.history_view is None  # nothing to show before the first save
    new.reject()
    _idle(qtbot)


def test_the_producer_dialog_lists_and_adds_products(qtbot, sample_db) -> None:  # noqa: ANN001
    producer_id = sample_db.sample_ids[PHIA_DEN]
    d = _open(qtbot, ProducerDialog(sample_db, producer_id=producer_id))
    assert d.tabs.tabText(1) == "Sản phẩm"
    d.tabs.setCurrentIndex(1)
    view = d.products_view
    qtbot.waitUntil(lambda: view.has_loaded, timeout=10_000)
    assert sorted(r[0] for r in view.texts()) == ["Bột dong riềng Phia Đén", MIEN]
    assert view.add_button.text() == "Thêm sản phẩm…"

    add = view.add_product()
    qtbot.waitExposed(add)
    assert add.product_id is None and add.producer_combo.value() == producer_id  # the producer preset
    add.name_edit.setText("Miến dong sợi to Phia Đén")
    add.set_combo.set_value(6)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        add.save()
    assert add.saved_id and d.products_added == [add.saved_id]
    assert "Miến dong sợi to Phia Đén" in [r[0] for r in view.texts()] and len(view.texts()) == 3

    row = next(i for i, r in enumerate(view.texts()) if r[0] == MIEN)
    view.table.doubleClicked.emit(view.table.model().index(row, 0))  # opens the product to edit
    edit = view.dialog
    assert edit is not add and edit.product_id == sample_db.sample_ids[MIEN]
    edit.name_edit.setText("Miến dong Phia Đén loại 1")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        edit.save()
    assert "Miến dong Phia Đén loại 1" in [r[0] for r in view.texts()] and len(d.products_added) == 2
    d.reject()  # the producer itself unchanged: no question asked
    _idle(qtbot)


def test_a_new_producer_has_no_products_tab(qtbot, sample_db) -> None:  # noqa: ANN001
    d = _open(qtbot, ProducerDialog(sample_db))
    assert d.tabs is None and d.products_view is None
    d.reject()
