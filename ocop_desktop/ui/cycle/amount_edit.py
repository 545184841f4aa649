"""A line edit for amounts in whole đồng ("903.000.000 đ").

Local to the training/support tabs until the shared ``fields.AmountEdit`` lands (the
integrator dedupes). ``text()`` goes to the service as typed, so a negative or
non-numeric amount gets the service's own field message; leaving the field rewrites a
readable amount with Vietnamese separators.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from ocop_desktop.domain.training_support import AmountError, format_amount, parse_amount
from ocop_desktop.i18n import _


class AmountEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("e.g. 903.000.000"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(40)
        width = self.fontMetrics().horizontalAdvance("0" * 22) + 24
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)
        self.editingFinished.connect(self._tidy)

    def set_amount(self, value: int | None) -> None:
        self.setText(format_amount(value))

    def amount_text(self) -> str:
        return self.text()

    def _tidy(self) -> None:
        try:
            value = parse_amount(self.text())
        except AmountError:
            return  # left as typed; the message under the field says why
        if value is not None and format_amount(value) != self.text():
            self.setText(format_amount(value))
