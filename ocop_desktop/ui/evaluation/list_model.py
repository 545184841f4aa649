"""The evaluation list's columns, on the shared record-list model (filtering and sorting in Python)."""

from __future__ import annotations

from typing import Any

from ocop_desktop import list_columns
from ocop_desktop.i18n import ngettext
from ocop_desktop.ui.record_model import Column, RecordTableModel


class EvaluationTableModel(RecordTableModel):
    COLUMNS = list_columns.EVALUATIONS

    def tooltip(self, row: Any, col: Column) -> str | None:
        if not row.deleted and col.key == "stars" and row.stars:
            return ngettext("{n} star", "{n} stars", row.stars).format(n=row.stars)
        if not row.deleted and col.key == "product" and row.product_code:
            return f"{row.product_name} ({row.product_code})"
        return super().tooltip(row, col)
