"""The *Điểm bán OCOP* tab: OCOP points of sale and showrooms (search over names, addresses,
operators and the products carried; filters by commune, opening year, kind and status)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop import list_columns
from ocop_desktop.domain.trade_promotion import SALE_POINT_KIND_LABELS, SalePointKind
from ocop_desktop.i18n import _, format_number, ngettext
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


class SalePointTableModel(RecordTableModel):
    COLUMNS = list_columns.SALE_POINTS


class SalePointsPage(RecordListPage):
    MODEL_CLASS = SalePointTableModel
    RECORD_SERVICE = ("ocop_desktop.services.sale_points", "delete_point", "restore_point")

    def title_text(self) -> str:
        return _("OCOP points of sale")

    def subtitle_text(self) -> str:
        return _("Points of sale, showrooms and stalls that carry the OCOP products of your communes.")

    def search_placeholder(self) -> str:
        return _("Search by name, address, operator or product… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New point of sale")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} point of sale", "{shown} / {total} points of sale", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str]:
        return (_("No point of sale yet. Record the shops and showrooms that sell OCOP products."),
                _("Add a point of sale"))

    def no_match_text(self) -> str:
        return _("No point of sale matches the search and filters.")

    def build_filters(self, row: QHBoxLayout) -> None:
        from ocop_desktop.services.sale_points import STATUS_LABELS

        self.commune_filter = self.add_filter(row, FilterCombo(
            _("All communes"), _("Show only the points of one commune")), "commune_code")
        self.year_filter = self.add_filter(row, FilterCombo(
            _("All years"), _("Show only the points opened in one year"), max_chars=10), "year")
        self.kind_filter = self.add_filter(row, FilterCombo(
            _("All kinds"), _("Show only one kind of point of sale")), "kind")
        self.kind_filter.set_choices((_(SALE_POINT_KIND_LABELS[k]), k.value) for k in SalePointKind)
        self.status_filter = self.add_filter(row, FilterCombo(
            _("All statuses"), _("Show only open, closed or coming points")), "status")
        self.status_filter.set_choices((_(text), code) for code, text in STATUS_LABELS.items())

    def apply_loaded(self, loaded: Loaded) -> None:
        self.commune_filter.set_choices((name, code) for code, name in loaded.communes)
        self.year_filter.set_choices(year_choices(loaded.rows))

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.sale_points import list_points

        return load_rows(db, list_points)

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.cycle.sale_point_dialog import SalePointDialog

        return run_dialog(SalePointDialog(self.db, point_id=record_id, parent=self))

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the point of sale “{name}”?").format(name=row.name),
                self.tombstone_hint())

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the point of sale “{name}”.").format(name=row.name)

    def restored_text(self, row: Any) -> str:
        return _("Restored the point of sale “{name}”.").format(name=row.name)
