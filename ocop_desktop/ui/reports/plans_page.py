"""The plans list (kế hoạch và chỉ tiêu), a tab of the *Báo cáo* section: number and date,
title, period, level and the number of targets; Enter opens the plan with its targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop.i18n import N_, _, format_date, format_number, ngettext
from ocop_desktop.ui.pages.list_support import ANY, FilterCombo, Loaded, run_dialog
from ocop_desktop.ui.pages.record_list_page import RecordListPage
from ocop_desktop.ui.record_model import Column, RecordTableModel, folded

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ocop_desktop.db import Database


def _level(code: str) -> str:
    from ocop_desktop.services.plans import PLAN_LEVEL_LABELS

    text = {k.value: v for k, v in PLAN_LEVEL_LABELS.items()}.get(code)
    return _(text) if text else code


class PlansTableModel(RecordTableModel):
    COLUMNS = (
        Column("number", N_("Number"), lambda r: r.number, lambda r: folded(r.number), max_chars=16),
        Column("date", N_("Date"), lambda r: format_date(r.date) if r.date else "",
               lambda r: r.date.toordinal() if r.date else 0, max_chars=13),
        Column("title", N_("Plan title"), lambda r: r.title, lambda r: folded(r.title), max_chars=60),
        Column("period", N_("Plan period"), lambda r: r.period_label, lambda r: (-r.end_year, -r.start_year),
               presorted=True, max_chars=10),
        Column("level", N_("Level"), lambda r: _level(r.level), lambda r: r.level, max_chars=14),
        Column("targets", N_("Targets"), lambda r: format_number(r.targets), lambda r: r.targets, numeric=True,
               max_chars=8),
    )


class PlansPage(RecordListPage):
    MODEL_CLASS = PlansTableModel

    def title_text(self) -> str:
        return _("Plans and targets")

    def subtitle_text(self) -> str:
        return _("The OCOP plans the office works to, their targets as written and what has been achieved.")

    def search_placeholder(self) -> str:
        return _("Search by number, title or issuer… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New plan")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} plan", "{shown} / {total} plans", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str]:
        return (_("No plan yet. Record the plan the office works to, e.g. Kế hoạch số 3438/KH-UBND, with its "
                  "targets."), _("Add a plan"))

    def no_match_text(self) -> str:
        return _("No plan matches the search and filters.")

    def build_filters(self, row: QHBoxLayout) -> None:
        self.year_filter = FilterCombo(_("All years"), _("Show only the plans covering one year"), max_chars=10)
        self.year_filter.currentIndexChanged.connect(self._year_changed)
        row.addWidget(self.year_filter)

    def _year_changed(self) -> None:
        year = self.year_filter.value()
        self.set_filter("year", None if year is ANY else (lambda r: r.start_year <= year <= r.end_year))

    def apply_loaded(self, loaded: Loaded) -> None:
        years = sorted({y for r in loaded.rows for y in range(r.start_year, r.end_year + 1)}, reverse=True)
        self.year_filter.set_choices((str(y), y) for y in years)

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.plans import list_plans

        with db.read_session() as s:
            return Loaded(list_plans(s, include_deleted=True))

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.reports.plan_dialog import PlanDialog

        return run_dialog(PlanDialog(self.db, plan_id=record_id, parent=self))

    @staticmethod
    def delete_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.plans import delete_plan

        delete_plan(session, record_id)

    @staticmethod
    def restore_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.plans import restore_plan

        restore_plan(session, record_id)

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the plan “{number}”?").format(number=row.number),
                _("It disappears from the lists but is kept: you can undo, or restore it later "
                  "with “Show deleted”."))

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the plan “{number}”.").format(number=row.number)

    def restored_text(self, row: Any) -> str:
        return _("Restored the plan “{number}”.").format(number=row.number)
