"""Statistics reports as a formatted .xlsx (XlsxWriter, imported on use): one sheet per report,
laid out as offices make them — the office and the national motto over merged cells, the title
and the period merged across the table, Vietnamese headings, numbers stored as numbers (counts,
percentages with one decimal, amounts in đồng), the totals row in bold, the notes under it. A
report with no data says so in the sheet. The figures are those of the :class:`ReportTable`,
the same as in the PDF."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.reports.stats_pdf import Heading
from ocop_desktop.stats.report_table import DATE, INT, MONEY, NUM, PCT, ReportTable, format_cell

FONT = "Times New Roman"


class XlsxOutputError(BadInput):
    """The workbook cannot be written where asked."""


def _formats(wb: Any) -> dict[str, Any]:
    base = {"font_name": FONT, "font_size": 12, "valign": "vcenter"}

    def f(**kw: Any) -> Any:
        return wb.add_format({**base, **kw})

    grid = {"border": 1, "text_wrap": True, "font_size": 11}
    return {
        "office": f(align="center", bold=True), "office_top": f(align="center"),
        "nation": f(align="center", bold=True), "motto": f(align="center", bold=True, underline=1),
        "number": f(align="center"), "date": f(align="center", italic=True),
        "title": f(align="center", bold=True, font_size=14, text_wrap=True),
        "subtitle": f(align="center", italic=True, text_wrap=True),
        "th": f(align="center", bold=True, bg_color="#E6E6E6", **grid),
        "text": f(**grid), "int": f(num_format="#,##0", **grid), "pct": f(num_format="0.0", **grid),
        "money": f(num_format="#,##0", **grid), "date_cell": f(num_format="dd/mm/yyyy", align="center", **grid),
        "text_b": f(bold=True, **grid), "int_b": f(bold=True, num_format="#,##0", **grid),
        "pct_b": f(bold=True, num_format="0.0", **grid), "money_b": f(bold=True, num_format="#,##0", **grid),
        "note": f(italic=True, font_size=11), "empty": f(italic=True, bold=True, font_color="#9E1414"),
        "sign": f(align="center", bold=True), "sign_hint": f(align="center", italic=True, font_size=11),
    }


def _sheet_name(t: ReportTable, used: set[str]) -> str:
    name = t.code
    n = 2
    while name in used:
        name, n = f"{t.code} ({n})", n + 1
    used.add(name)
    return name


def _write_value(ws: Any, r: int, c: int, value: Any, kind: str, fm: dict[str, Any], bold: bool) -> None:
    sfx = "_b" if bold else ""
    if value is None or value == "":
        ws.write_blank(r, c, None, fm["text" + sfx])
    elif kind in (INT, NUM, MONEY, PCT) and isinstance(value, (int, float)):
        name = "pct" if kind == PCT or (kind == NUM and not float(value).is_integer()) else "int"
        ws.write_number(r, c, value, fm[name + sfx])
    elif kind == DATE and isinstance(value, str) and len(value) == 10:
        import datetime as dt

        ws.write_datetime(r, c, dt.datetime.fromisoformat(value), fm["date_cell"])
    else:
        ws.write_string(r, c, str(value), fm["text" + sfx])


def write_sheet(wb: Any, ws: Any, t: ReportTable, heading: Heading, fm: dict[str, Any]) -> None:
    ncol = len(t.columns)
    last = ncol - 1
    split = max(1, ncol * 2 // 5)  # the office's block on the left, the motto's on the right
    ws.set_landscape() if t.landscape else ws.set_portrait()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.98, right=0.59, top=0.59, bottom=0.71)
    total_w = sum(c.width for c in t.columns)
    for j, c in enumerate(t.columns):
        ws.set_column(j, j, max(6.0, (120 if t.landscape else 90) * c.width / total_w))

    def band(row: int, text: str, fmt: str, a: int = 0, b: int = last) -> None:
        if a == b:
            ws.write_string(row, a, text, fm[fmt])
        else:
            ws.merge_range(row, a, row, b, text, fm[fmt])

    lines = list(heading.authority) or [""]
    band(0, lines[0].upper() if len(lines) > 1 else "", "office_top", 0, split - 1)
    band(1, lines[-1].upper(), "office", 0, split - 1)
    band(0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "nation", split, last)
    band(1, "Độc lập - Tự do - Hạnh phúc", "motto", split, last)
    band(2, f"Số: {heading.number or '……/BC'}", "number", 0, split - 1)
    if heading.date is not None:
        d = heading.date
        band(2, f"{heading.place or '……'}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", "date", split, last)
    band(4, f"Biểu {t.code}. {t.title}", "title")
    ws.set_row(4, 36)
    band(5, t.subtitle, "subtitle")
    row = 6
    if heading.frozen_note:
        band(row, heading.frozen_note, "note")
        row += 1
    row += 1
    if t.empty:
        band(row, t.empty_text, "empty")
        row += 2
    else:
        ws.set_row(row, 45)
        for j, c in enumerate(t.columns):
            ws.write_string(row, j, c.title, fm["th"])
        ws.repeat_rows(row)
        header_row = row
        row += 1
        body = list(enumerate(t.rows)) + ([(-1, t.total)] if t.total is not None else [])
        for i, values in body:
            bold = i < 0 or i in t.bold_rows
            for j, (v, c) in enumerate(zip(values, t.columns, strict=True)):
                _write_value(ws, row, j, v, c.kind, fm, bold)
            row += 1
        ws.freeze_panes(header_row + 1, 0)
        for note in t.notes:
            band(row, note, "note")
            row += 1
        row += 1
    band(row, "NGƯỜI LẬP BIỂU", "sign", 0, split - 1)
    band(row, heading.signer_title, "sign", split, last)
    band(row + 1, "(Ký, ghi rõ họ tên)", "sign_hint", 0, split - 1)
    band(row + 1, "(Ký tên, đóng dấu)", "sign_hint", split, last)
    band(row + 5, heading.officer, "sign", 0, split - 1)
    band(row + 5, heading.signer_name, "sign", split, last)


def render_workbook(tables: Sequence[ReportTable], out: str | os.PathLike[str] | BinaryIO, heading: Heading) -> None:
    """Write one sheet per report; an unwritable path is refused and leaves no partial file."""
    import xlsxwriter
    import xlsxwriter.exceptions

    path = None if hasattr(out, "write") else Path(out).expanduser()
    if path is not None and path.is_dir():
        raise XlsxOutputError(_("Cannot write the workbook to {path}: it is a folder.").format(path=path))
    try:
        wb = xlsxwriter.Workbook(out if path is None else str(path), {"in_memory": True})
        fm = _formats(wb)
        used: set[str] = set()
        for t in tables:
            ws = wb.add_worksheet(_sheet_name(t, used))
            write_sheet(wb, ws, t, heading, fm)
        wb.set_properties({"title": "Báo cáo thống kê OCOP", "author": "OCOP Desktop"})
        wb.close()
    except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
        exc = exc.args[0] if isinstance(exc, xlsxwriter.exceptions.FileCreateError) and exc.args else exc
        if path is not None:
            path.unlink(missing_ok=True)
        raise XlsxOutputError(
            _("Cannot write the workbook to {path}: {reason}.").format(path=path, reason=getattr(exc, "strerror", None) or exc),
            hint=_("Choose a folder you can write to (for example your Documents folder) and check the disk "
                   "is not full or write-protected.")) from None


def text_of(value: Any, kind: str) -> str:
    """How a cell reads once printed (tests compare the PDF's text with the workbook's)."""
    return format_cell(value, kind)
