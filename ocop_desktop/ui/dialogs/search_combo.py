"""A combo box that finds items by any accent-insensitive part of their text.

"dinh phong" finds "Xã Đình Phong", "tay" finds "Tày", "nong san che bien" finds the two
product sets the scoring sheets call so. Used for communes, ethnic groups, producers and
product sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QListView, QWidget

from ocop_desktop.text import fold

VALUE_ROLE = Qt.ItemDataRole.UserRole
FOLD_ROLE = Qt.ItemDataRole.UserRole + 1


class _FoldCompleter(QCompleter):
    """Matches the folded query anywhere in each item's folded text (FOLD_ROLE)."""

    def __init__(self, model: QStandardItemModel, parent: QWidget) -> None:
        super().__init__(model, parent)
        self.setCompletionRole(FOLD_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt virtual
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 - Qt virtual
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class SearchCombo(QComboBox):
    """An editable combo box whose typed text searches the items, without accents.

    Items carry a value (``VALUE_ROLE``); group headers are shown bold and cannot be
    chosen. Text that matches no item is put back to the current item when the officer
    leaves the field, so the box never holds a value that is not in the list.

    Signals:
        valueChanged: the chosen item changed.
    """

    valueChanged = Signal()

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "",
                 min_chars: int = 24) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        if isinstance(self.view(), QListView):
            self.view().setUniformItemSizes(True)  # fast layout of long lists
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(min_chars)
        self.setCompleter(_FoldCompleter(self._model, self))
        if placeholder:
            self.lineEdit().setPlaceholderText(placeholder)
        self.lineEdit().editingFinished.connect(self.commit_text)
        self.currentIndexChanged.connect(self._index_changed)
        self._last_index = -1
        self._resolved_typing = False
        self._longest = ""

    # -- filling ----------------------------------------------------------------------
    def _choice_item(self, text: str, value: Any, search: str = "", indent: int = 0) -> QStandardItem:
        shown = "    " * indent + text if indent else text
        item = QStandardItem(shown)
        item.setData(value, VALUE_ROLE)
        item.setData(fold(f"{text} {search}"), FOLD_ROLE)
        item.setData(text, Qt.ItemDataRole.ToolTipRole)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        if len(shown) > len(self._longest):
            self._longest = shown
        return item

    def add_choice(self, text: str, value: Any, *, search: str = "", indent: int = 0) -> None:
        self._model.appendRow(self._choice_item(text, value, search, indent))

    def add_blank(self, text: str = "") -> None:
        """An item meaning "not chosen" (value None); empty text shows the placeholder."""
        item = QStandardItem(text)
        item.setData(None, VALUE_ROLE)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self._model.appendRow(item)

    def add_header(self, text: str, *, indent: int = 0, bold: bool = True) -> None:
        item = QStandardItem("    " * indent + text if indent else text)
        font = QFont(self.font())
        font.setBold(bold)
        font.setItalic(not bold)
        item.setFont(font)
        if len(item.text()) > len(self._longest):
            self._longest = item.text()
        # Headers cannot be chosen (disabled), but must not look greyed out.
        item.setForeground(QColor("#202124" if bold else "#3c4043"))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self._model.appendRow(item)

    def set_choices(self, choices: Iterable[tuple[str, Any]], *, blank: bool = True) -> None:
        self.blockSignals(True)
        self._model.clear()
        self._last_index = -1
        self._longest = ""
        if blank:
            self.add_blank()
        # One insertion for all rows: a producer list can hold 10,000 names.
        items = [self._choice_item(text, value) for text, value in choices]
        if items:
            self._model.invisibleRootItem().appendRows(items)
        self.blockSignals(False)
        self.setCurrentIndex(0 if self.count() else -1)

    # -- value ------------------------------------------------------------------------
    def _choosable(self, row: int) -> bool:
        item = self._model.item(row)
        return item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsSelectable)

    def value(self) -> Any:
        row = self.currentIndex()
        if row < 0 or not self._choosable(row):
            return None
        return self.itemData(row, VALUE_ROLE)

    def find_value(self, value: Any) -> int:
        for row in range(self.count()):
            if self._choosable(row) and self.itemData(row, VALUE_ROLE) == value:
                return row
        return -1

    def set_value(self, value: Any) -> bool:
        row = self.find_value(value)
        if row < 0:
            return False
        self.setCurrentIndex(row)
        self.setEditText(self._plain_text(row))
        return True

    def has_value(self, value: Any) -> bool:
        return self.find_value(value) >= 0

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt virtual
        """Enter that just resolved typed text picks the item; it does not submit the dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._resolved_typing:
            self._resolved_typing = False
            event.accept()
            return
        super().keyPressEvent(event)

    def commit_text(self) -> None:
        """Resolve typed text to an item: exact (folded) name, else a single match."""
        text = self.currentText()
        row = self.currentIndex()
        if row >= 0 and text == self._plain_text(row):
            return
        self._resolved_typing = True
        target = fold(text)
        if not target:
            blank = self.find_value(None)
            if blank >= 0:
                self.setCurrentIndex(blank)
                self.setEditText("")
                return
        exact, partial = [], []
        for r in range(self.count()):
            if not self._choosable(r) or self.itemData(r, VALUE_ROLE) is None:
                continue
            if fold(self._plain_text(r)) == target:
                exact.append(r)
            elif target and target in (self.itemData(r, FOLD_ROLE) or ""):
                partial.append(r)
        pick = exact[0] if exact else (partial[0] if len(partial) == 1 else row)
        if pick != row:
            self.setCurrentIndex(pick)
        self.setEditText(self._plain_text(pick) if pick >= 0 else "")

    def showPopup(self) -> None:  # noqa: N802 - Qt virtual
        """Let the list be wider than the box so long names are not cut."""
        view = self.view()
        # Measured on the longest text rather than every row (fast for long lists).
        bold = QFont(self.font())
        bold.setBold(True)
        text_width = QFontMetrics(bold).horizontalAdvance(self._longest)
        wanted = text_width + view.verticalScrollBar().sizeHint().width() + 24
        view.setMinimumWidth(min(max(wanted, self.width()), 900))
        super().showPopup()

    def _plain_text(self, row: int) -> str:
        return (self.itemText(row) or "").strip()

    def _index_changed(self, row: int) -> None:
        if row >= 0 and self.isEditable():
            text = self._plain_text(row)
            if self.currentText() != text:
                self.setEditText(text)
        if row != self._last_index:
            self._last_index = row
            self.valueChanged.emit()
