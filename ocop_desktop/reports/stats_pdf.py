"""Statistics reports as a print-ready A4 PDF (Qt-free): each report on its own pages (landscape
when its table is wide) with the national heading, the office, the number/date line, the table
(totals row in bold; an empty period says so), the chart as vector graphics, the notes and the
signature block. The figures are those of the :class:`ReportTable` — the same as in the .xlsx."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from ocop_desktop.reports import layout
from ocop_desktop.stats.report_table import DATE, INT, MONEY, NUM, PCT, ReportTable, format_cell


@dataclass(frozen=True)
class Heading:
    """Who sends the report: the authority lines (the office last), place, date and number."""

    authority: tuple[str, ...] = ()
    place: str = ""
    date: dt.date | None = None
    number: str = ""  # "…/BC-TTDVNN"; dotted when empty
    officer: str = ""  # the officer who made it (Người lập biểu)
    signer_title: str = "THỦ TRƯỞNG ĐƠN VỊ"
    signer_name: str = ""
    frozen_note: str = ""  # "Bản lưu báo cáo đã gửi ngày …, mã kiểm tra …" on a frozen report


def _align(kind: str) -> str:
    return "r" if kind in (INT, NUM, PCT, MONEY) else "l"


def _table_flowable(t: ReportTable, width: float) -> Any:
    """The table, totals row in bold. Numbers and dates are plain cells styled by column. Text
    cells are wrapping paragraphs — except in a long table (thousands of watch-list rows), where
    they are split into lines once (``simpleSplit``) and drawn as plain multi-line cells, and the
    rows are paginated by :class:`~ocop_desktop.reports.long_table.PagedTable` in linear time."""
    from ocop_desktop.reports import fonts

    styles_plain = {"l": "cell", "r": "cell_r", "c": "cell_c"}
    styles_bold = {"l": "cell_b", "r": "cell_br", "c": "cell_bc"}
    aligns = [_align(c.kind) for c in t.columns]
    if t.columns[0].key == "stt":
        aligns[0] = "c"
    text_cols = [c.kind not in (INT, NUM, PCT, MONEY, DATE) and c.key != "stt" for c in t.columns]
    rows = list(enumerate(t.rows)) + ([(-1, t.total)] if t.total is not None else [])
    long = len(rows) > 60
    plain = [True] * len(t.columns) if long else [not x for x in text_cols]
    total_w = sum(c.width for c in t.columns)
    widths = [width * c.width / total_w for c in t.columns]
    extra: list[tuple] = []
    for j, c in enumerate(t.columns):
        if plain[j]:
            align = "c" if c.kind == DATE else aligns[j]
            extra += [("FONTSIZE", (j, 1), (j, -1), 10.5), ("LEADING", (j, 1), (j, -1), 12.6),
                      ("ALIGN", (j, 1), (j, -1), {"r": "RIGHT", "c": "CENTER", "l": "LEFT"}[align])]
    if long:
        from reportlab.lib.utils import simpleSplit

    def text(value: str, j: int, bold: bool) -> Any:
        if not long:
            return layout.cell(value, (styles_bold if bold else styles_plain)[aligns[j]])
        return "\n".join(simpleSplit(value, fonts.BOLD if bold else fonts.REGULAR, 10.5, widths[j] - 6))

    body: list[list[Any]] = []
    flags = []  # per body row: (bold, is the totals row)
    for i, row in rows:
        bold = i < 0 or i in t.bold_rows
        flags.append((bold, i < 0))
        body.append([text(format_cell(v, c.kind), j, bold) if text_cols[j] else format_cell(v, c.kind)
                     for j, (v, c) in enumerate(zip(row, t.columns, strict=True))])
    header = [c.title for c in t.columns]

    def make(chunk: list[list[Any]], first: int) -> Any:
        style = list(extra)
        for n, (bold, is_total) in enumerate(flags[first:first + len(chunk)], start=1):
            if bold:
                style.append(("FONTNAME", (0, n), (-1, n), fonts.BOLD))
            if is_total:
                style.append(("BACKGROUND", (0, n), (-1, n), (0.95, 0.95, 0.95)))
        return layout.table(header, chunk, widths, align=aligns, extra_style=style, plain=plain)

    if not long:
        return make(body, 0)
    from ocop_desktop.reports.long_table import PAD_V, PagedTable

    header_h = max(layout.cell(h, "th").wrap(w - 6, 1e6)[1] for h, w in zip(header, widths, strict=True)) + PAD_V
    return PagedTable(make, header_h, body, widths)


def report_story(t: ReportTable, heading: Heading) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    from ocop_desktop.reports.stats_charts import drawing

    width = layout.LANDSCAPE_W if t.landscape else layout.CONTENT_W
    number = heading.number or "……/BC"
    story: list[Any] = [layout.national_header(list(heading.authority), place=heading.place, date=heading.date,
                                               number=number, width=width)]
    story += layout.title_block(f"Biểu {t.code}. {t.title}", t.subtitle)
    if heading.frozen_note:
        story.append(layout.para(heading.frozen_note, "note"))
        story.append(Spacer(1, 4))
    if t.empty:
        story.append(layout.para(t.empty_text, "warn"))
    else:
        story.append(_table_flowable(t, width))
        for note in t.notes:
            story.append(Spacer(1, 3))
            story.append(layout.para(note, "note"))
        if t.chart is not None and any(any(v) for _n, v in t.chart.series):
            story.append(Spacer(1, 8))
            story.append(KeepTogether([drawing(t.chart, width * (0.75 if t.landscape else 1.0),
                                               150 if t.landscape else 190)]))
    left = [layout.para("NGƯỜI LẬP BIỂU", "sign_title"), layout.para("(Ký, ghi rõ họ tên)", "sign_hint"),
            Spacer(1, 62), layout.para(heading.officer, "sign_name")]
    story.append(layout.signature_block(heading.signer_title, heading.signer_name, hint="(Ký tên, đóng dấu)",
                                        left=left, width=width))
    return story


def render_reports(tables: Sequence[ReportTable], out: str | os.PathLike[str] | BinaryIO, heading: Heading) -> int:
    """Write the reports, each starting on a new page; returns the page count."""
    story: list[Any] = []
    for i, t in enumerate(tables):
        if i:  # the first report's orientation is the first page's (build_mixed)
            story += layout.turn_page(t.landscape)
        story += report_story(t, heading)
    title = tables[0].title if len(tables) == 1 else "Báo cáo thống kê OCOP"
    return layout.build_mixed(story, out, title=title, landscape_first=bool(tables) and tables[0].landscape)


def office_heading(session: Any, today: dt.date | None = None) -> Heading:
    """The local office as the sender: its name under its province's committee, the officer."""
    from sqlalchemy import select

    from ocop_desktop.models import Office
    from ocop_desktop.reports.product_list import office_heading as names

    authority, place = names(session)
    office = session.scalar(select(Office).where(Office.is_local.is_(True)))
    lines = tuple(([f"UBND tỉnh {place}".upper()] if place else []) + list(authority))
    return Heading(authority=lines, place=place, date=today or dt.date.today(),
                   officer=office.officer_name if office else "")
