"""Run plain functions off the GUI thread and get their result back on it.

The same idea as Anki's ``QueryOp``/``CollectionOp`` and Picard's ``run_task``:

* the function receives only data and an :class:`OpContext` (never a widget) and opens
  its own session inside (``with db.read_session() as s:``); a session never crosses threads;
* reads run on a small pool; every write runs on one single-thread pool, so two
  writes never race for SQLite's lock;
* the result or the exception comes back through a queued signal and the callback runs
  on the GUI thread, but only while the owning widget still exists;
* a progress dialog appears only when the work takes longer than ~500 ms.

Example::

    run_query(self, lambda ctx: load(db), on_success=self._show_rows)
"""

from __future__ import annotations

import itertools
import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _

PROGRESS_DELAY_MS = 500

_read_pool: QThreadPool | None = None
_write_pool: QThreadPool | None = None
#: Ops still running, by id; holds the Python references until their callbacks have run.
_running: dict[int, Op] = {}
_ids = itertools.count(1)


def read_pool() -> QThreadPool:
    global _read_pool
    if _read_pool is None:
        _read_pool = QThreadPool()
        _read_pool.setMaxThreadCount(2)
    return _read_pool


def write_pool() -> QThreadPool:
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
    return _write_pool


class Cancelled(Exception):
    """Raised inside an op function by :meth:`OpContext.check_cancelled`."""


class _Relay(QObject):
    """The one object workers emit on. It lives in the GUI thread and is never deleted,
    so no worker can be inside ``emit()`` on an object the GUI thread is destroying
    (deleting a sender while another thread emits is undefined behaviour in Qt, and
    showed up as a rare segfault when an op's own relay died with the op)."""

    finished = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, int, int, str)

    @Slot(int, object)
    def _on_finished(self, op_id: int, result: object) -> None:
        op = _running.get(op_id)
        if op is not None:
            op._handle_success(result)

    @Slot(int, object)
    def _on_failed(self, op_id: int, exc: object) -> None:
        op = _running.get(op_id)
        if op is not None:
            op._handle_failure(exc)  # type: ignore[arg-type]

    @Slot(int, int, int, str)
    def _on_progress(self, op_id: int, done: int, total: int, label: str) -> None:
        op = _running.get(op_id)
        if op is not None:
            op._handle_progress(done, total, label)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    """Created on first use, on the GUI thread (ops are started from the GUI thread)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.finished.connect(_relay._on_finished, Qt.ConnectionType.QueuedConnection)
        _relay.failed.connect(_relay._on_failed, Qt.ConnectionType.QueuedConnection)
        _relay.progress.connect(_relay._on_progress, Qt.ConnectionType.QueuedConnection)
    return _relay


class OpContext:
    """What an op function may use: cancellation and progress reports (thread-safe)."""

    def __init__(self, op_id: int) -> None:
        self._op_id = op_id
        self._relay = _the_relay()
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def report(self, done: int, total: int, label: str = "") -> None:
        self._relay.progress.emit(self._op_id, done, total, label)


class _Runnable(QRunnable):
    """Holds only the function and its context (plain Python), never a widget or an Op."""

    def __init__(self, fn: Callable[[OpContext], Any], ctx: OpContext) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._ctx = fn, ctx

    def run(self) -> None:
        fn, ctx = self._fn, self._ctx
        self._fn = None  # type: ignore[assignment]
        relay = ctx._relay
        try:
            result = fn(ctx)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            from ocop_desktop import faults

            # A full disk or a damaged database is the officer's to act on, not a crash.
            known = faults.known_error(exc, None) if isinstance(exc, Exception) else None
            relay.failed.emit(ctx._op_id, known or exc)
        else:
            relay.finished.emit(ctx._op_id, result)


class Op(QObject):
    """One background operation. Keep no reference: the module keeps it until done.

    Signals:
        done: emitted on the GUI thread after the callbacks ran (tests wait on it).
    """

    done = Signal()

    def __init__(self, parent: QWidget | None, fn: Callable[[OpContext], Any], *,
                 on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[BaseException], None] | None = None,
                 label: str | None = None, cancellable: bool = False) -> None:
        super().__init__()
        self._parent = parent
        self._fn = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._label = label
        self._cancellable = cancellable
        self._dialog: QProgressDialog | None = None
        self._finished = False
        self.id = next(_ids)
        self.context = OpContext(self.id)

    @property
    def finished(self) -> bool:
        return self._finished

    def start(self, pool: QThreadPool) -> Op:
        _running[self.id] = self
        if self._label is not None:
            QTimer.singleShot(PROGRESS_DELAY_MS, self, self._show_progress)
        fn, self._fn = self._fn, None  # the worker holds the only reference from now on
        pool.start(_Runnable(fn, self.context))
        return self

    # -- GUI thread ---------------------------------------------------------------
    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _show_progress(self) -> None:
        if self._finished or not self._parent_alive():
            return
        dlg = QProgressDialog(self._label or "", _("Cancel") if self._cancellable else "", 0, 0, self._parent)
        dlg.setWindowTitle(_("Please wait"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        if not self._cancellable:
            dlg.setCancelButton(None)
        dlg.canceled.connect(self.context.cancel)
        dlg.show()
        self._dialog = dlg

    def _handle_progress(self, done: int, total: int, label: str) -> None:
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total > 0 else 0)
            if label:
                self._dialog.setLabelText(label)

    def _finish(self) -> None:
        self._finished = True
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.close()
            self._dialog.deleteLater()
        self._dialog = None

    def _handle_success(self, result: Any) -> None:
        self._finish()
        try:
            if self._on_success is not None and self._parent_alive():
                self._on_success(result)
        finally:
            _running.pop(self.id, None)
            self.done.emit()

    def _handle_failure(self, exc: BaseException) -> None:
        self._finish()
        try:
            if isinstance(exc, Cancelled) or not self._parent_alive():
                return
            if self._on_failure is not None:
                self._on_failure(exc)
            elif isinstance(exc, KnownError):
                from ocop_desktop.ui.errors import show_known_error

                show_known_error(self._parent, exc)
            else:
                # A bug: hand it to the crash handler (sys.excepthook) with its traceback.
                sys.excepthook(type(exc), exc, exc.__traceback__)
        finally:
            _running.pop(self.id, None)
            self.done.emit()


def run_query(parent: QWidget | None, fn: Callable[[OpContext], Any], **kwargs: Any) -> Op:
    """Run a read (or other side-effect-free work) on the read pool."""
    return Op(parent, fn, **kwargs).start(read_pool())


def run_write(parent: QWidget | None, fn: Callable[[OpContext], Any], **kwargs: Any) -> Op:
    """Run a database write on the single write thread (writes are serialised)."""
    return Op(parent, fn, **kwargs).start(write_pool())


def running() -> int:
    return len(_running)


#: Other pools (the relay's network thread) with what stops their work at exit.
_extra_pools: list[tuple[QThreadPool, Callable[[], None]]] = []


def register_pool(pool: QThreadPool, stop: Callable[[], None]) -> None:
    """A module's own pool that :func:`wait_all` stops (``stop()``) and waits for too."""
    _extra_pools.append((pool, stop))


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Block until every op's work has finished (at exit, before closing the database).

    Callbacks of ops that finished are dropped when no event loop runs them afterwards;
    that is fine at exit, and tests use ``qtbot.waitUntil`` on :func:`running` instead.
    """
    ok = True
    for _pool, stop in _extra_pools:
        stop()
    for pool in (_read_pool, _write_pool, *(p for p, _stop in _extra_pools)):
        if pool is not None:
            ok = pool.waitForDone(timeout_ms) and ok
    return ok
