"""A statistics table on screen: a :class:`ReportTable` in a read-only grid whose numbers are
links — a click opens the list of the records behind the number (``drill``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _
from ocop_desktop.stats.report_table import INT, MONEY, NUM, PCT, ReportTable, format_cell

LINK = QColor("#1a5fb4")
IDS_ROLE = Qt.ItemDataRole.UserRole + 1


class TableBox(QWidget):
    """Signals: drill(kind, ids, what) — kind is "products" or "producers"."""

    drill = Signal(str, object, str)

    def __init__(self, heading: str, parent: QWidget | None = None, *, max_rows_shown: int = 12,
                 links: bool = True) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading)
        self.heading.setObjectName("sectionTitle")
        f = self.heading.font()
        f.setBold(True)
        self.heading.setFont(f)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.verticalHeader().hide()
        self.grid.setWordWrap(False)
        self.grid.cellClicked.connect(self._clicked)
        self._max_rows = max_rows_shown
        self._links = links  # False: the cells are not links (a list whose rows are opened by double-click)
        self.table: ReportTable | None = None
        self.chart_slot = QVBoxLayout()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 6)
        lay.addWidget(self.heading)
        lay.addWidget(self.note)
        lay.addWidget(self.grid)
        lay.addLayout(self.chart_slot)

    def set_table(self, t: ReportTable) -> None:
        self.table = t
        cols = [c for c in t.columns if c.key != "stt"]
        self.grid.clear()
        self.grid.setColumnCount(len(cols))
        self.grid.setHorizontalHeaderLabels([c.title for c in cols])
        body = list(enumerate(t.rows)) + ([(-1, t.total)] if t.total is not None else [])
        self.grid.setRowCount(len(body))
        bold = QFont(self.grid.font())
        bold.setBold(True)
        for r, (i, values) in enumerate(body):
            for j, c in enumerate(cols):
                v = values[t.column(c.key)]
                item = QTableWidgetItem(format_cell(v, c.kind))
                if c.kind in (INT, NUM, PCT, MONEY):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                drill = t.ids(i, c.key)
                if self._links and drill is not None and drill[1]:
                    item.setData(IDS_ROLE, drill)
                    item.setForeground(QBrush(LINK))
                    item.setToolTip(_("Click to open the records behind this number"))
                    f = QFont(bold if (i < 0 or i in t.bold_rows) else self.grid.font())
                    f.setUnderline(True)
                    item.setFont(f)
                elif i < 0 or i in t.bold_rows:
                    item.setFont(bold)
                self.grid.setItem(r, j, item)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if len(cols) <= 3:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        else:  # the names column as wide as its content, up to ~28 characters (then elided)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            self.grid.resizeColumnToContents(0)
            header.resizeSection(0, min(header.sectionSize(0), self.fontMetrics().averageCharWidth() * 28))
        shown = min(len(body), self._max_rows)
        h = header.height() + sum(self.grid.rowHeight(r) for r in range(shown)) + 4
        self.grid.setFixedHeight(max(h, header.height() + 28))
        self.note.setVisible(t.empty)
        self.note.setText(t.empty_text if t.empty else "")
        self.grid.setVisible(not t.empty)

    def cell_item(self, row: int, key: str) -> QTableWidgetItem | None:
        """The item of a body row (``-1``: the totals row) and column key (tests click it)."""
        if self.table is None:
            return None
        cols = [c.key for c in self.table.columns if c.key != "stt"]
        r = len(self.table.rows) if row < 0 else row
        return self.grid.item(r, cols.index(key))

    def _clicked(self, r: int, c: int) -> None:
        item = self.grid.item(r, c)
        if item is None or self.table is None:
            return
        drill = item.data(IDS_ROLE)
        if not drill:
            return
        kind, ids = drill
        row_label = self.grid.item(r, 0).text() if self.grid.item(r, 0) else ""
        what = f"{self.heading.text()} — {row_label}, {self.grid.horizontalHeaderItem(c).text()}"
        self.drill.emit(kind, ids, what)

    def set_chart(self, widget: QWidget) -> None:
        while self.chart_slot.count():
            old = self.chart_slot.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        self.chart_slot.addWidget(widget)
