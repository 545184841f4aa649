"""File › Restore from a backup…: choose the file, check it (off the GUI thread: a damaged
or foreign file is refused with the messages of ``db.check_backup``, nothing touched),
confirm naming the backup's date, close the database once no work is running, restore in
a worker (``db.restore``: the current file is first copied into the backups folder), then
reopen the file and rebuild the window's pages on it. A restore that fails reopens the
database as it was."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog

from ocop_desktop import paths
from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _, format_datetime
from ocop_desktop.ui import ops
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.errors import show_known_error

if TYPE_CHECKING:
    from ocop_desktop.db_restore import OtherOffice
    from ocop_desktop.ui.main_window import MainWindow

IDLE_POLL_MS = 50


def _check(path: Path, dest: Path) -> tuple[Path, dt.datetime, OtherOffice | None]:
    from ocop_desktop.db import check_backup
    from ocop_desktop.db_restore import check_target

    src = check_backup(path)
    other = check_target(src, dest)  # refuses the database itself
    return src, dt.datetime.fromtimestamp(src.stat().st_mtime), other  # noqa: DTZ006 - local time, for display


class RestoreFlow(QObject):
    """One restore, started with :meth:`start`. ``finished(bool)``: True once restored."""

    finished = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.source: Path | None = None
        self.when: dt.datetime | None = None

    def start(self, path: Path | None = None) -> None:
        if path is None:
            folder = paths.backups_dir(self.window.db.path)
            name, _filter = QFileDialog.getOpenFileName(
                self.window, _("Choose the backup to restore"), str(folder if folder.is_dir() else Path.home()),
                _("OCOP Desktop database (*.sqlite);;All files (*)"))
            if not name:
                self.finished.emit(False)
                return
            path = Path(name)
        dest = self.window.db.path
        ops.run_query(self.window, lambda _ctx: _check(path, dest), on_success=self._checked, on_failure=self._refused,
                      label=_("Checking the backup…"))

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            show_known_error(self.window, exc, _("Restore from a backup"))
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        self.finished.emit(False)

    def _checked(self, checked: tuple[Path, dt.datetime, OtherOffice | None]) -> None:
        self.source, self.when, other = checked
        db_path = self.window.db.path
        question = _("Replace all the data of this office with the backup of {date}?").format(
            date=format_datetime(self.when))
        if other is not None:  # asked with both names: the office on this computer changes
            question = _("This backup belongs to another office, “{backup}”. Replace “{current}” on this computer "
                         "with “{backup}” as it was on {date}?").format(
                backup=other.backup_office, current=other.current_office, date=format_datetime(self.when))
        details = _("Backup file: {file}\nEverything entered after that moment is replaced. The data as it is now "
                    "is first copied into {folder}, so this can be undone.").format(
            file=self.source, folder=paths.backups_dir(db_path))
        if not messages.ask(self.window, _("Restore from a backup"), question, details=details,
                            yes=_("Restore the backup"), no=_("Cancel")):
            self.finished.emit(False)
            return
        self.window.setEnabled(False)
        self._when_idle()

    def _when_idle(self) -> None:
        """Close the database once the pages' background work is done (never under a worker)."""
        if ops.running():
            QTimer.singleShot(IDLE_POLL_MS, self._when_idle)
            return
        from ocop_desktop.db import restore

        db = self.window.db
        src, dest = self.source, db.path
        db.close()
        ops.run_write(self.window, lambda _ctx: restore(src, dest, other_office_ok=True), on_success=lambda _p: self._reopen(None),
                      on_failure=self._reopen, label=_("Restoring the backup…"))

    def _reopen(self, error: BaseException | None) -> None:
        from ocop_desktop.db import Database

        window = self.window
        try:
            db = Database.open(window.db.path)
        except KnownError as exc:  # the file cannot be opened any more: say so, then close
            window.setEnabled(True)
            show_known_error(window, exc, _("The database cannot be opened"))
            window.close()
            self.finished.emit(False)
            return
        window.replace_database(db)
        window.setEnabled(True)
        if error is not None:
            if isinstance(error, KnownError):
                show_known_error(window, error, _("Restore from a backup"))
            else:
                sys.excepthook(type(error), error, error.__traceback__)
            self.finished.emit(False)
            return
        window.show_status(_("Restored the backup of {date}; the data as it was before is kept in {folder}.")
                           .format(date=format_datetime(self.when), folder=paths.backups_dir(db.path)))
        self.finished.emit(True)
