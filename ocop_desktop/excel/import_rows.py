"""From a read sheet to parsed rows (no database): legacy encodings converted, merged cells
filled, group / total / signature rows skipped, producers filled down, each cell parsed for
its field with the column and a Vietnamese reason for every problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ocop_desktop.errors import BadInput
from ocop_desktop.excel import import_headers as H
from ocop_desktop.excel import import_legacy as legacy
from ocop_desktop.excel import import_values as V
from ocop_desktop.excel.import_read import RawSheet, read_sheet
from ocop_desktop.i18n import _
from ocop_desktop.text import nfc

#: Fields of the producer, filled down from the row above inside a group when blank.
PRODUCER_FIELDS = ("producer_name", "producer_kind", "identifier", "address", "commune", "district",
                   "rep_name", "phone", "email")


@dataclass
class Source:
    """A sheet ready to map: its rows (converted), the header found and the guessed mapping."""

    path: Path
    raw: RawSheet
    layout: H.Layout
    mapping: list[str]
    conversions: dict[int, str] = field(default_factory=dict)  # column → "tcvn3" | "vni"
    remembered: bool = False

    @property
    def width(self) -> int:
        return len(self.layout.labels)


def _convert_legacy(raw: RawSheet) -> dict[int, str]:
    """Convert TCVN3/VNI text to Unicode in place, per column: the column's font tells (xlsx),
    else the characters of its first 500 text cells do. Returns column → encoding converted."""
    width = max((len(r) for r in raw.rows[:500]), default=0)
    out: dict[int, str] = {}
    for c in range(width):
        enc, _upper = legacy.font_encoding(raw.column_fonts.get(c))
        if enc is None:
            sample = [r[c] for r in raw.rows[:500] if c < len(r) and isinstance(r[c], str) and r[c]]
            enc = legacy.detect(sample)
        if enc is not None:
            out[c] = enc
    # A column whose few words decided nothing ("Số QĐ", "77/QĐ-UBND") follows the sheet when
    # every column that decided chose the same encoding and its text could be that encoding.
    if len(set(out.values())) == 1:
        sheet_enc = next(iter(out.values()))
        for c in range(width):
            if c not in out:
                sample = [r[c] for r in raw.rows[:500] if c < len(r) and isinstance(r[c], str) and r[c]]
                if legacy.could_be_legacy(sample):
                    out[c] = sheet_enc
    for c, enc in out.items():
        for r, row in enumerate(raw.rows):
            if c < len(row) and isinstance(row[c], str) and row[c]:
                font = raw.cell_fonts.get((r, c))
                cell_enc, upper = legacy.font_encoding(font) if font else (enc, False)
                row[c] = legacy.decode(row[c], cell_enc or enc, upper=upper)
    return out


def open_source(path: Path, sheet: str | None = None) -> Source:
    """Read ``sheet`` of ``path``, convert legacy text, find the header and guess the mapping
    (the remembered one when the same headers were mapped before). BadInput when no header."""
    raw = read_sheet(Path(path), sheet)
    if not any(any(v not in (None, "") for v in r) for r in raw.rows):
        raise BadInput(_("The sheet \"{sheet}\" is empty.").format(sheet=raw.name))
    conversions = _convert_legacy(raw)
    # Headers: merged cells filled everywhere (titles too) so that "Chủ thể" covers its children.
    H.fill_merged(raw.rows, raw.merged)
    layout = H.find_layout(raw.rows, raw.merged)
    if layout is None:
        raise BadInput(
            _("No header row was recognised in the sheet \"{sheet}\": the first 30 rows have no columns "
              "named like \"Tên sản phẩm\", \"Chủ thể\", \"Địa chỉ\", \"Xếp hạng\".").format(sheet=raw.name),
            hint=_("Check that the sheet is a list of products or producers with a header row."))
    remembered = H.remembered_mapping(layout.signature, len(layout.labels))
    mapping = remembered or H.guess_mapping(layout)
    return Source(Path(path), raw, layout, mapping, conversions, remembered is not None)


# ---------------------------------------------------------------------------------------------
# Rows


@dataclass
class ParsedRow:
    """One data row of the sheet, parsed. ``errors``: (column label or "", reason)."""

    excel_row: int  # 1-based, as Excel shows it
    cells: list[Any]
    group: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    filled_down: bool = False

    def add_error(self, label: str, reason: str, *, unless_column_has_one: bool = False) -> None:
        if unless_column_has_one and any(lbl == label for lbl, _r in self.errors):
            return  # the column already has its (more precise) reason
        self.errors.append((label, reason))

    def error_text(self) -> str:
        return "; ".join(f"{label}: {reason}" if label else reason for label, reason in self.errors)


_CODE_WIDTH = {"identifier": 10}


def _column(mapping: list[str], key: str) -> int | None:
    try:
        return mapping.index(key)
    except ValueError:
        return None


def parse_rows(source: Source) -> list[ParsedRow]:
    """Every data row under the header: group rows ("I", "II", "A" in the STT column, or a lone
    label) set the group of the rows after them; total and signature rows are skipped; a blank
    producer cell under a filled one inside a group takes its value (merged cells, Tây Ninh)."""
    mapping = source.mapping
    labels = source.layout.labels
    raw = source.raw
    width = source.width
    stt = _column(mapping, "stt")
    name_col = _column(mapping, "product_name")
    producer_col = _column(mapping, "producer_name")
    key_cols = [c for c in (name_col, producer_col) if c is not None]
    if not key_cols and "id" not in mapping:
        raise BadInput(_("No column is mapped to the product name or the producer name."))
    # Merged cells in data rows: fill down (one producer over several product rows).
    H.fill_merged(raw.rows, [m for m in raw.merged if m[0][0] >= source.layout.data_start])
    producer_cols = [i for i, k in enumerate(mapping) if k in PRODUCER_FIELDS]
    out: list[ParsedRow] = []
    group = ""
    previous: ParsedRow | None = None
    for r in range(source.layout.data_start, len(raw.rows)):
        cells = (list(raw.rows[r]) + [""] * width)[:width]
        filled = [v for v in cells if v not in (None, "")]
        if not filled:
            continue
        first = next((v for v in cells if v not in (None, "")), "")
        if H.is_total_label(first):
            continue  # "Tổng cộng" / "Cộng" rows
        stt_value = cells[stt] if stt is not None else None
        keys_blank = all(_blankish(cells[c]) for c in key_cols)
        one_label = len({V.cell_text(v) for v in filled}) == 1 and _blankish(stt_value)
        if (stt_value is not None and H.is_group_label(stt_value)) or (keys_blank and len(filled) <= 2) \
                or (one_label and len(filled) > 1):
            label = " ".join(V.cell_text(v) for v in dict.fromkeys(filled) if not H.is_group_label(v))
            group = label or V.cell_text(stt_value)
            previous = None
            continue
        if keys_blank:
            continue  # signature block, notes under the table
        row = ParsedRow(r + 1, cells, group)
        if previous is not None and producer_col is not None and cells[producer_col] in (None, ""):
            for c in producer_cols:
                if cells[c] in (None, ""):
                    cells[c] = previous.cells[c]
            row.filled_down = True
        _parse_cells(row, mapping, labels, raw)
        out.append(row)
        previous = row
    return out


def _blankish(value: Any) -> bool:
    return value in (None, "")


def _parse_cells(row: ParsedRow, mapping: list[str], labels: list[str], raw: RawSheet) -> None:
    values = row.values
    for c, key in enumerate(mapping):
        if key in ("ignore", "stt"):
            continue
        value = row.cells[c]
        label = labels[c]
        try:
            if key in ("product_name", "producer_name", "address", "commune", "district", "rep_name",
                       "email", "notes", "product_set", "producer_kind_text"):
                values[key] = V.cell_text(value)
            elif key == "id":
                values[key] = V.cell_text(value).strip()
            elif key == "product_code":
                values[key] = V.parse_code(value, raw.column_formats.get(c))
            elif key == "identifier":
                values[key] = V.parse_code(value, raw.column_formats.get(c), _CODE_WIDTH["identifier"])
            elif key == "phone":
                values[key] = V.parse_phone(value, raw.column_formats.get(c))
            elif key == "producer_kind":
                values[key] = V.parse_kind(value)
            elif key == "stars":
                values[key] = V.parse_stars(value)
            elif key == "score":
                values[key] = V.parse_decimal(value)
            elif key in ("decision_date", "certificate_date"):
                values[key] = V.parse_date(value)
            elif key == "year":
                year = V.parse_int(value)
                if year is not None and not 2000 <= year <= dt.date.today().year + 1:
                    raise V.ValueProblem(_("{value} is not a year").format(value=year))
                values[key] = year
            elif key == "decision":
                number, when = V.split_decision(value)
                values[key] = number
                if when is not None:
                    values.setdefault("decision_date_in_cell", when)
            elif key == "certificate_number":
                values[key] = V.parse_code(value)
        except V.ValueProblem as exc:
            row.add_error(label, str(exc))
    if values.get("decision_date") is None and values.get("decision_date_in_cell") is not None:
        values["decision_date"] = values["decision_date_in_cell"]
    score = values.get("score")
    if isinstance(score, Decimal) and not 0 <= score <= 100:
        row.add_error(labels[mapping.index("score")], _("the total score must be from 0 to 100"))


def cell_display(value: Any) -> str:
    """A cell as the preview and the error workbook show it."""
    return V.cell_text(value) if not isinstance(value, str) else nfc(value)
