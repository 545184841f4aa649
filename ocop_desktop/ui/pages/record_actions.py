"""Delete (a tombstone, confirmed, with an Undo bar), restore, and the context menu of a list."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMenu

from ocop_desktop.i18n import _
from ocop_desktop.ui import ops
from ocop_desktop.ui.errors import confirm

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class RecordActions:
    """Mixed into :class:`~ocop_desktop.ui.pages.record_list_page.RecordListPage`."""

    #: ``(services module, delete function, restore function)``: what the default
    #: :meth:`delete_record` / :meth:`restore_record` call (imported when first used).
    RECORD_SERVICE: tuple[str, str, str] | None = None

    # -- hooks ----------------------------------------------------------------------
    @classmethod
    def delete_record(cls, session: Session, record_id: str) -> None:
        """Runs on the write thread, inside the caller's transaction."""
        cls._service_function(1)(session, record_id)

    @classmethod
    def restore_record(cls, session: Session, record_id: str) -> None:
        cls._service_function(2)(session, record_id)

    @classmethod
    def _service_function(cls, which: int) -> Any:
        if cls.RECORD_SERVICE is None:
            raise NotImplementedError
        import importlib

        return getattr(importlib.import_module(cls.RECORD_SERVICE[0]), cls.RECORD_SERVICE[which])

    @staticmethod
    def tombstone_hint() -> str:
        """The explanation under a delete question: a tombstone, not gone."""
        return _("It disappears from the lists but is kept: you can undo, or restore it later "
                 "with “Show deleted”.")

    def delete_question(self, row: Any) -> tuple[str, str]:
        """(question, explanation) of the confirmation box."""
        raise NotImplementedError

    def deleted_text(self, row: Any) -> str:
        raise NotImplementedError

    def restored_text(self, row: Any) -> str:
        raise NotImplementedError

    def extra_context_actions(self, menu: QMenu, row: Any) -> None:
        """Add page-specific entries to the table's context menu."""

    # -- actions ----------------------------------------------------------------------
    def delete_selected(self) -> None:
        row = self.current_row()
        if row is None or row.deleted:
            return
        text, informative = self.delete_question(row)
        if not confirm(self, _("Delete"), text, informative, yes_text=_("Delete")):
            return
        position = self.table.currentIndex().row()
        db, delete, rid = self.db, self.delete_record, row.id

        def work(_ctx: ops.OpContext) -> None:
            with db.session() as s:
                delete(s, rid)

        ops.run_write(self, work, on_success=lambda _r: self._deleted(row, position))

    def _deleted(self, row: Any, position: int) -> None:
        # Show the tombstone at once (a reload of 20,000 rows takes most of a second),
        # then reload for the figures that depend on it (product counts).
        self.model.update_record(dataclasses.replace(row, deleted=True))
        self._select_near(position)
        self.undo_bar.show_message(self.deleted_text(row), lambda: self._restore(row))
        self.reload()
        self.records_changed.emit()

    def restore_selected(self) -> None:
        row = self.current_row()
        if row is not None and row.deleted:
            self._restore(row)

    def _restore(self, row: Any) -> None:
        db, restore, rid = self.db, self.restore_record, row.id

        def work(_ctx: ops.OpContext) -> None:
            with db.session() as s:
                restore(s, rid)

        def done(_r: object) -> None:
            self.undo_bar.dismiss()
            self.model.update_record(dataclasses.replace(row, deleted=False))
            self.select_record(rid)
            self.reload(select_id=rid)
            self.records_changed.emit()
            self.status_message.emit(self.restored_text(row))

        ops.run_write(self, work, on_success=done)

    def _select_near(self, position: int) -> None:
        n = self.proxy.rowCount()
        if n:
            self.select_proxy_row(min(max(position, 0), n - 1))
            self.table.setFocus()

    def _context_menu(self, pos: Any) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.select_proxy_row(index.row())
        row = self.current_row()
        menu = QMenu(self)
        if row.deleted:
            menu.addAction(_("Restore"), self.restore_selected)
        else:
            menu.addAction(_("Open"), self.open_selected)
            self.extra_context_actions(menu, row)
            menu.addSeparator()
            menu.addAction(_("Delete…"), self.delete_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))
