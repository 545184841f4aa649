"""The certificate stock (products in force) and its movement over a period. Bulk SQL.

A product is **in force** on a day when one of its certificates is live that day. A
certificate is live from its issue date through the earliest of:

- its expiry date (it has lapsed the day after),
- the day before its revocation decision's date (revoked on the decision's date),
- the day before the issue date of the certificate that superseded it (re-evaluation,
  upgrade or re-issue: the product stays in force without a gap).

Ignored: deleted certificates and products, certificates of an annulled decision (hủy bỏ: void
from the start), and an annulled revocation or superseding certificate (what it undid stands
again, as in :mod:`ocop_desktop.services.decision_records`). The transitional extension of
26/2026 Điều 12.3 is not modelled (see :mod:`ocop_desktop.domain.certificates`). The stars of
a product in force are the highest of its live certificates (normally there is one).

**Movement** over a period P (rule chosen for the reports, B05): per product, compare the day
before P (``start``) with the last day of P (``end``):

- in force on both days: stays; nothing is counted even if it lapsed and came back within P;
- not before, in force at the end: ``new`` (it entered the stock);
- in force before, not at the end: ``expired`` or ``revoked``, by how its last live certificate
  ended (a revocation decision → revoked, otherwise expired);
- in force only in between (recognised and lapsed within P): counted in ``new`` **and** in
  ``expired``/``revoked``.

So ``end == start + new - expired - revoked`` always holds (per product, hence in total and
per commune). ``re_recognised`` and ``upgraded`` are informational and do not enter the
equation: products that received, within P, a certificate (not a re-issue) after an earlier
certificate of theirs — same or fewer stars → re-recognised (fewer stars is also counted in
``downgraded``), more stars → upgraded. A product whose earlier certificate had lapsed before P
and that is recognised again in P is both ``new`` (and ``returned``) and re-recognised or
upgraded. ``first_recognitions`` are products whose very first certificate was issued in P.

Speed: one bulk query reads the certificates that count with what decides their interval
(:func:`live_rows`, index-only scans on the ``ix_*_stats`` covering indexes of migration
``0013_plans_targets``); every figure is then one pass over those rows in memory, and
:func:`ocop_desktop.stats.indicators.compute` reads them once for all its indicators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy.orm import Session

from ocop_desktop.domain.certificates import WINDOW_OPENS_DAYS
from ocop_desktop.stats.period import Period, Scope

_DAY = dt.timedelta(days=1)


class Live(NamedTuple):
    """A certificate that counts, live on the days ``s`` <= day < ``e``."""

    cid: str
    pid: str
    commune: int | None
    producer: str
    pset: int
    stars: int
    s: date
    e: date  # exclusive
    how: str  # how the interval ends: "revoked" | "replaced" | "expired"
    reissue: bool
    expiry: date

    def live_on(self, day: date) -> bool:
        return self.s <= day < self.e


def _live_query(scope: Scope) -> str:
    return f"""SELECT c.id, c.product_id, p.commune_code, p.producer_id, p.product_set, c.stars, c.issue_date,
           c.expiry_date, r.date, CASE WHEN nd.annulled_on IS NULL THEN n.issue_date END, c.reissue_of_id
    FROM certificate c
    JOIN product p ON p.id = c.product_id AND p.deleted = 0
    JOIN decision d ON d.id = c.decision_id AND d.annulled_on IS NULL
    LEFT JOIN decision r ON r.id = c.revoked_by_decision_id AND r.deleted = 0 AND r.annulled_on IS NULL
    LEFT JOIN certificate n ON n.id = c.superseded_by_id AND n.deleted = 0
    LEFT JOIN decision nd ON nd.id = n.decision_id
    WHERE c.deleted = 0 AND {scope.sql('p.commune_code')}"""


def _date(v: object) -> date | None:
    if v is None or isinstance(v, date):
        return v  # type: ignore[return-value]
    return date.fromisoformat(str(v)[:10])


def fetch(session: Session, sql: str, params: tuple = ()) -> list[tuple]:
    """All rows of ``sql`` through the DB-API cursor of the session's connection (same
    transaction), without SQLAlchemy's per-row processing: tens of thousands of rows a figure."""
    cur = session.connection().connection.cursor()
    try:
        cur.execute(sql, params)
        return cur.fetchall()
    finally:
        cur.close()


def live_rows(session: Session, scope: Scope) -> list[Live]:
    """Every certificate that counts in ``scope``, with its live interval (one query)."""
    out = []
    # A decision issues many certificates on one day: parse each distinct date once.
    days: dict[object, date | None] = {None: None}

    def day(v: object) -> date | None:
        d = days.get(v, False)
        if d is False:
            d = days[v] = _date(v)
        return d  # type: ignore[return-value]

    ends: dict[object, date] = {}
    for cid, pid, commune, producer, pset, stars, issue, expiry, rdate, ndate, reissue in \
            fetch(session, _live_query(scope)):
        s = day(issue)
        x = ends.get(expiry)
        if x is None:
            x = ends[expiry] = day(expiry) + _DAY  # type: ignore[operator]
        r, n = day(rdate), day(ndate)
        e = min(x, r or x, n or x)
        if r is not None and r <= x and (n is None or r <= n):
            how = "revoked"
        elif n is not None and n <= x:
            how = "replaced"
        else:
            how = "expired"
        out.append(Live(cid, pid, commune, producer, pset, int(stars), s, e, how, reissue is not None, x - _DAY))
    return out


def _rows_for(session: Session, scope: Scope, rows: list[Live] | None) -> list[Live]:
    return live_rows(session, scope) if rows is None else rows


def products_in_force(session: Session, at: date, scope: Scope, rows: list[Live] | None = None) -> dict[str, int]:
    """product_id → stars of the products with a live certificate on ``at``."""
    out: dict[str, int] = {}
    for c in _rows_for(session, scope, rows):
        if c.s <= at < c.e and c.stars > out.get(c.pid, 0):
            out[c.pid] = c.stars
    return out


def in_force_rows(session: Session, at: date, scope: Scope,
                  rows: list[Live] | None = None) -> list[tuple[str, int | None, str, int, int]]:
    """(product_id, commune_code, producer_id, product_set, stars) of the products in force on ``at``."""
    best: dict[str, Live] = {}
    for c in _rows_for(session, scope, rows):
        if c.s <= at < c.e and (c.pid not in best or c.stars > best[c.pid].stars):
            best[c.pid] = c
    return [(c.pid, c.commune, c.producer, c.pset, c.stars) for c in best.values()]


#: Movement components, in report order.
COMPONENTS = ("start", "new", "re_recognised", "upgraded", "expired", "revoked", "end",
              "returned", "first_recognitions", "downgraded")


@dataclass(frozen=True)
class Movement:
    """Stock movement over a period P (the rule, as in the module docstring).

    ``start``: products in force the day before P; ``end``: on its last day. Per product: not in
    force at the start but at the end, or only in between → ``new``; in force at the start (or only
    in between) but not at the end → ``revoked`` when its last live certificate ended by a revocation
    decision, else ``expired``. Hence the invariant ``end == start + new - expired - revoked``.
    ``re_recognised`` (same or fewer stars) and ``upgraded`` (more stars) count products that got a
    certificate in P after an earlier one of theirs (re-issues excluded); a replacement keeps the
    product in force, so they are neither new nor leaving — unless the earlier certificate had lapsed
    before P, and then the product is also ``new`` (and ``returned``)."""

    start: int
    new: int
    re_recognised: int
    upgraded: int
    expired: int
    revoked: int
    end: int
    product_ids: Mapping[str, frozenset[str]]  # component name -> product ids
    returned: int = 0  # of ``new``: products recognised again after a lapse before the period
    first_recognitions: int = 0  # products whose first certificate was issued in the period
    downgraded: int = 0  # of ``re_recognised``: with fewer stars than before

    @classmethod
    def from_ids(cls, ids: Mapping[str, set[str]]) -> Movement:
        frozen = {k: frozenset(ids.get(k, ())) for k in COMPONENTS}
        counts = {k: len(v) for k, v in frozen.items()}
        return cls(product_ids=frozen, **counts)


def recognitions(period: Period, rows: list[Live]) -> list[tuple[str, int | None, int, int | None]]:
    """(product, commune, stars, previous stars or None) of the certificates issued in the period
    that are not re-issues; the previous one is the product's latest earlier certificate."""
    p0, d1 = period.start, period.end
    wanted = {c.pid for c in rows if p0 <= c.s <= d1 and not c.reissue}
    chains: dict[str, list[Live]] = {}
    for c in rows:
        if c.pid in wanted and not c.reissue:
            chains.setdefault(c.pid, []).append(c)
    out = []
    for chain in chains.values():
        chain.sort(key=lambda c: (c.s, c.cid))
        prev: int | None = None
        for c in chain:
            if p0 <= c.s <= d1:
                out.append((c.pid, c.commune, c.stars, prev))
            prev = c.stars
    return out


def collect(period: Period, rows: list[Live]) -> dict[int | None, dict[str, set[str]]]:
    """Per commune: the product ids of each movement component."""
    d0, d1, p0 = period.day_before, period.end, period.start
    state: dict[str, list] = {}  # pid -> [commune, in0, in1, during, last e, how]
    for _cid, pid, commune, _pr, _ps, _st, s, e, how, _re, _x in rows:
        st = state.get(pid)
        if st is None:
            st = state[pid] = [commune, False, False, False, None, None]
        if s <= d1:
            if not st[1] and s <= d0 < e:
                st[1] = True
            if not st[2] and d1 < e:
                st[2] = True
            if not st[3] and e > p0:
                st[3] = True
            if st[4] is None or e > st[4]:
                st[4], st[5] = e, how
    out: dict[int | None, dict[str, set[str]]] = {}

    def bucket(commune: int | None) -> dict[str, set[str]]:
        return out.setdefault(commune, {k: set() for k in COMPONENTS})

    for pid, (commune, in0, in1, during, _e, how) in state.items():
        b = bucket(commune)
        if in0:
            b["start"].add(pid)
        if in1:
            b["end"].add(pid)
        if not in0 and (in1 or during):
            b["new"].add(pid)
        if not in1 and (in0 or during):
            b["revoked" if how == "revoked" else "expired"].add(pid)
    for pid, commune, stars, prev in recognitions(period, rows):
        b = bucket(commune)
        if prev is None:
            b["first_recognitions"].add(pid)
        elif stars > prev:
            b["upgraded"].add(pid)
        else:
            b["re_recognised"].add(pid)
            if stars < prev:
                b["downgraded"].add(pid)
    for b in out.values():
        b["returned"] = b["new"] & (b["re_recognised"] | b["upgraded"])
    return out


def movement(session: Session, period: Period, scope: Scope, rows: list[Live] | None = None) -> Movement:
    merged: dict[str, set[str]] = {k: set() for k in COMPONENTS}
    for b in collect(period, _rows_for(session, scope, rows)).values():
        for k in COMPONENTS:
            merged[k] |= b[k]
    return Movement.from_ids(merged)


def movement_by_commune(session: Session, period: Period, scope: Scope,
                        rows: list[Live] | None = None) -> dict[int, Movement]:
    """Movement per commune of the products (products without a commune are left out)."""
    return {c: Movement.from_ids(b) for c, b in collect(period, _rows_for(session, scope, rows)).items()
            if c is not None}


class WindowEntry(NamedTuple):
    certificate_id: str
    product_id: str
    commune_code: int | None
    stars: int
    expiry_date: date
    opens: date  # first day to file the re-evaluation dossier (expiry − 180 days)


def entering_window(session: Session, period: Period, scope: Scope,
                    rows: list[Live] | None = None) -> list[WindowEntry]:
    """Certificates live on the day their re-evaluation window opens (expiry − 180 days), when
    that day falls in the period: the dossiers the office must chase."""
    ahead = dt.timedelta(days=WINDOW_OPENS_DAYS)
    # A certificate's window opens in the period when its expiry is in [start + 180, end + 180].
    first, last = period.start + ahead, period.end + ahead
    out = []
    for cid, pid, commune, _pr, _ps, stars, s, e, _how, _re, expiry in _rows_for(session, scope, rows):
        if first <= expiry <= last:
            opens = expiry - ahead
            if s <= opens < e:
                out.append(WindowEntry(cid, pid, commune, stars, expiry, opens))
    out.sort(key=lambda w: (w.opens, w.certificate_id))
    return out


__all__ = ["COMPONENTS", "Live", "Movement", "WindowEntry", "collect", "entering_window", "fetch", "in_force_rows",
           "live_rows", "movement", "movement_by_commune", "products_in_force", "recognitions"]
