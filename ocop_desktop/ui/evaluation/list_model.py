"""The evaluation list's columns, on the shared record-list model (filtering and sorting in Python)."""

from __future__ import annotations

from typing import Any

from ocop_desktop.i18n import N_, _, ngettext
from ocop_desktop.ui.evaluation.texts import star_row
from ocop_desktop.ui.record_model import Column, FoldedKey, RecordTableModel


def _stars(r: Any) -> str:
    if r.eliminated:
        return _("Eliminated")
    return star_row(r.stars) if r.stars else ""


def _total_sort(r: Any) -> float:
    return float(r.total) if r.total is not None else -1.0


class EvaluationTableModel(RecordTableModel):
    COLUMNS = (
        Column("product", N_("Product"), lambda r: r.product_name, FoldedKey("product_name"), max_chars=30),
        Column("producer", N_("Producer"), lambda r: r.producer_name, FoldedKey("producer_name"),
               max_chars=30),
        Column("kind", N_("Type"), lambda r: r.kind_label, FoldedKey("kind_label"), max_chars=28),
        Column("period", N_("Period"), lambda r: r.period_label, lambda r: r.year * 10 + (r.round or 0),
               presorted=False, max_chars=14),
        Column("status", N_("Status"), lambda r: r.status_label, lambda r: r.status, max_chars=16),
        Column("total", N_("Total"), lambda r: r.total_text, _total_sort, numeric=True, max_chars=10),
        Column("stars", N_("Stars"), _stars, lambda r: -1 if r.eliminated else (r.stars or 0), max_chars=12),
    )

    def tooltip(self, row: Any, col: Column) -> str | None:
        if not row.deleted and col.key == "stars" and row.stars:
            return ngettext("{n} star", "{n} stars", row.stars).format(n=row.stars)
        if not row.deleted and col.key == "product" and row.product_code:
            return f"{row.product_name} ({row.product_code})"
        return super().tooltip(row, col)
