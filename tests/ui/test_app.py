"""The GUI entry point as a process (--smoke), background ops, and the crash handler."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from ui_samples import fill, make_office

from ocop_desktop import paths
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.ui import ops
from ocop_desktop.ui.errors import CrashHandler, dialogs_enabled

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def run_app(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OCOP_DATA_DIR=str(data_dir), PYTHONWARNINGS="error")
    env.pop("OCOP_DESKTOP_DB", None)
    return subprocess.run([sys.executable, "-m", "ocop_desktop", *args], env=env, capture_output=True,
                          text=True, timeout=60)


def test_smoke_opens_the_main_window_and_exits_0(db_path: Path, tmp_path: Path) -> None:
    from ocop_desktop.db import Database

    with Database.open(db_path) as db:  # closed again: one writer per file
        make_office(db)
        fill(db)
    path = db_path
    result = run_app("--smoke", "--db", str(path), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    # The child closed the database cleanly: no crash marker, the lock is free.
    assert not path.with_name(path.name + ".open").exists()
    Database.open(path).close()


def test_smoke_on_a_new_database(tmp_path: Path) -> None:
    result = run_app("--smoke", "--db", str(tmp_path / "new.sqlite"), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "new.sqlite").exists()


def test_demo_builds_and_opens_the_demo_office(tmp_path: Path) -> None:
    result = run_app("--smoke", "--demo", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    from ocop_desktop.db import Database
    from ocop_desktop.services.products import list_products

    with Database.open(tmp_path / "demo.sqlite") as db, db.read_session() as s:
        assert len(list_products(s)) >= 200


def test_demo_is_reused_when_complete_and_rebuilt_when_not(tmp_path: Path) -> None:
    import sqlite3

    from ocop_desktop.demo.build import is_complete

    demo_db, field_office = tmp_path / "demo.sqlite", tmp_path / "demo-files" / "demo-offices" / "ha-quang.sqlite"
    assert run_app("--smoke", "--demo", data_dir=tmp_path).returncode == 0
    assert is_complete(demo_db) and field_office.is_file()
    with sqlite3.connect(demo_db) as con:  # something the officer did in the demo
        con.execute("INSERT INTO app_meta (key, value) VALUES ('tried', 'yes')")
    con.close()

    assert run_app("--smoke", "--demo", data_dir=tmp_path).returncode == 0  # complete: reused as it is
    with sqlite3.connect(demo_db) as con:
        assert con.execute("SELECT value FROM app_meta WHERE key = 'tried'").fetchone() == ("yes",)
    con.close()

    field_office.unlink()  # half-built (or damaged): a field office of the sync story is missing
    result = run_app("--smoke", "--demo", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert field_office.is_file() and is_complete(demo_db)
    with sqlite3.connect(demo_db) as con:
        assert con.execute("SELECT value FROM app_meta WHERE key = 'tried'").fetchone() is None  # rebuilt
        assert con.execute("SELECT count(*) FROM sync_bundle").fetchone()[0] == 5
    con.close()
    assert not list(tmp_path.glob("*.building*"))


def test_a_text_file_is_refused_with_a_vietnamese_message(tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("Đây không phải là cơ sở dữ liệu.\n", encoding="utf-8")
    before = bad.read_bytes()
    result = run_app("--smoke", "--db", str(bad), data_dir=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "không phải" in result.stderr and str(bad) in result.stderr
    assert bad.read_bytes() == before  # the file is left untouched


def test_a_locked_database_is_refused(db, tmp_path: Path) -> None:  # noqa: ANN001
    result = run_app("--smoke", "--db", str(db.path), data_dir=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()


# -- background ops -------------------------------------------------------------------

def test_op_delivers_result_on_the_gui_thread(qtbot) -> None:  # noqa: ANN001
    seen = {}

    def work(ctx: ops.OpContext) -> int:
        seen["worker"] = threading.current_thread()
        ctx.report(1, 2, "half")
        return 42

    op = ops.run_query(None, work, on_success=lambda r: seen.update(result=r, thread=threading.current_thread()))
    with qtbot.waitSignal(op.done, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["thread"] is threading.main_thread() and seen["worker"] is not threading.main_thread()
    assert ops.running() == 0


def test_op_failure_routes_known_errors_to_a_message(qtbot, monkeypatch) -> None:  # noqa: ANN001
    shown = []
    monkeypatch.setattr("ocop_desktop.ui.errors.show_known_error", lambda parent, exc, title=None: shown.append(exc))
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)

    def fail(_ctx: ops.OpContext) -> None:
        raise BadInput(_("The record was not saved:"))

    op = ops.run_write(parent, fail)
    with qtbot.waitSignal(op.done, timeout=5000):
        pass
    assert [type(e) for e in shown] == [BadInput]


def test_op_skips_callbacks_when_its_widget_is_gone(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    gate = threading.Event()
    called = []
    parent = QWidget()
    op = ops.run_query(parent, lambda _ctx: gate.wait(5), on_success=called.append)
    parent.deleteLater()
    qtbot.wait(10)
    gate.set()
    with qtbot.waitSignal(op.done, timeout=5000):
        pass
    assert called == []


def test_cancellation(qtbot) -> None:  # noqa: ANN001
    failures = []
    started = threading.Event()

    def work(ctx: ops.OpContext) -> None:
        started.set()
        while True:
            ctx.check_cancelled()

    op = ops.run_query(None, work, on_failure=failures.append)
    started.wait(5)
    op.context.cancel()
    with qtbot.waitSignal(op.done, timeout=5000):
        pass
    assert failures == []  # a cancelled op is not an error


# -- crash handler --------------------------------------------------------------------

def test_crash_handler_writes_a_log_and_shows_no_dialog_offscreen(qapp, capsys) -> None:  # noqa: ANN001
    assert not dialogs_enabled()
    handler = CrashHandler()
    handler.install()
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        t = threading.Thread(target=lambda: 1 / 0, name="worker-x")
        t.start()
        t.join()
    finally:
        handler.uninstall()
    logs = sorted(paths.log_dir().glob("crash-*.log"))
    assert len(logs) == 2
    text = "".join(p.read_text(encoding="utf-8") for p in logs)
    assert "RuntimeError: boom" in text and "ZeroDivisionError" in text and "worker-x" in text
    assert "RuntimeError: boom" in capsys.readouterr().err
    assert sys.excepthook is not handler.handle


def test_first_start_runs_the_wizard_then_the_window(qtbot, db_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """In process: no office yet → wizard → main window; closing it ends run() with 0."""
    import argparse

    from PySide6.QtCore import QTimer

    from ocop_desktop import app
    from ocop_desktop.db import Database
    from ocop_desktop.ui.first_run import FirstRunWizard
    from ocop_desktop.ui.main_window import MainWindow

    def fake_exec(wizard: FirstRunWizard) -> int:
        f = wizard.fields
        f.name.setText("Phòng Kinh tế xã Trùng Khánh")
        f.province.setCurrentIndex(f.province.findData(4))
        f.communes.set_checked_codes([1477])
        wizard.accept()
        return wizard.result()

    shown = []
    original_show = MainWindow.show

    def show_then_close(window: MainWindow) -> None:
        original_show(window)
        shown.append(window.office.name if window.office else None)
        QTimer.singleShot(50, window.close)

    monkeypatch.setattr(FirstRunWizard, "exec", fake_exec)
    monkeypatch.setattr(MainWindow, "show", show_then_close)
    args = argparse.Namespace(db=str(db_path), demo=False, smoke=False, lang=None)
    assert app.run(args) == 0
    assert shown == ["Phòng Kinh tế xã Trùng Khánh"]
    with Database.open(db_path) as db:  # closed cleanly by run(): it opens again
        assert db.office_id is not None


def test_closing_the_wizard_writes_nothing(qtbot, db_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import argparse

    from ocop_desktop import app
    from ocop_desktop.db import Database
    from ocop_desktop.ui.first_run import FirstRunWizard

    monkeypatch.setattr(FirstRunWizard, "exec", lambda self: FirstRunWizard.DialogCode.Rejected)
    assert app.run(argparse.Namespace(db=str(db_path), demo=False, smoke=False, lang=None)) == 0
    with Database.open(db_path) as db:
        assert db.office_id is None
