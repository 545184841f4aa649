"""A list of products chosen with a search box: type part of a name, Enter adds it; Del (or the
remove button) takes the selected one off. Used by the point-of-sale dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _
from ocop_desktop.ui.dialogs.search_combo import SearchCombo


class ProductsPicker(QWidget):
    """Signal: ``changed`` when a product is added or removed."""

    changed = Signal()
    marks_rows = True  # the list itself is marked

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = dict(choices)
        self.combo = SearchCombo(placeholder=_("Type part of a product's name, then Enter to add it"))
        self.combo.set_choices((text, pid) for pid, text in choices)
        self.combo.installEventFilter(self)  # Enter adds the product; it never submits the dialog
        self.combo.lineEdit().installEventFilter(self)
        self.add_button = QPushButton(_("Add"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_current)
        self.list = QListWidget()
        self.list.setToolTip(_("Del removes the selected product"))
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long "product — producer": both ends shown
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.installEventFilter(self)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.combo, 1)
        top.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.combo)

    def mark_target(self) -> QWidget:
        return self.list

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt virtual
        if (watched in (self.combo, self.combo.lineEdit()) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.add_current()
            return True
        if (watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Delete):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def add_current(self) -> None:
        self.combo.commit_text()
        pid = self.combo.value()
        if pid and pid not in self.product_ids():
            self._add(pid, self._labels.get(pid, pid))
            self.changed.emit()
        self.combo.set_value(None)
        self.combo.setFocus()

    def _add(self, pid: str, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, pid)
        item.setToolTip(text)
        self.list.addItem(item)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def set_products(self, product_ids: list[str], labels: dict[str, str]) -> None:
        self.list.clear()
        for pid in product_ids:
            self._add(pid, labels.get(pid) or self._labels.get(pid) or _("(a product of another office)"))

    def product_ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
