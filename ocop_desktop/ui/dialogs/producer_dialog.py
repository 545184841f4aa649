"""Add or edit a producer (chủ thể OCOP)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.db import Database
from ocop_desktop.domain import ethnic_groups, geography
from ocop_desktop.domain.identifiers import IdentifierError, IdentifierKind, parse_identifier
from ocop_desktop.domain.vocab import (
    PRODUCER_KIND_LABELS,
    REGISTERED_ENTITY_KINDS,
    SEX_LABELS,
    ProducerKind,
    Sex,
    label,
)
from ocop_desktop.i18n import N_, _, format_date, format_number
from ocop_desktop.services import office as office_service
from ocop_desktop.services import producers as producer_service
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.dialogs.fields import DateEdit
from ocop_desktop.ui.dialogs.history_views import (
    ProducerHistoryView,
    ProducerProductsView,
    record_tabs,
)
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo

_IDENTIFIER_HINTS = {
    IdentifierKind.TAX_CODE: N_("Recognised: 10-digit tax code."),
    IdentifierKind.BRANCH_CODE: N_("Recognised: 13-digit branch code."),
    IdentifierKind.PERSONAL_ID: N_("Recognised: 12-digit personal identification number."),
}


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
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


class ProducerDialog(RecordDialog):
    """Create a producer (``producer_id`` None) or edit one.

    ``exec()`` returns Accepted only when the record was saved; ``saved_id`` is its id.
    """

    def __init__(self, db: Database, producer_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.producer_id = producer_id
        #: Ids of the products added or edited from the "Products" tab (the lists refresh after).
        self.products_added: list[str] = []
        with db.read_session() as s:
            data = (producer_service.get_producer(s, producer_id) if producer_id
                    else producer_service.ProducerData())
            office_communes = office_service.local_commune_codes(s)
        self.setWindowTitle(_("Edit producer") if producer_id else _("New producer"))
        self._build(office_communes, data.commune_code)
        self._load(data)
        self.finish_loading(show_all=producer_id is not None)

    # -- layout ---------------------------------------------------------------------------
    def _build(self, office_communes: list[int], current_commune: int | None) -> None:
        # Producer and registration
        self.kind_combo = QComboBox()
        for kind in ProducerKind:
            self.kind_combo.addItem(label(PRODUCER_KIND_LABELS, kind), kind.value)
        self.name_edit = _line(255, _("e.g. Hợp tác xã Miến dong Phia Đén"))
        self.share_edit = _line(8, _("0–100"))
        self.identifier_edit = _line(20, "0101234567")
        self.reg_number_edit = _line(64)
        self.reg_date_edit = DateEdit()
        self.value_chain_check = QCheckBox(_("Has built a value chain"))
        self.value_chain_check.setToolTip(_("A stable raw-material area, circular or green production (QĐ 919/QĐ-TTg: "
                                            "30% of OCOP producers)."))

        general = QGroupBox(_("Producer"))
        form = _form()
        form.addRow(form_label(_("Type"), required=True), self.add_field("kind", self.kind_combo))
        form.addRow(form_label(_("Name"), required=True), self.add_field("name", self.name_edit, counter=True))
        self._share_box = self.add_field(
            "local_capital_share", self.share_edit,
            hint=_("Share of the capital held by the local community, in percent (criterion 3.1)."))
        form.addRow(form_label(_("Local community capital share (%)")), self._share_box)
        self._identifier_label = form_label(_("Tax code / ID"), required=True)
        form.addRow(self._identifier_label, self.add_field("identifier", self.identifier_edit))
        form.addRow(form_label(_("Business registration no.")), self.add_field("reg_number", self.reg_number_edit))
        form.addRow(form_label(_("Registration date")), self.add_field("reg_date", self.reg_date_edit))
        form.addRow("", self.add_field("value_chain", self.value_chain_check))
        general.setLayout(form)
        self._general_form = form

        # Legal representative
        self.rep_name_edit = _line(255)
        self.rep_title_edit = _line(128, _("e.g. Director"))
        self.rep_sex_combo = QComboBox()
        self.rep_sex_combo.addItem("—", None)
        for sex in Sex:
            self.rep_sex_combo.addItem(label(SEX_LABELS, sex), sex.value)
        self.ethnicity_combo = SearchCombo(placeholder=_("Type to search, e.g. Tày"), min_chars=16)
        self.ethnicity_combo.add_blank()
        for code, name in ethnic_groups.ETHNIC_GROUPS:
            self.ethnicity_combo.add_choice(name, code)
        self.disability_check = QCheckBox(_("The representative has a disability"))

        rep = QGroupBox(_("Legal representative"))
        form = _form()
        form.addRow(form_label(_("Full name")), self.add_field("rep_name", self.rep_name_edit))
        form.addRow(form_label(_("Position")), self.add_field("rep_title", self.rep_title_edit))
        sex_row = QWidget()
        row = QHBoxLayout(sex_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_field("rep_sex", self.rep_sex_combo))
        row.addSpacing(12)
        row.addWidget(form_label(_("Ethnicity")))
        row.addWidget(self.add_field("rep_ethnicity", self.ethnicity_combo), 1)
        form.addRow(form_label(_("Sex")), sex_row)
        self._disability_box = self.add_field("rep_disability", self.disability_check, hint=" ")
        form.addRow("", self._disability_box)
        rep.setLayout(form)
        align_labels(self._general_form, form)

        # Address
        self.commune_combo = SearchCombo(placeholder=_("Type to search the office's communes"))
        self.commune_combo.add_blank()
        codes = list(office_communes)
        if current_commune is not None and current_commune not in codes:
            codes.append(current_commune)  # a record from a commune the office no longer covers
        for code in sorted(codes, key=lambda c: geography.commune_name(c)):
            self.commune_combo.add_choice(geography.commune_name(code) or str(code), code, search=f"{code:05d}")
        self.address_edit = _line(255, _("Village, hamlet, street, house number"))
        self.legacy_edit = _line(500, _("e.g. Xóm Phia Đén, xã Phan Thanh, huyện Nguyên Bình"))

        address = QGroupBox(_("Address"))
        form = _form()
        form.addRow(form_label(_("Commune / ward"), required=True), self.add_field("commune_code", self.commune_combo))
        form.addRow(form_label(_("Village / street")), self.add_field("address_detail", self.address_edit))
        form.addRow(form_label(_("Address before 7/2025")), self.add_field(
            "legacy_address", self.legacy_edit, counter=True,
            hint=_("For records made before the 2025 reform of provinces and communes.")))
        address.setLayout(form)
        address_form = form

        # Contact, food safety, notes
        self.phone_edit = _line(32, "0912 345 678")
        self.email_edit = _line(255, "htx.phiaden@gmail.com")
        self.food_no_edit = _line(64)
        self.food_expiry_edit = DateEdit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 3 + 14)

        contact = QGroupBox(_("Contact and food safety"))
        form = _form()
        form.addRow(form_label(_("Phone")), self.add_field("phone", self.phone_edit))
        form.addRow(form_label(_("Email")), self.add_field("email", self.email_edit))
        form.addRow(form_label(_("Food-safety certificate no.")),
                    self.add_field("food_safety_cert_no", self.food_no_edit))
        form.addRow(form_label(_("Certificate valid until")),
                    self.add_field("food_safety_cert_expiry", self.food_expiry_edit))
        contact.setLayout(form)
        align_labels(address_form, form)

        notes = QGroupBox(_("Notes"))
        col = QVBoxLayout(notes)
        col.addWidget(self.add_field("notes", self.notes_edit))

        left = QVBoxLayout()
        left.addWidget(general)
        left.addWidget(rep)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(address)
        right.addWidget(contact)
        right.addWidget(notes)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(6)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        #: The "Products" tab of a saved record (loaded when first shown); None for a new one.
        self.products_view: ProducerProductsView | None = None
        #: The "History" tab: the producer's ideas, trade events, training, support and its products' histories.
        self.history_view: ProducerHistoryView | None = None
        self.tabs: QTabWidget | None = None
        if self.producer_id:
            self.products_view = ProducerProductsView(self.db, self.producer_id)
            self.products_view.product_saved.connect(self.products_added.append)
            self.history_view = ProducerHistoryView(self.db, self.producer_id)
            self.tabs = record_tabs(columns, [(self.products_view, _("Products")), (self.history_view, _("History"))])
            outer.addWidget(self.tabs, 1)
        else:
            outer.addLayout(columns, 1)
        outer.addWidget(self.footer())
        self.setMinimumWidth(1040)

    # -- data <-> form -------------------------------------------------------------------
    def _load(self, d: producer_service.ProducerData) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(d.kind)))
        self.name_edit.setText(d.name)
        self.share_edit.setText(format_number(d.local_capital_share) if d.local_capital_share is not None else "")
        self.identifier_edit.setText(d.identifier or "")
        self.reg_number_edit.setText(d.reg_number)
        self.reg_date_edit.set_date(d.reg_date)
        self.rep_name_edit.setText(d.rep_name)
        self.rep_title_edit.setText(d.rep_title)
        self.rep_sex_combo.setCurrentIndex(max(0, self.rep_sex_combo.findData(d.rep_sex)))
        self.ethnicity_combo.set_value(d.rep_ethnicity)
        self.disability_check.setChecked(bool(d.rep_disability))
        self.value_chain_check.setChecked(bool(d.value_chain))
        self.commune_combo.set_value(d.commune_code)
        self.address_edit.setText(d.address_detail)
        self.legacy_edit.setText(d.legacy_address)
        self.phone_edit.setText(d.phone)
        self.email_edit.setText(d.email)
        self.food_no_edit.setText(d.food_safety_cert_no)
        self.food_expiry_edit.set_date(d.food_safety_cert_expiry)
        self.notes_edit.setPlainText(d.notes)
        for key in ("kind", "identifier", "rep_disability", "food_safety_cert_expiry"):
            self.on_edited(key)

    def collect(self) -> tuple[producer_service.ProducerData, dict[str, str]]:
        form_errors: dict[str, str] = {}
        for combo in (self.ethnicity_combo, self.commune_combo):
            combo.commit_text()
        kind = self.kind_combo.currentData()
        share: Decimal | None = None
        share_text = self.share_edit.text().strip().replace(",", ".").removesuffix("%").strip()
        if kind == ProducerKind.CONG_TY_CP and share_text:
            try:
                share = Decimal(share_text)
                if not share.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                form_errors["local_capital_share"] = _("Local community capital share: a percentage from 0 to 100.")
                share = None
        for key, edit, field in (("reg_date", self.reg_date_edit, _("Registration date")),
                                 ("food_safety_cert_expiry", self.food_expiry_edit,
                                  _("Food-safety certificate expiry"))):
            if not edit.is_valid():
                form_errors[key] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                    field=field, text=edit.text())
        data = producer_service.ProducerData(
            kind=kind,
            name=self.name_edit.text(),
            local_capital_share=share,
            identifier=self.identifier_edit.text(),
            reg_number=self.reg_number_edit.text(),
            reg_date=self.reg_date_edit.date(),
            rep_name=self.rep_name_edit.text(),
            rep_title=self.rep_title_edit.text(),
            rep_sex=self.rep_sex_combo.currentData(),
            rep_ethnicity=self.ethnicity_combo.value(),
            rep_disability=self.disability_check.isChecked(),
            value_chain=self.value_chain_check.isChecked(),
            commune_code=self.commune_combo.value(),
            address_detail=self.address_edit.text(),
            legacy_address=self.legacy_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            food_safety_cert_no=self.food_no_edit.text(),
            food_safety_cert_expiry=self.food_expiry_edit.date(),
            notes=self.notes_edit.toPlainText(),
        )
        return data, form_errors

    # -- reactions ------------------------------------------------------------------------
    def on_edited(self, key: str) -> None:
        if key == "kind":
            kind = self.kind_combo.currentData()
            self._general_form.setRowVisible(self._share_box, kind == ProducerKind.CONG_TY_CP)
            self._identifier_label.setText(_("Tax code / ID") + (" *" if kind in REGISTERED_ENTITY_KINDS else ""))
        elif key == "identifier":
            self._update_identifier_hint()
        elif key in ("rep_sex", "rep_ethnicity", "rep_disability"):
            self._update_point_note()
        elif key == "food_safety_cert_expiry":
            self._update_expiry_warning()

    def _update_identifier_hint(self) -> None:
        text = self.identifier_edit.text().strip()
        hint = _("10-digit tax code, 13-digit branch code (0101234567-001) or 12-digit personal ID.")
        if text:
            try:
                hint = _(_IDENTIFIER_HINTS[parse_identifier(text).kind])
            except IdentifierError:
                hint = ""
        self.boxes["identifier"].set_hint(hint)

    def _update_point_note(self) -> None:
        earns = (self.rep_sex_combo.currentData() == Sex.FEMALE
                 or ethnic_groups.is_minority(self.ethnicity_combo.value())
                 or self.disability_check.isChecked())
        if earns:
            note = _("✓ This representative earns the point of criterion 3.2 (female, ethnic minority or disability).")
        else:
            note = _("A representative who is female, from an ethnic minority or has a disability "
                     "earns a point on criterion 3.2.")
        self._disability_box.set_hint(note)

    def _update_expiry_warning(self) -> None:
        expiry = self.food_expiry_edit.date()
        warning = ""
        if expiry is not None and expiry < dt.date.today():
            warning = _("This certificate expired on {date}. A food product's dossier is rejected "
                        "without a valid food-safety certificate.").format(date=format_date(expiry))
        self.boxes["food_safety_cert_expiry"].set_warning(warning)

    # -- validation and saving -------------------------------------------------------------
    def check(self, data: producer_service.ProducerData) -> dict[str, str]:
        errors, look_alikes = self.run_check(producer_service.check, data, exclude_id=self.producer_id)
        warning = ""
        if look_alikes and "name" not in errors:
            names = ", ".join(f"{m.name} ({m.commune_name})" for m in look_alikes[:3])
            warning = _("A producer with this name already exists in this commune: {names}.").format(names=names)
        self.boxes["name"].set_warning(warning)
        return errors

    def write(self, data: producer_service.ProducerData) -> str | None:
        confirmed = False
        while True:
            try:
                with self.db.session() as s:
                    if self.producer_id:
                        record = producer_service.update_producer(s, self.producer_id, data)
                    else:
                        record = producer_service.create_producer(s, data, confirmed_duplicate=confirmed)
                    return record.id
            except producer_service.PossibleDuplicate as exc:
                if confirmed or not messages.ask(
                    self, _("Possible duplicate"), exc.message,
                    details=_("Is this really a different producer? Save it as a separate record?"),
                    yes=_("Save anyway"), no=_("Go back"),
                ):
                    return None
                confirmed = True

    def focus_target(self, key: str, full_key: str) -> QWidget:
        return self.boxes[key].mark_targets()[0]
