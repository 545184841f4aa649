"""The Sync page's relay strip on real widgets against a real relay process: the field
office sends with "Gửi và nhận qua mạng"; the province (automatic import off) gets the
bundle in the same import preview as from a USB stick, imports it, and the relay is told;
settings refuse a bad address under its field; the province's offices-on-the-relay view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ocop_desktop.i18n import _
from ocop_desktop.models import Producer
from ocop_desktop.relay import config as relay_config
from ocop_desktop.ui import ops
from ocop_desktop.ui.sync import import_dialog
from ocop_desktop.ui.sync.import_dialog import ImportDialog
from ocop_desktop.ui.sync.relay_dialogs import RelayOfficesDialog, RelaySettingsDialog
from ocop_desktop.ui.sync.sync_page import SyncPage
from tests.sync.sync_samples import add_producer

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"), pytest.mark.usefixtures("modals")]
LEFT = Qt.MouseButton.LeftButton


def idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ops.running(), timeout=60_000)


def page_for(qtbot, db) -> SyncPage:  # noqa: ANN001
    page = SyncPage(db)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    idle(qtbot)
    return page


@pytest.fixture
def boxes(monkeypatch):  # noqa: ANN001, ANN201
    from ocop_desktop.ui import errors as ui_errors

    shown = []
    monkeypatch.setattr(ui_errors, "show_known_error", lambda parent, exc, title=None: shown.append(exc.message))
    return shown


def test_send_and_receive_through_the_relay(qtbot, offices, relay, boxes) -> None:  # noqa: ANN001
    f, p = offices
    relay_config.update(p, auto_apply=False)
    pid = add_producer(f, "HTX Miến dong Phia Đén")
    fpage = page_for(qtbot, f)
    panel = fpage.relay
    assert panel.state.info["reachable"] is True
    assert relay.url in panel.state_label.text() and _("reachable") in panel.state_label.text()
    assert panel.sync_btn.isEnabled() and not panel.offices_btn.isVisible()
    qtbot.mouseClick(panel.sync_btn, LEFT)
    assert panel.progress_row.isVisible()  # the work runs in the background; the window stays live
    idle(qtbot)
    assert len(panel.last_outcome.sent) == 1 and not panel.progress_row.isVisible()
    assert panel.state.info["queued_out"] == 0
    assert panel.counts_label.text().startswith(_("To send: {out} · Waiting on the relay: {relay} · Waiting for your review: "
                                                  "{here}. {auto}").split("{")[0] + "0")
    assert boxes == []

    ppage = page_for(qtbot, p)
    pp = ppage.relay
    assert pp.offices_btn.isVisible()  # the provincial office manages the relay's offices
    assert pp.state.info["waiting_on_relay"] == 1  # one bundle waits on the relay
    qtbot.mouseClick(pp.sync_btn, LEFT)
    qtbot.waitUntil(lambda: isinstance(ppage.dialog, ImportDialog), timeout=60_000)
    dialog = ppage.dialog
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.PREVIEW, timeout=20_000)
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.RESULT, timeout=20_000)
    qtbot.mouseClick(dialog.result_close, LEFT)
    idle(qtbot)
    with p.read_session() as s:
        assert s.get(Producer, pid).name == "HTX Miến dong Phia Đén"
    assert relay.waiting() == 0  # imported through the preview, then acknowledged on the relay
    assert not pp.review_btn.isVisible()
    assert boxes == []


def test_settings_refuse_a_bad_address_under_the_field(qtbot, offices, relay) -> None:  # noqa: ANN001
    f, _p = offices
    page = page_for(qtbot, f)
    dialog = page.relay.open_settings()
    assert isinstance(dialog, RelaySettingsDialog)
    dialog.url.setText("relay caobang")
    dialog.save()
    idle(qtbot)
    assert dialog.url_box.error.isVisibleTo(dialog) and dialog.isVisible()
    assert relay_config.get(f).url == relay.url  # nothing saved
    dialog.pin.setText("abc")
    dialog.url.setText(relay.url)
    dialog.save()
    idle(qtbot)
    assert dialog.pin_box.error.isVisibleTo(dialog)
    dialog.pin.setText("")
    dialog.minutes.setValue(15)
    dialog.save()
    idle(qtbot)
    assert not dialog.isVisible() and relay_config.get(f).auto_minutes == 15
    assert page.relay.timer.isActive() and page.relay.timer.interval() == 15 * 60_000


def test_province_sees_and_removes_offices(qtbot, offices, relay, modals) -> None:  # noqa: ANN001
    f, p = offices
    page = page_for(qtbot, p)
    dialog = page.relay.open_offices()
    assert isinstance(dialog, RelayOfficesDialog)
    idle(qtbot)
    assert dialog.table.rowCount() == 2
    row = next(i for i, o in enumerate(dialog.offices) if o["role"] == "field")
    dialog.table.selectRow(row)
    assert dialog.remove_btn.isEnabled()
    dialog.remove_selected()
    idle(qtbot)
    assert modals.asked  # asked first
    assert [o["removed"] for o in dialog.offices if o["role"] == "field"] == [True]


def test_automatic_mode_works_in_the_background_without_dialogs(qtbot, offices, relay) -> None:  # noqa: ANN001
    f, p = offices
    relay_config.update(p, auto_apply=False, auto_minutes=5)
    add_producer(f, "HTX Miến dong Phia Đén")
    from ocop_desktop.relay import exchange

    with exchange.client_for(f) as c:
        exchange.push(f, c)
    page = page_for(qtbot, p)
    panel = page.relay
    assert panel.timer.isActive() and panel.timer.interval() == 5 * 60_000
    panel.timer.timeout.emit()  # as if five minutes had passed
    qtbot.waitUntil(lambda: panel.op is not None, timeout=5_000)
    idle(qtbot)
    assert page.dialog is None  # nothing pops up in automatic mode
    assert panel.review_btn.isVisibleTo(panel) and len(panel.last_outcome.waiting) == 1
