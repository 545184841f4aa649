"""The keyboard help (F1): every shortcut of the app on one page, grouped by where it works.

:data:`SHORTCUTS` is the one list; the tooltips of the buttons name the same keys (a test
checks both), so an officer who hovers a button and one who presses F1 read the same thing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import N_, _
from ocop_desktop.ui.screen_fit import resize_within_screen

#: (area, [(keys, what they do)]); keys are written as Qt's portable text (Ctrl+N) and shown as is.
SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (N_("Everywhere"), (
        ("F1", N_("This keyboard help")),
        ("Ctrl+1 … Ctrl+8", N_("Go to a section (Producers, Products, Evaluations, …)")),
        ("Ctrl+N", N_("New record in the current list")),
        ("Ctrl+F", N_("Search in the current list")),
        ("Ctrl+Z", N_("Undo the last deletion while its bar is shown")),
        ("Ctrl+Q", N_("Quit")),
    )),
    (N_("Lists"), (
        ("↓ / Enter", N_("From the search box: go to the results")),
        ("↑ ↓ PgUp PgDown", N_("Move through the results")),
        ("Enter", N_("Open the selected record")),
        ("Del", N_("Delete the selected record (asks first)")),
        ("Esc", N_("Close a dialog without saving")),
    )),
    (N_("Evaluation sheets"), (
        ("1 … 9", N_("Choose an option of the current criterion")),
        ("Enter / Tab", N_("Go to the next criterion")),
        ("X", N_("Tick or untick the elimination rule")),
        ("Ctrl+S", N_("Save the draft")),
        ("Ctrl+M", N_("Add a council member")),
        ("Ctrl+PgDown / Ctrl+PgUp", N_("Next / previous member's sheet")),
    )),
    (N_("Plans and targets"), (
        ("Ctrl+T", N_("Add a target to the plan")),
        ("Ctrl+D", N_("Remove the target that has the focus")),
    )),
    (N_("Print previews"), (
        ("Ctrl+P", N_("Print")),
        ("Ctrl+S", N_("Save as PDF")),
    )),
)


def shortcut_lines() -> list[tuple[str, str, str]]:
    """(area, keys, translated description) for every shortcut."""
    return [(_(area), keys, _(what)) for area, items in SHORTCUTS for keys, what in items]


class KeyboardHelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        intro = QLabel(_("Everything can be done with the keyboard. The buttons' tooltips name these keys too."))
        intro.setWordWrap(True)
        rows = sum(1 + len(items) for _area, items in SHORTCUTS)
        self.table = QTableWidget(rows, 2, self)
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What it does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        r = 0
        for area, items in SHORTCUTS:
            head = QTableWidgetItem(_(area))
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            self.table.setItem(r, 0, head)
            self.table.setSpan(r, 0, 1, 2)
            r += 1
            for keys, what in items:
                key_item = QTableWidgetItem(keys)
                key_item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, 0, key_item)
                self.table.setItem(r, 1, QTableWidgetItem(_(what)))
                r += 1
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only: the Close button keeps the keyboard
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        resize_within_screen(self, 640, 600)

    def texts(self) -> list[str]:
        """Every cell's text (tests)."""
        out = []
        for r in range(self.table.rowCount()):
            for c in range(2):
                item = self.table.item(r, c)
                if item is not None:
                    out.append(item.text())
        return out
