"""Declarative base and the sync-ready record mixin.

Every record that travels between offices (see ``docs/architecture.md``, "Data that
lasts") carries: a UUID made offline, ``origin_office``, a ``version`` counter (+1 per
local edit), the ``base_version`` the last edit started from, ``updated_at`` for display
only (never for ordering: office PCs have wrong clocks), and a ``deleted`` tombstone.
The change-log row for each edit is written by :mod:`ocop_desktop.models.changelog` in the
same flush, so an edit and its log entry commit or roll back together.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, MetaData, String, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncRecord:
    """Mixin for tables whose rows travel in sync bundles."""

    #: Columns that are bookkeeping, not content: excluded from change-log field lists.
    SYNC_COLUMNS = frozenset(
        {"id", "origin_office", "version", "base_version", "updated_at", "deleted", "deleted_at", "vv", "dots"}
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    origin_office: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(default=1)
    base_version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    deleted: Mapped[bool] = mapped_column(default=False, index=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    #: Version vector: replica id (an office incarnation, see ``sync.clock``) → number of
    #: edits of this record made there. ``version`` is its sum, the same on every office
    #: that holds the same state.
    vv: Mapped[dict[str, int]] = mapped_column(JSON, default=dict, server_default=text("'{}'"))
    #: Which edit last wrote each field: {field: [replica, counter]}; "*" is the default for
    #: fields not listed (the creation, or a snapshot). "deleted" is a field here too. The
    #: sync merge tells a parallel update from a conflict with these.
    dots: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default=text("'{}'"))
