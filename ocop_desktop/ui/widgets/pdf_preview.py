"""A PDF printout previewed inside the app, printed through the Qt print dialog, saved as PDF.

:class:`PdfPreviewDialog` runs ``make_pdf(ctx) -> Path`` on a worker (it opens its own
session and writes a temporary PDF), then shows the file with ``QPdfView`` fitted to the
width (or the whole page). "Print…" asks for a printer (:func:`ask_printer`; with no printer
installed it says so and offers "Save PDF…" instead — nothing is ever written silently), sets the
printer's paper and orientation from the PDF's own page (:func:`match_page_layout`: A4
landscape for certificates, A4 portrait for reports, whatever the printer's default was)
and paints every page rendered with ``QPdfDocument.render`` at the printer's resolution,
at most 300 dpi (:func:`print_pdf`). "Save PDF…" copies the file. A refusal
(:class:`~ocop_desktop.errors.KnownError`) is shown as a message inside the dialog;
anything else as a short message too, with the traceback going to the error hook.

The certificate preview (:mod:`ocop_desktop.ui.certificates.preview_dialog`) uses the same
print and save functions.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRect, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _, ngettext
from ocop_desktop.ui import ops
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.screen_fit import ElidedLabel, resize_within_screen

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

MAX_PRINT_DPI = 300


# -- what tests replace ---------------------------------------------------------------------------

#: What :func:`ask_printer` returns when the officer chose to save a PDF instead.
SAVE_INSTEAD = "save"


def printers_installed() -> bool:
    from PySide6.QtPrintSupport import QPrinterInfo

    return bool(QPrinterInfo.availablePrinters())


def print_dialog(parent: QWidget, printer: QPrinter, title: str = "") -> QDialog:
    """The Qt print dialog, for printers only: its "print to file" would write a PDF where Qt
    chooses (the home folder), so saving goes through "Save PDF…" and its file dialog."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setWindowTitle(title or _("Print"))
    return dialog


def ask_printer(parent: QWidget, printer: QPrinter, title: str = "") -> bool | str:
    """True when the officer chose a printer and Print; :data:`SAVE_INSTEAD` when there is no
    printer and they chose to save a PDF; False otherwise."""
    from PySide6.QtPrintSupport import QPrinter

    if not printers_installed():
        wanted = messages.ask(
            parent, _("No printer"), _("No printer is installed on this computer."),
            details=_("Save the document as a PDF file (to print it from another computer or a USB stick), "
                      "or install a printer and print again."),
            yes=_("Save PDF…"), no=_("Close"), default_yes=True)
        return SAVE_INSTEAD if wanted else False
    if print_dialog(parent, printer, title).exec() != QDialog.DialogCode.Accepted:
        return False
    # Never a silent file: a printer that is really Qt's PDF writer goes through "Save PDF…".
    return SAVE_INSTEAD if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat else True


def ask_save_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save as PDF"), str(Path.home() / suggested),
                                                _("PDF files (*.pdf)"))
    return path or None


# -- printing --------------------------------------------------------------------------------------

def page_layout_of(document: QPdfDocument, page: int) -> QPageLayout:
    """The page layout of one PDF page: its size (A4 when it is A4) and orientation, no margins."""
    points = document.pagePointSize(page)
    w, h = points.width(), points.height()
    landscape = w > h
    portrait_size = QSizeF(min(w, h), max(w, h))
    # Named explicitly: a QPageSize without a name takes Qt's translated one, and the app's
    # translator (ui.qt_translator) answers "" for Qt's page size names, which leaves the
    # size invalid and the printer on its default (US Letter portrait).
    size_id = QPageSize.id(portrait_size, QPageSize.Unit.Point, QPageSize.SizeMatchPolicy.FuzzyMatch)
    if size_id != QPageSize.PageSizeId.Custom:  # A4 is A4 for the printer driver
        size = QPageSize(QPageSize.definitionSize(size_id), QPageSize.definitionUnits(size_id),
                         QPageSize.key(size_id), QPageSize.SizeMatchPolicy.ExactMatch)
    else:
        size = QPageSize(portrait_size, QPageSize.Unit.Point, "PDF", QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def match_page_layout(printer: QPrinter, document: QPdfDocument, page: int = 0) -> None:
    """Set the printer's paper size and orientation to those of ``page`` (before painting it)."""
    if document.pageCount() <= page:
        return
    wanted = page_layout_of(document, page)
    layout = printer.pageLayout()
    layout.setPageSize(wanted.pageSize())
    layout.setOrientation(wanted.orientation())
    printer.setPageLayout(layout)


def new_printer(document_name: str) -> QPrinter:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document_name.removesuffix(".pdf"))
    return printer


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of ``document`` on ``printer`` at its resolution; the pages printed.

    The printer's paper and orientation follow each PDF page (set here, after the print
    dialog, so a printer whose default is US Letter portrait still prints an A4 landscape
    certificate on A4 landscape)."""
    if document.pageCount() == 0:
        return 0
    match_page_layout(printer, document, 0)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("The printer could not be started."))
    try:
        # The printer's resolution, at most 300 dpi: a 1200-dpi A4 page would be a 550 MB image.
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for i in range(document.pageCount()):
            if i:
                if document.pagePointSize(i) != document.pagePointSize(i - 1):
                    match_page_layout(printer, document, i)
                printer.newPage()
            points = document.pagePointSize(i)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(i, size)
            area = painter.viewport()
            scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x() + (area.width() - scaled.width()) // 2,
                           area.y() + (area.height() - scaled.height()) // 2, scaled.width(), scaled.height())
            painter.drawImage(target, image)
        return document.pageCount()
    finally:
        painter.end()


def save_pdf(parent: QWidget, source: str, path: str) -> str | None:
    """Copy the PDF ``source`` to ``path`` (".pdf" added); a clear message when it cannot be written."""
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        shutil.copyfile(source, path)
    except OSError as exc:
        messages.show_error(parent, _("Not saved"),
                            _("The PDF could not be written to {path}.").format(path=path),
                            details=_("Choose another folder (for example Documents) or check that the "
                                      "disk is not full or write-protected. ({error})").format(
                                          error=exc.strerror or exc))
        return None
    return path


def temp_pdf(prefix: str = "ocop-print-") -> Path:
    """A new empty temporary file for a PDF (the dialog deletes it when it closes)."""
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=".pdf")
    os.close(fd)
    return Path(path)


def safe_name(text: str, default: str = "ban-in") -> str:
    keep = "".join(c if c.isalnum() else "-" for c in text)
    return "-".join(x for x in keep.split("-") if x) or default


# -- the dialog ------------------------------------------------------------------------------------

class PdfPreviewDialog(QDialog):
    """A printout's preview, with print and save.

    ``make_pdf`` runs on a worker thread (read pool): it gets an :class:`ops.OpContext`,
    opens its own session, writes a PDF (use :func:`temp_pdf`) and returns its path. It may
    raise :class:`KnownError` to refuse with a reason shown in the dialog.

    Signals:
        rendered: the PDF (or the refusal) arrived (tests wait on it).
    """

    rendered = Signal()

    def __init__(self, title: str, make_pdf: Callable[[ops.OpContext], Path], suggested_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.make_pdf = make_pdf
        self.suggested_name = suggested_name if suggested_name.lower().endswith(".pdf") else suggested_name + ".pdf"
        self.path: Path | None = None
        self.failed = False
        self._closed = False
        self.setWindowTitle(title)

        self.title = ElidedLabel(title)  # may name a long product: one line, full text in the tooltip
        self.title.setObjectName("pageTitle")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.message = QLabel(_("Preparing the document…"))
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setObjectName("emptyLabel")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)
        self.stack.setCurrentWidget(self.message)

        self.zoom = QComboBox()
        self.zoom.addItem(_("Fit to width"), QPdfView.ZoomMode.FitToWidth)
        self.zoom.addItem(_("Whole page"), QPdfView.ZoomMode.FitInView)
        self.zoom.setToolTip(_("How large the page is shown"))
        self.zoom.currentIndexChanged.connect(lambda _i: self.view.setZoomMode(self.zoom.currentData()))
        self.pages_label = QLabel()
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setToolTip(_("Print on a printer of this computer (Ctrl+P)"))
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.clicked.connect(self.print_current)
        self.save_button = QPushButton(_("Save PDF…"))
        self.save_button.setToolTip(_("Save the document as a PDF file (Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save_current)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.zoom)
        buttons.addWidget(self.pages_label)
        buttons.addStretch(1)
        for b in (self.save_button, self.print_button, self.close_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.stack, 1)
        lay.addLayout(buttons)
        resize_within_screen(self, 1000, 720)
        self._set_ready(False)
        ops.run_query(self, make_pdf, label=_("Preparing the document…"),
                      on_success=self._rendered, on_failure=self._failed)

    # -- rendering ------------------------------------------------------------------------------
    def _rendered(self, path: Path) -> None:
        self.path = Path(path)
        if self._closed:
            self._remove_temp_file()
            return
        self.document.load(str(self.path))
        self.view.setZoomMode(self.zoom.currentData())
        self.stack.setCurrentWidget(self.view)
        n = self.document.pageCount()
        self.pages_label.setText(ngettext("{n} page", "{n} pages", n).format(n=n))
        self._set_ready(n > 0)
        self.rendered.emit()

    def _failed(self, exc: BaseException) -> None:
        self.failed = True
        if isinstance(exc, KnownError):
            text = _("This document cannot be printed.") + "\n\n" + exc.message
        else:
            text = _("The document could not be prepared: {error}").format(error=exc)
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self._set_ready(False)
        self.rendered.emit()
        if not isinstance(exc, KnownError):
            import sys

            sys.excepthook(type(exc), exc, exc.__traceback__)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.stack.currentWidget() is self.view else 0

    def refusal_text(self) -> str:
        return self.message.text() if self.failed else ""

    # -- output ----------------------------------------------------------------------------------
    def print_current(self) -> bool:
        if self.path is None or self.document.pageCount() == 0:
            return False
        printer = new_printer(self.suggested_name)
        match_page_layout(printer, self.document, 0)  # what the print dialog shows first
        chosen = ask_printer(self, printer, self.windowTitle())
        if chosen == SAVE_INSTEAD:
            self.save_current()
            return False
        if not chosen:
            return False
        try:
            print_pdf(self.document, printer)
        except OSError as exc:
            messages.show_error(self, _("Not printed"), str(exc))
            return False
        return True

    def save_current(self) -> str | None:
        if self.path is None:
            return None
        path = ask_save_path(self, self.suggested_name)
        if not path:
            return None
        return save_pdf(self, str(self.path), path)

    # -- closing ---------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._closed = True
        self.document.close()
        self._remove_temp_file()
        super().done(result)

    def _remove_temp_file(self) -> None:
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
