"""Add or edit an OCOP point of sale or showroom: where it is, who runs it, when it opened (and
closed), the products it carries. Validation is the service's (``sale_points.check``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.db import Database
from ocop_desktop.domain import geography
from ocop_desktop.domain.trade_promotion import SALE_POINT_KIND_LABELS, SalePointKind
from ocop_desktop.domain.vocab import label
from ocop_desktop.i18n import _
from ocop_desktop.services import office as office_service
from ocop_desktop.services import sale_points as service
from ocop_desktop.services.sale_points import SALE_POINT_TEXT_FIELDS, SalePointData
from ocop_desktop.ui.cycle.products_picker import ProductsPicker
from ocop_desktop.ui.dialogs.fields import DateEdit
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo
from ocop_desktop.ui.screen_fit import resize_within_screen


def _line(key: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(SALE_POINT_TEXT_FIELDS[key][1] or 32767)
    edit.setPlaceholderText(placeholder)
    return edit


class SalePointDialog(RecordDialog):
    """Create a point of sale (``point_id`` None) or edit one; ``saved_id`` after an Accepted ``exec()``."""

    def __init__(self, db: Database, point_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.point_id = point_id
        with db.read_session() as s:
            data = service.get_point(s, point_id) if point_id else SalePointData()
            choices = service.product_choices(s)
            labels = service.product_labels(s, data.product_ids)
            communes = office_service.local_commune_codes(s)
        self._labels = labels
        self.setWindowTitle(_("Edit point of sale") if point_id else _("New point of sale"))
        self._build(choices, communes)
        self._load(data)
        self.finish_loading(show_all=point_id is not None)
        resize_within_screen(self, 1100, 620)

    def _build(self, choices: list[tuple[str, str]], communes: list[int]) -> None:
        self.name_edit = _line("name", _("e.g. Điểm giới thiệu và bán sản phẩm OCOP Trùng Khánh"))
        self.kind_combo = QComboBox()
        for kind in SalePointKind:
            self.kind_combo.addItem(label(SALE_POINT_KIND_LABELS, kind), kind.value)
        self.commune_combo = SearchCombo(placeholder=_("Type to search communes"))
        self.commune_combo.add_blank()
        for code in sorted(communes, key=geography.commune_name):
            self._add_commune(code)
        self.address_edit = _line("address_detail", _("Village / street, house number"))
        self.operator_edit = _line("operator", _("e.g. HTX Dịch vụ nông nghiệp Trùng Khánh"))
        self.phone_edit = _line("phone", _("e.g. 0206 3826 123"))
        self.opening_edit = DateEdit()
        self.closing_edit = DateEdit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 3 + 14)
        box = QGroupBox(_("Point of sale"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow(form_label(_("Name"), required=True), self.add_field("name", self.name_edit, counter=True))
        form.addRow(form_label(_("Kind"), required=True), self.add_field("kind", self.kind_combo))
        form.addRow(form_label(_("Commune / ward"), required=True), self.add_field("commune_code", self.commune_combo))
        form.addRow(form_label(_("Address")), self.add_field("address_detail", self.address_edit))
        form.addRow(form_label(_("Operator")), self.add_field("operator", self.operator_edit))
        form.addRow(form_label(_("Phone")), self.add_field("phone", self.phone_edit))
        form.addRow(form_label(_("Opening date")), self.add_field("opening_date", self.opening_edit))
        form.addRow(form_label(_("Closing date")), self.add_field(
            "closing_date", self.closing_edit, hint=_("Empty while it is open.")))
        form.addRow(form_label(_("Notes")), self.add_field("notes", self.notes_edit))
        box.setLayout(form)
        align_labels(form)
        self.picker = ProductsPicker(choices)
        products = QGroupBox(_("Products it carries"))
        col = QVBoxLayout(products)
        col.addWidget(self.add_field("product_ids", self.picker), 1)
        columns = QHBoxLayout()
        columns.addWidget(box, 5)
        columns.addWidget(products, 4)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.footer())

    def _add_commune(self, code: int) -> None:
        self.commune_combo.add_choice(geography.commune_name(code) or str(code), code, search=f"{code:05d}")

    def _load(self, d: SalePointData) -> None:
        self.name_edit.setText(d.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(d.kind)))
        if d.commune_code is not None and not self.commune_combo.has_value(d.commune_code):
            self._add_commune(d.commune_code)
        self.commune_combo.set_value(d.commune_code)
        self.address_edit.setText(d.address_detail)
        self.operator_edit.setText(d.operator)
        self.phone_edit.setText(d.phone)
        self.opening_edit.set_date(d.opening_date)
        self.closing_edit.set_date(d.closing_date)
        self.notes_edit.setPlainText(d.notes)
        self.picker.set_products(d.product_ids, self._labels)

    def collect(self) -> tuple[SalePointData, dict[str, str]]:
        self.commune_combo.commit_text()
        data = SalePointData(
            name=self.name_edit.text(), kind=self.kind_combo.currentData(), commune_code=self.commune_combo.value(),
            address_detail=self.address_edit.text(), operator=self.operator_edit.text(), phone=self.phone_edit.text(),
            opening_date=self.opening_edit.date(), closing_date=self.closing_edit.date(),
            notes=self.notes_edit.toPlainText(), product_ids=self.picker.product_ids())
        errors = {}
        for key, edit, text in (("opening_date", self.opening_edit, _("Opening date")),
                                ("closing_date", self.closing_edit, _("Closing date"))):
            if not edit.is_valid():
                errors[key] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                    field=text, text=edit.text())
        return data, errors

    def check(self, data: SalePointData) -> dict[str, str]:
        return self.run_check(service.check, data, point_id=self.point_id)

    def write(self, data: SalePointData) -> str | None:
        with self.db.session() as s:
            if self.point_id:
                return service.update_point(s, self.point_id, data).id
            return service.create_point(s, data).id
