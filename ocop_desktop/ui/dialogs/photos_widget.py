"""A product's photos as a strip of thumbnails: add, remove, reorder.

Pictures are checked and stored by content hash (``services.photos.add_photo``) as soon
as they are added, so a bad file is refused right away; the product itself only lists
the hashes, in display order (the first photo is the main one).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop import paths
from ocop_desktop.db import Database
from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _
from ocop_desktop.services import photos as photo_service
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.dialogs.fields import note_label

THUMB = 96
HASH_ROLE = Qt.ItemDataRole.UserRole


class _PhotoList(QListWidget):
    """The thumbnail strip; says so when it is empty."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt virtual
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, _("No photos yet"))
            painter.end()


class PhotosWidget(QWidget):
    """Thumbnails of the product's photos.

    Signals:
        changed: photos were added, removed or reordered.
    """

    changed = Signal()
    marks_rows = True  # never invalid: no error frame around it
    #: Folder the file dialog opened last, shared by every dialog of the session.
    last_folder: str = ""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.root: Path = paths.photos_dir(db.path)
        self.list = _PhotoList()
        self.list.setViewMode(QListView.ViewMode.ListMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setSpacing(4)
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setFixedHeight(THUMB + 2 * 4 + self.list.horizontalScrollBar().sizeHint().height() + 10)
        self.list.setAccessibleName(_("Photos"))
        model = self.list.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            signal.connect(self._emit_changed)
        self.list.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(_("Add photos…"))
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.left_button = QToolButton()
        self.left_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.left_button.setToolTip(_("Move the photo earlier"))
        self.left_button.clicked.connect(lambda: self._move(-1))
        self.right_button = QToolButton()
        self.right_button.setArrowType(Qt.ArrowType.RightArrow)
        self.right_button.setToolTip(_("Move the photo later"))
        self.right_button.clicked.connect(lambda: self._move(1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.left_button)
        buttons.addWidget(self.right_button)
        buttons.addStretch(1)
        hint = note_label(_("JPEG, PNG or WebP, up to 25 MB. The first photo is the main one; "
                            "drag or use the arrows to change the order."), "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self._update_buttons()

    # -- value --------------------------------------------------------------------------
    def photos(self) -> list[str]:
        return [self.list.item(i).data(HASH_ROLE) for i in range(self.list.count())]

    def set_photos(self, hashes: list[str]) -> None:
        self.list.clear()
        with self.db.read_session() as s:
            missing = set(photo_service.missing_photos(s, self.root, hashes))
        for sha in hashes:
            self._append(sha, missing=sha in missing)

    # -- editing ------------------------------------------------------------------------
    def choose_files(self) -> None:
        folder = PhotosWidget.last_folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation)
        files, _filter = QFileDialog.getOpenFileNames(
            self, _("Add photos"), folder, _("Pictures (*.jpg *.jpeg *.png *.webp)"))
        if files:
            PhotosWidget.last_folder = str(Path(files[0]).parent)
            self.add_files(files)

    def add_files(self, files: list[str]) -> list[str]:
        """Check and store each file; refuse bad ones with a message. Returns new hashes."""
        added, problems = [], []
        present = set(self.photos())
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for file in files:
                try:
                    with self.db.session() as s:
                        sha = photo_service.add_photo(s, self.root, file)
                except KnownError as exc:
                    problems.append(exc.message)
                    continue
                if sha not in present:
                    present.add(sha)
                    self._append(sha, name=Path(file).name)
                    added.append(sha)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if problems:
            messages.show_error(self, _("Some photos were not added"), "\n".join(problems))
        return added

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._update_buttons()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def _append(self, sha: str, *, name: str = "", missing: bool = False) -> None:
        thumb = photo_service.thumb_path(self.root, sha)
        pixmap = QPixmap(str(thumb)) if not missing and thumb.exists() else QPixmap()
        if pixmap.isNull():
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            tip = _("The file of this photo is not on this computer yet.")
        else:
            icon = QIcon(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation))
            tip = name or _("Photo")
        item = QListWidgetItem(icon, "")
        item.setData(HASH_ROLE, sha)
        item.setToolTip(tip)
        item.setSizeHint(QSize(THUMB + 8, THUMB + 8))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
        self.list.addItem(item)

    def _emit_changed(self, *_args: object) -> None:
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        has = bool(self.list.selectedItems())
        self.remove_button.setEnabled(has)
        self.left_button.setEnabled(has and self.list.currentRow() > 0)
        self.right_button.setEnabled(has and 0 <= self.list.currentRow() < self.list.count() - 1)
