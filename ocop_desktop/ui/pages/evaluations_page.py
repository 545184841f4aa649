"""The Evaluations section: every evaluation of the office's products, and the way into them.

A list like the producer and product lists (rows loaded off the GUI thread, filters by
type, status and year). "New evaluation…" starts a self-assessment, a field-office
pre-assessment or a provincial council and opens it; "Historical result…" records a
result under Decision 148/2023 or 1048/2019; "Commune report (form 03)…" edits the
commune's report for the selected evaluation's product and round. Dialogs open
window-modal with ``open()``; the list reloads when they close.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QPushButton, QWidget

from ocop_desktop.domain.evaluations import (
    EVALUATION_STATUS_LABELS,
    EvaluationKind,
    EvaluationStatus,
)
from ocop_desktop.domain.roles import REFUSALS, Action, allowed
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.ui.evaluation.list_model import EvaluationTableModel
from ocop_desktop.ui.evaluation.texts import kind_label
from ocop_desktop.ui.pages.list_support import ANY, FilterCombo, Loaded
from ocop_desktop.ui.pages.record_list_page import RecordListPage

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sqlalchemy.orm import Session

    from ocop_desktop.db import Database


class EvaluationsPage(RecordListPage):
    MODEL_CLASS = EvaluationTableModel

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        #: The dialog last opened (tests drive it).
        self.dialog: QDialog | None = None
        self.legacy_button = QPushButton(_("Historical result…"))
        self.legacy_button.setToolTip(_("Record a result under Decision 148/2023 or 1048/2019: total, stars "
                                        "and recognition decision, without a sheet"))
        self.legacy_button.clicked.connect(lambda: self.new_legacy_result())
        self.commune_button = QPushButton(_("Commune report (form 03)…"))
        self.commune_button.setToolTip(_("The commune's assessment of the selected product's dossier for that "
                                         "round"))
        self.commune_button.clicked.connect(self.open_commune_report)
        top = next(lay for lay in self.findChildren(QHBoxLayout) if lay.indexOf(self.new_button) >= 0)
        at = top.indexOf(self.new_button) + 1
        top.insertWidget(at, self.legacy_button)
        top.insertWidget(at + 1, self.commune_button)
        self.sheets_button = QPushButton(_("Print sheets…"))
        self.sheets_button.setToolTip(_("Preview, print or save as PDF the filled evaluation sheets of the "
                                        "selected evaluation, each with its signature line"))
        self.sheets_button.clicked.connect(lambda: self.print_sheets())
        self.summary_button = QPushButton(_("Print council summary…"))
        self.summary_button.setToolTip(_("Preview, print or save as PDF the selected council evaluation's "
                                         "summary: members, totals, average and result"))
        self.summary_button.clicked.connect(lambda: self.print_council_summary())
        filters = next(lay for lay in self.findChildren(QHBoxLayout) if lay.indexOf(self.clear_filters_button) >= 0)
        filters.addWidget(self.sheets_button)
        filters.addWidget(self.summary_button)
        self._update_buttons()

    # -- texts ------------------------------------------------------------------------------
    def title_text(self) -> str:
        return _("Evaluations")

    def subtitle_text(self) -> str:
        return _("Scoring sheets of Decision 26/2026: self-assessments, field-office pre-assessments and "
                 "provincial councils, with historical results.")

    def search_placeholder(self) -> str:
        return _("Search by product, producer, type or decision… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New evaluation…")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} evaluation", "{shown} / {total} evaluations", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str]:
        return (_("No evaluations yet. Start one for a product, or record a historical result."),
                _("New evaluation…"))

    def no_match_text(self) -> str:
        return _("No evaluation matches the search and filters.")

    # -- filters ----------------------------------------------------------------------------
    def build_filters(self, row: QHBoxLayout) -> None:
        self.kind_filter = FilterCombo(_("All types"), _("Show only one type of evaluation"))
        self.kind_filter.set_choices((kind_label(k), k.value) for k in EvaluationKind)
        self.status_filter = FilterCombo(_("All statuses"), _("Show only drafts or only finalised evaluations"))
        self.status_filter.set_choices((_(EVALUATION_STATUS_LABELS[s]), s.value) for s in EvaluationStatus)
        self.year_filter = FilterCombo(_("All years"), _("Show only the evaluations of one year"))
        for combo, key in ((self.kind_filter, "kind"), (self.status_filter, "status"), (self.year_filter, "year")):
            combo.currentIndexChanged.connect(lambda _i, c=combo, k=key: self._filter_changed(c, k))
            row.addWidget(combo)

    def _filter_changed(self, combo: FilterCombo, key: str) -> None:
        value = combo.value()
        self.set_filter(key, None if value is ANY else (lambda r, k=key, v=value: getattr(r, k) == v))

    def apply_loaded(self, loaded: Loaded) -> None:
        years = sorted({r.year for r in loaded.rows}, reverse=True)
        self.year_filter.set_choices((str(y), y) for y in years)

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.evaluations import list_evaluations

        with db.read_session() as s:
            return Loaded(list_evaluations(s, include_deleted=True))

    # -- opening ------------------------------------------------------------------------------
    def _show(self, dialog: QDialog, on_close: Any = None) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: on_close() if on_close else None)
        dialog.open()
        return dialog

    def new_record(self, product_id: str | None = None, kind: str | None = None) -> QDialog:
        from ocop_desktop.ui.evaluation.new_dialog import NewEvaluationDialog

        dialog = NewEvaluationDialog(self.db, product_id, parent=self, kind=kind)

        def created() -> None:
            if dialog.saved_id:
                self._after_save(dialog.saved_id)
                self.open_evaluation(dialog.saved_id)

        dialog.accepted.connect(created)
        return self._show(dialog)

    def open_record(self, record_id: str | None) -> str | None:
        if record_id is None:
            self.new_record()
        else:
            self.open_evaluation(record_id)
        return None

    def open_selected(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row.deleted:
            self.restore_selected()
        elif row.kind == EvaluationKind.LEGACY:
            self.open_legacy_result(row.id)
        else:
            self._open(row.id)

    def open_evaluation(self, evaluation_id: str) -> QDialog:
        from ocop_desktop.ui.evaluation.evaluation_dialog import EvaluationDialog

        dialog = EvaluationDialog(self.db, evaluation_id, parent=self.window())
        wrote: list[bool] = []
        dialog.saved.connect(lambda: wrote.append(True))

        def closed() -> None:
            if wrote:
                self.reload(select_id=evaluation_id)
                self.records_changed.emit()

        return self._show(dialog, closed)

    def new_legacy_result(self, product_id: str | None = None) -> QDialog:
        from ocop_desktop.ui.evaluation.legacy_dialog import LegacyResultDialog

        row = self.current_row()
        if product_id is None and row is not None and not row.deleted:
            product_id = row.product_id
        dialog = LegacyResultDialog(self.db, product_id=product_id, parent=self)
        dialog.accepted.connect(lambda: dialog.saved_id and self._after_save(dialog.saved_id))
        return self._show(dialog)

    def open_legacy_result(self, evaluation_id: str) -> QDialog:
        from ocop_desktop.ui.evaluation.legacy_dialog import LegacyResultDialog

        return self._show(LegacyResultDialog(self.db, evaluation_id=evaluation_id, parent=self))

    def open_commune_report(self) -> QDialog | None:
        from ocop_desktop.ui.evaluation.commune_dialog import CommuneAssessmentDialog

        row = self.current_row()
        if row is None or row.deleted or not self.writes_commune_reports():
            return None
        dialog = CommuneAssessmentDialog(self.db, row.product_id, row.year, row.round or 1, parent=self)
        return self._show(dialog, lambda: self.status_message.emit(_("Saved.")) if dialog.saved_id else None)

    # -- printing ------------------------------------------------------------------------------
    def print_sheets(self, evaluation_id: str | None = None) -> QDialog | None:
        """The filled evaluation sheets (phiếu đánh giá) of an evaluation, in a print preview."""
        from ocop_desktop.ui.widgets.pdf_preview import PdfPreviewDialog

        row = self._printable_row(evaluation_id)
        if row is None:
            return None
        title, name = self._print_names(row, _("Evaluation sheets"), "phieu-danh-gia")
        return self._show(PdfPreviewDialog(title, sheets_pdf_maker(self.db, row.id), name, parent=self))

    def print_council_summary(self, evaluation_id: str | None = None) -> QDialog | None:
        """A council evaluation's summary (bảng tổng hợp), in a print preview."""
        from ocop_desktop.ui.widgets.pdf_preview import PdfPreviewDialog

        row = self._printable_row(evaluation_id)
        if row is None:
            return None
        title, name = self._print_names(row, _("Council summary"), "bang-tong-hop")
        return self._show(PdfPreviewDialog(title, council_pdf_maker(self.db, row.id), name, parent=self))

    def _printable_row(self, evaluation_id: str | None) -> Any:
        if evaluation_id is not None:
            return next((r for r in self.model.all_rows() if r.id == evaluation_id), None)
        row = self.current_row()
        return None if row is None or row.deleted else row

    @staticmethod
    def _print_names(row: Any, what: str, file_prefix: str) -> tuple[str, str]:
        from ocop_desktop.ui.widgets.pdf_preview import safe_name

        title = _("{what} — {product} ({kind}, {period})").format(
            what=what, product=row.product_name, kind=row.kind_label, period=row.period_label)
        return title, f"{file_prefix}-{safe_name(row.product_name)}-{row.year}.pdf"

    def _update_buttons(self) -> None:
        super()._update_buttons()
        row = self.current_row()
        live = row is not None and not row.deleted
        if hasattr(self, "sheets_button"):
            self.sheets_button.setEnabled(live and row.kind != EvaluationKind.LEGACY)
            self.summary_button.setEnabled(live and row.kind == EvaluationKind.COUNCIL)
        deletable = live and (row.kind == EvaluationKind.LEGACY or row.status == EvaluationStatus.DRAFT)
        self.delete_button.setEnabled(deletable)
        self.delete_action.setEnabled(deletable)
        if hasattr(self, "commune_button"):
            writes = self.writes_commune_reports()
            self.commune_button.setEnabled(live and writes)
            self.commune_button.setToolTip(
                _("The commune's assessment of the selected product's dossier for that round") if writes
                else _(REFUSALS[Action.COMMUNE_REPORT]))

    def writes_commune_reports(self) -> bool:
        """A field office writes the commune's report (form 03); the province receives it."""
        return allowed(self.db.office_role, Action.COMMUNE_REPORT)

    def extra_context_actions(self, menu: QMenu, row: Any) -> None:
        menu.addAction(_("Commune report (form 03)…"), self.open_commune_report).setEnabled(
            self.writes_commune_reports())
        menu.addAction(_("New evaluation of this product…"), lambda: self.new_record(product_id=row.product_id))
        if not row.deleted and row.kind != EvaluationKind.LEGACY:
            menu.addSeparator()
            menu.addAction(_("Print sheets…"), lambda: self.print_sheets(row.id))
            if row.kind == EvaluationKind.COUNCIL:
                menu.addAction(_("Print council summary…"), lambda: self.print_council_summary(row.id))

    # -- delete / restore ----------------------------------------------------------------------
    @staticmethod
    def delete_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.evaluations import delete_evaluation

        delete_evaluation(session, record_id)

    @staticmethod
    def restore_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.evaluations import restore_evaluation

        restore_evaluation(session, record_id)

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the evaluation of “{name}” ({kind}, {period})?").format(
                    name=row.product_name, kind=row.kind_label, period=row.period_label),
                _("It disappears from the list but is kept: you can undo, or restore it later with "
                  "“Show deleted”."))

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the evaluation of “{name}”.").format(name=row.product_name)

    def restored_text(self, row: Any) -> str:
        return _("Restored the evaluation of “{name}”.").format(name=row.product_name)


# -- the PDFs (run on a worker: plain data in, a temporary PDF out) -----------------------------------

def sheets_pdf_maker(db: Database, evaluation_id: str) -> Callable[[Any], Path]:
    """``make_pdf`` for the evaluation sheets: every member's sheet; BadInput when there is none."""

    def make_pdf(_ctx: Any) -> Path:
        from ocop_desktop.errors import BadInput
        from ocop_desktop.reports import evaluation_sheet
        from ocop_desktop.ui.widgets.pdf_preview import temp_pdf

        with db.read_session() as s:
            views = evaluation_sheet.sheet_views(s, evaluation_id)
        if not views:
            raise BadInput(_("This evaluation has no sheets yet."))
        out = temp_pdf()
        evaluation_sheet.render_sheets(views, out)
        return out

    return make_pdf


def council_pdf_maker(db: Database, evaluation_id: str) -> Callable[[Any], Path]:
    """``make_pdf`` for a council's summary; BadInput for another kind or a council without sheets."""

    def make_pdf(_ctx: Any) -> Path:
        from ocop_desktop.reports import council_summary
        from ocop_desktop.ui.widgets.pdf_preview import temp_pdf

        with db.read_session() as s:
            view = council_summary.council_view(s, evaluation_id)
        out = temp_pdf()
        council_summary.render_council_summary(view, out)
        return out

    return make_pdf
