"""Certificate layout settings with a live preview (issue 5): the defaults printed when a
decision leaves the authority or signatory empty, the place before the date, a logo and a
border picture. The preview re-renders a sample certificate with these settings 400 ms after
each edit, in a worker; what is still missing shows in red on it."""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _
from ocop_desktop.services import print_settings as ps
from ocop_desktop.ui import ops
from ocop_desktop.ui.errors import _label_standard_buttons, show_known_error
from ocop_desktop.ui.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from ocop_desktop.db import Database


def render_preview(db_path: Path, settings: ps.PrintSettings, out: Path) -> Path:
    """A sample certificate drawn with ``settings`` (worker thread; no database access)."""
    from ocop_desktop.reports.certificate import render_certificates, sample_view

    title = "\n".join(p.strip() for p in settings.signer_title.replace(" / ", "\n").splitlines() if p.strip())
    view = sample_view(authority=settings.authority.upper(), place=settings.place, signer_name=settings.signer_name,
                       signer_title=title, logo_path=ps.image_file(db_path, settings.logo),
                       border_path=ps.image_file(db_path, settings.border))
    render_certificates([view], out)
    return out


class CertificateLayoutDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Certificate layout"))
        resize_within_screen(self, 1180, 620)
        with db.read_session() as s:  # one small read
            self.settings = ps.get_print_settings(s)
            from ocop_desktop.services.office import local_office

            office = local_office(s)
        self._province = office.province_name if office else ""
        self._tmp = Path(tempfile.mkdtemp(prefix="ocop-layout-"))
        weakref.finalize(self, shutil.rmtree, self._tmp, True)  # the previews go with the dialog
        self._n = 0

        form = QFormLayout()
        self.authority = QLineEdit(self.settings.authority)
        self.authority.setPlaceholderText(_("e.g. ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"))
        self.place = QLineEdit(self.settings.place)
        self.place.setPlaceholderText(self._province)
        self.signer_name = QLineEdit(self.settings.signer_name)
        self.signer_title = QLineEdit(self.settings.signer_title)
        self.signer_title.setPlaceholderText(_("e.g. KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"))
        form.addRow(_("Issuing authority:"), self.authority)
        form.addRow(_("Place before the date:"), self.place)
        form.addRow(_("Signer:"), self.signer_name)
        form.addRow(_("Signer's title:"), self.signer_title)
        self.logo_label, logo_row = self._picture_row("logo")
        self.border_label, border_row = self._picture_row("border")
        form.addRow(_("Logo:"), logo_row)
        form.addRow(_("Border:"), border_row)
        help_ = QLabel(_("These are printed when a decision leaves the authority or the signer empty. The place "
                         "defaults to the province. The preview shows a sample certificate; what is still missing "
                         "is shown in red."))
        help_.setObjectName("fieldHelp")
        help_.setWordWrap(True)
        form.addRow(help_)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setMinimumWidth(620)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(self.view, 3)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        _label_standard_buttons(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(columns, 1)
        lay.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.refresh)
        for edit in (self.authority, self.place, self.signer_name, self.signer_title):
            edit.textEdited.connect(lambda _t: self._timer.start())
        self._update_picture_labels()
        self.refresh()

    # -- pictures --------------------------------------------------------------
    def _picture_row(self, what: str) -> tuple[QLabel, QWidget]:
        label = QLabel()
        choose = QPushButton(_("Choose…"))
        clear = QPushButton(_("Remove"))
        choose.clicked.connect(lambda: self.choose_picture(what))
        clear.clicked.connect(lambda: self.set_picture(what, ""))
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(label, 1)
        h.addWidget(choose)
        h.addWidget(clear)
        return label, row

    def choose_picture(self, what: str) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Choose a PNG or JPEG picture"), "",
                                                    _("Pictures (*.png *.jpg *.jpeg)"))
        if name:
            self.add_picture(what, Path(name))

    def add_picture(self, what: str, path: Path) -> None:
        try:
            stored = ps.store_image(self.db.path, path, _("logo") if what == "logo" else _("border"))
        except KnownError as exc:
            show_known_error(self, exc)
            return
        self.set_picture(what, stored)

    def set_picture(self, what: str, stored: str) -> None:
        self.settings = ps.PrintSettings(**{**self._current().__dict__, what: stored})
        self._update_picture_labels()
        self.refresh()

    def _update_picture_labels(self) -> None:
        for label, name in ((self.logo_label, self.settings.logo), (self.border_label, self.settings.border)):
            label.setText(name[:12] + "…" if name else _("(none)"))

    # -- preview and save ----------------------------------------------------------
    def _current(self) -> ps.PrintSettings:
        return ps.PrintSettings(authority=self.authority.text(), place=self.place.text(),
                                signer_name=self.signer_name.text(), signer_title=self.signer_title.text(),
                                logo=self.settings.logo, border=self.settings.border)

    def refresh(self) -> ops.Op:
        settings = self._current()
        if not settings.place:
            settings = ps.PrintSettings(**{**settings.__dict__, "place": self._province})
        self._n += 1
        out = self._tmp / f"preview-{self._n}.pdf"
        db_path = self.db.path
        return ops.run_query(self, lambda _ctx: render_preview(db_path, settings, out), on_success=self._show,
                             on_failure=lambda exc: None)

    def _show(self, path: Path) -> None:
        if path.name != f"preview-{self._n}.pdf":
            return  # an older render finished after a newer one was asked for
        self.document.load(str(path))

    def save(self) -> None:
        from ocop_desktop.errors import ValidationFailed

        try:
            with self.db.session() as s:
                self.settings = ps.save_print_settings(s, self._current())
        except ValidationFailed as exc:
            show_known_error(self, exc)
            return
        self.accept()

    def done(self, result: int) -> None:  # noqa: A003 - QDialog API
        self.document.close()
        super().done(result)


__all__ = ["CertificateLayoutDialog", "render_preview"]
