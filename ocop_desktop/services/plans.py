"""Programme plans and their targets (kế hoạch, chỉ tiêu): validate, save, list, delete, restore.

A plan and its targets are saved together (:func:`save_plan`): everything is checked first and
nothing is written when anything is wrong; the errors are keyed by field (``number``, ``end_year``,
``targets.2.low`` …) for the dialog to mark. Bad input refused with a Vietnamese message: an
unknown indicator, a share above 100 %, a range upside down ("10–5"), a period ending before it
starts, a scope (communes or units) the office does not cover.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.i18n import N_, _, format_number
from ocop_desktop.models import PlanTarget, ProgrammePlan
from ocop_desktop.services.common import get_record, set_deleted
from ocop_desktop.services.validation import text_errors
from ocop_desktop.text import fold, nfc, nfc_multiline


class PlanLevel(StrEnum):
    PROVINCE = "province"  # UBND tỉnh / the provincial office
    FIELD_OFFICE = "field_office"  # a field office (former district)
    COMMUNES = "communes"  # a set of communes


PLAN_LEVEL_LABELS = {PlanLevel.PROVINCE: N_("Province"), PlanLevel.FIELD_OFFICE: N_("Field office"),
                     PlanLevel.COMMUNES: N_("Communes")}


class TargetScope(StrEnum):
    WHOLE = "whole"  # the plan's whole area
    PER_UNIT = "per_unit"  # a value for each commune (or old unit) of the area
    EACH_AT_LEAST = "each_at_least"  # "mỗi huyện, thành phố có ít nhất N"


TARGET_SCOPE_LABELS = {TargetScope.WHOLE: N_("Whole area"), TargetScope.PER_UNIT: N_("Per commune / unit"),
                       TargetScope.EACH_AT_LEAST: N_("Each commune / unit at least")}

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_VALUE = Decimal("1e14")

_PLAN_TEXT = {"number": (N_("Number"), 64, False), "title": (N_("Plan title"), 500, False),
              "issuer": (N_("Issuing body"), 255, False), "notes": (N_("Notes"), None, True)}
_TARGET_TEXT = {"words": (N_("Target as written"), None, True), "notes": (N_("Notes"), None, True)}


@dataclass
class TargetData:
    """One target. ``low``/``high``/``baseline`` may be numbers or text as typed ("40,5")."""

    indicator_id: str = ""
    scope: str = TargetScope.WHOLE.value
    low: Any = None
    high: Any = None
    per_unit: dict[str, Any] = field(default_factory=dict)  # unit key or commune code → value
    words: str = ""
    baseline: Any = None
    baseline_date: dt.date | None = None
    year: int | None = None
    notes: str = ""
    id: str | None = None  # an existing target's id (kept on save); None = a new one


@dataclass
class PlanData:
    number: str = ""
    date: dt.date | None = None
    title: str = ""
    issuer: str = ""
    start_year: int | None = None
    end_year: int | None = None
    level: str = PlanLevel.PROVINCE.value
    commune_codes: list[int] = field(default_factory=list)  # [] = everything the office covers
    #: Units an old plan was written for: {"key", "name", "commune_codes", "note"}.
    units: list[dict[str, Any]] = field(default_factory=list)
    notes: str = ""
    targets: list[TargetData] = field(default_factory=list)


# -- numbers --------------------------------------------------------------------------------

_NUM = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_number(value: Any) -> Decimal | None:
    """A number typed the Vietnamese way ("40,5", "1.500" is 1500) or given as int/float; None
    when empty; ValueError when it is not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    t = str(value).strip().replace(" ", "").replace("%", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):  # thousands separators
        t = t.replace(".", "")
    if not _NUM.match(t):
        raise ValueError(value)
    try:
        return Decimal(t.replace(",", "."))
    except InvalidOperation:
        raise ValueError(value) from None


def parse_range(text: str) -> tuple[Decimal | None, Decimal | None]:
    """'5–10' / '5-10' → (5, 10); '40' → (40, None); ValueError when not a number or a range."""
    t = (text or "").strip()
    m = re.fullmatch(r"(.+?)\s*[–—-]\s*(.+)", t)
    if m and not t.startswith("-"):
        return parse_number(m.group(1)), parse_number(m.group(2))
    return parse_number(t), None


def format_value(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    d = Decimal(str(value))
    return format_number(int(d)) if d == d.to_integral_value() else format_number(float(d))


def format_range(low: Any, high: Any) -> str:
    return format_value(low) if high is None else f"{format_value(low)}–{format_value(high)}"


# -- validation -----------------------------------------------------------------------------

def _number_error(label: str, value: Any, *, required: bool) -> tuple[Decimal | None, str | None]:
    try:
        n = parse_number(value)
    except ValueError:
        return None, _("{field}: {value} is not a number.").format(field=label, value=value)
    if n is None:
        return None, (_("{field}: required.").format(field=label) if required else None)
    if n < 0:
        return None, _("{field}: a target cannot be negative.").format(field=label)
    if n > MAX_VALUE:
        return None, _("{field}: the number is too large.").format(field=label)
    return n, None


def unit_keys(data: PlanData, office: frozenset[int]) -> list[str]:
    """The units a per-commune target counts: the old units when the plan has some, else each
    commune of the plan's area (the office's communes when it names none), as text codes."""
    if data.units:
        return [str(u.get("key", "")) for u in data.units]
    return [str(c) for c in sorted(data.commune_codes or office)]


def validate(session: Session, data: PlanData, office: frozenset[int] | None = None) -> dict[str, str]:
    """Field errors of a normalised plan and its targets (``{}`` when it can be saved)."""
    from ocop_desktop.stats.indicator_queries import office_communes
    from ocop_desktop.stats.indicators import find

    office = office_communes(session) if office is None else office
    errors = text_errors(data, _PLAN_TEXT)
    if not data.number:
        errors["number"] = _("Number: required, e.g. 3438/KH-UBND.")
    if not data.title:
        errors["title"] = _("Plan title: required.")
    if data.level not in set(PlanLevel):
        errors["level"] = _("Level: choose province, field office or communes.")
    years_ok = True
    for key, label in (("start_year", _("First year")), ("end_year", _("Last year"))):
        y = getattr(data, key)
        if not isinstance(y, int) or isinstance(y, bool) or not MIN_YEAR <= y <= MAX_YEAR:
            errors[key] = _("{field}: a year between {min} and {max}.").format(field=label, min=MIN_YEAR, max=MAX_YEAR)
            years_ok = False
    if years_ok and data.end_year < data.start_year:  # type: ignore[operator]
        errors["end_year"] = _("Last year: the plan's period ends ({end}) before it starts ({start}).").format(
            end=data.end_year, start=data.start_year)
        years_ok = False
    if data.date is not None and years_ok and data.date.year > data.end_year:  # type: ignore[operator]
        errors["date"] = _("Date: the plan is dated after its period ({end}).").format(end=data.end_year)
    outside = sorted(c for c in data.commune_codes if c not in office)
    if outside:
        errors["commune_codes"] = _("Communes: the office does not cover {communes}.").format(
            communes=", ".join(geography.commune_name(c) or str(c) for c in outside))
    keys: set[str] = set()
    for i, u in enumerate(data.units):
        name = nfc(str(u.get("name", "")))
        key = str(u.get("key", ""))
        codes = u.get("commune_codes") or []
        if not name or not key:
            errors[f"units.{i}"] = _("Unit {n}: a name and a key are required.").format(n=i + 1)
        elif key in keys:
            errors[f"units.{i}"] = _("Unit {name}: listed twice.").format(name=name)
        elif not all(isinstance(c, int) and not isinstance(c, bool) for c in codes):
            errors[f"units.{i}"] = _("Unit {name}: the communes must be commune codes.").format(name=name)
        elif bad := sorted(c for c in codes if c not in office):
            errors[f"units.{i}"] = _("Unit {name}: the office does not cover {communes}.").format(
                name=name, communes=", ".join(geography.commune_name(c) or str(c) for c in bad))
        keys.add(key)
    valid_units = set(unit_keys(data, office))
    for i, t in enumerate(data.targets):
        errors.update({f"targets.{i}.{k}": v for k, v in _target_errors(session, data, t, valid_units,
                                                                         years_ok, find).items()})
    return errors


def _target_errors(session: Session, plan: PlanData, t: TargetData, units: set[str], years_ok: bool,
                   find: Any) -> dict[str, str]:
    errors = text_errors(t, _TARGET_TEXT)
    ind = find(session, t.indicator_id) if t.indicator_id else None
    if not t.indicator_id:
        errors["indicator_id"] = _("Indicator: choose the indicator the target counts.")
    elif ind is None:
        errors["indicator_id"] = _("Indicator: {id} is not a known indicator.").format(id=t.indicator_id)
    if t.scope not in set(TargetScope):
        errors["scope"] = _("Scope: whole area, per commune or each commune at least.")
    low, msg = _number_error(_("Target"), t.low, required=t.scope != TargetScope.PER_UNIT)
    if msg:
        errors["low"] = msg
    high, msg = _number_error(_("Upper bound"), t.high, required=False)
    if msg:
        errors["high"] = msg
    if low is not None and high is not None and high < low:
        errors["high"] = _("Upper bound: the range is upside down ({low}–{high}); write the smaller number "
                           "first.").format(low=format_value(low), high=format_value(high))
    if ind is not None and ind.kind == "share":
        for key, v in (("low", low), ("high", high)):
            if v is not None and v > 100 and key not in errors:
                errors[key] = _("{field}: a share cannot be above 100 % ({value} %).").format(
                    field=_("Target") if key == "low" else _("Upper bound"), value=format_value(v))
    if t.scope == TargetScope.PER_UNIT:
        if not t.per_unit:
            errors["per_unit"] = _("Per commune: enter the target of each commune or unit.")
        for key, v in t.per_unit.items():
            if str(key) not in units:
                errors["per_unit"] = _("Per commune: {unit} is not a commune or unit of the plan's area.").format(
                    unit=geography.commune_name(int(key)) if str(key).isdigit() else key)
                break
            n, msg = _number_error(str(key), v, required=True)
            if msg:
                errors["per_unit"] = msg
                break
            if ind is not None and ind.kind == "share" and n is not None and n > 100:
                errors["per_unit"] = _("{field}: a share cannot be above 100 % ({value} %).").format(
                    field=str(key), value=format_value(n))
                break
    _b, msg = _number_error(_("Baseline"), t.baseline, required=False)
    if msg:
        errors["baseline"] = msg
    if t.year is not None and years_ok and not plan.start_year <= t.year <= plan.end_year:  # type: ignore[operator]
        errors["year"] = _("Year: {year} is outside the plan's period {start}–{end}.").format(
            year=t.year, start=plan.start_year, end=plan.end_year)
    return errors


def normalised(data: PlanData) -> PlanData:
    out = replace(data, number=nfc(data.number), title=nfc(data.title), issuer=nfc(data.issuer),
                  notes=nfc_multiline(data.notes), commune_codes=sorted(set(data.commune_codes or [])),
                  units=[{"key": str(u.get("key", "")).strip(), "name": nfc(str(u.get("name", ""))),
                          "commune_codes": sorted(set(u.get("commune_codes") or [])),
                          "note": nfc(str(u.get("note", "")))} for u in data.units])
    if out.end_year is None:
        out.end_year = out.start_year
    out.targets = [replace(t, indicator_id=(t.indicator_id or "").strip(), words=nfc_multiline(t.words),
                           notes=nfc_multiline(t.notes), per_unit={str(k): v for k, v in (t.per_unit or {}).items()})
                   for t in data.targets]
    return out


def check(session: Session, data: PlanData) -> dict[str, str]:
    return validate(session, normalised(data))


# -- writing --------------------------------------------------------------------------------

def _num(v: Any) -> Decimal | None:
    return parse_number(v)


def save_plan(session: Session, data: PlanData, plan_id: str | None = None) -> ProgrammePlan:
    """Create (``plan_id`` None) or update a plan with its targets, all checked first. Targets of
    the plan that are not in ``data.targets`` (by id) are deleted (tombstones)."""
    norm = normalised(data)
    errors = validate(session, norm)
    if errors:
        raise ValidationFailed(errors)
    plan = get_record(session, ProgrammePlan, plan_id) if plan_id else ProgrammePlan()
    for f in ("number", "date", "title", "issuer", "start_year", "end_year", "level", "commune_codes",
              "units", "notes"):
        if getattr(plan, f, None) != getattr(norm, f):
            setattr(plan, f, getattr(norm, f))
    if plan_id is None:
        session.add(plan)
    session.flush()
    existing = {t.id: t for t in session.scalars(select(PlanTarget).where(PlanTarget.plan_id == plan.id))}
    kept: set[str] = set()
    for pos, t in enumerate(norm.targets):
        row = existing.get(t.id) if t.id else None
        if row is None:
            row = PlanTarget(plan_id=plan.id)
            session.add(row)
        low = _num(t.low)
        if t.scope == TargetScope.PER_UNIT and low is None:
            low = sum((_num(v) or Decimal(0) for v in t.per_unit.values()), Decimal(0))
        values = {"position": pos, "indicator_id": t.indicator_id, "scope": t.scope, "low": low,
                  "high": _num(t.high), "per_unit": {k: float(_num(v) or 0) for k, v in t.per_unit.items()},
                  "words": t.words, "baseline": _num(t.baseline), "baseline_date": t.baseline_date,
                  "year": t.year, "notes": t.notes, "deleted": False}
        for k, v in values.items():
            cur = getattr(row, k, None)
            if isinstance(cur, Decimal) and v is not None and Decimal(str(v)) == cur:
                continue
            if cur != v:
                setattr(row, k, v)
        session.flush()
        kept.add(row.id)
    for tid, row in existing.items():
        if tid not in kept and not row.deleted:
            row.deleted = True
    session.flush()
    return plan


def delete_plan(session: Session, plan_id: str) -> ProgrammePlan:
    return set_deleted(session, ProgrammePlan, plan_id, True)


def restore_plan(session: Session, plan_id: str) -> ProgrammePlan:
    return set_deleted(session, ProgrammePlan, plan_id, False)


def _dec(v: Decimal | None) -> float | int | None:
    if v is None:
        return None
    d = Decimal(str(v))
    return int(d) if d == d.to_integral_value() else float(d)


def get_plan(session: Session, plan_id: str) -> PlanData:
    p = get_record(session, ProgrammePlan, plan_id)
    targets = session.scalars(select(PlanTarget).where(PlanTarget.plan_id == p.id, PlanTarget.deleted.is_(False))
                              .order_by(PlanTarget.position))
    return PlanData(number=p.number, date=p.date, title=p.title, issuer=p.issuer, start_year=p.start_year,
                    end_year=p.end_year, level=p.level, commune_codes=list(p.commune_codes or []),
                    units=[dict(u) for u in p.units or []], notes=p.notes,
                    targets=[TargetData(indicator_id=t.indicator_id, scope=t.scope, low=_dec(t.low),
                                        high=_dec(t.high), per_unit=dict(t.per_unit or {}), words=t.words,
                                        baseline=_dec(t.baseline), baseline_date=t.baseline_date, year=t.year,
                                        notes=t.notes, id=t.id) for t in targets])


@dataclass(frozen=True)
class PlanRow:
    id: str
    number: str
    date: dt.date | None
    title: str
    issuer: str
    start_year: int
    end_year: int
    level: str
    targets: int
    deleted: bool
    search_text: str

    @property
    def period_label(self) -> str:
        return str(self.start_year) if self.start_year == self.end_year else f"{self.start_year}–{self.end_year}"

    def heading(self) -> str:
        """'Kế hoạch số 3438/KH-UBND ngày 27/12/2022'."""
        day = f" ngày {self.date:%d/%m/%Y}" if self.date else ""
        return f"Kế hoạch số {self.number}{day}"


def list_plans(session: Session, *, include_deleted: bool = False) -> list[PlanRow]:
    from sqlalchemy import func

    counts = dict(session.execute(select(PlanTarget.plan_id, func.count()).where(PlanTarget.deleted.is_(False))
                                  .group_by(PlanTarget.plan_id)).all())
    q = select(ProgrammePlan).order_by(ProgrammePlan.start_year.desc(), ProgrammePlan.date.desc())
    if not include_deleted:
        q = q.where(ProgrammePlan.deleted.is_(False))
    return [PlanRow(p.id, p.number, p.date, p.title, p.issuer, p.start_year, p.end_year, p.level,
                    counts.get(p.id, 0), p.deleted, fold(f"{p.number} {p.title} {p.issuer}"))
            for p in session.scalars(q)]


def plan_field_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(PlanData))
