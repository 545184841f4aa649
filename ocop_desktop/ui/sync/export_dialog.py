"""Export a bundle for another office onto a USB stick (or a folder).

The form: the recipient (registered offices; the field office's province by default),
the destination (the first USB stick found), a full snapshot for a new office, and how
many megabytes of photos this bundle may carry. The export runs on the write thread
(``ui.ops``): the core builds the file on the local disk, copies it to the stick and reads
it back before this dialog says it is safe to remove the stick. Then the result: file,
size, counts, photos left for later, and the cover sheet to print or save.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.ui import ops
from ocop_desktop.ui.screen_fit import resize_within_screen
from ocop_desktop.ui.sync.texts import kind_label, numbered, role_label
from ocop_desktop.ui.sync.widgets import (
    STYLE,
    cell,
    fail,
    fit_columns,
    fit_height,
    make_table,
    monospace,
    note,
)

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.sync.exporter import ExportResult
    from ocop_desktop.sync.overview import PeerStatus

MB = 1024 * 1024


@dataclass(frozen=True)
class ExportChoices:
    peers: list[PeerStatus]  # registered offices with a key
    default_id: str | None
    drives: list[Any]  # usb.Drive


@dataclass(frozen=True)
class Exported:
    result: ExportResult
    cover_html: str


def load_choices(db: Database) -> ExportChoices:
    from ocop_desktop.sync import overview, usb

    with db.read_session() as s:
        peers = [p for p in overview.peers(s) if p.fingerprint]
    return ExportChoices(peers, default_recipient(db), usb.removable_drives())


def default_recipient(db: Database) -> str | None:
    """``exporter.choose_recipient``'s rule: a field office's only province, or the only office."""
    from ocop_desktop.sync import exporter

    try:
        return exporter.choose_recipient(db, None)
    except BadInput:
        return None


def export_and_cover(db: Database, folder: Path, recipient_id: str, *, snapshot: bool,
                     photo_budget: int) -> Exported:
    """The export, then the cover sheet with the bundle's fingerprint and size (known now)."""
    from ocop_desktop.sync import exporter

    result = exporter.export_bundle(db, folder, recipient_id, snapshot=snapshot, photo_budget=photo_budget)
    return Exported(result, cover_html(db, result))


def cover_html(db: Database, result: ExportResult) -> str:
    """``ExportResult`` carries the cover as text only: rebuild the printable page from the
    bundle log (the sheet inside the bundle cannot show its own fingerprint)."""
    from sqlalchemy import select

    from ocop_desktop import __version__
    from ocop_desktop.i18n import _ as tr
    from ocop_desktop.models import Office, SyncBundle
    from ocop_desktop.sync import cover, profiles, records

    with db.read_session() as s:
        local = s.scalar(select(Office).where(Office.is_local.is_(True)))
        key = profiles.current_key(s, local.id)
        logged = s.get(SyncBundle, result.bundle_hash)
        previous = s.scalar(select(SyncBundle.bundle_hash).where(SyncBundle.direction == "out")
                            .where(SyncBundle.peer_office == result.recipient_id)
                            .where(SyncBundle.number == result.number - 1))
        info = cover.CoverInfo(
            sender_name=local.name, sender_id=local.id,
            sender_fingerprint=profiles.key_fingerprint(key) if key else "",
            recipient_name=result.recipient_name, recipient_id=result.recipient_id, number=result.number,
            bundle_id=logged.bundle_id if logged else "", kind=result.kind,
            created_at=logged.created_at if logged else None,
            seq_from=result.seq_from, seq_to=result.seq_to,
            counts={tr(records.BY_NAME[t].label) if t in records.BY_NAME else t:
                    {"changed": c["records"], "deleted": c["deleted"]} for t, c in result.counts.items()},
            photos_included=result.photos_included, photos_deferred=result.photos_deferred,
            size_bytes=result.size, bundle_hash=result.bundle_hash, previous_hash=previous or "",
            app_version=__version__)
    return cover.cover_html(info)


class ExportDialog(QDialog):
    """Signals:
        exported(object): the :class:`ExportResult` after a verified write.
    """

    exported = Signal(object)

    def __init__(self, db: Database, recipient_id: str | None = None, parent: QWidget | None = None, *,
                 autoload: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Export a bundle"))
        self.setStyleSheet(STYLE)
        self._wanted = recipient_id
        self._drive_path = ""
        self._busy = False
        self.choices: ExportChoices | None = None
        self.exported_result: Exported | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_form())
        self.stack.addWidget(self._build_result())
        lay = QVBoxLayout(self)
        lay.addWidget(self.stack)
        self.resize(min(860, self.fontMetrics().horizontalAdvance("M") * 76), 0)
        self._update_buttons()
        if autoload:
            ops.run_query(self, lambda _ctx: load_choices(db), on_success=self.set_choices)

    # -- the form -------------------------------------------------------------------------
    def _build_form(self) -> QWidget:
        page = QWidget()
        self.recipient = QComboBox()
        self.recipient.setMinimumContentsLength(28)
        self.recipient.currentIndexChanged.connect(self._recipient_changed)
        self.recipient_note = note(_("Loading the registered offices…"))
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(_("Choose the USB stick or a folder"))
        self.folder.textChanged.connect(self._folder_edited)
        self.browse_button = QPushButton(_("Choose folder…"))
        self.browse_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)
        self.folder_note = note("")
        self.snapshot = QCheckBox(_("Full snapshot (for a new office)"))
        snapshot_note = note(_("Sends every record, not only the changes the office has not acknowledged yet. "
                               "Use it for a new or reinstalled office."))
        self.photo_budget = QSpinBox()
        self.photo_budget.setRange(0, 3900)
        self.photo_budget.setSingleStep(100)
        self.photo_budget.setSuffix(" MB")
        from ocop_desktop.sync.exporter import DEFAULT_PHOTO_BUDGET

        self.photo_budget.setValue(DEFAULT_PHOTO_BUDGET // MB)
        photo_note = note(_("Photos beyond this size wait for a later bundle (0: no photos in this one)."))

        form = QFormLayout()
        form.addRow(_("For the office:"), self.recipient)
        form.addRow("", self.recipient_note)
        form.addRow(_("Write to:"), folder_row)
        form.addRow("", self.folder_note)
        options = QGroupBox(_("Options"))
        opt = QFormLayout(options)
        opt.addRow(self.snapshot)
        opt.addRow(snapshot_note)
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.photo_budget)
        budget_row.addStretch(1)
        opt.addRow(_("Photos in this bundle, at most:"), budget_row)
        opt.addRow(photo_note)

        box = QDialogButtonBox()
        self.export_button = QPushButton(_("Write the bundle"))
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"))
        box.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.reject)

        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        lay.addWidget(options)
        lay.addStretch(1)
        lay.addWidget(box)
        return page

    def set_choices(self, choices: ExportChoices) -> None:
        self.choices = choices
        self.recipient.blockSignals(True)
        self.recipient.clear()
        for p in choices.peers:
            self.recipient.addItem(f"{p.name} — {role_label(p.role)}", p.office_id)
        wanted = self._wanted or choices.default_id
        index = self.recipient.findData(wanted) if wanted else -1
        if index < 0 and self.recipient.count():
            self.recipient.insertItem(0, _("Choose the office the bundle is for…"), None)
            index = 0
        self.recipient.setCurrentIndex(index)
        self.recipient.blockSignals(False)
        self._recipient_changed()
        writable = [d for d in choices.drives if not d.read_only]
        if writable and not self.folder.text():
            from ocop_desktop.sync.usb import format_size

            d = writable[0]
            self._drive_path = str(d.path)
            self.folder.setText(str(d.path))
            self.folder_note.setText(_("USB stick found: {label} ({free} free).").format(
                label=d.label, free=format_size(d.free)))
        elif not writable and not self.folder.text():
            self.folder_note.setText(_("No USB stick found. Plug one in and choose it, or choose a folder."))
        self._update_buttons()

    def _recipient_changed(self) -> None:
        peer = self.current_peer()
        if self.choices is not None and not self.choices.peers:
            self.recipient_note.setText(_("No other office is registered yet. Import the other office's profile "
                                          "file first (Sync → Import office profile…)."))
        elif peer is None:
            self.recipient_note.setText("")
        elif not peer.last_out_number:
            self.recipient_note.setText(_("No bundle sent to this office yet. Changes it has not acknowledged: "
                                          "{pending}.").format(pending=format_number(peer.pending)))
        else:
            self.recipient_note.setText(
                _("Last bundle sent: {sent}. Changes not yet acknowledged by this office: {pending}.")
                .format(sent=numbered(peer.last_out_number, peer.last_out_at),
                        pending=format_number(peer.pending)))
        self._update_buttons()

    def _folder_edited(self) -> None:
        if self.folder.text() != self._drive_path:
            self.folder_note.setText("")
        self._update_buttons()

    def current_peer(self) -> PeerStatus | None:
        rid = self.recipient.currentData()
        if self.choices is None or not rid:
            return None
        return next((p for p in self.choices.peers if p.office_id == rid), None)

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(self.current_peer() is not None and bool(self.folder.text().strip()))

    def choose_folder(self) -> None:
        from ocop_desktop.ui.sync.widgets import start_folder

        folder = QFileDialog.getExistingDirectory(self, _("Choose the USB stick or a folder"),
                                                  self.folder.text() or start_folder())
        if folder:
            self.folder.setText(folder)
            self.folder_note.setText("")

    # -- the export -------------------------------------------------------------------------
    def start_export(self) -> ops.Op | None:
        peer = self.current_peer()
        folder = self.folder.text().strip()
        if peer is None or not folder:
            return None
        db = self.db
        snapshot = self.snapshot.isChecked()
        budget = self.photo_budget.value() * MB
        self._set_busy(True)
        return ops.run_write(
            self, lambda _ctx: export_and_cover(db, Path(folder), peer.office_id, snapshot=snapshot,
                                                photo_budget=budget),
            on_success=self._exported, on_failure=self._failed,
            label=_("Writing the bundle to {office}'s stick and checking it…").format(office=peer.name))

    def reject(self) -> None:
        if not self._busy:  # a bundle half-written to the stick: the export ends first (it is short)
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for w in (self.export_button, self.cancel_button, self.recipient, self.folder, self.browse_button,
                  self.snapshot, self.photo_budget):
            w.setEnabled(not busy)
        if not busy:
            self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        fail(self, exc)

    def _exported(self, done: Exported) -> None:
        self._busy = False
        self.exported_result = done
        self._show_result(done.result)
        self.stack.setCurrentIndex(1)
        resize_within_screen(self, max(self.width(), self.sizeHint().width()),
                             max(self.height(), self.sizeHint().height()))
        self.close_button.setFocus()
        self.exported.emit(done.result)

    # -- the result -------------------------------------------------------------------------
    def _build_result(self) -> QWidget:
        page = QWidget()
        self.done_title = QLabel("✓ " + _("Written and verified on the stick — it is safe to remove it"))
        self.done_title.setObjectName("doneTitle")
        self.done_title.setWordWrap(True)
        self.file_label = QLineEdit()
        self.file_label.setReadOnly(True)
        self.size_label = QLabel()
        self.bundle_label = QLabel()
        self.photos_label = note("", "plain")
        self.conflicts_label = QLabel()
        self.hash_label = note("", "plain", selectable=True)
        self.hash_label.setFont(monospace())
        self.counts_table = make_table([_("Record type"), _("Added or changed"), _("Deleted")], stretch=0)
        self.counts_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.warnings_label = note("", "warning")
        self.next_label = note("")
        form = QFormLayout()
        form.addRow(_("File:"), self.file_label)
        form.addRow(_("Size:"), self.size_label)
        form.addRow(_("Bundle:"), self.bundle_label)
        form.addRow(_("Photos:"), self.photos_label)
        form.addRow(_("Conflicts carried:"), self.conflicts_label)
        form.addRow(_("Bundle fingerprint:"), self.hash_label)

        box = QDialogButtonBox()
        self.print_button = QPushButton(_("Print cover sheet…"))
        self.save_cover_button = QPushButton(_("Save cover sheet…"))
        self.close_button = QPushButton(_("Close"))
        box.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.save_cover_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.clicked.connect(self.print_cover)
        self.save_cover_button.clicked.connect(lambda: self.save_cover())
        self.close_button.clicked.connect(self.accept)

        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.done_title)
        lay.addLayout(form)
        lay.addWidget(self.counts_table)
        lay.addWidget(self.warnings_label)
        lay.addWidget(self.next_label)
        lay.addStretch(1)
        lay.addWidget(box)
        return page

    def _show_result(self, r: ExportResult) -> None:
        from ocop_desktop.sync import records
        from ocop_desktop.sync.cover import hash_groups
        from ocop_desktop.sync.usb import format_size

        self.file_label.setText(str(r.path))
        self.file_label.setCursorPosition(0)
        self.file_label.setToolTip(str(r.path))
        self.size_label.setText(format_size(r.size))
        self.bundle_label.setText(_("No. {n} for {office} · {kind}").format(
            n=r.number, office=r.recipient_name, kind=kind_label(r.kind)))
        photos = ngettext("{n} photo included", "{n} photos included", r.photos_included).format(
            n=format_number(r.photos_included))
        if r.photos_deferred:
            photos += "; " + ngettext("{n} photo will follow in a later bundle",
                                      "{n} photos will follow in a later bundle", r.photos_deferred).format(
                n=format_number(r.photos_deferred))
        self.photos_label.setText(photos)
        self.conflicts_label.setText(format_number(r.conflicts))
        self.hash_label.setText(hash_groups(r.bundle_hash))
        t = self.counts_table
        t.setRowCount(0)
        total_changed = total_deleted = 0
        for table in records.TABLES:
            c = r.counts.get(table.name, {"records": 0, "deleted": 0})
            row = t.rowCount()
            t.insertRow(row)
            t.setItem(row, 0, cell(_(table.label)))
            t.setItem(row, 1, cell(format_number(c["records"]), number=True))
            t.setItem(row, 2, cell(format_number(c["deleted"]), number=True))
            total_changed += c["records"]
            total_deleted += c["deleted"]
        row = t.rowCount()
        t.insertRow(row)
        t.setItem(row, 0, cell(_("All record types"), bold=True))
        t.setItem(row, 1, cell(format_number(total_changed), number=True, bold=True))
        t.setItem(row, 2, cell(format_number(total_deleted), number=True, bold=True))
        fit_columns(t)
        fit_height(t, max_rows=14)  # 20 record types and the total: the dialog must fit 720 px
        self.warnings_label.setText("\n".join(r.warnings))
        self.warnings_label.setVisible(bool(r.warnings))
        self.next_label.setText(_("Hand the stick to {office}. After importing it, they read you a receipt code: "
                                  "type it under “Receipt code from the other office” to confirm that the "
                                  "bundle arrived.").format(office=r.recipient_name))

    # -- cover sheet ---------------------------------------------------------------------------
    def cover_document(self) -> Any:
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument(self)
        doc.setHtml(self.exported_result.cover_html if self.exported_result else "")
        return doc

    def print_cover(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.exported_result is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        from PySide6.QtGui import QPageSize

        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the cover sheet"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.cover_document().print_(printer)

    def save_cover(self, path: Path | None = None) -> Path | None:
        if self.exported_result is None:
            return None
        if path is None:
            r = self.exported_result.result
            suggested = Path.home() / (r.path.stem + "-cover.html")
            name, _filter = QFileDialog.getSaveFileName(self, _("Save the cover sheet"), str(suggested),
                                                        _("Web page (*.html)"))
            if not name:
                return None
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(".html")
        try:
            path.write_text(self.exported_result.cover_html, encoding="utf-8")
        except OSError as exc:
            fail(self, BadInput(_("The cover sheet could not be saved to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc)))
            return None
        return path
