"""Routes for errors: a clear message for known problems, one crash dialog for bugs.

A :class:`~ocop_desktop.errors.KnownError` already carries a translated message and a
hint; it becomes a message box. Anything else is a bug: :class:`CrashHandler` (installed
as ``sys.excepthook`` and ``threading.excepthook``) writes a log file and shows one dialog
with copyable details, never a raw traceback in the middle of the officer's work.
``OCOP_NO_CRASH_DIALOG=1`` or the offscreen platform (tests, CI) turns the dialog off.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop import __version__, paths
from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import N_, _

NO_DIALOG_ENV = "OCOP_NO_CRASH_DIALOG"


_BUTTON_TEXTS = {"Ok": N_("OK"), "Cancel": N_("Cancel"), "Save": N_("Save"), "Close": N_("Close"),
                 "Yes": N_("Yes"), "No": N_("No")}


def _label_standard_buttons(box: QMessageBox | QDialogButtonBox) -> None:
    """Qt ships no Vietnamese qtbase catalogue: label the standard buttons ourselves
    (also where the gettext Qt translator is not installed, e.g. under tests)."""
    buttons = type(box).StandardButton
    for name, text in _BUTTON_TEXTS.items():
        button = box.button(getattr(buttons, name))
        if button is not None:
            button.setText(_(text))


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                informative: str = "", buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                default: QMessageBox.StandardButton | None = None) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    if informative:
        box.setInformativeText(informative)
    if default is not None:
        box.setDefaultButton(default)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    _label_standard_buttons(box)
    return box


def show_known_error(parent: QWidget | None, exc: KnownError, title: str | None = None) -> None:
    """A KnownError as a warning box: the message, then what to do (the hint)."""
    box = message_box(parent, QMessageBox.Icon.Warning, title or _("OCOP Desktop"), exc.message,
                      exc.hint or "")
    box.exec()


def show_info(parent: QWidget | None, text: str, informative: str = "") -> None:
    message_box(parent, QMessageBox.Icon.Information, _("OCOP Desktop"), text, informative).exec()


def confirm(parent: QWidget | None, title: str, text: str, informative: str = "", *,
            yes_text: str | None = None) -> bool:
    """Yes/No question, 'No' the default (so a stray Enter does not delete anything)."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text, informative,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                      QMessageBox.StandardButton.No)
    if yes_text:
        box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
    return box.exec() == QMessageBox.StandardButton.Yes


# -- crash handling -------------------------------------------------------------------

def write_crash_log(text: str) -> Path | None:
    folder = paths.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S-%f}.log"
        path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path


def format_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                 thread_name: str | None = None) -> str:
    head = [
        f"OCOP Desktop {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Time: {dt.datetime.now().isoformat(timespec='seconds')}",
    ]
    if thread_name:
        head.append(f"Thread: {thread_name}")
    return "\n".join(head) + "\n\n" + "".join(traceback.format_exception(exc_type, exc, tb))


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("OCOP Desktop: unexpected error"))
        lay = QVBoxLayout(self)
        intro = QLabel(_("Something went wrong inside OCOP Desktop. Your saved records are safe: "
                         "every change is saved when you press Save."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        if log_path is not None:
            where = QLabel(_("A report was written to {path}. Please send it to your IT support "
                             "together with what you were doing.").format(path=log_path))
        else:
            where = QLabel(_("Please copy the details below and send them to your IT support."))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(where)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.hide()  # technical text only for whoever asks for it
        lay.addWidget(self.details, 1)
        lay.addStretch(0)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        _label_standard_buttons(box)
        self.toggle = QPushButton(_("Show technical details"))
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._toggle_details)
        copy = QPushButton(_("Copy details"))
        box.addButton(self.toggle, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details.toPlainText()))
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.resize(560, 200)

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.toggle.setText(_("Hide technical details") if shown else _("Show technical details"))
        if shown:
            self.resize(max(self.width(), 680), 460)

    def append(self, details: str) -> None:
        self.details.appendPlainText("\n" + "-" * 60 + "\n" + details)


class CrashHandler(QObject):
    """Installs both exception hooks; shows at most one dialog at a time.

    Signals:
        crashed(str, str): details and log path, emitted from any thread; shown on the GUI thread.
        known_error(str, str): message and hint of a KnownError nobody caught.
    """

    crashed = Signal(str, str)
    known_error = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self._dialog: CrashDialog | None = None
        self._old_hook = sys.excepthook
        self._old_thread_hook = threading.excepthook
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.known_error.connect(self._show_known, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook = self._old_hook
        threading.excepthook = self._old_thread_hook

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else None
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, thread_name=name)

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
               thread_name: str | None = None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.exit(1)
            return
        if isinstance(exc, KnownError):
            # Not a bug, only an unhandled known problem: show its message, no log.
            print(exc.full_message(), file=sys.stderr)
            if dialogs_enabled():
                self.known_error.emit(exc.message, exc.hint or "")
            return
        details = format_crash(exc_type, exc, tb, thread_name)
        log = write_crash_log(details)
        print(details, file=sys.stderr)
        if dialogs_enabled():
            self.crashed.emit(details, str(log) if log else "")

    def report_now(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """For a bug outside the event loop (start-up, shut-down): log it and show the dialog now."""
        details = format_crash(exc_type, exc, tb)
        log = write_crash_log(details)
        print(details, file=sys.stderr)
        if dialogs_enabled():
            self._show(details, str(log) if log else "")

    @Slot(str, str)
    def _show(self, details: str, log: str) -> None:
        if self._dialog is not None:
            self._dialog.append(details)
            return
        self._dialog = CrashDialog(details, Path(log) if log else None, QApplication.activeWindow())
        self._dialog.exec()
        self._dialog = None

    @Slot(str, str)
    def _show_known(self, message: str, hint: str) -> None:
        message_box(QApplication.activeWindow(), QMessageBox.Icon.Warning, _("OCOP Desktop"),
                    message, hint).exec()


def dialogs_enabled() -> bool:
    if os.environ.get(NO_DIALOG_ENV, "") not in ("", "0"):
        return False
    return QGuiApplication.platformName() not in ("offscreen", "minimal")
