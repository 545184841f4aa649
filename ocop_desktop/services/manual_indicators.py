"""Manual indicators (chỉ tiêu nhập tay): the officer defines one (name, unit, kind) and enters
its values per period, for the whole area or per commune. Values feed
:mod:`ocop_desktop.stats.manual`; targets may use them like any indicator (id ``manual:<uuid>``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.i18n import N_, _, format_date
from ocop_desktop.models import ManualIndicator, ManualValue
from ocop_desktop.services.common import get_record, set_deleted
from ocop_desktop.services.plans import MAX_VALUE, format_value, parse_number
from ocop_desktop.services.validation import text_errors
from ocop_desktop.text import nfc, nfc_multiline

KIND_LABELS = {"count": N_("Count (values add up)"), "stock": N_("Stock (latest value)"),
               "share": N_("Share in % (latest value)"), "amount": N_("Amount in đồng (values add up)")}

_TEXT = {"name": (N_("Name"), 255, False), "unit": (N_("Unit"), 64, False),
         "definition": (N_("Definition"), None, True)}


@dataclass
class ManualIndicatorData:
    name: str = ""
    unit: str = ""
    definition: str = ""
    kind: str = "count"


@dataclass
class ManualValueData:
    indicator_id: str = ""  # the ManualIndicator id (with or without the "manual:" prefix)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    commune_code: int | None = None
    value: Any = None
    note: str = ""


def _raw_id(indicator_id: str) -> str:
    from ocop_desktop.stats.indicators import MANUAL_PREFIX

    return indicator_id[len(MANUAL_PREFIX):] if indicator_id.startswith(MANUAL_PREFIX) else indicator_id


def validate_indicator(data: ManualIndicatorData) -> dict[str, str]:
    errors = text_errors(data, _TEXT)
    if not data.name.strip():
        errors["name"] = _("Name: required.")
    if not data.unit.strip():
        errors["unit"] = _("Unit: required, e.g. làng, điểm bán, %.")
    if data.kind not in KIND_LABELS:
        errors["kind"] = _("Kind: count, stock, share or amount.")
    return errors


def define_indicator(session: Session, data: ManualIndicatorData, indicator_id: str | None = None) -> ManualIndicator:
    norm = ManualIndicatorData(nfc(data.name), nfc(data.unit), nfc_multiline(data.definition), data.kind)
    errors = validate_indicator(norm)
    if errors:
        raise ValidationFailed(errors)
    m = get_record(session, ManualIndicator, _raw_id(indicator_id)) if indicator_id else ManualIndicator()
    for f in ("name", "unit", "definition", "kind"):
        if getattr(m, f, None) != getattr(norm, f):
            setattr(m, f, getattr(norm, f))
    if indicator_id is None:
        session.add(m)
    session.flush()
    return m


def delete_indicator(session: Session, indicator_id: str) -> ManualIndicator:
    return set_deleted(session, ManualIndicator, _raw_id(indicator_id), True)


def validate_value(session: Session, data: ManualValueData) -> dict[str, str]:
    from ocop_desktop.stats.indicator_queries import office_communes

    errors: dict[str, str] = {}
    ind = session.get(ManualIndicator, _raw_id(data.indicator_id)) if data.indicator_id else None
    if ind is None or ind.deleted:
        errors["indicator_id"] = _("Indicator: {id} is not a known manual indicator.").format(id=data.indicator_id)
    if data.period_start is None:
        errors["period_start"] = _("From: required.")
    if data.period_end is None:
        errors["period_end"] = _("To: required.")
    elif data.period_start is not None and data.period_end < data.period_start:
        errors["period_end"] = _("To: the period ends ({end}) before it starts ({start}).").format(
            end=format_date(data.period_end), start=format_date(data.period_start))
    if data.commune_code is not None:
        if geography.commune(data.commune_code) is None:
            errors["commune_code"] = _("Commune: choose a commune from the list.")
        elif data.commune_code not in office_communes(session):
            errors["commune_code"] = _("Commune: the office does not cover {commune}.").format(
                commune=geography.commune_name(data.commune_code))
    try:
        n = parse_number(data.value)
    except ValueError:
        errors["value"] = _("Value: {value} is not a number.").format(value=data.value)
    else:
        if n is None:
            errors["value"] = _("Value: required.")
        elif n < 0:
            errors["value"] = _("Value: cannot be negative.")
        elif n > MAX_VALUE:
            errors["value"] = _("Value: the number is too large.")
        elif ind is not None and ind.kind == "share" and n > 100:
            errors["value"] = _("Value: a share cannot be above 100 % ({value} %).").format(value=format_value(n))
    return errors


def set_value(session: Session, data: ManualValueData, value_id: str | None = None) -> ManualValue:
    """Enter (or correct) one value. A value for the same indicator, period and commune replaces
    the one already there."""
    errors = validate_value(session, data)
    if errors:
        raise ValidationFailed(errors)
    raw = _raw_id(data.indicator_id)
    row = get_record(session, ManualValue, value_id) if value_id else session.scalar(
        select(ManualValue).where(ManualValue.indicator_id == raw, ManualValue.deleted.is_(False),
                                  ManualValue.period_start == data.period_start,
                                  ManualValue.period_end == data.period_end,
                                  ManualValue.commune_code.is_(None) if data.commune_code is None
                                  else ManualValue.commune_code == data.commune_code))
    if row is None:
        row = ManualValue(indicator_id=raw)
        session.add(row)
    value = parse_number(data.value)
    assert value is not None
    for f, v in (("period_start", data.period_start), ("period_end", data.period_end),
                 ("commune_code", data.commune_code), ("note", nfc_multiline(data.note))):
        if getattr(row, f, None) != v:
            setattr(row, f, v)
    if row.value is None or Decimal(str(row.value)) != value:
        row.value = value
    session.flush()
    return row


def delete_value(session: Session, value_id: str) -> ManualValue:
    return set_deleted(session, ManualValue, value_id, True)


@dataclass(frozen=True)
class ManualValueRow:
    id: str
    period_start: dt.date
    period_end: dt.date
    commune_code: int | None
    value: float


def list_values(session: Session, indicator_id: str) -> list[ManualValueRow]:
    q = (select(ManualValue).where(ManualValue.indicator_id == _raw_id(indicator_id),
                                   ManualValue.deleted.is_(False))
         .order_by(ManualValue.period_start, ManualValue.commune_code))
    return [ManualValueRow(v.id, v.period_start, v.period_end, v.commune_code, float(v.value))
            for v in session.scalars(q)]
