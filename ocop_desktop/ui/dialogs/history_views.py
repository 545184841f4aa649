"""The extra tabs of the record dialogs (issue 9 §4), loaded in a worker when first shown:

- :class:`ProductHistoryView` — a product's evaluations, recognition decisions,
  certificates and revocations, newest first (``services.history.product_history``);
- :class:`ProducerHistoryView` — the producer's ideas, the trade promotion events it took part in, its
  training and support, and its products' histories, in one list;
- :class:`ProducerProductsView` — a producer's products, with "Add product…", which opens
  the product dialog with the producer preset (a double-click opens a product), and refreshes
  the list after a save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import N_, _
from ocop_desktop.ui import ops

if TYPE_CHECKING:
    from ocop_desktop.db import Database


def record_tabs(details: QLayout, extra: list[tuple[QWidget, str]]) -> QTabWidget:
    """The dialog's form as the first tab ("Details"), then ``extra`` (widget, title) tabs."""
    tabs = QTabWidget()
    page = QWidget()
    page.setLayout(details)
    tabs.addTab(page, _("Details"))
    for widget, title in extra:
        tabs.addTab(widget, title)
    return tabs


class _LoadedTable(QWidget):
    """A read-only table with a "Loading…"/empty message, filled by a worker on first show."""

    loaded = Signal()
    COLUMNS: tuple[str, ...] = ()
    STRETCH = 0  # the column that stretches
    #: The other columns fit their content up to this share of the table's width each; a
    #: longer text wraps in its cell (its tooltip has it whole), so nothing scrolls sideways.
    MAX_SHARE = 0.25

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.has_loaded = False
        self._started = False
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # set by _fit_columns
        # The wide column takes the room left and wraps: no sideways scrolling.
        header.setSectionResizeMode(self.STRETCH, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 6)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())  # wrapped rows fit
        self.table.installEventFilter(self)
        self.message = QLabel(_("Loading…"))
        self.message.setObjectName("emptyLabel")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.table)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.stack, 1)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt virtual
        super().showEvent(event)
        if not self._started:
            self.reload()

    def reload(self) -> None:
        self._started = True
        ops.run_query(self, self.query, on_success=self._fill)

    def query(self, ctx: ops.OpContext) -> list:
        raise NotImplementedError

    def cells(self, row: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def _fill(self, rows: list) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(self.cells(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self._fit_columns()
        self.message.setText(self.empty_text())
        self.stack.setCurrentIndex(1 if rows else 0)
        self.has_loaded = True
        self.loaded.emit()

    def _fit_columns(self) -> None:
        """Each column but the stretching one as wide as its content and heading, at most
        :attr:`MAX_SHARE` of the table; then the rows as tall as their wrapped text."""
        header = self.table.horizontalHeader()
        cap = max(header.minimumSectionSize(), int(self.table.viewport().width() * self.MAX_SHARE))
        for c in range(self.table.columnCount()):
            if c != self.STRETCH:
                wanted = max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c))
                header.resizeSection(c, min(wanted, cap))
        self.table.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt virtual
        # The table gets its real width only once shown (a hidden page of the stack keeps a
        # default size): fit the columns again whenever it is resized.
        # Deferred: the viewport takes the new size after the table's own resize handling.
        if watched is self.table and event.type() == QEvent.Type.Resize and self.table.rowCount():
            QTimer.singleShot(0, self, self._fit_columns)
        return super().eventFilter(watched, event)

    def texts(self) -> list[tuple[str, ...]]:
        """What the table shows, row by row (tests)."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]


class ProductHistoryView(_LoadedTable):
    COLUMNS = (N_("Date"), N_("Event"), N_("Details"), N_("Status"))
    STRETCH = 2

    def __init__(self, db: Database, product_id: str, parent: QWidget | None = None) -> None:
        self.product_id = product_id
        super().__init__(db, parent)

    def query(self, _ctx: ops.OpContext) -> list:
        from ocop_desktop.services.history import product_history

        with self.db.read_session() as s:
            return product_history(s, self.product_id)

    def cells(self, e: Any) -> tuple[str, ...]:
        return (e.when, e.title, e.detail, e.status)

    def empty_text(self) -> str:
        return _("No evaluation, decision, certificate or trade promotion for this product yet.")


class ProducerHistoryView(ProductHistoryView):
    """The producer's ideas, the trade promotion events it took part in, its training and support,
    and its products' evaluations, decisions and certificates, newest first."""

    def __init__(self, db: Database, producer_id: str, parent: QWidget | None = None) -> None:
        self.producer_id = producer_id
        super().__init__(db, producer_id, parent)

    def query(self, _ctx: ops.OpContext) -> list:
        from ocop_desktop.services.history import producer_history

        with self.db.read_session() as s:
            return producer_history(s, self.producer_id)

    def empty_text(self) -> str:
        return _("No idea, trade promotion, training, support, evaluation, decision or certificate for this "
                 "producer yet.")


class ProducerProductsView(_LoadedTable):
    """Signals: ``product_saved(id)`` after "Add product…" (or a double-click to edit) saved one."""

    COLUMNS = (N_("Product"), N_("Product code"), N_("Product set"), N_("Status"))
    product_saved = Signal(str)

    def __init__(self, db: Database, producer_id: str, parent: QWidget | None = None) -> None:
        self.producer_id = producer_id
        super().__init__(db, parent)
        #: The product dialog last opened from here (tests drive it).
        self.dialog: QDialog | None = None
        self.add_button = QPushButton(_("Add product…"))
        self.add_button.setToolTip(_("A new product of this producer"))
        self.add_button.clicked.connect(lambda: self.add_product())
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.layout_.insertLayout(0, row)
        self.table.setToolTip(_("Double-click a product to open it"))
        self.table.doubleClicked.connect(lambda index: self.open_product(self.rows[index.row()].id))

    def query(self, _ctx: ops.OpContext) -> list:
        from ocop_desktop.services.history import producer_products

        with self.db.read_session() as s:
            return producer_products(s, self.producer_id)

    def cells(self, p: Any) -> tuple[str, ...]:
        return (p.name, p.code, p.set_label, p.status_label)

    def empty_text(self) -> str:
        return _("This producer has no product yet.")

    def add_product(self) -> QDialog:
        return self.open_product(None)

    def open_product(self, product_id: str | None) -> QDialog:
        from ocop_desktop.ui.dialogs.product_dialog import ProductDialog

        dialog = ProductDialog(self.db, product_id=product_id, producer_id=self.producer_id, parent=self)
        self.dialog = dialog

        def closed(_result: int) -> None:
            if dialog.saved_id:
                self.reload()
                self.product_saved.emit(dialog.saved_id)

        dialog.finished.connect(closed)
        dialog.open()
        return dialog
