"""The commune's report on a product's dossier (Mẫu số 03, Decision 26/2026 Điều 6.2b).

Four contents the commune assesses, each a verdict and a written assessment: local raw
materials, local labour, the origin of the product idea, local identity; then the
producer's legal representative's sex and ethnicity (the producer's by default), the date
and who signs. One report per product, year and round: opening it again edits it.
"""

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
from ocop_desktop.domain import ethnic_groups, geography
from ocop_desktop.domain.evaluations import IDEA_ORIGIN_LABELS, VERDICT_LABELS
from ocop_desktop.domain.roles import REFUSALS, Action, allowed
from ocop_desktop.domain.vocab import SEX_LABELS, Sex, label
from ocop_desktop.i18n import N_, _
from ocop_desktop.services import commune_assessments
from ocop_desktop.services.products import get_product
from ocop_desktop.ui.dialogs.fields import DateEdit
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo
from ocop_desktop.ui.screen_fit import ElidedLabel

#: (field prefix, title, help) of the four contents, in the order of Mẫu 03 part II.
CONTENTS = (
    ("raw_material", N_("1. Local raw materials"),
     N_("Does the product use raw materials from the locality? Say which, and roughly what share.")),
    ("labour", N_("2. Local labour"),
     N_("Does the producer employ people of the commune? Say how many.")),
    ("idea_origin", N_("3. Origin of the product idea"),
     N_("Is it a traditional product of the locality or a new product? Say where the idea comes from.")),
    ("local_identity", N_("4. Local identity"),
     N_("Does the product carry the intelligence and identity of the locality? Say how.")),
)


class CommuneAssessmentDialog(RecordDialog):
    def __init__(self, db: Database, product_id: str, year: int, round_no: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.product_id = product_id
        with db.read_session() as s:
            self.data = commune_assessments.get_commune_assessment(s, product_id, year, round_no)
            product = get_product(s, product_id)
        self.setWindowTitle(_("Commune report (form 03)"))
        commune = geography.commune_name(self.data.commune_code) if self.data.commune_code else ""
        # The product's name may be 300 characters long: one elided line (full name in its tooltip).
        name = ElidedLabel(product.name)
        bold = name.font()
        bold.setBold(True)
        name.setFont(bold)
        heading = QWidget()
        heading_lay = QVBoxLayout(heading)
        heading_lay.setContentsMargins(0, 0, 0, 0)
        heading_lay.setSpacing(0)
        heading_lay.addWidget(name)
        heading_lay.addWidget(ElidedLabel(_("Round {round}/{year}").format(round=round_no, year=year)
                                          + (f" · {commune}" if commune else "")))

        contents = QGroupBox(_("II. What the commune assessed"))
        form = QFormLayout(contents)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.verdicts: dict[str, QComboBox] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        for prefix, title, help_text in CONTENTS:
            combo = QComboBox()
            combo.addItem("—", None)
            labels = IDEA_ORIGIN_LABELS if prefix == "idea_origin" else VERDICT_LABELS
            for code, text in labels.items():
                combo.addItem(_(text), code.value)
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(_(help_text))
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
            self.verdicts[prefix], self.texts[prefix] = combo, edit
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            row = QWidget()
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            h.addWidget(self.add_field(f"{prefix}_verdict", combo), 0, Qt.AlignmentFlag.AlignTop)
            h.addWidget(self.add_field(f"{prefix}_text", edit), 1)
            form.addRow(form_label(_(title)), row)

        self.sex_combo = QComboBox()
        self.sex_combo.addItem("—", None)
        for sex in Sex:
            self.sex_combo.addItem(label(SEX_LABELS, sex), sex.value)
        self.ethnicity_combo = SearchCombo(placeholder=_("Type to search, e.g. Tày"), min_chars=16)
        self.ethnicity_combo.add_blank()
        for code, name in ethnic_groups.ETHNIC_GROUPS:
            self.ethnicity_combo.add_choice(name, code)
        self.date_edit = DateEdit()
        self.signer_edit = QLineEdit()
        self.signer_edit.setMaxLength(255)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(128)
        self.title_edit.setPlaceholderText(_("e.g. Chủ tịch UBND xã"))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 12)

        rep = QGroupBox(_("I. The producer's legal representative"))
        rep_row = QHBoxLayout(rep)
        rep_row.addWidget(form_label(_("Sex")), 0, Qt.AlignmentFlag.AlignTop)
        rep_row.addWidget(self.add_field(
            "rep_sex", self.sex_combo, hint=_("From the producer's record; change it here if it is wrong.")), 1)
        rep_row.addSpacing(16)
        rep_row.addWidget(form_label(_("Ethnicity")), 0, Qt.AlignmentFlag.AlignTop)
        rep_row.addWidget(self.add_field("rep_ethnicity", self.ethnicity_combo), 1)
        signed = QGroupBox(_("Report"))
        signed_form = QFormLayout(signed)
        signed_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        signed_form.addRow(form_label(_("Date")), self.add_field("assessed_on", self.date_edit))
        signed_form.addRow(form_label(_("Signed by")), self.add_field("signer_name", self.signer_edit))
        signed_form.addRow(form_label(_("Title")), self.add_field("signer_title", self.title_edit))
        signed_form.addRow(form_label(_("Notes")), self.add_field("notes", self.notes_edit))
        align_labels(form, signed_form)

        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(rep)
        lay.addWidget(contents)
        lay.addWidget(signed)
        lay.addWidget(self.footer())
        self.setMinimumWidth(980)
        self._load(self.data)
        self.finish_loading(show_all=self.data.id is not None)
        if not allowed(db.office_role, Action.COMMUNE_REPORT):  # the service refuses it too
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(_(REFUSALS[Action.COMMUNE_REPORT]))

    def _load(self, d: commune_assessments.CommuneAssessmentData) -> None:
        for prefix, combo in self.verdicts.items():
            combo.setCurrentIndex(max(0, combo.findData(getattr(d, f"{prefix}_verdict"))))
            self.texts[prefix].setPlainText(getattr(d, f"{prefix}_text"))
        self.sex_combo.setCurrentIndex(max(0, self.sex_combo.findData(d.rep_sex)))
        self.ethnicity_combo.set_value(d.rep_ethnicity)
        self.date_edit.set_date(d.assessed_on)
        self.signer_edit.setText(d.signer_name)
        self.title_edit.setText(d.signer_title)
        self.notes_edit.setPlainText(d.notes)

    def collect(self) -> tuple[commune_assessments.CommuneAssessmentData, dict[str, str]]:
        self.ethnicity_combo.commit_text()
        form_errors: dict[str, str] = {}
        if not self.date_edit.is_valid():
            form_errors["assessed_on"] = _("Report date: “{text}” is not a date; write it as dd/mm/yyyy, "
                                           "e.g. 25/03/2024.").format(text=self.date_edit.text())
        d = self.data
        values = {f"{p}_verdict": c.currentData() for p, c in self.verdicts.items()}
        values.update({f"{p}_text": e.toPlainText() for p, e in self.texts.items()})
        data = commune_assessments.CommuneAssessmentData(
            product_id=self.product_id, year=d.year, round=d.round, commune_code=d.commune_code,
            rep_sex=self.sex_combo.currentData(), rep_ethnicity=self.ethnicity_combo.value(),
            assessed_on=self.date_edit.date(), signer_name=self.signer_edit.text(),
            signer_title=self.title_edit.text(), notes=self.notes_edit.toPlainText(), **values)
        return data, form_errors

    def check(self, data: commune_assessments.CommuneAssessmentData) -> dict[str, str]:
        return self.run_check(commune_assessments.check_commune_assessment, data)

    def write(self, data: commune_assessments.CommuneAssessmentData) -> str | None:
        with self.db.session() as s:
            return commune_assessments.save_commune_assessment(s, data).id
