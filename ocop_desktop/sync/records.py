"""Which tables travel in bundles, and their rows as plain JSON values.

Rows are read and written with raw SQL: values pass through exactly as SQLite stores them
(dates as ISO text, booleans as 0/1, JSON columns decoded to objects), so an export and an
import are lossless and fast. Rows from a bundle are untrusted: :func:`check_row` refuses
unknown or missing columns and values of the wrong type before anything is written.

A new record type (decisions, certificates…) slots in by adding a :class:`SyncTable`
after its parents: the importer applies tables in this order so foreign keys hold.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String, Table, Text

from ocop_desktop.i18n import N_
from ocop_desktop.models import CommuneAssessment, Evaluation, EvaluationSheet, Producer, Product, SyncRecord

JSON_SYNC = ("vv", "dots")


@dataclass(frozen=True)
class SyncTable:
    name: str
    table: Table
    label: str  # msgid (plural noun) for reports and the UI
    parent: tuple[str, str] | None = None  # (foreign-key column, parent table)
    photos_column: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.columns)

    @property
    def content_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in SyncRecord.SYNC_COLUMNS)

    @property
    def json_columns(self) -> frozenset[str]:
        return frozenset(c.name for c in self.table.columns if isinstance(c.type, JSON))


TABLES: tuple[SyncTable, ...] = (
    SyncTable("producer", Producer.__table__, N_("Producers")),
    SyncTable("product", Product.__table__, N_("Products"), ("producer_id", "producer"), "photos"),
    SyncTable("evaluation", Evaluation.__table__, N_("Evaluations"), ("product_id", "product")),
    SyncTable("evaluation_sheet", EvaluationSheet.__table__, N_("Score sheets"), ("evaluation_id", "evaluation")),
    SyncTable("commune_assessment", CommuneAssessment.__table__, N_("Commune reports"), ("product_id", "product")),
)
BY_NAME: dict[str, SyncTable] = {t.name: t for t in TABLES}


def select_sql(t: SyncTable, where: str = "") -> str:
    cols = ", ".join(f'"{c}"' for c in t.columns)
    return f'SELECT {cols} FROM "{t.name}"' + (f" WHERE {where}" if where else "")


def row_from_db(t: SyncTable, values: tuple[Any, ...], json_idx: tuple[int, ...] | None = None) -> dict[str, Any]:
    row = dict(zip(t.columns, values, strict=True))
    for c in t.json_columns:
        v = row[c]
        if isinstance(v, str):
            row[c] = json.loads(v)
    return row


def fetch_rows(con: Any, t: SyncTable, ids: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Rows of ``t`` by id (all when ``ids`` is None), from a DB-API or SQLAlchemy connection."""
    out: dict[str, dict[str, Any]] = {}
    run = getattr(con, "exec_driver_sql", None) or con.execute
    if ids is None or len(ids) > 2000:
        for values in run(select_sql(t)):
            if ids is None or values[0 if t.columns[0] == "id" else t.columns.index("id")] in ids:
                row = row_from_db(t, tuple(values))
                out[row["id"]] = row
        return out
    id_list = sorted(ids)
    for i in range(0, len(id_list), 500):
        chunk = id_list[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for values in run(select_sql(t, f"id IN ({marks})"), tuple(chunk)):
            row = row_from_db(t, tuple(values))
            out[row["id"]] = row
    return out


def db_values(t: SyncTable, row: dict[str, Any]) -> tuple[Any, ...]:
    """A checked row as the tuple of values to store (JSON columns encoded)."""
    jc = t.json_columns
    return tuple(json.dumps(row[c]) if c in jc and row[c] is not None else row[c] for c in t.columns)


def insert_sql(t: SyncTable) -> str:
    cols = ", ".join(f'"{c}"' for c in t.columns)
    return f'INSERT INTO "{t.name}" ({cols}) VALUES ({",".join("?" * len(t.columns))})'


def update_sql(t: SyncTable) -> str:
    sets = ", ".join(f'"{c}"=?' for c in t.columns if c != "id")
    return f'UPDATE "{t.name}" SET {sets} WHERE id=?'


def update_values(t: SyncTable, row: dict[str, Any]) -> tuple[Any, ...]:
    vals = dict(zip(t.columns, db_values(t, row), strict=True))
    return tuple(vals[c] for c in t.columns if c != "id") + (row["id"],)


# -- checking rows from outside ----------------------------------------------------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_REPLICA = re.compile(r"^[0-9a-f]{12}$")


class RowError(ValueError):
    """A row from a bundle that cannot be stored; the message names the column."""


def check_value(col: Any, v: Any) -> None:
    """Raise RowError unless ``v`` fits the column as SQLite stores it."""
    typ = col.type
    if v is None:
        if not col.nullable:
            raise RowError(col.name)
        return
    if isinstance(typ, Boolean):
        ok = isinstance(v, bool) or (type(v) is int and v in (0, 1))
    elif isinstance(typ, Integer):
        ok = type(v) is int
    elif isinstance(typ, Numeric):
        ok = type(v) in (int, float) or (isinstance(v, str) and re.fullmatch(r"-?\d{1,12}(\.\d{1,6})?", v))
    elif isinstance(typ, DateTime):
        ok = isinstance(v, str) and bool(_DATETIME.match(v))
    elif isinstance(typ, Date):
        ok = isinstance(v, str) and bool(_DATE.match(v))
    elif isinstance(typ, JSON):
        ok = True
    elif isinstance(typ, String | Text):
        ok = isinstance(v, str) and (getattr(typ, "length", None) is None or len(v) <= typ.length * 4)
    else:  # pragma: no cover - a column type the registry does not know
        ok = False
    if not ok:
        raise RowError(col.name)


def check_row(t: SyncTable, row: Any) -> dict[str, Any]:
    """Return ``row`` if it has exactly ``t``'s columns with values of the right types."""
    if not isinstance(row, dict):
        raise RowError("row")
    if set(row) != set(t.columns):
        extra = sorted(set(row) - set(t.columns)) or sorted(set(t.columns) - set(row))
        raise RowError(", ".join(extra))
    for col in t.table.columns:
        check_value(col, row[col.name])
    if not isinstance(row["id"], str) or not _UUID.match(row["id"]):
        raise RowError("id")
    vv = row["vv"]
    if not isinstance(vv, dict) or not vv or not all(
            isinstance(k, str) and _REPLICA.match(k) and type(n) is int and n > 0 for k, n in vv.items()):
        raise RowError("vv")
    dots = row["dots"]
    if not isinstance(dots, dict) or "*" not in dots:
        raise RowError("dots")
    for k, d in dots.items():
        if (k != "*" and k not in t.columns) or not (isinstance(d, list) and len(d) == 2 and isinstance(d[0], str)
                                                     and type(d[1]) is int and vv.get(d[0], 0) >= d[1] > 0):
            raise RowError("dots")
    if row["version"] != sum(vv.values()):
        raise RowError("version")
    if t.photos_column:
        photos = row[t.photos_column]
        if not isinstance(photos, list) or not all(isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h)
                                                   for h in photos):
            raise RowError(t.photos_column)
    return row
