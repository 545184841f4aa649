"""Add or edit a business plan (phương án / dự án sản xuất kinh doanh), with its attached files."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from ocop_desktop.db import Database
from ocop_desktop.domain.business_plans import PLAN_STATUS_LABELS
from ocop_desktop.i18n import _
from ocop_desktop.services import business_plans as plan_service
from ocop_desktop.services import producers as producer_service
from ocop_desktop.services import support as support_service
from ocop_desktop.services.business_plan_list import idea_choices
from ocop_desktop.ui import screen_fit
from ocop_desktop.ui.cycle.attachments_list import AttachmentsWidget
from ocop_desktop.ui.cycle.training_dialog import combo, count_spin, form_layout, line, notes_edit
from ocop_desktop.ui.dialogs.fields import AmountEdit, DateEdit
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo


class PlanDialog(RecordDialog):
    """Create a plan (``plan_id`` None; ``data`` may prefill it, e.g. from an idea) or edit one.
    ``exec()`` is Accepted only after a save; ``saved_id`` is the plan's id."""

    def __init__(self, db: Database, plan_id: str | None = None, *, data: plan_service.PlanData | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.plan_id = plan_id
        with db.read_session() as s:
            if plan_id:
                data = plan_service.get_plan(s, plan_id)
            data = data or plan_service.PlanData()
            producers = producer_service.producer_choices(s)
        self.setWindowTitle(_("Edit business plan") if plan_id else _("New business plan"))
        self._build(producers)
        self._load(data)
        self.finish_loading(show_all=plan_id is not None)
        screen_fit.resize_within_screen(self, 1240, 720)

    # -- layout ---------------------------------------------------------------------------
    def _build(self, producers: list[tuple[str, str]]) -> None:
        self.producer_combo = SearchCombo(placeholder=_("Type part of the producer's name"))
        self.producer_combo.set_choices(((text, pid) for pid, text in producers), blank=True)
        self.idea_combo = SearchCombo(placeholder=_("The product idea the plan carries out"))
        self.product_combo = SearchCombo(placeholder=_("Or an existing product of the producer"))
        self.title_edit = line(255, _("e.g. Phương án sản xuất miến dong Phia Đén"))
        self.submitted_edit = DateEdit()
        self.start_edit = DateEdit()
        self.end_edit = DateEdit()
        self.output_edit = line(500, _("e.g. 12 tấn miến/năm"))
        self.market_edit = notes_edit()
        plan = QGroupBox(_("Plan"))
        form = form_layout()
        form.addRow(form_label(_("Producer"), required=True), self.add_field("producer_id", self.producer_combo))
        form.addRow(form_label(_("Product idea")), self.add_field("idea_id", self.idea_combo))
        form.addRow(form_label(_("Product")), self.add_field(
            "product_id", self.product_combo, hint=_("An idea, an existing product, or both.")))
        form.addRow(form_label(_("Plan title"), required=True), self.add_field("title", self.title_edit, counter=True))
        form.addRow(form_label(_("Date submitted"), required=True), self.add_field("submitted_on", self.submitted_edit))
        form.addRow(form_label(_("Start"), required=True), self.add_field("start_date", self.start_edit))
        form.addRow(form_label(_("End"), required=True), self.add_field("end_date", self.end_edit))
        form.addRow(form_label(_("Expected output")), self.add_field("expected_output", self.output_edit))
        form.addRow(form_label(_("Market")), self.add_field("market", self.market_edit))
        plan.setLayout(form)
        plan_form = form

        self.own_edit, self.loans_edit = AmountEdit(), AmountEdit()
        self.support_edit, self.revenue_edit = AmountEdit(), AmountEdit()
        self.jobs_spin, self.women_spin, self.minority_spin = count_spin(), count_spin(), count_spin()
        money = QGroupBox(_("Capital, revenue and jobs"))
        form = form_layout()
        for key, edit, text in (("capital_own", self.own_edit, _("Own capital")),
                                ("capital_loans", self.loans_edit, _("Loans")),
                                ("support_requested", self.support_edit, _("Support requested")),
                                ("expected_revenue", self.revenue_edit, _("Expected revenue (a year)"))):
            form.addRow(form_label(text), self.add_field(key, edit))
        form.addRow(form_label(_("Jobs created")), self.add_field("jobs", self.jobs_spin))
        form.addRow(form_label(_("of which women")), self.add_field("jobs_women", self.women_spin))
        form.addRow(form_label(_("of which ethnic minority")), self.add_field("jobs_minority", self.minority_spin))
        money.setLayout(form)
        money_form = form
        self.files = AttachmentsWidget(self.db)
        files = QGroupBox(_("Attached files"))
        box = QVBoxLayout(files)
        box.addWidget(self.add_field("attachments", self.files))

        self.status_combo = combo(PLAN_STATUS_LABELS)
        self.reason_edit = notes_edit()
        self.approval_number_edit = line(64, _("e.g. 125/QĐ-UBND"))
        self.approval_date_edit = DateEdit()
        self.approval_issuer_edit = line(255, _("e.g. UBND xã Phục Hoà"))
        self.notes_edit = notes_edit()
        review = QGroupBox(_("Review and approval"))
        form = form_layout()
        form.addRow(form_label(_("Status"), required=True), self.add_field("status", self.status_combo))
        form.addRow(form_label(_("Reason for returning")), self.add_field("return_reason", self.reason_edit))
        form.addRow(form_label(_("Approving document number")),
                    self.add_field("approval_number", self.approval_number_edit))
        form.addRow(form_label(_("Date of the approving document")),
                    self.add_field("approval_date", self.approval_date_edit))
        form.addRow(form_label(_("Issued by")), self.add_field("approval_issuer", self.approval_issuer_edit))
        form.addRow(form_label(_("Notes")), self.add_field("notes", self.notes_edit))
        review.setLayout(form)
        align_labels(plan_form)
        align_labels(money_form, form)

        middle = QVBoxLayout()
        middle.addWidget(money)
        middle.addWidget(files, 1)
        right = QVBoxLayout()
        right.addWidget(review)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(plan)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addLayout(middle, 4)
        columns.addLayout(right, 4)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.footer())

    # -- data <-> form -------------------------------------------------------------------
    def _fill_links(self, producer_id: str | None, idea_id: str | None, product_id: str | None) -> None:
        with self.db.read_session() as s:
            ideas = idea_choices(s, producer_id, keep=idea_id)
            products = support_service.product_choices(s, producer_id) if producer_id else []
        for widget, choices, value in ((self.idea_combo, ideas, idea_id), (self.product_combo, products, product_id)):
            widget.blockSignals(True)
            widget.set_choices(((text, cid) for cid, text in choices), blank=True)
            if value and not widget.has_value(value):
                widget.add_choice(value, value)  # a deleted idea or product: shown, refused
            widget.set_value(value)
            widget.blockSignals(False)

    def _load(self, d: plan_service.PlanData) -> None:
        if d.producer_id and not self.producer_combo.has_value(d.producer_id):
            self.producer_combo.add_choice(d.producer_id, d.producer_id)  # a deleted producer: shown, refused
        self.producer_combo.set_value(d.producer_id)
        self._fill_links(d.producer_id, d.idea_id, d.product_id)
        self.title_edit.setText(d.title)
        self.submitted_edit.set_date(d.submitted_on)
        self.start_edit.set_date(d.start_date)
        self.end_edit.set_date(d.end_date)
        self.output_edit.setText(d.expected_output)
        self.market_edit.setPlainText(d.market)
        for edit, value in ((self.own_edit, d.capital_own), (self.loans_edit, d.capital_loans),
                            (self.support_edit, d.support_requested), (self.revenue_edit, d.expected_revenue)):
            edit.set_amount(value if isinstance(value, int) else None)
        self.jobs_spin.setValue(d.jobs or 0)
        self.women_spin.setValue(d.jobs_women or 0)
        self.minority_spin.setValue(d.jobs_minority or 0)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(d.status)))
        self.reason_edit.setPlainText(d.return_reason)
        self.approval_number_edit.setText(d.approval_number)
        self.approval_date_edit.set_date(d.approval_date)
        self.approval_issuer_edit.setText(d.approval_issuer)
        self.notes_edit.setPlainText(d.notes)
        self.files.set_refs(d.attachments)

    def on_edited(self, key: str) -> None:
        if key == "producer_id":
            self._fill_links(self.producer_combo.value(), self.idea_combo.value(), self.product_combo.value())

    def collect(self) -> tuple[plan_service.PlanData, dict[str, str]]:
        for widget in (self.producer_combo, self.idea_combo, self.product_combo):
            widget.commit_text()
        form_errors: dict[str, str] = {}
        for key, edit, name in (("submitted_on", self.submitted_edit, _("Date submitted")),
                                ("start_date", self.start_edit, _("Start")), ("end_date", self.end_edit, _("End")),
                                ("approval_date", self.approval_date_edit, _("Date of the approving document"))):
            if not edit.is_valid():
                form_errors[key] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                    field=name, text=edit.text())
        data = plan_service.PlanData(
            producer_id=self.producer_combo.value() or None, idea_id=self.idea_combo.value() or None,
            product_id=self.product_combo.value() or None, title=self.title_edit.text(),
            submitted_on=self.submitted_edit.date(), start_date=self.start_edit.date(), end_date=self.end_edit.date(),
            capital_own=self.own_edit.text(), capital_loans=self.loans_edit.text(),
            support_requested=self.support_edit.text(), expected_output=self.output_edit.text(),
            expected_revenue=self.revenue_edit.text(), jobs=self.jobs_spin.value(),
            jobs_women=self.women_spin.value(), jobs_minority=self.minority_spin.value(),
            market=self.market_edit.toPlainText(), status=self.status_combo.currentData(),
            return_reason=self.reason_edit.toPlainText(), approval_number=self.approval_number_edit.text(),
            approval_date=self.approval_date_edit.date(), approval_issuer=self.approval_issuer_edit.text(),
            attachments=self.files.refs(), notes=self.notes_edit.toPlainText())
        return data, form_errors

    # -- validation and saving -------------------------------------------------------------
    def check(self, data: plan_service.PlanData) -> dict[str, str]:
        errors = self.run_check(plan_service.check, data, plan_id=self.plan_id)
        for key, edit in (("submitted_on", self.submitted_edit), ("start_date", self.start_edit),
                          ("end_date", self.end_edit), ("approval_date", self.approval_date_edit)):
            if edit.text() and key in errors and not edit.is_valid():
                errors.pop(key)  # the form's "not a date" says it better
        return errors

    def write(self, data: plan_service.PlanData) -> str | None:
        with self.db.session() as s:
            if self.plan_id:
                return plan_service.update_plan(s, self.plan_id, data).id
            return plan_service.create_plan(s, data).id
