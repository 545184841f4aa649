"""GUI composition root: QApplication, error hooks, the database, first run, main window.

``cli.main`` calls :func:`run` when no subcommand is given. Exit codes follow the CLI:
0 ok, 2 the database cannot be used (message shown, file untouched), 1 other failure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ocop_desktop import APP_ID, APP_NAME, __version__, paths
from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from ocop_desktop.db import Database

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2
SMOKE_TIMEOUT_MS = 20_000
# The provincial office of Cao Bằng with 240 products: about what a real province holds,
# and every regional speciality (miến dong Phia Đén, hạt dẻ Trùng Khánh…) shows up.
DEMO_SIZE = {"products": 240, "producers": None, "province": "Cao Bằng", "seed": 1, "role": "province"}


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("OCOP")
        QCoreApplication.setOrganizationDomain("ocop.local")
        QCoreApplication.setApplicationName(APP_ID)
        QCoreApplication.setApplicationVersion(__version__)
        app = QApplication(sys.argv[:1])
        app.setApplicationDisplayName(APP_NAME)
        icon = paths.RESOURCES_DIR / "icons" / "ocop-desktop.ico"  # drawn by the Windows build
        if icon.is_file():
            from PySide6.QtGui import QIcon

            app.setWindowIcon(QIcon(str(icon)))
    from ocop_desktop.ui.qt_translator import install_qt_translator
    from ocop_desktop.ui.style import STYLESHEET

    install_qt_translator(app)
    app.setStyleSheet(STYLESHEET)
    return app  # type: ignore[return-value]


def _fail(smoke: bool, exc: KnownError, title: str) -> int:
    """Tell the officer why the database cannot be opened (no traceback), return 2."""
    if smoke:
        print(exc.full_message(), file=sys.stderr)
    else:
        from ocop_desktop.ui.errors import show_known_error

        show_known_error(None, exc, title)
    return exc.exit_code or EXIT_BAD_INPUT


class _ExposeWatcher(QObject):
    """--smoke: quit once the main window is really on screen (exposed, then painted)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.shown = False
        handle = widget.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)
            if handle.isExposed():
                self._done()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Expose and obj.isExposed():  # type: ignore[attr-defined]
            obj.removeEventFilter(self)
            self._done()
        return False

    def _done(self) -> None:
        if not self.shown:
            self.shown = True
            # One more turn of the event loop, so the first paint has happened.
            QTimer.singleShot(0, lambda: QApplication.exit(EXIT_OK))


def _demo_path() -> Path:
    return paths.data_dir() / "demo.sqlite"


def _build_demo(path: Path) -> None:
    """Build the demo office off the GUI thread, with a progress dialog."""
    from PySide6.QtCore import QEventLoop

    from ocop_desktop import demo
    from ocop_desktop.ui import ops

    outcome: dict[str, object] = {}
    loop = QEventLoop()
    op = ops.run_write(None, lambda ctx: demo.build_demo(path, force=True, progress=ctx.report,
                                                                sync_story=True, with_decisions=True, **DEMO_SIZE),
                       on_success=lambda r: outcome.setdefault("ok", r),
                       on_failure=lambda e: outcome.setdefault("error", e),
                       label=_("Building the demo office…"))
    op.done.connect(loop.quit)
    if not op.finished:
        loop.exec()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error


def run(args: argparse.Namespace) -> int:
    smoke = bool(getattr(args, "smoke", False))
    app = _application()
    from ocop_desktop.ui import ops
    from ocop_desktop.ui.errors import CrashHandler

    crash = CrashHandler()
    crash.install()
    db: Database | None = None
    replaced: list[Database] = []  # a backup restored in the window: the database it now works on
    try:
        path = _demo_path() if getattr(args, "demo", False) else paths.default_db_path(args.db)
        if getattr(args, "demo", False):
            from ocop_desktop.demo.build import is_complete

            if not is_complete(path):  # never built, or a build that did not finish: (re)build it
                _build_demo(path)
        from ocop_desktop.db import Database

        try:
            db = Database.open(path)
        except KnownError as exc:
            return _fail(smoke, exc, _("The database cannot be opened"))
        return _run_window(app, db, smoke, on_replaced=replaced.append, open_file=getattr(args, "open_file", None))
    except KnownError as exc:
        return _fail(smoke, exc, APP_NAME)
    except Exception as exc:  # a bug before or after the event loop: log it, one dialog
        crash.report_now(type(exc), exc, exc.__traceback__)
        return EXIT_FAIL
    finally:
        ops.wait_all()
        current = replaced[-1] if replaced else db
        if current is not None:
            current.close()  # the one replaced was closed before the restore
        crash.uninstall()


def _run_window(app: QApplication, db: Database, smoke: bool,
                on_replaced: Callable[[Database], None] | None = None, open_file: Path | None = None) -> int:
    from ocop_desktop.ui.main_window import MainWindow

    office = None  # when set up already, the window reads it in the background
    if db.office_id is None and not smoke:
        from ocop_desktop.ui.first_run import FirstRunWizard

        wizard = FirstRunWizard(db)
        if wizard.exec() != FirstRunWizard.DialogCode.Accepted:
            return EXIT_OK  # the officer closed the wizard: nothing was written
        office = wizard.info
    if db.recovered_from_crash and not smoke:
        from ocop_desktop.ui.errors import show_info

        show_info(None, _("OCOP Desktop was not closed properly last time. The database was checked "
                          "and is in good order."))
    # --smoke measures start-up to a shown window: the lists do not load their rows.
    window = MainWindow(db, office, autoload=not smoke)
    if on_replaced is not None:
        window.database_replaced.connect(on_replaced)
    window.show()
    if open_file is not None:  # a double-clicked bundle or profile: its import, once the window is up
        from ocop_desktop.ui.open_file import open_in_window

        QTimer.singleShot(0, lambda: open_in_window(window, open_file))
    if smoke:
        watcher = _ExposeWatcher(window)
        if not watcher.shown:
            QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: QApplication.exit(EXIT_FAIL))
        return app.exec()
    return app.exec()
