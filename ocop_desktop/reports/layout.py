"""The shared frame of the A4 portrait printouts (product list, evaluation sheets, council
summary, a decision's product list), built with ReportLab's platypus.

- A4 portrait, margins as in administrative documents (left 25 mm for binding).
- :func:`national_header`: the authority on the left, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM /
  Độc lập - Tự do - Hạnh phúc" on the right (both underlined by a short rule), and the
  place and date in the official form under the motto.
- Every page ends with "Trang x/y" (two passes are avoided: the pages are kept until the
  total is known, then numbered).
- :func:`table`: every cell is a wrapping :class:`Paragraph` (long names wrap, long
  unbroken words are split, nothing is cut) and the header row repeats on every page.
- :func:`build`: writes the PDF to a path or a binary file; an unwritable path raises
  :class:`ReportOutputError` with a clear message and leaves no partial file.

Printed wording is Vietnamese (legal documents), whatever the interface language; all
text is NFC-normalised and XML-escaped here, so callers pass plain strings.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from ocop_desktop.reports import fonts
from ocop_desktop.reports.certificate import numeric_date, official_date
from ocop_desktop.reports.output import PdfOutputError, pdf_output
from ocop_desktop.text import nfc

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.2755905511812, 841.8897637795277  # A4 portrait, points
LEFT, RIGHT, TOP, BOTTOM = 25 * MM, 15 * MM, 15 * MM, 18 * MM
CONTENT_W = PAGE_W - LEFT - RIGHT
HEADER_BG = (0.90, 0.90, 0.90)
GRID = 0.5

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MISSING = "[chưa khai báo]"

__all__ = ["CONTENT_W", "MISSING", "ReportOutputError", "build", "cell", "national_header", "numeric_date",
           "official_date", "para", "plain_table", "signature_block", "styles", "table", "title_block", "vn_date"]


ReportOutputError = PdfOutputError  # the name callers catch


def vn_date(d: dt.date | None) -> str:
    """22/11/2026, or "" for no date."""
    return numeric_date(d) if d is not None else ""


def text(value: Any) -> str:
    """A value as escaped NFC markup text ("" for None)."""
    if value is None:
        return ""
    return "<br/>".join(escape(nfc(line)) for line in str(value).split("\n"))


# -- styles ------------------------------------------------------------------------------------

_STYLES: dict[str, Any] | None = None


def styles() -> dict[str, Any]:
    """Named paragraph styles in the OCOPSerif family (registered on first use)."""
    global _STYLES
    if _STYLES is not None:
        return _STYLES
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    fonts.register()
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=12, leading=15, alignment=TA_LEFT,
                          splitLongWords=1, wordWrap=None)
    s: dict[str, Any] = {"base": base}

    def add(name: str, **kw: Any) -> None:
        s[name] = ParagraphStyle(name, parent=base, **kw)

    add("body", alignment=TA_JUSTIFY, spaceAfter=3)
    add("centre", alignment=TA_CENTER)
    add("right", alignment=TA_RIGHT)
    add("title", fontName=fonts.BOLD, fontSize=14, leading=18, alignment=TA_CENTER, spaceAfter=2)
    add("subtitle", fontName=fonts.ITALIC, fontSize=12, leading=15, alignment=TA_CENTER, spaceAfter=8)
    add("head_left", fontName=fonts.BOLD, fontSize=12, leading=14.5, alignment=TA_CENTER)
    add("head_left_top", fontSize=12, leading=14.5, alignment=TA_CENTER)
    add("nation", fontName=fonts.BOLD, fontSize=12, leading=14.5, alignment=TA_CENTER)
    add("motto", fontName=fonts.BOLD, fontSize=13, leading=15.5, alignment=TA_CENTER)
    add("date", fontName=fonts.ITALIC, fontSize=12, leading=15, alignment=TA_CENTER)
    add("label", fontName=fonts.BOLD)
    add("section", fontName=fonts.BOLD, fontSize=12, leading=15, spaceBefore=6, spaceAfter=3)
    add("note", fontName=fonts.ITALIC, fontSize=11, leading=13.5)
    add("warn", fontName=fonts.BOLD_ITALIC, fontSize=11, leading=13.5, textColor=(0.62, 0.08, 0.08))
    add("sign_title", fontName=fonts.BOLD, alignment=TA_CENTER)
    add("sign_hint", fontName=fonts.ITALIC, fontSize=11, leading=13.5, alignment=TA_CENTER)
    add("sign_name", fontName=fonts.BOLD, alignment=TA_CENTER)
    add("cell", fontSize=10.5, leading=12.6, alignment=TA_LEFT)
    add("cell_c", fontSize=10.5, leading=12.6, alignment=TA_CENTER)
    add("cell_r", fontSize=10.5, leading=12.6, alignment=TA_RIGHT)
    add("cell_b", fontName=fonts.BOLD, fontSize=10.5, leading=12.6)
    add("cell_bc", fontName=fonts.BOLD, fontSize=10.5, leading=12.6, alignment=TA_CENTER)
    add("cell_br", fontName=fonts.BOLD, fontSize=10.5, leading=12.6, alignment=TA_RIGHT)
    add("cell_i", fontName=fonts.ITALIC, fontSize=10, leading=12)
    add("cell_s", fontSize=9.5, leading=11.5, alignment=TA_LEFT)  # codes and numbers that should not wrap
    add("th", fontName=fonts.BOLD, fontSize=10, leading=12, alignment=TA_CENTER)
    _STYLES = s
    return s


def para(value: Any, style: str = "body", *, markup: bool = False):  # noqa: ANN201 - Paragraph
    """A Paragraph of plain text (escaped) or, with ``markup``, of ReportLab markup."""
    from reportlab.platypus import Paragraph

    return Paragraph(value if markup else text(value), styles()[style])


def cell(value: Any, style: str = "cell", *, markup: bool = False):  # noqa: ANN201
    """A table cell: a wrapping paragraph (a flowable is passed through)."""
    if hasattr(value, "wrap") and hasattr(value, "drawOn"):
        return value
    return para(value, style, markup=markup)


def _rule(width: float):  # noqa: ANN202 - a short centred rule under a heading line
    from reportlab.platypus import HRFlowable

    return HRFlowable(width=width, thickness=0.7, color=(0, 0, 0), hAlign="CENTER", spaceBefore=3, spaceAfter=3)


def national_header(authority: str | Sequence[str], *, place: str = "", date: dt.date | None = None,
                    number: str = "", width: float = CONTENT_W):  # noqa: ANN201 - Table
    """The two-column heading: the authority (one or more lines, the last in bold) over a short
    rule and an optional document number on the left; the nation, the motto over its rule, and
    "Place, ngày … tháng … năm …" on the right. ``width``: the content width (landscape pages)."""
    from reportlab.platypus import Table, TableStyle

    lines = [authority] if isinstance(authority, str) else list(authority)
    lines = [nfc(x).strip() for x in lines if x and x.strip()] or [MISSING]
    left: list[Any] = [para(x.upper(), "head_left_top") for x in lines[:-1]]
    left.append(para(lines[-1].upper(), "head_left"))
    left.append(_rule(60))
    if number:
        left.append(para(f"Số: {number}", "centre"))
    from reportlab.pdfbase.pdfmetrics import stringWidth

    right: list[Any] = [para(NATION, "nation"), para(MOTTO, "motto"), _rule(stringWidth(MOTTO, fonts.BOLD, 13))]
    if date is not None:
        right.append(para(official_date(nfc(place) or MISSING, date), "date"))
    t = Table([[left, right]], colWidths=[width * 0.40, width * 0.60])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return t


def title_block(title: str, *subtitles: str) -> list[Any]:
    from reportlab.platypus import Spacer

    out: list[Any] = [Spacer(1, 14), para(title, "title")]
    out += [para(s, "subtitle") for s in subtitles if s]
    if not any(subtitles):
        out.append(Spacer(1, 8))
    return out


def table(header: Sequence[Any], rows: Sequence[Sequence[Any]], widths: Sequence[float], *,
          align: Sequence[str] | None = None, extra_style: Sequence[tuple] = (), repeat: bool = True,
          long: bool = False, plain: Sequence[bool] = ()):  # noqa: ANN201
    """A gridded table: the header row (bold, shaded) repeats on each page; plain values become
    wrapping paragraphs (``align`` per column: "l", "c" or "r"). ``widths`` are fractions of
    the content width when they sum to at most 1, else points. ``long``: ReportLab's LongTable,
    which splits a table of thousands of rows over hundreds of pages in linear time. ``plain``: per
    column, True to keep its body values as plain strings (short numbers: no paragraph to wrap, drawn
    much faster; style them with ``extra_style``)."""
    from reportlab.platypus import LongTable, Table, TableStyle

    total = sum(widths)
    col_w = [w * CONTENT_W for w in widths] if total <= 1.0001 else list(widths)
    align = list(align or ["l"] * len(col_w))
    style_of = {"l": "cell", "c": "cell_c", "r": "cell_r"}
    data = [[cell(h, "th") for h in header]]
    keep = list(plain) + [False] * (len(col_w) - len(plain))
    for r in rows:
        data.append([v if keep[i] and isinstance(v, str) else cell(v, style_of[align[i]]) for i, v in enumerate(r)])
    t = (LongTable if long else Table)(data, colWidths=col_w, repeatRows=1 if repeat else 0)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("GRID", (0, 0), (-1, -1), GRID, (0, 0, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *extra_style,
    ]))
    return t


def plain_table(data: Sequence[Sequence[Any]], widths: Sequence[float]):  # noqa: ANN201
    """A table without grid or padding at the sides (label/value lines); widths are fractions."""
    from reportlab.platypus import Table, TableStyle

    t = Table([[cell(v, "base") for v in row] for row in data], colWidths=[w * CONTENT_W for w in widths])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return t


def signature_block(title: str, name: str = "", *, hint: str = "(Ký, ghi rõ họ tên)", left: Sequence[Any] = (),
                    place: str = "", date: dt.date | None = None, width: float = CONTENT_W):  # noqa: ANN201
    """A signature on the right half (title, hint, room to sign, name); ``left`` fills the left
    half (e.g. "Nơi nhận"). Kept together on one page."""
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    right: list[Any] = []
    if date is not None:
        right.append(para(official_date(nfc(place) or MISSING, date), "date"))
    right += [para(t, "sign_title") for t in (nfc(x) for x in title.split("\n")) if t]
    if hint:
        right.append(para(hint, "sign_hint"))
    right.append(Spacer(1, 62))
    right.append(para(name, "sign_name") if name else para("", "sign_name"))
    t = Table([[list(left) or para(""), right]], colWidths=[width * 0.45, width * 0.55])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 10), t])


# -- page numbers and output ---------------------------------------------------------------------

def _numbered_canvas_class():  # noqa: ANN202
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        """Keeps each page until the document ends, then writes "Trang x/y" on every page."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for n, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(fonts.ITALIC, 10)
                self.setFillColorRGB(0, 0, 0)
                self.drawCentredString(self._pagesize[0] / 2, BOTTOM / 2, f"Trang {n}/{total}")
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def build(story: list[Any], out: str | os.PathLike[str] | BinaryIO, *, title: str) -> int:
    """Lay out ``story`` on numbered A4 portrait pages and write the PDF; returns the page count."""
    from reportlab.platypus import SimpleDocTemplate

    fonts.register()
    pages = {"n": 0}

    def count(canvas, doc) -> None:  # noqa: ANN001, ARG001
        pages["n"] += 1

    with pdf_output(out) as fh:
        doc = SimpleDocTemplate(fh, pagesize=(PAGE_W, PAGE_H), leftMargin=LEFT, rightMargin=RIGHT,
                                topMargin=TOP, bottomMargin=BOTTOM, title=nfc(title), author="OCOP Desktop",
                                creator="OCOP Desktop", pageCompression=1, initialFontName=fonts.REGULAR)
        doc.build(story, onFirstPage=count, onLaterPages=count, canvasmaker=_numbered_canvas_class())
    return pages["n"]


LANDSCAPE_W = PAGE_H - LEFT - RIGHT  # content width of an A4 landscape page


def turn_page(landscape: bool) -> list[Any]:
    """Flowables that start a new page, landscape or portrait (for :func:`build_mixed`)."""
    from reportlab.platypus import NextPageTemplate, PageBreak

    return [NextPageTemplate("landscape" if landscape else "portrait"), PageBreak()]


def build_mixed(story: list[Any], out: str | os.PathLike[str] | BinaryIO, *, title: str,
                landscape_first: bool = False) -> int:
    """Like :func:`build`, with portrait and landscape A4 pages: the story switches with
    :func:`turn_page`; the first page is landscape when ``landscape_first``. Returns the page count."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    fonts.register()
    pages = {"n": 0}

    def count(canvas, doc) -> None:  # noqa: ANN001, ARG001
        pages["n"] += 1

    portrait = PageTemplate("portrait", [Frame(LEFT, BOTTOM, CONTENT_W, PAGE_H - TOP - BOTTOM, id="p")],
                            onPage=count, pagesize=(PAGE_W, PAGE_H))
    landscape = PageTemplate("landscape", [Frame(LEFT, BOTTOM, LANDSCAPE_W, PAGE_W - TOP - BOTTOM, id="l")],
                             onPage=count, pagesize=(PAGE_H, PAGE_W))
    templates = [landscape, portrait] if landscape_first else [portrait, landscape]
    with pdf_output(out) as fh:
        doc = BaseDocTemplate(fh, pagesize=templates[0].pagesize, leftMargin=LEFT, rightMargin=RIGHT,
                              topMargin=TOP, bottomMargin=BOTTOM, title=nfc(title), author="OCOP Desktop",
                              creator="OCOP Desktop", pageCompression=1, initialFontName=fonts.REGULAR,
                              pageTemplates=templates)
        doc.build(story, canvasmaker=_numbered_canvas_class())
    return pages["n"]
