"""Add or edit a product (sản phẩm OCOP)."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.db import Database
from ocop_desktop.domain import geography, product_sets
from ocop_desktop.domain.vocab import PRODUCT_STATUS_LABELS, ProductStatus, label
from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _
from ocop_desktop.services import office as office_service
from ocop_desktop.services import producers as producer_service
from ocop_desktop.services import products as product_service
from ocop_desktop.ui.dialogs.certifications_editor import CertificationsEditor
from ocop_desktop.ui.dialogs.fields import MarkFrame
from ocop_desktop.ui.dialogs.history_views import ProductHistoryView, record_tabs
from ocop_desktop.ui.dialogs.photos_widget import PhotosWidget
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo

#: Statuses whose products hold a star rank (certified, or certified before).


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(6)
    return form


def _stars_text(n: int) -> str:
    return "★" * n + "  (" + str(n) + ")"


def fill_product_sets(combo: SearchCombo) -> None:
    """A blank, then the 26 product sets under their group and nhóm headers (searchable by path)."""
    combo.add_blank()
    for group_code, sets in groupby(product_sets.PRODUCT_SETS, key=lambda s: s.group):
        group = product_sets.GROUPS[group_code]
        combo.add_header(f"{group.code}. {group.name}")
        for _nhom_no, members in groupby(sets, key=lambda s: s.nhom_no):
            members = list(members)
            first = members[0]
            single = len(members) == 1 and not first.phan_nhom
            if not single:
                combo.add_header(f"{first.group}.{first.nhom_no} {first.nhom}", indent=1, bold=False)
            for ps in members:
                combo.add_choice(ps.label(), ps.number, indent=1 if single else 2,
                                 search=f"{ps.path_label()} {ps.sheet_group_alias}")


class _CodeRow(QWidget):
    """Serial and year spin boxes with the live product code beside them.

    Signals:
        changed: the serial changed (the year is watched on its own).
    """

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.serial_spin = QSpinBox()
        self.serial_spin.setRange(1, 99999)
        self.serial_spin.setToolTip(_("Serial number (STT) in the commune's register of OCOP products"))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2018, dt.date.today().year + 1)
        self.year_spin.setToolTip(_("Year of the evaluation"))
        self.code_label = QLabel("—")
        font = QFont(self.code_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("No.")))
        layout.addWidget(MarkFrame(self.serial_spin))
        layout.addSpacing(8)
        layout.addWidget(QLabel(_("Year")))
        layout.addWidget(self.year_spin)
        layout.addSpacing(12)
        layout.addWidget(QLabel("→"))
        layout.addWidget(self.code_label, 1)
        self.serial_spin.valueChanged.connect(self.changed)

    def mark_target(self) -> QWidget:
        return self.serial_spin


class ProductDialog(RecordDialog):
    """Create a product (``product_id`` None; ``producer_id`` preselects its producer) or edit one.

    ``exec()`` returns Accepted only when the record was saved; ``saved_id`` is its id.
    """

    def __init__(self, db: Database, product_id: str | None = None, parent: QWidget | None = None,
                 producer_id: str | None = None) -> None:
        super().__init__(db, parent)
        self.product_id = product_id
        self._commune_chosen = False  # the officer picked the commune: a producer change keeps it
        self._serial_edited = False  # the officer typed a serial: keep it whatever the commune
        self._programmatic = False  # the dialog itself is changing a field
        with db.read_session() as s:
            if product_id:
                data = product_service.get_product(s, product_id)
                self._commune_chosen = True
            else:
                data = product_service.ProductData(producer_id=producer_id or "")
            choices = producer_service.producer_choices(s)
            office_communes = office_service.local_commune_codes(s)
        self._original_code = (data.commune_code, data.code_serial)
        self.setWindowTitle(_("Edit product") if product_id else _("New product"))
        self._build(choices, office_communes)
        self._load(data)
        self.finish_loading(show_all=product_id is not None)

    # -- layout ---------------------------------------------------------------------------
    def _build(self, producers: list[tuple[str, str]], office_communes: list[int]) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(255)
        self.name_edit.setPlaceholderText(_("e.g. Miến dong Phia Đén"))
        self.producer_combo = SearchCombo(placeholder=_("Type part of the producer's name"))
        self.producer_combo.set_choices((text, pid) for pid, text in producers)
        self.set_combo = SearchCombo(placeholder=_("Type to search, e.g. chè, mật ong, du lịch"), min_chars=36)
        self._fill_sets()
        self.commune_combo = SearchCombo(placeholder=_("Type to search communes"))
        self.commune_combo.add_blank()
        for code in sorted(office_communes, key=geography.commune_name):
            self._add_commune(code)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.description_edit.fontMetrics().lineSpacing() * 4 + 14)

        product = QGroupBox(_("Product"))
        form = _form()
        form.addRow(form_label(_("Name"), required=True), self.add_field("name", self.name_edit, counter=True))
        form.addRow(form_label(_("Producer"), required=True), self.add_field("producer_id", self.producer_combo))
        form.addRow(form_label(_("Product set"), required=True),
                    self.add_field("product_set", self.set_combo, hint=" "))
        form.addRow(form_label(_("Commune / ward")), self.add_field(
            "commune_code", self.commune_combo, hint=_("Where the product is made; the producer's commune by default.")))
        form.addRow(form_label(_("Description")), self.add_field("description", self.description_edit))
        product.setLayout(form)
        product_form = form

        self.status_combo = QComboBox()
        for status in ProductStatus:
            self.status_combo.addItem(label(PRODUCT_STATUS_LABELS, status), status.value)
        self.stars_combo = QComboBox()
        self.stars_combo.addItem("—", None)
        for n in (3, 4, 5):
            self.stars_combo.addItem(_stars_text(n), n)
        self.code_row = _CodeRow()
        status = QGroupBox(_("OCOP status and product code"))
        form = _form()
        form.addRow(form_label(_("Status"), required=True), self.add_field("status", self.status_combo))
        # The stars come from the certificate register (or a historical result): shown, not edited.
        self.stars_combo.setEnabled(False)
        self.stars_combo.setToolTip(_("From the certificate register: a recognition decision (Certificates) or a "
                                      "historical result (Evaluations) sets the stars."))
        form.addRow(form_label(_("Stars")), self.add_field(
            "stars", self.stars_combo, hint=_("From the recognition decisions and historical results.")))
        form.addRow(form_label(_("Product code")), self.add_field(
            "code_serial", self.code_row,
            hint=_("(T)-(X)-(STT)-year: province code, commune code, serial number in the commune, year.")))
        self.watch(self.code_row.year_spin, "code_year")
        status.setLayout(form)
        align_labels(product_form, form)

        self.certs_editor = CertificationsEditor()
        certs = QGroupBox(_("Quality certifications"))
        col = QVBoxLayout(certs)
        col.addWidget(self.add_field("certifications", self.certs_editor), 1)

        self.photos_widget = PhotosWidget(self.db)
        photos = QGroupBox(_("Photos"))
        col = QVBoxLayout(photos)
        col.addWidget(self.add_field("photos", self.photos_widget))

        left = QVBoxLayout()
        left.addWidget(product)
        left.addWidget(status)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(certs, 1)
        right.addWidget(photos)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addSpacing(6)
        columns.addLayout(right, 8)
        outer = QVBoxLayout(self)
        #: The "History" tab of a saved record (loaded when first shown); None for a new one.
        self.history_view: ProductHistoryView | None = None
        self.tabs: QTabWidget | None = None
        if self.product_id:
            self.history_view = ProductHistoryView(self.db, self.product_id)
            self.tabs = record_tabs(columns, [(self.history_view, _("History"))])
            outer.addWidget(self.tabs, 1)
        else:
            outer.addLayout(columns, 1)
        outer.addWidget(self.footer())
        self.setMinimumWidth(1240)

    def _fill_sets(self) -> None:
        fill_product_sets(self.set_combo)

    def _add_commune(self, code: int) -> None:
        self.commune_combo.add_choice(geography.commune_name(code) or str(code), code, search=f"{code:05d}")

    # -- data <-> form -------------------------------------------------------------------
    def _load(self, d: product_service.ProductData) -> None:
        self.name_edit.setText(d.name)
        if d.producer_id and not self.producer_combo.has_value(d.producer_id):
            self.producer_combo.add_choice(d.producer_id, d.producer_id)
        self.producer_combo.set_value(d.producer_id or None)
        self.set_combo.set_value(d.product_set if d.product_set else None)
        if d.commune_code is None and d.producer_id:
            d.commune_code = self._producer_commune(d.producer_id)
        self._set_commune(d.commune_code)
        self.description_edit.setPlainText(d.description)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(d.status)))
        if d.stars is not None and self.stars_combo.findData(d.stars) < 0:
            self.stars_combo.addItem(_stars_text(d.stars), d.stars)
        self.stars_combo.setCurrentIndex(max(0, self.stars_combo.findData(d.stars)))
        self.code_row.year_spin.setValue(d.code_year or dt.date.today().year)
        if d.code_serial:
            self.code_row.serial_spin.setValue(d.code_serial)
        else:
            self._suggest_serial()
        self.certs_editor.set_certifications(d.certifications)
        self.photos_widget.set_photos(d.photos)
        for key in ("product_set", "status", "certifications"):
            self.on_edited(key)

    def collect(self) -> tuple[product_service.ProductData, dict[str, str]]:
        for combo in (self.producer_combo, self.set_combo, self.commune_combo):
            combo.commit_text()
        status = self.status_combo.currentData()
        data = product_service.ProductData(
            name=self.name_edit.text(),
            producer_id=self.producer_combo.value() or "",
            product_set=self.set_combo.value() or 0,
            commune_code=self.commune_combo.value(),
            description=self.description_edit.toPlainText(),
            certifications=self.certs_editor.certifications(),
            status=status,
            stars=self.stars_combo.currentData(),  # as loaded: the service does not write it
            # A new product whose serial was not typed takes the next free one when saved.
            code_serial=(None if self.product_id is None and not self._serial_edited
                         else self.code_row.serial_spin.value()),
            code_year=self.code_row.year_spin.value(),
            photos=self.photos_widget.photos(),
        )
        return data, self.certs_editor.form_errors()

    # -- reactions ------------------------------------------------------------------------
    def on_edited(self, key: str) -> None:
        if key == "producer_id":
            producer_id = self.producer_combo.value()
            if producer_id and not self._commune_chosen:
                self._set_commune(self._producer_commune(producer_id))
                self._suggest_serial()
        elif key == "commune_code":
            if not self._programmatic:
                self._commune_chosen = self.commune_combo.value() is not None
            self._suggest_serial()
        elif key == "code_serial" and not self._programmatic:
            self._serial_edited = True
        elif key == "product_set":
            ps = product_sets.BY_NUMBER.get(self.set_combo.value() or 0)
            self.boxes["product_set"].set_hint(ps.path_label() if ps else "")
        elif key == "certifications":
            self.boxes["certifications"].set_warning("\n".join(self.certs_editor.expired()))
        self._update_code()

    def _producer_commune(self, producer_id: str) -> int | None:
        try:
            with self.db.read_session() as s:
                return producer_service.get_producer(s, producer_id).commune_code
        except KnownError:
            return None

    def _set_commune(self, code: int | None) -> None:
        if code is not None and not self.commune_combo.has_value(code):
            self._add_commune(code)
        self._programmatic = True
        try:
            self.commune_combo.set_value(code)
        finally:
            self._programmatic = False

    def _suggest_serial(self) -> None:
        """Next free serial in the chosen commune, unless the officer typed one."""
        commune = self.commune_combo.value()
        if commune is None or self._serial_edited:
            return
        original_commune, original_serial = self._original_code
        if self.product_id and commune == original_commune and original_serial:
            serial = original_serial
        else:
            with self.db.read_session() as s:
                serial = product_service.next_serial(s, commune)
        self._programmatic = True
        try:
            self.code_row.serial_spin.setValue(serial)
        finally:
            self._programmatic = False

    def _update_code(self) -> None:
        commune = geography.commune(self.commune_combo.value())
        self.code_row.serial_spin.setEnabled(commune is not None)  # no register without a commune
        if commune is None:
            self.code_row.code_label.setText("—")
            return
        self.code_row.code_label.setText(product_service.format_product_code(
            commune.province_code, commune.code, self.code_row.serial_spin.value(), self.code_row.year_spin.value()))

    def code_preview(self) -> str:
        return self.code_row.code_label.text()

    # -- validation and saving -------------------------------------------------------------
    def check(self, data: product_service.ProductData) -> dict[str, str]:
        errors = self.run_check(product_service.check, data)
        if "code_year" in errors:  # shown with the serial: both sit in the code row
            errors["code_serial"] = errors.pop("code_year")
        return errors

    def show_sub_errors(self, errors: dict[str, str]) -> None:
        rows = {}
        for key in errors:
            base, _sep, index = key.partition(".")
            if base == "certifications" and index.isdigit():
                rows[int(index)] = errors[key]
        self.certs_editor.set_errors(rows)

    def focus_target(self, key: str, full_key: str) -> QWidget:
        base, _sep, index = full_key.partition(".")
        if base == "certifications" and index.isdigit():
            self.certs_editor.focus_row(int(index))
            return self.focus_widget_or(self.certs_editor)
        return self.boxes[key].mark_targets()[0]

    def focus_widget_or(self, fallback: QWidget) -> QWidget:
        widget = self.focusWidget()
        return widget if widget is not None and fallback.isAncestorOf(widget) else fallback

    def write(self, data: product_service.ProductData) -> str | None:
        with self.db.session() as s:
            if self.product_id:
                record = product_service.update_product(s, self.product_id, data)
            else:
                record = product_service.create_product(s, data)
            return record.id
