"""*Tổng quan*: the office's figures at a glance. The numbers are computed on a worker
(:func:`ocop_desktop.stats.dashboard.load`) and shown first; the charts come after, once
matplotlib has been imported on another worker. Every number opens the records behind it
(``drill``); a row of the watch list opens its product."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _, format_number
from ocop_desktop.stats import dashboard
from ocop_desktop.stats.report_table import format_cell
from ocop_desktop.ui import ops
from ocop_desktop.ui.pages.list_support import FilterCombo
from ocop_desktop.ui.reports import area_picker
from ocop_desktop.ui.reports.table_box import TableBox

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.stats.dashboard import DashboardData


class DashboardView(QWidget):
    """Signals: drill(kind, ids, what); open_product(id); loaded (numbers shown); charts_shown."""

    drill = Signal(str, object, str)
    open_product = Signal(str)
    loaded = Signal()
    charts_shown = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *, autoload: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        self.autoload = autoload
        self.data: DashboardData | None = None
        self._stale = True
        self._generation = 0
        today = dt.date.today()
        self.year = QSpinBox()
        self.year.setRange(2013, today.year + 5)
        self.year.setValue(today.year)
        self.year.setToolTip(_("The year the figures are counted for (this year: up to today)"))
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.commune = FilterCombo(_("All communes"), _("Count only one commune or one field office"))
        self.commune.currentIndexChanged.connect(lambda _i: self.reload())
        self.status = QLabel(_("Loading…"))
        self.status.setObjectName("countLabel")

        picker = QHBoxLayout()
        picker.addWidget(QLabel(_("Year:")))
        picker.addWidget(self.year)
        picker.addWidget(QLabel(_("Area:")))
        picker.addWidget(self.commune)
        picker.addStretch(1)
        picker.addWidget(self.status)

        self.cards = QHBoxLayout()
        self.card_buttons: dict[str, QPushButton] = {}
        for key, text in (("total", _("Products from 3 stars")), ("s3", _("3 stars")), ("s4", _("4 stars")),
                          ("s5", _("5 stars")), ("producers", _("Producers")), ("watch", _("Due in 180 days"))):
            b = QPushButton(f"–\n{text}")
            b.setObjectName("statCard")
            b.setMinimumHeight(58)
            b.setToolTip(_("Click to open the records behind this number"))
            b.clicked.connect(lambda _c=False, k=key: self._card_clicked(k))
            self.card_buttons[key] = b
            self.cards.addWidget(b)

        self.stars_box = TableBox(_("Products by star"))
        self.groups_box = TableBox(_("Products by product group"), max_rows_shown=10)
        self.communes_box = TableBox(_("Products by commune"), max_rows_shown=10)
        self.producers_box = TableBox(_("Producers by type"))
        self.trend_box = TableBox(_("Trend by year"), max_rows_shown=8)
        self.watch_box = TableBox(_("Certificates that expire or enter re-evaluation in the next 180 days"),
                                  max_rows_shown=10, links=False)
        self.watch_box.grid.cellDoubleClicked.connect(self._watch_open)
        self.watch_box.grid.setToolTip(_("Double-click a row to open the product"))
        for box in self._boxes():
            box.drill.connect(self.drill)

        self.targets_title = QLabel(_("Targets of the plan in force"))
        f = self.targets_title.font()
        f.setBold(True)
        self.targets_title.setFont(f)
        self.targets_grid = QGridLayout()
        self.target_rows: list[tuple[QPushButton, QProgressBar]] = []

        body = QWidget()
        outer = QVBoxLayout(body)
        outer.addLayout(self.cards)
        outer.addWidget(self.targets_title)
        outer.addLayout(self.targets_grid)
        columns = QHBoxLayout()
        for boxes in ((self.stars_box, self.groups_box, self.communes_box),
                      (self.producers_box, self.trend_box, self.watch_box)):
            col = QVBoxLayout()
            for box in boxes:
                col.addWidget(box)
            col.addStretch(1)
            columns.addLayout(col, 1)
        outer.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(picker)
        lay.addWidget(scroll, 1)

    def _boxes(self) -> list[TableBox]:
        return [self.stars_box, self.groups_box, self.communes_box, self.producers_box, self.trend_box,
                self.watch_box]

    # -- loading ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale and self.autoload:
            QTimer.singleShot(0, self._reload_if_stale)

    def _reload_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.reload()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self._reload_if_stale)

    def reload(self) -> None:
        self._stale = False
        self._generation += 1
        gen, db, year = self._generation, self.db, self.year.value()
        communes, label = area_picker.chosen(self.commune)
        self.status.setText(_("Loading…"))

        def load(_ctx: ops.OpContext) -> Any:
            with db.read_session() as s:
                return dashboard.load(s, year, communes, label=label), area_picker.load_areas(s)

        ops.run_query(self, load, on_success=lambda res: self._loaded(gen, *res))

    def _loaded(self, generation: int, data: DashboardData, areas: tuple[list[int], list[Any]]) -> None:
        if generation != self._generation:
            return
        self.data = data
        area_picker.fill(self.commune, *areas)
        self.status.setText(_("Figures {period}, {scope}").format(period=data.period.long_label(),
                                                                  scope=data.scope.label))
        total = data.communes.total
        for key in ("total", "s3", "s4", "s5", "producers"):
            self._set_card(key, (data.communes.value(-1, key) if total is not None else 0) or 0)
        due = data.watch.ids(-1, "name")
        self._set_card("watch", len(due[1]) if due else 0)
        self.stars_box.set_table(data.stars)
        self.groups_box.set_table(data.groups)
        self.communes_box.set_table(data.communes)
        self.producers_box.set_table(data.producers)
        self.trend_box.set_table(data.trend)
        self.watch_box.set_table(data.watch)
        self._fill_targets(data)
        self.loaded.emit()
        ops.run_query(self, lambda _ctx: _warm_charts(), on_success=lambda _r: self._charts(generation))

    def _set_card(self, key: str, value: int) -> None:
        b = self.card_buttons[key]
        b.setText(f"{format_number(value)}\n{b.text().split(chr(10), 1)[1]}")

    def _fill_targets(self, data: DashboardData) -> None:
        while self.targets_grid.count():
            w = self.targets_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.target_rows = []
        if not data.targets:
            self.targets_title.setText(_("Targets of the plan in force: no plan covers {year} yet (add it in the "
                                         "Plans and targets tab).").format(year=data.period.end.year))
            return
        self.targets_title.setText(_("Targets of the plan in force: {plan}").format(plan=data.plan_title))
        for i, t in enumerate(data.targets):
            words = QLabel(t.words)
            words.setWordWrap(True)
            actual = QPushButton(format_cell(t.actual, "num") or "–")
            actual.setFlat(True)
            actual.setToolTip(_("Click to open the records behind this number"))
            actual.setEnabled(bool(t.ids and t.drill))
            actual.clicked.connect(lambda _c=False, row=t: self.drill.emit(row.drill, row.ids, row.words))
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(int(min(t.percent or 0, 100)))
            bar.setFormat(_("achieved {percent} percent of the plan").format(percent=format_cell(t.percent, "pct"))
                          if t.percent is not None else _("no figure yet"))
            target = QLabel(_("plan: {target} {unit}").format(target=t.target, unit=t.unit))
            self.targets_grid.addWidget(words, i, 0)
            self.targets_grid.addWidget(target, i, 1)
            self.targets_grid.addWidget(actual, i, 2)
            self.targets_grid.addWidget(bar, i, 3)
            self.target_rows.append((actual, bar))
        self.targets_grid.setColumnStretch(0, 3)
        self.targets_grid.setColumnStretch(3, 2)

    def _charts(self, generation: int) -> None:
        if generation != self._generation or self.data is None:
            return
        from ocop_desktop.ui.reports import charts

        for box, t in ((self.stars_box, self.data.stars), (self.groups_box, self.data.groups),
                       (self.communes_box, self.data.communes), (self.producers_box, self.data.producers),
                       (self.trend_box, self.data.trend)):
            if t.chart is not None and not t.empty:
                box.set_chart(charts.canvas(t.chart, box))
        self.charts_shown.emit()

    # -- actions ---------------------------------------------------------------------------
    def _card_clicked(self, key: str) -> None:
        if self.data is None:
            return
        if key == "watch":
            ids = self.data.watch.ids(-1, "name")
            if ids:
                self.drill.emit(ids[0], ids[1], _("Due in 180 days"))
            return
        d = self.data.communes.ids(-1, key)
        if d is not None:
            label = self.card_buttons[key].text().split("\n", 1)[1]
            self.drill.emit(d[0], d[1], label)

    def _watch_open(self, row: int, _col: int) -> None:
        if self.data is None or row >= len(self.data.watch.rows):
            return
        d = self.data.watch.ids(row, "name")
        if d and d[1]:
            self.open_product.emit(next(iter(d[1])))


def _warm_charts() -> None:
    from ocop_desktop.ui.reports import charts

    charts.warm_up()

