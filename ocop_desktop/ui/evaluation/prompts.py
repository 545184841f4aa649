"""Small dialogs of the evaluation screens: a council member's name and role, and the
reason for reopening a finalised evaluation.

Both open window-modal with ``open()`` and report through ``accepted``; the caller reads
the values. Tests type into them like an officer would.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _
from ocop_desktop.ui.dialogs.fields import note_label


def member_roles() -> list[str]:
    """Suggested roles on a provincial council (Điều 7.3b); any other text is accepted."""
    return [_("Council chair"), _("Vice-chair"), _("Member"), _("Secretary")]


def _buttons(ok_text: str, dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox()
    ok = QPushButton(ok_text)
    ok.setDefault(True)
    box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(QPushButton(_("Cancel")), QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, ok


class MemberDialog(QDialog):
    """A council member's name and role (new member, or a rename)."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "", role: str = "",
                 title: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or _("Add a council member"))
        self.name_edit = QLineEdit(name)
        self.name_edit.setMaxLength(255)
        self.name_edit.setPlaceholderText(_("Full name, as signed on the sheet"))
        self.role_combo = QComboBox()
        self.role_combo.setEditable(True)
        self.role_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.role_combo.addItems(member_roles())
        self.role_combo.setCurrentText(role or _("Member"))
        self.role_combo.lineEdit().setMaxLength(128)
        self.error_label = note_label("", "error")
        self.error_label.hide()
        form = QFormLayout()
        name_label = QLabel(_("Name"))
        name_label.setBuddy(self.name_edit)
        role_label = QLabel(_("Role"))
        role_label.setBuddy(self.role_combo)
        form.addRow(name_label, self.name_edit)
        form.addRow(role_label, self.role_combo)
        box, self.ok_button = _buttons(_("Add") if not name else _("Save"), self)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error_label)
        lay.addWidget(box)
        self.name_edit.textChanged.connect(self._update)
        self.setMinimumWidth(420)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.name()))

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def role(self) -> str:
        return " ".join(self.role_combo.currentText().split())

    def show_error(self, message: str) -> None:
        """The service refused the name (e.g. the same member twice): keep the dialog open."""
        self.error_label.setText(message)
        self.error_label.show()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name_edit.selectAll()

    def accept(self) -> None:
        if self.name():
            super().accept()


class ReasonDialog(QDialog):
    """Why a finalised evaluation is reopened; the reason is kept in its history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reopen the evaluation"))
        intro = note_label(_("A finalised evaluation is reopened only for a reason, which is kept with the "
                             "evaluation. The result is cleared until it is finalised again."), "hint")
        label = QLabel(_("Reason for reopening"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(_("e.g. The council re-scored criterion 1.5 after new evidence."))
        self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        label.setBuddy(self.reason_edit)
        box, self.ok_button = _buttons(_("Reopen"), self)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(label)
        lay.addWidget(self.reason_edit)
        lay.addWidget(box)
        self.reason_edit.textChanged.connect(self._update)
        self.setMinimumWidth(460)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if self.reason():
            super().accept()
