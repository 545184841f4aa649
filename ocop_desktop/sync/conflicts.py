"""The Conflicts view's use cases: list open conflicts, resolve them.

A conflict (see :mod:`merge`) names a record, a field, the value the record holds now
(``kept``, chosen the same way on every office) and the other value. Resolving writes the
chosen value (or one the officer typed) as a normal local edit — a new version that travels
on and supersedes both sides — and marks the conflict resolved; the resolution travels too,
so the other offices stop listing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.models import ChangeLog, Office, SyncConflict, SyncReplica
from ocop_desktop.models.base import utcnow
from ocop_desktop.sync import records

#: Conflict "field" for a deletion against an edit.
DELETED = "deleted"


@dataclass(frozen=True)
class Side:
    value: Any
    office_name: str  # who wrote it (from the replica of its dot)
    version: int


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    table_label: str
    record_id: str
    record_label: str
    field: str
    kind: str  # "field" | "delete"
    kept: Side
    other: Side
    base_version: int
    current_value: Any  # what the record holds now (may differ from kept after later edits)
    detected_at: dt.datetime
    detected_by: str
    status: str
    resolution: Any


def _office_names(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    offices = {o.id: o.name for o in session.scalars(select(Office))}
    replicas = {r.replica: offices.get(r.office_id, r.office_id[:8]) for r in session.scalars(select(SyncReplica))}
    return offices, replicas


def _record(session: Session, table: str, record_id: str) -> Any:
    t = records.BY_NAME.get(table)
    if t is None:
        return None
    model = next(m.class_ for m in _mappers() if m.local_table is t.table)
    return session.get(model, record_id)


def _mappers() -> list[Any]:
    from ocop_desktop.models import Base

    return list(Base.registry.mappers)


def _label(rec: Any, table: str) -> str:
    if rec is None:
        return "?"
    for attr in ("name", "member_name"):
        v = getattr(rec, attr, None)
        if v:
            return str(v)
    return _(records.BY_NAME[table].label)


def list_conflicts(session: Session, *, include_resolved: bool = False) -> list[ConflictView]:
    q = select(SyncConflict).order_by(SyncConflict.detected_at.desc(), SyncConflict.id)
    if not include_resolved:
        q = q.where(SyncConflict.status == "open")
    offices, replicas = _office_names(session)
    out = []
    for c in session.scalars(q):
        rec = _record(session, c.table_name, c.record_id)
        t = records.BY_NAME.get(c.table_name)
        current = None
        if rec is not None:
            current = bool(rec.deleted) if c.field == DELETED else getattr(rec, c.field, None)

        def side(value: Any, dot: list[Any], version: int) -> Side:
            who = replicas.get(dot[0], "?") if dot else "?"
            return Side(value, who, version)

        out.append(ConflictView(
            c.id, c.table_name, _(t.label) if t else c.table_name, c.record_id, _label(rec, c.table_name), c.field,
            c.kind, side(c.kept_value, c.kept_dot, c.kept_version), side(c.other_value, c.other_dot, c.other_version),
            c.base_version, current, c.detected_at, offices.get(c.detected_by, c.detected_by[:8]), c.status,
            c.resolution))
    return out


def count_open(session: Session) -> int:
    from sqlalchemy import func

    return session.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")) or 0


def resolve(session: Session, conflict_id: str, value: Any) -> None:
    """Keep ``value`` for the conflict's field (for a deletion: True = delete, False = keep
    the record) as a new local version, and mark the conflict resolved."""
    c = session.get(SyncConflict, conflict_id)
    if c is None:
        raise BadInput(_("This conflict no longer exists."))
    if c.status != "open":
        raise BadInput(_("This conflict was already resolved."))
    rec = _record(session, c.table_name, c.record_id)
    if rec is None:
        raise BadInput(_("The record of this conflict is not in this database."))
    if c.field == DELETED:
        want = bool(value)
        if bool(rec.deleted) != want:
            rec.deleted = want
    else:
        if c.field not in records.BY_NAME[c.table_name].content_columns:
            raise BadInput(_("This conflict names a field that does not exist."))
        if isinstance(value, str):
            from ocop_desktop.text import nfc

            value = nfc(value)
        col = records.BY_NAME[c.table_name].table.columns[c.field]
        try:
            records.check_value(col, value)
        except records.RowError:
            raise BadInput(_("This value does not fit the field “{field}”.").format(field=c.field)) from None
        setattr(rec, c.field, value)
    c.status = "resolved"
    c.resolved_at = utcnow()
    c.resolved_by = session.info.get("office_id")
    c.resolution = value if not isinstance(value, bool) else int(value)
    session.flush()
    session.add(ChangeLog(office_id=session.info.get("office_id") or "", table_name="sync_conflict",
                          record_id=c.id, version=0, op="resolve", fields=[c.field]))
