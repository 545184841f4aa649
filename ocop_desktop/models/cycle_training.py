"""Cycle step 4 records: training classes (lớp tập huấn) and support given (hỗ trợ).

Both are sync records. A class lists the producers whose people attended as a JSON list of
producer ids (one field: it merges as a whole, like a product's photos). Amounts are whole đồng.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, SyncRecord


class TrainingClass(SyncRecord, Base):
    __tablename__ = "training_class"

    title: Mapped[str] = mapped_column(String(255))
    topic: Mapped[str] = mapped_column(String(32))  # domain.training_support.TrainingTopic
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    place: Mapped[str] = mapped_column(String(255), default="")
    commune_code: Mapped[int | None] = mapped_column(default=None, index=True)
    audience: Mapped[str] = mapped_column(String(32))  # domain.training_support.Audience
    learners: Mapped[int] = mapped_column(default=0)
    learners_women: Mapped[int] = mapped_column(default=0)
    learners_minority: Mapped[int] = mapped_column(default=0)
    producer_ids: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    organiser: Mapped[str] = mapped_column(String(255), default="")
    cost: Mapped[int | None] = mapped_column(BigInteger, default=None)
    funding: Mapped[str | None] = mapped_column(String(16), default=None)  # FundingSource
    notes: Mapped[str] = mapped_column(Text, default="")


class Support(SyncRecord, Base):
    """Support given to a producer, or to one of its products (then both ids are set)."""

    __tablename__ = "support"

    producer_id: Mapped[str] = mapped_column(ForeignKey("producer.id"), index=True)
    product_id: Mapped[str | None] = mapped_column(ForeignKey("product.id"), default=None, index=True)
    kind: Mapped[str] = mapped_column(String(32))  # domain.training_support.SupportKind
    description: Mapped[str] = mapped_column(String(500), default="")
    amount: Mapped[int] = mapped_column(BigInteger, default=0)
    funding: Mapped[str] = mapped_column(String(16))  # FundingSource
    date: Mapped[dt.date]
    decision_ref: Mapped[str] = mapped_column(String(128), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
