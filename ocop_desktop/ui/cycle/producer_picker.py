"""Tick the producers whose people attended a class: a search box over a checkable list.

Space ticks the current producer; Enter or Down in the search box goes to the list; typing in the search box narrows the list (accents
folded). Ticked producers stay ticked while hidden by the search.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ocop_desktop.i18n import _, ngettext
from ocop_desktop.text import fold, matches, search_terms


class _SearchEdit(QLineEdit):
    """Enter or Down moves to the list and is consumed (Enter must not save the dialog)."""

    def __init__(self, to_list: Callable[[], None]) -> None:
        super().__init__()
        self._to_list = to_list

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt virtual
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self._to_list()
            event.accept()
            return
        super().keyPressEvent(event)


class ProducerPicker(QWidget):
    changed = Signal()

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = _SearchEdit(self._to_list)
        self.search.setPlaceholderText(_("Search producers…"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setToolTip(_("Space ticks or unticks the selected producer"))
        self.list.setUniformItemSizes(True)
        self.count = QLabel()
        self.count.setObjectName("hintLabel")
        self._folded: list[str] = []
        for pid, text in choices:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(text)
            self.list.addItem(item)
            self._folded.append(fold(text))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.count)
        self.search.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._item_changed)
        self.setFocusProxy(self.search)
        self._update_count()

    def _filter(self, text: str) -> None:
        terms = search_terms(text)
        for i, folded in enumerate(self._folded):
            self.list.item(i).setHidden(bool(terms) and not matches(folded, terms))

    def _to_list(self) -> None:
        for i in range(self.list.count()):
            if not self.list.item(i).isHidden():
                self.list.setCurrentRow(i)
                self.list.setFocus()
                return

    def _item_changed(self, _item: QListWidgetItem) -> None:
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        n = len(self.producer_ids())
        self.count.setText(ngettext("{n} producer ticked", "{n} producers ticked", n).format(n=n))

    def producer_ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_producer_ids(self, ids: list[str]) -> None:
        wanted = set(ids)
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._update_count()
        first = next((i for i in range(self.list.count())
                      if self.list.item(i).checkState() == Qt.CheckState.Checked), None)
        if first is not None:  # the first ticked producer in view, not the top of the list
            self.list.setCurrentRow(first)
            self.list.scrollToItem(self.list.item(first), QListWidget.ScrollHint.PositionAtTop)

    def mark_target(self) -> QWidget:
        return self.list
