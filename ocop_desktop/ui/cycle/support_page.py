"""The *Hỗ trợ* tab: support given to producers and products, with filters by commune, year,
kind and funding source."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop.domain.training_support import FUNDING_LABELS, SUPPORT_KIND_LABELS, format_amount
from ocop_desktop.i18n import N_, _, format_date, format_number, ngettext
from ocop_desktop.ui.cycle.training_page import year_choices
from ocop_desktop.ui.pages.list_support import ANY, FilterCombo, Loaded, load_rows, run_dialog
from ocop_desktop.ui.pages.record_list_page import RecordListPage
from ocop_desktop.ui.record_model import Column, FoldedKey, RecordTableModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ocop_desktop.db import Database


class SupportTableModel(RecordTableModel):
    COLUMNS = (
        Column("date", N_("Date"), lambda r: format_date(r.date), lambda r: -r.date.toordinal(), presorted=True,
               max_chars=14),
        Column("producer", N_("Producer"), lambda r: r.producer_name, FoldedKey("producer_name"),
               max_chars=32),
        Column("product", N_("Product"), lambda r: r.product_name, FoldedKey("product_name"), max_chars=26),
        Column("kind", N_("Kind of support"), lambda r: r.kind_label, FoldedKey("kind_label"), max_chars=22),
        Column("what", N_("What was given"), lambda r: r.description, FoldedKey("description"),
               max_chars=30),
        Column("amount", N_("Amount"), lambda r: r.amount_text, lambda r: r.amount, numeric=True, max_chars=18),
        Column("funding", N_("Funding source"), lambda r: r.funding_label, lambda r: r.funding, max_chars=26),
        Column("decision", N_("Decision reference"), lambda r: r.decision_ref, FoldedKey("decision_ref"),
               max_chars=22),
    )


class SupportPage(RecordListPage):
    MODEL_CLASS = SupportTableModel

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
        shown_total = sum(r.amount for r in self.model.rows() if not r.deleted)
        if shown_total:
            text += " · " + _("total {amount}").format(amount=format_amount(shown_total))
        return text

    def empty_texts(self) -> tuple[str, str]:
        return (_("No support recorded yet. Record what producers received and from which budget."),
                _("Add support"))

    def no_match_text(self) -> str:
        return _("No support matches the search and filters.")

    def build_filters(self, row: QHBoxLayout) -> None:
        self.commune_filter = FilterCombo(_("All communes"), _("Show only support to producers of one commune"))
        self.year_filter = FilterCombo(_("All years"), _("Show only support of one year"), max_chars=10)
        self.kind_filter = FilterCombo(_("All kinds"), _("Show only one kind of support"))
        self.kind_filter.set_choices((_(text), code.value) for code, text in SUPPORT_KIND_LABELS.items())
        self.funding_filter = FilterCombo(_("All sources"), _("Show only support from one funding source"))
        self.funding_filter.set_choices((_(text), code.value) for code, text in FUNDING_LABELS.items())
        for combo, attr in ((self.commune_filter, "commune_code"), (self.year_filter, "year"),
                            (self.kind_filter, "kind"), (self.funding_filter, "funding")):
            combo.currentIndexChanged.connect(lambda _i, c=combo, a=attr: self._filter_changed(c, a))
            row.addWidget(combo)

    def _filter_changed(self, combo: FilterCombo, attr: str) -> None:
        value = combo.value()
        self.set_filter(attr, None if value is ANY else (lambda r: getattr(r, attr) == value))

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

    @staticmethod
    def delete_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.support import delete_support

        delete_support(session, record_id)

    @staticmethod
    def restore_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.support import restore_support

        restore_support(session, record_id)

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the support “{kind}” to {producer}?").format(kind=row.kind_label, producer=row.producer_name),
                _("It disappears from the lists but is kept: you can undo, or restore it later "
                  "with “Show deleted”."))

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the support to {producer}.").format(producer=row.producer_name)

    def restored_text(self, row: Any) -> str:
        return _("Restored the support to {producer}.").format(producer=row.producer_name)
