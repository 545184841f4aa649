"""Small pieces the sync screens share: read-only tables, big codes, hints, error routing."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ocop_desktop.errors import KnownError
from ocop_desktop.ui import errors as ui_errors

SUCCESS_COLOR = "#1e6b32"
ERROR_COLOR = "#b3261e"
WARNING_COLOR = "#8a5300"

#: The sync screens' own style rules (on top of ``ui.style``).
STYLE = f"""
QLabel[role="success"] {{ color: {SUCCESS_COLOR}; font-weight: 600; }}
QLabel[role="error"] {{ color: {ERROR_COLOR}; }}
QLabel[role="warning"] {{ color: {WARNING_COLOR}; }}
QLabel[role="big"] {{ font-size: 13pt; font-weight: 600; }}
QLabel#doneTitle {{ font-size: 14pt; font-weight: 600; color: {SUCCESS_COLOR}; }}
QLineEdit#bigCode {{ font-size: 26pt; font-weight: 600; letter-spacing: 2px; border: 1px solid #b8c2cc;
                     border-radius: 6px; padding: 4px 10px; background: #f7f9fb; }}
QLabel#fingerprint {{ font-size: 20pt; font-weight: 600; letter-spacing: 2px; color: #0b3d91; }}
"""


def monospace(size_pt: float | None = None) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if size_pt:
        font.setPointSizeF(size_pt)
    return font


def note(text: str = "", role: str = "hint", *, selectable: bool = False) -> QLabel:
    """A wrapped label; ``role`` hint (grey), error, warning, success or big."""
    label = QLabel(text)
    label.setWordWrap(True)
    if role == "hint":
        label.setObjectName("fieldHelp")
    else:
        label.setProperty("role", role)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def set_role(label: QLabel, role: str) -> None:
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)


class CodeField(QLineEdit):
    """A code shown large, read-only but selectable and copyable (receipts)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("bigCode")
        self.setReadOnly(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFont(monospace())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)


def path_label(path: Path | str | None) -> QLabel:
    label = note(str(path or ""), "plain", selectable=True)
    label.setObjectName("pathLabel")
    return label


def make_table(headers: Sequence[str], *, stretch: int | None = None, name: str = "") -> QTableWidget:
    """A read-only, row-selecting table that fits its columns to their contents."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table (keyboard users)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if stretch is not None:
        header.setStretchLastSection(False)
    if name:
        table.setObjectName(name)
    table._stretch = stretch  # type: ignore[attr-defined]
    return table


def fit_columns(table: QTableWidget, max_width: int = 360) -> None:
    """Columns to their contents (capped), the ``stretch`` column taking the rest."""
    header = table.horizontalHeader()
    table.resizeColumnsToContents()
    for c in range(table.columnCount()):
        if table.columnWidth(c) > max_width:
            table.setColumnWidth(c, max_width)
    stretch = getattr(table, "_stretch", None)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def fit_height(table: QTableWidget, max_rows: int | None = None) -> None:
    """A short table exactly as tall as its rows (no scroll bar, no empty space); with
    ``max_rows``, at most that many rows tall (the rest scrolls)."""
    n = table.rowCount() if max_rows is None else min(table.rowCount(), max_rows)
    rows = sum(table.rowHeight(r) for r in range(n))
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + 2)


def cell(text: str, *, tooltip: str | None = None, number: bool = False, data: object = None,
         bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if tooltip:
        item.setToolTip(tooltip)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def fail(parent: QWidget | None, exc: BaseException) -> None:
    """A refused action as a message box (KnownError: message and hint); a bug to the crash handler."""
    if isinstance(exc, KnownError):
        ui_errors.show_known_error(parent, exc)
    else:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def start_folder() -> str:
    """Where file dialogs open: the first USB stick, else the home folder."""
    from ocop_desktop.sync import usb

    for drive in usb.removable_drives():
        if not drive.read_only:
            return str(drive.path)
    return str(Path.home())
