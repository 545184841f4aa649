"""The record-list model (filtering, sorting) and the proxy the views use in front of it.

Rows are the plain frozen dataclasses of the list services (``ProducerRow``,
``ProductRow``), each with a precomputed accent-folded ``search_text``. Filtering and
sorting happen in the source model, in Python, in one pass each, because letting Qt
call back into Python once per row (``filterAcceptsRow``) or per comparison
(``lessThan``) is far too slow for 20,000 rows:

* filtering: one ``bytearray`` mask over the rows (search words and named predicates),
  then the model shows the rows the mask keeps (a model reset). A first version kept
  the mask in the proxy's ``filterAcceptsRow``; measured with the view update included,
  the 20,000 calls from C++ into Python cost ~14 ms of a 36 ms keystroke, over the
  30 ms target; this way a 3-letter search takes ~22 ms;
* sorting: header clicks reach :meth:`RecordFilterProxy.sort`, which asks the model to
  reorder with cached keys (a stable sort on top of the services' name order), emitting
  ``layoutAboutToBeChanged``/``layoutChanged`` so selections follow their rows.

:class:`RecordFilterProxy` is a plain ``QSortFilterProxyModel`` (no Python overrides
on the per-row paths) that forwards those calls, so views and callers keep the usual
model/proxy shape.

The columns themselves (:class:`Column`, :func:`folded`) are Qt-free, in
:mod:`ocop_desktop.list_columns`, shared with the Excel export; they are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress, repeat
from operator import contains, itemgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from ocop_desktop.i18n import _
from ocop_desktop.list_columns import Column, FoldedKey, folded, folded_many
from ocop_desktop.text import search_terms

ObjectRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["Column", "FoldedKey", "ObjectRole", "RecordFilterProxy", "RecordTableModel", "SortRole", "folded",
           "folded_many"]


Predicate = Callable[[Any], bool]


def _pick(seq: Sequence[Any], positions: list[int]) -> list[Any]:
    """``[seq[i] for i in positions]`` in C."""
    if len(positions) > 1:
        return list(itemgetter(*positions)(seq))
    return [seq[i] for i in positions]


def _and(a: bytearray, b: bytearray) -> bytearray:
    """Byte-wise AND of two 0/1 masks of the same length (in C, through big integers)."""
    return bytearray((int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(len(a), "little"))


class RecordTableModel(QAbstractTableModel):
    """Read-only rows of one list service, filtered and sorted in Python (module docstring).

    Indices: "base" positions refer to the rows as delivered (the services sort them by
    name); "display" positions to the rows in the current sort order. The filters work in
    display space (the texts are kept in display order), so the kept rows come out sorted
    with no pass over the order; the model shows ``_shown``, base positions in display order.
    """

    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._base: list[Any] = []
        self._texts: list[str] = []  # search_text of each base row
        self._keys: dict[int, list[Any]] = {}  # sort keys per column, in base order
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._order: list[int] | None = None  # base positions in sort order; None: base order
        self._terms: list[str] = []
        self._predicates: dict[str, Predicate] = {}
        self._pred_mask: bytearray | None = None  # base rows passing every predicate; None: all
        self._otexts: list[str] = []  # search_text in display order
        self._pred_pos: list[int] | None = None  # display positions passing the predicates; None: all
        self._hits: list[int] | None = None  # … and the search words; None: all
        self._counts: dict[str, int] = {}  # count_passing() cache
        self._sums: dict[Callable[[Any], int], list[int]] = {}  # shown_sum() values, in base order
        self._shown: list[int] = []
        self._rows: list[Any] = []  # the shown rows, in display order
        self._ids: dict[str, int] | None = None
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_rows(column, order)

    # -- rows -----------------------------------------------------------------------
    def rows(self) -> list[Any]:
        """The rows shown, in display order (do not modify)."""
        return self._rows

    def all_rows(self) -> list[Any]:
        """Every row loaded, filtered or not, in the services' order."""
        return self._base

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._base = list(rows)
        self._texts = [r.search_text for r in self._base]
        self._keys = {}
        self._sums = {}
        self._counts = {}
        self._order = self._sort_order()
        self._pred_mask = self._predicate_mask()
        self._refilter()
        self.endResetModel()

    def update_record(self, row: Any) -> None:
        """Replace the loaded row with the same id (filters and sorting apply again)."""
        i = next((i for i, r in enumerate(self._base) if r.id == row.id), None)
        if i is not None:
            rows = list(self._base)
            rows[i] = row
            self.set_rows(rows)

    def shown_sum(self, value: Callable[[Any], int]) -> int:
        """The sum of ``value(row)`` over the rows shown (e.g. the amounts of a support list's
        count line): the values are computed once per load, the sum is taken in C."""
        values = self._sums.get(value)
        if values is None:
            values = self._sums[value] = list(map(value, self._base))
        return sum(_pick(values, self._shown))

    def row_of(self, record_id: str) -> int:
        """Display row of a record id, or -1 (also when a filter hides it)."""
        if self._ids is None:
            self._ids = {r.id: i for i, r in enumerate(self._rows)}
        return self._ids.get(record_id, -1)

    def has_record(self, record_id: str) -> bool:
        return any(r.id == record_id for r in self._base)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.COLUMNS) if c.key == key)

    def _refilter(self, start: list[int] | None = None, *, narrowing: bool = False) -> None:
        """Recompute the display-space texts and predicate positions, then search and show.
        ``narrowing``: only the search words changed, and ``start`` holds every row they can keep."""
        order = self._order
        if not narrowing:
            self._otexts = self._texts if order is None else _pick(self._texts, order)
            mask = self._pred_mask
            if mask is None:
                self._pred_pos = None
            else:
                self._pred_pos = list(compress(range(len(mask)), mask if order is None else _pick(mask, order)))
            start = self._pred_pos
        self._hits = self._search(start)
        self._show()

    def _show(self) -> None:
        hits, order, base = self._hits, self._order, self._base
        if hits is None:
            shown = list(range(len(base))) if order is None else order
        else:
            shown = hits if order is None else _pick(order, hits)
        self._shown = shown
        self._rows = _pick(base, shown)
        self._ids = None

    # -- filtering --------------------------------------------------------------------
    @property
    def terms(self) -> list[str]:
        return list(self._terms)

    def set_search(self, query: str) -> None:
        """Every folded word of ``query`` must be in a row's ``search_text`` (NFC or NFD input)."""
        terms = search_terms(query)
        if terms == self._terms:
            return
        # One more letter typed only narrows the result: test just the rows kept now.
        narrows = bool(self._terms) and all(any(old in new for new in terms) for old in self._terms)
        self._terms = terms
        self.beginResetModel()
        if narrows:
            self._refilter(self._hits, narrowing=True)
        else:
            self._refilter(self._pred_pos, narrowing=True)
        self.endResetModel()

    def set_predicate(self, name: str, predicate: Predicate | None) -> None:
        if predicate is None:
            if self._predicates.pop(name, None) is None:
                return
        else:
            self._predicates[name] = predicate
        self._counts.pop(name, None)
        self.beginResetModel()
        self._pred_mask = self._predicate_mask()
        self._refilter()
        self.endResetModel()

    def has_filters(self, *, ignore: Sequence[str] = ()) -> bool:
        return bool(self._terms) or any(k not in ignore for k in self._predicates)

    def count_passing(self, name: str) -> int:
        """Rows that pass one predicate alone (e.g. the live rows, for 'N / M')."""
        cached = self._counts.get(name)
        if cached is None:
            pred = self._predicates.get(name)
            cached = len(self._base) if pred is None else sum(map(bool, map(pred, self._base)))
            self._counts[name] = cached
        return cached

    def _predicate_mask(self) -> bytearray | None:
        preds, rows = list(self._predicates.values()), self._base
        if not preds:
            return None
        mask = bytearray(map(bool, map(preds[0], rows)))
        for p in preds[1:]:
            mask = _and(mask, bytearray(map(bool, map(p, rows))))
        return mask

    def _search(self, start: list[int] | None) -> list[int] | None:
        """The display positions among ``start`` (None: all) whose text holds every search word.

        Each word is tested by ``map(operator.contains, …)`` over the candidates' texts and the
        kept positions taken with ``compress``: C speed, no Python bytecode per row (~1 ms for
        30,000 rows), and a narrowing keystroke tests only the rows still shown."""
        texts, cand = self._otexts, start
        for t in self._terms:
            if cand is None:
                cand = list(compress(range(len(texts)), map(contains, texts, repeat(t))))
            else:
                cand = list(compress(cand, map(contains, _pick(texts, cand), repeat(t))))
        return cand

    # -- sorting ----------------------------------------------------------------------
    def _sort_order(self) -> list[int] | None:
        if self._sort is None:
            return None
        column, order = self._sort
        col = self.COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        n = len(self._base)
        if col.presorted:
            return list(range(n - 1, -1, -1)) if descending else None
        keys = self._keys.get(column)
        if keys is None:
            many = getattr(col.sort_value, "many", None)
            keys = many(self._base) if many is not None else list(map(col.sort_value, self._base))
            self._keys[column] = keys
        # sorted() is stable and, with reverse=True, keeps equal keys in base (name) order.
        return sorted(range(n), key=keys.__getitem__, reverse=descending)

    def sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort = (column, order)
        if not self._rows:
            self._order = self._sort_order()
            self._refilter()
            return
        self.layoutAboutToBeChanged.emit()
        old_pos = {b: p for p, b in enumerate(self._shown)}
        self._order = self._sort_order()
        self._refilter()
        new_pos = [0] * len(self._shown)
        for p, b in enumerate(self._shown):
            new_pos[old_pos[b]] = p
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_pos[i.row()], i.column()) if i.isValid() else QModelIndex()
                         for i in persistent])
        self.layoutChanged.emit()


class RecordFilterProxy(QSortFilterProxyModel):
    """The view's model: passes filtering and sorting on to the :class:`RecordTableModel`.

    It overrides nothing that Qt calls per row, so it adds no Python calls to a filter
    change or a reset (see the module docstring).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)

    def _model(self) -> RecordTableModel:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model

    @property
    def terms(self) -> list[str]:
        return self._model().terms

    def set_search(self, query: str) -> None:
        self._model().set_search(query)

    def set_predicate(self, name: str, predicate: Predicate | None) -> None:
        self._model().set_predicate(name, predicate)

    def has_filters(self, *, ignore: Sequence[str] = ()) -> bool:
        return self._model().has_filters(ignore=ignore)

    def count_passing(self, name: str) -> int:
        return self._model().count_passing(name)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the source with cached keys (see the module docstring)."""
        self._model().sort_rows(column, order)

    def row_object(self, proxy_row: int) -> Any:
        return self.index(proxy_row, 0).data(ObjectRole)

    def proxy_row_of(self, record_id: str) -> int:
        model = self._model()
        src = model.row_of(record_id)
        if src < 0:
            return -1
        return self.mapFromSource(model.index(src, 0)).row()
