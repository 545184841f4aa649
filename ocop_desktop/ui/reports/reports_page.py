"""The *Báo cáo* section: *Tổng quan* (the dashboard), *Kế hoạch – chỉ tiêu* (plans and their
targets) and *Báo cáo gửi cấp trên* (the reports sent up, frozen reports). Each tab is built the
first time it is shown; the main window turns ``drill`` into the filtered products or producers
list and ``open_product`` into the product's dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ocop_desktop.i18n import _

if TYPE_CHECKING:
    from ocop_desktop.db import Database

TABS = ("dashboard", "plans", "send_up")


class ReportsPage(QWidget):
    drill = Signal(str, object, str)  # kind ("products" | "producers"), ids, what they are
    open_product = Signal(str)
    status_message = Signal(str)
    records_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *, autoload: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        self.autoload = autoload
        title = QLabel(_("Reports"))
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self._built: dict[str, QWidget] = {}
        for key, text in zip(TABS, (_("Overview"), _("Plans and targets"), _("Reports sent up")), strict=True):
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 4, 0, 0)
            self.tabs.addTab(holder, text)
            holder.setProperty("tab_key", key)
        self.tabs.currentChanged.connect(self._build_current)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.tabs, 1)
        self._build_current(0)

    def tab(self, key: str) -> QWidget:
        """The tab's content (built now if it was not yet)."""
        i = TABS.index(key)
        if key not in self._built:
            holder = self.tabs.widget(i)
            w = self._create(key)
            holder.layout().addWidget(w)
            self._built[key] = w
        return self._built[key]

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentIndex(TABS.index(key))
        return self.tab(key)

    def _build_current(self, index: int) -> None:
        if 0 <= index < len(TABS):
            self.tab(TABS[index])

    def _create(self, key: str) -> QWidget:
        if key == "dashboard":
            from ocop_desktop.ui.reports.dashboard import DashboardView

            d = DashboardView(self.db, autoload=self.autoload)
            d.drill.connect(self.drill)
            d.open_product.connect(self.open_product)
            return d
        if key == "send_up":
            from ocop_desktop.ui.reports.send_up import SendUpView

            v = SendUpView(self.db, autoload=self.autoload)
            v.status_message.connect(self.status_message)
            return v
        from ocop_desktop.ui.reports.plans_page import PlansPage

        page = PlansPage(self.db)
        page.autoload = self.autoload
        page.records_changed.connect(self.records_changed)
        page.records_changed.connect(self._plans_changed)
        page.status_message.connect(self.status_message)
        return page

    def _plans_changed(self) -> None:
        dashboard = self._built.get("dashboard")
        if dashboard is not None:
            dashboard.mark_stale()  # its targets come from the plans

    def mark_stale(self) -> None:
        for w in self._built.values():
            if hasattr(w, "mark_stale"):
                w.mark_stale()
