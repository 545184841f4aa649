"""The *Điểm bán OCOP* tab: OCOP points of sale and showrooms (search over names, addresses,
operators and the products carried; filters by commune, opening year, kind and status)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop.domain.trade_promotion import SALE_POINT_KIND_LABELS, SalePointKind
from ocop_desktop.i18n import N_, _, format_number, ngettext
from ocop_desktop.ui.pages.list_support import ANY, FilterCombo, Loaded, load_rows, run_dialog
from ocop_desktop.ui.pages.record_list_page import RecordListPage
from ocop_desktop.ui.record_model import Column, FoldedKey, RecordTableModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ocop_desktop.db import Database


class SalePointTableModel(RecordTableModel):
    COLUMNS = (
        Column("name", N_("Point of sale"), lambda r: r.name, FoldedKey("name"), presorted=True, max_chars=40),
        Column("kind", N_("Kind"), lambda r: r.kind_label, FoldedKey("kind_label"), max_chars=26),
        Column("commune", N_("Commune"), lambda r: r.commune_name, FoldedKey("commune_name"), max_chars=24),
        Column("operator", N_("Operator"), lambda r: r.operator, FoldedKey("operator"), max_chars=30),
        Column("opening", N_("Opened"), lambda r: r.opening_text,
               lambda r: r.opening_date.toordinal() if r.opening_date else 0, max_chars=12),
        Column("products", N_("Products"), lambda r: format_number(r.product_count), lambda r: r.product_count,
               numeric=True, max_chars=10),
        Column("status", N_("Status"), lambda r: r.status_label, lambda r: r.status, max_chars=16),
    )


class SalePointsPage(RecordListPage):
    MODEL_CLASS = SalePointTableModel

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
        self.commune_filter = FilterCombo(_("All communes"), _("Show only the points of one commune"))
        self.commune_filter.currentIndexChanged.connect(self._commune_changed)
        self.year_filter = FilterCombo(_("All years"), _("Show only the points opened in one year"), max_chars=10)
        self.year_filter.currentIndexChanged.connect(self._year_changed)
        self.kind_filter = FilterCombo(_("All kinds"), _("Show only one kind of point of sale"))
        self.kind_filter.set_choices((_(SALE_POINT_KIND_LABELS[k]), k.value) for k in SalePointKind)
        self.kind_filter.currentIndexChanged.connect(self._kind_changed)
        self.status_filter = FilterCombo(_("All statuses"), _("Show only open, closed or coming points"))
        from ocop_desktop.services.sale_points import STATUS_LABELS

        self.status_filter.set_choices((_(text), code) for code, text in STATUS_LABELS.items())
        self.status_filter.currentIndexChanged.connect(self._status_changed)
        for combo in (self.commune_filter, self.year_filter, self.kind_filter, self.status_filter):
            row.addWidget(combo)

    def _commune_changed(self) -> None:
        code = self.commune_filter.value()
        self.set_filter("commune", None if code is ANY else (lambda r: r.commune_code == code))

    def _year_changed(self) -> None:
        year = self.year_filter.value()
        self.set_filter("year", None if year is ANY else (lambda r: r.year == year))

    def _kind_changed(self) -> None:
        kind = self.kind_filter.value()
        self.set_filter("kind", None if kind is ANY else (lambda r: r.kind == kind))

    def _status_changed(self) -> None:
        status = self.status_filter.value()
        self.set_filter("status", None if status is ANY else (lambda r: r.status == status))

    def apply_loaded(self, loaded: Loaded) -> None:
        self.commune_filter.set_choices((name, code) for code, name in loaded.communes)
        years = sorted({r.year for r in loaded.rows if r.year}, reverse=True)
        self.year_filter.set_choices((str(y), y) for y in years)

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.sale_points import list_points

        return load_rows(db, list_points)

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.cycle.sale_point_dialog import SalePointDialog

        return run_dialog(SalePointDialog(self.db, point_id=record_id, parent=self))

    @staticmethod
    def delete_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.sale_points import delete_point

        delete_point(session, record_id)

    @staticmethod
    def restore_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.sale_points import restore_point

        restore_point(session, record_id)

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the point of sale “{name}”?").format(name=row.name),
                _("It disappears from the lists but is kept: you can undo, or restore it later "
                  "with “Show deleted”."))

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the point of sale “{name}”.").format(name=row.name)

    def restored_text(self, row: Any) -> str:
        return _("Restored the point of sale “{name}”.").format(name=row.name)
