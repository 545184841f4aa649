"""What the dashboard shows, computed in one read (a worker thread calls it): the office's
products by star, group and commune, its producers by type, the trend by year, the watch list of
the next 180 days and the targets of the plan in force with their achievement — each number with
the ids of the records behind it. Qt-free, so the benchmark measures exactly what the page runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ocop_desktop.stats import facts as facts_mod
from ocop_desktop.stats import tables, tables_activity
from ocop_desktop.stats.period import Period, Scope
from ocop_desktop.stats.report_table import ReportTable

WATCH_DAYS = 180
WATCH_ROWS = 100  # rows of the watch list written for the screen (its total and ids cover them all)


@dataclass(frozen=True)
class TargetRow:
    words: str  # the target as written, else the indicator's name
    unit: str
    target: str  # "150", "5–10"
    actual: float | None
    percent: float | None  # uncapped
    met: bool | None
    drill: str | None  # "products" | "producers" | None
    ids: frozenset[str] = frozenset()


@dataclass
class DashboardData:
    period: Period
    scope: Scope
    stars: ReportTable
    groups: ReportTable
    communes: ReportTable
    producers: ReportTable
    trend: ReportTable
    watch: ReportTable
    plan_title: str = ""
    targets: list[TargetRow] = field(default_factory=list)


def dashboard_period(year: int, today: dt.date) -> Period:
    """The whole year, or up to today for the current year."""
    p = Period.year(year)
    return Period(p.start, today) if p.start <= today < p.end else p


def load(session: Any, year: int, communes: Sequence[int] | None = None, *, label: str = "",
         today: dt.date | None = None) -> DashboardData:
    from ocop_desktop.services.report_scope import office_scope

    today = today or dt.date.today()
    scope = office_scope(session, communes, label=label)
    period = dashboard_period(year, today)
    facts = facts_mod.load(session, scope)
    potential = tables_activity.potential_five(session, scope)
    by_commune = tables.stars_by_commune(facts, period, scope, potential=potential)
    watch_from = today if period.start <= today <= period.end else period.end
    data = DashboardData(period, scope, by_commune, tables.by_group(facts, period, scope), by_commune,
                         tables.producers_by_type(facts, period, scope), tables.trend_by_year(facts, period, scope),
                         tables.expiry_watch(facts, watch_from, scope, days=WATCH_DAYS, rows=WATCH_ROWS))
    data.stars = _stars_table(by_commune)
    _targets(session, period, data)
    return data


def _stars_table(t: ReportTable) -> ReportTable:
    """Products by star: the B01 totals as a small table of their own (with the same ids)."""
    from ocop_desktop.stats.report_table import INT, TEXT, Column

    out = ReportTable("S", "Sản phẩm OCOP theo hạng sao", [Column("unit", "Hạng", TEXT, 2), Column("n", "Số sản phẩm", INT)],
                      subtitle=t.subtitle)
    if t.total is None:
        return out
    for i, (label, key) in enumerate((("3 sao", "s3"), ("4 sao", "s4"), ("Tiềm năng 5 sao", "p5"), ("5 sao", "s5"),
                                      ("Tổng số từ 3 sao", "total"))):
        if key == "total":
            out.total = [label, t.value(-1, key)]
            out.drill[(-1, "n")] = t.drill[(-1, key)]
        else:
            out.rows.append([label, t.value(-1, key)])
            out.drill[(i, "n")] = t.drill[(-1, key)]
    out.chart = tables.stars_chart(t)
    return out


def _targets(session: Any, period: Period, data: DashboardData) -> None:
    from ocop_desktop.stats import achievement, indicators

    plan = achievement.current_plan(session, period.end)
    if plan is None:
        return
    data.plan_title = " ".join(x for x in (plan.number, plan.title) if x)
    progress, values = achievement.plan_progress_values(session, plan.id, at=period.end)
    defs = {d.id: d for d in indicators.all_indicators(session)}
    for tp in progress:
        v = values.get(tp.period or period, {}).get(tp.indicator_id)
        d = defs.get(tp.indicator_id)
        ids = v.record_ids if v is not None and v.record_ids is not None else frozenset()
        data.targets.append(TargetRow(tp.words or tp.indicator_name, tp.unit,
                                      tables_activity.target_text(tp.low, tp.high), tp.actual, tp.percent, tp.met,
                                      d.drill if d is not None and ids else None, frozenset(ids)))
