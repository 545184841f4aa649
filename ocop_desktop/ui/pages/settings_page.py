"""Settings: the office (same fields as the first-run wizard), language, data and backups."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop import paths
from ocop_desktop import settings as preferences
from ocop_desktop.db import timestamp
from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import LANGUAGES, _, current_language
from ocop_desktop.services.office import local_office, save_local_office
from ocop_desktop.ui import ops
from ocop_desktop.ui.errors import show_known_error
from ocop_desktop.ui.first_run import _with_error
from ocop_desktop.ui.screen_fit import ElidedLabel
from ocop_desktop.ui.widgets.office_form import OfficeFields

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.services.office import OfficeInfo


def _path_label(path: Path) -> QLabel:
    """A path on one line, elided in the middle when long (the full path in the tooltip)."""
    return ElidedLabel(str(path), max_hint_chars=48, mode=Qt.TextElideMode.ElideMiddle)


class SettingsPage(QWidget):
    """Signals:
        office_saved(object): the OfficeInfo after a successful save.
        status_message(str): a short note for the status bar.
    """

    office_saved = Signal(object)
    status_message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        title = QLabel(_("Settings"))
        title.setObjectName("pageTitle")

        # -- office --
        self.fields = OfficeFields(self)
        office_box = QGroupBox(_("Your office"))
        form = QFormLayout(office_box)
        form.addRow(_("Office name:"), _with_error(self.fields.name, self.fields.errors["name"]))
        form.addRow(_("Your office is:"), _with_error(self.fields.role_box, self.fields.errors["role"]))
        form.addRow(_("Officer's name:"), _with_error(self.fields.officer, self.fields.errors["officer_name"]))
        form.addRow(_("Province:"), _with_error(self.fields.province, self.fields.errors["province_code"]))
        self.fields.communes.setMinimumHeight(220)
        form.addRow(_("Communes:"), _with_error(self.fields.communes, self.fields.errors["commune_codes"],
                                                 self.fields.communes_help))
        self.save_button = QPushButton(_("Save office settings"))
        self.revert_button = QPushButton(_("Undo changes"))
        self.saved_label = QLabel()
        self.saved_label.setObjectName("fieldHelp")
        self.save_button.clicked.connect(self.save_office)
        self.revert_button.clicked.connect(self.load_office)
        self.fields.changed.connect(self._office_edited)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.saved_label, 1)
        form.addRow(buttons)

        # -- language --
        lang_box = QGroupBox(_("Language"))
        lang_lay = QFormLayout(lang_box)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_note = QLabel()
        self.language_note.setObjectName("fieldHelp")
        self.language_note.setWordWrap(True)
        lang_lay.addRow(_("Interface language:"), self.language)
        lang_lay.addRow(self.language_note)

        # -- council rules --
        council_box = QGroupBox(_("Provincial council"))
        council_lay = QFormLayout(council_box)
        self.council_minima = QComboBox()
        self.council_minima.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.council_minima.setMinimumContentsLength(14)
        self.council_minima.addItem(_("On the council's agreed sheet"), "agreed")
        self.council_minima.addItem(_("On every member's sheet"), "each")
        from ocop_desktop.services.office import get_council_minima

        with db.read_session() as s:  # one small read: fine on the GUI thread
            current = get_council_minima(s)
        self.council_minima.setCurrentIndex(max(self.council_minima.findData(current), 0))
        self.council_minima.currentIndexChanged.connect(self._council_minima_changed)
        council_lay.addRow(_("Star minima:"), self.council_minima)
        minima_help = QLabel(_("Where the ★★★/★★★★/★★★★★ minimum options are checked by default for a new "
                               "council, as your province's council rules say. Each council can still choose."))
        minima_help.setObjectName("fieldHelp")
        minima_help.setWordWrap(True)
        council_lay.addRow(minima_help)

        # -- certificates --
        cert_box = QGroupBox(_("Certificates"))
        cert_lay = QVBoxLayout(cert_box)
        cert_help = QLabel(_("The issuing authority, signer, place, logo and border printed on certificates, "
                             "with a preview."))
        cert_help.setObjectName("fieldHelp")
        cert_help.setWordWrap(True)
        self.layout_button = QPushButton(_("Certificate layout…"))
        self.layout_button.clicked.connect(self.open_certificate_layout)
        cert_lay.addWidget(cert_help)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.layout_button)
        cert_row.addStretch(1)
        cert_lay.addLayout(cert_row)

        # -- data --
        data_box = QGroupBox(_("Data and backups"))
        data_lay = QFormLayout(data_box)
        data_lay.addRow(_("Database file:"), _path_label(db.path))
        self.backups_dir = paths.backups_dir(db.path)
        data_lay.addRow(_("Backups folder:"), _path_label(self.backups_dir))
        hint = QLabel(_("A copy is also made automatically before every upgrade of the database. "
                        "Keep a recent backup on a USB stick or another computer."))
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        data_lay.addRow(hint)
        self.backup_button = QPushButton(_("Back up now…"))
        self.backup_button.clicked.connect(self.back_up)
        self.open_backups_button = QPushButton(_("Open the backups folder"))
        self.open_backups_button.clicked.connect(self._open_backups)
        self.backup_result = QLabel()
        self.backup_result.setWordWrap(True)
        self.backup_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.open_backups_button)
        row.addStretch(1)
        data_lay.addRow(row)
        data_lay.addRow(self.backup_result)

        right = QVBoxLayout()
        right.addWidget(lang_box)
        right.addWidget(council_box)
        right.addWidget(cert_box)
        right.addWidget(data_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(office_box, 3)
        columns.addLayout(right, 2)
        content = QWidget()
        lay = QVBoxLayout(content)
        lay.addWidget(title)
        lay.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.load_office()

    # -- office ---------------------------------------------------------------------------
    def load_office(self) -> None:
        # One row: read on the GUI thread when the page is built.
        with self.db.read_session() as s:
            info = local_office(s)
        if info is not None:
            self.fields.set_info(info)
        self.saved_label.clear()
        self._set_dirty(False)

    def _office_edited(self) -> None:
        self.saved_label.clear()
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def save_office(self) -> None:
        data = self.fields.data()
        try:
            with self.db.session() as s:
                info: OfficeInfo = save_local_office(s, data)
        except ValidationFailed as exc:
            self.fields.show_errors(exc.errors)
            return
        except KnownError as exc:
            show_known_error(self, exc)
            return
        self.db.refresh_office()
        self.fields.set_info(info)
        self._set_dirty(False)
        self.saved_label.setText(_("Saved."))
        self.office_saved.emit(info)
        self.status_message.emit(_("Office settings saved."))

    def open_certificate_layout(self) -> None:
        from ocop_desktop.ui.dialogs.certificate_layout_dialog import CertificateLayoutDialog

        CertificateLayoutDialog(self.db, self).exec()

    def _council_minima_changed(self) -> None:
        from ocop_desktop.services.office import set_council_minima

        with self.db.session() as s:  # one row: fine on the GUI thread
            set_council_minima(s, self.council_minima.currentData())

    # -- language -------------------------------------------------------------------------
    def _language_changed(self) -> None:
        code = self.language.currentData()
        prefs = preferences.load()
        prefs.language = code
        preferences.save(prefs)
        if code == current_language():
            self.language_note.clear()
        else:
            self.language_note.setText(_("Saved. The new language applies the next time you open OCOP Desktop."))

    # -- backups ----------------------------------------------------------------------------
    def back_up(self) -> None:
        self.backups_dir.mkdir(parents=True, exist_ok=True)
        suggested = self.backups_dir / f"{self.db.path.stem}-{timestamp()}.sqlite"
        dialog = QFileDialog(self, _("Save a backup of the database"), str(suggested),
                             _("OCOP Desktop database (*.sqlite)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("sqlite")
        dialog.selectFile(str(suggested))
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return
        self.start_backup(Path(dialog.selectedFiles()[0]))

    def start_backup(self, dest: Path) -> ops.Op:
        db = self.db
        self.backup_button.setEnabled(False)
        self.backup_result.setText(_("Backing up…"))

        def done(path: Path) -> None:
            self.backup_button.setEnabled(True)
            self.backup_result.setText(_("Backup written to {path}").format(path=path))
            self.status_message.emit(_("Backup written to {path}").format(path=path))

        def failed(exc: BaseException) -> None:
            self.backup_button.setEnabled(True)
            self.backup_result.clear()
            if isinstance(exc, KnownError):
                show_known_error(self, exc)
            else:
                sys.excepthook(type(exc), exc, exc.__traceback__)

        return ops.run_write(self, lambda _ctx: db.backup_to(dest), on_success=done, on_failure=failed,
                             label=_("Writing the backup…"))

    def _open_backups(self) -> None:
        self.backups_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backups_dir)))
