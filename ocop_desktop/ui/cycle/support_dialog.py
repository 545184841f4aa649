"""Add or edit a support record (hỗ trợ) given to a producer or one of its products."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from ocop_desktop.db import Database
from ocop_desktop.domain.funding import FUNDING_LABELS, SUPPORT_FUNDING
from ocop_desktop.domain.training_support import SUPPORT_KIND_LABELS
from ocop_desktop.i18n import _
from ocop_desktop.services import producers as producer_service
from ocop_desktop.services import support as support_service
from ocop_desktop.ui.cycle.training_dialog import combo, form_layout, line, notes_edit
from ocop_desktop.ui.dialogs.fields import AmountEdit, DateEdit
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo
from ocop_desktop.ui.screen_fit import resize_within_screen


class SupportDialog(RecordDialog):
    """Create (``support_id`` None, optionally for ``producer_id``) or edit a support record."""

    def __init__(self, db: Database, support_id: str | None = None, producer_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.support_id = support_id
        with db.read_session() as s:
            data = (support_service.get_support(s, support_id) if support_id
                    else support_service.SupportData(producer_id=producer_id))
            producers = producer_service.producer_choices(s)
        self.setWindowTitle(_("Edit support") if support_id else _("New support"))

        self.producer_combo = SearchCombo(placeholder=_("Type to search producers"))
        self.producer_combo.add_blank()
        for pid, text in producers:
            self.producer_combo.add_choice(text, pid)
        self.product_combo = SearchCombo(placeholder=_("The producer as a whole"))
        self.kind_combo = combo(SUPPORT_KIND_LABELS)
        self.description_edit = line(500, _("e.g. 3.955 túi giấy in logo OCOP"))
        self.amount_edit = AmountEdit()
        self.funding_combo = combo({s: FUNDING_LABELS[s] for s in SUPPORT_FUNDING}, blank="")
        self.date_edit = DateEdit()
        self.decision_edit = line(128, _("e.g. QĐ số 1520/QĐ-UBND ngày 20/11/2025"))
        self.notes = notes_edit()

        box = QGroupBox(_("Support"))
        form = form_layout()
        form.addRow(form_label(_("Producer"), required=True), self.add_field("producer_id", self.producer_combo))
        form.addRow(form_label(_("Product")), self.add_field(
            "product_id", self.product_combo, hint=_("Leave empty when the support went to the producer as a whole.")))
        form.addRow(form_label(_("Kind of support"), required=True), self.add_field("kind", self.kind_combo))
        form.addRow(form_label(_("What was given")), self.add_field("description", self.description_edit,
                                                                    counter=True))
        form.addRow(form_label(_("Amount"), required=True), self.add_field(
            "amount", self.amount_edit, hint=_("Whole đồng, e.g. 903.000.000.")))
        form.addRow(form_label(_("Funding source"), required=True), self.add_field("funding", self.funding_combo))
        form.addRow(form_label(_("Date"), required=True), self.add_field("date", self.date_edit))
        form.addRow(form_label(_("Decision reference")), self.add_field("decision_ref", self.decision_edit))
        form.addRow(form_label(_("Notes")), self.add_field("notes", self.notes))
        box.setLayout(form)
        outer = QVBoxLayout(self)
        outer.addWidget(box, 1)
        outer.addWidget(self.footer())
        resize_within_screen(self, 760, 560)
        self._load(data)
        self.finish_loading(show_all=bool(support_id))

    def _fill_products(self, producer_id: str | None, keep: str | None = None) -> None:
        self.product_combo.blockSignals(True)
        choices = []
        if producer_id:
            with self.db.read_session() as s:
                choices = support_service.product_choices(s, producer_id)
        self.product_combo.set_choices([(name, pid) for pid, name in choices])
        self.product_combo.set_value(keep)
        self.product_combo.blockSignals(False)

    def _load(self, d: support_service.SupportData) -> None:
        self.producer_combo.set_value(d.producer_id)
        self._fill_products(d.producer_id, d.product_id)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(d.kind)))
        self.description_edit.setText(d.description)
        self.amount_edit.set_amount(d.amount if isinstance(d.amount, int) else None)
        self.funding_combo.setCurrentIndex(max(0, self.funding_combo.findData(d.funding)))
        self.date_edit.set_date(d.date)
        self.decision_edit.setText(d.decision_ref)
        self.notes.setPlainText(d.notes)

    def on_edited(self, key: str) -> None:
        if key == "producer_id":
            self._fill_products(self.producer_combo.value())

    def collect(self) -> tuple[support_service.SupportData, dict[str, str]]:
        self.producer_combo.commit_text()
        self.product_combo.commit_text()
        form_errors: dict[str, str] = {}
        if not self.date_edit.is_valid():
            form_errors["date"] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                field=_("Date"), text=self.date_edit.text())
        data = support_service.SupportData(
            producer_id=self.producer_combo.value(), product_id=self.product_combo.value(),
            kind=self.kind_combo.currentData(), description=self.description_edit.text(),
            amount=self.amount_edit.text(), funding=self.funding_combo.currentData(),
            date=self.date_edit.date(), decision_ref=self.decision_edit.text(), notes=self.notes.toPlainText(),
        )
        return data, form_errors

    def check(self, data: support_service.SupportData) -> dict[str, str]:
        return self.run_check(support_service.check, data)

    def write(self, data: support_service.SupportData) -> str | None:
        with self.db.session() as s:
            if self.support_id:
                return support_service.update_support(s, self.support_id, data).id
            return support_service.create_support(s, data).id
