"""The relay strip at the top of the Sync page: the relay's state (address, reachable or
not, last contact, bundles queued out, waiting on the relay and waiting here for review),
"Gửi và nhận qua mạng" with an inline progress line (bytes, speed, time left) and
Cancel, the relay settings, and for the provincial office the offices on the relay.

Every network call runs on the relay's own worker thread (one at a time, so a slow link
never holds the database write thread); the optional automatic mode is a QTimer that
starts the same work in the background every N minutes and never opens a dialog.
Bundles that need the officer (conflicts, or automatic import off) are opened in the
same import preview as from a USB stick (:meth:`SyncPage.import_bundles`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _, format_datetime
from ocop_desktop.ui import ops
from ocop_desktop.ui.sync.widgets import fail, note, set_role

if TYPE_CHECKING:
    from ocop_desktop.db import Database

_pool: QThreadPool | None = None
_cancels: list[threading.Event] = []  # of transfers started, so that quitting stops them


def _stop_all() -> None:
    for e in _cancels:
        e.set()
    _cancels.clear()


def relay_pool() -> QThreadPool:
    """One thread for network work: transfers take minutes on a slow link. Quitting the
    app cancels them (after the current chunk) before the database closes."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        ops.register_pool(_pool, _stop_all)
    return _pool


@dataclass(frozen=True)
class PanelState:
    info: dict[str, Any]
    role: str
    waiting_here: int


def load_state(db: Database, *, contact: bool) -> PanelState:
    """The strip's content (worker). ``contact``: ask the relay too (health, mailbox)."""
    from sqlalchemy import select

    from ocop_desktop.models import Office
    from ocop_desktop.relay import exchange
    from ocop_desktop.relay.client import Retry

    with db.read_session() as s:
        role = s.scalar(select(Office.role).where(Office.is_local.is_(True))) or ""
    client = None
    if contact:
        try:
            client = exchange.client_for(db, retry=Retry(budget=0))
        except KnownError:
            client = None
    try:
        info = exchange.status(db, client)
    finally:
        if client is not None:
            client.close()
    return PanelState(info, role, len(exchange.waiting_files(db)))


def run_sync(db: Database, cancel: threading.Event, report: Any, *, manual: bool) -> Any:
    """Send and receive (worker); ``report(done, total, text)``."""
    from ocop_desktop.relay import exchange
    from ocop_desktop.relay.client import Retry

    retry = Retry(budget=300 if manual else 30)
    try:
        with exchange.client_for(db, cancel=cancel, retry=retry) as c:
            return exchange.send_and_receive(db, c, lambda _phase, done, total, text: report(done, total, text))
    except KnownError as exc:
        exchange.note_error(db, exc)
        raise


class _InlineOp(ops.Op):
    """An op whose progress goes to a callback (the strip's own bar), not a dialog."""

    def __init__(self, parent: QWidget, fn: Any, on_progress: Any, **kw: Any) -> None:
        super().__init__(parent, fn, **kw)
        self._on_progress = on_progress

    def _handle_progress(self, done: int, total: int, label: str) -> None:
        if self._parent_alive():
            self._on_progress(done, total, label)


class RelayPanel(QGroupBox):
    """Signals:
        review_requested(list[Path]): bundles that wait for the officer's preview.
        records_changed(): bundles were imported.
        exchanged(): bundles were sent or imported.
        status_message(str)
    """

    review_requested = Signal(list)
    records_changed = Signal()
    exchanged = Signal()  # bundles went out or came in: the overview's history changed
    status_message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Over the network (provincial relay)"), parent)
        self.db = db
        self.state: PanelState | None = None
        self.op: ops.Op | None = None  # the running sync (tests wait on it)
        self.last_outcome: Any = None
        self._cancel = threading.Event()
        self._manual = False
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.counts_label = note("")
        self.error_label = note("", "error")
        self.error_label.hide()
        self.sync_btn = QPushButton(_("Send and receive over the network"))
        self.sync_btn.setObjectName("primary")
        self.review_btn = QPushButton(_("Review waiting bundles"))
        self.settings_btn = QPushButton(_("Relay settings…"))
        self.offices_btn = QPushButton(_("Offices on the relay…"))
        self.cancel_btn = QPushButton(_("Cancel"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress_text = note("")
        self.progress_row = QWidget()
        prow = QHBoxLayout(self.progress_row)
        prow.setContentsMargins(0, 0, 0, 0)
        prow.addWidget(self.progress, 1)
        prow.addWidget(self.progress_text, 2)
        prow.addWidget(self.cancel_btn)
        self.progress_row.hide()
        buttons = QHBoxLayout()
        for b in (self.sync_btn, self.review_btn, self.settings_btn, self.offices_btn):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setSpacing(4)
        lay.addWidget(self.state_label)
        row = QHBoxLayout()
        row.addWidget(self.counts_label, 1)
        row.addLayout(buttons)
        lay.addLayout(row)
        lay.addWidget(self.progress_row)
        lay.addWidget(self.error_label)
        self.sync_btn.clicked.connect(lambda: self.start_sync(manual=True))
        self.cancel_btn.clicked.connect(self.cancel)
        self.review_btn.clicked.connect(self.review)
        self.settings_btn.clicked.connect(lambda: self.open_settings())
        self.offices_btn.clicked.connect(lambda: self.open_offices())
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.start_sync(manual=False))
        self._show(PanelState({"configured": False, "url": "", "queued_out": 0, "waiting_on_relay": 0,
                               "reachable": None, "last_contact_at": None, "last_error": "",
                               "auto_minutes": 0}, "", 0))

    # -- state ------------------------------------------------------------------------
    def reload(self, *, contact: bool = True) -> ops.Op:
        op = ops.Op(self, lambda _ctx: load_state(self.db, contact=contact), on_success=self._show,
                    on_failure=lambda exc: fail(self, exc))
        return op.start(relay_pool() if contact else ops.read_pool())

    def _show(self, st: PanelState) -> None:
        import datetime as dt

        self.state = st
        info = st.info
        running = self.op is not None and not self.op.finished
        if not info.get("configured"):
            self.state_label.setText(_("No relay is set up. Enter the address the provincial office gave in the "
                                       "relay settings (or import the province's profile, which carries it)."))
            self.counts_label.setText("")
        else:
            reach = {True: _("reachable"), False: _("not reachable"), None: _("not checked yet")}[info["reachable"]]
            last = info.get("last_contact_at")
            when = format_datetime(dt.datetime.fromtimestamp(last).replace(microsecond=0)) if last else "—"
            self.state_label.setText(_("Relay {url}: {state}. Last contact: {when}.").format(
                url=info["url"], state=reach, when=when))
            auto = (_("Automatic sync every {n} min.").format(n=info["auto_minutes"]) if info.get("auto_minutes")
                    else _("Automatic sync off."))
            self.counts_label.setText(_("To send: {out} · Waiting on the relay: {relay} · Waiting for your review: "
                                        "{here}. {auto}").format(out=info["queued_out"],
                                                                 relay=info["waiting_on_relay"],
                                                                 here=st.waiting_here, auto=auto))
        error = info.get("error") or info.get("last_error") or ""
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.sync_btn.setEnabled(bool(info.get("configured")) and not running)
        self.review_btn.setVisible(st.waiting_here > 0)
        self.review_btn.setText(_("Review waiting bundles ({n})").format(n=st.waiting_here))
        self.offices_btn.setVisible(st.role == "province" and bool(info.get("configured")))
        minutes = int(info.get("auto_minutes") or 0)
        if minutes and info.get("configured"):
            if self.timer.interval() != minutes * 60_000 or not self.timer.isActive():
                self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    # -- send and receive -------------------------------------------------------------
    def start_sync(self, *, manual: bool) -> ops.Op | None:
        if self.op is not None and not self.op.finished:
            return None
        if self.state is None or not self.state.info.get("configured"):
            return None
        self._cancel = threading.Event()
        self._manual = manual
        cancel = self._cancel
        _cancels[:] = [e for e in _cancels if not e.is_set()][-8:] + [cancel]
        self.progress.setRange(0, 0)
        self.progress_text.setText(_("Connecting to the relay…"))
        self.progress_row.setVisible(True)
        self.sync_btn.setEnabled(False)
        self.error_label.hide()
        op = _InlineOp(self, lambda ctx: run_sync(self.db, cancel, ctx.report, manual=manual), self._progress,
                       on_success=self._synced, on_failure=self._sync_failed)
        self.op = op
        return op.start(relay_pool())

    def _progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))
        self.progress_text.setText(text)

    def cancel(self) -> None:
        self._cancel.set()
        self.progress_text.setText(_("Stopping after the current piece…"))

    def _done(self) -> None:
        self.progress_row.hide()
        self.reload(contact=False)

    def _synced(self, out: Any) -> None:
        self.last_outcome = out
        self._done()
        parts = []
        if out.sent:
            parts.append(_("{n} bundles sent").format(n=len(out.sent)))
        if out.received:
            parts.append(_("{n} bundles imported").format(n=len(out.received)))
            self.records_changed.emit()
        if out.waiting:
            parts.append(_("{n} bundles wait for your review").format(n=len(out.waiting)))
        text = "; ".join(parts) + "." if parts else _("Nothing to send or receive.")
        self.status_message.emit(text[:1].upper() + text[1:])
        if out.sent or out.received or out.exported:
            self.exchanged.emit()
        if out.problems:
            self.error_label.setText("\n".join(out.problems))
            self.error_label.show()
        if out.waiting and self._manual:
            self.review_requested.emit(list(out.waiting))

    def _sync_failed(self, exc: BaseException) -> None:
        from ocop_desktop.relay.client import Cancelled

        self._done()
        if isinstance(exc, Cancelled):
            self.status_message.emit(exc.message)
            return
        if isinstance(exc, KnownError):
            self.error_label.setText(exc.full_message())
            set_role(self.error_label, "error")
            self.error_label.show()
            if self._manual:
                fail(self, exc)
            return
        fail(self, exc)

    def review(self) -> None:
        from ocop_desktop.relay import exchange

        files = exchange.waiting_files(self.db)
        if files:
            self.review_requested.emit(files)

    def after_review(self) -> ops.Op:
        """The preview closed: ack what was imported and refresh (relay worker)."""
        def settle(_ctx: Any) -> PanelState:
            from ocop_desktop.relay import exchange
            from ocop_desktop.relay.client import Retry

            try:
                with exchange.client_for(self.db, retry=Retry(budget=10)) as c:
                    exchange.settle(self.db, c)
            except KnownError:
                exchange.settle(self.db, None)  # offline: the next sync acks them
            return load_state(self.db, contact=False)

        return ops.Op(self, settle, on_success=self._show, on_failure=lambda exc: fail(self, exc)).start(relay_pool())

    # -- dialogs ----------------------------------------------------------------------
    def open_settings(self) -> Any:
        from ocop_desktop.relay import config
        from ocop_desktop.ui.sync.relay_dialogs import RelaySettingsDialog

        dialog = RelaySettingsDialog(self.db, config.get(self.db), parent=self)
        dialog.saved.connect(lambda _cfg: self.reload())
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_offices(self) -> Any:
        from ocop_desktop.ui.sync.relay_dialogs import RelayOfficesDialog

        dialog = RelayOfficesDialog(self.db, parent=self)
        self.dialog = dialog
        dialog.open()
        dialog.reload()
        return dialog
