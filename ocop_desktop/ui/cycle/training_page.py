"""The *Tập huấn* tab: training classes, with search and filters by commune, year, topic and status."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop import list_columns
from ocop_desktop.domain.training_support import TOPIC_LABELS, TrainingTopic
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


class TrainingTableModel(RecordTableModel):
    COLUMNS = list_columns.TRAINING


class TrainingPage(RecordListPage):
    MODEL_CLASS = TrainingTableModel
    RECORD_SERVICE = ("ocop_desktop.services.training", "delete_training", "restore_training")
    STRETCH_COLUMN = 1  # the title; the dates keep their width

    def title_text(self) -> str:
        return _("Training classes")

    def subtitle_text(self) -> str:
        return _("Classes for officials and producers: topic, dates, learners and the producers who attended.")

    def search_placeholder(self) -> str:
        return _("Search by title, topic, place, organiser or producer… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New training class")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} class", "{shown} / {total} classes", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str]:
        return (_("No training class yet. Record the classes held for officials and producers."),
                _("Add a training class"))

    def no_match_text(self) -> str:
        return _("No training class matches the search and filters.")

    def build_filters(self, row: QHBoxLayout) -> None:
        from ocop_desktop.services.training import STATUS_LABELS

        self.commune_filter = self.add_filter(row, FilterCombo(
            _("All communes"), _("Show only classes held in one commune")), "commune_code")
        self.year_filter = self.add_filter(row, FilterCombo(
            _("All years"), _("Show only classes of one year"), max_chars=10), "year")
        self.topic_filter = self.add_filter(row, FilterCombo(
            _("All topics"), _("Show only classes on one topic")), "topic")
        self.topic_filter.set_choices((_(TOPIC_LABELS[t]), t.value) for t in TrainingTopic)
        self.status_filter = self.add_filter(row, FilterCombo(
            _("All statuses"), _("Show only planned, ongoing or held classes")), "status")
        self.status_filter.set_choices((_(text), key) for key, text in STATUS_LABELS.items())

    def apply_loaded(self, loaded: Loaded) -> None:
        self.commune_filter.set_choices((name, code) for code, name in loaded.communes)
        self.year_filter.set_choices(year_choices(loaded.rows))

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.training import list_training

        return load_rows(db, list_training)

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.cycle.training_dialog import TrainingDialog

        return run_dialog(TrainingDialog(self.db, training_id=record_id, parent=self))

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the training class “{title}”?").format(title=row.title),
                self.tombstone_hint())

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the training class “{title}”.").format(title=row.title)

    def restored_text(self, row: Any) -> str:
        return _("Restored the training class “{title}”.").format(title=row.title)
