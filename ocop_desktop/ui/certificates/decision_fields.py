"""The decision fields both decision dialogs share (number, date, authority, level, signer and
title, the signer remembered per level) and the box of warnings confirmed with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit

from ocop_desktop.domain.certificates import DECISION_LEVEL_LABELS, DecisionLevel
from ocop_desktop.i18n import _
from ocop_desktop.ui.dialogs.fields import DateEdit, note_label
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, form_label

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.services.decisions import DecisionData


def decision_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(6)
    return form


class WarningsBox(QGroupBox):
    """The service's warnings on the decision (date before the council finalised, other stars than
    the council's), each with the reason the officer confirms it with; ``changed`` on typing."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(_("Warnings to confirm"))
        self.form = decision_form()
        self.setLayout(self.form)
        self.keys: list[str] = []
        self.edits: dict[str, QLineEdit] = {}
        self.hide()

    def set_warnings(self, warnings: list[Any]) -> None:
        keys = [w.key for w in warnings]
        if keys == self.keys:
            return
        kept = {k: e.text() for k, e in self.edits.items()}
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits.clear()
        self.keys = keys
        for w in warnings:
            edit = QLineEdit(kept.get(w.key, ""))
            edit.setPlaceholderText(_("Reason (kept with the decision)"))
            edit.setObjectName(f"reason:{w.key}")
            edit.textChanged.connect(lambda _t: self.changed.emit())
            self.form.addRow(note_label(w.message, "warning"))
            self.form.addRow(form_label(_("Reason"), required=True), edit)
            self.edits[w.key] = edit
        self.setVisible(bool(warnings))

    def confirmations(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items() if e.text().strip()}

    def set_reason(self, key: str, text: str) -> None:
        self.edits[key].setText(text)


class DecisionFields:
    """Number, date, authority, level, signer, title: the part both dialogs share. The signer and
    title start as this office's last ones for the chosen level (services.decision_records)."""

    def __init__(self, dialog: RecordDialog, form: QFormLayout, authority: str) -> None:
        self.number = QLineEdit()
        self.number.setPlaceholderText("1234/QĐ-UBND")
        self.date = DateEdit()
        self.authority = QLineEdit(authority)
        self.level = QComboBox()
        for level in DecisionLevel:
            self.level.addItem(_(DECISION_LEVEL_LABELS[level]), level.value)
        self.signer_name = QLineEdit()
        self.signer_title = QLineEdit()
        self.signer_title.setPlaceholderText("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
        form.addRow(form_label(_("Decision number"), required=True), dialog.add_field("number", self.number))
        form.addRow(form_label(_("Signed on"), required=True), dialog.add_field("date", self.date))
        form.addRow(form_label(_("Issuing authority"), required=True), dialog.add_field("authority", self.authority))
        form.addRow(form_label(_("Level"), required=True), dialog.add_field(
            "level", self.level, hint=_("5 stars are recognised only by the Ministry.")))
        form.addRow(form_label(_("Signer"), required=True), dialog.add_field("signer_name", self.signer_name))
        form.addRow(form_label(_("Signer's title"), required=True), dialog.add_field(
            "signer_title", self.signer_title, hint=_("A “/” starts a new line on the certificate.")))
        self._db = dialog.db
        self._prefilled = ("", "")
        self.prefill_signer()
        self.level.currentIndexChanged.connect(lambda _i: self.prefill_signer())

    def prefill_signer(self) -> None:
        """The last signer and title of this level, unless the officer typed others."""
        from ocop_desktop.services.decision_records import last_signer

        if (self.signer_name.text(), self.signer_title.text()) not in (("", ""), self._prefilled):
            return
        with self._db.read_session() as s:
            name, title = last_signer(s, self.level.currentData())
        self.signer_name.setText(name)
        self.signer_title.setText(title)
        self._prefilled = (name, title)

    def collect(self, kind: str) -> tuple[DecisionData, dict[str, str]]:
        from ocop_desktop.services.decisions import DecisionData

        errors = {}
        if not self.date.is_valid():
            errors["date"] = _("Decision date: “{text}” is not a date (dd/mm/yyyy).").format(text=self.date.text())
        return DecisionData(kind=kind, number=self.number.text(), date=self.date.date(),
                            authority=self.authority.text(), level=self.level.currentData(),
                            signer_name=self.signer_name.text(), signer_title=self.signer_title.text()), errors


def default_authority(db: Database) -> str:
    from ocop_desktop.services.office import local_office

    with db.read_session() as s:
        office = local_office(s)
    return f"Ủy ban nhân dân tỉnh {office.province_name}" if office and office.province_name else ""
