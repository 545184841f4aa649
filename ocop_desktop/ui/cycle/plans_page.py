"""The *Phương án SXKD* tab of the OCOP cycle: business plans, newest submitted first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop import list_columns
from ocop_desktop.domain.business_plans import PLAN_STATUS_LABELS, PlanStatus
from ocop_desktop.domain.vocab import label
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.ui.pages.list_support import ANY, FilterCombo, Loaded, load_rows, run_dialog
from ocop_desktop.ui.pages.record_list_page import RecordListPage
from ocop_desktop.ui.record_model import RecordTableModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ocop_desktop.db import Database

class PlanTableModel(RecordTableModel):
    COLUMNS = list_columns.PLANS


class PlansPage(RecordListPage):
    MODEL_CLASS = PlanTableModel

    def title_text(self) -> str:
        return _("Business plans")

    def subtitle_text(self) -> str:
        return _("Production and business plans for product ideas and products (step 3 of the OCOP cycle).")

    def search_placeholder(self) -> str:
        return _("Search by plan, producer, commune, idea, product or document… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New plan")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} plan", "{shown} / {total} plans", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str]:
        return (_("No business plans yet. Record the first plan a producer submitted."), _("Add a plan"))

    def no_match_text(self) -> str:
        return _("No plan matches the search and filters.")

    def build_filters(self, row: QHBoxLayout) -> None:
        self.commune_filter = FilterCombo(_("All communes"), _("Show only the plans of one commune's producers"))
        self.commune_filter.currentIndexChanged.connect(self._commune_changed)
        self.year_filter = FilterCombo(_("All years"), _("Show only the plans submitted in one year"), max_chars=10)
        self.year_filter.currentIndexChanged.connect(self._year_changed)
        self.status_filter = FilterCombo(_("All statuses"), _("Show only the plans with one status"))
        self.status_filter.set_choices((label(PLAN_STATUS_LABELS, s), s.value) for s in PlanStatus)
        self.status_filter.currentIndexChanged.connect(self._status_changed)
        for combo in (self.commune_filter, self.year_filter, self.status_filter):
            row.addWidget(combo)

    def _commune_changed(self) -> None:
        code = self.commune_filter.value()
        self.set_filter("commune", None if code is ANY else (lambda r: r.commune_code == code))

    def _year_changed(self) -> None:
        year = self.year_filter.value()
        self.set_filter("year", None if year is ANY else (lambda r: r.year == year))

    def _status_changed(self) -> None:
        status = self.status_filter.value()
        self.set_filter("status", None if status is ANY else (lambda r: r.status == status))

    def apply_loaded(self, loaded: Loaded) -> None:
        self.commune_filter.set_choices((name, code) for code, name in loaded.communes)
        years = sorted({r.year for r in loaded.rows}, reverse=True)
        self.year_filter.set_choices((str(y), y) for y in years)

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.business_plan_list import list_plans

        return load_rows(db, list_plans)

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.cycle.plan_dialog import (
            PlanDialog,  # lazily: the dialogs import the services
        )

        return run_dialog(PlanDialog(self.db, plan_id=record_id, parent=self))

    @staticmethod
    def delete_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.business_plans import delete_plan

        delete_plan(session, record_id)

    @staticmethod
    def restore_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.business_plans import restore_plan

        restore_plan(session, record_id)

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the business plan “{title}”?").format(title=row.title),
                _("It disappears from the lists but is kept with its files: you can undo, or restore it later "
                  "with “Show deleted”."))

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the business plan “{title}”.").format(title=row.title)

    def restored_text(self, row: Any) -> str:
        return _("Restored the business plan “{title}”.").format(title=row.title)
