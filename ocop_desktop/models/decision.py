"""Recognition and revocation decisions (quyết định công nhận / thu hồi) and the
certificates they issue (giấy chứng nhận kết quả phân hạng sản phẩm OCOP).

Both are sync records: a decision recorded at the province travels to the field offices
of its products. Codes and rules: :mod:`ocop_desktop.domain.certificates`; use cases:
:mod:`ocop_desktop.services.decisions`. A certificate's status (valid, re-evaluation
window, expiring, expired, revoked, superseded) is computed, never stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, SyncRecord


class Decision(SyncRecord, Base):
    __tablename__ = "decision"

    kind: Mapped[str] = mapped_column(String(16))  # DecisionKind: recognition | revocation
    number: Mapped[str] = mapped_column(String(64), index=True)  # số quyết định, "1234/QĐ-UBND"
    date: Mapped[dt.date]  # ngày ký
    authority: Mapped[str] = mapped_column(String(255))  # cơ quan ban hành
    level: Mapped[str] = mapped_column(String(16))  # DecisionLevel: province | ministry
    signer_name: Mapped[str] = mapped_column(String(255), default="")
    signer_title: Mapped[str] = mapped_column(String(255), default="")  # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Warnings the officer confirmed when recording (date before the council finalised, stars
    #: other than the council's result): [{"code", "product_id", "message", "reason"}].
    confirmed_warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: Corrections made before any certificate was printed: [{"at", "reason", "previous": {field: old}}].
    corrections: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: Annulment (hủy bỏ) after certificates were printed, with its reason; ``replaced_by_id`` is the
    #: correcting decision when there is one (a plain column, see Certificate.superseded_by_id).
    annulled_on: Mapped[dt.date | None] = mapped_column(default=None)
    annul_reason: Mapped[str] = mapped_column(Text, default="")
    replaced_by_id: Mapped[str | None] = mapped_column(String(36), default=None)


class Certificate(SyncRecord, Base):
    __tablename__ = "certificate"
    #: Covering indexes for the statistics (stats.stock.live_rows reads them without the rows).
    __table_args__ = (
        Index("ix_certificate_stats", "deleted", "id", "product_id", "decision_id", "stars", "issue_date",
              "expiry_date", "revoked_by_decision_id", "superseded_by_id", "reissue_of_id"),
        Index("ix_certificate_successor", "id", "deleted", "decision_id", "issue_date"),
    )

    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"), index=True)
    decision_id: Mapped[str] = mapped_column(ForeignKey("decision.id"), index=True)
    number: Mapped[str] = mapped_column(String(64), index=True)  # unique among live certificates (service)
    stars: Mapped[int]  # 3..5
    issue_date: Mapped[dt.date]
    expiry_date: Mapped[dt.date]  # issue + 36 months (domain.certificates.expiry_for), stored
    #: The council evaluation the rank is based on, when recorded here.
    evaluation_id: Mapped[str | None] = mapped_column(ForeignKey("evaluation.id"), default=None)
    revoked_by_decision_id: Mapped[str | None] = mapped_column(ForeignKey("decision.id"), default=None)
    revocation_ground: Mapped[str | None] = mapped_column(String(4), default=None)  # RevocationGround
    #: A later certificate of the same product (re-evaluation or upgrade). A plain column, not a
    #: foreign key: the sync importer inserts a table's rows in one batch in no set order, and
    #: SQLite checks foreign keys row by row, so a reference within the table could refuse a
    #: good bundle (the newer certificate always travels with it: same product, same change).
    superseded_by_id: Mapped[str | None] = mapped_column(String(36), default=None)
    copies_printed: Mapped[int] = mapped_column(default=0)
    #: When the certificate was first printed (None: never). A decision is corrected in place only
    #: while none of its certificates was printed; afterwards it is annulled or replaced.
    first_printed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    # Snapshot of what was decided, taken at issue: a reprint after the product or producer is
    # renamed still prints these (None only on certificates issued before 0005: live values).
    product_name: Mapped[str | None] = mapped_column(String(255), default=None)
    product_code: Mapped[str | None] = mapped_column(String(32), default=None)
    product_set: Mapped[int | None] = mapped_column(default=None)
    producer_name: Mapped[str | None] = mapped_column(String(255), default=None)
    producer_address: Mapped[str | None] = mapped_column(Text, default=None)
    #: Re-issue (cấp lại): the certificate this one replaces and why (plain column, see above).
    reissue_of_id: Mapped[str | None] = mapped_column(String(36), default=None)
    reissue_reason: Mapped[str] = mapped_column(Text, default="")
