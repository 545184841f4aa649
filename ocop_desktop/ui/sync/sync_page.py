"""The Sync section: an Overview tab (this office, the other offices, bundles, receipts,
history) and a Conflicts tab (with the number of open conflicts in its title).

Exports and imports open window-modal dialogs with ``open()`` (:attr:`SyncPage.dialog`
holds the last one, for tests); after an import the page reloads and tells the main window
that records changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _
from ocop_desktop.ui import errors as ui_errors
from ocop_desktop.ui.sync.conflicts_view import ConflictsView
from ocop_desktop.ui.sync.offices_view import OverviewView
from ocop_desktop.ui.sync.relay_panel import RelayPanel
from ocop_desktop.ui.sync.widgets import STYLE, start_folder

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.sync.importer import ImportReport


class SyncPage(QWidget):
    """Signals:
        records_changed(): an import or a resolved conflict changed records.
        conflicts_changed(int): the number of open conflicts (for the navigation badge).
        status_message(str)
    """

    records_changed = Signal()
    conflicts_changed = Signal(int)
    status_message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None, *, autoload: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        self.autoload = autoload
        self.setStyleSheet(STYLE)
        #: The dialog last opened (tests drive it).
        self.dialog: QDialog | None = None
        self._stale = True
        title = QLabel(_("Sync"))
        title.setObjectName("pageTitle")
        subtitle = QLabel(_("Exchange records with the other offices on a USB stick or over the network: "
                            "export and import bundles, and confirm with the receipt codes."))
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)
        self.relay = RelayPanel(db)
        self.overview = OverviewView(db)
        self.conflicts = ConflictsView(db)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # The overview scrolls rather than push the page past a 720-px screen (the relay strip
        # sits above it, and the office's tables grow with the record types).
        overview_scroll = QScrollArea()
        overview_scroll.setWidgetResizable(True)
        overview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        overview_scroll.setWidget(self.overview)
        self.tabs.addTab(overview_scroll, _("Overview"))
        self.tabs.addTab(self.conflicts, _("Conflicts"))
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(subtitle)
        lay.addWidget(self.relay)
        lay.addWidget(self.tabs, 1)
        self.relay.review_requested.connect(self._review_relay_bundles)
        self.relay.records_changed.connect(self._relay_imported)
        self.relay.exchanged.connect(self.overview.reload)
        self.relay.status_message.connect(self.status_message)

        self.overview.export_requested.connect(self.export_bundle)
        self.overview.import_requested.connect(lambda: self.import_bundles())
        self.overview.import_folder_requested.connect(lambda: self.import_folder())
        self.overview.status_message.connect(self.status_message)
        self.conflicts.count_changed.connect(self._conflict_count)
        self.conflicts.resolved.connect(self._resolved)

    # -- loading ---------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale and self.autoload:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self.relay.reload()
        self.overview.reload()
        self.conflicts.reload()

    def mark_stale(self) -> None:
        """Records changed elsewhere: pending counts change. Reload now if shown, else when shown."""
        self._stale = True
        if self.isVisible() and self.autoload:
            self.reload()

    def _conflict_count(self, n: int) -> None:
        self.tabs.setTabText(1, _("Conflicts ({n})").format(n=n) if n else _("Conflicts"))
        self.conflicts_changed.emit(n)

    def _resolved(self, text: str) -> None:
        self.status_message.emit(text)
        self.overview.reload()  # the resolution is a change the other offices have not seen
        self.records_changed.emit()

    # -- export -------------------------------------------------------------------------------------
    def export_bundle(self, recipient_id: str | None = None) -> QDialog:
        from ocop_desktop.ui.sync.export_dialog import ExportDialog

        dialog = ExportDialog(self.db, recipient_id, parent=self)
        dialog.exported.connect(self._exported)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _exported(self, result: object) -> None:
        self.status_message.emit(_("Bundle written to {path}").format(path=getattr(result, "path", "")))
        self.overview.reload()

    # -- import -------------------------------------------------------------------------------------
    def import_bundles(self, paths: list[Path] | None = None) -> QDialog | None:
        if paths is None:
            names, _filter = QFileDialog.getOpenFileNames(
                self, _("Choose the bundles to import"), start_folder(),
                _("OCOP sync bundles (*.ocopbundle);;All files (*)"))
            if not names:
                return None
            paths = [Path(n) for n in names]
        from ocop_desktop.ui.sync.import_dialog import ImportDialog

        dialog = ImportDialog(self.db, paths, parent=self)
        dialog.imported.connect(self._imported)
        dialog.finished.connect(lambda _r: self.reload())
        self.dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def import_folder(self, folder: Path | None = None) -> QDialog | None:
        from ocop_desktop.ui.sync.import_dialog import bundle_files

        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, _("Choose the folder that holds the bundles"),
                                                      start_folder())
            if not chosen:
                return None
            folder = Path(chosen)
        try:
            files = bundle_files(folder)
        except OSError as exc:
            ui_errors.show_info(self, _("The folder {path} cannot be read: {reason}").format(
                path=folder, reason=exc.strerror or exc))
            return None
        if not files:
            ui_errors.show_info(self, _("There is no bundle (.ocopbundle file) in {path}.").format(path=folder))
            return None
        return self.import_bundles(files)

    # -- over the network ---------------------------------------------------------------------------
    def _review_relay_bundles(self, paths: list[Path]) -> None:
        """Bundles fetched from the relay that need the officer: the same preview as from a stick;
        when it closes, what was imported is acknowledged on the relay."""
        dialog = self.import_bundles(paths)
        if dialog is not None:
            dialog.finished.connect(lambda _r: self.relay.after_review())

    def _relay_imported(self) -> None:
        self.conflicts.reload()
        self.records_changed.emit()

    def _imported(self, report: ImportReport) -> None:
        self.status_message.emit(_("Imported bundle No. {n} from {office}; receipt code {code}.").format(
            n=report.number, office=report.sender_name, code=report.receipt or "—"))
        self.records_changed.emit()
