"""The round-trip contract: what an exported workbook carries so that, edited in Excel, it can
be imported again as updates of the same records (issue 12 item 4).

* The visible sheet :data:`LIST_SHEET` holds the page's columns, the first headed
  :data:`ID_HEADER` with each record's UUID. An optional title row may stand above the header
  row (:func:`find_header_row` finds it; the base sheet's D1 names it too).
* The hidden sheet :data:`BASE_SHEET` holds what was exported, as text, to tell the officer's
  edits from changes made in the app meanwhile:

  ====  =====================================================================
  A1    the list kind (:data:`KINDS`: "products", "producers", …)
  B1    export time, ISO 8601 UTC ("2026-12-02T16:40:00+00:00")
  C1    :data:`FORMAT_VERSION`
  D1    the 1-based Excel row of the header row on the visible sheet (extra; may be absent)
  row 2 the field key of each visible column, in order; A2 = "id"
  3..   each record's exported values as text (dates ISO ``yyyy-mm-dd``, whole numbers plain
        ``1234``, decimals with a dot ``77.67``, empty = ""), in the visible sheet's row order
  ====  =====================================================================

:func:`read_base` reads it back (python-calamine). The field keys are the list page's column
keys (``ui.table_models`` and the pages' models); the importer decides which are editable.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _

LIST_SHEET = "Danh sách"
BASE_SHEET = "_ocop_base"
ID_KEY = "id"
ID_HEADER = "ID (không sửa)"
FORMAT_VERSION = "ocop-export-1"
KINDS = ("producers", "products", "evaluations", "certificates", "ideas", "events", "sale_points", "training",
         "support", "plans")
#: Where the visible sheet's header may be: below at most this many title rows.
MAX_TITLE_ROWS = 10

Base = tuple[str, dt.datetime, list[str], dict[str, dict[str, str]]]


class NotAnExport(BadInput):
    """The workbook was not written by the app's export (or its hidden base sheet is damaged)."""


def base_text(value: Any) -> str:
    """A value as the base sheet stores it: ISO dates, plain numbers, text as is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def find_header_row(rows: Sequence[Sequence[Any]]) -> int | None:
    """0-based index of the visible sheet's header row (first cell :data:`ID_HEADER`), or None."""
    for i, row in enumerate(rows[:MAX_TITLE_ROWS + 1]):
        if row and isinstance(row[0], str) and row[0].strip() == ID_HEADER:
            return i
    return None


def _cell(value: Any) -> str:
    """A base-sheet cell as text (we write only strings; Excel may have turned some into numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def read_base(path: str | os.PathLike[str]) -> Base:
    """``(kind, exported_at, keys, {id: {key: value}})`` of an exported workbook.

    ``exported_at`` is a timezone-aware UTC datetime; ``keys`` starts with "id"; each record's
    dict maps every key (but "id") to the exported text. Raises :class:`NotAnExport` (a
    Vietnamese message) when the file is no app export or its base sheet is damaged, and
    :class:`BadInput` when the file cannot be read as a workbook.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    p = Path(path)
    try:
        wb = CalamineWorkbook.from_path(str(p))
    except (CalamineError, OSError, ValueError) as exc:
        raise BadInput(_("The file {file} cannot be read as a workbook: {reason}").format(
            file=p.name, reason=exc)) from None
    with wb:
        if BASE_SHEET not in wb.sheet_names:
            raise NotAnExport(_("The file {file} was not exported from OCOP Desktop (it has no “{sheet}” "
                                "sheet), so it cannot update records.").format(file=p.name, sheet=BASE_SHEET))
        try:
            rows = wb.get_sheet_by_name(BASE_SHEET).to_python(skip_empty_area=False)
        except (CalamineError, ValueError) as exc:
            raise BadInput(_("The file {file} cannot be read as a workbook: {reason}").format(
                file=p.name, reason=exc)) from None
    damaged = NotAnExport(_("The hidden sheet “{sheet}” of {file} has been changed or damaged: the file cannot "
                            "update records. Export the list again.").format(sheet=BASE_SHEET, file=p.name))
    if len(rows) < 2 or len(rows[0]) < 3:
        raise damaged
    kind, stamp, version = (_cell(v) for v in rows[0][:3])
    if version != FORMAT_VERSION or kind not in KINDS:
        raise damaged
    try:
        exported_at = dt.datetime.fromisoformat(stamp)
    except ValueError:
        raise damaged from None
    if exported_at.tzinfo is None:
        exported_at = exported_at.replace(tzinfo=dt.UTC)
    keys = [_cell(v) for v in rows[1]]
    while keys and not keys[-1]:
        keys.pop()
    if not keys or keys[0] != ID_KEY or len(set(keys)) != len(keys) or "" in keys:
        raise damaged
    records: dict[str, dict[str, str]] = {}
    for row in rows[2:]:
        values = [_cell(v) for v in row[:len(keys)]]
        values += [""] * (len(keys) - len(values))
        record_id = values[0]
        if not record_id:
            if any(values):
                raise damaged
            continue
        if record_id in records:
            raise damaged
        records[record_id] = dict(zip(keys[1:], values[1:], strict=True))
    return kind, exported_at, keys, records
