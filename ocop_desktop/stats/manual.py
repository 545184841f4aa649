"""Manual indicators in the engine: their definitions and their values over a period.

Values entered for sub-periods that lie inside the period are used:

- ``count`` / ``amount``: the values add up;
- ``stock`` / ``share``: the value of the latest sub-period (by its end date) stands.

Whole-area values (no commune) are the figure for the whole office; when there are none, the
commune values are combined. A scope of communes only ever uses commune values. No value at
all → ``None`` ("chưa có dữ liệu").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.models import ManualIndicator, ManualValue
from ocop_desktop.stats.indicators import MANUAL_PREFIX, IndicatorDef, IndicatorValue
from ocop_desktop.stats.period import Period, Scope

SECTION = "Chỉ tiêu nhập tay"


def manual_defs(session: Session) -> list[IndicatorDef]:
    rows = session.execute(select(ManualIndicator.id, ManualIndicator.name, ManualIndicator.unit,
                                  ManualIndicator.definition, ManualIndicator.kind)
                           .where(ManualIndicator.deleted.is_(False)).order_by(ManualIndicator.name))
    return [IndicatorDef(MANUAL_PREFIX + i, name, unit, definition or "Giá trị do cán bộ nhập theo kỳ.", kind,
                         True, None, SECTION, "manual") for i, name, unit, definition, kind in rows]


def _combine(kind: str, values: list[tuple[Any, float]]) -> float | None:
    """(period end, value) pairs → one figure by the kind's rule."""
    if not values:
        return None
    if kind in ("stock", "share"):
        return max(values, key=lambda v: v[0])[1]
    return sum(v for _e, v in values)


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


def compute_manual(session: Session, period: Period, scope: Scope, ids: Sequence[str]) -> dict[str, IndicatorValue]:
    raw = [i[len(MANUAL_PREFIX):] for i in ids]
    kinds = dict(session.execute(select(ManualIndicator.id, ManualIndicator.kind)
                                 .where(ManualIndicator.id.in_(raw), ManualIndicator.deleted.is_(False))).all())
    q = (select(ManualValue.id, ManualValue.indicator_id, ManualValue.period_end, ManualValue.commune_code,
                ManualValue.value)
         .where(ManualValue.indicator_id.in_(list(kinds)), ManualValue.deleted.is_(False),
                ManualValue.period_start >= period.start, ManualValue.period_end <= period.end))
    whole: dict[str, list[tuple[Any, float]]] = defaultdict(list)
    communes: dict[str, dict[int, list[tuple[Any, float]]]] = defaultdict(lambda: defaultdict(list))
    record_ids: dict[str, set[str]] = defaultdict(set)
    for vid, iid, end, commune, value in session.execute(q):
        if commune is None:
            if scope.commune_codes is None:
                whole[iid].append((end, float(value)))
                record_ids[iid].add(vid)
        elif scope.contains(commune):
            communes[iid][commune].append((end, float(value)))
            record_ids[iid].add(vid)
    out: dict[str, IndicatorValue] = {}
    for iid, kind in kinds.items():
        by = {c: _number(v) for c, vals in communes[iid].items() if (v := _combine(kind, vals)) is not None}
        value = _combine(kind, whole[iid]) if whole[iid] else None
        if value is None and by:
            value = sum(by.values()) if kind in ("count", "amount", "stock") else None
            if kind == "share":  # a share of communes does not add up: their mean, unweighted
                value = sum(by.values()) / len(by)
        out[MANUAL_PREFIX + iid] = IndicatorValue(MANUAL_PREFIX + iid, None if value is None else _number(value),
                                                  by, frozenset(record_ids[iid]))
    return out
