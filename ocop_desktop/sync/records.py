"""Which tables travel in bundles, and their rows as plain JSON values.

Rows are read and written with raw SQL: values pass through exactly as SQLite stores them
(dates as ISO text, booleans as 0/1, JSON columns decoded to objects), so an export and an
import are lossless and fast. Rows from a bundle are untrusted: :func:`check_row` refuses
unknown or missing columns and values of the wrong type before anything is written.

A new record type slots in by adding a :class:`SyncTable` after its parents: the importer
applies tables in this order so foreign keys hold. ``parent`` is the record a row belongs to
(scope, ordering, the importer's missing-parent check); ``also_refers`` lists other records a
row points to (nullable columns allowed), which the exporter adds too (``_close_parents``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String, Table, Text

from ocop_desktop.i18n import N_
from ocop_desktop.models import (
    Certificate,
    CommuneAssessment,
    Decision,
    Evaluation,
    EvaluationSheet,
    ManualIndicator,
    ManualValue,
    PlanTarget,
    Producer,
    Product,
    ProductIdea,
    ProgrammePlan,
    SalePoint,
    Support,
    SyncRecord,
    TradeEvent,
    TrainingClass,
)

JSON_SYNC = ("vv", "dots")


@dataclass(frozen=True)
class SyncTable:
    name: str
    table: Table
    label: str  # msgid (plural noun) for reports and the UI
    parent: tuple[str, str] | None = None  # (foreign-key column, parent table)
    photos_column: str | None = None
    #: Other (foreign-key column, table) references the exporter closes over; a None value is skipped.
    also_refers: tuple[tuple[str, str], ...] = ()

    @property
    def references(self) -> tuple[tuple[str, str], ...]:
        """Every (foreign-key column, table) a row of this table points to: parent first."""
        return ((self.parent,) if self.parent else ()) + self.also_refers

    # Computed once per table (the import checks ~100,000 rows).
    @functools.cached_property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.columns)

    @functools.cached_property
    def column_set(self) -> frozenset[str]:
        return frozenset(self.columns)

    @functools.cached_property
    def content_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in SyncRecord.SYNC_COLUMNS)

    @functools.cached_property
    def json_columns(self) -> frozenset[str]:
        return frozenset(c.name for c in self.table.columns if isinstance(c.type, JSON))

    @functools.cached_property
    def json_index(self) -> tuple[int, ...]:
        return tuple(i for i, c in enumerate(self.columns) if c in self.json_columns)

    #: The change-log ``fields`` of a record arriving whole ("every field"): short, because
    #: a national import writes 100,000 of them.
    content_json = '["*"]'

    @functools.cached_property
    def row_type(self) -> type:
        """A msgspec Struct of the row: decoding a bundle checks every type at C speed."""
        return msgspec.defstruct(f"Row_{self.name}", [(c.name, _msgspec_type(c)) for c in self.table.columns],
                                 forbid_unknown_fields=True)

    @functools.cached_property
    def time_columns(self) -> tuple[tuple[str, Callable[[str], Any]], ...]:
        import datetime as dt

        return tuple((c.name, dt.datetime.fromisoformat if isinstance(c.type, DateTime) else dt.date.fromisoformat)
                     for c in self.table.columns if isinstance(c.type, DateTime | Date))

    @functools.cached_property
    def checkers(self) -> tuple[tuple[str, Callable[[Any], bool]], ...]:
        return tuple((c.name, _checker(c)) for c in self.table.columns)


TABLES: tuple[SyncTable, ...] = (
    SyncTable("producer", Producer.__table__, N_("Producers")),
    SyncTable("product", Product.__table__, N_("Products"), ("producer_id", "producer"), "photos"),
    SyncTable("evaluation", Evaluation.__table__, N_("Evaluations"), ("product_id", "product")),
    SyncTable("evaluation_sheet", EvaluationSheet.__table__, N_("Score sheets"), ("evaluation_id", "evaluation")),
    SyncTable("commune_assessment", CommuneAssessment.__table__, N_("Commune reports"), ("product_id", "product")),
    SyncTable("decision", Decision.__table__, N_("Decisions")),
    SyncTable("certificate", Certificate.__table__, N_("Certificates"), ("product_id", "product"),
              also_refers=(("decision_id", "decision"), ("revoked_by_decision_id", "decision"),
                           ("evaluation_id", "evaluation"))),
    SyncTable("product_idea", ProductIdea.__table__, N_("Product ideas"),
              also_refers=(("producer_id", "producer"), ("product_id", "product"))),
    # Trade promotion (issue 10 item 3): their producers and products are ids in JSON fields.
    SyncTable("trade_event", TradeEvent.__table__, N_("Trade promotion events")),
    SyncTable("sale_point", SalePoint.__table__, N_("OCOP points of sale")),
    SyncTable("training_class", TrainingClass.__table__, N_("Training classes")),
    SyncTable("support", Support.__table__, N_("Support given"), ("producer_id", "producer"),
              also_refers=(("product_id", "product"),)),
    # Plans and targets, manual indicators and their values (issue 11).
    SyncTable("programme_plan", ProgrammePlan.__table__, N_("Plans and targets")),
    SyncTable("plan_target", PlanTarget.__table__, N_("Plan targets"), ("plan_id", "programme_plan")),
    SyncTable("manual_indicator", ManualIndicator.__table__, N_("Manual indicators")),
    SyncTable("manual_value", ManualValue.__table__, N_("Manual indicator values"),
              ("indicator_id", "manual_indicator")),
)
BY_NAME: dict[str, SyncTable] = {t.name: t for t in TABLES}


def select_sql(t: SyncTable, where: str = "") -> str:
    cols = ", ".join(f'"{c}"' for c in t.columns)
    return f'SELECT {cols} FROM "{t.name}"' + (f" WHERE {where}" if where else "")


_decode = msgspec.json.decode
_encode = msgspec.json.Encoder().encode


def row_from_db(t: SyncTable, values: tuple[Any, ...]) -> dict[str, Any]:
    vals = list(values)
    for i in t.json_index:
        v = vals[i]
        if isinstance(v, str):
            vals[i] = _decode(v)
    return dict(zip(t.columns, vals, strict=True))


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
    vals = [row[c] for c in t.columns]
    for i in t.json_index:
        v = vals[i]
        if v is not None:
            vals[i] = _encode(v).decode()
    return tuple(vals)


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
_SHA = re.compile(r"[0-9a-f]{64}")


class RowError(ValueError):
    """A row from a bundle that cannot be stored; the message names the column."""


class PayloadError(ValueError):
    """A data member that is not JSON lines at all."""


def _checker(col: Any) -> Callable[[Any], bool]:
    """A predicate for the values ``col`` accepts, as SQLite stores them."""
    typ, nullable = col.type, col.nullable
    if isinstance(typ, Boolean):
        def ok(v: Any) -> bool:
            return isinstance(v, bool) or (type(v) is int and v in (0, 1))
    elif isinstance(typ, Integer):
        def ok(v: Any) -> bool:
            return type(v) is int and -(1 << 62) < v < (1 << 62)
    elif isinstance(typ, Numeric):
        num = re.compile(r"-?\d{1,12}(\.\d{1,6})?")

        def ok(v: Any) -> bool:
            return type(v) in (int, float) or (isinstance(v, str) and bool(num.fullmatch(v)))
    elif isinstance(typ, DateTime):
        def ok(v: Any) -> bool:
            return isinstance(v, str) and bool(_DATETIME.match(v))
    elif isinstance(typ, Date):
        def ok(v: Any) -> bool:
            return isinstance(v, str) and bool(_DATE.match(v))
    elif isinstance(typ, JSON):
        def ok(v: Any) -> bool:
            return True
    elif isinstance(typ, String | Text):
        limit = typ.length * 4 if getattr(typ, "length", None) else 1 << 24

        def ok(v: Any) -> bool:
            return isinstance(v, str) and len(v) <= limit
    else:  # pragma: no cover - a column type the registry does not know
        def ok(v: Any) -> bool:
            return False
    if nullable:
        return lambda v: v is None or ok(v)
    return lambda v: v is not None and ok(v)


_UUID_TEXT = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _msgspec_type(col: Any) -> Any:
    from typing import Annotated

    typ = col.type
    if col.name == "id":
        t: Any = Annotated[str, msgspec.Meta(pattern=_UUID_TEXT)]
    elif col.name == "vv":
        t = dict[Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{12}$")], Annotated[int, msgspec.Meta(gt=0)]]
    elif col.name == "photos":
        t = list[Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{64}$")]]
    elif col.name == "producer_ids":
        t = list[Annotated[str, msgspec.Meta(pattern=_UUID_TEXT)]]
    elif col.name == "dots":
        t = dict[str, tuple[str, Annotated[int, msgspec.Meta(gt=0)]]]
    elif isinstance(typ, Boolean):
        t = bool | Annotated[int, msgspec.Meta(ge=0, le=1)]
    elif isinstance(typ, Integer):
        t = Annotated[int, msgspec.Meta(gt=-(1 << 62), lt=1 << 62)]
    elif isinstance(typ, Numeric):
        t = int | float | Annotated[str, msgspec.Meta(pattern=r"^-?\d{1,12}(\.\d{1,6})?$")]
    elif isinstance(typ, DateTime):
        t = Annotated[str, msgspec.Meta(pattern=_DATETIME.pattern)]
    elif isinstance(typ, Date):
        t = Annotated[str, msgspec.Meta(pattern=_DATE.pattern)]
    elif isinstance(typ, JSON):
        t = Any
    elif isinstance(typ, String | Text):
        length = getattr(typ, "length", None)
        t = Annotated[str, msgspec.Meta(max_length=length * 4)] if length else str
    else:  # pragma: no cover
        raise TypeError(col.name)
    return t | None if col.nullable else t


def decode_rows(t: SyncTable, data: bytes) -> list[dict[str, Any]]:
    """JSON lines of ``t``'s rows from a bundle, checked; raise RowError naming the problem."""
    if not data:
        return []
    try:
        structs = msgspec.json.decode(b"[" + data.rstrip(b"\n").replace(b"\n", b",") + b"]",
                                      type=list[t.row_type])
    except msgspec.ValidationError as exc:
        text = str(exc)
        m = re.search(r"at `\$\[(\d+)\](?:\.(\w+))?", text)
        named = re.search(r"field `(\w+)`", text)
        where = f"#{int(m.group(1)) + 1}" if m else "?"
        field = (m.group(2) if m and m.group(2) else None) or (named.group(1) if named else "")
        raise RowError(f"{where} {field}".strip()) from None
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        raise PayloadError(t.name) from None
    asdict = msgspec.structs.asdict
    rows = []
    for st in structs:
        row = asdict(st)
        _check_sync_fields(t, row, typed=True)
        rows.append(row)
    return rows


def check_value(col: Any, v: Any) -> None:
    """Raise RowError unless ``v`` fits the column as SQLite stores it."""
    if not _checker(col)(v):
        raise RowError(col.name)


def check_row(t: SyncTable, row: Any) -> dict[str, Any]:
    """Return ``row`` if it has exactly ``t``'s columns with values of the right types."""
    if not isinstance(row, dict):
        raise RowError("row")
    if len(row) != len(t.columns) or any(c not in row for c in t.columns):
        extra = sorted(set(row) - set(t.columns)) or sorted(set(t.columns) - set(row))
        raise RowError(", ".join(extra))
    for name, ok in t.checkers:
        if not ok(row[name]):
            raise RowError(name)
    _check_sync_fields(t, row)
    return row


def _check_sync_fields(t: SyncTable, row: dict[str, Any], typed: bool = False) -> None:
    """What types alone cannot say (``typed``: msgspec already checked the id, vv and photo
    patterns): the dots name real fields and edits the vv has seen; version = Σ vv."""
    vv = row["vv"]
    if not typed:
        if not isinstance(row["id"], str) or not _UUID.match(row["id"]):
            raise RowError("id")
        if not isinstance(vv, dict) or not all(
                isinstance(k, str) and _REPLICA.match(k) and type(n) is int and n > 0 for k, n in vv.items()):
            raise RowError("vv")
        photos = row[t.photos_column] if t.photos_column else []
        if not isinstance(photos, list) or not all(isinstance(h, str) and _SHA.fullmatch(h) for h in photos):
            raise RowError(t.photos_column)
    if not vv:
        raise RowError("vv")
    dots = row["dots"]
    if not isinstance(dots, dict) or "*" not in dots:
        raise RowError("dots")
    cols = t.column_set
    for k, d in dots.items():
        if (k != "*" and k not in cols) or not (isinstance(d, list | tuple) and len(d) == 2 and isinstance(d[0], str)
                                                and type(d[1]) is int and vv.get(d[0], 0) >= d[1] > 0):
            raise RowError("dots")
    if row["version"] != sum(vv.values()):
        raise RowError("version")
    for name, parse in t.time_columns:  # the regex passed; the calendar must agree (no 30 February)
        v = row[name]
        if v is not None:
            try:
                parse(v)
            except ValueError:
                raise RowError(name) from None
