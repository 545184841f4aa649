"""The *Ý tưởng sản phẩm* tab of the OCOP cycle: product ideas, newest received first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop import list_columns
from ocop_desktop.domain.vocab import IDEA_STATUS_LABELS, IdeaStatus, label
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


class IdeaTableModel(RecordTableModel):
    COLUMNS = list_columns.IDEAS


class IdeasPage(RecordListPage):
    MODEL_CLASS = IdeaTableModel
    RECORD_SERVICE = ("ocop_desktop.services.ideas", "delete_idea", "restore_idea")

    def title_text(self) -> str:
        return _("Product ideas")

    def subtitle_text(self) -> str:
        return _("Ideas received from communes, producers and groups (step 2 of the OCOP cycle).")

    def search_placeholder(self) -> str:
        return _("Search by product, proposer, commune or product set… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New idea")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} idea", "{shown} / {total} ideas", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str]:
        return (_("No product ideas yet. Record the first idea a commune or producer proposed."), _("Add an idea"))

    def no_match_text(self) -> str:
        return _("No idea matches the search and filters.")

    def build_filters(self, row: QHBoxLayout) -> None:
        self.commune_filter = self.add_filter(row, FilterCombo(
            _("All communes"), _("Show only the ideas of one commune")), "commune_code")
        self.year_filter = self.add_filter(row, FilterCombo(
            _("All years"), _("Show only the ideas received in one year"), max_chars=10), "year")
        self.status_filter = self.add_filter(row, FilterCombo(
            _("All statuses"), _("Show only the ideas with one status")), "status")
        self.status_filter.set_choices((label(IDEA_STATUS_LABELS, s), s.value) for s in IdeaStatus)

    def apply_loaded(self, loaded: Loaded) -> None:
        self.commune_filter.set_choices((name, code) for code, name in loaded.communes)
        self.year_filter.set_choices(year_choices(loaded.rows))

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.ideas import list_ideas

        return load_rows(db, list_ideas)

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.cycle.idea_dialog import (
            IdeaDialog,  # lazily: the dialogs import the services
        )

        dialog = IdeaDialog(self.db, idea_id=record_id, parent=self)
        saved = run_dialog(dialog)
        if saved and dialog.made_product_id:
            self.status_message.emit(_("Created the product “{name}”; complete it in Products.").format(
                name=dialog.name_edit.text().strip()))
        return saved

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the idea “{name}”?").format(name=row.name),
                self.tombstone_hint())

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the idea “{name}”.").format(name=row.name)

    def restored_text(self, row: Any) -> str:
        return _("Restored the idea “{name}”.").format(name=row.name)
