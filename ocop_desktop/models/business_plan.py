"""Business plan (phương án / dự án sản xuất kinh doanh, step 3 of the OCOP cycle) and the files
attached to plans.

A plan belongs to a producer and is made for a product idea (``idea_id``) or an existing product
(``product_id``). Its files are stored once by content hash, like photos (``attachments/ab/<sha>.pdf``
beside the database; the ``attachment`` table holds what is known about each file), and the plan
lists them in ONE JSON field ``attachments`` = [{"sha256", "name"}]: added or removed together,
merged as one field, carried in sync bundles with the plan like a product's photos.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, SyncRecord, utcnow


class BusinessPlan(SyncRecord, Base):
    __tablename__ = "business_plan"

    producer_id: Mapped[str] = mapped_column(ForeignKey("producer.id"), index=True)
    idea_id: Mapped[str | None] = mapped_column(ForeignKey("product_idea.id"), default=None, index=True)
    product_id: Mapped[str | None] = mapped_column(ForeignKey("product.id"), default=None, index=True)
    title: Mapped[str] = mapped_column(String(255))
    submitted_on: Mapped[dt.date]
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    #: Whole đồng; None = not stated.
    capital_own: Mapped[int | None] = mapped_column(BigInteger, default=None)
    capital_loans: Mapped[int | None] = mapped_column(BigInteger, default=None)
    support_requested: Mapped[int | None] = mapped_column(BigInteger, default=None)
    expected_output: Mapped[str] = mapped_column(String(500), default="")  # e.g. "20 tấn miến/năm"
    expected_revenue: Mapped[int | None] = mapped_column(BigInteger, default=None)
    jobs: Mapped[int] = mapped_column(default=0)
    jobs_women: Mapped[int] = mapped_column(default=0)
    jobs_minority: Mapped[int] = mapped_column(default=0)
    market: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))  # domain.business_plans.PlanStatus
    return_reason: Mapped[str] = mapped_column(Text, default="")
    approval_number: Mapped[str] = mapped_column(String(64), default="")
    approval_date: Mapped[dt.date | None] = mapped_column(default=None)
    approval_issuer: Mapped[str] = mapped_column(String(255), default="")
    attachments: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    notes: Mapped[str] = mapped_column(Text, default="")


class Attachment(Base):
    """A stored file (not a sync record: the file is identified by its content)."""

    __tablename__ = "attachment"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str] = mapped_column(String(128))
    size: Mapped[int]
    original_name: Mapped[str] = mapped_column(String(255), default="")
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
