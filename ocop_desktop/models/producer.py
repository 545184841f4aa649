"""Producer (chủ thể OCOP): the cooperative, enterprise or household behind products."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Index, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, SyncRecord


class Producer(SyncRecord, Base):
    __tablename__ = "producer"
    #: Covering index for the statistics (producer types and representatives, index-only).
    __table_args__ = (Index("ix_producer_stats", "deleted", "id", "commune_code", "kind", "rep_sex", "rep_ethnicity",
                            "rep_disability", "value_chain"),)

    kind: Mapped[str] = mapped_column(String(16))  # domain.vocab.ProducerKind
    name: Mapped[str] = mapped_column(String(255))
    #: Công ty cổ phần only: share of capital held by the local community, in percent
    #: (criterion 3.1 scores ≥ 51 % higher).
    local_capital_share: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), default=None)
    identifier: Mapped[str | None] = mapped_column(String(20), default=None, index=True)
    identifier_kind: Mapped[str | None] = mapped_column(String(8), default=None)
    reg_number: Mapped[str] = mapped_column(String(64), default="")
    reg_date: Mapped[dt.date | None] = mapped_column(default=None)
    # Legal representative: sex, ethnicity and disability earn a point (criterion 3.2).
    rep_name: Mapped[str] = mapped_column(String(255), default="")
    rep_title: Mapped[str] = mapped_column(String(128), default="")
    rep_sex: Mapped[str | None] = mapped_column(String(4), default=None)
    rep_ethnicity: Mapped[str | None] = mapped_column(String(4), default=None)
    rep_disability: Mapped[bool] = mapped_column(default=False)
    #: The producer has built a value chain (chuỗi giá trị: stable raw-material area, circular or
    #: green production; QĐ 919/QĐ-TTg target "30% chủ thể xây dựng được chuỗi giá trị").
    value_chain: Mapped[bool] = mapped_column(default=False, server_default=text("0"))
    # Address: a commune of the office (post-2025 code) + village/street, and the
    # free-text address of records made before the 2025 reform.
    commune_code: Mapped[int | None] = mapped_column(default=None, index=True)
    address_detail: Mapped[str] = mapped_column(String(255), default="")
    legacy_address: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    food_safety_cert_no: Mapped[str] = mapped_column(String(64), default="")
    food_safety_cert_expiry: Mapped[dt.date | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
