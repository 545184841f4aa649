"""Table models of the import wizard's preview: the rows of a mapped sheet (new / already
there / error) and the records of an exported list imported back (updates, conflicts)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ocop_desktop.i18n import N_, _

_STATUS = {"new": N_("New"), "match": N_("Already there"), "error": N_("Error")}
_ERROR_BG = QColor("#FFE3E3")


class PreviewModel(QAbstractTableModel):
    """The preview's rows (row in the file, status, producer, product, what happens / errors)."""

    def __init__(self) -> None:
        super().__init__()
        self._all: list[Any] = []
        self._rows: list[Any] = []
        self.headers = [_("Row"), _("Status"), _("Producer"), _("Product"), _("Stars"), _("What happens / errors")]

    def set_rows(self, rows: list[Any], errors_only: bool = False) -> None:
        self.beginResetModel()
        self._all = rows
        self._rows = [r for r in rows if r.status == "error"] if errors_only else list(rows)
        self.endResetModel()

    def filter_errors(self, on: bool) -> None:
        self.set_rows(self._all, on)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and r.status == "error":
            return QBrush(_ERROR_BG)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        col = index.column()
        if col == 0:
            return str(r.excel_row)
        if col == 1:
            return _(_STATUS[r.status])
        if col == 2:
            return r.producer.name if r.producer else ""
        if col == 3:
            return r.product.name if r.product else ""
        if col == 4:
            return str(r.result.stars) if r.result else ""
        return r.parsed.error_text() if r.status == "error" else r.note


class RoundTripModel(PreviewModel):
    """The preview of an exported list imported back: what changes, the conflicts."""

    def __init__(self, plan) -> None:  # noqa: ANN001
        super().__init__()
        self.plan = plan
        self.headers = [_("Row"), _("Status"), _("Record"), _("Changes"), _("Conflicts (not written)")]
        rows = [r for r in plan.rows if r.changes or r.conflicts or r.error or r.ignored]
        self._all = self._rows = rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and (r.error or r.conflicts):
            return QBrush(_ERROR_BG)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        h = self.plan.headers
        col = index.column()
        if col == 0:
            return str(r.excel_row)
        if col == 1:
            return _("Error") if r.error else _("Conflict") if r.conflicts else _("Update") if r.changes else "—"
        if col == 2:
            return r.name
        if col == 3:
            text = "; ".join(f"{h.get(k, k)}: {a} → {b}" for k, (a, b) in r.changes.items())
            if r.ignored:
                text += ("; " if text else "") + _("not editable, ignored: {names}").format(names=", ".join(r.ignored))
            return r.error or text
        return "; ".join(_("{column}: now \"{now}\" in the app, \"{file}\" in the file").format(
            column=h.get(k, k), now=b, file=c) for k, (_a, b, c) in r.conflicts.items())
