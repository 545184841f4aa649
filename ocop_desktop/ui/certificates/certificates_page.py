"""The Certificates section: the certificate register (giấy chứng nhận), and the way to the
preview, the recognition decision and the revocation, and "Verify a certificate…" (its QR
code pasted or read from a photo or scan: :mod:`.verify_dialog`).

A list like the others (rows loaded off the GUI thread by
``services.decisions.list_certificates``; search over number, product, producer and
decision; filters by status and stars). The status is computed for today and coloured:
valid, re-evaluation window, expiring, expired, revoked, superseded, re-issued, annulled.
"Re-issue / correct…" re-issues the certificate or corrects (before any print), annuls or
replaces its decision (:mod:`.record_dialogs`), each with a reason. Enter or a
double-click opens the preview (:mod:`.preview_dialog`); "Record recognition decision…"
and "Revoke…" open the decision dialogs (:mod:`.decision_dialog`, :mod:`.revocation_dialog`); only
the provincial office records decisions (``domain.roles``): a field office sees them and
"Re-issue / correct…" disabled, with the reason as tooltip, and receives the province's
decisions by bundle. Certificates are not
deleted here: a certificate ends by revocation or by a newer one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QPushButton, QWidget

from ocop_desktop.domain.certificates import (
    CERTIFICATE_STATUS_LABELS,
    LIVE_STATUSES,
    CertificateStatus,
)
from ocop_desktop.domain.roles import REFUSALS, Action, allowed
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.ui.certificates.list_model import CertificateTableModel
from ocop_desktop.ui.pages.list_support import ANY, FilterCombo, Loaded
from ocop_desktop.ui.pages.record_list_page import RecordListPage

if TYPE_CHECKING:
    from pathlib import Path

    from ocop_desktop.db import Database


class CertificatesPage(RecordListPage):
    MODEL_CLASS = CertificateTableModel

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        #: The dialog last opened (tests drive it).
        self.dialog: QDialog | None = None
        self.open_button.setText(_("Preview and print…"))
        self.open_button.setToolTip(_("Show the selected certificate as it prints (Enter)"))
        self.revoke_button = QPushButton(_("Revoke…"))
        self.revoke_button.setToolTip(_("Record a revocation decision for the selected certificate"))
        self.revoke_button.clicked.connect(self.revoke_selected)
        top = next(lay for lay in self.findChildren(QHBoxLayout) if lay.indexOf(self.new_button) >= 0)
        top.insertWidget(top.indexOf(self.open_button) + 1, self.revoke_button)
        self.decision_list_button = QPushButton(_("Print decision's list…"))
        self.decision_list_button.setToolTip(_("Preview, print or save as PDF the list of products recognised by "
                                               "the selected certificate's decision"))
        self.decision_list_button.clicked.connect(lambda: self.print_decision_list())
        top.insertWidget(top.indexOf(self.revoke_button) + 1, self.decision_list_button)
        # Re-issue, correct, annul, replace: each with its reason (services.decision_records).
        self.records_button = QPushButton(_("Re-issue / correct…"))
        self.records_button.setToolTip(_("Re-issue the certificate, or correct, annul or replace its decision"))
        self.records_menu = QMenu(self.records_button)
        self.reissue_action = self.records_menu.addAction(_("Re-issue the certificate (cấp lại)…"),
                                                          self.reissue_selected)
        self.correct_action = self.records_menu.addAction(_("Correct the decision…"), self.correct_selected)
        self.annul_action = self.records_menu.addAction(_("Annul the decision…"), self.annul_selected)
        self.replace_action = self.records_menu.addAction(_("Replace the decision by a correcting decision…"),
                                                          self.replace_selected)
        self.records_button.setMenu(self.records_menu)
        top.insertWidget(top.indexOf(self.decision_list_button) + 1, self.records_button)
        self.verify_button = QPushButton(_("Verify a certificate…"))
        self.verify_button.setToolTip(_("Check a certificate from its QR code: paste the text a phone shows, or "
                                        "open a photo or scan"))
        self.verify_button.clicked.connect(lambda: self.verify_certificate())
        self.layout_button = QPushButton(_("Certificate layout…"))
        self.layout_button.setToolTip(_("Authority, place, signer, logo and border printed on certificates, "
                                        "with a preview"))
        self.layout_button.clicked.connect(self.edit_layout)
        filters = next(lay for lay in self.findChildren(QHBoxLayout) if lay.indexOf(self.clear_filters_button) >= 0)
        filters.addWidget(self.verify_button)
        filters.addWidget(self.layout_button)
        # A certificate ends by revocation or by a newer certificate, never by deletion.
        for w in (self.delete_button, self.restore_button, self.show_deleted):
            w.hide()
        self.table.removeAction(self.delete_action)
        self._update_buttons()

    # -- texts ------------------------------------------------------------------------------
    def title_text(self) -> str:
        return _("Certificates")

    def subtitle_text(self) -> str:
        return _("The register of OCOP certificates: valid for 36 months from the recognition decision; the "
                 "re-evaluation dossier is filed 180 to 120 days before expiry.")

    def search_placeholder(self) -> str:
        return _("Search by certificate number, product, producer or decision… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("Record recognition decision…")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} certificate", "{shown} / {total} certificates", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str | None]:
        if not self.records_decisions():
            return (_("No certificates yet. The certificates of this office's products arrive with the provincial "
                      "office's sync bundles."), None)
        return (_("No certificates yet. Record the recognition decision of the provincial council's results."),
                _("Record recognition decision…"))

    def records_decisions(self) -> bool:
        """Whether this office records decisions (the provincial office) or receives them."""
        return allowed(self.db.office_role, Action.RECORD_DECISION)

    def no_match_text(self) -> str:
        return _("No certificate matches the search and filters.")

    # -- filters ----------------------------------------------------------------------------
    def build_filters(self, row: QHBoxLayout) -> None:
        self.status_filter = FilterCombo(_("All statuses"), _("Show only the certificates of one status"),
                                         max_chars=24)
        items: list[tuple[str, Any]] = [(_("Standing (valid, window, expiring)"), "live")]
        items += [(_(CERTIFICATE_STATUS_LABELS[s]), s.value) for s in CertificateStatus]
        self.status_filter.set_choices(items)
        self.stars_filter = FilterCombo(_("All stars"), _("Show only the certificates of one rank"))
        self.stars_filter.set_choices((ngettext("{n} star", "{n} stars", n).format(n=n), n) for n in (3, 4, 5))
        self.status_filter.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.stars_filter.currentIndexChanged.connect(lambda _i: self._stars_changed())
        row.addWidget(self.status_filter)
        row.addWidget(self.stars_filter)

    def _status_changed(self) -> None:
        value = self.status_filter.value()
        if value is ANY:
            self.set_filter("status", None)
        elif value == "live":
            self.set_filter("status", lambda r: r.status in LIVE_STATUSES)
        else:
            self.set_filter("status", lambda r, v=value: r.status == v)

    def _stars_changed(self) -> None:
        value = self.stars_filter.value()
        self.set_filter("stars", None if value is ANY else (lambda r, v=value: r.stars == v))

    def set_status_filter(self, status: str | None) -> None:
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(status), 0))

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.decisions import list_certificates

        with db.read_session() as s:
            return Loaded(list_certificates(s))

    # -- buttons ------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.restore_button.hide()
        self.delete_button.hide()
        decides = self.records_decisions()
        why = "" if decides else _(REFUSALS[Action.RECORD_DECISION])
        self.new_button.setEnabled(decides)
        self.new_button.setToolTip(why or self.new_button_text() + " (Ctrl+N)")
        revoke = getattr(self, "revoke_button", None)
        if revoke is not None:
            row = self.current_row()
            revoke.setEnabled(decides and row is not None and row.status in LIVE_STATUSES)
            revoke.setToolTip(why or _("Record a revocation decision for the selected certificate"))
        listing = getattr(self, "decision_list_button", None)
        if listing is not None:
            listing.setEnabled(self.current_row() is not None)
        if getattr(self, "records_menu", None) is not None:
            row = self.current_row()
            self.records_button.setEnabled(decides and row is not None)
            self.records_button.setToolTip(why or _("Re-issue the certificate, or correct, annul or replace its "
                                                    "decision"))
            for action, allowed in zip((self.reissue_action, self.correct_action, self.annul_action,
                                        self.replace_action), self.record_actions(row), strict=True):
                action.setEnabled(allowed)

    def record_actions(self, row: Any) -> tuple[bool, bool, bool, bool]:
        """Whether re-issue, correct, annul and replace apply to ``row``'s certificate and decision:
        a decision is corrected only while none of its certificates was printed; only an office that
        records decisions (the provincial office) does any of them."""
        if row is None or row.decision_annulled_on is not None or not self.records_decisions():
            return (False, False, False, False)
        printed = any(r.first_printed_at is not None for r in self.model.all_rows() if r.decision_id == row.decision_id)
        return (row.status in LIVE_STATUSES, not printed, True, True)

    def extra_context_actions(self, menu: QMenu, row: Any) -> None:
        menu.addAction(_("Preview and print…"), self.open_selected)
        action = menu.addAction(_("Revoke…"), self.revoke_selected)
        action.setEnabled(self.records_decisions() and row.status in LIVE_STATUSES)
        menu.addAction(_("Print decision's list…"), lambda: self.print_decision_list(row.decision_id))
        menu.addSeparator()
        for action in self.records_menu.actions():
            menu.addAction(action)

    def _context_menu(self, pos: Any) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.select_proxy_row(index.row())
        row = self.current_row()
        if row is None:
            return
        menu = QMenu(self)
        self.extra_context_actions(menu, row)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- opening -------------------------------------------------------------------------------
    def _show(self, dialog: QDialog, on_close: Any = None) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: on_close() if on_close else None)
        dialog.open()
        return dialog

    def open_selected(self) -> None:
        row = self.current_row()
        if row is not None:
            self.preview(row.id)

    def preview(self, certificate_id: str) -> QDialog:
        from ocop_desktop.ui.certificates.preview_dialog import CertificatePreviewDialog

        dialog = CertificatePreviewDialog(self.db, certificate_id, parent=self)
        dialog.printed.connect(lambda: self.reload())
        return self._show(dialog)

    def print_decision_list(self, decision_id: str | None = None) -> QDialog | None:
        """The list of products the selected certificate's recognition decision recognises, in a print preview."""
        from ocop_desktop.ui.widgets.pdf_preview import PdfPreviewDialog, safe_name, temp_pdf

        row = self.current_row()
        if decision_id is None:
            if row is None:
                return None
            decision_id = row.decision_id
        number = next((r.decision_number for r in self.model.all_rows() if r.decision_id == decision_id), "")
        db = self.db

        def make_pdf(_ctx: Any) -> Path:
            from ocop_desktop.reports import decision_list

            with db.read_session() as s:
                view = decision_list.decision_view(s, decision_id)
            out = temp_pdf()
            decision_list.render_decision_list(view, out)
            return out

        title = _("Products recognised by decision {number}").format(number=number)
        return self._show(PdfPreviewDialog(title, make_pdf, f"danh-sach-QD-{safe_name(number)}.pdf", parent=self))

    def new_record(self) -> QDialog | None:
        from ocop_desktop.ui.certificates.decision_dialog import RecognitionDialog

        if not self.records_decisions():  # Ctrl+N reaches here too
            self.status_message.emit(_(REFUSALS[Action.RECORD_DECISION]))
            return None
        dialog = RecognitionDialog(self.db, parent=self)

        def closed() -> None:
            if dialog.saved_id:
                self._after_decision(dialog.saved_id, _("Recognition decision recorded."))

        return self._show(dialog, closed)

    def revoke_selected(self) -> QDialog | None:
        from ocop_desktop.ui.certificates.revocation_dialog import RevocationDialog

        row = self.current_row()
        if row is None or row.status not in LIVE_STATUSES or not self.records_decisions():
            return None
        dialog = RevocationDialog(self.db, [row], parent=self)

        def closed() -> None:
            if dialog.saved_id:
                self._after_decision(row.id, _("Revocation decision recorded."))

        return self._show(dialog, closed)

    def verify_certificate(self) -> QDialog:
        from ocop_desktop.ui.certificates.verify_dialog import VerifyCertificateDialog

        return self._show(VerifyCertificateDialog(self.db, parent=self))

    def _record_dialog(self, dialog: QDialog, select_id: str | None, text: str) -> QDialog:
        def closed() -> None:
            if getattr(dialog, "saved_id", None):
                self._after_decision(select_id or dialog.saved_id, text)

        return self._show(dialog, closed)

    def reissue_selected(self) -> QDialog | None:
        from ocop_desktop.ui.certificates.record_dialogs import ReissueDialog

        row = self.current_row()
        if row is None or not self.record_actions(row)[0]:
            return None
        return self._record_dialog(ReissueDialog(self.db, row.id, parent=self), None, _("Certificate re-issued."))

    def correct_selected(self) -> QDialog | None:
        from ocop_desktop.ui.certificates.record_dialogs import CorrectDecisionDialog

        row = self.current_row()
        if row is None or not self.record_actions(row)[1]:
            return None
        return self._record_dialog(CorrectDecisionDialog(self.db, row.decision_id, parent=self), row.id,
                                   _("Decision corrected."))

    def annul_selected(self) -> QDialog | None:
        from ocop_desktop.ui.certificates.record_dialogs import AnnulDialog

        row = self.current_row()
        if row is None or not self.record_actions(row)[2]:
            return None
        return self._record_dialog(AnnulDialog(self.db, row.decision_id, parent=self), row.id, _("Decision annulled."))

    def replace_selected(self) -> QDialog | None:
        from ocop_desktop.ui.certificates.decision_dialog import RecognitionDialog

        row = self.current_row()
        if row is None or not self.record_actions(row)[3]:
            return None
        return self._record_dialog(RecognitionDialog(self.db, parent=self, replacing=row.decision_id), None,
                                   _("Decision replaced by the correcting decision."))

    def edit_layout(self) -> QDialog:
        from ocop_desktop.ui.dialogs.certificate_layout_dialog import CertificateLayoutDialog

        dialog = CertificateLayoutDialog(self.db, parent=self)

        def closed() -> None:
            if dialog.result() == QDialog.DialogCode.Accepted:
                self.status_message.emit(_("Certificate layout saved."))

        return self._show(dialog, closed)

    def _after_decision(self, select_id: str | None, text: str) -> None:
        self.reload(select_id=select_id)
        self.records_changed.emit()
        self.status_message.emit(text)

    def open_record(self, record_id: str | None) -> str | None:  # not used: see open_selected
        return None
