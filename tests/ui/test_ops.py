"""Background ops: results, failures and progress come back on the GUI thread, and an
op can be dropped the moment it is done (the --demo segfault came from a per-op relay
being destroyed while its worker was still emitting)."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QEventLoop

from ocop_desktop.errors import BadInput
from ocop_desktop.ui import ops


def _wait(op: ops.Op) -> None:
    loop = QEventLoop()
    op.done.connect(loop.quit)
    if not op.finished:
        loop.exec()


def test_results_and_failures_arrive_on_the_gui_thread(qtbot) -> None:  # noqa: ANN001
    gui = threading.get_ident()
    seen: list[tuple[str, object, int]] = []
    op = ops.run_query(None, lambda ctx: 6 * 7, on_success=lambda r: seen.append(("ok", r, threading.get_ident())))
    _wait(op)
    op = ops.run_write(None, lambda ctx: (_ for _ in ()).throw(BadInput("hỏng")),
                       on_failure=lambda e: seen.append(("err", str(e), threading.get_ident())))
    _wait(op)
    assert seen == [("ok", 42, gui), ("err", "hỏng", gui)]
    assert ops.running() == 0


def test_progress_reports_reach_the_dialog(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(ops, "PROGRESS_DELAY_MS", 0)
    values: list[int] = []

    def work(ctx: ops.OpContext) -> str:
        time.sleep(0.05)  # let the (immediate) progress dialog appear
        for i in range(1, 6):
            ctx.report(i, 5)
            time.sleep(0.01)
        return "xong"

    op = ops.run_write(None, work, label="Đang xử lý…")
    original = op._handle_progress  # noqa: SLF001 - observe what reaches the GUI thread

    def spy(done: int, total: int, label: str) -> None:
        values.append(done)
        original(done, total, label)

    monkeypatch.setattr(op, "_handle_progress", spy)
    _wait(op)
    assert values == [1, 2, 3, 4, 5]


def test_many_ops_dropped_at_once_survive(qtbot) -> None:  # noqa: ANN001
    results: list[int] = []
    for i in range(150):
        op = ops.run_query(None, lambda ctx, i=i: (ctx.report(i, 150), i)[1], on_success=results.append,
                           label="x" if i % 3 == 0 else None)
        del op  # the module keeps it until its callback ran
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=10_000)
    assert sorted(results) == list(range(150))


def test_a_damaged_database_in_a_worker_is_a_known_error(qtbot) -> None:  # noqa: ANN001
    import sqlite3

    from ocop_desktop.errors import DatabaseCorrupt

    seen: list[BaseException] = []
    op = ops.run_query(None, lambda ctx: (_ for _ in ()).throw(sqlite3.DatabaseError("database disk image is malformed")),
                       on_failure=seen.append)
    _wait(op)
    (exc,) = seen
    assert isinstance(exc, DatabaseCorrupt) and exc.hint  # the officer's message, not the crash dialog
