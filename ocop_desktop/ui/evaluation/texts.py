"""Words and small formatting the evaluation screens share (stars, averages, labels)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ocop_desktop.domain.evaluations import (
    EVALUATION_KIND_LABELS,
    EVALUATION_STATUS_LABELS,
    EvaluationKind,
    EvaluationStatus,
)
from ocop_desktop.i18n import _, format_number, ngettext


def star_row(n: int) -> str:
    """★★★☆☆ for 3 of 5."""
    n = max(0, min(n, 5))
    return "★" * n + "☆" * (5 - n)


def stars_label(n: int | None) -> str:
    if not n:
        return _("Not ranked")
    return ngettext("{n} star", "{n} stars", n).format(n=n)


def stars_full(n: int | None) -> str:
    """"★★★★☆ 4 sao", or "Not ranked"."""
    if not n:
        return _("Not ranked")
    return f"{star_row(n)}  {stars_label(n)}"


def total_text(value: int | Decimal | Fraction | None, decimals: int = 0) -> str:
    if value is None:
        return ""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return format_number(value, decimals)


def kind_label(kind: str) -> str:
    try:
        return _(EVALUATION_KIND_LABELS[EvaluationKind(kind)])
    except ValueError:
        return kind


def status_label(status: str) -> str:
    try:
        return _(EVALUATION_STATUS_LABELS[EvaluationStatus(status)])
    except ValueError:
        return status


def round_label(year: int | None, round_no: int | None) -> str:
    if year is None:
        return ""
    if round_no is None:
        return str(year)
    return _("Round {round}/{year}").format(round=round_no, year=year)


def codes_text(codes: list[str] | tuple[str, ...], limit: int = 12) -> str:
    shown = ", ".join(codes[:limit])
    if len(codes) > limit:
        shown += ", …"
    return shown
