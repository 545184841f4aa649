"""Sync bookkeeping: office keys, per-peer state, the bundle log, replicas, conflicts.

None of these are sync records themselves; conflicts travel in bundles as a set keyed by
a deterministic id (the same conflict found by two offices is one conflict).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from ocop_desktop.models.base import Base, utcnow


class JSONText(TypeDecorator):
    """JSON stored as TEXT. A column declared JSON has numeric affinity in SQLite, which
    turns the JSON text ``0`` into the integer 0; conflict values can be bare scalars."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str:  # noqa: ARG002
        return json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: Any, dialect: Any) -> Any:  # noqa: ARG002
        return None if value is None else json.loads(value)


class OfficeKey(Base):
    """A key pair of an office: Ed25519 to sign, X25519 to receive encrypted bundles.

    The local office holds its private halves; peers' keys have public halves only.
    Rotation adds a key endorsed by the previous one; retired keys stay to verify and
    open older bundles.
    """

    __tablename__ = "office_key"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"), index=True)
    sign_public: Mapped[bytes] = mapped_column(LargeBinary(32))
    enc_public: Mapped[bytes] = mapped_column(LargeBinary(32))
    sign_private: Mapped[bytes | None] = mapped_column(LargeBinary(32), default=None)
    enc_private: Mapped[bytes | None] = mapped_column(LargeBinary(32), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    #: Rotation chain: the previous key's id and its signature over this key's public halves.
    endorsed_by: Mapped[str | None] = mapped_column(String(16), default=None)
    endorsement: Mapped[bytes | None] = mapped_column(LargeBinary(64), default=None)
    #: How a peer key came to be trusted: "local", "fingerprint" (read over the phone),
    #: "endorsed" (signed by a key already trusted).
    trust: Mapped[str] = mapped_column(String(16), default="local")


class SyncPeer(Base):
    """What this office knows about exchanges with one other office."""

    __tablename__ = "sync_peer"

    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"), primary_key=True)
    # Received from them: their change-log sequence imported so far, per their incarnation.
    their_incarnation: Mapped[str | None] = mapped_column(String(36), default=None)
    imported_upto: Mapped[int] = mapped_column(default=0)
    last_in_number: Mapped[int] = mapped_column(default=0)
    last_in_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    last_in_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # Sent to them: how far they acknowledged our change log (for our incarnation then).
    acked_incarnation: Mapped[str | None] = mapped_column(String(36), default=None)
    acked_upto: Mapped[int] = mapped_column(default=0)
    acked_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    #: Photo hashes they told us they lack (sent again within the photo budget).
    missing_photos: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_out_number: Mapped[int] = mapped_column(default=0)
    last_out_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    last_out_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class SyncBundle(Base):
    """Every bundle written or read here (the history the overview and receipts use)."""

    __tablename__ = "sync_bundle"

    bundle_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    direction: Mapped[str] = mapped_column(String(4))  # "out" | "in"
    peer_office: Mapped[str] = mapped_column(String(36), index=True)
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16), default="changes")  # "changes" | "snapshot"
    created_at: Mapped[dt.datetime]  # the sender's clock: display only
    processed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    seq_from: Mapped[int] = mapped_column(default=0)
    seq_to: Mapped[int] = mapped_column(default=0)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Import: counts per class and record type, warnings; export: size, deferred photos.
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    receipt: Mapped[str | None] = mapped_column(String(16), default=None)
    receipt_confirmed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    path: Mapped[str] = mapped_column(Text, default="")


class SyncReplica(Base):
    """Which office (and incarnation) a replica id in version vectors stands for."""

    __tablename__ = "sync_replica"

    replica: Mapped[str] = mapped_column(String(12), primary_key=True)
    office_id: Mapped[str] = mapped_column(String(36), index=True)
    incarnation: Mapped[str] = mapped_column(String(36))
    first_seen: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncConflict(Base):
    """Two offices changed the same field of a record without seeing each other's edit
    (or one deleted what the other edited). The record holds ``kept_value`` (the same
    choice on every office); ``other_value`` is kept here until an officer decides."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # uuid5 of record, field, dots
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8), default="field")  # "field" | "delete"
    kept_value: Mapped[Any] = mapped_column(JSONText, default=None)
    other_value: Mapped[Any] = mapped_column(JSONText, default=None)
    kept_dot: Mapped[list[Any]] = mapped_column(JSON, default=list)
    other_dot: Mapped[list[Any]] = mapped_column(JSON, default=list)
    kept_version: Mapped[int] = mapped_column(default=0)
    other_version: Mapped[int] = mapped_column(default=0)
    base_version: Mapped[int] = mapped_column(default=0)
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    detected_by: Mapped[str] = mapped_column(String(36), default="")
    status: Mapped[str] = mapped_column(String(8), default="open", index=True)  # "open" | "resolved"
    resolved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    resolved_by: Mapped[str | None] = mapped_column(String(36), default=None)
    resolution: Mapped[Any] = mapped_column(JSONText, default=None)
