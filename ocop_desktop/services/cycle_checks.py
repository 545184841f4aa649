"""Checks the cycle-step-4 services share: counts, amounts in đồng, referenced producers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.i18n import MAX_AMOUNT, AmountError, _, format_amount, parse_amount
from ocop_desktop.models import Producer


def count_error(label: str, value: object) -> str | None:
    """A number of people: a whole number, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int):
        return _("{field}: a whole number of people, e.g. 35.").format(field=label)
    if value < 0:
        return _("{field}: cannot be negative.").format(field=label)
    if value > 1_000_000:
        return _("{field}: {n} is not a plausible number of people.").format(field=label, n=value)
    return None


def amount_error(label: str, value: object, *, required: bool) -> str | None:
    """An amount in đồng: a whole number, 0 or more (text as typed is parsed first)."""
    if isinstance(value, str):
        try:
            value = parse_amount(value)
        except AmountError as exc:
            if exc.code == "negative":
                return _("{field}: an amount cannot be negative.").format(field=label)
            if exc.code == "too_large":
                return _("{field}: at most {max}.").format(field=label, max=format_amount(MAX_AMOUNT))
            return _("{field}: write a whole number of đồng, e.g. 903.000.000.").format(field=label)
    if value is None:
        return _("{field}: required.").format(field=label) if required else None
    if isinstance(value, bool) or not isinstance(value, int):
        return _("{field}: write a whole number of đồng, e.g. 903.000.000.").format(field=label)
    if value < 0:
        return _("{field}: an amount cannot be negative.").format(field=label)
    if value > MAX_AMOUNT:
        return _("{field}: at most {max}.").format(field=label, max=format_amount(MAX_AMOUNT))
    return None


def producer_errors(session: Session, producer_ids: list[str]) -> str | None:
    """Producers that do not exist or were deleted, named."""
    if not producer_ids:
        return None
    found = dict(session.execute(select(Producer.id, Producer.deleted).where(Producer.id.in_(producer_ids))).all())
    missing = [p for p in producer_ids if p not in found]
    if missing:
        return _("Producers: {n} of the chosen producers do not exist.").format(n=len(missing))
    deleted = [p for p in producer_ids if found[p]]
    if deleted:
        names = ", ".join(session.scalars(select(Producer.name).where(Producer.id.in_(deleted))))
        return _("Producers: {names} was deleted; remove it from the list or restore it first.").format(
            names=names)
    return None
