"""Add or edit a trade promotion event (hội chợ, triển lãm, hội nghị kết nối cung cầu, chiến dịch
thương mại điện tử) with its booths. Validation is the service's (``trade_events.check``)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.db import Database
from ocop_desktop.domain.funding import FUNDING_LABELS, FundingSource
from ocop_desktop.domain.trade_promotion import (
    EVENT_KIND_LABELS,
    EVENT_SCOPE_LABELS,
    EventKind,
    EventScope,
)
from ocop_desktop.domain.vocab import label
from ocop_desktop.i18n import _, current_language
from ocop_desktop.services import producers as producer_service
from ocop_desktop.services import trade_events as service
from ocop_desktop.services.trade_events import EVENT_TEXT_FIELDS, MAX_VISITORS, TradeEventData
from ocop_desktop.ui.cycle.booths_editor import BoothsEditor
from ocop_desktop.ui.dialogs.fields import AmountEdit, DateEdit
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.screen_fit import resize_within_screen


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(6)
    return form


def _line(key: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(EVENT_TEXT_FIELDS[key][1] or 32767)
    edit.setPlaceholderText(placeholder)
    return edit


class EventDialog(RecordDialog):
    """Create an event (``event_id`` None) or edit one; ``saved_id`` after an Accepted ``exec()``."""

    def __init__(self, db: Database, event_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.event_id = event_id
        with db.read_session() as s:
            data = service.get_event(s, event_id) if event_id else TradeEventData()
            producers = producer_service.producer_choices(s)
            products = service.producer_product_choices(s)
            self._names = service.producer_names(s, {b.producer_id for b in data.participants})
        self.setWindowTitle(_("Edit trade promotion event") if event_id else _("New trade promotion event"))
        self._build(producers, products)
        self._load(data)
        self.finish_loading(show_all=event_id is not None)
        resize_within_screen(self, 1240, 700)

    def _build(self, producers: list[tuple[str, str]], products: dict[str, list[tuple[str, str]]]) -> None:
        self.name_edit = _line("name", _("e.g. Hội chợ OCOP khu vực phía Bắc 2026"))
        self.kind_combo = QComboBox()
        for kind in EventKind:
            self.kind_combo.addItem(label(EVENT_KIND_LABELS, kind), kind.value)
        self.start_edit = DateEdit()
        self.end_edit = DateEdit()
        self.scope_combo = QComboBox()
        for scope in EventScope:
            self.scope_combo.addItem(label(EVENT_SCOPE_LABELS, scope), scope.value)
        self.place_edit = _line("place", _("e.g. Cung Văn hóa Hữu nghị, Hà Nội"))
        self.organiser_edit = _line("organiser", _("e.g. Sở Công Thương Hà Nội"))
        event = QGroupBox(_("Event"))
        form = _form()
        form.addRow(form_label(_("Name"), required=True), self.add_field("name", self.name_edit, counter=True))
        form.addRow(form_label(_("Kind"), required=True), self.add_field("kind", self.kind_combo))
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_field("start_date", self.start_edit))
        row.addWidget(form_label(_("to"), required=True), 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.add_field("end_date", self.end_edit, hint=_("The start date for a one-day event.")), 1)
        form.addRow(form_label(_("From"), required=True), dates)
        form.addRow(form_label(_("Where"), required=True), self.add_field("scope", self.scope_combo))
        form.addRow(form_label(_("Place")), self.add_field("place", self.place_edit))
        form.addRow(form_label(_("Organiser")), self.add_field("organiser", self.organiser_edit))
        event.setLayout(form)
        event_form = form

        self.visitors_spin = QSpinBox()
        self.visitors_spin.setRange(-1, MAX_VISITORS)
        self.visitors_spin.setSpecialValueText(_("not reported"))
        self.visitors_spin.setGroupSeparatorShown(True)
        if current_language() == "vi":  # 18.000, as amounts are written
            self.visitors_spin.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.visitors_spin.setValue(-1)
        self.sales_edit = AmountEdit()
        self.cost_edit = AmountEdit()
        self.funding_combo = QComboBox()
        self.funding_combo.addItem("—", None)
        for source in FundingSource:
            self.funding_combo.addItem(label(FUNDING_LABELS, source), source.value)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 3 + 14)
        results = QGroupBox(_("Results and cost"))
        form = _form()
        form.addRow(form_label(_("Visitors")), self.add_field("visitors", self.visitors_spin))
        form.addRow(form_label(_("Total sales")), self.add_field(
            "sales", self.sales_edit, hint=_("Whole đồng, when the organiser reported it.")))
        form.addRow(form_label(_("Cost")), self.add_field("cost", self.cost_edit))
        form.addRow(form_label(_("Funding source")), self.add_field("funding", self.funding_combo))
        form.addRow(form_label(_("Notes")), self.add_field("notes", self.notes_edit))
        results.setLayout(form)
        align_labels(event_form, form)

        self.booths_editor = BoothsEditor(producers, products)
        booths = QGroupBox(_("Booths: producers and products that took part"))
        col = QVBoxLayout(booths)
        col.addWidget(self.add_field("participants", self.booths_editor), 1)

        left = QVBoxLayout()
        left.addWidget(event)
        left.addWidget(results)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addSpacing(6)
        columns.addWidget(booths, 6)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.footer())

    # -- data <-> form -------------------------------------------------------------------
    def _load(self, d: TradeEventData) -> None:
        self.name_edit.setText(d.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(d.kind)))
        self.start_edit.set_date(d.start_date)
        self.end_edit.set_date(d.end_date)
        self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(d.scope)))
        self.place_edit.setText(d.place)
        self.organiser_edit.setText(d.organiser)
        self.visitors_spin.setValue(-1 if d.visitors is None else d.visitors)
        self.sales_edit.set_amount(d.sales)
        self.cost_edit.set_amount(d.cost)
        self.funding_combo.setCurrentIndex(max(0, self.funding_combo.findData(d.funding)))
        self.notes_edit.setPlainText(d.notes)
        self.booths_editor.set_booths(d.participants, self._names)

    def collect(self) -> tuple[TradeEventData, dict[str, str]]:
        for row in self.booths_editor.rows:
            row.producer_combo.commit_text()
        visitors = self.visitors_spin.value()
        data = TradeEventData(
            name=self.name_edit.text(), kind=self.kind_combo.currentData(), start_date=self.start_edit.date(),
            end_date=self.end_edit.date(), scope=self.scope_combo.currentData(), place=self.place_edit.text(),
            organiser=self.organiser_edit.text(), visitors=None if visitors < 0 else visitors,
            sales=self.sales_edit.amount(), cost=self.cost_edit.amount(), funding=self.funding_combo.currentData(),
            notes=self.notes_edit.toPlainText(), participants=self.booths_editor.booths())
        errors = self.booths_editor.form_errors()
        for key, edit, text in (("start_date", self.start_edit, _("Start date")),
                                ("end_date", self.end_edit, _("End date"))):
            if not edit.is_valid():
                errors[key] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                    field=text, text=edit.text())
        for key, edit, text in (("sales", self.sales_edit, _("Total sales")), ("cost", self.cost_edit, _("Cost"))):
            if msg := edit.problem(text):
                errors[key] = msg
        return data, errors

    def check(self, data: TradeEventData) -> dict[str, str]:
        errors = self.run_check(service.check, data, event_id=self.event_id)
        # An amount typed badly is empty in ``data``: the form's message, not "say who paid".
        if not self.cost_edit.is_valid():
            errors.pop("funding", None)
        return errors

    def show_sub_errors(self, errors: dict[str, str]) -> None:
        rows = {}
        for key, message in errors.items():
            base, _sep, index = key.partition(".")
            if base == "participants" and index.isdigit():
                rows[int(index)] = message
        self.booths_editor.set_errors(rows)

    def focus_target(self, key: str, full_key: str) -> QWidget:
        base, _sep, index = full_key.partition(".")
        if base == "participants" and index.isdigit():
            self.booths_editor.focus_row(int(index))
            widget = self.focusWidget()
            return widget if widget is not None and self.booths_editor.isAncestorOf(widget) else self.booths_editor
        return self.boxes[key].mark_targets()[0]

    def write(self, data: TradeEventData) -> str | None:
        with self.db.session() as s:
            if self.event_id:
                return service.update_event(s, self.event_id, data).id
            return service.create_event(s, data).id
