"""The area of a plan: "the whole office" or a set of communes, chosen in a small dialog with
the commune picker (search, tick, select all shown)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.domain import geography
from ocop_desktop.i18n import _, ngettext
from ocop_desktop.ui.screen_fit import ElidedLabel, resize_within_screen
from ocop_desktop.ui.widgets.commune_picker import CommunePicker


class PlanArea(QWidget):
    """A label naming the plan's communes and a "Choose communes…" button.

    Signals:
        changed: the communes changed.
    """

    changed = Signal()

    def __init__(self, province_code: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.province_code = province_code
        self._codes: list[int] = []
        self.label = ElidedLabel()
        self.button = QPushButton(_("Choose communes…"))
        self.button.setToolTip(_("Leave empty for the whole area the office covers."))
        self.button.clicked.connect(self.choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self._show()

    def codes(self) -> list[int]:
        return list(self._codes)

    def set_codes(self, codes: list[int]) -> None:
        self._codes = sorted(set(codes))
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        if not self._codes:
            self.label.setText(_("The whole area the office covers"))
        else:
            names = ", ".join(geography.commune_name(c) or str(c) for c in self._codes)
            self.label.setText(ngettext("{n} commune: {names}", "{n} communes: {names}", len(self._codes)).format(
                n=len(self._codes), names=names))

    def choose(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Communes of the plan"))
        picker = CommunePicker()
        picker.set_province(self.province_code, self._codes)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(_("OK"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        ok.setDefault(True)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        lay = QVBoxLayout(dialog)
        lay.addWidget(picker, 1)
        lay.addWidget(buttons)
        resize_within_screen(dialog, 520, 560)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_codes(picker.checked_codes())
