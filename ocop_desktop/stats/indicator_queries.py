"""The query families behind :func:`ocop_desktop.stats.indicators.compute`: each runs one or two
bulk SQL queries and returns the values of every indicator it serves. ``ctx`` caches what two
families share (the products in force) within one ``compute`` call."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.orm import Session

from ocop_desktop.domain import geography, product_sets
from ocop_desktop.domain.ethnic_groups import KINH
from ocop_desktop.domain.funding import SUPPORT_FUNDING
from ocop_desktop.stats import stock
from ocop_desktop.stats.indicators import IndicatorValue
from ocop_desktop.stats.period import Period, Scope

Values = dict[str, IndicatorValue]

#: Producer kinds (domain.vocab.ProducerKind codes) → the type the reports count.
PRODUCER_TYPES: dict[str, str] = {
    "htx": "htx", "tnhh": "sme", "dntn": "sme", "ctcp": "sme", "ho_sx": "household", "ho_kd": "household",
    "trang_trai": "household", "tht": "group", "hoi": "other",
}


def _rows(session: Session, sql: str, **params: Any) -> list[Any]:
    """Rows of ``sql`` with ``:name`` parameters, through the DB-API cursor (stock.fetch)."""
    import re

    names: list[str] = []
    qmark = re.sub(r":(\w+)", lambda m: names.append(m.group(1)) or "?", sql)
    return stock.fetch(session, qmark, tuple(params[n] for n in names))


def _count_value(iid: str, items: Iterable[tuple[str, int | None]]) -> IndicatorValue:
    """An indicator counting records: (record id, commune) pairs (a record counts once)."""
    first = dict(items)  # record id → its commune
    by = Counter(c for c in first.values() if c is not None)
    return IndicatorValue(iid, len(first), dict(by), frozenset(first))


def _share(iid: str, part: IndicatorValue, whole: IndicatorValue) -> IndicatorValue:
    """part / whole × 100 (None when the whole is 0), per commune too; the part's ids."""
    value = None if not whole.value else part.value * 100.0 / whole.value  # type: ignore[operator]
    by = {c: part.by_commune.get(c, 0) * 100.0 / w for c, w in whole.by_commune.items() if w}
    return IndicatorValue(iid, value, by, part.record_ids)


def office_communes(session: Session) -> frozenset[int]:
    """The communes the local office covers (a provincial office with none chosen: its province's)."""
    from ocop_desktop.services.office import local_commune_codes, local_office

    codes = local_commune_codes(session)
    if codes:
        return frozenset(codes)
    info = local_office(session)
    return frozenset(c.code for c in geography.communes(info.province_code)) if info else frozenset()


def scope_communes(session: Session, scope: Scope) -> frozenset[int]:
    return scope.commune_codes if scope.commune_codes is not None else office_communes(session)


def _live(session: Session, scope: Scope, ctx: dict[str, Any]) -> list[stock.Live]:
    """The certificates that count (one query per ``compute`` call)."""
    if "live" not in ctx:
        ctx["live"] = stock.live_rows(session, scope)
    return ctx["live"]


def _in_force(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> list[Any]:
    if "in_force" not in ctx:
        ctx["in_force"] = stock.in_force_rows(session, period.end, scope, _live(session, scope, ctx))
    return ctx["in_force"]


def _producers(session: Session, ctx: dict[str, Any]) -> dict[str, tuple]:
    """producer id → (commune, kind, rep_sex, rep_ethnicity, rep_disability, value_chain), one
    index-only query (``ix_producer_stats``)."""
    if "producers" not in ctx:
        ctx["producers"] = {r[0]: r[1:] for r in stock.fetch(
            session, "SELECT id, commune_code, kind, rep_sex, rep_ethnicity, rep_disability, value_chain "
                     "FROM producer WHERE deleted = 0")}
    return ctx["producers"]


def stock_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    rows = _in_force(session, period, scope, ctx)
    items: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for pid, commune, _producer, pset, stars in rows:
        if stars < 3:
            continue
        pair = (pid, commune)
        items["products_3plus"].append(pair)
        items[f"products_{stars}star"].append(pair)
        items[f"products_set_{pset}"].append(pair)
        ps = product_sets.BY_NUMBER.get(pset)
        if ps is not None:
            items[f"products_group_{ps.group}"].append(pair)
    ids = ["products_3plus", "products_3star", "products_4star", "products_5star"]
    ids += [f"products_group_{g}" for g in product_sets.GROUPS] + [f"products_set_{s}" for s in product_sets.BY_NUMBER]
    out = {i: _count_value(i, items.get(i, ())) for i in ids}
    area = scope_communes(session, scope)
    covered = {c for _pid, c in items["products_3plus"] if c is not None and c in area}
    out["communes_with_products"] = IndicatorValue("communes_with_products", len(covered),
                                                   {c: 1 for c in covered}, out["products_3plus"].record_ids)
    out["communes_coverage_share"] = IndicatorValue(
        "communes_coverage_share", len(covered) * 100.0 / len(area) if area else None,
        {c: (100.0 if c in covered else 0.0) for c in area}, out["products_3plus"].record_ids)
    return out


def potential5_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    """Products whose latest final provincial-council evaluation reached 90 points and that hold no
    live 5★ certificate on the last day of the period."""
    at = period.end.isoformat()
    five = {c.pid for c in _live(session, scope, ctx) if c.stars == 5 and c.live_on(period.end)}
    sql = f"""WITH ev AS (
        SELECT e.product_id AS pid, p.commune_code AS commune, CAST(e.total AS REAL) AS total,
               ROW_NUMBER() OVER (PARTITION BY e.product_id
                                  ORDER BY e.year DESC, COALESCE(e.round, 0) DESC, e.finalised_at DESC) AS rn
        FROM evaluation e JOIN product p ON p.id = e.product_id AND p.deleted = 0
        WHERE e.deleted = 0 AND e.kind = 'council' AND e.status = 'final' AND e.total IS NOT NULL
          AND e.year <= :year AND (e.finalised_at IS NULL OR date(e.finalised_at) <= :at)
          AND {scope.sql('p.commune_code')})
    SELECT pid, commune FROM ev WHERE rn = 1 AND total >= 90"""
    rows = [r for r in _rows(session, sql, at=at, year=period.end.year) if r[0] not in five]
    return {"products_potential5": _count_value("products_potential5", rows)}


def movement_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    parts = stock.collect(period, _live(session, scope, ctx))

    def value(iid: str, component: str) -> IndicatorValue:
        ids: set[str] = set()
        by: dict[int, int] = {}
        for commune, b in parts.items():
            ids |= b[component]
            if commune is not None and b[component]:
                by[commune] = len(b[component])
        return IndicatorValue(iid, len(ids), by, frozenset(ids))

    out = {"new_recognitions": value("new_recognitions", "first_recognitions"),
           "re_recognitions": value("re_recognitions", "re_recognised"),
           "upgrades": value("upgrades", "upgraded"), "expiries": value("expiries", "expired"),
           "revocations": value("revocations", "revoked"), "stock_start": value("stock_start", "start")}
    kept: set[str] = set()
    by: dict[int, float] = {}
    for commune, b in parts.items():
        k = b["start"] & b["end"]
        kept |= k
        if commune is not None and b["start"]:
            by[commune] = len(k) * 100.0 / len(b["start"])
    start = out["stock_start"].value
    out["maintained_share"] = IndicatorValue("maintained_share", len(kept) * 100.0 / start if start else None,
                                             by, frozenset(kept))
    return out


def upgrades_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    rows = stock.recognitions(period, _live(session, scope, ctx))
    to4 = [(pid, c) for pid, c, stars, prev in rows if prev is not None and stars == 4 and prev < 4]
    to5 = [(pid, c) for pid, c, stars, prev in rows if prev is not None and stars == 5 and prev < 5]
    return {"upgrades_to_4star": _count_value("upgrades_to_4star", to4),
            "upgrades_to_5star": _count_value("upgrades_to_5star", to5)}


def evaluated_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    rows = _rows(session, f"""SELECT DISTINCT e.product_id, p.commune_code FROM evaluation e
        JOIN product p ON p.id = e.product_id AND p.deleted = 0
        WHERE e.deleted = 0 AND e.year >= :y0 AND e.year <= :y1 AND {scope.sql('p.commune_code')}
          AND ((e.kind = 'council' AND e.status = 'final'
                AND (e.finalised_at IS NULL OR (date(e.finalised_at) >= :p0 AND date(e.finalised_at) <= :d1)))
               OR e.kind = 'legacy')""", y0=period.start.year, y1=period.end.year, **_between(period))
    return {"products_evaluated": _count_value("products_evaluated", rows)}


def new_producers_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    first: dict[str, Any] = {}
    for c in _live(session, scope, ctx):
        if c.producer not in first or c.s < first[c.producer]:
            first[c.producer] = c.s
    attrs = _producers(session, ctx)
    rows = [(pid, attrs.get(pid, (None,))[0]) for pid, s in first.items() if period.start <= s <= period.end]
    return {"producers_new": _count_value("producers_new", rows)}


def sale_points_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    rows = _rows(session, f"SELECT id, commune_code, opening_date, closing_date FROM sale_point WHERE deleted = 0 "
                          f"AND {scope.sql('commune_code')}")
    p0, d1 = period.start.isoformat(), period.end.isoformat()
    opened = [(i, c) for i, c, o, _x in rows if o is not None and p0 <= str(o) <= d1]
    active = [(i, c) for i, c, o, x in rows if (o is None or str(o) <= d1) and (x is None or str(x) > d1)]
    return {"sale_points_opened": _count_value("sale_points_opened", opened),
            "sale_points_active": _count_value("sale_points_active", active)}


def window_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    rows = [(w.certificate_id, w.commune_code)
            for w in stock.entering_window(session, period, scope, _live(session, scope, ctx))]
    return {"certificates_entering_window": _count_value("certificates_entering_window", rows)}


def producers_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    attrs = _producers(session, ctx)
    ids = {r[2] for r in _in_force(session, period, scope, ctx) if r[4] >= 3}
    found = [(pid, *attrs[pid]) for pid in ids if pid in attrs]
    items: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for pid, commune, kind, sex, ethnicity, disability, chain in found:
        pair = (pid, commune)
        items["producers_ocop"].append(pair)
        items[f"producers_{PRODUCER_TYPES.get(kind, 'other')}"].append(pair)
        if sex == "nu":
            items["producers_women_rep"].append(pair)
        if ethnicity and ethnicity != KINH:
            items["producers_minority_rep"].append(pair)
        if disability:
            items["producers_disabled_rep"].append(pair)
        if chain:
            items["producers_value_chain"].append(pair)
    keys = ("htx", "sme", "household", "group", "other", "women_rep", "minority_rep", "disabled_rep", "value_chain")
    whole = _count_value("producers_ocop", items["producers_ocop"])
    out = {"producers_ocop": whole}
    for k in keys:
        part = _count_value(f"producers_{k}", items[f"producers_{k}"])
        out[part.indicator_id] = part
        out[f"producers_{k}_share"] = _share(f"producers_{k}_share", part, whole)
    return out


def _between(period: Period) -> dict[str, str]:
    return {"p0": period.start.isoformat(), "d1": period.end.isoformat()}


def ideas_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    rows = _rows(session, f"SELECT id, commune_code FROM product_idea WHERE deleted = 0 AND received_on >= :p0 "
                          f"AND received_on <= :d1 AND {scope.sql('commune_code')}", **_between(period))
    return {"ideas_received": _count_value("ideas_received", rows)}


#: Statuses of a business plan that has been approved (it stays approved while it runs and when done).
APPROVED_PLAN_STATUSES = ("approved", "in_progress", "done")


def business_plans(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    """Business plans approved in the period: approved, under way or done, with the approving
    document dated in the period (the date submitted when no approval date was recorded); the
    commune is the producer's."""
    statuses = ",".join(f"'{s}'" for s in APPROVED_PLAN_STATUSES)
    rows = _rows(session, f"""SELECT b.id, pr.commune_code FROM business_plan b
        JOIN producer pr ON pr.id = b.producer_id
        WHERE b.deleted = 0 AND b.status IN ({statuses})
          AND COALESCE(b.approval_date, b.submitted_on) >= :p0 AND COALESCE(b.approval_date, b.submitted_on) <= :d1
          AND {scope.sql('pr.commune_code')}""", **_between(period))
    return {"business_plans_approved": _count_value("business_plans_approved", rows)}


def events_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    rows = _rows(session, f"""SELECT DISTINCT e.id, pr.id, pr.commune_code
        FROM trade_event e, json_each(e.participants) j
        JOIN producer pr ON pr.id = json_extract(j.value, '$.producer_id')
        WHERE e.deleted = 0 AND e.start_date >= :p0 AND e.start_date <= :d1 AND {scope.sql('pr.commune_code')}""",
                 **_between(period))
    events = _count_value("events_attended", ((eid, None) for eid, _p, _c in rows))
    by_ev: dict[int, set[str]] = defaultdict(set)
    for eid, _p, commune in rows:
        if commune is not None:
            by_ev[commune].add(eid)
    events = IndicatorValue("events_attended", events.value, {c: len(v) for c, v in by_ev.items()},
                            events.record_ids)
    by_part: Counter[int] = Counter(c for _e, _p, c in rows if c is not None)
    parts = IndicatorValue("event_participations", len(rows), dict(by_part), events.record_ids)
    return {"events_attended": events, "event_participations": parts}


def training_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    rows = _rows(session, f"SELECT id, commune_code, learners FROM training_class WHERE deleted = 0 "
                          f"AND start_date >= :p0 AND start_date <= :d1 AND {scope.sql('commune_code')}",
                 **_between(period))
    classes = _count_value("training_classes", ((r[0], r[1]) for r in rows))
    by: Counter[int] = Counter()
    for _id, commune, learners in rows:
        if commune is not None:
            by[commune] += learners or 0
    learners = IndicatorValue("training_learners", sum(r[2] or 0 for r in rows), dict(by), classes.record_ids)
    return {"training_classes": classes, "training_learners": learners}


def support_family(session: Session, period: Period, scope: Scope, ctx: dict[str, Any]) -> Values:
    rows = _rows(session, f"""SELECT s.id, pr.commune_code, s.amount, s.funding FROM support s
        JOIN producer pr ON pr.id = s.producer_id
        WHERE s.deleted = 0 AND s.date >= :p0 AND s.date <= :d1 AND {scope.sql('pr.commune_code')}""",
                 **_between(period))

    def total(iid: str, keep: Callable[[str], bool]) -> IndicatorValue:
        by: Counter[int] = Counter()
        ids, value = set(), 0
        for sid, commune, amount, funding in rows:
            if keep(funding):
                ids.add(sid)
                value += amount or 0
                if commune is not None:
                    by[commune] += amount or 0
        return IndicatorValue(iid, value, dict(by), frozenset(ids))

    out = {"support_amount": total("support_amount", lambda f: True)}
    for src in SUPPORT_FUNDING:
        iid = f"support_amount_{src.value}"
        out[iid] = total(iid, lambda f, s=src.value: f == s)
    return out


FAMILIES: dict[str, Callable[[Session, Period, Scope, dict[str, Any]], Values]] = {
    "stock": stock_family, "potential5": potential5_family, "movement": movement_family,
    "window": window_family, "producers": producers_family, "upgrades": upgrades_family,
    "evaluated": evaluated_family, "new_producers": new_producers_family, "sale_points": sale_points_family, "ideas": ideas_family,
    "business_plans": business_plans, "events": events_family, "training": training_family,
    "support": support_family,
}
