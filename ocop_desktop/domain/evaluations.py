"""Evaluation vocabularies and the pure rules of historical (legacy) results.

Codes are stored in the database; labels are English message ids translated at display
time with :func:`ocop_desktop.domain.vocab.label`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from ocop_desktop.i18n import N_


class EvaluationKind(StrEnum):
    SELF = "self"  # the producer's self-assessment (Mẫu 02, part III)
    FIELD = "field"  # a field office's pre-assessment, to coach the producer
    COUNCIL = "council"  # the provincial council (Hội đồng cấp tỉnh): the official rank
    LEGACY = "legacy"  # a historical result entered without a sheet (QĐ 148/2023, QĐ 1048/2019)


EVALUATION_KIND_LABELS: dict[EvaluationKind, str] = {
    EvaluationKind.SELF: N_("Self-assessment"),
    EvaluationKind.FIELD: N_("Field-office pre-assessment"),
    EvaluationKind.COUNCIL: N_("Provincial council"),
    EvaluationKind.LEGACY: N_("Historical result"),
}

#: Kinds scored on sheets (created with ``services.evaluations.create_evaluation``).
SHEET_KINDS = frozenset({EvaluationKind.SELF, EvaluationKind.FIELD, EvaluationKind.COUNCIL})


class EvaluationStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


EVALUATION_STATUS_LABELS: dict[EvaluationStatus, str] = {
    EvaluationStatus.DRAFT: N_("Draft"),
    EvaluationStatus.FINAL: N_("Finalised"),
}

#: How a council's star minima are applied (the engine's ``minima`` argument).
#: "agreed": the minima are checked on the council's agreed sheet (issue 3's choice).
DEFAULT_MINIMA = "agreed"

#: The current rubric, used for new evaluations.
CURRENT_RUBRIC = "qd-26-2026"


class LegacyDecision(StrEnum):
    QD_148_2023 = "qd-148-2023"
    QD_1048_2019 = "qd-1048-2019"


LEGACY_DECISION_LABELS: dict[LegacyDecision, str] = {
    LegacyDecision.QD_148_2023: "Quyết định 148/QĐ-TTg (2023)",
    LegacyDecision.QD_1048_2019: "Quyết định 1048/QĐ-TTg (2019)",
}

#: Date each legacy decision was signed: a recognition under it cannot be older.
LEGACY_DECISION_SIGNED: dict[LegacyDecision, dt.date] = {
    LegacyDecision.QD_148_2023: dt.date(2023, 2, 24),
    LegacyDecision.QD_1048_2019: dt.date(2019, 8, 21),
}


def legacy_stars_allowed(rubric_id: str, total: Decimal) -> tuple[int, ...]:
    """Star ranks a total may carry under a legacy decision (ocop-domain.md §4.1).

    148/2023 bands are half-open (≥ 90 → 5★, ≥ 70 → 4★, ≥ 50 → 3★, ≥ 30 → 2★, else 1★):
    exactly one rank. 1048/2019 printed integer bands (90–100, 70–89, 50–69, 30–49, < 30),
    which leave gaps such as 89.5; a total in a gap accepts either neighbouring rank,
    since the recognition decision, not our reading of the gap, settled it.
    """
    if rubric_id == LegacyDecision.QD_1048_2019:
        bands = ((90, 100, 5), (70, 89, 4), (50, 69, 3), (30, 49, 2))
        for low, high, stars in bands:
            if low <= total <= high:
                return (stars,)
        if total < 30:
            return (1,)
        # In a gap between two bands (e.g. 89.5 between 70–89 and 90–100).
        for low, _high, stars in bands:
            if total < low:
                continue
            return (stars, stars + 1)
        return ()
    if total >= 90:
        return (5,)
    if total >= 70:
        return (4,)
    if total >= 50:
        return (3,)
    if total >= 30:
        return (2,)
    return (1,)


class Verdict(StrEnum):
    """The commune's verdict on raw materials, labour and local identity (Mẫu 03, II.1, 2, 4)."""

    YES = "yes"
    PARTIAL = "partial"
    NO = "no"


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.YES: N_("Yes"),
    Verdict.PARTIAL: N_("Partly"),
    Verdict.NO: N_("No"),
}


class IdeaOrigin(StrEnum):
    """Origin of the product idea (Mẫu 03, II.3: "truyền thống, sản phẩm mới")."""

    TRADITIONAL = "traditional"
    NEW = "new"


IDEA_ORIGIN_LABELS: dict[IdeaOrigin, str] = {
    IdeaOrigin.TRADITIONAL: N_("Traditional product"),
    IdeaOrigin.NEW: N_("New product"),
}
