"""The activity tables: B04 a round's results (provincial councils), B07 plan against actual
(the targets of the plan in force, from :mod:`ocop_desktop.stats.achievement`), B08 support
activities (training classes, support by source, trade promotion). Printed words Vietnamese."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from typing import Any

from ocop_desktop.stats.facts import ONE_DAY, Facts, as_date, in_clause, stars_of
from ocop_desktop.stats.report_table import (
    INT,
    MONEY,
    NUM,
    PCT,
    PRODUCERS,
    PRODUCTS,
    TEXT,
    ChartSpec,
    Column,
    ReportTable,
)
from ocop_desktop.stats.tables import period_words, scope_words


@functools.lru_cache(maxsize=1)
def _vi_catalogue():  # noqa: ANN202
    from ocop_desktop.i18n import _load

    return _load("vi")


def vi(msgid: str) -> str:
    """A vocabulary label in Vietnamese whatever the interface language (printed documents)."""
    return _vi_catalogue().gettext(msgid)


# -- B04 ---------------------------------------------------------------------------------------

def potential_five(session: Any, scope: Any) -> frozenset[str]:
    """Products whose latest finalised provincial council scored ≥ 90 points (tiềm năng 5 sao)."""
    from sqlalchemy import text

    rows = session.connection().execute(text(
        "SELECT e.product_id, e.total FROM evaluation e JOIN product p ON p.id = e.product_id "
        "WHERE e.deleted = 0 AND p.deleted = 0 AND e.kind = 'council' AND e.status = 'final' AND e.total IS NOT NULL"
        + in_clause("p.commune_code", getattr(scope, "commune_codes", None))
        + " ORDER BY e.year, COALESCE(e.round, 0), e.finalised_at"))
    latest: dict[str, float] = {}
    for pid, total in rows:
        latest[pid] = float(total)
    return frozenset(p for p, v in latest.items() if v >= 90)


def round_results(session: Any, facts: Facts, period: Any, scope: Any) -> ReportTable:
    """B04: per round (year, round) of the period's years, the products a provincial council
    evaluated and what came of it: new, upgraded, re-evaluated (kept or lowered), failed."""
    from sqlalchemy import text

    cols = [Column("unit", "Đợt đánh giá", TEXT, 1.3), Column("evaluated", "Số SP đánh giá", INT),
            Column("s3", "Đạt 3 sao", INT), Column("s4", "Đạt 4 sao", INT), Column("p90", "Đạt ≥90 điểm", INT),
            Column("failed", "Không đạt", INT), Column("new", "Mới", INT), Column("upgraded", "Nâng hạng", INT),
            Column("kept", "Đánh giá lại giữ hạng", INT), Column("lowered", "Hạ hạng", INT),
            Column("decisions", "Số, ngày quyết định", TEXT, 2.0)]
    t = ReportTable("B04", "KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP THEO ĐỢT", cols, landscape=True,
                    subtitle=f"Các đợt đánh giá năm {period.start.year}"
                             + (f"–{period.end.year}" if period.end.year != period.start.year else "")
                             + f" — {scope_words(scope)}")
    rows = session.connection().execute(text(
        "SELECT id, product_id, year, round, total, stars, finalised_at FROM evaluation "
        "WHERE deleted = 0 AND kind = 'council' AND status = 'final' AND year BETWEEN :a AND :b "
        "ORDER BY year, COALESCE(round, 0)"), {"a": period.start.year, "b": period.end.year}).all()
    by_eval: dict[str, Any] = {}
    for stands in facts.stands.values():
        for s in stands:
            if s.evaluation_id:
                by_eval[s.evaluation_id] = s
    groups: dict[tuple[int, int], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    decisions: dict[tuple[int, int], set[tuple[str, dt.date]]] = defaultdict(set)
    for eid, pid, year, rnd, total, stars, finalised in rows:
        if pid not in facts.products:
            continue
        key = (int(year), int(rnd or 0))
        cell = groups[key]
        cell["evaluated"].add(pid)
        cert = by_eval.get(eid)
        got = cert.stars if cert is not None else int(stars or 0)
        when = cert.issue if cert is not None else (as_date(finalised) or dt.date(int(year), 12, 31))
        before = stars_of(facts.stands.get(pid, ()), when - ONE_DAY)
        if cert is not None:
            decisions[key].add((cert.decision_number, cert.decision_date))
        if total is not None and float(total) >= 90:
            cell["p90"].add(pid)
        if got >= 3:
            if got in (3, 4):
                cell[f"s{got}"].add(pid)
            if not before:
                cell["new"].add(pid)
            elif got > before:
                cell["upgraded"].add(pid)
            elif got == before:
                cell["kept"].add(pid)
            else:
                cell["lowered"].add(pid)
        else:
            cell["failed"].add(pid)
    keys = [c.key for c in cols[1:-1]]
    totals: dict[str, set[str]] = defaultdict(set)
    for i, key in enumerate(sorted(groups)):
        year, rnd = key
        cell = groups[key]
        dec = "; ".join(f"{n} ngày {d.strftime('%d/%m/%Y')}" for n, d in sorted(decisions[key], key=lambda x: x[1]))
        t.rows.append([f"Đợt {rnd}/{year}" if rnd else f"Năm {year}"] + [len(cell[k]) for k in keys] + [dec])
        for k in keys:
            t.drill[(i, k)] = (PRODUCTS, frozenset(cell[k]))
            totals[k] |= cell[k]
    if t.rows:
        # The totals add up the rounds (a product evaluated twice counts twice, as offices add them).
        t.total = ["Tổng cộng"] + [sum(r[1 + j] for r in t.rows) for j in range(len(keys))] + [""]
        for k in keys:
            t.drill[(-1, k)] = (PRODUCTS, frozenset(totals[k]))
        t.chart = ChartSpec("bar", "Kết quả đánh giá theo đợt", tuple(r[0] for r in t.rows),
                            (("Đạt 3 sao", tuple(float(r[2]) for r in t.rows)),
                             ("Đạt 4 sao", tuple(float(r[3]) for r in t.rows)),
                             ("Không đạt", tuple(float(r[5]) for r in t.rows))), "sản phẩm")
    return t


# -- B07 ---------------------------------------------------------------------------------------

def plan_vs_actual(session: Any, period: Any, scope: Any) -> ReportTable:
    """B07: each target of the plan in force at the period's end against what was achieved."""
    cols = [Column("stt", "STT", TEXT, 0.5), Column("unit", "Chỉ tiêu", TEXT, 3.2), Column("uom", "ĐVT", TEXT, 0.9),
            Column("target", "Kế hoạch", TEXT, 1.0), Column("actual", "Thực hiện", NUM),
            Column("percent", "% so với kế hoạch", PCT), Column("verdict", "Đánh giá", TEXT, 1.0)]
    t = ReportTable("B07", "KẾT QUẢ THỰC HIỆN CHỈ TIÊU KẾ HOẠCH", cols, landscape=True,
                    subtitle=f"Đến ngày {period.end.strftime('%d/%m/%Y')} — {scope_words(scope)}",
                    empty_text="Chưa có kế hoạch, chỉ tiêu cho kỳ báo cáo này.")
    try:
        from ocop_desktop.stats import achievement
    except ImportError:  # the plans module is not in this build
        return t
    plan = achievement.current_plan(session, period.end)
    if plan is None:
        return t
    plan_id = getattr(plan, "id", plan)
    words = " ".join(str(x) for x in (getattr(plan, "number", ""), getattr(plan, "title", "")) if x)
    if words:
        t.subtitle = f"{words} — {t.subtitle}"
    for i, tp in enumerate(achievement.plan_progress(session, plan_id, at=period.end)):
        target = target_text(tp.low, tp.high)
        verdict = "" if tp.met is None else ("Đạt" if tp.met else "Chưa đạt")
        if tp.met and tp.percent is not None and tp.percent > 100:
            verdict = "Vượt"
        t.rows.append([str(i + 1), tp.words or tp.indicator_name, tp.unit, target, tp.actual,
                       round(float(tp.percent), 1) if tp.percent is not None else None, verdict])
    return t


def _number(v: Any) -> str:
    if v is None:
        return ""
    f = float(v)
    return str(int(f)) if f.is_integer() else f"{f:.1f}".replace(".", ",")


def target_text(low: Any, high: Any) -> str:
    if low is not None and high is not None and low != high:
        return f"{_number(low)}–{_number(high)}"
    return _number(low if low is not None else high)


# -- B08 ---------------------------------------------------------------------------------------

def support_activities(session: Any, facts: Facts, period: Any, scope: Any) -> ReportTable:
    """B08: training classes (classes, learners, women, ethnic minority, cost), support given to
    producers by source, and trade-promotion events, in the period and scope."""
    from sqlalchemy import text

    from ocop_desktop.domain.funding import FUNDING_LABELS, SUPPORT_FUNDING

    codes = getattr(scope, "commune_codes", None)
    a, b = period.start.isoformat(), period.end.isoformat()
    conn = session.connection()
    cols = [Column("stt", "STT", TEXT, 0.5), Column("unit", "Nội dung", TEXT, 3.4), Column("count", "Số lượng", INT),
            Column("people", "Số người / chủ thể", INT), Column("women", "Trong đó nữ", INT),
            Column("minority", "Trong đó DTTS", INT), Column("amount", "Kinh phí (đồng)", MONEY, 1.5)]
    t = ReportTable("B08", "KẾT QUẢ HOẠT ĐỘNG HỖ TRỢ: TẬP HUẤN, XÚC TIẾN THƯƠNG MẠI, KINH PHÍ", cols, landscape=True,
                    subtitle=f"Kỳ báo cáo {period_words(period)} — {scope_words(scope)}")
    tr = conn.execute(text(
        "SELECT COUNT(*), COALESCE(SUM(learners),0), COALESCE(SUM(learners_women),0), "
        "COALESCE(SUM(learners_minority),0), COALESCE(SUM(cost),0) FROM training_class WHERE deleted = 0 "
        "AND start_date BETWEEN :a AND :b" + in_clause("commune_code", codes)), {"a": a, "b": b}).one()
    in_scope = {p for p, f in facts.producers.items() if codes is None or f.commune_code in codes}
    sup: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    sup_producers: dict[str, set[str]] = defaultdict(set)
    for producer_id, funding, amount in conn.execute(text(
            "SELECT producer_id, funding, amount FROM support WHERE deleted = 0 AND date BETWEEN :a AND :b"),
            {"a": a, "b": b}):
        if producer_id not in in_scope:
            continue
        sup[funding][0] += 1
        sup[funding][1] += int(amount or 0)
        sup_producers[funding].add(producer_id)
    events = conn.execute(text("SELECT participants, cost FROM trade_event WHERE deleted = 0 "
                               "AND start_date BETWEEN :a AND :b"), {"a": a, "b": b}).all()
    n_events, ev_producers, ev_cost = 0, set(), 0
    for participants, cost in events:
        booths = json.loads(participants) if isinstance(participants, str) else (participants or [])
        mine = {x.get("producer_id") for x in booths if x.get("producer_id") in in_scope}
        if codes is not None and not mine:
            continue
        n_events += 1
        ev_producers |= mine
        ev_cost += int(cost or 0)
    if not tr[0] and not sup and not n_events:
        return t
    t.rows.append(["1", "Lớp tập huấn", tr[0], tr[1], tr[2], tr[3], tr[4]])
    t.rows.append(["2", "Hỗ trợ chủ thể OCOP", sum(v[0] for v in sup.values()),
                   len(set().union(*sup_producers.values())) if sup_producers else 0, None, None,
                   sum(v[1] for v in sup.values())])
    t.drill[(1, "people")] = (PRODUCERS, frozenset(set().union(*sup_producers.values())) if sup_producers
                              else frozenset())
    bold = {0, 1}
    for j, f in enumerate(SUPPORT_FUNDING):
        if f.value not in sup:
            continue
        i = len(t.rows)
        t.rows.append([f"2.{j + 1}", f"Nguồn: {vi(FUNDING_LABELS[f])}", sup[f.value][0], len(sup_producers[f.value]),
                       None, None, sup[f.value][1]])
        t.drill[(i, "people")] = (PRODUCERS, frozenset(sup_producers[f.value]))
    i = len(t.rows)
    bold.add(i)
    t.rows.append(["3", "Sự kiện xúc tiến thương mại có chủ thể tham gia", n_events, len(ev_producers), None, None,
                   ev_cost])
    t.drill[(i, "people")] = (PRODUCERS, frozenset(ev_producers))
    t.bold_rows = frozenset(bold)
    t.total = ["", "Tổng kinh phí", None, None, None, None, tr[4] + sum(v[1] for v in sup.values()) + ev_cost]
    t.chart = ChartSpec("hbar", "Kinh phí hỗ trợ theo nguồn (triệu đồng)",
                        tuple(vi(FUNDING_LABELS[f]) for f in SUPPORT_FUNDING if f.value in sup),
                        (("Kinh phí", tuple(round(sup[f.value][1] / 1e6, 1) for f in SUPPORT_FUNDING
                                            if f.value in sup)),), "triệu đồng") if sup else None
    return t
