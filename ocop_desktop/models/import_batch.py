"""Excel imports (issue 12): one row per applied import and one per record it created or
updated, so that the whole import can be undone as a batch. Local bookkeeping: it does not
travel (the records themselves do, through the change log)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, new_uuid, utcnow


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    sheet: Mapped[str] = mapped_column(String(255), default="")
    #: The mapping used (one field key per column) and the counts shown at the end.
    mapping: Mapped[list[str]] = mapped_column(JSON, default=list)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    undone_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class ImportBatchItem(Base):
    __tablename__ = "import_batch_item"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("import_batch.id"), index=True)
    record_table: Mapped[str] = mapped_column(String(32))  # producer | product | evaluation
    record_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(8))  # created | updated
    #: Updated records: the content fields before the import ({field: value as JSON}).
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    #: The record's version right after the import: undo refuses a record edited since.
    version_after: Mapped[int] = mapped_column(default=1)
