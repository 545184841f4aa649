"""A checkable, searchable list of the communes of one province.

Used by the first-run wizard and the settings page. The search is accent-insensitive
("dinh phong" finds "Xã Đình Phong"); "Select all shown" ticks what the search shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.domain import geography
from ocop_desktop.i18n import _, ngettext
from ocop_desktop.text import fold, search_terms

_Index = QModelIndex | QPersistentModelIndex


class CommuneListModel(QAbstractListModel):
    """Communes of a province with a check box each.

    Signals:
        selection_changed: the set of ticked communes changed.
    """

    selection_changed = Signal()
    CodeRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._communes: list[geography.Commune] = []
        self._folded: list[str] = []
        self._checked: set[int] = set()

    def set_province(self, province_code: int | None, checked: Iterable[int] = ()) -> None:
        self.beginResetModel()
        self._communes = list(geography.communes(province_code)) if province_code is not None else []
        self._folded = [fold(c.name) for c in self._communes]
        valid = {c.code for c in self._communes}
        self._checked = {int(c) for c in checked if int(c) in valid}
        self.endResetModel()
        self.selection_changed.emit()

    def folded(self, row: int) -> str:
        return self._folded[row]

    def is_checked(self, row: int) -> bool:
        return self._communes[row].code in self._checked

    def checked_codes(self) -> list[int]:
        return [c.code for c in self._communes if c.code in self._checked]

    def total(self) -> int:
        return len(self._communes)

    def set_checked(self, codes: Iterable[int], checked: bool, *, exclusive: bool = False) -> None:
        """Tick (or untick) ``codes``; ``exclusive`` unticks every other commune."""
        codes = {int(c) for c in codes}
        if exclusive:
            valid = {c.code for c in self._communes}
            self._checked = codes & valid if checked else valid - codes
        elif checked:
            self._checked |= codes
        else:
            self._checked -= codes
        if self._communes:
            self.dataChanged.emit(self.index(0), self.index(len(self._communes) - 1),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.selection_changed.emit()

    # -- Qt interface ---------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._communes)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self._communes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return c.name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if c.code in self._checked else Qt.CheckState.Unchecked
        if role == self.CodeRole:
            return c.code
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        code = self._communes[index.row()].code
        state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(code)
        else:
            self._checked.discard(code)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.selection_changed.emit()
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable


class CommuneFilterProxy(QSortFilterProxyModel):
    """Accent-insensitive filter on the commune name (a province has at most a few hundred)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._only_checked = False

    def set_search(self, query: str) -> None:
        terms = search_terms(query)
        if terms == self._terms:
            return
        self.beginFilterChange()
        self._terms = terms
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_only_checked(self, on: bool) -> None:
        self.beginFilterChange()
        self._only_checked = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, CommuneListModel)
        if self._only_checked and not model.is_checked(source_row):
            return False
        if not self._terms:
            return True
        text = model.folded(source_row)
        return all(t in text for t in self._terms)


class CommunePicker(QWidget):
    """Search box, checkable list, 'select all shown' / 'clear', and a count.

    Signals:
        changed: the ticked communes changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CommuneListModel(self)
        self.proxy = CommuneFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find a commune…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.view = QListView()
        self.view.setObjectName("communeList")
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.view.setMinimumHeight(160)
        self.select_all = QPushButton(_("Select all shown"))
        self.clear_all = QPushButton(_("Clear selection"))
        self.count = QLabel()
        self.only_checked = QCheckBox(_("Only the selected"))
        self.only_checked.toggled.connect(self.proxy.set_only_checked)
        self.select_all.clicked.connect(lambda: self.model.set_checked(self._shown_codes(), True))
        self.clear_all.clicked.connect(lambda: self.model.set_checked(self._shown_codes(), False))
        self.model.selection_changed.connect(self._update_count)
        self.model.selection_changed.connect(self.changed)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        # The count beside the search, so the buttons' row stays narrow (the settings page fits 1280 px).
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.select_all)
        row.addWidget(self.clear_all)
        row.addWidget(self.only_checked)
        row.addStretch(1)
        lay.addLayout(row)
        self._update_count()

    def set_province(self, province_code: int | None, checked: Iterable[int] = ()) -> None:
        self.search.clear()
        self.model.set_province(province_code, checked)
        enabled = province_code is not None
        for w in (self.search, self.view, self.select_all, self.clear_all, self.only_checked):
            w.setEnabled(enabled)

    def checked_codes(self) -> list[int]:
        return self.model.checked_codes()

    def set_checked_codes(self, codes: Iterable[int]) -> None:
        self.model.set_checked(codes, True, exclusive=True)

    def _shown_codes(self) -> list[int]:
        return [self.proxy.index(r, 0).data(CommuneListModel.CodeRole) for r in range(self.proxy.rowCount())]

    def _update_count(self) -> None:
        n, total = len(self.model.checked_codes()), self.model.total()
        if total == 0:
            self.count.setText(_("Choose the province first."))
        else:
            self.count.setText(ngettext("{n} of {total} commune selected", "{n} of {total} communes selected",
                                        total).format(n=n, total=total))
