"""An open evaluation: its sheet (self-assessment, pre-assessment) or its council, with
Save draft (Ctrl+S), Finalise and Reopen.

A draft may be saved at any time, complete or not. Finalising saves, then asks the service,
which refuses while a sheet has a criterion left empty: the message names the member and
the criteria, and the form goes to the first one, every empty criterion tinted. A finalised
evaluation is read-only; reopening asks for the reason, which the service keeps.
Saving is one short transaction on the GUI thread, like the record dialogs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.db import Database
from ocop_desktop.domain import product_sets
from ocop_desktop.domain.evaluations import EvaluationKind
from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _, format_date, format_datetime
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import evaluations as service
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.evaluation.council_view import CouncilView
from ocop_desktop.ui.evaluation.prompts import MemberDialog, ReasonDialog
from ocop_desktop.ui.evaluation.sheet_form import SheetForm
from ocop_desktop.ui.evaluation.sheet_slots import SheetSlot
from ocop_desktop.ui.evaluation.texts import (
    kind_label,
    round_label,
    star_row,
    stars_label,
    status_label,
    total_text,
)
from ocop_desktop.ui.screen_fit import ElidedLabel, resize_within_screen

HEADER_STYLE = """
QLabel#evalTitle { font-size: 15pt; font-weight: 600; }
QLabel#evalMeta { color: #3c4043; }
QLabel#statusBadge { border-radius: 8px; padding: 2px 10px; background: #fef7e0; color: #8a5300; }
QLabel#statusBadge[final="true"] { background: #e6f4ea; color: #137333; }
QLabel#evalHistory { color: #5f6368; }
QLabel#saveNote { color: #5f6368; }
"""


class EvaluationDialog(QDialog):
    """Signals:
        saved: something was written (draft, members, finalised, reopened): lists reload.
    """

    saved = Signal()

    def __init__(self, db: Database, evaluation_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.evaluation_id = evaluation_id
        self.reason_dialog: ReasonDialog | None = None
        self.member_dialog: MemberDialog | None = None
        self.commune_dialog: QDialog | None = None
        #: The print preview last opened (tests drive it).
        self.print_dialog: QDialog | None = None
        with db.read_session() as s:
            self.info = service.get_evaluation(s, evaluation_id)
        self.rubric = load_rubric(self.info.rubric_id)
        self.sheet = self.rubric.sheet(self.info.product_set)
        self.slots = [SheetSlot(i) for i in self.info.sheets]
        self.is_council = self.info.kind == EvaluationKind.COUNCIL
        self.setStyleSheet(HEADER_STYLE)
        self.setWindowTitle(_("Evaluation — {product}").format(product=self.info.product_name))

        self.title_label = ElidedLabel(self.info.product_name)  # up to 300 characters: elided, tooltip
        self.title_label.setObjectName("evalTitle")
        ps = product_sets.BY_NUMBER.get(self.info.product_set or 0)
        meta = [kind_label(self.info.kind), round_label(self.info.year, self.info.round),
                _("Product set: {label}").format(label=ps.label() if ps else self.sheet.title),
                self.rubric.decision]
        self.meta_label = QLabel(" · ".join(meta))
        self.meta_label.setObjectName("evalMeta")
        self.status_badge = QLabel()
        self.status_badge.setObjectName("statusBadge")
        self.history_label = QLabel()
        self.history_label.setObjectName("evalHistory")
        self.history_label.setWordWrap(True)
        self.evaluator_label = ElidedLabel()
        self.evaluator_button = QPushButton(_("Change…"))
        self.evaluator_button.clicked.connect(self.change_evaluator)

        if self.is_council:
            self.council: CouncilView | None = CouncilView(
                db, evaluation_id, self.sheet, self.slots, self._make_form,
                minima=self.info.minima_mode or "agreed", discussion=self.info.discussion)
            self.council.changed.connect(self._edited)
            self.council.discussion_saved.connect(self._discussion_saved)
            body: QWidget = self.council
            self.evaluator_label.hide()
            self.evaluator_button.hide()
        else:
            self.council = None
            body = self._make_form(self.slots[0])
            self.form.changed.connect(self._edited)

        self.save_note = QLabel()
        self.save_note.setObjectName("saveNote")
        self.commune_button = QPushButton(_("Commune report (form 03)…"))
        self.commune_button.clicked.connect(self.open_commune_report)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setToolTip(
            _("Preview, print or save as PDF the filled sheets or the council summary") if self.is_council
            else _("Preview, print or save as PDF the filled sheet"))
        print_menu = QMenu(self.print_button)
        print_menu.addAction(_("Print sheets…"), self.print_sheets)
        if self.is_council:
            print_menu.addAction(_("Print council summary…"), self.print_council_summary)
        self.print_button.setMenu(print_menu)
        self.reopen_button = QPushButton(_("Reopen…"))
        self.reopen_button.clicked.connect(self.reopen)
        self.finalise_button = QPushButton(_("Finalise"))
        self.finalise_button.setToolTip(_("Check that every criterion is chosen and fix the result"))
        self.finalise_button.clicked.connect(self.finalise)
        self.save_button = QPushButton(_("Save draft"))
        self.save_button.setToolTip(_("Save the sheets as they are, complete or not (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_draft)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        for b in (self.commune_button, self.print_button, self.reopen_button, self.finalise_button,
                  self.save_button, self.close_button):
            b.setAutoDefault(False)
        save_action = QAction(_("Save draft"), self)
        save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_action.triggered.connect(self.save_draft)
        self.addAction(save_action)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.meta_label)
        head.addLayout(titles, 1)
        head.addWidget(self.evaluator_label, 0, Qt.AlignmentFlag.AlignBottom)
        head.addWidget(self.evaluator_button, 0, Qt.AlignmentFlag.AlignBottom)
        head.addSpacing(12)
        head.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignTop)
        foot = QHBoxLayout()
        foot.addWidget(self.commune_button)
        foot.addWidget(self.print_button)
        foot.addWidget(self.save_note, 1)
        for b in (self.reopen_button, self.finalise_button, self.save_button, self.close_button):
            foot.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.history_label)
        lay.addWidget(body, 1)
        lay.addLayout(foot)
        self._size_to_screen()
        self._show_state()
        if not self.is_council:
            QTimer.singleShot(0, self, self._focus_start)

    @property
    def form(self) -> SheetForm:
        """The single sheet's form (self-assessment, pre-assessment), or the current member's."""
        if self.council is not None:
            slot = self.council.slot(self.council.current_key())
            assert slot is not None and slot.form is not None
            return slot.form
        assert self.slots[0].form is not None
        return self.slots[0].form

    def _make_form(self, slot: SheetSlot) -> SheetForm:
        form = SheetForm(self.sheet, rubric_id=self.info.rubric_id)
        form.load(slot.info.choices, slot.info.eliminated_by, slot.info.comment)
        slot.form = form
        form.set_read_only(self.info.is_final)
        return form

    def _size_to_screen(self) -> None:
        resize_within_screen(self, 1366, 768)

    def _focus_start(self) -> None:
        form = self.form
        form.focus_criterion(form.missing()[0] if form.missing() else form.order[0])

    # -- state --------------------------------------------------------------------------------
    def _show_state(self) -> None:
        info = self.info
        final = info.is_final
        text = status_label(info.status)
        if final and info.finalised_at is not None:
            text = _("{status} on {date}").format(status=text, date=format_date(info.finalised_at))
        if final:
            parts = [text]
            if info.total is not None:
                parts.append(_("{total} points").format(total=total_text(info.total, 2 if self.is_council else 0)))
            parts.append(f"{star_row(info.stars)} {stars_label(info.stars)}" if info.stars
                         else _("Eliminated: not ranked"))
            text = " · ".join(parts)
        self.status_badge.setText(text)
        self.status_badge.setProperty("final", final)
        self.status_badge.style().unpolish(self.status_badge)
        self.status_badge.style().polish(self.status_badge)
        if info.reopen_log:
            last = info.reopen_log[-1]
            self.history_label.setText(_("Reopened {n} time(s); last by {by} on {at}: {reason}").format(
                n=len(info.reopen_log), by=last.get("by") or "—", at=_iso_text(last.get("at")),
                reason=last.get("reason", "")))
        self.history_label.setVisible(bool(info.reopen_log))
        if not self.is_council:
            slot = self.slots[0]
            name = slot.info.member_name or "—"
            role = f" ({slot.info.member_role})" if slot.info.member_role else ""
            self.evaluator_label.setText(_("Evaluator: {name}").format(name=name + role))
            self.evaluator_button.setEnabled(not final)
        self.reopen_button.setVisible(final)
        self.finalise_button.setVisible(not final)
        self.save_button.setVisible(not final)
        for slot in self.slots:
            if slot.form is not None:
                slot.form.set_read_only(final)
        if self.council is not None:
            self.council.set_read_only(final)

    def dirty(self) -> bool:
        return any(s.dirty for s in self.slots)

    def _edited(self) -> None:
        if self.council is None:
            self.slots[0].dirty = True
        self.save_note.setText(_("Changes not saved yet (Ctrl+S saves the draft)."))

    def _reload(self) -> None:
        with self.db.read_session() as s:
            self.info = service.get_evaluation(s, self.evaluation_id)
        self._show_state()

    # -- commands -------------------------------------------------------------------------------
    def save_draft(self) -> bool:
        if self.info.is_final:
            return True
        dirty = [s for s in self.slots if s.dirty]
        if not dirty:
            self.save_note.setText(_("Nothing to save: the draft is up to date."))
            return True
        try:
            with self.db.session() as s:
                for slot in dirty:
                    service.save_sheet_choices(s, slot.info.id, slot.choices(), slot.eliminated_by(), slot.comment())
        except ValidationFailed as exc:
            messages.show_error(self, _("Not saved"), "\n".join(exc.errors.values()))
            return False
        except KnownError as exc:
            messages.show_error(self, _("Not saved"), exc.message, details=exc.hint or "")
            return False
        for slot in dirty:
            slot.saved()
        self.save_note.setText(_("Draft saved."))
        self.saved.emit()
        return True

    def finalise(self) -> None:
        if self.info.is_final:
            return
        if not messages.ask(self, _("Finalise"), _("Finalise this evaluation?"),
                            details=_("Its result is fixed and the sheets can no longer be changed, "
                                      "unless it is reopened with a reason."),
                            yes=_("Finalise"), no=_("Not now"), default_yes=True):
            return
        if not self.save_draft():
            return
        try:
            with self.db.session() as s:
                service.finalise(s, self.evaluation_id)
        except ValidationFailed as exc:
            self._refused(exc.errors)
            return
        except KnownError as exc:
            messages.show_error(self, _("Not finalised"), exc.message, details=exc.hint or "")
            return
        self._reload()
        if self.council is not None:
            self.council.show_entry("summary")
        self.save_note.setText(_("Finalised."))
        self.saved.emit()

    def _discussion_saved(self) -> None:
        self.save_note.setText(_("Discussion recorded."))
        self.saved.emit()

    def _refused(self, problems: dict[str, str]) -> None:
        """Show why, then go to the first sheet with criteria left empty and to its first one
        (to the summary, where the discussion is recorded, when only the spread is left)."""
        messages.show_error(self, _("Not finalised"), "\n".join(problems.values()))
        first = next((s for s in self.slots if s.info.id in problems), None)
        if first is None:
            if self.council is not None and "spread" in problems:
                self.council.show_entry("summary")
            return
        if self.council is not None:
            self.council.show_entry(first.info.id, focus=False)
        for slot in self.slots:
            if slot.info.id in problems and slot.form is not None:
                slot.form.flag_missing()
        form = first.form
        if form is not None:
            form.focus_first_missing()

    def reopen(self) -> None:
        if not self.info.is_final:
            return
        dialog = self.reason_dialog = ReasonDialog(self)
        dialog.accepted.connect(lambda: self._reopen(dialog.reason()))
        dialog.open()

    def _reopen(self, reason: str) -> None:
        try:
            with self.db.session() as s:
                service.reopen(s, self.evaluation_id, reason)
        except KnownError as exc:
            messages.show_error(self, _("Not reopened"), exc.message, details=exc.hint or "")
            return
        self._reload()
        self.save_note.setText(_("Reopened: the sheets can be changed again."))
        self.saved.emit()

    def change_evaluator(self) -> None:
        slot = self.slots[0]
        dialog = self.member_dialog = MemberDialog(self, name=slot.info.member_name, role=slot.info.member_role,
                                                   title=_("Evaluator"))
        dialog.accepted.connect(lambda: self._rename(slot, dialog))
        dialog.open()

    def _rename(self, slot: SheetSlot, dialog: MemberDialog) -> None:
        try:
            with self.db.session() as s:
                service.update_member(s, slot.info.id, dialog.name(), dialog.role())
        except ValidationFailed as exc:
            dialog.show_error("\n".join(exc.errors.values()))
            dialog.open()
            return
        except KnownError as exc:
            messages.show_error(self, _("Not saved"), exc.message, details=exc.hint or "")
            return
        slot.rename(dialog.name(), dialog.role())
        self._show_state()
        self.saved.emit()

    def open_commune_report(self) -> None:
        from ocop_desktop.ui.evaluation.commune_dialog import CommuneAssessmentDialog

        try:
            dialog = CommuneAssessmentDialog(self.db, self.info.product_id, self.info.year, self.info.round or 1,
                                             parent=self)
        except KnownError as exc:
            messages.show_error(self, _("Commune report"), exc.message, details=exc.hint or "")
            return
        self.commune_dialog = dialog
        dialog.open()

    # -- printing ---------------------------------------------------------------------------------
    def print_sheets(self) -> QDialog | None:
        """The filled sheets as saved (unsaved changes are saved first), in a print preview."""
        from ocop_desktop.ui.pages.evaluations_page import sheets_pdf_maker

        return self._print(_("Evaluation sheets"), "phieu-danh-gia", sheets_pdf_maker)

    def print_council_summary(self) -> QDialog | None:
        from ocop_desktop.ui.pages.evaluations_page import council_pdf_maker

        return self._print(_("Council summary"), "bang-tong-hop", council_pdf_maker)

    def _print(self, what: str, file_prefix: str, maker: Any) -> QDialog | None:
        from ocop_desktop.ui.widgets.pdf_preview import PdfPreviewDialog, safe_name

        if self.dirty() and not self.info.is_final and not self.save_draft():
            return None
        info = self.info
        title = _("{what} — {product} ({kind}, {period})").format(
            what=what, product=info.product_name, kind=kind_label(info.kind),
            period=round_label(info.year, info.round))
        name = f"{file_prefix}-{safe_name(info.product_name)}-{info.year}.pdf"
        dialog = PdfPreviewDialog(title, maker(self.db, self.evaluation_id), name, parent=self)
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def reject(self) -> None:
        if self.dirty() and not self.info.is_final:
            if messages.ask(self, _("Save the changes?"), _("Some sheets have changes that are not saved yet."),
                            yes=_("Save draft"), no=_("Discard changes"), default_yes=True):
                if not self.save_draft():
                    return
        super().reject()


def _iso_text(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_datetime(dt.datetime.fromisoformat(value))
    except ValueError:
        return value
