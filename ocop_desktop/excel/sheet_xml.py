"""The rows of a list sheet as worksheet XML, made as the rows come (XlsxWriter imported when called).

XlsxWriter stores every cell as an object and turns it into XML when the workbook is saved; for
a national list (20,000 products × 7 columns, twice with the hidden base sheet) that path costs
more than the 3-second budget allows. Here each row becomes its ``<row>`` XML at once, with inline
strings and the style index of XlsxWriter's own formats, and :func:`fast_sheet_class` makes an
XlsxWriter worksheet that writes those rows after the ones written the usual way (title, header).
XlsxWriter still writes everything else: styles, widths, frozen panes, autofilter, page setup.

``worksheet_class`` is XlsxWriter's documented way to subclass a worksheet; ``_write_rows`` is
the method that writes the rows of ``<sheetData>`` (XlsxWriter 3.x, pinned ``<4``). The tests
read every kind of cell back with python-calamine and openpyxl.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

#: Excel's limit for the text of one cell.
MAX_CELL_CHARS = 32767
_EPOCH = dt.date(1899, 12, 30)
_UNSAFE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch == "&":
        return "&amp;"
    if ch == "<":
        return "&lt;"
    if ch == ">":
        return "&gt;"
    if len(ch) > 1:  # a literal "_x0041_": escape its underscore, as Excel does
        return "_x005F" + ch
    return f"_x{ord(ch):04X}_"  # a control character, as Excel writes it


def inline_text(text: str) -> str:
    """The ``<is>`` of an inline string: XML-escaped, control characters as Excel's ``_xHHHH_``."""
    if len(text) > MAX_CELL_CHARS:
        text = text[:MAX_CELL_CHARS]
    body = _UNSAFE.sub(_escape, text)
    if text[0].isspace() or text[-1].isspace():
        return f'<is><t xml:space="preserve">{body}</t></is>'
    return f"<is><t>{body}</t></is>"


def _style(fmt: Any) -> str:
    index = fmt._get_xf_index() if fmt is not None else 0  # what XlsxWriter's own cell writer does
    return f' s="{index}"' if index else ""


Maker = Callable[[str, Any], str]


def text_cell(fmt: Any) -> Maker:
    s = _style(fmt)

    def make(ref: str, value: Any) -> str:
        return f'<c r="{ref}"{s} t="inlineStr">{inline_text(value if isinstance(value, str) else str(value))}</c>'
    return make


def number_cell(fmt: Any) -> Maker:
    s, text = _style(fmt), text_cell(None)

    def make(ref: str, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return text(ref, value)
        number = value if isinstance(value, int) else repr(float(value))
        return f'<c r="{ref}"{s}><v>{number}</v></c>'
    return make


def date_cell(fmt: Any) -> Maker:
    s, text = _style(fmt), text_cell(None)

    def make(ref: str, value: Any) -> str:
        if isinstance(value, dt.datetime):
            serial = (value - dt.datetime(1899, 12, 30, tzinfo=value.tzinfo)).total_seconds() / 86400
            return f'<c r="{ref}"{s}><v>{serial!r}</v></c>'
        if isinstance(value, dt.date):
            return f'<c r="{ref}"{s}><v>{(value - _EPOCH).days}</v></c>'
        return text(ref, value)
    return make


def fast_sheet_class() -> type:
    from xlsxwriter.worksheet import Worksheet

    class FastRowsSheet(Worksheet):
        """Rows written the usual way first, then :attr:`fast_rows` (``<row>`` XML, later rows)."""

        def __init__(self) -> None:
            super().__init__()
            self.fast_rows: list[str] = []

        def add_fast_rows(self, rows: list[str], first_row: int, last_row: int, last_col: int) -> None:
            """``rows``: the XML of rows ``first_row``..``last_row`` (0-based), after every row
            written through ``write_*``."""
            if self.dim_rowmax is not None and first_row <= self.dim_rowmax:
                raise ValueError("fast rows must follow the rows written cell by cell")
            self.fast_rows = rows
            if rows:
                self._check_dimensions(last_row, last_col)

        def _write_rows(self) -> None:
            super()._write_rows()
            write = self.fh.write
            for row in self.fast_rows:
                write(row)

    return FastRowsSheet
