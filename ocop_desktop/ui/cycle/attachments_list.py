"""The files attached to a business plan: add (checked and stored by hash in a worker), open with
the system viewer, save a copy, remove. Keyboard: Enter opens the file, Del removes it.

A file is stored as soon as it is added (a refused file says why at once); the plan lists the
hashes and names, saved with the plan. Removing a file from the plan keeps the stored copy
(another plan may list the same file).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.db import Database
from ocop_desktop.domain.business_plans import ACCEPTED_TEXT, MAX_ATTACHMENT_MB, kind_label
from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _, format_number
from ocop_desktop.services import attachments as attachment_service
from ocop_desktop.ui import ops
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.dialogs.fields import note_label

REF_ROLE = Qt.ItemDataRole.UserRole
_FILTER = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.xls *.xlsx"


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{n} MB").format(n=format_number(round(size / (1024 * 1024), 1), decimals=1))
    return _("{n} KB").format(n=format_number(max(1, round(size / 1024))))


class _Keys(QObject):
    def __init__(self, owner: AttachmentsWidget) -> None:
        super().__init__(owner)
        self.owner = owner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt virtual
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.owner.current_ref():
                self.owner.open_current()
                return True
            if event.key() == Qt.Key.Key_Delete and self.owner.current_ref():
                self.owner.remove_current()
                return True
        return super().eventFilter(watched, event)


class AttachmentsWidget(QWidget):
    """Signals: ``changed`` — files were added or removed; ``opened(path)`` — a file was handed
    to the system viewer (tests listen to it)."""

    changed = Signal()
    opened = Signal(str)
    marks_rows = True  # the list is marked, not framed
    last_folder: str = ""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.root = attachment_service.attachments_dir(db.path)
        self._info: dict[str, tuple[str, int] | None] = {}  # sha → (mime, size), None when not here
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(_("Attached files"))
        self.list.installEventFilter(_Keys(self))
        self.list.itemDoubleClicked.connect(lambda _item: self.open_current())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 4 + 12)
        self.add_button = QPushButton(_("Add files…"))
        self.add_button.setToolTip(_("Attach scans, PDF, Word or Excel files (Alt+F)"))
        self.add_button.setShortcut("Alt+F")
        self.open_button = QPushButton(_("Open"))
        self.open_button.setToolTip(_("Open the file with this computer's viewer (Enter)"))
        self.copy_button = QPushButton(_("Save a copy…"))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Remove the file from this plan (Del)"))
        for button, slot in ((self.add_button, self.choose_files), (self.open_button, self.open_current),
                             (self.copy_button, self.save_copy), (self.remove_button, self.remove_current)):
            button.setAutoDefault(False)  # Enter in the dialog saves
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.copy_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = note_label(_("{kinds}; at most {mb} MB per file.").format(kinds=ACCEPTED_TEXT, mb=MAX_ATTACHMENT_MB),
                          "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self._update_buttons()

    # -- value ----------------------------------------------------------------------------
    def refs(self) -> list[dict[str, str]]:
        return [dict(self.list.item(i).data(REF_ROLE)) for i in range(self.list.count())]

    def set_refs(self, refs: list[dict[str, str]]) -> None:
        self.list.clear()
        from ocop_desktop.models import Attachment

        with self.db.read_session() as s:
            for ref in refs:
                att = s.get(Attachment, ref["sha256"])
                here = att is not None and attachment_service.file_of(s, self.root, ref["sha256"]) is not None
                self._info[ref["sha256"]] = (att.mime, att.size) if here else None
                self._append(ref)
        self._update_buttons()

    def current_ref(self) -> dict[str, str] | None:
        item = self.list.currentItem()
        return dict(item.data(REF_ROLE)) if item is not None else None

    # -- actions --------------------------------------------------------------------------
    def choose_files(self) -> None:
        folder = AttachmentsWidget.last_folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        files, _filter = QFileDialog.getOpenFileNames(self, _("Attach files"), folder,
                                                      _("Documents and scans ({patterns})").format(patterns=_FILTER))
        if files:
            AttachmentsWidget.last_folder = str(Path(files[0]).parent)
            self.add_files(files)

    def add_files(self, files: list[str]) -> ops.Op:
        """Read, check and store the files in a worker; refused files are named with the reason."""
        db, root = self.db, self.root

        def work(ctx: ops.OpContext) -> tuple[list[tuple[dict[str, str], str, int]], list[str]]:
            added, problems = [], []
            for i, file in enumerate(files):
                ctx.check_cancelled()
                ctx.report(i, len(files), Path(file).name)
                try:
                    checked = attachment_service.read_file(file)
                    with db.session() as s:
                        added.append((attachment_service.register(s, root, checked), checked.mime, checked.size))
                except KnownError as exc:
                    problems.append(exc.message)
            return added, problems

        self.add_button.setEnabled(False)
        return ops.run_write(self, work, on_success=self._added, on_failure=self._failed,
                             label=_("Attaching files…"), cancellable=True)

    def _added(self, result: tuple[list[tuple[dict[str, str], str, int]], list[str]]) -> None:
        added, problems = result
        present = {r["sha256"] for r in self.refs()}
        for ref, mime, size in added:
            if ref["sha256"] in present:
                continue
            present.add(ref["sha256"])
            self._info[ref["sha256"]] = (mime, size)
            self._append(ref)
            self.list.setCurrentRow(self.list.count() - 1)
        self._update_buttons()
        if added:
            self.changed.emit()
        if problems:
            messages.show_error(self, _("Some files were not attached"), "\n".join(problems))

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        if isinstance(exc, KnownError):
            messages.show_error(self, _("Files not attached"), exc.message)
        else:
            raise exc

    def _path(self, ref: dict[str, str]) -> Path | None:
        with self.db.read_session() as s:
            return attachment_service.file_of(s, self.root, ref["sha256"])

    def open_current(self) -> None:
        ref = self.current_ref()
        if ref is None:
            return
        path = self._path(ref)
        if path is None:
            messages.show_error(self, _("File not here"), _("This file is not on this computer yet; it will "
                                                           "arrive with a later sync bundle."))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            messages.show_error(self, _("Cannot open the file"), _("No program on this computer opens {kind} "
                                                                  "files; save a copy and open it elsewhere.")
                                .format(kind=kind_label(self._info.get(ref["sha256"], ("", 0))[0])))
            return
        self.opened.emit(str(path))

    def save_copy(self) -> None:
        ref = self.current_ref()
        if ref is None:
            return
        folder = AttachmentsWidget.last_folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        target, _filter = QFileDialog.getSaveFileName(self, _("Save a copy"), str(Path(folder) / ref["name"]))
        if target:
            self.copy_to(ref, target)

    def copy_to(self, ref: dict[str, str], target: str) -> ops.Op:
        db, root = self.db, self.root

        def work(_ctx: ops.OpContext) -> Path:
            with db.read_session() as s:
                return attachment_service.save_copy(s, root, ref["sha256"], target)

        return ops.run_query(self, work, label=_("Saving the copy…"))

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._update_buttons()
        self.changed.emit()

    # -- display --------------------------------------------------------------------------
    def _append(self, ref: dict[str, str]) -> None:
        info = self._info.get(ref["sha256"])
        if info is None:
            text = _("{name} — not on this computer yet").format(name=ref["name"])
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        else:
            text = f"{ref['name']} — {kind_label(info[0])}, {_size_text(info[1])}"
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        item = QListWidgetItem(icon, text)
        item.setData(REF_ROLE, dict(ref))
        item.setToolTip(text)
        self.list.addItem(item)

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        here = has and self._info.get(self.current_ref()["sha256"]) is not None
        self.add_button.setEnabled(True)
        for button in (self.open_button, self.copy_button):
            button.setEnabled(bool(here))
        self.remove_button.setEnabled(has)

    def texts(self) -> list[str]:
        """The lines shown (tests)."""
        return [self.list.item(i).text() for i in range(self.list.count())]
