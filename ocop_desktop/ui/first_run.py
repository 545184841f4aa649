"""First run: a two-page wizard that creates the local office.

Page 1 asks who the office is (name, field or provincial office, the officer's name);
page 2 where it works (province, communes). Messages come from
``services.office.validate_office`` and appear under the field they concern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.services.office import OfficeInfo, save_local_office, validate_office
from ocop_desktop.ui.errors import show_known_error
from ocop_desktop.ui.screen_fit import resize_within_screen
from ocop_desktop.ui.widgets.office_form import OfficeFields

if TYPE_CHECKING:
    from ocop_desktop.db import Database

PAGE1_FIELDS = ("name", "role", "officer_name")
PAGE2_FIELDS = ("province_code", "commune_codes")


def _with_error(widget: QWidget, error: QLabel, help_label: QLabel | None = None) -> QWidget:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(widget)
    if help_label is not None:
        lay.addWidget(help_label)
    lay.addWidget(error)
    return box


class _OfficePage(QWizardPage):
    def __init__(self, fields: OfficeFields) -> None:
        super().__init__()
        self.fields = fields
        self.setTitle(_("Welcome to OCOP Desktop"))
        self.setSubTitle(_("First, tell us about your office. You can change all of this later in Settings."))
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Office name:"), _with_error(fields.name, fields.errors["name"]))
        form.addRow(_("Your office is:"), _with_error(fields.role_box, fields.errors["role"]))
        form.addRow(_("Officer's name:"), _with_error(fields.officer, fields.errors["officer_name"]))

    def validatePage(self) -> bool:  # noqa: N802
        return self.fields.show_errors(validate_office(self.fields.data()), only=PAGE1_FIELDS)


class _AreaPage(QWizardPage):
    def __init__(self, fields: OfficeFields) -> None:
        super().__init__()
        self.fields = fields
        self.setTitle(_("Where your office works"))
        self.setSubTitle(_("Province and communes as they are since the 2025 reform (34 provinces)."))
        form = QFormLayout(self)
        form.addRow(_("Province:"), _with_error(fields.province, fields.errors["province_code"]))
        form.addRow(_("Communes:"), _with_error(fields.communes, fields.errors["commune_codes"],
                                                 fields.communes_help))

    def validatePage(self) -> bool:  # noqa: N802
        return self.fields.show_errors(validate_office(self.fields.data()), only=PAGE2_FIELDS)


class FirstRunWizard(QWizard):
    """Creates the local office; ``info`` holds it after ``exec()`` returned Accepted."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.info: OfficeInfo | None = None
        self.setWindowTitle(_("Set up OCOP Desktop"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.fields = OfficeFields(self)
        self.office_page = _OfficePage(self.fields)
        self.area_page = _AreaPage(self.fields)
        self.addPage(self.office_page)
        self.addPage(self.area_page)
        resize_within_screen(self, 760, 620)

    def accept(self) -> None:
        data = self.fields.data()
        try:
            # A single small row: saved on the GUI thread while the wizard is modal.
            with self.db.session() as s:
                info = save_local_office(s, data)
        except ValidationFailed as exc:
            self.fields.show_errors(exc.errors)
            if any(f in exc.errors for f in PAGE1_FIELDS):
                self.back()
            return
        except KnownError as exc:
            show_known_error(self, exc)
            return
        self.db.refresh_office()
        self.info = info
        super().accept()
