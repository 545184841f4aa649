"""The producer (chủ thể) list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QMenu

from ocop_desktop.domain.vocab import PRODUCER_KIND_LABELS, ProducerKind
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.ui.pages.list_support import (
    ANY,
    FilterCombo,
    Loaded,
    load_rows,
    run_dialog,
)
from ocop_desktop.ui.pages.record_list_page import RecordListPage
from ocop_desktop.ui.table_models import ProducerTableModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ocop_desktop.db import Database



class ProducersPage(RecordListPage):
    MODEL_CLASS = ProducerTableModel

    def title_text(self) -> str:
        return _("Producers")

    def subtitle_text(self) -> str:
        return _("Cooperatives, enterprises and households that make OCOP products in your communes.")

    def search_placeholder(self) -> str:
        return _("Search by name, tax code, commune, representative or phone… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New producer")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} producer", "{shown} / {total} producers", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str]:
        return (_("No producers yet. Add the first cooperative, enterprise or household of your communes."),
                _("Add a producer"))

    def no_match_text(self) -> str:
        return _("No producer matches the search and filters.")

    def extra_buttons(self) -> list:
        from ocop_desktop.ui.import_wizard import import_button

        return [import_button(self)]

    def build_filters(self, row: QHBoxLayout) -> None:
        self.commune_filter = FilterCombo(_("All communes"), _("Show only producers of one commune"))
        self.commune_filter.currentIndexChanged.connect(self._commune_changed)
        self.kind_filter = FilterCombo(_("All types"), _("Show only one type of producer"))
        self.kind_filter.set_choices((_(PRODUCER_KIND_LABELS[k]), k.value) for k in ProducerKind)
        self.kind_filter.currentIndexChanged.connect(self._kind_changed)
        row.addWidget(self.commune_filter)
        row.addWidget(self.kind_filter)

    def _commune_changed(self) -> None:
        code = self.commune_filter.value()
        self.set_filter("commune", None if code is ANY else (lambda r: r.commune_code == code))

    def _kind_changed(self) -> None:
        kind = self.kind_filter.value()
        self.set_filter("kind", None if kind is ANY else (lambda r: r.kind == kind))

    def apply_loaded(self, loaded: Loaded) -> None:
        self.commune_filter.set_choices((name, code) for code, name in loaded.communes)

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.producers import list_producers

        return load_rows(db, list_producers)

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.dialogs.producer_dialog import (
            ProducerDialog,  # lazily: the dialogs import the services
        )
        dialog = ProducerDialog(self.db, producer_id=record_id, parent=self)
        saved = run_dialog(dialog)
        if getattr(dialog, "products_added", None) and not saved:  # products added from its "Products" tab, producer unchanged
            self.reload(select_id=record_id)
            self.records_changed.emit()
        return saved

    def new_product_for_selected(self) -> None:
        row = self.current_row()
        if row is None or row.deleted:
            return
        from ocop_desktop.ui.dialogs.product_dialog import (
            ProductDialog,  # lazily: the dialogs import the services
        )
        if run_dialog(ProductDialog(self.db, parent=self, producer_id=row.id)):
            self.reload(select_id=row.id)
            self.records_changed.emit()
            self.status_message.emit(_("Saved."))

    def extra_context_actions(self, menu: QMenu, row: Any) -> None:
        menu.addAction(_("New product of this producer…"), self.new_product_for_selected)

    @staticmethod
    def delete_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.producers import delete_producer

        delete_producer(session, record_id)

    @staticmethod
    def restore_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.producers import restore_producer

        restore_producer(session, record_id)

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the producer “{name}”?").format(name=row.name),
                _("It disappears from the lists but is kept: you can undo, or restore it later "
                  "with “Show deleted”."))

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the producer “{name}”.").format(name=row.name)

    def restored_text(self, row: Any) -> str:
        return _("Restored the producer “{name}”.").format(name=row.name)

