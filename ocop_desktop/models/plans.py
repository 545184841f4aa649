"""Programme plans and their targets (kế hoạch, chỉ tiêu; issue 11 item 2) and the values of
manual indicators (what the records do not hold, e.g. "làng văn hóa du lịch").

All are sync records: a provincial plan travels to the field offices. A plan covers a year or
a span of years (``start_year``–``end_year``), an area (``commune_codes``; empty = everything the
office covers) and, for an old plan written for pre-2025 districts, the ``units`` it was written
for: [{"key": "trung_khanh", "name": "huyện Trùng Khánh", "commune_codes": [...], "note": "..."}]
(the post-2025 communes that now cover each unit). Rules and validation:
:mod:`ocop_desktop.services.plans`; achievement: :mod:`ocop_desktop.stats.achievement`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, SyncRecord


class ProgrammePlan(SyncRecord, Base):
    __tablename__ = "programme_plan"

    number: Mapped[str] = mapped_column(String(64))  # "3438/KH-UBND"
    date: Mapped[dt.date | None] = mapped_column(default=None)  # ngày ban hành
    title: Mapped[str] = mapped_column(String(500))
    issuer: Mapped[str] = mapped_column(String(255), default="")  # "UBND tỉnh Cao Bằng"
    start_year: Mapped[int]
    end_year: Mapped[int]
    level: Mapped[str] = mapped_column(String(16))  # services.plans.PlanLevel
    commune_codes: Mapped[list[int]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    units: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    notes: Mapped[str] = mapped_column(Text, default="")


class PlanTarget(SyncRecord, Base):
    """One target (chỉ tiêu) of a plan: an indicator, a scope, a value or a range, as written."""

    __tablename__ = "plan_target"

    plan_id: Mapped[str] = mapped_column(ForeignKey("programme_plan.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    indicator_id: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(16))  # services.plans.TargetScope
    low: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    high: Mapped[Decimal | None] = mapped_column(Numeric(18, 4), default=None)  # a range "5–10"
    #: per_unit scope: {unit key or commune code (as text): target value}.
    per_unit: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default=text("'{}'"))
    words: Mapped[str] = mapped_column(Text, default="")  # the target as written in the plan
    baseline: Mapped[Decimal | None] = mapped_column(Numeric(18, 4), default=None)
    baseline_date: Mapped[dt.date | None] = mapped_column(default=None)
    #: A target for one year inside the plan's span (None: the plan's end / whole span).
    year: Mapped[int | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class ManualIndicator(SyncRecord, Base):
    """An indicator the officer defines and whose values are entered, not computed."""

    __tablename__ = "manual_indicator"

    name: Mapped[str] = mapped_column(String(255))
    unit: Mapped[str] = mapped_column(String(64))
    definition: Mapped[str] = mapped_column(Text, default="")
    #: count / amount: values of sub-periods add up; stock / share: the latest value stands.
    kind: Mapped[str] = mapped_column(String(8), default="count")


class ManualValue(SyncRecord, Base):
    __tablename__ = "manual_value"

    indicator_id: Mapped[str] = mapped_column(ForeignKey("manual_indicator.id"), index=True)
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    commune_code: Mapped[int | None] = mapped_column(default=None, index=True)  # None: the whole area
    value: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    note: Mapped[str] = mapped_column(Text, default="")
