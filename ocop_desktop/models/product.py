"""Product (sản phẩm OCOP) of a producer, in one of the 26 product sets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ocop_desktop.models.base import Base, SyncRecord
from ocop_desktop.models.producer import Producer


class Product(SyncRecord, Base):
    __tablename__ = "product"
    #: Covering index for the statistics (stats.stock.live_rows).
    __table_args__ = (Index("ix_product_stats", "id", "deleted", "commune_code", "producer_id", "product_set"),)

    name: Mapped[str] = mapped_column(String(255))
    producer_id: Mapped[str] = mapped_column(ForeignKey("producer.id"), index=True)
    product_set: Mapped[int]  # 1..26, domain.product_sets
    commune_code: Mapped[int | None] = mapped_column(default=None, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    #: Quality and IP certificates held: [{"kind", "number", "expiry" (ISO date|None), "issuer"}].
    certifications: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16))  # domain.vocab.ProductStatus
    stars: Mapped[int | None] = mapped_column(default=None)
    # Product code (T)-(X)-(STT)-năm: province code, commune code, serial in the
    # commune's register, evaluation year (Decision 26/2026 sheet header).
    code: Mapped[str | None] = mapped_column(String(32), default=None, index=True)
    code_serial: Mapped[int | None] = mapped_column(default=None)
    code_year: Mapped[int | None] = mapped_column(default=None)
    #: SHA-256 hashes of the product's photos, in display order.
    photos: Mapped[list[str]] = mapped_column(JSON, default=list)

    producer: Mapped[Producer] = relationship(lazy="raise")
