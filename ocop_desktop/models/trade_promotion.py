"""Trade promotion (xúc tiến thương mại, issue 10 item 3): events that OCOP producers took part
in, and the OCOP points of sale / showrooms that carry their products. Both are sync records.

A :class:`TradeEvent`'s booths are one JSON field, ``participants``: [{"producer_id",
"product_ids": [...], "booths": int, "sales": int | None}] — the booths are edited together
in one dialog and merge as one field. Amounts are whole đồng (integers). Vocabularies:
:mod:`ocop_desktop.domain.trade_promotion`; use cases: :mod:`ocop_desktop.services.trade_events`
and :mod:`ocop_desktop.services.sale_points`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, SyncRecord


class TradeEvent(SyncRecord, Base):
    __tablename__ = "trade_event"

    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))  # EventKind
    start_date: Mapped[dt.date] = mapped_column(index=True)
    end_date: Mapped[dt.date]
    scope: Mapped[str] = mapped_column(String(16))  # EventScope
    place: Mapped[str] = mapped_column(String(255), default="")
    organiser: Mapped[str] = mapped_column(String(255), default="")
    visitors: Mapped[int | None] = mapped_column(default=None)
    sales: Mapped[int | None] = mapped_column(default=None)  # total reported, đồng
    cost: Mapped[int | None] = mapped_column(default=None)  # đồng
    funding: Mapped[str | None] = mapped_column(String(16), default=None)  # FundingSource
    notes: Mapped[str] = mapped_column(Text, default="")
    participants: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class SalePoint(SyncRecord, Base):
    __tablename__ = "sale_point"

    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))  # SalePointKind
    commune_code: Mapped[int | None] = mapped_column(default=None, index=True)
    address_detail: Mapped[str] = mapped_column(String(255), default="")
    operator: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    opening_date: Mapped[dt.date | None] = mapped_column(default=None)
    closing_date: Mapped[dt.date | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The products it carries (ids), in display order.
    product_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
