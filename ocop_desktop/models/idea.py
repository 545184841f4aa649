"""Product idea (ý tưởng sản phẩm, step 2 of the OCOP cycle): proposed by a producer or by a
person or group that is not a producer yet, screened by the office, and maybe turned into a
product (``product_id``; the product's history shows the idea, so the link reads both ways)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, SyncRecord


class ProductIdea(SyncRecord, Base):
    __tablename__ = "product_idea"

    name: Mapped[str] = mapped_column(String(255))  # the proposed product
    #: An existing producer, or None with the proposer's name, phone and commune below.
    producer_id: Mapped[str | None] = mapped_column(ForeignKey("producer.id"), default=None, index=True)
    proposer_name: Mapped[str] = mapped_column(String(255), default="")
    proposer_phone: Mapped[str] = mapped_column(String(32), default="")
    received_on: Mapped[dt.date]
    commune_code: Mapped[int | None] = mapped_column(default=None, index=True)
    product_set: Mapped[int | None] = mapped_column(default=None)  # 1..26, domain.product_sets
    description: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(16))  # domain.vocab.IdeaOrigin
    raw_materials: Mapped[str] = mapped_column(Text, default="")
    market: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))  # domain.vocab.IdeaStatus
    return_reason: Mapped[str] = mapped_column(Text, default="")
    screened_by: Mapped[str] = mapped_column(String(255), default="")
    screened_on: Mapped[dt.date | None] = mapped_column(default=None)
    #: The product made from this idea (services.ideas.make_product); no foreign key, like
    #: the certificate's links: the importer does not order rows within a bundle by it.
    product_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
