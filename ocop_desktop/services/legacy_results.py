"""Historical results (QĐ 148/2023, QĐ 1048/2019): total, stars and recognition decision,
entered without a sheet so that a product's history is complete. Stored as ``legacy``
evaluations, final at once; their star bands are those of their own decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from ocop_desktop.domain.evaluations import (
    LEGACY_DECISION_SIGNED,
    EvaluationKind,
    EvaluationStatus,
    LegacyDecision,
    legacy_stars_allowed,
)
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.models import (
    Evaluation,
)
from ocop_desktop.models.base import utcnow
from ocop_desktop.services.evaluations import _live_product, _period_errors, product_choice_error
from ocop_desktop.text import nfc, nfc_multiline


@dataclass
class LegacyResultData:
    product_id: str = ""
    rubric_id: str = LegacyDecision.QD_148_2023.value
    total: Decimal | str | None = None  # 0–100, at most 2 decimals ("78,5" accepted)
    stars: int | None = None
    decision_ref: str = ""  # số quyết định công nhận
    decision_date: dt.date | None = None
    year: int | None = None
    round: int | None = None  # unknown for most historical records
    notes: str = ""


def _parse_total(raw: Decimal | str | int | float | None) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def check_legacy_result(session: Session, data: LegacyResultData, *, today: dt.date | None = None) -> dict[str, str]:
    """{field: message} for a historical result, without saving."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if _live_product(session, data.product_id) is None:
        errors["product_id"] = product_choice_error(session, data.product_id)
    if data.rubric_id not in set(LegacyDecision):
        errors["rubric_id"] = _("Decision: choose decision 148/2023 or 1048/2019.")
    total = _parse_total(data.total)
    if data.total in (None, ""):
        errors["total"] = _("Total score: required.")
    elif total is None or not 0 <= total <= 100:
        errors["total"] = _("Total score: a number from 0 to 100.")
    elif total != total.quantize(Decimal("0.01")):
        errors["total"] = _("Total score: at most 2 decimals.")
    stars = data.stars
    if isinstance(stars, bool) or stars not in (1, 2, 3, 4, 5):
        errors["stars"] = _("Stars: from 1 to 5.")
    elif "total" not in errors and "rubric_id" not in errors:
        allowed = legacy_stars_allowed(data.rubric_id, total)
        if stars not in allowed and len(allowed) == 1:
            errors["stars"] = ngettext(
                "Stars: under this decision a total of {total} is {stars} star.",
                "Stars: under this decision a total of {total} is {stars} stars.", allowed[0]).format(
                total=format_number(total), stars=allowed[0])
        elif stars not in allowed:
            errors["stars"] = _("Stars: under this decision a total of {total} is {low} or {high} stars.").format(
                total=format_number(total), low=allowed[0], high=allowed[-1])
    errors.update(_period_errors(data.year, data.round, today, round_required=False, last_year=today.year))
    ref = nfc(data.decision_ref)
    recognised = stars in (3, 4, 5)
    if recognised and not ref:
        errors["decision_ref"] = _("Decision number: required for a recognised product (3 stars or more).")
    elif len(ref) > 64:
        errors["decision_ref"] = _("Decision number: at most 64 characters.")
    d = data.decision_date
    if d is None:
        if recognised:
            errors["decision_date"] = _("Decision date: required for a recognised product (3 stars or more).")
    elif d > today:
        errors["decision_date"] = _("Decision date: {date} is in the future.").format(date=d.strftime("%d/%m/%Y"))
    elif data.rubric_id in set(LegacyDecision) and d < LEGACY_DECISION_SIGNED[LegacyDecision(data.rubric_id)]:
        errors["decision_date"] = _("Decision date: {date} is before the decision it applies was signed ({signed}).").format(
            date=d.strftime("%d/%m/%Y"),
            signed=LEGACY_DECISION_SIGNED[LegacyDecision(data.rubric_id)].strftime("%d/%m/%Y"))
    elif data.year is not None and "year" not in errors and d.year < data.year:
        errors["decision_date"] = _("Decision date: {date} is before the evaluation year {year}.").format(
            date=d.strftime("%d/%m/%Y"), year=data.year)
    return errors


def create_legacy_result(session: Session, product_id: str, rubric_id: str, total: Decimal | str,
                         stars: int, decision_ref: str, decision_date: dt.date | None, year: int, *,
                         round: int | None = None, notes: str = "",  # noqa: A002
                         today: dt.date | None = None) -> Evaluation:
    """A historical result (kind "legacy", status "final"), no sheet. ``rubric_id``:
    "qd-148-2023" or "qd-1048-2019". The total must match the stars under that decision
    (1048's integer bands leave gaps, e.g. 89.5: either neighbouring rank is accepted).
    Decision number and date are required from 3 stars (1–2★ got no decision).
    Raises ValidationFailed. A recognised result (3★–5★ with a decision) gives the product its
    stars unless the certificate register has a certificate for it."""
    data = LegacyResultData(product_id=product_id, rubric_id=rubric_id, total=total, stars=stars,
                            decision_ref=decision_ref, decision_date=decision_date, year=year, round=round,
                            notes=notes)
    errors = check_legacy_result(session, data, today=today)
    if errors:
        raise ValidationFailed(errors)
    product = _live_product(session, product_id)
    ev = Evaluation(product_id=product_id, kind=EvaluationKind.LEGACY.value, year=year, round=round,
                    rubric_id=rubric_id, product_set=product.product_set, status=EvaluationStatus.FINAL.value,
                    legacy_total=_parse_total(total).quantize(Decimal("0.01")), legacy_stars=stars,
                    decision_ref=nfc(decision_ref), decision_date=decision_date, notes=nfc_multiline(notes),
                    finalised_at=utcnow(), reopen_log=[])
    session.add(ev)
    session.flush()
    from ocop_desktop.services.decisions import refresh_product_stars

    refresh_product_stars(session, product_id)  # a recognised historical result ranks the product
    return ev


