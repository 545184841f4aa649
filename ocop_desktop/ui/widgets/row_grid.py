"""Editors made of rows of widgets in a grid (certifications, booths, plan targets): placing the
rows again after one is added or removed, numbered, closed up, in Tab order after the Add button."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtWidgets import QGridLayout, QWidget


def take_row(grid: QGridLayout, row: Any) -> None:
    """Take a row's widgets out of the grid (``row.widgets()``) and dispose of the row."""
    for w in row.widgets():
        grid.removeWidget(w)
    row.dispose()


def place_rows(grid: QGridLayout, rows: Sequence[Any], first: QWidget,
               focus: Callable[[Any], Iterable[QWidget]]) -> None:
    """Put every row in the grid again from grid row 1 (row 0 is the header), numbered "1.", "2."…
    (``row.number_label``), with the space left below the last; then the Tab order: ``first`` (the
    Add button), then each row's ``focus(row)`` widgets — rows made after the dialog was built would
    otherwise come last."""
    for row in rows:
        for w in row.widgets():
            grid.removeWidget(w)
    for r in range(grid.rowCount()):
        grid.setRowStretch(r, 0)
    for i, row in enumerate(rows, start=1):
        row.number_label.setText(f"{i}.")
        for col, w in enumerate(row.widgets()):
            grid.addWidget(w, i, col)
            w.show()
    grid.setRowStretch(len(rows) + 1, 1)
    previous = first
    for row in rows:
        for w in focus(row):
            QWidget.setTabOrder(previous, w)
            previous = w
