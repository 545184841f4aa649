"""The local change log, written in the same flush as every edit of a sync record.

``seq`` is a local counter (never a clock): the sync layer exports "everything after
the last sequence the recipient acknowledged". Each row names the record, the version
it produced, the operation, and which content fields changed (the sync merge uses them
to tell a parallel update from a conflict).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Integer, String, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from ocop_desktop.models.base import Base, SyncRecord, new_uuid, utcnow
from ocop_desktop.sync import clock

# Operations recorded in the log.
OP_CREATE = "create"
OP_UPDATE = "update"
OP_DELETE = "delete"
OP_RESTORE = "restore"
# Written by the sync importer: a remote state applied as is (office_id = the sender), or
# merged with local edits (office_id = this office); both are exported onwards.
OP_IMPORT = "import"
OP_MERGE = "merge"


class ChangeLog(Base):
    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[int]
    op: Mapped[str] = mapped_column(String(16))
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)  # display only


def _content_columns(obj: SyncRecord) -> list[str]:
    mapper = inspect(obj).mapper
    return [c.key for c in mapper.column_attrs if c.key not in SyncRecord.SYNC_COLUMNS]


def _replica(session: Session) -> str:
    """The local office incarnation's replica id (cached on the session)."""
    replica = session.info.get("replica")
    if replica is None:
        from sqlalchemy import select

        from ocop_desktop.models.office import Office

        with session.no_autoflush:
            inc = session.scalar(select(Office.incarnation).where(Office.is_local.is_(True)))
        if inc is None:
            raise RuntimeError("no local office: set up the office before editing records")
        replica = session.info["replica"] = clock.replica_of(inc)
    return replica


def _changed_fields(obj: SyncRecord) -> list[str]:
    state = inspect(obj)
    return [k for k in _content_columns(obj) if state.attrs[k].history.has_changes()]


@event.listens_for(Session, "before_flush")
def _log_changes(session: Session, flush_context, instances) -> None:  # noqa: ANN001
    """Stamp versions and add one change-log row per new or edited sync record.

    The local office id comes from ``session.info["office_id"]`` (set by
    :func:`ocop_desktop.db.Database.session`). Hard deletes of sync records are refused:
    a deletion must be a tombstone so it can travel and be undone.
    """
    office_id = session.info.get("office_id")
    for obj in session.deleted:
        if isinstance(obj, SyncRecord):
            raise RuntimeError("sync records are never hard-deleted; set deleted=True")
    entries: list[ChangeLog] = []
    for obj in list(session.new):
        if not isinstance(obj, SyncRecord):
            continue
        if office_id is None:
            raise RuntimeError("session has no office_id: open it through Database.session()")
        if not obj.id:
            obj.id = new_uuid()
        if not obj.origin_office:
            obj.origin_office = office_id
        if not obj.vv:
            obj.vv, obj.dots = clock.created(_replica(session))
        obj.version = clock.version_of(obj.vv)
        if obj.base_version is None:
            obj.base_version = 0
        obj.updated_at = utcnow()
        if obj.deleted is None:
            obj.deleted = False
        fields = [k for k in _content_columns(obj) if getattr(obj, k) is not None]
        entries.append(ChangeLog(office_id=office_id, table_name=obj.__tablename__,
                                 record_id=obj.id, version=obj.version, op=OP_CREATE,
                                 fields=fields))
    for obj in list(session.dirty):
        if not isinstance(obj, SyncRecord) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        # A version set explicitly (the sync importer applying a remote record) is kept.
        if state.attrs["version"].history.has_changes():
            continue
        if office_id is None:
            raise RuntimeError("session has no office_id: open it through Database.session()")
        deleted_hist = state.attrs["deleted"].history
        fields = _changed_fields(obj)
        if deleted_hist.has_changes():
            op = OP_DELETE if obj.deleted else OP_RESTORE
            obj.deleted_at = utcnow() if obj.deleted else None
        elif fields:
            op = OP_UPDATE
        else:
            continue
        written = fields + ["deleted"] if deleted_hist.has_changes() else fields
        vv = obj.vv or {_replica(session): obj.version}
        obj.vv, obj.dots = clock.tick(vv, obj.dots or {clock.DEFAULT: [_replica(session), obj.version]},
                                      _replica(session), written)
        obj.base_version = obj.version
        obj.version = clock.version_of(obj.vv)
        obj.updated_at = utcnow()
        entries.append(ChangeLog(office_id=office_id, table_name=obj.__tablename__,
                                 record_id=obj.id, version=obj.version, op=op, fields=fields))
    session.add_all(entries)


def insert_created(session: Session, model: type[SyncRecord], rows: list[dict]) -> None:
    """Insert many new sync records of ``model`` as plain rows (bulk INSERT, no unit of work),
    stamped and logged as :func:`_log_changes` stamps new objects: origin office, version
    vector and dots of a creation, version 1, one ``create`` change-log row each naming the
    fields given. For imports of thousands of records, where the ORM unit of work costs
    seconds; ``rows`` must all have the same keys."""
    office_id = session.info.get("office_id")
    if office_id is None:
        raise RuntimeError("session has no office_id: open it through Database.session()")
    if not rows:
        return
    replica = _replica(session)
    columns = [c.key for c in inspect(model).column_attrs if c.key not in SyncRecord.SYNC_COLUMNS]
    now = utcnow()
    log = []
    for row in rows:
        if not row.get("id"):
            row["id"] = new_uuid()
        vv, dots = clock.created(replica)
        row.update(origin_office=office_id, vv=vv, dots=dots, version=clock.version_of(vv), base_version=0,
                   updated_at=now, deleted=False, deleted_at=None)
        log.append({"office_id": office_id, "table_name": model.__tablename__, "record_id": row["id"],
                    "version": row["version"], "op": OP_CREATE, "recorded_at": now,
                    "fields": [k for k in columns if row.get(k) is not None]})
    conn = session.connection()  # Core executemany: one statement per chunk
    for start in range(0, len(rows), 2000):
        conn.execute(model.__table__.insert(), rows[start:start + 2000])
        conn.execute(ChangeLog.__table__.insert(), log[start:start + 2000])
