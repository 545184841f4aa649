"""The *Xúc tiến thương mại* tab: trade promotion events with their booths (search, filters by
commune of the producers that took part, year, kind and status; Ctrl+N, Enter, Del with Undo)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop import list_columns
from ocop_desktop.domain import geography
from ocop_desktop.domain.trade_promotion import (
    EVENT_KIND_LABELS,
    EVENT_STATUS_LABELS,
    EventKind,
    EventStatus,
)
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.ui.pages.list_support import FilterCombo, Loaded, run_dialog, year_choices
from ocop_desktop.ui.pages.record_list_page import RecordListPage
from ocop_desktop.ui.record_model import RecordTableModel, folded

if TYPE_CHECKING:

    from ocop_desktop.db import Database


class EventTableModel(RecordTableModel):
    COLUMNS = list_columns.EVENTS


class EventsPage(RecordListPage):
    MODEL_CLASS = EventTableModel
    RECORD_SERVICE = ("ocop_desktop.services.trade_events", "delete_event", "restore_event")
    STRETCH_COLUMN = 1  # the name; the dates keep their width

    def title_text(self) -> str:
        return _("Trade promotion")

    def subtitle_text(self) -> str:
        return _("Fairs, exhibitions, supply–demand conferences and e-commerce campaigns, with the producers "
                 "and products that took part.")

    def search_placeholder(self) -> str:
        return _("Search by event, place, organiser or producer… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New event")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} event", "{shown} / {total} events", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str]:
        return (_("No trade promotion event yet. Record the fairs and campaigns your producers took part in."),
                _("Add an event"))

    def no_match_text(self) -> str:
        return _("No event matches the search and filters.")

    def build_filters(self, row: QHBoxLayout) -> None:
        self.commune_filter = self.add_filter(row, FilterCombo(
            _("All communes"), _("Show only events with producers of one commune")), "commune_codes",
            keep=lambda code: (lambda r: code in r.commune_codes))
        self.year_filter = self.add_filter(row, FilterCombo(
            _("All years"), _("Show only the events of one year"), max_chars=10), "year")
        self.kind_filter = self.add_filter(row, FilterCombo(
            _("All kinds"), _("Show only one kind of event")), "kind")
        self.kind_filter.set_choices((_(EVENT_KIND_LABELS[k]), k.value) for k in EventKind)
        self.status_filter = self.add_filter(row, FilterCombo(
            _("All statuses"), _("Show only planned, ongoing or held events")), "status")
        self.status_filter.set_choices((_(EVENT_STATUS_LABELS[s]), s.value) for s in EventStatus)

    def apply_loaded(self, loaded: Loaded) -> None:
        self.commune_filter.set_choices((name, code) for code, name in loaded.communes)
        self.year_filter.set_choices(year_choices(loaded.rows, extra=(dt.date.today().year,)))

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.office import local_commune_codes
        from ocop_desktop.services.trade_events import list_events

        with db.read_session() as s:
            rows = list_events(s, include_deleted=True)
            codes = set(local_commune_codes(s)) | {c for r in rows for c in r.commune_codes}
        communes = sorted(((c, geography.commune_name(c) or str(c)) for c in codes), key=lambda t: folded(t[1]))
        return Loaded(rows, communes)

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.cycle.event_dialog import (
            EventDialog,  # lazily: it imports the services
        )

        return run_dialog(EventDialog(self.db, event_id=record_id, parent=self))

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the event “{name}”?").format(name=row.name),
                self.tombstone_hint())

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the event “{name}”.").format(name=row.name)

    def restored_text(self, row: Any) -> str:
        return _("Restored the event “{name}”.").format(name=row.name)


