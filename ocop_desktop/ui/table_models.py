"""Table models for the record lists, and the fast filter/sort proxy in front of them.

Rows are the plain frozen dataclasses of the list services (``ProducerRow``,
``ProductRow``), each with a precomputed accent-folded ``search_text``. Two things are
done in Python on purpose, because letting Qt call back into Python once per row and
comparison would be far too slow for 20,000 rows:

* filtering: :class:`RecordFilterProxy` computes one ``bytearray`` mask in a single pass
  over the rows, so ``filterAcceptsRow`` is a plain index into it;
* sorting: header clicks reach :meth:`RecordFilterProxy.sort`, which asks the source
  model to reorder its rows with precomputed keys (a stable sort on top of the
  services' name order), emitting ``layoutAboutToBeChanged``/``layoutChanged``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
import unicodedata
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from ocop_desktop.domain import product_sets
from ocop_desktop.domain.vocab import ProductStatus
from ocop_desktop.i18n import N_, _
from ocop_desktop.text import search_terms

ObjectRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


_SORT_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """A sort key: Vietnamese letters without their marks ('Đình' ~ 'dinh').

    Cheaper than ``text.fold`` (a C-level encode drops the combining marks), which
    matters when 20,000 distinct names are sorted on a header click.
    """
    return unicodedata.normalize("NFD", text.translate(_SORT_EXTRA)).encode("ascii", "ignore").decode().casefold()


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # message id, translated at display time
    display: Callable[[Any], str]
    sort_value: Callable[[Any], str | int]
    #: The services deliver rows sorted by name: this column needs no sorting work.
    presorted: bool = False
    numeric: bool = False
    #: Widest the column gets when fitted to its content, in average characters.
    max_chars: int = 30


class RecordTableModel(QAbstractTableModel):
    """Read-only rows of one list service; see the module docstring for sorting.

    Signals:
        rows_replaced: the row order or content changed; emitted *before* the views are
            told (inside the reset or layout change), so a proxy can rebuild its filter mask.
    """

    rows_replaced = Signal()
    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._base: list[Any] = []  # as delivered (name order); ties in sorting keep it
        self._rows: list[Any] = []  # in display order
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._ids: dict[str, int] | None = None
        self._keys: dict[int, list[Any]] = {}  # sort keys per column, in base order
        self._deleted_brush = QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                              QPalette.ColorRole.Text)
        self._deleted_font = QFont()
        self._deleted_font.setItalic(True)

    # -- Qt interface -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.display(row)
        if role == ObjectRole:
            return row
        if role == SortRole:
            return col.sort_value(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if row.deleted:
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._deleted_brush
            if role == Qt.ItemDataRole.FontRole:
                return self._deleted_font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.COLUMNS):
                return _(self.COLUMNS[section].title)
        return None

    def tooltip(self, row: Any, col: Column) -> str | None:
        if row.deleted:
            return _("Deleted. Select it and press Restore to bring it back.")
        return col.display(row) or None

    # -- rows -----------------------------------------------------------------------
    def rows(self) -> list[Any]:
        """The rows in display order (do not modify)."""
        return self._rows

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._base = list(rows)
        self._keys = {}
        self._rows = self._ordered(self._base)
        self._ids = None
        self.rows_replaced.emit()
        self.endResetModel()

    def row_of(self, record_id: str) -> int:
        """Display row of a record id, or -1."""
        if self._ids is None:
            self._ids = {r.id: i for i, r in enumerate(self._rows)}
        return self._ids.get(record_id, -1)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.COLUMNS) if c.key == key)

    def _ordered(self, base: list[Any]) -> list[Any]:
        if self._sort is None:
            return list(base)
        column, order = self._sort
        col = self.COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if col.presorted:
            return base[::-1] if descending else list(base)
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = [col.sort_value(r) for r in base]
        # sorted() is stable and, with reverse=True, keeps equal keys in base (name) order.
        perm = sorted(range(len(base)), key=keys.__getitem__, reverse=descending)
        return [base[i] for i in perm]

    def sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort = (column, order)
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_pos = {id(r): i for i, r in enumerate(self._rows)}
        new_rows = self._ordered(self._base)
        new_pos = [0] * len(new_rows)
        for new, r in enumerate(new_rows):
            new_pos[old_pos[id(r)]] = new
        persistent = self.persistentIndexList()
        self._rows = new_rows
        self._ids = None
        self.changePersistentIndexList(
            persistent, [self.index(new_pos[i.row()], i.column()) if i.isValid() else QModelIndex()
                         for i in persistent])
        self.rows_replaced.emit()
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_rows(column, order)


def _count(n: int) -> str:
    return str(n)


class ProducerTableModel(RecordTableModel):
    COLUMNS = (
        Column("name", N_("Producer"), lambda r: r.name, lambda r: _folded(r.name), presorted=True,
               max_chars=34),
        Column("kind", N_("Producer type"), lambda r: r.kind_label, lambda r: _folded(r.kind_label), max_chars=32),
        Column("identifier", N_("Tax code / ID"), lambda r: r.identifier, lambda r: r.identifier,
               max_chars=20),
        Column("commune", N_("Commune"), lambda r: r.commune_name, lambda r: _folded(r.commune_name),
               max_chars=24),
        Column("rep", N_("Representative"), lambda r: r.rep_name, lambda r: _folded(r.rep_name),
               max_chars=26),
        Column("phone", N_("Phone"), lambda r: r.phone, lambda r: r.phone, max_chars=18),
        Column("products", N_("Products"), lambda r: _count(r.product_count), lambda r: r.product_count,
               numeric=True, max_chars=12),
    )


_STATUS_ORDER = {s.value: i for i, s in enumerate(ProductStatus)}


def _status_sort(r: Any) -> int:
    return _STATUS_ORDER.get(r.status, 99) * 10 + (r.stars or 0)


class ProductTableModel(RecordTableModel):
    COLUMNS = (
        Column("name", N_("Product"), lambda r: r.name, lambda r: _folded(r.name), presorted=True,
               max_chars=30),
        Column("code", N_("Product code"), lambda r: r.code, lambda r: r.code, max_chars=22),
        Column("producer", N_("Producer"), lambda r: r.producer_name, lambda r: _folded(r.producer_name),
               max_chars=34),
        Column("set", N_("Product set"), lambda r: r.set_label, lambda r: r.product_set, max_chars=34),
        Column("commune", N_("Commune"), lambda r: r.commune_name, lambda r: _folded(r.commune_name),
               max_chars=24),
        Column("status", N_("Status"), lambda r: r.status_label, _status_sort, max_chars=22),
    )

    def tooltip(self, row: Any, col: Column) -> str | None:
        if not row.deleted and col.key == "set":
            ps = product_sets.BY_NUMBER.get(row.product_set)
            return ps.path_label() if ps else None
        return super().tooltip(row, col)


Predicate = Callable[[Any], bool]


class RecordFilterProxy(QSortFilterProxyModel):
    """Accent-insensitive search plus named predicates, as one precomputed row mask.

    ``set_search`` folds the query (``text.search_terms``): every word must be a
    substring of the row's ``search_text``, so NFC and NFD input both work.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._predicates: dict[str, Predicate] = {}
        self._pred_mask: bytearray | None = None  # rows passing every predicate
        self._mask: bytearray | None = None  # None: accept every row
        self._counts: dict[str, int] = {}  # count_passing() per predicate, until rows/predicates change
        self._texts: list[str] = []  # search_text of each source row, in source order
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802
        old = self.sourceModel()
        if isinstance(old, RecordTableModel):
            old.rows_replaced.disconnect(self._rebuild)
        super().setSourceModel(model)
        if isinstance(model, RecordTableModel):
            # Direct: the mask must be right before the proxy re-reads the rows.
            model.rows_replaced.connect(self._rebuild, Qt.ConnectionType.DirectConnection)
        self._rebuild()

    # -- filters ----------------------------------------------------------------------
    @property
    def terms(self) -> list[str]:
        return list(self._terms)

    def set_search(self, query: str) -> None:
        terms = search_terms(query)
        if terms == self._terms:
            return
        # Typing one more letter only narrows the result: test just the rows shown now.
        narrows = bool(self._terms) and self._mask is not None and all(
            any(old in new for new in terms) for old in self._terms)
        self._terms = terms
        self.beginFilterChange()
        self._mask = self._narrow(self._mask) if narrows else self._compute(predicates_changed=False)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_predicate(self, name: str, predicate: Predicate | None) -> None:
        if predicate is None:
            if self._predicates.pop(name, None) is None:
                return
        else:
            self._predicates[name] = predicate
        self._counts.pop(name, None)
        self._refilter(predicates_changed=True)

    def has_filters(self, *, ignore: Sequence[str] = ()) -> bool:
        return bool(self._terms) or any(k not in ignore for k in self._predicates)

    def count_passing(self, name: str) -> int:
        """Rows that pass one predicate alone (e.g. the live rows, for 'N / M')."""
        cached = self._counts.get(name)
        if cached is None:
            rows = self._source_rows()
            pred = self._predicates.get(name)
            cached = self._counts[name] = len(rows) if pred is None else sum(1 for r in rows if pred(r))
        return cached

    def _source_rows(self) -> list[Any]:
        model = self.sourceModel()
        return model.rows() if isinstance(model, RecordTableModel) else []

    def _rebuild(self) -> None:
        self._texts = [r.search_text for r in self._source_rows()]
        self._counts.clear()
        self._pred_mask = None
        self._mask = self._compute(predicates_changed=True)

    def _refilter(self, *, predicates_changed: bool) -> None:
        self.beginFilterChange()
        self._mask = self._compute(predicates_changed=predicates_changed)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _narrow(self, previous: bytearray) -> bytearray:
        texts, terms = self._texts, self._terms
        mask = bytearray(len(previous))
        for i in [i for i, keep in enumerate(previous) if keep]:
            text = texts[i]
            if all(t in text for t in terms):
                mask[i] = 1
        return mask

    def _compute(self, *, predicates_changed: bool) -> bytearray | None:
        rows = self._source_rows()
        if predicates_changed:
            preds = list(self._predicates.values())
            if not preds:
                self._pred_mask = None
            elif len(preds) == 1:
                (p,) = preds
                self._pred_mask = bytearray([p(r) for r in rows])
            else:
                self._pred_mask = bytearray([all(p(r) for p in preds) for r in rows])
        terms, base, texts = self._terms, self._pred_mask, self._texts
        if not terms:
            return base
        if len(terms) == 1:
            (t,) = terms
            if base is None:
                return bytearray([t in s for s in texts])
            return bytearray([b and t in s for b, s in zip(base, texts, strict=True)])
        if base is None:
            return bytearray([all(t in s for t in terms) for s in texts])
        return bytearray([b and all(t in s for t in terms) for b, s in zip(base, texts, strict=True)])

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        mask = self._mask
        return mask is None or mask[source_row] == 1

    # -- sorting ----------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the source with precomputed keys (see the module docstring)."""
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            model.sort_rows(column, order)

    # -- convenience ------------------------------------------------------------------
    def row_object(self, proxy_row: int) -> Any:
        return self.index(proxy_row, 0).data(ObjectRole)

    def proxy_row_of(self, record_id: str) -> int:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return -1
        src = model.row_of(record_id)
        if src < 0:
            return -1
        return self.mapFromSource(model.index(src, 0)).row()
