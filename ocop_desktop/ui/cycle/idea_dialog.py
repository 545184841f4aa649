"""Add or edit a product idea (ý tưởng sản phẩm); "Create product" turns it into a product."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.db import Database
from ocop_desktop.domain import geography
from ocop_desktop.domain.vocab import (
    IDEA_ORIGIN_LABELS,
    IDEA_STATUS_LABELS,
    IdeaOrigin,
    IdeaStatus,
    label,
)
from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.services import ideas as idea_service
from ocop_desktop.services import office as office_service
from ocop_desktop.services import producers as producer_service
from ocop_desktop.services.business_plan_list import list_plans
from ocop_desktop.ui import screen_fit
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.dialogs.fields import DateEdit
from ocop_desktop.ui.dialogs.product_dialog import fill_product_sets
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo
from ocop_desktop.ui.screen_fit import ElidedLabel


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(6)
    return form


def _line(max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    return edit


def _text(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # keyboard-only entry: Tab leaves the box
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class IdeaDialog(RecordDialog):
    """Create an idea (``idea_id`` None) or edit one. ``exec()`` is Accepted only after a save;
    ``saved_id`` is the idea's id and ``made_product_id`` the product "Create product" made."""

    def __init__(self, db: Database, idea_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.idea_id = idea_id
        self.made_product_id: str | None = None
        self.made_plan_id: str | None = None
        with db.read_session() as s:
            data = idea_service.get_idea(s, idea_id) if idea_id else idea_service.IdeaData()
            product = idea_service.linked_product(s, idea_id) if idea_id else None
            self._product_name = product.name if product else ""
            self._plans = [(p.title, p.status_label) for p in list_plans(s, idea_id=idea_id)] if idea_id else []
            choices = producer_service.producer_choices(s)
            office_communes = office_service.local_commune_codes(s)
        self.setWindowTitle(_("Edit product idea") if idea_id else _("New product idea"))
        self._build(choices, office_communes)
        self._load(data)
        self.finish_loading(show_all=idea_id is not None)
        screen_fit.resize_within_screen(self, 1180, 700)

    # -- layout ---------------------------------------------------------------------------
    def _build(self, producers: list[tuple[str, str]], office_communes: list[int]) -> None:
        self.name_edit = _line(255, _("e.g. Miến dong Phia Đén"))
        self.set_combo = SearchCombo(placeholder=_("Type to search, e.g. chè, mật ong, du lịch"), min_chars=30)
        fill_product_sets(self.set_combo)
        self.commune_combo = SearchCombo(placeholder=_("Type to search communes"))
        self.commune_combo.add_blank()
        for code in sorted(office_communes, key=geography.commune_name):
            self._add_commune(code)
        self.origin_combo = QComboBox()
        for origin in IdeaOrigin:
            self.origin_combo.addItem(label(IDEA_ORIGIN_LABELS, origin), origin.value)
        self.description_edit = _text(3)
        self.raw_edit = _text(2)
        self.market_edit = _text(2)

        idea = QGroupBox(_("Idea"))
        form = _form()
        form.addRow(form_label(_("Proposed product"), required=True),
                    self.add_field("name", self.name_edit, counter=True))
        form.addRow(form_label(_("Product set")), self.add_field(
            "product_set", self.set_combo, hint=_("Needed to create the product.")))
        form.addRow(form_label(_("Commune / ward"), required=True), self.add_field("commune_code", self.commune_combo))
        form.addRow(form_label(_("Origin of the idea")), self.add_field("origin", self.origin_combo))
        form.addRow(form_label(_("Description")), self.add_field("description", self.description_edit))
        form.addRow(form_label(_("Raw materials")), self.add_field("raw_materials", self.raw_edit))
        form.addRow(form_label(_("Expected market")), self.add_field("market", self.market_edit))
        idea.setLayout(form)
        idea_form = form

        self.producer_combo = SearchCombo(placeholder=_("Type part of the producer's name"))
        self.producer_combo.set_choices(((text, pid) for pid, text in producers), blank=True)
        self.proposer_edit = _line(255, _("e.g. Nhóm hộ làm miến xóm Phia Đén"))
        self.phone_edit = _line(32, "0912 345 678")
        self.received_edit = DateEdit()
        who = QGroupBox(_("Proposed by"))
        form = _form()
        form.addRow(form_label(_("Producer")), self.add_field(
            "producer_id", self.producer_combo, hint=_("Leave empty when the proposer is not a producer yet.")))
        form.addRow(form_label(_("Person or group")), self.add_field("proposer_name", self.proposer_edit))
        form.addRow(form_label(_("Phone")), self.add_field("proposer_phone", self.phone_edit))
        form.addRow(form_label(_("Date received"), required=True), self.add_field("received_on", self.received_edit))
        who.setLayout(form)
        who_form = form

        self.status_combo = QComboBox()
        for status in IdeaStatus:
            self.status_combo.addItem(label(IDEA_STATUS_LABELS, status), status.value)
        self.screened_by_edit = _line(255)
        self.screened_on_edit = DateEdit()
        self.reason_edit = _text(2)
        self.product_label = ElidedLabel()
        self.make_button = QPushButton(_("Create product"))
        self.make_button.setToolTip(_("Save the idea and create its product record, prefilled (Alt+T)"))
        self.make_button.setShortcut("Alt+T")
        self.make_button.setAutoDefault(False)
        self.make_button.clicked.connect(self.make_product)
        screening = QGroupBox(_("Screening"))
        form = _form()
        form.addRow(form_label(_("Status"), required=True), self.add_field("status", self.status_combo))
        form.addRow(form_label(_("Screened by")), self.add_field("screened_by", self.screened_by_edit))
        form.addRow(form_label(_("Screening date")), self.add_field("screened_on", self.screened_on_edit))
        form.addRow(form_label(_("Reason for returning")), self.add_field("return_reason", self.reason_edit))
        product_row = QHBoxLayout()
        product_row.addWidget(self.make_button)
        product_row.addWidget(self.product_label, 1)
        form.addRow(form_label(_("Product")), product_row)
        self.plans_label = ElidedLabel()
        self.plan_button = QPushButton(_("Make a business plan"))
        self.plan_button.setToolTip(_("Save the idea and open a business plan prefilled from it (Alt+P)"))
        self.plan_button.setShortcut("Alt+P")
        self.plan_button.setAutoDefault(False)
        self.plan_button.clicked.connect(self.make_plan)
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.plan_button)
        plan_row.addWidget(self.plans_label, 1)
        form.addRow(form_label(_("Business plan")), plan_row)
        screening.setLayout(form)
        align_labels(who_form, form)

        left = QVBoxLayout()
        left.addWidget(idea)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(who)
        right.addWidget(screening)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(6)
        columns.addLayout(right, 1)
        align_labels(idea_form)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.footer())

    def _add_commune(self, code: int) -> None:
        self.commune_combo.add_choice(geography.commune_name(code) or str(code), code, search=f"{code:05d}")

    # -- data <-> form -------------------------------------------------------------------
    def _load(self, d: idea_service.IdeaData) -> None:
        self.name_edit.setText(d.name)
        self.set_combo.set_value(d.product_set)
        if d.commune_code is not None and not self.commune_combo.has_value(d.commune_code):
            self._add_commune(d.commune_code)
        self.commune_combo.set_value(d.commune_code)
        self.origin_combo.setCurrentIndex(max(0, self.origin_combo.findData(d.origin)))
        self.description_edit.setPlainText(d.description)
        self.raw_edit.setPlainText(d.raw_materials)
        self.market_edit.setPlainText(d.market)
        if d.producer_id and not self.producer_combo.has_value(d.producer_id):
            self.producer_combo.add_choice(d.producer_id, d.producer_id)  # a deleted producer: shown, refused
        self.producer_combo.set_value(d.producer_id)
        self.proposer_edit.setText(d.proposer_name)
        self.phone_edit.setText(d.proposer_phone)
        self.received_edit.set_date(d.received_on)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(d.status)))
        self.screened_by_edit.setText(d.screened_by)
        self.screened_on_edit.set_date(d.screened_on)
        self.reason_edit.setPlainText(d.return_reason)
        self._show_product()
        self.on_edited("producer_id")

    def _show_product(self) -> None:
        made = bool(self._product_name)
        self.make_button.setEnabled(not made)
        self.product_label.setText(_("Became the product “{name}”.").format(name=self._product_name) if made
                                   else _("Not a product yet."))
        self.plans_label.setText("; ".join(f"{title} ({status})" for title, status in self._plans)
                                 or _("No business plan yet."))

    def collect(self) -> tuple[idea_service.IdeaData, dict[str, str]]:
        for combo in (self.producer_combo, self.set_combo, self.commune_combo):
            combo.commit_text()
        form_errors: dict[str, str] = {}
        for key, edit, name in (("received_on", self.received_edit, _("Date received")),
                                ("screened_on", self.screened_on_edit, _("Screening date"))):
            if not edit.is_valid():
                form_errors[key] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                    field=name, text=edit.text())
        data = idea_service.IdeaData(
            name=self.name_edit.text(), producer_id=self.producer_combo.value() or None,
            proposer_name=self.proposer_edit.text(), proposer_phone=self.phone_edit.text(),
            received_on=self.received_edit.date(), commune_code=self.commune_combo.value(),
            product_set=self.set_combo.value() or None, description=self.description_edit.toPlainText(),
            origin=self.origin_combo.currentData(), raw_materials=self.raw_edit.toPlainText(),
            market=self.market_edit.toPlainText(), status=self.status_combo.currentData(),
            return_reason=self.reason_edit.toPlainText(), screened_by=self.screened_by_edit.text(),
            screened_on=self.screened_on_edit.date())
        return data, form_errors

    def on_edited(self, key: str) -> None:
        if key == "producer_id":  # a producer proposes under its own name
            is_producer = bool(self.producer_combo.value())
            self.proposer_edit.setEnabled(not is_producer)
            self.phone_edit.setEnabled(not is_producer)

    # -- validation and saving -------------------------------------------------------------
    def check(self, data: idea_service.IdeaData) -> dict[str, str]:
        errors = self.run_check(idea_service.check, data, idea_id=self.idea_id)
        if self.received_edit.text() and "received_on" in errors and not self.received_edit.is_valid():
            errors.pop("received_on")  # the form's "not a date" says it better
        return errors

    def write(self, data: idea_service.IdeaData) -> str | None:
        with self.db.session() as s:
            if self.idea_id:
                return idea_service.update_idea(s, self.idea_id, data).id
            return idea_service.create_idea(s, data).id

    def _save_now(self) -> str | None:
        """Validate and save the form at once (one transaction); the idea's id, or None with the
        errors shown."""
        self._show_all = True
        if self.validate():
            self.focus_first_error()
            return None
        data, _form_errors = self.collect()
        try:
            with self.db.session() as s:
                idea = (idea_service.update_idea(s, self.idea_id, data) if self.idea_id
                        else idea_service.create_idea(s, data))
                return idea.id
        except ValidationFailed as exc:
            self.errors = dict(exc.errors)
            self._display(self.errors)
            self.focus_first_error()
        except KnownError as exc:
            messages.show_error(self, _("Not saved"), exc.message, details=exc.hint or "")
        return None

    def make_plan(self) -> None:
        """Save the idea, then open a business plan prefilled from it; saving the plan moves the
        idea to "business plan". The idea stays saved if the plan is cancelled."""
        from ocop_desktop.services.business_plans import plan_from_idea
        from ocop_desktop.ui.cycle.plan_dialog import PlanDialog
        from ocop_desktop.ui.pages.list_support import run_dialog

        idea_id = self._save_now()
        if idea_id is None:
            return
        self.idea_id = self.saved_id = idea_id
        with self.db.read_session() as s:
            data = plan_from_idea(s, idea_id)
        self.made_plan_id = run_dialog(PlanDialog(self.db, data=data, parent=self))
        self.accept()

    def make_product(self) -> None:
        """Save the form and create the product in one transaction: a refusal writes nothing."""
        self._show_all = True
        if self.validate():
            self.focus_first_error()
            return
        data, _form_errors = self.collect()
        try:
            with self.db.session() as s:
                idea = (idea_service.update_idea(s, self.idea_id, data) if self.idea_id
                        else idea_service.create_idea(s, data))
                product = idea_service.make_product(s, idea.id)
                ids = (idea.id, product.id, product.name)
        except ValidationFailed as exc:
            self.errors = dict(exc.errors)
            self._display(self.errors)
            self.focus_first_error()
            return
        except KnownError as exc:
            messages.show_error(self, _("Not saved"), exc.message, details=exc.hint or "")
            return
        self.saved_id, self.made_product_id, self._product_name = ids
        self._show_product()
        self.accept()
