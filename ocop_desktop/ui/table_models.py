"""The producer and product list models, on top of :mod:`record_model`; their columns are in
:mod:`ocop_desktop.list_columns` (Qt-free, shared with the Excel export).

``record_model`` explains how filtering and sorting stay fast for 20,000 rows.
"""

from __future__ import annotations

from typing import Any

from ocop_desktop import list_columns
from ocop_desktop.domain import product_sets
from ocop_desktop.ui.record_model import (
    Column,
    ObjectRole,
    RecordFilterProxy,
    RecordTableModel,
    SortRole,
)

__all__ = ["ObjectRole", "ProducerTableModel", "ProductTableModel", "RecordFilterProxy", "RecordTableModel",
           "SortRole"]


class ProducerTableModel(RecordTableModel):
    COLUMNS = list_columns.PRODUCERS


class ProductTableModel(RecordTableModel):
    COLUMNS = list_columns.PRODUCTS

    def tooltip(self, row: Any, col: Column) -> str | None:
        if not row.deleted and col.key == "set":
            ps = product_sets.BY_NUMBER.get(row.product_set)
            return ps.path_label() if ps else None
        return super().tooltip(row, col)
