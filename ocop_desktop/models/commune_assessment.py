"""The commune's report on a product's dossier (Mẫu số 03, 26/2026 Điều 6.2b, 7.2).

One per product per year and round; it travels with the dossier to the province. The
four contents the commune assesses each carry a verdict code and the written assessment;
the representative's sex and ethnicity default to the producer's.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, SyncRecord


class CommuneAssessment(SyncRecord, Base):
    __tablename__ = "commune_assessment"

    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"), index=True)
    commune_code: Mapped[int | None] = mapped_column(default=None)  # the assessing commune
    year: Mapped[int]
    round: Mapped[int]  # đợt 1 or 2
    # II.1 local raw materials, II.2 local labour, II.4 local identity: Verdict codes.
    raw_material_verdict: Mapped[str | None] = mapped_column(String(16), default=None)
    raw_material_text: Mapped[str] = mapped_column(Text, default="")
    labour_verdict: Mapped[str | None] = mapped_column(String(16), default=None)
    labour_text: Mapped[str] = mapped_column(Text, default="")
    # II.3 origin of the product idea: IdeaOrigin codes.
    idea_origin_verdict: Mapped[str | None] = mapped_column(String(16), default=None)
    idea_origin_text: Mapped[str] = mapped_column(Text, default="")
    local_identity_verdict: Mapped[str | None] = mapped_column(String(16), default=None)
    local_identity_text: Mapped[str] = mapped_column(Text, default="")
    # I.4 the producer's legal representative (copied from the producer, editable).
    rep_sex: Mapped[str | None] = mapped_column(String(4), default=None)
    rep_ethnicity: Mapped[str | None] = mapped_column(String(4), default=None)
    assessed_on: Mapped[dt.date | None] = mapped_column(default=None)
    signer_name: Mapped[str] = mapped_column(String(255), default="")
    signer_title: Mapped[str] = mapped_column(String(128), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
