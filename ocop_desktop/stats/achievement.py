"""Achievement of plan targets: "đạt X% kế hoạch" = actual ÷ target × 100, not capped.

For each target of a plan the actual figure is computed over the plan's span (1/1 of its first
year to 31/12 of its last year, or the target's own year), cut at ``at`` when that day comes
earlier: stock indicators are counted on the last day, flows over the span so far. The area
is the plan's communes (none: everything the office covers).

- ``whole``: actual = the indicator's value; percent = actual / low × 100; met = actual ≥ low
  (a range "5–10" is compared with its lower bound, as offices report).
- ``per_unit``: a target per commune or per old unit; ``per_commune`` lists each with its own
  percent; actual = sum over the units that have a target, ``low`` = the sum of their targets;
  met = every such unit met.
- ``each_at_least`` ("mỗi huyện có ít nhất 1 sản phẩm"): ``per_commune`` lists each unit against
  N; **actual = the number of units that reached N, percent = that / the number of units × 100**,
  met = all reached.

Units: an old plan's units (pre-2025 districts) sum the post-2025 communes that now cover them;
their ``per_commune`` code is ``-(position + 1)`` (they have no commune code) and their name says
which communes were merged into them. A share indicator is not added up over several communes:
a unit of several communes then has no actual (None).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.models import PlanTarget, ProgrammePlan
from ocop_desktop.stats.indicator_queries import scope_communes
from ocop_desktop.stats.indicators import IndicatorValue, compute, find
from ocop_desktop.stats.period import Period, Scope

Plan = ProgrammePlan


@dataclass(frozen=True)
class TargetProgress:
    target_id: str
    indicator_id: str
    indicator_name: str
    unit: str
    words: str  # the target as written
    low: float
    high: float | None  # a value (high None) or a range "5–10"
    actual: int | float | None
    percent: float | None  # actual / low * 100, NOT capped
    per_commune: list[tuple[int, str, int | float | None, float | None, float | None]]
    # (commune_code, commune name, actual, target, percent) for per-commune / "each at least N" scopes
    met: bool | None
    scope: str = "whole"
    year: int | None = None
    baseline: float | None = None
    period: Period | None = None


def _f(v: Decimal | float | int | None) -> float | None:
    return None if v is None else float(v)


def _pct(actual: int | float | None, target: float | None) -> float | None:
    if actual is None or not target:
        return None
    return actual * 100.0 / target


def target_period(plan: ProgrammePlan, year: int | None, at: date | None) -> Period:
    p = Period.year(year) if year is not None else Period.years(plan.start_year, plan.end_year)
    if at is not None and at < p.end:
        return Period(p.start, max(at, p.start))
    return p


def plan_scope(plan: ProgrammePlan) -> Scope:
    codes = plan.commune_codes or []
    return Scope(frozenset(codes), "") if codes else Scope()


def _units(session: Session, plan: ProgrammePlan, scope: Scope) -> list[tuple[str, int, str, frozenset[int]]]:
    """(key, code, name, communes) of the units per-commune targets count."""
    if plan.units:
        out = []
        for i, u in enumerate(plan.units):
            codes = frozenset(u.get("commune_codes") or [])
            note = u.get("note") or ("nay: " + ", ".join(geography.commune_name(c) for c in sorted(codes))
                                     if codes else "")
            out.append((str(u.get("key")), -(i + 1), f"{u.get('name')} ({note})" if note else str(u.get("name")),
                        codes))
        return out
    return [(str(c), c, geography.commune_name(c) or str(c), frozenset({c}))
            for c in sorted(scope_communes(session, scope))]


def _unit_actual(v: IndicatorValue, communes: frozenset[int], kind: str) -> int | float | None:
    if v.value is None:
        return None
    if kind == "share":
        if len(communes) != 1:
            return None
        return v.by_commune.get(next(iter(communes)))
    return sum(v.by_commune.get(c, 0) for c in communes)


def plan_progress(session: Session, plan_id: str, at: date | None = None) -> list[TargetProgress]:
    """The targets of a plan with their achievement (``at``: the day to count to; default today)."""
    return plan_progress_values(session, plan_id, at)[0]


def plan_progress_values(session: Session, plan_id: str, at: date | None = None
                         ) -> tuple[list[TargetProgress], dict[Period, dict[str, Any]]]:
    """:func:`plan_progress` and the indicator values it was computed from, by target period (the
    dashboard takes the records behind each actual from them instead of computing them again)."""
    plan = session.get(ProgrammePlan, plan_id)
    if plan is None or plan.deleted:
        return [], {}
    at = at or dt.date.today()
    targets = list(session.scalars(select(PlanTarget).where(PlanTarget.plan_id == plan.id,
                                                            PlanTarget.deleted.is_(False))
                                   .order_by(PlanTarget.position)))
    scope = plan_scope(plan)
    by_period: dict[Period, set[str]] = {}
    for t in targets:
        by_period.setdefault(target_period(plan, t.year, at), set()).add(t.indicator_id)
    values = {p: compute(session, p, scope, ids) for p, ids in by_period.items()}
    units = _units(session, plan, scope) if any(t.scope != "whole" for t in targets) else []
    out = []
    for t in targets:
        period = target_period(plan, t.year, at)
        ind = find(session, t.indicator_id)
        v = values[period].get(t.indicator_id)
        low, high = float(t.low), _f(t.high)
        name, unit, kind = (ind.name, ind.unit, ind.kind) if ind else (t.indicator_id, "", "count")
        per: list[tuple[int, str, Any, float | None, float | None]] = []
        actual: Any = None if v is None else v.value
        met: bool | None
        if t.scope == "whole" or v is None:
            percent = _pct(actual, low)
            met = None if actual is None else actual >= low
        elif t.scope == "per_unit":
            total, all_met = 0.0, True
            for key, code, uname, communes in units:
                goal = _f((t.per_unit or {}).get(key))
                a = _unit_actual(v, communes, kind)
                per.append((code, uname, a, goal, _pct(a, goal)))
                if goal is None:
                    continue  # a unit without its own target is listed, not added up
                if a is None or a < goal:
                    all_met = False
                total += a or 0
            actual = total if kind != "share" else v.value
            actual = int(actual) if isinstance(actual, float) and actual.is_integer() else actual
            percent, met = _pct(actual, low), all_met
        else:  # each_at_least
            reached = 0
            for _key, code, uname, communes in units:
                a = _unit_actual(v, communes, kind)
                per.append((code, uname, a, low, _pct(a, low)))
                reached += a is not None and a >= low
            actual = reached
            percent = reached * 100.0 / len(units) if units else None
            met = bool(units) and reached == len(units)
        out.append(TargetProgress(t.id, t.indicator_id, name, unit, t.words, low, high, actual, percent, per, met,
                                  t.scope, t.year, _f(t.baseline), period))
    return out, values


def current_plan(session: Session, on: date) -> ProgrammePlan | None:
    """The plan in force on ``on``: its span covers the year; a one-year plan before a phase plan,
    then the latest dated."""
    plans = session.scalars(select(ProgrammePlan).where(ProgrammePlan.deleted.is_(False),
                                                        ProgrammePlan.start_year <= on.year,
                                                        ProgrammePlan.end_year >= on.year))
    ranked = sorted(plans, key=lambda p: (p.end_year - p.start_year, -(p.date.toordinal() if p.date else 0)))
    return ranked[0] if ranked else None
