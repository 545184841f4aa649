"""A historical result (Decision 148/2023 or 1048/2019): total, stars and the recognition
decision, without a sheet, so older records are complete.

New results are validated by the service as they are typed (the stars must match the
total under the chosen decision; number and date are needed from 3 stars). A recorded one
opens read-only: the service does not edit historical results (delete it and enter it
again).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.db import Database
from ocop_desktop.domain.evaluations import (
    LEGACY_DECISION_LABELS,
    LegacyDecision,
    legacy_stars_allowed,
)
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.services import evaluations as service
from ocop_desktop.services import legacy_results
from ocop_desktop.ui.dialogs.fields import DateEdit, note_label
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo
from ocop_desktop.ui.evaluation.new_dialog import ProductPicking
from ocop_desktop.ui.evaluation.texts import star_row

UNKNOWN_ROUND = 0


def _parse_total(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class LegacyResultDialog(ProductPicking, RecordDialog):
    products_loaded = Signal()

    def __init__(self, db: Database, *, product_id: str | None = None, evaluation_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.evaluation_id = evaluation_id
        self.setWindowTitle(_("Historical result") if evaluation_id else _("New historical result"))
        self._stars_chosen = False
        self._setting = False
        info = None
        if evaluation_id:
            with db.read_session() as s:
                info = service.get_evaluation(s, evaluation_id)
            product_id = info.product_id

        combo = SearchCombo(min_chars=40)
        self.decision_combo = QComboBox()
        for d in LegacyDecision:
            self.decision_combo.addItem(LEGACY_DECISION_LABELS[d], d.value)
        self.total_edit = QLineEdit()
        self.total_edit.setPlaceholderText(_("e.g. 78,5"))
        self.total_edit.setMaxLength(8)
        self.stars_combo = QComboBox()
        self.stars_combo.addItem("—", None)
        for n in range(5, 0, -1):
            self.stars_combo.addItem(f"{star_row(n)}  ({n})", n)
        self.ref_edit = QLineEdit()
        self.ref_edit.setMaxLength(64)
        self.ref_edit.setPlaceholderText(_("e.g. 1234/QĐ-UBND"))
        self.date_edit = DateEdit()
        self.year_spin = QSpinBox()
        self.year_spin.setRange(service.FIRST_YEAR, dt.date.today().year)
        self.year_spin.setValue(dt.date.today().year - 1)
        self.round_combo = QComboBox()
        self.round_combo.addItem(_("Not known"), UNKNOWN_ROUND)
        self.round_combo.addItem(_("Round 1"), 1)
        self.round_combo.addItem(_("Round 2"), 2)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow(form_label(_("Product"), required=True), self.add_field("product_id", combo))
        form.addRow(form_label(_("Decision applied"), required=True), self.add_field("rubric_id", self.decision_combo))
        form.addRow(form_label(_("Total score"), required=True), self.add_field(
            "total", self.total_edit, hint=_("The council's average, 0 to 100, at most 2 decimals.")))
        form.addRow(form_label(_("Stars"), required=True), self.add_field("stars", self.stars_combo, hint=" "))
        form.addRow(form_label(_("Recognition decision no.")), self.add_field("decision_ref", self.ref_edit))
        form.addRow(form_label(_("Decision date")), self.add_field("decision_date", self.date_edit))
        form.addRow(form_label(_("Evaluation year"), required=True), self.add_field("year", self.year_spin))
        form.addRow(form_label(_("Round")), self.add_field("round", self.round_combo))
        form.addRow(form_label(_("Notes")), self.add_field("notes", self.notes_edit))
        align_labels(form)
        lay = QVBoxLayout(self)
        if info is not None:
            lay.addWidget(note_label(_("A historical result is kept as entered. To correct it, delete it from the "
                                       "list and enter it again."), "hint"))
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addWidget(self.footer())
        self.setMinimumWidth(620)
        if info is not None:
            self._load(info)
        self._start_product_load(combo, product_id)
        self.finish_loading(show_all=False)

    def _load(self, info: service.EvaluationInfo) -> None:
        self.decision_combo.setCurrentIndex(max(0, self.decision_combo.findData(info.rubric_id)))
        self.total_edit.setText(format_number(info.legacy_total, 2) if info.legacy_total is not None else "")
        self.stars_combo.setCurrentIndex(max(0, self.stars_combo.findData(info.legacy_stars)))
        self.ref_edit.setText(info.decision_ref)
        self.date_edit.set_date(info.decision_date)
        self.year_spin.setValue(info.year)
        self.round_combo.setCurrentIndex(max(0, self.round_combo.findData(info.round or UNKNOWN_ROUND)))
        self.notes_edit.setPlainText(info.notes)
        for w in (self.decision_combo, self.total_edit, self.stars_combo, self.ref_edit, self.date_edit,
                  self.year_spin, self.round_combo, self.notes_edit):
            w.setEnabled(False)
        self.save_button.hide()
        self.required_note.hide()
        self.cancel_button.setText(_("Close"))

    def products_arrived(self, loaded: Any) -> None:
        if self.evaluation_id:
            self.product_combo.setEnabled(False)
        elif self._preselect:
            self.decision_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- reactions -------------------------------------------------------------------------
    def on_edited(self, key: str) -> None:
        if key == "stars" and not self._setting:
            self._stars_chosen = self.stars_combo.currentData() is not None
        if key in ("total", "rubric_id"):
            self._suggest_stars()

    def _suggest_stars(self) -> None:
        """The stars that go with the total, unless the officer chose them."""
        total = _parse_total(self.total_edit.text())
        hint = " "
        allowed: list[int] = []
        if total is not None and 0 <= total <= 100:
            allowed = list(legacy_stars_allowed(self.decision_combo.currentData(), total))
        if not self._stars_chosen:
            # Only a valid total with one possible rank suggests stars; an invalid one (150,
            # "abc") or an ambiguous one clears a suggestion left by an earlier keystroke.
            self._setting = True
            self.stars_combo.setCurrentIndex(self.stars_combo.findData(allowed[0]) if len(allowed) == 1 else 0)
            self._setting = False
        if allowed:
            if len(allowed) == 1:
                hint = ngettext("Under this decision, {total} points is {stars} star.",
                                "Under this decision, {total} points is {stars} stars.", allowed[0]).format(
                    total=format_number(total), stars=allowed[0])
            else:
                hint = _("Under this decision, {total} points is {low} or {high} stars.").format(
                    total=format_number(total), low=allowed[0], high=allowed[-1])
        self.boxes["stars"].set_hint(hint)

    # -- validation and saving ------------------------------------------------------------------
    def collect(self) -> tuple[legacy_results.LegacyResultData, dict[str, str]]:
        self.product_combo.commit_text()
        form_errors: dict[str, str] = {}
        if not self.date_edit.is_valid():
            form_errors["decision_date"] = _("Decision date: “{text}” is not a date; write it as dd/mm/yyyy, "
                                             "e.g. 25/03/2024.").format(text=self.date_edit.text())
        round_no = self.round_combo.currentData()
        return legacy_results.LegacyResultData(
            product_id=self.product_combo.value() or "", rubric_id=self.decision_combo.currentData(),
            total=self.total_edit.text().strip(), stars=self.stars_combo.currentData(),
            decision_ref=self.ref_edit.text(), decision_date=self.date_edit.date(), year=self.year_spin.value(),
            round=round_no or None, notes=self.notes_edit.toPlainText()), form_errors

    def check(self, data: legacy_results.LegacyResultData) -> dict[str, str]:
        if self.evaluation_id:
            return {}
        return self.run_check(legacy_results.check_legacy_result, data)

    def has_changes(self) -> bool:
        return not self.evaluation_id and super().has_changes()

    def write(self, data: legacy_results.LegacyResultData) -> str | None:
        if self.evaluation_id:
            return None
        with self.db.session() as s:
            ev = legacy_results.create_legacy_result(
                s, data.product_id, data.rubric_id, data.total, data.stars, data.decision_ref, data.decision_date,
                data.year, round=data.round, notes=data.notes)
            return ev.id
