"""Reading an outside workbook into plain rows: .xlsx/.xlsm/.xls/.ods with python-calamine, CSV
(UTF-8 with or without BOM, Windows-1258; delimiter sniffed), an HTML table saved as ".xls".

Files from outside are untrusted: the kind is told by the first bytes, not the name; a
password-protected (OLE "EncryptedPackage") or damaged workbook, an empty file and a sheet over
:data:`MAX_ROWS` rows are refused with a Vietnamese message (:class:`~ocop_desktop.errors.BadInput`).
Formulas arrive as their cached values (calamine reads what Excel last computed).
For .xlsx the first :data:`STYLE_SAMPLE_ROWS` rows are read a second time with openpyxl
(read-only) for what calamine does not give: number formats (leading zeros of codes) and font
names (TCVN3/VNI legacy fonts), per column.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_FILE_BYTES = 100 * 1024 * 1024
STYLE_SAMPLE_ROWS = 300

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass
class SheetInfo:
    name: str
    visible: bool = True


@dataclass
class RawSheet:
    """One sheet as rows of cell values (row 0 = Excel row 1), with what the format told."""

    name: str
    rows: list[list[Any]]
    #: Merged ranges ((first_row, first_col), (last_row, last_col)), 0-based, inclusive.
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    #: Column → the number format most cells of the sample used ("00000" restores zeros).
    column_formats: dict[int, str] = field(default_factory=dict)
    #: Column → the font name most text cells of the sample used (".VnTime", "VNI-Times"…).
    column_fonts: dict[int, str] = field(default_factory=dict)
    #: (row, col) → font name, for the sampled rows only (a .VnTimeH title among .VnTime cells).
    cell_fonts: dict[tuple[int, int], str] = field(default_factory=dict)
    file_kind: str = "xlsx"  # xlsx | xls | ods | csv | html
    encoding: str = ""  # CSV only: utf-8-sig | utf-8 | cp1258


def sniff_kind(path: Path) -> str:
    """xlsx | ods | xls | html | csv from the first bytes (an HTML page saved as .xls is html)."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if not head:
        raise BadInput(_("The file {name} is empty.").format(name=path.name))
    if head.startswith(_OLE_MAGIC):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            raise _damaged(path) from None
        if "content.xml" in names:
            return "ods"
        return "xlsx"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<table" in lowered[:2048]:
        return "html"
    if b"\x00" in head:
        raise _damaged(path)
    return "csv"


def _damaged(path: Path) -> BadInput:
    return BadInput(_("The file {name} is damaged or is not a workbook (.xlsx, .xls, .ods, .csv).").format(
        name=path.name), hint=_("Open it in Excel, save it again as .xlsx and import that copy."))


def _encrypted(path: Path) -> BadInput:
    return BadInput(_("The workbook {name} is protected by a password, so it cannot be read.").format(
        name=path.name), hint=_("Open it in Excel with its password, save a copy without a password "
                                "(File › Info › Protect Workbook) and import that copy."))


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput(_("The file {name} cannot be opened: {error}").format(name=path.name,
                                                                          error=exc.strerror or exc)) from None
    if not path.is_file():
        raise BadInput(_("{name} is not a file.").format(name=path.name))
    if size > MAX_FILE_BYTES:
        raise BadInput(_("The file {name} is larger than {mb} MB; split it into smaller workbooks.").format(
            name=path.name, mb=MAX_FILE_BYTES // (1024 * 1024)))


def _ole_encrypted(path: Path) -> bool:
    data = path.read_bytes()
    return _ENCRYPTED in data


def list_sheets(path: Path) -> list[SheetInfo]:
    """The sheets of a workbook (one pseudo-sheet for CSV and each table of an HTML page)."""
    path = Path(path)
    _check_file(path)
    kind = sniff_kind(path)
    if kind == "csv":
        return [SheetInfo(path.stem)]
    if kind == "html":
        tables = _html_tables(path)
        return [SheetInfo(name) for name, _rows, _m in tables]
    wb = _open_calamine(path, kind)
    out = []
    for meta in wb.sheets_metadata:
        visible = str(getattr(meta, "visible", "Visible")).lower().endswith("visible") and \
            "hidden" not in str(getattr(meta, "visible", "")).lower()
        out.append(SheetInfo(meta.name, visible))
    return out


def _open_calamine(path: Path, kind: str):  # noqa: ANN202 - calamine imported lazily
    if kind == "xls" and _ole_encrypted(path):
        raise _encrypted(path)
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types for bad files
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            raise _encrypted(path) from None
        raise _damaged(path) from None


def read_sheet(path: Path, sheet: str | None = None) -> RawSheet:
    """The rows of ``sheet`` (default: the first visible one)."""
    path = Path(path)
    _check_file(path)
    kind = sniff_kind(path)
    if kind == "csv":
        return _read_csv(path)
    if kind == "html":
        tables = _html_tables(path)
        if not tables:
            raise BadInput(_("The file {name} is a web page without a table.").format(name=path.name))
        chosen = next((t for t in tables if t[0] == sheet), tables[0]) if sheet else max(tables, key=lambda t: len(t[1]))
        name, rows, merged = chosen
        _check_size(path, rows)
        return RawSheet(name, rows, merged, file_kind="html")
    wb = _open_calamine(path, kind)
    names = [m.name for m in wb.sheets_metadata]
    if sheet is None:
        visible = [s.name for s in list_sheets(path) if s.visible]
        sheet = (visible or names or [""])[0]
    if sheet not in names:
        raise BadInput(_("The workbook has no sheet \"{sheet}\"; its sheets are: {names}.").format(
            sheet=sheet, names=", ".join(names)))
    try:
        cs = wb.get_sheet_by_name(sheet)
        height = cs.height if hasattr(cs, "height") else 0
        if height > MAX_ROWS + 50:
            raise BadInput(_too_many(path))
        rows = cs.to_python(skip_empty_area=False)
        merged = list(cs.merged_cell_ranges or []) if kind in ("xlsx", "xls") else []
    except BadInput:
        raise
    except Exception:  # noqa: BLE001
        raise _damaged(path) from None
    rows = [list(r) for r in rows]
    _check_size(path, rows)
    out = RawSheet(sheet, rows, [((a[0], a[1]), (b[0], b[1])) for a, b in merged], file_kind=kind)
    if kind == "xlsx":
        _read_styles(path, sheet, out)
    return out


def _too_many(path: Path) -> str:
    return _("The sheet has more than {n} rows; split {name} into smaller workbooks.").format(
        n=f"{MAX_ROWS:,}".replace(",", "."), name=path.name)


def _check_size(path: Path, rows: list[list[Any]]) -> None:
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS + 50:
        raise BadInput(_too_many(path))
    if rows and max(len(r) for r in rows[:200]) > MAX_COLUMNS:
        for r in rows:
            del r[MAX_COLUMNS:]


def _read_styles(path: Path, sheet: str, out: RawSheet) -> None:
    """Number formats and fonts of the first rows (openpyxl read-only; calamine has neither)."""
    import warnings

    try:
        from openpyxl import load_workbook

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb[sheet]
            formats: dict[int, Counter[str]] = {}
            fonts: dict[int, Counter[str]] = {}
            for r, row in enumerate(ws.iter_rows(max_row=STYLE_SAMPLE_ROWS)):
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None:
                        continue
                    c = cell.column - 1
                    fmt = cell.number_format or "General"
                    if isinstance(value, int | float):
                        formats.setdefault(c, Counter())[fmt] += 1
                    font = cell.font.name if cell.font is not None else None
                    if font and isinstance(value, str):
                        fonts.setdefault(c, Counter())[font] += 1
                        out.cell_fonts[(r, c)] = font
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 - styles are a help, never a reason to refuse a file calamine read
        return
    out.column_formats = {c: cnt.most_common(1)[0][0] for c, cnt in formats.items()}
    out.column_fonts = {c: cnt.most_common(1)[0][0] for c, cnt in fonts.items()}


# ---------------------------------------------------------------------------------------------
# CSV


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with BOM, UTF-8, else Windows-1258 (Excel's "CSV" on a Vietnamese
    Windows), NFC either way (cp1258 spells tones as combining marks)."""
    if data.startswith(codecs.BOM_UTF8):
        return unicodedata.normalize("NFC", data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return unicodedata.normalize("NFC", data.decode("utf-16", errors="replace")), "utf-16"
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), "cp1258"


def _read_csv(path: Path) -> RawSheet:
    text, encoding = decode_text(path.read_bytes())
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t"}
        delimiter = max(counts, key=counts.get)
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 50:
                raise BadInput(_too_many(path))
    except csv.Error:  # a cell over the csv module's 128 KiB limit, a stray NUL…
        raise _damaged(path) from None
    _check_size(path, rows)
    return RawSheet(path.stem, rows, file_kind="csv", encoding=encoding)


# ---------------------------------------------------------------------------------------------
# HTML saved as .xls


class _TableParser(HTMLParser):
    """Collects every <table> as rows of cell texts, with colspan/rowspan as merged ranges."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]]]] = []
        self._stack: list[dict[str, Any]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append({"rows": [], "merged": [], "spans": {}, "row": None})
        elif not self._stack:
            return
        t = self._stack[-1] if self._stack else None
        if tag == "tr" and t is not None:
            t["row"] = []
            t["rows"].append(t["row"])
        elif tag in ("td", "th") and t is not None:
            if t["row"] is None:
                t["row"] = []
                t["rows"].append(t["row"])
            a = dict(attrs)
            self._cell = []
            t["pending"] = (_span(a.get("colspan")), _span(a.get("rowspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        t = self._stack[-1]
        if tag in ("td", "th") and self._cell is not None:
            self._place(t, " ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            t["row"] = None
        elif tag == "table":
            self._stack.pop()
            self.tables.append((t["rows"], t["merged"]))

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _place(self, t: dict[str, Any], text: str) -> None:
        r = len(t["rows"]) - 1
        row = t["row"]
        occupied: dict[tuple[int, int], bool] = t["spans"]  # cells covered by a rowspan above
        c = len(row)
        while (r, c) in occupied:
            row.append("")
            c += 1
        colspan, rowspan = t.pop("pending", (1, 1))
        row.append(text)
        row.extend([""] * (colspan - 1))
        if colspan > 1 or rowspan > 1:
            t["merged"].append(((r, c), (r + rowspan - 1, c + colspan - 1)))
            for rr in range(r + 1, r + rowspan):
                for cc in range(c, c + colspan):
                    occupied[(rr, cc)] = True


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _html_tables(path: Path) -> list[tuple[str, list[list[Any]], list]]:
    raw = path.read_bytes()
    head = raw[:4096].lower()
    encoding = "utf-8"
    if b"charset=windows-1258" in head or b"charset=\"windows-1258" in head:
        encoding = "cp1258"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        text = raw.decode("cp1258", errors="replace")
    parser = _TableParser()
    try:
        parser.feed(unicodedata.normalize("NFC", text))
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; anything else is a damaged page
        raise _damaged(path) from None
    out = []
    for i, (rows, merged) in enumerate(parser.tables):
        if rows:
            width = max(len(r) for r in rows)
            norm = [[(v if v is not None else "") for v in r] + [""] * (width - len(r)) for r in rows]
            out.append((_("Table {n}").format(n=i + 1), norm, merged))
    return out
