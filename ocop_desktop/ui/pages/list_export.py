"""“Export to Excel…” (Ctrl+E) of every list page: the rows the page shows, in its order, with
its visible columns, written by :func:`ocop_desktop.excel.export.export_rows` in a worker with a
progress bar and Cancel. The rows are a snapshot taken on the GUI thread (plain frozen
dataclasses), so the worker never touches a widget or the database. Deleted records that "Show
deleted" lists (greyed) are left out: a workbook has no grey, and they are not records any more."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.ui import ops

if TYPE_CHECKING:
    from ocop_desktop.ui.pages.record_list_page import RecordListPage

#: The folder of the last export in this session (the file dialog opens there next time).
_last_folder: Path | None = None


def _start_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def kind_of(page: RecordListPage) -> str:
    """The page's ``EXPORT_KIND``, else its class name in snake case without "Page" (PlansPage → plans)."""
    if page.EXPORT_KIND:
        return page.EXPORT_KIND
    name = type(page).__name__.removesuffix("Page")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def ask_path(page: RecordListPage, kind: str) -> Path | None:
    from ocop_desktop.excel.export import default_file_name

    suggested = _start_folder() / default_file_name(kind, title=page.title_text())
    name, _filter = QFileDialog.getSaveFileName(page, _("Export the list to Excel"), str(suggested),
                                                _("Excel workbook (*.xlsx)"))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    return path


def visible_columns(page: RecordListPage) -> list[Any]:
    """The model's columns the table shows, left to right."""
    header = page.table.horizontalHeader()
    cols = page.model.COLUMNS
    shown = [i for i in range(len(cols)) if not page.table.isColumnHidden(i)]
    return [cols[i] for i in sorted(shown, key=header.visualIndex)]


def export_page(page: RecordListPage, path: Path | None = None) -> ops.Op | None:
    """Ask for a file (unless ``path``) and write what ``page`` shows; returns the running op."""
    global _last_folder

    kind = kind_of(page)
    rows = [r for r in page.model.rows() if not r.deleted]
    if not rows:
        page.status_message.emit(_("Nothing to export: the list shows no row."))
        return None
    if path is None:
        path = ask_path(page, kind)
        if path is None:
            return None
    _last_folder = path.parent
    columns = visible_columns(page)
    title = page.title_text()

    def write(ctx: ops.OpContext) -> Any:
        from ocop_desktop.excel.export import export_rows

        label = _("Writing {file}…").format(file=path.name)
        return export_rows(path, kind, columns, rows, title=title, check_cancelled=ctx.check_cancelled,
                           progress=lambda done, total: ctx.report(done, total, label))

    def written(result: Any) -> None:
        n = format_number(result.rows)
        page.status_message.emit(ngettext("Exported {n} row to {file}.", "Exported {n} rows to {file}.",
                                          result.rows).format(n=n, file=result.path))
        page.exported.emit(str(result.path))

    def failed(exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            from ocop_desktop.ui.errors import show_known_error

            show_known_error(page, exc, _("Export to Excel"))
        else:
            import sys

            sys.excepthook(type(exc), exc, exc.__traceback__)

    return ops.run_query(page, write, on_success=written, on_failure=failed, cancellable=True,
                         label=_("Writing {file}…").format(file=path.name))
