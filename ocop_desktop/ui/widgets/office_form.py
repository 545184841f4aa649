"""The office fields (name, role, province, communes, officer), shared by the first-run
wizard and the settings page, with inline validation messages from the service."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.domain import geography
from ocop_desktop.domain.vocab import OFFICE_ROLE_LABELS, OfficeRole
from ocop_desktop.i18n import _
from ocop_desktop.services.office import OfficeData, OfficeInfo
from ocop_desktop.ui.widgets.commune_picker import CommunePicker


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class OfficeFields(QObject):
    """Creates the widgets; the caller lays them out.

    Signals:
        changed: any field was edited.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Trung tâm Dịch vụ nông nghiệp Trùng Khánh"))
        self.officer = QLineEdit()
        self.officer.setPlaceholderText(_("Your full name, e.g. Nông Thị Hoa"))

        self.role_box = QWidget()
        self.role_group = QButtonGroup(self)
        role_lay = QVBoxLayout(self.role_box)
        role_lay.setContentsMargins(0, 0, 0, 0)
        self.role_buttons: dict[str, QRadioButton] = {}
        helps = {
            OfficeRole.FIELD: _("Keeps the records of producers and products of a group of communes, "
                                "and sends them to the province."),
            OfficeRole.PROVINCE: _("Receives the records of every field office, runs the council scoring "
                                   "and issues the decisions."),
        }
        for role in OfficeRole:
            button = QRadioButton(_(OFFICE_ROLE_LABELS[role]))
            button.setObjectName(f"role_{role.value}")
            self.role_group.addButton(button)
            self.role_buttons[role.value] = button
            role_lay.addWidget(button)
            help_label = QLabel(helps[role])
            help_label.setObjectName("fieldHelp")
            help_label.setWordWrap(True)
            help_label.setContentsMargins(24, 0, 0, 4)
            role_lay.addWidget(help_label)
        self.role_buttons[OfficeRole.FIELD.value].setChecked(True)

        self.province = QComboBox()
        self.province.setPlaceholderText(_("Choose the province…"))
        for p in geography.provinces():
            self.province.addItem(p.name, p.code)
        self.province.setCurrentIndex(-1)
        self.province.setMaxVisibleItems(20)
        self.communes = CommunePicker()
        self.communes.set_province(None)
        self.communes_help = QLabel()
        self.communes_help.setObjectName("fieldHelp")
        self.communes_help.setWordWrap(True)

        self.errors: dict[str, QLabel] = {k: error_label() for k in
                                          ("name", "role", "province_code", "commune_codes", "officer_name")}

        self.province.currentIndexChanged.connect(self._province_changed)
        self.name.textChanged.connect(self._edited)
        self.officer.textChanged.connect(self._edited)
        self.role_group.buttonToggled.connect(self._role_toggled)
        self.communes.changed.connect(self._edited)
        self._update_communes_help()

    # -- data ---------------------------------------------------------------------------
    def role(self) -> str:
        return next((r for r, b in self.role_buttons.items() if b.isChecked()), OfficeRole.FIELD.value)

    def province_code(self) -> int | None:
        code = self.province.currentData()
        return int(code) if code is not None else None

    def data(self) -> OfficeData:
        return OfficeData(name=self.name.text(), role=self.role(), province_code=self.province_code(),
                          commune_codes=self.communes.checked_codes(), officer_name=self.officer.text())

    def set_info(self, info: OfficeInfo) -> None:
        self.name.setText(info.name)
        self.officer.setText(info.officer_name)
        for edit in (self.name, self.officer):
            edit.setCursorPosition(0)  # a long name shows its start
        self.role_buttons.get(info.role, self.role_buttons[OfficeRole.FIELD.value]).setChecked(True)
        self.province.blockSignals(True)
        self.province.setCurrentIndex(self.province.findData(info.province_code))
        self.province.blockSignals(False)
        self.communes.set_province(info.province_code, info.commune_codes)
        self.show_errors({})

    # -- validation ---------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str], only: tuple[str, ...] | None = None) -> bool:
        """Show the service's messages under their fields; True when none apply."""
        first: str | None = None
        for field, label in self.errors.items():
            if only is not None and field not in only:
                continue
            message = errors.get(field)
            label.setText(message or "")
            label.setVisible(bool(message))
            if message and first is None:
                first = field
        if first is not None:
            self._focus(first)
        return first is None

    def _focus(self, field: str) -> None:
        widgets = {"name": self.name, "role": self.role_buttons[self.role()], "province_code": self.province,
                   "commune_codes": self.communes.search, "officer_name": self.officer}
        widgets[field].setFocus()

    def _edited(self) -> None:
        for label in self.errors.values():
            if label.isVisible():
                label.hide()
        self.changed.emit()

    def _role_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._update_communes_help()
            self._edited()

    def _province_changed(self) -> None:
        self.communes.set_province(self.province_code())
        self._edited()

    def _update_communes_help(self) -> None:
        if self.role() == OfficeRole.PROVINCE:
            self.communes_help.setText(_("A provincial office covers every commune of the province "
                                         "when none is ticked."))
        else:
            self.communes_help.setText(_("Tick every commune whose producers your office looks after."))
