"""The office's certificate layout settings with a live preview ("Certificate layout…").

Authority, place, signer and title (the defaults printed when a decision leaves them
empty; the place goes before the date) and an optional logo and border picture
(``services.print_settings``: the pictures are checked with Pillow and copied beside the
database). Every edit re-renders a sample certificate in a worker ~400 ms later and shows
it on the right; empty settings show as the renderer's red "[chưa khai báo …]"
placeholders. Saving is one ``db.session()`` calling ``save_print_settings``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
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

from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.ui import ops
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.dialogs.fields import note_label

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.services.print_settings import PrintSettings

PREVIEW_DELAY_MS = 400


def ask_picture(parent: QWidget, title: str) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(parent, title, str(Path.home()), _("Pictures (*.png *.jpg *.jpeg)"))
    return path or None


def render_sample(db_path: Path, settings: PrintSettings, province: str) -> str:
    """Worker: a sample certificate with these settings, in a temporary PDF."""
    from ocop_desktop.reports.certificate import CertificateView, render_certificates
    from ocop_desktop.reports.certificates_from_db import _signer_lines
    from ocop_desktop.services.print_settings import image_file

    today = dt.date.today()
    from ocop_desktop.domain.certificates import expiry_for

    view = CertificateView(
        number="1/2026/GCN-OCOP", product_name="Sản phẩm mẫu", product_code="00-00000-0-2026",
        producer_name="Hợp tác xã mẫu", producer_address=province and f"tỉnh {province}" or "",
        product_set="6. Chế biến từ gạo, ngũ cốc", product_group="I. Thực phẩm", stars=4,
        decision_number="0000/QĐ-UBND", decision_date=today, issue_date=today, expiry_date=expiry_for(today),
        authority=settings.authority.upper(), place=settings.place or province,
        signer_name=settings.signer_name, signer_title=_signer_lines(settings.signer_title),
        logo_path=str(p) if (p := image_file(db_path, settings.logo)) else None,
        border_path=str(b) if (b := image_file(db_path, settings.border)) else None,
    )
    fd, path = tempfile.mkstemp(prefix="ocop-layout-", suffix=".pdf")
    os.close(fd)
    render_certificates([view], Path(path))
    return path


class CertificateLayoutDialog(QDialog):
    """Signals: rendered — a preview arrived (tests wait on it)."""

    rendered = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ocop_desktop.services.office import local_office
        from ocop_desktop.services.print_settings import get_print_settings

        self.db = db
        self.setWindowTitle(_("Certificate layout"))
        with db.read_session() as s:
            self.settings = get_print_settings(s)
            office = local_office(s)
        self.province = office.province_name if office else ""
        self._temp: list[str] = []
        self._generation = 0
        self._closed = False

        self.authority = QLineEdit(self.settings.authority)
        self.authority.setPlaceholderText(f"Ủy ban nhân dân tỉnh {self.province}".strip())
        self.place = QLineEdit(self.settings.place)
        self.place.setPlaceholderText(self.province)
        self.signer_name = QLineEdit(self.settings.signer_name)
        self.signer_title = QLineEdit(self.settings.signer_title)
        self.signer_title.setPlaceholderText("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
        self.logo = self.settings.logo
        self.border = self.settings.border
        self.logo_label = QLabel()
        self.border_label = QLabel()
        self.logo_button = QPushButton(_("Choose…"))
        self.logo_button.clicked.connect(lambda: self._choose("logo"))
        self.logo_clear = QPushButton(_("Remove"))
        self.logo_clear.clicked.connect(lambda: self._set_picture("logo", ""))
        self.border_button = QPushButton(_("Choose…"))
        self.border_button.clicked.connect(lambda: self._choose("border"))
        self.border_clear = QPushButton(_("Remove"))
        self.border_clear.clicked.connect(lambda: self._set_picture("border", ""))
        self.error = note_label("", "error")
        self.error.hide()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Issuing authority"), self.authority)
        form.addRow(_("Place before the date"), self.place)
        form.addRow(_("Signer"), self.signer_name)
        form.addRow(_("Signer's title"), self.signer_title)
        for label, text_label, choose, clear in ((_("Logo"), self.logo_label, self.logo_button, self.logo_clear),
                                                 (_("Border picture"), self.border_label, self.border_button,
                                                  self.border_clear)):
            row = QHBoxLayout()
            row.addWidget(text_label, 1)
            row.addWidget(choose)
            row.addWidget(clear)
            form.addRow(label, row)
        hint = note_label(_("A decision's own authority and signer are printed when it has them; these fill what a "
                            "decision leaves empty. Empty settings show in red on the preview."), "hint")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(form)
        ll.addWidget(hint)
        ll.addWidget(self.error)
        ll.addStretch(1)
        left.setMaximumWidth(460)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(left)
        body.addWidget(self.view, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(body, 1)
        lay.addWidget(buttons)
        self.resize(1200, 640)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        for edit in (self.authority, self.place, self.signer_name, self.signer_title):
            edit.textChanged.connect(lambda _t: self._timer.start())
        self._show_pictures()
        self.refresh()

    # -- values ------------------------------------------------------------------------------
    def current(self) -> PrintSettings:
        from ocop_desktop.services.print_settings import PrintSettings

        return PrintSettings(authority=self.authority.text().strip(), place=self.place.text().strip(),
                             signer_name=self.signer_name.text().strip(),
                             signer_title=self.signer_title.text().strip(), logo=self.logo, border=self.border)

    def _show_pictures(self) -> None:
        self.logo_label.setText(_("(a picture is set)") if self.logo else _("(none)"))
        self.border_label.setText(_("(a picture is set)") if self.border else _("(none)"))
        self.logo_clear.setEnabled(bool(self.logo))
        self.border_clear.setEnabled(bool(self.border))

    def _choose(self, what: str) -> None:
        path = ask_picture(self, _("Choose the logo") if what == "logo" else _("Choose the border picture"))
        if path:
            self.set_picture_file(what, path)

    def set_picture_file(self, what: str, path: str) -> bool:
        from ocop_desktop.services.print_settings import store_image

        try:
            name = store_image(self.db.path, path, _("logo") if what == "logo" else _("border picture"))
        except KnownError as exc:
            messages.show_error(self, _("Picture not used"), exc.message, details=exc.hint or "")
            return False
        self._set_picture(what, name)
        return True

    def _set_picture(self, what: str, name: str) -> None:
        setattr(self, what, name)
        self._show_pictures()
        self._timer.start()

    # -- preview -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        db_path, settings, province = self.db.path, self.current(), self.province
        ops.run_query(self, lambda _ctx: render_sample(db_path, settings, province),
                      on_success=lambda path: self._rendered(generation, path))

    def _rendered(self, generation: int, path: str) -> None:
        self._temp.append(path)
        if self._closed:
            with contextlib.suppress(OSError):
                os.unlink(path)
            return
        if generation != self._generation:
            return
        self.document.load(path)
        self.rendered.emit()

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> None:
        from ocop_desktop.services.print_settings import save_print_settings

        try:
            with self.db.session() as s:
                self.settings = save_print_settings(s, self.current())
        except ValidationFailed as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return
        except KnownError as exc:
            messages.show_error(self, _("Not saved"), exc.message, details=exc.hint or "")
            return
        self.accept()

    def done(self, result: int) -> None:
        self._closed = True
        self._timer.stop()
        self.document.close()
        for path in self._temp:
            with contextlib.suppress(OSError):
                os.unlink(path)
        self._temp.clear()
        super().done(result)


