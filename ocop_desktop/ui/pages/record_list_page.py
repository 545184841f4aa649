"""What the producer and product lists share: search, filters, table, loading.

Rows are loaded by a background op after the page is shown (start-up stays fast) and
again after every change; the worker opens its own read session. Deleting is a
tombstone written by the services; an "Undo" bar restores it for ~10 seconds, and
"Show deleted" lists tombstoned records greyed so they can be restored later.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _
from ocop_desktop.ui import ops
from ocop_desktop.ui.errors import show_known_error
from ocop_desktop.ui.pages.list_filters import ListFilters, live
from ocop_desktop.ui.pages.list_support import Loaded, SearchKeys
from ocop_desktop.ui.pages.record_actions import RecordActions
from ocop_desktop.ui.table_models import RecordFilterProxy, RecordTableModel
from ocop_desktop.ui.widgets.undo_bar import UndoBar

if TYPE_CHECKING:
    from pathlib import Path

    from ocop_desktop.db import Database


class RecordListPage(ListFilters, RecordActions, QWidget):
    """Base of the producer and product pages; subclasses fill in the hooks below.

    Signals:
        records_changed: this page saved, deleted or restored something.
        status_message(str): a short note for the window's status bar.
        loaded: rows arrived from the database (tests wait on it).
        exported(str): an Excel export of the list was written to this path.
    """

    records_changed = Signal()
    status_message = Signal(str)
    loaded = Signal()
    exported = Signal(str)

    MODEL_CLASS: type[RecordTableModel] = RecordTableModel
    #: The list kind of an Excel export ("products", …); empty: from the class name (PlansPage → plans).
    EXPORT_KIND = ""
    #: The column that takes the width left (the name); the others fit their content.
    STRETCH_COLUMN = 0

    # -- hooks ----------------------------------------------------------------------
    # Texts: title_text, subtitle_text, search_placeholder, new_button_text, no_match_text
    # (-> str), count_text(shown, total) and empty_texts() -> (message, button text).
    # Delete/restore hooks: see RecordActions.

    def extra_buttons(self) -> list[QPushButton]:
        """Buttons a page adds after Open / Delete / Restore (e.g. Import from Excel)."""
        return []

    def build_filters(self, row: QHBoxLayout) -> None:
        """Add filter combos to ``row`` and connect them with :meth:`set_filter`."""

    def apply_loaded(self, loaded: Loaded) -> None:
        """Refresh filter choices from freshly loaded data."""

    @staticmethod
    def load(db: Database) -> Loaded:
        """Runs on a worker thread: open a session, return plain rows."""
        raise NotImplementedError

    def open_record(self, record_id: str | None) -> str | None:
        """Show the add/edit dialog; return the saved record id, or None."""
        raise NotImplementedError

    # -- construction -----------------------------------------------------------------
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        #: False: rows are not loaded when the page is shown (``--smoke``).
        self.autoload = True
        self._generation = 0
        self._stale = True
        self._has_loaded = False
        self._pending_select: str | None = None
        self._columns_fitted = False

        self.model = self.MODEL_CLASS(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_predicate("live", live)

        title = QLabel(self.title_text())
        title.setObjectName("pageTitle")
        subtitle = QLabel(self.subtitle_text())
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.search_placeholder())
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(_("Search as you type (Ctrl+F); Down arrow or Enter goes to the results, "
                                 "Enter there opens the record."))
        self.search.textChanged.connect(self._search_changed)
        self._search_keys = SearchKeys(self.search, self.focus_results)
        self.new_button = QPushButton(self.new_button_text())
        self.new_button.setToolTip(self.new_button_text() + " (Ctrl+N)")
        self.new_button.setDefault(False)
        self.new_button.clicked.connect(self.new_record)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setToolTip(_("Open the selected record (Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("Delete the selected record (Del)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.setToolTip(_("Bring back the selected deleted record"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.hide()
        self.export_button = QPushButton(_("Export to Excel…"))  # Ctrl+E is the main window's
        self.export_button.setToolTip(_("Write the rows shown (search, filters and sort as now) to an Excel "
                                        "file (Ctrl+E)"))
        self.export_button.clicked.connect(lambda: self.export_excel())

        self.show_deleted = QCheckBox(_("Show deleted"))
        self.show_deleted.toggled.connect(self._show_deleted_toggled)
        self.clear_filters_button = QPushButton(_("Clear filters"))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        vh = self.table.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self._size_columns()
        self.table.activated.connect(lambda _i: self.open_selected())
        # Both: a click on the row that is already current (row 0 after a focus-in or a reset)
        # changes only the selection, and a keyboard move changes the current row.
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.delete_action = QAction(_("Delete"), self.table)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_button = QPushButton()
        self.empty_button.clicked.connect(self._empty_action)
        empty = QWidget()
        el = QVBoxLayout(empty)
        el.addStretch(1)
        el.addWidget(self.empty_label)
        el.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        el.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(empty)
        self.undo_bar = UndoBar(self)
        # "Đang lọc: … — Bỏ lọc": the list shows only the records behind a figure (show_only).
        self.id_banner = QFrame()
        self.id_banner.setObjectName("idFilterBanner")
        self.id_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.id_banner_label = QLabel()
        self.id_banner_label.setWordWrap(True)
        self.id_banner_clear = QPushButton(_("Clear this filter"))
        self.id_banner_clear.setToolTip(_("Show the whole list again"))
        self.id_banner_clear.clicked.connect(self.clear_id_filter)
        bl = QHBoxLayout(self.id_banner)
        bl.setContentsMargins(8, 4, 8, 4)
        bl.addWidget(self.id_banner_label, 1)
        bl.addWidget(self.id_banner_clear)
        self.id_banner.hide()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for b in (self.new_button, self.open_button, self.delete_button, self.restore_button, self.export_button,
                  *self.extra_buttons()):
            top.addWidget(b)
        filters = QHBoxLayout()
        self.build_filters(filters)
        filters.addWidget(self.show_deleted)
        filters.addWidget(self.clear_filters_button)
        filters.addStretch(1)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        lay = QVBoxLayout(self)
        lay.addLayout(heading)
        if self.subtitle_text():
            lay.addWidget(subtitle)
        lay.addLayout(top)
        lay.addLayout(filters)
        lay.addWidget(self.id_banner)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.undo_bar)
        self._refresh_view()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.STRETCH_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(200)  # fit to the first rows, not all 20,000

    def _fit_columns(self) -> None:
        """Once, when the first rows arrive: each column as wide as its content, capped."""
        header = self.table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        for i, col in enumerate(self.model.COLUMNS):
            if i == self.STRETCH_COLUMN:
                continue
            title = header.sectionSizeHint(i) + 8  # the heading is never cut
            content = self.table.sizeHintForColumn(i) + 8
            header.resizeSection(i, max(title, min(content, col.max_chars * char)))
        self._columns_fitted = True

    # -- loading ------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale and self.autoload:
            # After the first paint, so the window appears before any database work.
            QTimer.singleShot(0, self._reload_if_stale)

    def _reload_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.reload()

    def mark_stale(self) -> None:
        """Another page changed records this list shows: reload when next shown."""
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self._reload_if_stale)

    def reload(self, select_id: str | None = None) -> None:
        self._stale = False
        self._generation += 1
        generation = self._generation
        if select_id is not None:
            self._pending_select = select_id
        elif self._pending_select is None:
            row = self.current_row()
            self._pending_select = row.id if row is not None else None
        load, db = self.load, self.db

        def work(_ctx: Any) -> Loaded:
            from ocop_desktop.services.common import paused_gc

            with paused_gc():  # tens of thousands of row objects, no cycles
                return load(db)

        ops.run_query(self, work, on_success=lambda res: self._loaded(generation, res))

    def _loaded(self, generation: int, loaded: Loaded) -> None:
        if generation != self._generation:
            return  # an older load finished after a newer one started
        self._has_loaded = True
        from ocop_desktop.services.common import paused_gc

        with paused_gc():
            self.model.set_rows(loaded.rows)
            if not self._columns_fitted and loaded.rows:
                self._fit_columns()
            self.apply_loaded(loaded)
        select, self._pending_select = self._pending_select, None
        if select is not None:
            self.select_record(select)
        self._refresh_view()
        self.loaded.emit()

    @property
    def has_loaded(self) -> bool:
        return self._has_loaded

    # -- the records behind a figure of the reports (search and filters: list_filters.ListFilters) --
    def show_only(self, ids: Iterable[str], what: str) -> None:
        """Show only the records ``ids`` (the records behind a figure of the reports), with a banner
        naming ``what`` they are and a button to clear it; the other filters are cleared first."""
        keep = frozenset(ids)
        self.clear_filters()
        self.set_filter("ids", lambda r: r.id in keep)
        self.id_banner_label.setText(_("Filtered: {what} ({n} records)").format(what=what, n=len(keep)))
        self.id_banner.show()

    def clear_id_filter(self) -> None:
        self.id_banner.hide()
        self.set_filter("ids", None)

    @property
    def id_filter_active(self) -> bool:
        return not self.id_banner.isHidden()

    def clear_filters(self) -> None:
        if self.id_filter_active:
            self.clear_id_filter()
        super().clear_filters()

    # -- view state -----------------------------------------------------------------------
    def _refresh_view(self) -> None:
        shown = self.proxy.rowCount()
        total = self.proxy.count_passing("live")
        filtered = self.proxy.has_filters(ignore=("live",))
        self.clear_filters_button.setEnabled(filtered or self.show_deleted.isChecked())
        if not self._has_loaded:
            self.count_label.setText(_("Loading…"))
            self._show_empty(_("Loading…"), None)
        else:
            self.count_label.setText(self.count_text(shown, total))
            if shown:
                self.stack.setCurrentIndex(0)
            elif filtered:
                self._show_empty(self.no_match_text(), _("Clear search and filters"))
            else:
                self._show_empty(*self.empty_texts())
        self._update_buttons()

    def _show_empty(self, text: str, button: str | None) -> None:
        self.empty_label.setText(text)
        self.empty_button.setVisible(button is not None)
        self.empty_button.setText(button or "")
        self.stack.setCurrentIndex(1)

    def _empty_action(self) -> None:
        if self.proxy.has_filters(ignore=("live",)):
            self.clear_filters()
        else:
            self.new_record()

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.open_button.setEnabled(row is not None and not row.deleted)
        self.delete_button.setEnabled(row is not None and not row.deleted)
        self.delete_action.setEnabled(row is not None and not row.deleted)
        self.restore_button.setVisible(row is not None and row.deleted)

    # -- selection --------------------------------------------------------------------------
    def current_row(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.proxy.row_object(index.row())

    def select_record(self, record_id: str) -> bool:
        row = self.proxy.proxy_row_of(record_id)
        if row < 0 and self.model.has_record(record_id):
            self.clear_filters()  # the record is hidden by a filter: show it anyway
            row = self.proxy.proxy_row_of(record_id)
        if row < 0:
            return False
        self.select_proxy_row(row)
        return True

    def select_proxy_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    # -- actions ----------------------------------------------------------------------------
    def new_record(self) -> None:
        saved = self._open(None)
        if saved:
            self._after_save(saved)

    def _open(self, record_id: str | None) -> str | None:
        """Open the dialog; a record that vanished meanwhile gets a message and a fresh list."""
        try:
            return self.open_record(record_id)
        except KnownError as exc:
            show_known_error(self, exc)
            self.reload()
            return None

    def open_selected(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row.deleted:
            self.restore_selected()
            return
        saved = self._open(row.id)
        if saved:
            self._after_save(saved)

    def export_excel(self, path: Path | None = None) -> ops.Op | None:
        """Ctrl+E: the rows shown to an .xlsx file (asks where unless ``path``); see :mod:`.list_export`."""
        from ocop_desktop.ui.pages.list_export import export_page

        return export_page(self, path)

    def _after_save(self, record_id: str) -> None:
        self.reload(select_id=record_id)
        self.records_changed.emit()
        self.status_message.emit(_("Saved."))
