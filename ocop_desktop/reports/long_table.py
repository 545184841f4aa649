"""A table of thousands of rows over hundreds of pages in linear time.

ReportLab's ``Table`` measures every remaining row again each time it splits at a page end, so a
7,000-row watch list costs minutes. :class:`PagedTable` measures each row once, and at each page
end hands ReportLab one ordinary table of the rows that fit (with the header row) and itself with
the rest. Cells are what :func:`ocop_desktop.reports.layout.table` takes (paragraphs or strings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable

PAD_V = 5.0  # top + bottom cell padding of layout.table
PLAIN_H = 12.6  # a plain-string cell: one line of the 10.5 pt cell style


class PagedTable(Flowable):
    """``make(rows, first)`` builds the table of some body rows (``first``: index of the first);
    ``rows`` are the body rows' cells; ``widths`` the column widths in points."""

    def __init__(self, make: Callable[[Sequence[Sequence[Any]], int], Any], header_h: float,
                 rows: Sequence[Sequence[Any]], widths: Sequence[float], *, first: int = 0,
                 heights: list[float] | None = None) -> None:
        super().__init__()
        self._make, self._rows, self._widths, self._first = make, rows, list(widths), first
        self._header_h = header_h
        self._heights = heights if heights is not None else [self._row_height(r) for r in rows]
        self.width = sum(self._widths)

    def _row_height(self, row: Sequence[Any]) -> float:
        h = PLAIN_H
        for cell, w in zip(row, self._widths, strict=False):
            if hasattr(cell, "wrap"):
                h = max(h, cell.wrap(w - 6, 1e6)[1])
            elif isinstance(cell, str) and "\n" in cell:
                h = max(h, PLAIN_H * (cell.count("\n") + 1))
        return h + PAD_V + 0.5

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:  # noqa: ARG002
        self.height = self._header_h + sum(self._heights)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Any]:  # noqa: ARG002
        used, k = self._header_h, 0
        while k < len(self._rows) and used + self._heights[k] <= ah * 0.98:
            used += self._heights[k]
            k += 1
        if k == 0:
            return []  # not even one row here: ReportLab moves on to the next page
        rest = PagedTable(self._make, self._header_h, self._rows[k:], self._widths, first=self._first + k,
                          heights=self._heights[k:])
        return [self._make(self._rows[:k], self._first)] + ([rest] if k < len(self._rows) else [])

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 - ReportLab's
        t = self._make(self._rows, self._first)
        t.wrapOn(canvas, self.width, self.height)
        t.drawOn(canvas, x, y, _sW)
