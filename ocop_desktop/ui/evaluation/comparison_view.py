"""The members' choices side by side: one row per criterion, one column per member (and the
council's agreed sheet, when there is one), the option number and its points in each cell;
the criteria where the members chose different options are highlighted, and can be shown
alone. Opened from the council dialog before the council discusses a large spread.

Built from the sheets as they stand in the dialog (unsaved edits included). Every cell's
text, tooltip and colour is computed once in :class:`ComparisonModel` (a plain table model,
fixed column widths, no measuring of rows), so 10 members × 40 criteria open at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _, ngettext
from ocop_desktop.scoring.model import Sheet
from ocop_desktop.ui.evaluation.criterion_layout import points_text
from ocop_desktop.ui.screen_fit import resize_within_screen

_Index = QModelIndex | QPersistentModelIndex
DIFFER_BG = QColor("#fce8b2")
AGREED_FG = QColor("#5f6368")
MISSING_FG = QColor("#8a5300")
CRITERION_WIDTH = 250
MEMBER_WIDTH = 104
DIFF_WIDTH = 84


@dataclass(frozen=True)
class Column:
    """One sheet compared: a member's or the council's agreed one."""

    name: str
    role: str
    choices: Mapping[str, int]
    agreed: bool = False


class ComparisonModel(QAbstractTableModel):
    """Rows: criteria in sheet order. Columns: the criterion, each sheet, the difference in
    points between the members (the agreed sheet is shown, not counted)."""

    DiffersRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, sheet: Sheet, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.codes: list[str] = []
        self.differs: list[bool] = []
        self._cells: list[list[str]] = []
        self._tips: list[list[str]] = []
        self._missing: list[list[bool]] = []
        not_chosen = _("not chosen")
        for crit in sheet.criteria:
            texts = [f"{crit.code}  {crit.title}"]
            tips = [f"{crit.code}. {crit.title}"]
            missing = [False]
            member_points: list[int] = []
            member_options: set[int] = set()
            for col in self.columns:
                idx = col.choices.get(crit.code)
                if idx is None or not 0 <= idx < len(crit.options):
                    texts.append("—")
                    tips.append(f"{col.name}: {not_chosen}")
                    missing.append(True)
                    continue
                option = crit.options[idx]
                texts.append(_("({n}) {points}").format(n=idx + 1, points=points_text(option.points)))
                tips.append(f"{col.name}: ({idx + 1}) {option.text} — {points_text(option.points)}")
                missing.append(False)
                if not col.agreed:
                    member_points.append(option.points)
                    member_options.add(idx)
            differs = len(member_options) > 1
            spread = max(member_points) - min(member_points) if member_points else 0
            texts.append(points_text(spread) if differs else "")
            tips.append("")
            missing.append(False)
            self.codes.append(crit.code)
            self.differs.append(differs)
            self._cells.append(texts)
            self._tips.append(tips)
            self._missing.append(missing)

    def differing_codes(self) -> list[str]:
        return [c for c, d in zip(self.codes, self.differs, strict=True) if d]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.codes)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns) + 2

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        last = len(self.columns) + 1
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return _("Criterion")
            if section == last:
                return _("Difference")
            col = self.columns[section - 1]
            return _("Agreed") if col.agreed else f"{section}. {col.name}"
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section < last:
            col = self.columns[section - 1]
            return col.name + (f" ({col.role})" if col.role else "")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[row][col] or None
        if role == Qt.ItemDataRole.BackgroundRole and self.differs[row]:
            return DIFFER_BG
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._missing[row][col]:
                return MISSING_FG
            if 0 < col <= len(self.columns) and self.columns[col - 1].agreed:
                return AGREED_FG
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == self.DiffersRole:
            return self.differs[row]
        return None


class ComparisonDialog(QDialog):
    """The comparison table with "only the criteria that differ" and a count."""

    def __init__(self, sheet: Sheet, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Members' choices side by side"))
        self.model = ComparisonModel(sheet, columns, self)
        members = sum(1 for c in columns if not c.agreed)
        n = len(self.model.differing_codes())
        self.count_label = QLabel(ngettext(
            "The {members} members chose different options on {n} of {total} criterion (highlighted).",
            "The {members} members chose different options on {n} of {total} criteria (highlighted).",
            len(self.model.codes)).format(members=members, n=n, total=len(self.model.codes)))
        self.count_label.setWordWrap(True)
        self.only_differences = QCheckBox(_("Only the criteria where they differ"))
        self.only_differences.toggled.connect(self._filter)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setColumnWidth(0, CRITERION_WIDTH)
        for c in range(1, len(columns) + 1):
            self.table.setColumnWidth(c, MEMBER_WIDTH)
        self.table.setColumnWidth(len(columns) + 1, DIFF_WIDTH)
        close = QPushButton(_("Close"))
        close.setAutoDefault(False)
        buttons = QDialogButtonBox()
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.only_differences)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self._size_to_screen(len(columns))

    def _size_to_screen(self, n_columns: int) -> None:
        width = CRITERION_WIDTH + MEMBER_WIDTH * n_columns + DIFF_WIDTH + 60
        resize_within_screen(self, max(640, min(width, 1300)), 680)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt virtual
        """The criterion column takes the width the sheets leave (never below its minimum)."""
        super().resizeEvent(event)
        others = sum(self.table.columnWidth(c) for c in range(1, self.model.columnCount()))
        self.table.setColumnWidth(0, max(CRITERION_WIDTH, self.table.viewport().width() - others))

    def _filter(self, only: bool) -> None:
        for row, differs in enumerate(self.model.differs):
            self.table.setRowHidden(row, only and not differs)

    def visible_codes(self) -> list[str]:
        """The criteria shown (tests)."""
        return [c for row, c in enumerate(self.model.codes) if not self.table.isRowHidden(row)]
