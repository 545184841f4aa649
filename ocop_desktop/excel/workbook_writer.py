"""Write one list to an .xlsx file with XlsxWriter (imported when called): a bold, frozen,
filtered Vietnamese header row, widths from the content, real dates and numbers, codes as text,
and the hidden base sheet of :mod:`.roundtrip_format`.

The workbook is built in memory and written to ``<name>.part`` in the target folder, then
renamed over the target: a cancelled or failed export leaves no half file, and an existing file
is replaced only by a complete one. Errors come back as :class:`~ocop_desktop.errors.KnownError`
in the officer's words (the file is open in Excel, the folder is read-only, the disk is full).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ocop_desktop.errors import BadInput, KnownError
from ocop_desktop.excel import roundtrip_format as rt
from ocop_desktop.i18n import _

#: Report progress (and look for a cancel) every this many rows.
PROGRESS_EVERY = 500
MIN_WIDTH, MAX_WIDTH = 6, 60
ID_WIDTH = 16  # "ID (không sửa)" fits; the UUID itself is cut off on screen, whole in the cell
DATE_FORMAT = "dd/mm/yyyy"
#: Shown "1.000.000" by an Excel or LibreOffice set to Vietnamese (the file stores the
#: locale-free pattern; "," is the grouping placeholder).
AMOUNT_FORMAT = "#,##0"


class Cell(StrEnum):
    """How a column's values are written."""

    TEXT = "text"  # a string (NFC)
    CODE = "code"  # a string in a text-formatted column: tax codes, product codes, phones keep their zeros
    DATE = "date"  # a real Excel date shown dd/mm/yyyy
    INT = "int"  # a whole number
    AMOUNT = "amount"  # a whole number of đồng, grouped thousands
    NUMBER = "number"  # a decimal (scores), General format


@dataclass(frozen=True)
class SheetColumn:
    key: str  # the field key (the base sheet's row 2)
    title: str  # the header, already translated
    cell: Cell = Cell.TEXT


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int


def check_target(path: str | os.PathLike[str]) -> Path:
    """The absolute target path; refuses a folder that does not exist, a folder as the target, or
    another extension than .xlsx (the messages say what to do)."""
    dest = Path(path).expanduser()
    if dest.suffix.lower() != ".xlsx":
        raise BadInput(_("“{file}”: an Excel export is an .xlsx file; give a name ending in .xlsx.").format(
            file=dest.name or str(path)))
    dest = dest.absolute()
    if not dest.parent.is_dir():
        raise BadInput(_("The folder {folder} does not exist: choose an existing folder.").format(folder=dest.parent))
    if dest.is_dir():
        raise BadInput(_("{path} is a folder: give a file name ending in .xlsx.").format(path=dest))
    return dest


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _width(value: Any, cell: Cell) -> int:
    if cell is Cell.DATE and isinstance(value, dt.date):
        return 10
    if cell is Cell.AMOUNT and isinstance(value, int):
        n = len(str(abs(value)))
        return n + (n - 1) // 3 + 1
    return len(value) if isinstance(value, str) else len(str(value))


def write_list(path: str | os.PathLike[str], columns: Sequence[SheetColumn], rows: Iterable[Sequence[Any]], *,
               kind: str | None = None, title: str | None = None, total: int | None = None,
               progress: Callable[[int, int], None] | None = None,
               check_cancelled: Callable[[], None] | None = None,
               exported_at: dt.datetime | None = None) -> Written:
    """Write ``rows`` (one value per column) to ``path``.

    ``kind``: also write the hidden base sheet (the first column must then be the record id,
    key "id"). ``title``: a bold title row above the header. ``progress(done, total)`` and
    ``check_cancelled()`` (which raises to stop) are called every :data:`PROGRESS_EVERY` rows.
    Values: ``str``; ``datetime.date`` for DATE; ``int``/``Decimal``/``float`` for numbers;
    ``None`` = an empty cell; a ``str`` in a number or date column is written as text.
    """
    import xlsxwriter

    dest = check_target(path)
    if kind is not None and (not columns or columns[0].key != rt.ID_KEY):
        raise ValueError("a round-trip export starts with the id column")
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    from ocop_desktop.excel import sheet_xml

    fast_sheet = sheet_xml.fast_sheet_class()
    ws = wb.add_worksheet(rt.LIST_SHEET, worksheet_class=fast_sheet)
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter"})
    formats = {
        Cell.CODE: wb.add_format({"num_format": "@"}),
        Cell.DATE: wb.add_format({"num_format": DATE_FORMAT}),
        Cell.AMOUNT: wb.add_format({"num_format": AMOUNT_FORMAT}),
        Cell.INT: wb.add_format({"num_format": "0"}),
    }
    id_format = wb.add_format({"num_format": "@", "font_color": "#808080"})
    header_row = 0
    ncols = len(columns)
    if title:
        title_format = wb.add_format({"bold": True, "font_size": 14})
        ws.write_string(0, 0, _nfc(title), title_format)
        ws.set_row(0, 22)
        header_row = 2 if ncols else 1
    for c, col in enumerate(columns):
        ws.write_string(header_row, c, _nfc(col.title), bold)
    widths = [len(col.title) for col in columns]
    cells = [col.cell for col in columns]
    makers = []
    for col in columns:
        fmt = id_format if kind is not None and col.key == rt.ID_KEY else formats.get(col.cell)
        maker = {Cell.DATE: sheet_xml.date_cell, Cell.INT: sheet_xml.number_cell, Cell.AMOUNT: sheet_xml.number_cell,
                 Cell.NUMBER: sheet_xml.number_cell}.get(col.cell, sheet_xml.text_cell)
        makers.append(maker(fmt))
    letters = [_column_letters(c) for c in range(ncols)]
    base = wb.add_worksheet(rt.BASE_SHEET, worksheet_class=fast_sheet) if kind is not None else None
    base_make = sheet_xml.text_cell(None)
    base_text = rt.base_text
    list_rows: list[str] = []
    base_rows: list[str] = []
    first = header_row + 1
    n = first  # the Excel row number of the next row
    done = 0
    for values in rows:
        n += 1
        done += 1
        parts = []
        base_parts = []
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            if type(value) is str:
                if not value.isascii():
                    value = unicodedata.normalize("NFC", value)
                w = len(value)
            else:
                w = _width(value, cells[c])
            ref = f"{letters[c]}{n}"
            parts.append(makers[c](ref, value))
            if w > widths[c]:
                widths[c] = w
            if base is not None:
                base_parts.append(base_make(f"{letters[c]}{done + 2}", base_text(value)))
        list_rows.append(f'<row r="{n}">{"".join(parts)}</row>')
        if base is not None:
            base_rows.append(f'<row r="{done + 2}">{"".join(base_parts)}</row>')
        if done % PROGRESS_EVERY == 0:
            if check_cancelled is not None:
                check_cancelled()
            if progress is not None:
                progress(done, total or done)
    last = header_row + done
    ws.add_fast_rows(list_rows, first, last, ncols - 1)
    for c, col in enumerate(columns):
        width = min(max(widths[c] + 2, MIN_WIDTH), MAX_WIDTH)
        if kind is not None and col.key == rt.ID_KEY:
            width = ID_WIDTH  # the UUID stays whole in the cell; the column need not show all of it
        ws.set_column(c, c, width, formats.get(col.cell) if col.cell is Cell.CODE else None)
    if ncols:
        ws.freeze_panes(header_row + 1, 0)
        ws.autofilter(header_row, 0, last, ncols - 1)
    ws.activate()
    # Printed from Excel: A4 landscape, as wide as the page, the header on every page.
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    if base is not None:
        stamp = (exported_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
        base.write_string(0, 0, kind)
        base.write_string(0, 1, stamp)
        base.write_string(0, 2, rt.FORMAT_VERSION)
        base.write_number(0, 3, header_row + 1)
        for c, col in enumerate(columns):
            base.write_string(1, c, col.key)
        base.add_fast_rows(base_rows, 2, done + 1, ncols - 1)
        base.hide()
    if check_cancelled is not None:
        check_cancelled()
    wb.close()
    if progress is not None:
        progress(done, total or done)
    _save(dest, buf.getbuffer())
    return Written(dest, done)


def _column_letters(c: int) -> str:
    """0 → "A", 26 → "AA"."""
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _save(dest: Path, data: memoryview) -> None:
    """Write ``data`` next to ``dest`` and rename it over ``dest`` (no half file, ever)."""
    from ocop_desktop import faults

    part = dest.with_name(dest.name + ".part")
    try:
        faults.require_free(dest.parent, len(data))
        with open(part, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, dest)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(dest, exc) from None
        raise


def _write_error(dest: Path, exc: OSError) -> KnownError:
    from ocop_desktop import faults

    if faults.is_disk_full(exc):
        return faults.disk_full(dest.parent)
    if isinstance(exc, PermissionError):
        # Windows: Excel holds the file open; elsewhere: a read-only folder or file.
        return BadInput(_("The file {file} cannot be written: it is open in Excel or another program, or the "
                          "folder is read-only.").format(file=dest),
                        hint=_("Close the file in Excel and export again, or choose another name or folder."))
    return BadInput(_("The file {file} cannot be written: {reason}").format(file=dest, reason=exc.strerror or exc))
