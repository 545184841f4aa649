"""Issue 10 §6: the events a product was shown at appear in its History tab, and the events a
producer took part in in the producer's History tab (real dialogs, a real SQLite file)."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop_desktop.services import history
from ocop_desktop.services import trade_events as te
from ocop_desktop.services.trade_events import Booth, TradeEventData
from ocop_desktop.ui.dialogs.producer_dialog import ProducerDialog
from ocop_desktop.ui.dialogs.product_dialog import ProductDialog

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints")


def _open(qtbot, dialog):  # noqa: ANN001, ANN202
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _two_events(db) -> tuple[str, str]:  # noqa: ANN001
    prod = db.sample_ids["Miến dong Phia Đén"]
    with db.read_session() as s:
        from ocop_desktop.models import Product

        pid = s.get(Product, prod).producer_id
    with db.session() as s:
        te.create_event(s, TradeEventData(
            name="Hội chợ OCOP Hà Nội 2026", kind="fair", start_date=dt.date(2026, 10, 8),
            end_date=dt.date(2026, 10, 12), scope="national", place="Hà Nội",
            participants=[Booth(pid, [prod], 2, 85_000_000)]))
        te.create_event(s, TradeEventData(
            name="Phiên livestream bán hàng OCOP", kind="ecommerce", start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 6, 1), scope="province", participants=[Booth(pid, [], 1)]))
    return pid, prod


def test_the_histories_list_the_events(sample_db) -> None:  # noqa: ANN001
    pid, prod = _two_events(sample_db)
    with sample_db.read_session() as s:
        product_rows = [(e.when, e.title, e.detail) for e in history.product_history(s, prod)
                        if e.kind == history.TRADE_EVENT]
        producer_rows = [(e.when, e.title) for e in history.producer_history(s, pid)]
    assert product_rows == [("08/10/2026 – 12/10/2026", "Hội chợ OCOP Hà Nội 2026",
                             "Hội chợ, Hà Nội, 2 gian hàng, doanh thu 85.000.000 đ")]  # not shown at the livestream
    assert producer_rows == [("08/10/2026 – 12/10/2026", "Hội chợ OCOP Hà Nội 2026"),
                             ("01/06/2025", "Phiên livestream bán hàng OCOP")]


def test_the_dialogs_show_the_events(qtbot, sample_db) -> None:  # noqa: ANN001
    pid, prod = _two_events(sample_db)
    d = _open(qtbot, ProductDialog(sample_db, product_id=prod))
    d.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: d.history_view.has_loaded, timeout=10_000)
    assert ("08/10/2026 – 12/10/2026", "Hội chợ OCOP Hà Nội 2026",
            "Hội chợ, Hà Nội, 2 gian hàng, doanh thu 85.000.000 đ", "") in d.history_view.texts()
    d.reject()
    p = _open(qtbot, ProducerDialog(sample_db, producer_id=pid))
    assert [p.tabs.tabText(i) for i in range(p.tabs.count())] == ["Thông tin", "Sản phẩm", "Lịch sử"]
    p.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: p.history_view.has_loaded, timeout=10_000)
    assert [row[1] for row in p.history_view.texts()] == ["Hội chợ OCOP Hà Nội 2026", "Phiên livestream bán hàng OCOP"]
    p.reject()


def test_a_producer_without_events(qtbot, db) -> None:  # noqa: ANN001
    from ocop_desktop.services import producers

    with db.session() as s:
        producer_id = producers.create_producer(s, producers.ProducerData(
            kind="ho_sx", name="Hộ Nông Văn Thắng", commune_code=1477)).id
    p = _open(qtbot, ProducerDialog(db, producer_id=producer_id))
    p.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: p.history_view.has_loaded, timeout=10_000)
    assert p.history_view.texts() == [] and "chưa" in p.history_view.message.text()
    p.reject()
