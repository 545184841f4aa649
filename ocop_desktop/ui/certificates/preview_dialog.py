"""The certificate preview inside the app: the real PDF, printed or saved from here.

The PDF is rendered by :mod:`ocop_desktop.reports.certificates_from_db` in a worker (on the
write pool: the QR is signed with the office's key, made on first use) into a temporary
file, and shown with ``QPdfView`` fitted to the width (or the whole page). "Print…" renders
each PDF page with ``QPdfDocument.render`` at the printer's resolution (at most 300 dpi) and
paints it; "Save PDF…" copies the file. Both count the printed copies (``services.decisions.mark_printed``), so a later
print with "Print as a copy" ticked is marked "BẢN SAO". "Print all certificates of the decision"
switches the preview to one PDF for every standing certificate of the decision and opens
the print dialog. A certificate that no longer stands (expired, revoked, superseded,
re-issued, annulled) is shown, printed and saved only as its archive copy watermarked
"BẢN LƯU", with the reason above it; archive copies are not counted as printed. Settings left empty appear as the renderer's red
"[chưa khai báo …]" placeholders.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
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
from ocop_desktop.ui.sync.widgets import note
from ocop_desktop.ui.widgets import pdf_preview
from ocop_desktop.ui.widgets.pdf_preview import (
    MAX_PRINT_DPI,
    match_page_layout,
    print_pdf,
    safe_name,
    save_pdf,
    temp_pdf,
)

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ocop_desktop.db import Database


__all__ = ["MAX_PRINT_DPI", "CertificatePreviewDialog", "ask_printer", "ask_save_path", "print_pdf"]


@dataclass
class Rendered:
    """What the render worker hands back: a PDF file, or the reason it was refused."""

    path: str | None
    certificate_ids: list[str] = field(default_factory=list)
    title: str = ""
    refused: str = ""
    skipped: list[str] = field(default_factory=list)
    suggested_name: str = "giay-chung-nhan.pdf"
    decision_id: str = ""
    decision_number: str = ""
    #: A certificate that no longer stands, shown as its watermarked archive copy ("BẢN LƯU"):
    #: printing and saving it do not count copies.
    archive: bool = False


def _name(text: str) -> str:
    return safe_name(text, "giay-chung-nhan")


def render_certificate(db: Database, certificate_id: str, copy: bool, today: dt.date | None = None) -> Rendered:
    """Worker: one certificate's PDF in a temporary file, or the reason it cannot be printed."""
    from ocop_desktop.reports.certificate import render_certificates
    from ocop_desktop.reports.certificates_from_db import build_view, local_signing, refusal
    from ocop_desktop.services import decisions

    with db.session() as s:
        detail = decisions.certificate_detail(s, certificate_id, today)
        base = Rendered(None, [detail.id], title=_("Certificate {number} — {product}").format(
            number=detail.number, product=detail.product_name),
            suggested_name=f"GCN-{_name(detail.number)}-{_name(detail.product_name)}.pdf",
            decision_id=detail.decision_id, decision_number=detail.decision_number)
        why = refusal(detail)
        if why:  # expired, revoked, superseded, re-issued, annulled: only the archive copy
            base.skipped = [why]
            base.archive = True
            base.certificate_ids = []
            base.suggested_name = f"BAN-LUU-{base.suggested_name}"
        from ocop_desktop.services.print_settings import get_print_settings

        view = build_view(detail, local_signing(s), copy=copy, settings=get_print_settings(s), db_path=db.path,
                          archive=base.archive)
    base.path = str(temp_pdf("ocop-certificate-"))
    render_certificates([view], Path(base.path))
    return base


def render_decision(db: Database, decision_id: str, copy: bool, today: dt.date | None = None) -> Rendered:
    """Worker: every standing certificate of a decision in one PDF (refusal as a reason, not raised)."""
    from ocop_desktop.reports.certificate import render_certificates
    from ocop_desktop.reports.certificates_from_db import (
        CertificatePrintRefused,
        views_for_decision,
    )

    with db.session() as s:
        from ocop_desktop.models import Decision

        d = s.get(Decision, decision_id)
        number = d.number if d is not None else decision_id
        try:
            plan = views_for_decision(s, decision_id, copy=copy, today=today, db_path=db.path)
        except CertificatePrintRefused as exc:
            return Rendered(None, title=_("Decision {number}").format(number=number), refused=exc.message,
                            decision_id=decision_id, decision_number=number)
    out = Rendered(str(temp_pdf("ocop-certificate-")), plan.certificate_ids,
                   title=ngettext("Decision {number}: {n} certificate", "Decision {number}: {n} certificates",
                                  len(plan.certificate_ids)).format(number=number, n=len(plan.certificate_ids)),
                   skipped=plan.skipped, suggested_name=f"GCN-QD-{_name(number)}.pdf",
                   decision_id=decision_id, decision_number=number)
    assert out.path is not None
    render_certificates(plan.views, Path(out.path))
    return out


# What tests replace: the generic preview's own dialogs, looked up through this module.
ask_save_path = pdf_preview.ask_save_path


def ask_printer(parent: QWidget, printer: QPrinter) -> bool | str:
    return pdf_preview.ask_printer(parent, printer, _("Print certificates"))


class CertificatePreviewDialog(QDialog):
    """The preview of one certificate (or of a whole decision), with print and save.

    Signals:
        rendered: a PDF (or a refusal) arrived from the worker (tests wait on it).
        printed: copies were printed or saved (the register's copy counts changed).
    """

    rendered = Signal()
    printed = Signal()

    def __init__(self, db: Database, certificate_id: str, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.certificate_id = certificate_id
        self.today = today
        self.current: Rendered | None = None
        self._decision_mode = False
        self._print_after_render = False
        self._generation = 0
        self._temp_files: list[str] = []
        self._closed = False
        self.setWindowTitle(_("Certificate preview"))

        self.title = ElidedLabel(_("Loading…"))  # names the product (up to 300 characters): one line
        self.title.setObjectName("pageTitle")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setObjectName("emptyLabel")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)
        self.skipped = note("", "warning")
        self.skipped.hide()

        self.copy_box = QCheckBox(_("Print as a copy (BẢN SAO)"))
        self.copy_box.setToolTip(_("Mark certificates printed before as a copy (“BẢN SAO”)"))
        self.copy_box.toggled.connect(lambda _on: self.reload())
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setToolTip(_("Print on a printer of this computer (Ctrl+P)"))
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.clicked.connect(self.print_current)
        self.save_button = QPushButton(_("Save PDF…"))
        self.save_button.setToolTip(_("Save the certificate as a PDF file (Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save_current)
        self.decision_button = QPushButton(_("Print all certificates of the decision"))
        self.decision_button.setToolTip(_("One PDF with every certificate of this decision that still stands"))
        self.decision_button.clicked.connect(self.print_decision)
        self.single_button = QPushButton(_("Back to this certificate"))
        self.single_button.clicked.connect(self.show_single)
        self.single_button.hide()
        self.zoom = QComboBox()
        self.zoom.addItem(_("Fit to width"), QPdfView.ZoomMode.FitToWidth)
        self.zoom.addItem(_("Whole page"), QPdfView.ZoomMode.FitInView)
        self.zoom.setToolTip(_("How large the page is shown"))
        self.zoom.currentIndexChanged.connect(lambda _i: self.view.setZoomMode(self.zoom.currentData()))
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.zoom)
        buttons.addWidget(self.copy_box)
        buttons.addStretch(1)
        for b in (self.single_button, self.decision_button, self.save_button, self.print_button,
                  self.close_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.skipped)
        lay.addWidget(self.stack, 1)
        lay.addLayout(buttons)
        resize_within_screen(self, 1100, 720)
        self._set_busy(True)
        self.reload()

    # -- rendering --------------------------------------------------------------------------
    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        db, cid, copy, today = self.db, self.certificate_id, self.copy_box.isChecked(), self.today
        decision_id = self.current.decision_id if self.current else ""
        self._set_busy(True)
        by_decision = self._decision_mode and bool(decision_id)

        def fn(_ctx: ops.OpContext) -> Rendered:
            if by_decision:
                return render_decision(db, decision_id, copy, today)
            return render_certificate(db, cid, copy, today)

        ops.run_write(self, fn, label=_("Preparing the certificate…"),
                      on_success=lambda r: self._rendered(generation, r),
                      on_failure=self._failed)

    def _rendered(self, generation: int, result: Rendered) -> None:
        if result.path:
            self._temp_files.append(result.path)
        if self._closed:
            self._remove_temp_files()
            return
        if generation != self._generation:
            return
        self.current = result
        self.title.setText(result.title)
        self.skipped.setVisible(bool(result.skipped))
        if result.archive:
            self.skipped.setText(_("Archive copy (BẢN LƯU), not valid for use:") + " " + " ".join(result.skipped))
        elif result.skipped:
            self.skipped.setText(_("Left out:") + "\n" + "\n".join(f"– {x}" for x in result.skipped))
        if result.refused:
            self.document.close()
            self.message.setText(_("This certificate cannot be printed.") + "\n\n" + result.refused)
            self.stack.setCurrentWidget(self.message)
        else:
            assert result.path is not None
            self.document.load(result.path)
            self.view.setZoomMode(self.zoom.currentData())
            self.stack.setCurrentWidget(self.view)
        self._set_busy(False)
        self.rendered.emit()
        if self._print_after_render:
            self._print_after_render = False
            if not result.refused:
                self.print_current()

    def _failed(self, exc: BaseException) -> None:
        self._print_after_render = False
        text = exc.message if isinstance(exc, KnownError) else _("The certificate could not be prepared: {error}") \
            .format(error=exc)
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.title.setText(_("Certificate preview"))
        self._set_busy(False, failed=True)
        self.rendered.emit()
        if not isinstance(exc, KnownError):
            import sys

            sys.excepthook(type(exc), exc, exc.__traceback__)

    def _set_busy(self, busy: bool, *, failed: bool = False) -> None:
        ready = not busy and not failed and self.current is not None and not self.current.refused
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        # An archive copy is never a "BẢN SAO".
        self.copy_box.setEnabled(not busy and not (self.current is not None and self.current.archive))
        self.decision_button.setEnabled(not busy and self.current is not None and bool(self.current.decision_id))

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.stack.currentWidget() is self.view else 0

    def refusal_text(self) -> str:
        return self.message.text() if self.stack.currentWidget() is self.message else ""

    # -- the decision --------------------------------------------------------------------------
    def print_decision(self) -> None:
        """Show one PDF with every standing certificate of the decision, then print it."""
        self._decision_mode = True
        self.single_button.show()
        self.decision_button.hide()
        self._print_after_render = True
        self.reload()

    def show_single(self) -> None:
        self._decision_mode = False
        self.single_button.hide()
        self.decision_button.show()
        self.reload()

    # -- output --------------------------------------------------------------------------------
    def print_current(self) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        if self.current is None or not self.current.path or self.document.pageCount() == 0:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        match_page_layout(printer, self.document, 0)  # A4 landscape, shown in the print dialog
        printer.setDocName(self.current.suggested_name.removesuffix(".pdf"))
        chosen = ask_printer(self, printer)
        if chosen == pdf_preview.SAVE_INSTEAD:  # no printer: the officer chose "Save PDF…"
            self.save_current()
            return False
        if not chosen:
            return False
        try:
            print_pdf(self.document, printer)  # sets the paper from the PDF again: A4 landscape
        except OSError as exc:
            messages.show_error(self, _("Not printed"), str(exc))
            return False
        self._count_printed()
        return True

    def save_current(self) -> str | None:
        if self.current is None or not self.current.path:
            return None
        path = ask_save_path(self, self.current.suggested_name)
        if not path:
            return None
        saved = save_pdf(self, self.current.path, path)
        if saved is None:
            return None
        path = saved
        self._count_printed()
        return path

    def _count_printed(self) -> None:
        ids = list(self.current.certificate_ids) if self.current else []
        if not ids:
            return
        db = self.db

        def mark(_ctx: ops.OpContext) -> None:
            from ocop_desktop.services.decisions import mark_printed

            with db.session() as s:
                mark_printed(s, ids)

        ops.run_write(self, mark, on_success=lambda _r: self.printed.emit())

    # -- closing --------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._closed = True
        self.document.close()
        self._remove_temp_files()
        super().done(result)

    def _remove_temp_files(self) -> None:
        for path in self._temp_files:
            with contextlib.suppress(OSError):
                os.unlink(path)
        self._temp_files.clear()
