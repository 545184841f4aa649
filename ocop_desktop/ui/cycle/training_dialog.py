"""Add or edit a training class (lớp tập huấn)."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
from ocop_desktop.domain import geography
from ocop_desktop.domain.funding import FUNDING_LABELS
from ocop_desktop.domain.training_support import (
    AUDIENCE_LABELS,
    TOPIC_LABELS,
)
from ocop_desktop.i18n import _
from ocop_desktop.services import office as office_service
from ocop_desktop.services import producers as producer_service
from ocop_desktop.services import training as training_service
from ocop_desktop.ui.cycle.producer_picker import ProducerPicker
from ocop_desktop.ui.dialogs.fields import AmountEdit, DateEdit
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo
from ocop_desktop.ui.screen_fit import resize_within_screen


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(6)
    return form


def line(max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def combo(labels: dict, *, blank: str | None = None) -> QComboBox:
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for code, text in labels.items():
        box.addItem(_(text), code.value)
    return box


def notes_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
    return edit


def count_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 100_000)
    spin.setGroupSeparatorShown(True)
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("000.000") + 40)
    return spin


class TrainingDialog(RecordDialog):
    """Create a class (``training_id`` None) or edit one; ``saved_id`` after a save."""

    def __init__(self, db: Database, training_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.training_id = training_id
        with db.read_session() as s:
            data = (training_service.get_training(s, training_id) if training_id
                    else training_service.TrainingData())
            office_communes = office_service.local_commune_codes(s)
            producers = producer_service.producer_choices(s)
        self.setWindowTitle(_("Edit training class") if training_id else _("New training class"))

        self.title_edit = line(255, _("e.g. Tập huấn thương mại điện tử cho chủ thể OCOP"))
        self.topic_combo = combo(TOPIC_LABELS)
        self.start_edit = DateEdit()
        self.end_edit = DateEdit()
        self.place_edit = line(255, _("e.g. Hội trường UBND xã Đức Long"))
        self.commune_combo = SearchCombo(placeholder=_("Type to search the office's communes"))
        self.commune_combo.add_blank()
        codes = list(office_communes)
        if data.commune_code is not None and data.commune_code not in codes:
            codes.append(data.commune_code)
        for code in sorted(codes, key=geography.commune_name):
            self.commune_combo.add_choice(geography.commune_name(code) or str(code), code)
        self.audience_combo = combo(AUDIENCE_LABELS)
        self.organiser_edit = line(255, _("e.g. Sở Công Thương Cao Bằng"))
        self.cost_edit = AmountEdit()
        self.funding_combo = combo(FUNDING_LABELS, blank="")
        self.learners_spin = count_spin()
        self.women_spin = count_spin()
        self.minority_spin = count_spin()
        self.picker = ProducerPicker(producers)
        self.notes = notes_edit()

        cls = QGroupBox(_("Class"))
        form = form_layout()
        form.addRow(form_label(_("Class title"), required=True), self.add_field("title", self.title_edit, counter=True))
        form.addRow(form_label(_("Topic"), required=True), self.add_field("topic", self.topic_combo))
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_field("start_date", self.start_edit))
        row.addWidget(form_label(_("to")))
        row.addWidget(self.add_field("end_date", self.end_edit), 1)
        form.addRow(form_label(_("Dates"), required=True), dates)
        form.addRow(form_label(_("Place")), self.add_field("place", self.place_edit))
        form.addRow(form_label(_("Commune")), self.add_field("commune_code", self.commune_combo))
        form.addRow(form_label(_("Audience"), required=True), self.add_field("audience", self.audience_combo))
        form.addRow(form_label(_("Organiser")), self.add_field("organiser", self.organiser_edit))
        form.addRow(form_label(_("Cost")), self.add_field("cost", self.cost_edit,
                                                          hint=_("Whole đồng, e.g. 45.000.000.")))
        form.addRow(form_label(_("Funding source")), self.add_field("funding", self.funding_combo))
        cls.setLayout(form)

        people = QGroupBox(_("Learners"))
        pform = form_layout()
        pform.addRow(form_label(_("Learners")), self.add_field("learners", self.learners_spin))
        pform.addRow(form_label(_("Of which women")), self.add_field("learners_women", self.women_spin))
        pform.addRow(form_label(_("Of which ethnic minority")),
                     self.add_field("learners_minority", self.minority_spin))
        people.setLayout(pform)
        align_labels(form, pform)

        attended = QGroupBox(_("Producers whose people attended"))
        alay = QVBoxLayout(attended)
        alay.addWidget(self.add_field("producer_ids", self.picker), 1)
        notes = QGroupBox(_("Notes"))
        QVBoxLayout(notes).addWidget(self.add_field("notes", self.notes))

        left = QVBoxLayout()
        left.addWidget(cls)
        left.addWidget(notes)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(people)
        right.addWidget(attended, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(6)
        columns.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.footer())
        resize_within_screen(self, 1100, 640)
        self._load(data)
        self.finish_loading(show_all=bool(training_id))

    def _load(self, d: training_service.TrainingData) -> None:
        self.title_edit.setText(d.title)
        self.topic_combo.setCurrentIndex(max(0, self.topic_combo.findData(d.topic)))
        self.start_edit.set_date(d.start_date)
        self.end_edit.set_date(d.end_date)
        self.place_edit.setText(d.place)
        self.commune_combo.set_value(d.commune_code)
        self.audience_combo.setCurrentIndex(max(0, self.audience_combo.findData(d.audience)))
        self.organiser_edit.setText(d.organiser)
        self.cost_edit.set_amount(d.cost if isinstance(d.cost, int) else None)
        self.funding_combo.setCurrentIndex(max(0, self.funding_combo.findData(d.funding)))
        self.learners_spin.setValue(d.learners)
        self.women_spin.setValue(d.learners_women)
        self.minority_spin.setValue(d.learners_minority)
        self.picker.set_producer_ids(d.producer_ids)
        self.notes.setPlainText(d.notes)

    def collect(self) -> tuple[training_service.TrainingData, dict[str, str]]:
        self.commune_combo.commit_text()
        form_errors: dict[str, str] = {}
        for key, edit, name in (("start_date", self.start_edit, _("Start date")),
                                ("end_date", self.end_edit, _("End date"))):
            if not edit.is_valid():
                form_errors[key] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                    field=name, text=edit.text())
        data = training_service.TrainingData(
            title=self.title_edit.text(), topic=self.topic_combo.currentData(),
            start_date=self.start_edit.date(), end_date=self.end_edit.date(), place=self.place_edit.text(),
            commune_code=self.commune_combo.value(), audience=self.audience_combo.currentData(),
            learners=self.learners_spin.value(), learners_women=self.women_spin.value(),
            learners_minority=self.minority_spin.value(), producer_ids=self.picker.producer_ids(),
            organiser=self.organiser_edit.text(), cost=self.cost_edit.text(),
            funding=self.funding_combo.currentData(), notes=self.notes.toPlainText(),
        )
        return data, form_errors

    def check(self, data: training_service.TrainingData) -> dict[str, str]:
        return self.run_check(training_service.check, data)

    def write(self, data: training_service.TrainingData) -> str | None:
        with self.db.session() as s:
            if self.training_id:
                return training_service.update_training(s, self.training_id, data).id
            return training_service.create_training(s, data).id
