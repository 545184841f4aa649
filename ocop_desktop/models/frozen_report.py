"""Frozen reports: what an office sent up (UBND, the Ministry), kept exactly as sent.

A row holds the reports' canonical content (figures, texts, period, scope, heading) as one JSON
text and its SHA-256; the other columns repeat what the list shows. Rows are written once
(``services.frozen_reports.freeze``) and never changed or deleted: the flush hook below refuses
it, and a row changed behind the app's back no longer matches its hash. Local to the office
(not a sync record): each office keeps what it sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from ocop_desktop.models.base import Base, new_uuid, utcnow


class FrozenReport(Base):
    __tablename__ = "frozen_report"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    codes: Mapped[str] = mapped_column(String(128))  # "B01 B05"
    title: Mapped[str] = mapped_column(String(500))
    number: Mapped[str] = mapped_column(String(64), default="")  # "12/BC-VPĐP"
    sent_to: Mapped[str] = mapped_column(String(255), default="")  # "UBND tỉnh"
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    scope_label: Mapped[str] = mapped_column(String(255), default="")
    scope_communes: Mapped[list[int] | None] = mapped_column(JSON, default=None)
    frozen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    frozen_by: Mapped[str] = mapped_column(String(255), default="")
    content: Mapped[str] = mapped_column(Text)  # canonical JSON (stats.report_table.canonical_json)
    content_sha256: Mapped[str] = mapped_column(String(64))


class FrozenReportChanged(RuntimeError):
    """A frozen report was about to be changed or deleted (a bug: the service never does it)."""


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, _ctx: Any, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, FrozenReport) and (obj in session.deleted or session.is_modified(obj)):
            raise FrozenReportChanged(f"frozen report {obj.id} cannot be changed or deleted")
