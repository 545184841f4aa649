"""What the Sync screen shows: each registered office, when it last synced, what is
pending, and the history of bundles written and read here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.models import Office, SyncBundle, SyncPeer
from ocop_desktop.sync import clock, crypto


@dataclass(frozen=True)
class PeerStatus:
    office_id: str
    name: str
    role: str
    fingerprint: str
    commune_count: int
    last_in_at: dt.datetime | None
    last_in_number: int
    last_out_at: dt.datetime | None
    last_out_number: int
    acked_at: dt.datetime | None
    acked_upto: int  # 0: nothing of ours acknowledged yet
    pending: int  # our changes (records) the office has not acknowledged
    missing_photos: int  # photos it told us it lacks


@dataclass(frozen=True)
class BundleLog:
    bundle_hash: str
    direction: str
    office_name: str
    number: int
    kind: str
    created_at: dt.datetime
    processed_at: dt.datetime
    records: int
    conflicts: int
    receipt: str | None
    receipt_confirmed_at: dt.datetime | None
    path: str
    result: dict[str, Any]


def peers(session: Session) -> list[PeerStatus]:
    from ocop_desktop.sync import profiles

    local = session.scalar(select(Office).where(Office.is_local.is_(True)))
    if local is None:
        return []
    con = session.connection()
    out = []
    for o in session.scalars(select(Office).where(Office.is_local.is_(False)).order_by(Office.role.desc(), Office.name)):
        key = profiles.current_key(session, o.id)
        p = session.get(SyncPeer, o.id)
        acked = p.acked_upto if p is not None and p.acked_incarnation == local.incarnation else 0
        pending = _pending(con, acked, o.id, tuple(o.commune_codes)
                           if local.role == "province" and o.role == "field" else None)
        out.append(PeerStatus(
            o.id, o.name, o.role, crypto.fingerprint(key.sign_public, key.enc_public) if key else "",
            len(o.commune_codes), p.last_in_at if p else None, p.last_in_number if p else 0,
            p.last_out_at if p else None, p.last_out_number if p else 0, p.acked_at if acked else None, acked,
            pending,
            len(p.missing_photos or []) if p else 0))
    return out


def _pending(con: Any, acked: int, office_id: str, communes: tuple[int, ...] | None) -> int:
    """Records changed here since the office's acknowledgement (not those it sent us), within
    its communes when the province exports to a field office."""
    base = ("SELECT count(DISTINCT record_id) FROM change_log WHERE seq > ? AND table_name != 'sync_conflict' "
            "AND NOT (op = 'import' AND office_id = ?)")
    if communes is None:
        return con.exec_driver_sql(base, (acked, office_id)).scalar() or 0
    from ocop_desktop.sync import exporter

    total = 0
    for table, q in exporter.scope_sql(communes).items():
        total += con.exec_driver_sql(f"{base} AND table_name = ? AND record_id IN ({q})",
                                     (acked, office_id, table) + (office_id,) * q.count("?")).scalar() or 0
    return total


def history(session: Session, *, office_id: str | None = None, limit: int = 300) -> list[BundleLog]:
    names = {o.id: o.name for o in session.scalars(select(Office))}
    q = select(SyncBundle).order_by(SyncBundle.processed_at.desc()).limit(limit)
    if office_id:
        q = q.where(SyncBundle.peer_office == office_id)
    out = []
    for b in session.scalars(q):
        res = b.result or {}
        if b.direction == "in":
            totals = res.get("totals", {})
            n = sum(totals.get(k, 0) for k in ("new", "fast_forward", "parallel", "conflict"))
        else:
            n = sum(c.get("records", 0) for c in (b.counts or {}).values())
        out.append(BundleLog(b.bundle_hash, b.direction, names.get(b.peer_office, b.peer_office[:8]), b.number,
                             b.kind, b.created_at, b.processed_at, n, int(res.get("conflicts", 0) or 0), b.receipt,
                             b.receipt_confirmed_at, b.path, dict(res)))
    return out


def confirm_receipt(session: Session, code: str) -> tuple[BundleLog, Any] | None:
    """The sending office types the code read over the phone: find the exported bundle it
    is about, check it, and record the confirmation. None when no bundle matches."""
    from ocop_desktop.models.base import utcnow
    from ocop_desktop.sync import receipt

    prefix = receipt.receipt_prefix(code)
    for b in session.scalars(select(SyncBundle).where(SyncBundle.direction == "out")
                             .order_by(SyncBundle.processed_at.desc())):
        if receipt.hash_prefix(b.bundle_hash) != prefix:
            continue
        r = receipt.read_receipt(code, b.bundle_hash)
        if r is None:
            continue
        b.receipt = receipt.make_receipt(b.bundle_hash, r.applied, r.conflicts)
        b.receipt_confirmed_at = utcnow()
        b.result = dict(b.result or {}, confirmed={"applied": r.applied, "conflicts": r.conflicts})
        session.flush()
        return history_row(session, b), r
    return None


def history_row(session: Session, b: SyncBundle) -> BundleLog:
    return next(h for h in history(session, office_id=b.peer_office, limit=10_000) if h.bundle_hash == b.bundle_hash)


__all__ = ["BundleLog", "PeerStatus", "clock", "confirm_receipt", "history", "peers"]
