"""The *Chu trình OCOP* section: one tab per record kind of :data:`.tabs.TABS`, each built when
first shown. The main window's commands (Ctrl+N, Ctrl+F, Ctrl+E) go to the current tab's page, and
every tab's ``records_changed`` / ``status_message`` reach the window like a page's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ocop_desktop.i18n import _
from ocop_desktop.ui.cycle.tabs import TABS

if TYPE_CHECKING:
    from ocop_desktop.db import Database


class CyclePage(QWidget):
    records_changed = Signal()
    status_message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None, *, autoload: bool = True,
                 tabs: list | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.autoload = autoload
        self._specs = list(TABS if tabs is None else tabs)
        self._pages: dict[str, QWidget] = {}
        title = QLabel(_("OCOP cycle"))
        title.setObjectName("pageTitle")
        subtitle = QLabel(_("Product ideas, business plans, trade promotion, training and support: the "
                            "cycle's records besides evaluations and certificates."))
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)
        self.tabs = QTabWidget()
        for key, text, _factory in self._specs:
            holder = QWidget()
            holder.setObjectName(f"cycle-{key}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, _(text))
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(subtitle)
        lay.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_changed)
        if self._specs:
            self._tab_changed(0)

    def page(self, key: str) -> QWidget:
        """The tab's page, built on first use."""
        if key not in self._pages:
            i = next(i for i, (k, _t, _f) in enumerate(self._specs) if k == key)
            page = self._specs[i][2](self.db)
            if hasattr(page, "autoload"):
                page.autoload = self.autoload
            if hasattr(page, "records_changed"):
                page.records_changed.connect(self.records_changed)
            if hasattr(page, "status_message"):
                page.status_message.connect(self.status_message)
            self.tabs.widget(i).layout().addWidget(page)
            self._pages[key] = page
        return self._pages[key]

    def show_tab(self, key: str) -> QWidget:
        i = next(i for i, (k, _t, _f) in enumerate(self._specs) if k == key)
        self.tabs.setCurrentIndex(i)
        return self.page(key)

    def current_page(self) -> QWidget | None:
        i = self.tabs.currentIndex()
        return self.page(self._specs[i][0]) if i >= 0 and self._specs else None

    def _tab_changed(self, i: int) -> None:
        if 0 <= i < len(self._specs):
            self.page(self._specs[i][0])

    # -- what the main window asks of a page -------------------------------------------------
    def new_record(self) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, "new_record"):
            page.new_record()

    def focus_search(self) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, "focus_search"):
            page.focus_search()

    def export_excel(self) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, "export_excel"):
            page.export_excel()

    def mark_stale(self) -> None:
        for page in self._pages.values():
            if hasattr(page, "mark_stale"):
                page.mark_stale()
