"""The *Hỗ trợ* tab: support given to producers and products, with filters by commune, year,
kind and funding source."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop import list_columns
from ocop_desktop.domain.funding import FUNDING_LABELS, SUPPORT_FUNDING
from ocop_desktop.domain.training_support import SUPPORT_KIND_LABELS
from ocop_desktop.i18n import _, format_amount, format_number, ngettext
from ocop_desktop.ui.pages.list_support import (
    FilterCombo,
    Loaded,
    load_rows,
    run_dialog,
    year_choices,
)
from ocop_desktop.ui.pages.record_list_page import RecordListPage
from ocop_desktop.ui.record_model import RecordTableModel

if TYPE_CHECKING:

    from ocop_desktop.db import Database


class SupportTableModel(RecordTableModel):
    COLUMNS = list_columns.SUPPORT


def _live_amount(r: Any) -> int:
    return 0 if r.deleted else r.amount or 0


class SupportPage(RecordListPage):
    MODEL_CLASS = SupportTableModel
    RECORD_SERVICE = ("ocop_desktop.services.support", "delete_support", "restore_support")
    STRETCH_COLUMN = 1  # the producer; the dates keep their width

    def title_text(self) -> str:
        return _("Support given")

    def subtitle_text(self) -> str:
        return _("Money and goods given to producers and products: packaging, trademarks, equipment, awards…")

    def search_placeholder(self) -> str:
        return _("Search by producer, product, what was given or decision… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New support")

    def count_text(self, shown: int, total: int) -> str:
        text = ngettext("{shown} / {total} support record", "{shown} / {total} support records", total).format(
            shown=format_number(shown), total=format_number(total))
        shown_total = self.model.shown_sum(_live_amount)
        if shown_total:
            text += " · " + _("total {amount}").format(amount=format_amount(shown_total))
        return text

    def empty_texts(self) -> tuple[str, str]:
        return (_("No support recorded yet. Record what producers received and from which budget."),
                _("Add support"))

    def no_match_text(self) -> str:
        return _("No support matches the search and filters.")

    def build_filters(self, row: QHBoxLayout) -> None:
        self.commune_filter = self.add_filter(row, FilterCombo(
            _("All communes"), _("Show only support to producers of one commune")), "commune_code")
        self.year_filter = self.add_filter(row, FilterCombo(
            _("All years"), _("Show only support of one year"), max_chars=10), "year")
        self.kind_filter = self.add_filter(row, FilterCombo(
            _("All kinds"), _("Show only one kind of support")), "kind")
        self.kind_filter.set_choices((_(text), code.value) for code, text in SUPPORT_KIND_LABELS.items())
        self.funding_filter = self.add_filter(row, FilterCombo(
            _("All sources"), _("Show only support from one funding source")), "funding")
        self.funding_filter.set_choices((_(FUNDING_LABELS[code]), code.value) for code in SUPPORT_FUNDING)

    def apply_loaded(self, loaded: Loaded) -> None:
        self.commune_filter.set_choices((name, code) for code, name in loaded.communes)
        self.year_filter.set_choices(year_choices(loaded.rows))

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.support import list_support

        return load_rows(db, list_support)

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.cycle.support_dialog import SupportDialog

        return run_dialog(SupportDialog(self.db, support_id=record_id, parent=self))

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the support “{kind}” to {producer}?").format(kind=row.kind_label, producer=row.producer_name),
                self.tombstone_hint())

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the support to {producer}.").format(producer=row.producer_name)

    def restored_text(self, row: Any) -> str:
        return _("Restored the support to {producer}.").format(producer=row.producer_name)
