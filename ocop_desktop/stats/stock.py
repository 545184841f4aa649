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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from ocop_desktop.stats.period import Period, Scope

FAR = "9999-12-31"


def live_sql(scope: Scope) -> str:
    """The ``live`` CTE body: one row per certificate that counts, with its live interval
    [s, e) (e exclusive), how it ended (``revoked`` / ``replaced`` / ``expired``), the product,
    its commune and producer, the stars and whether it is a re-issue."""
    return f"""
    SELECT cid, pid, commune, producer, pset, stars, s,
           MIN(x, COALESCE(rdate, '{FAR}'), COALESCE(ndate, '{FAR}')) AS e,
           CASE WHEN rdate IS NOT NULL AND rdate <= x AND (ndate IS NULL OR rdate <= ndate) THEN 'revoked'
                WHEN ndate IS NOT NULL AND ndate <= x THEN 'replaced'
                ELSE 'expired' END AS how,
           reissue, expiry
    FROM (SELECT c.id AS cid, c.product_id AS pid, p.commune_code AS commune, p.producer_id AS producer,
                 p.product_set AS pset, c.stars AS stars, c.issue_date AS s, date(c.expiry_date, '+1 day') AS x,
                 r.date AS rdate, CASE WHEN nd.annulled_on IS NULL THEN n.issue_date END AS ndate,
                 c.reissue_of_id IS NOT NULL AS reissue, c.expiry_date AS expiry
          FROM certificate c
          JOIN product p ON p.id = c.product_id AND p.deleted = 0
          JOIN decision d ON d.id = c.decision_id AND d.annulled_on IS NULL
          LEFT JOIN decision r ON r.id = c.revoked_by_decision_id AND r.deleted = 0 AND r.annulled_on IS NULL
          LEFT JOIN certificate n ON n.id = c.superseded_by_id AND n.deleted = 0
          LEFT JOIN decision nd ON nd.id = n.decision_id
          WHERE c.deleted = 0 AND {scope.sql('p.commune_code')})"""


def _rows(session: Session, sql: str, **params: Any) -> list[Any]:
    return list(session.execute(text(sql), params))


def products_in_force(session: Session, at: date, scope: Scope) -> dict[str, int]:
    """product_id → stars of the products with a live certificate on ``at``."""
    sql = (f"WITH live AS ({live_sql(scope)}) SELECT pid, MAX(stars) FROM live "
           "WHERE s <= :at AND e > :at GROUP BY pid")
    return {pid: int(stars) for pid, stars in _rows(session, sql, at=at.isoformat())}


def in_force_rows(session: Session, at: date, scope: Scope) -> list[tuple[str, int | None, str, int, int]]:
    """(product_id, commune_code, producer_id, product_set, stars) of the products in force on ``at``."""
    sql = (f"WITH live AS ({live_sql(scope)}) SELECT pid, commune, producer, pset, MAX(stars) FROM live "
           "WHERE s <= :at AND e > :at GROUP BY pid")
    return [tuple(r) for r in _rows(session, sql, at=at.isoformat())]  # type: ignore[misc]


#: Movement components, in report order.
COMPONENTS = ("start", "new", "re_recognised", "upgraded", "expired", "revoked", "end",
              "returned", "first_recognitions", "downgraded")


@dataclass(frozen=True)
class Movement:
    """Stock movement over a period; see the module docstring for the exact rule.

    Invariant: ``end == start + new - expired - revoked``."""

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


def _product_states(session: Session, period: Period, scope: Scope) -> list[Any]:
    """Per product: commune, in force before, at the end, during; how its last interval ended."""
    # How the last interval ended rides on its end date: MAX('YYYY-MM-DD' || how), one pass.
    sql = f"""WITH live AS ({live_sql(scope)})
    SELECT pid, MAX(commune), MAX(s <= :d0 AND e > :d0), MAX(s <= :d1 AND e > :d1),
           MAX(s <= :d1 AND e > :p0), substr(MAX(CASE WHEN s <= :d1 THEN e || how END), 11)
    FROM live GROUP BY pid"""
    return _rows(session, sql, d0=period.day_before.isoformat(), d1=period.end.isoformat(),
                 p0=period.start.isoformat())


def _recognitions(session: Session, period: Period, scope: Scope) -> list[Any]:
    """Certificates (not re-issues) issued in the period, with the stars of the product's previous one."""
    sql = f"""WITH live AS ({live_sql(scope)}),
    chain AS (SELECT pid, commune, stars, s,
                     LAG(stars) OVER (PARTITION BY pid ORDER BY s, cid) AS prev
              FROM live WHERE reissue = 0)
    SELECT pid, commune, stars, prev FROM chain WHERE s >= :p0 AND s <= :d1"""
    return _rows(session, sql, p0=period.start.isoformat(), d1=period.end.isoformat())


def _collect(session: Session, period: Period, scope: Scope) -> dict[int | None, dict[str, set[str]]]:
    out: dict[int | None, dict[str, set[str]]] = {}

    def bucket(commune: int | None) -> dict[str, set[str]]:
        return out.setdefault(commune, {k: set() for k in COMPONENTS})

    for pid, commune, in0, in1, during, how in _product_states(session, period, scope):
        b = bucket(commune)
        if in0:
            b["start"].add(pid)
        if in1:
            b["end"].add(pid)
        if not in0 and (in1 or during):
            b["new"].add(pid)
        if not in1 and (in0 or during):
            b["revoked" if how == "revoked" else "expired"].add(pid)
    for pid, commune, stars, prev in _recognitions(session, period, scope):
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


def movement(session: Session, period: Period, scope: Scope) -> Movement:
    merged: dict[str, set[str]] = {k: set() for k in COMPONENTS}
    for b in _collect(session, period, scope).values():
        for k in COMPONENTS:
            merged[k] |= b[k]
    return Movement.from_ids(merged)


def movement_by_commune(session: Session, period: Period, scope: Scope) -> dict[int, Movement]:
    """Movement per commune of the products (products without a commune are left out)."""
    return {c: Movement.from_ids(b) for c, b in _collect(session, period, scope).items() if c is not None}


@dataclass(frozen=True)
class WindowEntry:
    certificate_id: str
    product_id: str
    commune_code: int | None
    stars: int
    expiry_date: date
    opens: date  # first day to file the re-evaluation dossier (expiry − 180 days)


def entering_window(session: Session, period: Period, scope: Scope) -> list[WindowEntry]:
    """Certificates live on the day their re-evaluation window opens (expiry − 180 days), when
    that day falls in the period: the dossiers the office must chase."""
    sql = f"""WITH live AS ({live_sql(scope)}),
    w AS (SELECT cid, pid, commune, stars, expiry, date(expiry, '-180 days') AS opens, s, e FROM live)
    SELECT cid, pid, commune, stars, expiry, opens FROM w
    WHERE opens >= :p0 AND opens <= :d1 AND s <= opens AND e > opens ORDER BY opens, cid"""
    out = []
    for cid, pid, commune, stars, expiry, opens in _rows(session, sql, p0=period.start.isoformat(),
                                                         d1=period.end.isoformat()):
        out.append(WindowEntry(cid, pid, commune, int(stars), date.fromisoformat(expiry), date.fromisoformat(opens)))
    return out


__all__ = ["Movement", "WindowEntry", "entering_window", "in_force_rows", "live_sql", "movement",
           "movement_by_commune", "products_in_force"]
