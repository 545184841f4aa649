"""Checking a certificate in the app: paste the text a phone showed after scanning its QR
code, or open a photo or scan of it (PNG, JPG, or a PDF whose pages are rendered with
QtPdf); zxing-cpp reads the QR code (:mod:`ocop_desktop.reports.qr_scan`) and
:mod:`ocop_desktop.services.certificate_check` gives the verdict — genuine, expired,
revoked, replaced, forged, signed by an unknown office, or not a certificate — shown in
colour above what the certificate says. Reading the picture and checking run in a worker.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import BadInput, KnownError
from ocop_desktop.i18n import _, format_date
from ocop_desktop.reports import qr
from ocop_desktop.ui import ops
from ocop_desktop.ui.sync.widgets import ERROR_COLOR, SUCCESS_COLOR, WARNING_COLOR, note

if TYPE_CHECKING:
    from PIL.Image import Image
    from PySide6.QtGui import QImage

    from ocop_desktop.db import Database
    from ocop_desktop.services.certificate_check import CertificateCheck

PDF_DPI = 200  # enough for the certificate's 4 cm QR code
PDF_PAGES = 4  # a scan of a few pages at most

#: verdict → (text colour, background) of the headline
COLOURS = {
    "valid": (SUCCESS_COLOR, "#e6f4ea"),
    "expired": (WARNING_COLOR, "#fef7e0"),
    "superseded": (WARNING_COLOR, "#fef7e0"),
    "unknown_office": (WARNING_COLOR, "#fef7e0"),
    "revoked": (ERROR_COLOR, "#fce8e6"),
    "forged": (ERROR_COLOR, "#fce8e6"),
    "malformed": (ERROR_COLOR, "#fce8e6"),
}


@dataclass(frozen=True)
class Checked:
    text: str  # the QR text that was checked (read from the picture, or pasted)
    check: CertificateCheck


def _pil(image: QImage) -> Image:
    from PIL import Image
    from PySide6.QtGui import QImage

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return Image.frombuffer("L", (gray.width(), gray.height()), bytes(gray.constBits()), "raw", "L",
                            gray.bytesPerLine(), 1)


def pdf_pictures(path: Path) -> list[Image]:
    """The first pages of a PDF as pictures (worker thread: the document lives and dies here)."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument(None)
    try:
        if doc.load(str(path)) != QPdfDocument.Error.None_ or doc.pageCount() < 1:
            raise BadInput(_("{name} is not a PDF file this app can read.").format(name=path.name))
        pictures = []
        for page in range(min(doc.pageCount(), PDF_PAGES)):
            size = doc.pagePointSize(page)
            pixels = QSize(round(size.width() * PDF_DPI / 72), round(size.height() * PDF_DPI / 72))
            pictures.append(_pil(doc.render(page, pixels)))
        return pictures
    finally:
        doc.close()


def read_qr_from_file(path: Path) -> str:
    """The certificate text of the first QR code found in a picture or PDF file."""
    from ocop_desktop.reports import qr_scan

    if path.suffix.lower() == ".pdf":
        pictures = pdf_pictures(path)
    else:
        pictures = [qr_scan.open_picture(path)]
    for picture in pictures:
        found = qr_scan.decode_picture(picture)
        if found:
            return found[0]
    raise BadInput(_("No QR code was found in {name}: photograph or scan the certificate's QR code "
                     "straight on, sharp and well lit.").format(name=path.name))


class VerifyCertificateDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.checked: Checked | None = None
        self.setWindowTitle(_("Verify a certificate"))
        self.setMinimumWidth(720)
        lay = QVBoxLayout(self)
        lay.addWidget(note(_("Paste the text a phone shows after scanning the certificate's QR code, or open a "
                             "photo or scan of the certificate (PNG, JPG or PDF).")))
        self.text_edit = QPlainTextEdit()
        # The QR's own fixed Vietnamese lines (reports.qr), not a message to translate.
        self.text_edit.setPlaceholderText(f"{qr.TITLE}\n{qr.LABEL_NUMBER}…\n…\n{qr.PREFIX2}.…")
        self.text_edit.setMinimumHeight(150)
        lay.addWidget(self.text_edit)
        row = QHBoxLayout()
        self.open_button = QPushButton(_("Open photo or scan…"))
        self.open_button.setToolTip(_("A PNG or JPG photo, or a PDF scan, of the certificate"))
        self.open_button.clicked.connect(lambda: self.open_picture())
        self.check_button = QPushButton(_("Check"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check_text)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.check_button)
        lay.addLayout(row)

        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setObjectName("verifyHeadline")
        self.headline.hide()
        lay.addWidget(self.headline)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        for key, title in (("number", _("Certificate No.")), ("product", _("Product")),
                           ("code", _("Product code")), ("producer", _("Producer")), ("stars", _("Rank")),
                           ("expiry", _("Valid until")), ("office", _("Issued by"))):
            value = QLabel()
            value.setWordWrap(True)
            self.values[key] = value
            form.addRow(title + ":", value)
        self.details.hide()
        lay.addWidget(self.details)
        lay.addStretch(1)
        buttons = QDialogButtonBox()
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    # -- actions ---------------------------------------------------------------------------
    def open_picture(self, path: Path | str | None = None) -> None:
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(
                self, _("Open a photo or scan of the certificate"), "",
                _("Pictures and PDF (*.png *.jpg *.jpeg *.pdf);;All files (*)"))
            if not name:
                return
            path = name
        self._run(Path(path), None)

    def check_text(self) -> None:
        text = self.text_edit.toPlainText()
        if not text.strip():
            self._show_message(_("Paste the QR code's text, or open a photo or scan of the certificate."),
                               "malformed")
            return
        self._run(None, text)

    def _run(self, path: Path | None, text: str | None) -> None:
        db = self.db

        def work(_ctx: ops.OpContext) -> Checked:
            from ocop_desktop.services.certificate_check import check_qr_text

            qr_text = read_qr_from_file(path) if path is not None else text
            with db.read_session() as s:
                return Checked(qr_text, check_qr_text(s, qr_text))

        self.open_button.setEnabled(False)
        self.check_button.setEnabled(False)
        ops.run_query(self, work, on_success=self._show, on_failure=self._failed,
                      label=_("Reading the certificate…") if path is not None else None)

    # -- showing -----------------------------------------------------------------------------
    def _enable(self) -> None:
        self.open_button.setEnabled(True)
        self.check_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self._enable()
        if not isinstance(exc, KnownError):  # a bug: the crash handler, as ops does
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        self._show_message(exc.message, "malformed")

    def _show_message(self, text: str, verdict: str) -> None:
        fg, bg = COLOURS[verdict]
        self.headline.setStyleSheet(f"QLabel#verifyHeadline {{ color: {fg}; background: {bg}; font-weight: 600; "
                                    "font-size: 11pt; padding: 8px; border-radius: 4px; }")
        self.headline.setText(text)
        self.headline.show()

    def _show(self, checked: Checked) -> None:
        self._enable()
        self.checked = checked
        if self.text_edit.toPlainText() != checked.text:
            self.text_edit.setPlainText(checked.text)
        check = checked.check
        self._show_message(check.headline, check.verdict)
        f = check.result.fields
        self.details.setVisible(f is not None)
        if f is None:
            return
        values = {"number": f.number, "product": f.product_name, "code": f.product_code,
                  "producer": f.producer_name or "—", "stars": _("{n} stars").format(n=f.stars),
                  "expiry": format_date(f.expiry), "office": check.office_name or f.office_id}
        for key, value in values.items():
            self.values[key].setText(value)
