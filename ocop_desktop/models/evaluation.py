"""Evaluations of a product (self-assessment, field pre-assessment, provincial council,
historical result) and the scoring sheets they hold.

A sheet-scored evaluation is a draft until finalised; finalising caches the result
(total, stars, elimination) so lists never rescore, and reopening it is explicit and
logged in ``reopen_log`` (the change log records the edit too). Codes: see
:mod:`ocop_desktop.domain.evaluations`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, SyncRecord


class Evaluation(SyncRecord, Base):
    __tablename__ = "evaluation"

    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # EvaluationKind
    year: Mapped[int]
    #: Đợt 1 or 2 of the year (26/2026 Điều 5); None for a historical result of unknown round.
    round: Mapped[int | None] = mapped_column(default=None)
    #: "qd-26-2026" for sheet-scored kinds; "qd-148-2023" / "qd-1048-2019" for legacy results.
    rubric_id: Mapped[str] = mapped_column(String(32))
    #: The product set whose sheet is used, fixed at creation (the product's set may change later).
    product_set: Mapped[int | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(8), default="draft")  # EvaluationStatus
    #: Council only: how star minima apply (the engine's ``minima``), "agreed" by default.
    minima_mode: Mapped[str | None] = mapped_column(String(16), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    # Result cached at finalisation (None while a draft). ``total`` is the council's exact
    # average shown with 2 decimals (stars were banded on the exact value) or a single total.
    finalised_at: Mapped[dt.datetime | None] = mapped_column(default=None)  # display only
    total: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), default=None)
    stars: Mapped[int | None] = mapped_column(default=None)
    stars_by_points: Mapped[int | None] = mapped_column(default=None)
    eliminated_reason: Mapped[str | None] = mapped_column(Text, default=None)
    #: The cached result as JSON (parts, caps, member totals, spread…) for reports.
    result_json: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)

    # Historical result (kind "legacy"): entered, never computed.
    legacy_total: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), default=None)
    legacy_stars: Mapped[int | None] = mapped_column(default=None)
    decision_ref: Mapped[str] = mapped_column(String(64), default="")  # số quyết định
    decision_date: Mapped[dt.date | None] = mapped_column(default=None)

    # Council discussion (domain brief §4.2, provincial council rules: members' totals more
    # than 10 points apart → the council discusses and the members re-score). Recorded so a
    # council with that spread can be finalised without an agreed sheet; travels in sync.
    discussion_date: Mapped[dt.date | None] = mapped_column(default=None)
    discussion_chair: Mapped[str] = mapped_column(String(255), default="")
    discussion_attendees: Mapped[str] = mapped_column(Text, default="")
    discussion_outcome: Mapped[str] = mapped_column(Text, default="")

    #: Each reopening of a finalised evaluation: [{"at", "by", "reason", "previous"}].
    reopen_log: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class EvaluationSheet(SyncRecord, Base):
    """One scoring sheet: a council member's, the council's agreed sheet, or the single
    sheet of a self/field evaluation."""

    __tablename__ = "evaluation_sheet"

    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluation.id"), index=True)
    member_name: Mapped[str] = mapped_column(String(255), default="")
    member_role: Mapped[str] = mapped_column(String(128), default="")  # "Chủ tịch Hội đồng", "Thành viên"
    position: Mapped[int] = mapped_column(default=0)  # display order
    #: Chosen option per criterion: {code: 0-based option index}; missing codes are not chosen yet.
    choices: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    eliminated_by: Mapped[str | None] = mapped_column(String(64), default=None)  # rubric note id
    comment: Mapped[str] = mapped_column(Text, default="")  # "Ý kiến của người đánh giá"
    #: The council's agreed (consensus) sheet: star minima are checked on it; not a member's vote.
    is_agreed: Mapped[bool] = mapped_column(default=False)
