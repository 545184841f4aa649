"""Confirm another office's key fingerprint, read over the phone, before trusting it.

Used when an office profile is imported and when a bundle comes from an office that is
not registered yet (or whose key changed). The officer must type what the other office
reads to them; the dialog accepts only a fingerprint that matches the one in the file
(O/0 and I/L/1 are read alike, dashes and case do not matter).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _
from ocop_desktop.ui.sync.texts import role_label
from ocop_desktop.ui.sync.widgets import STYLE, monospace, note, set_role


def normalise(text: str) -> str:
    from ocop_desktop.sync.crypto import normalise_code

    return normalise_code(text)


class FingerprintDialog(QDialog):
    """Open with ``open()``; on ``accepted`` read :attr:`typed`."""

    def __init__(self, office_name: str, fingerprint: str, *, role: str | None = None, reason: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Confirm the office's key fingerprint"))
        self.setStyleSheet(STYLE)
        self.fingerprint = fingerprint
        self._expected = normalise(fingerprint)

        who = QLabel(office_name)
        who.setProperty("role", "big")
        who.setWordWrap(True)
        intro = note(reason or _("This office is not registered here yet."), "plain")
        steps = note(_("1. Call {office} on a phone number you already know (not one written in the file).\n"
                       "2. Ask them to read the key fingerprint shown in their Sync section.\n"
                       "3. Type what they read below. It must be the same as the fingerprint in the file:")
                     .format(office=office_name), "plain")
        shown = QLabel(fingerprint)
        shown.setObjectName("fingerprint")
        shown.setFont(monospace())
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit = QLineEdit()
        self.edit.setFont(monospace(14))
        self.edit.setPlaceholderText(_("e.g. 7KQ2-M9XD-4HTA"))
        self.edit.setMaxLength(40)
        self.edit.textChanged.connect(self._check)
        self.result_label = note("", "hint")
        self.result_label.setMinimumHeight(self.result_label.fontMetrics().lineSpacing() * 2)

        form = QFormLayout()
        form.addRow(_("Office:"), who)
        if role:
            form.addRow(_("Role:"), QLabel(role_label(role)))
        form.addRow(_("Fingerprint in the file:"), shown)
        form.addRow(_("Fingerprint read to you:"), self.edit)

        box = QDialogButtonBox()
        self.ok_button = QPushButton(_("Trust this office"))
        self.ok_button.setEnabled(False)
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"))
        box.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(steps)
        lay.addLayout(form)
        lay.addWidget(self.result_label)
        lay.addWidget(box)
        self.edit.setFocus()
        self.setMinimumWidth(min(640, self.fontMetrics().horizontalAdvance("M") * 44))

    @property
    def typed(self) -> str:
        return self.edit.text().strip()

    def matches(self) -> bool:
        return normalise(self.typed) == self._expected

    def _check(self) -> None:
        typed = normalise(self.typed)
        if len(typed) < len(self._expected):
            self.result_label.setText("")
            self.ok_button.setEnabled(False)
            return
        if typed == self._expected:
            self.result_label.setText(_("It matches: you may trust this office."))
            set_role(self.result_label, "success")
            self.ok_button.setEnabled(True)
        else:
            self.result_label.setText(_("It does not match. Do not trust this office: the file may not come "
                                        "from it. Check with the office again."))
            set_role(self.result_label, "error")
            self.ok_button.setEnabled(False)

    def accept(self) -> None:
        if self.matches():
            super().accept()
