"""The records the statistics tables count, read in a few bulk queries (no ORM objects).

- :class:`Facts` holds the live products of a scope (set, commune, producer), their producers,
  and the *stand intervals* of their certificates: a certificate stands from its issue date to
  the day before it is revoked or superseded, or to its expiry date — whichever comes first —
  unless its decision is annulled (then it never stood). A product is **in force** on a day when
  one of its certificates stands that day; its stars are the highest such certificate's.
- ``period`` and ``scope`` are duck-typed: anything with ``start``/``end`` dates, and with
  ``commune_codes`` (a set of commune codes, or None for every commune) and ``label``.

Dates are compared as ISO text, the way SQLite stores them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

ONE_DAY = dt.timedelta(days=1)


class ProductFact(NamedTuple):
    id: str
    name: str
    code: str
    producer_id: str
    product_set: int
    commune_code: int | None


class ProducerFact(NamedTuple):
    id: str
    name: str
    kind: str
    commune_code: int | None
    rep_sex: str | None
    rep_ethnicity: str | None
    rep_disability: bool  # 0/1 as SQLite stores it


class Stand(NamedTuple):
    """One certificate's stand interval (both ends inclusive)."""

    certificate_id: str
    product_id: str
    stars: int
    issue: dt.date
    expiry: dt.date
    until: dt.date  # the last day it stands (≤ expiry)
    revoked_on: dt.date | None  # the revocation decision's date, when revoked
    number: str
    decision_number: str
    decision_date: dt.date
    evaluation_id: str | None


@dataclass
class Facts:
    products: dict[str, ProductFact]
    producers: dict[str, ProducerFact]
    stands: dict[str, list[Stand]] = field(default_factory=dict)  # product id → its certificates
    _in_force: dict[dt.date, dict[str, int]] = field(default_factory=dict, repr=False)

    def in_force(self, on: dt.date) -> dict[str, int]:
        """{product id: stars} of the products in force on ``on`` (kept: tables share it; do not change it)."""
        cached = self._in_force.get(on)
        if cached is not None:
            return cached
        out: dict[str, int] = self._in_force.setdefault(on, {})
        for pid, stands in self.stands.items():
            best = 0
            for s in stands:
                if s.issue <= on <= s.until and s.stars > best:
                    best = s.stars
            if best:
                out[pid] = best
        return out

    def standing(self, on: dt.date) -> dict[str, Stand]:
        """{product id: the certificate that gives its stars on ``on``} (highest stars, then latest)."""
        out: dict[str, Stand] = {}
        for pid, stands in self.stands.items():
            for s in stands:
                if s.issue <= on <= s.until:
                    cur = out.get(pid)
                    if cur is None or (s.stars, s.issue) > (cur.stars, cur.issue):
                        out[pid] = s
        return out


def in_clause(column: str, codes: Iterable[int] | None) -> str:
    if codes is None:
        return ""
    values = ",".join(str(int(c)) for c in sorted(codes))
    return f" AND {column} IN ({values})" if values else " AND 0"


def as_date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return _iso(v[:10] if isinstance(v, str) else str(v)[:10])


_iso = functools.lru_cache(maxsize=8192)(dt.date.fromisoformat)  # a few thousand distinct days


def load(session: Any, scope: Any) -> Facts:
    """Products (not deleted) of the scope's communes, all their producers, and their certificates."""
    codes = getattr(scope, "commune_codes", None)
    conn = session.connection()
    rows = conn.exec_driver_sql("SELECT id, name, COALESCE(code, ''), producer_id, product_set, commune_code "
                                "FROM product WHERE deleted = 0" + in_clause("commune_code", codes)).fetchall()
    products = {r[0]: r for r in map(ProductFact._make, rows)}
    rows = conn.exec_driver_sql("SELECT id, name, kind, commune_code, rep_sex, rep_ethnicity, rep_disability "
                                "FROM producer WHERE deleted = 0").fetchall()
    producers = {r[0]: r for r in map(ProducerFact._make, rows)}
    facts = Facts(products, producers)
    rows = conn.exec_driver_sql(
        "SELECT c.id, c.product_id, c.stars, c.issue_date, c.expiry_date, r.date, s.issue_date, c.number, "
        "d.number, d.date, c.evaluation_id "
        "FROM certificate c JOIN decision d ON d.id = c.decision_id "
        "LEFT JOIN decision r ON r.id = c.revoked_by_decision_id AND r.deleted = 0 AND r.annulled_on IS NULL "
        # A certificate superseded by one of an annulled decision stands again (no superseding date).
        "LEFT JOIN certificate s ON s.id = c.superseded_by_id AND s.deleted = 0 AND s.decision_id IN "
        "(SELECT id FROM decision WHERE deleted = 0 AND annulled_on IS NULL) "
        "WHERE c.deleted = 0 AND d.deleted = 0 AND d.annulled_on IS NULL").fetchall()
    for (cid, pid, stars, issue, expiry, revoked, superseded, number, dnum, ddate, eval_id) in rows:
        if pid not in products:
            continue
        issue_d, expiry_d = as_date(issue), as_date(expiry)
        until = expiry_d
        revoked_d = as_date(revoked)
        if revoked_d is not None:
            until = min(until, revoked_d - ONE_DAY)
        sup_d = as_date(superseded)
        if sup_d is not None:
            until = min(until, sup_d - ONE_DAY)
        facts.stands.setdefault(pid, []).append(
            Stand(cid, pid, int(stars), issue_d, expiry_d, until, revoked_d, number, dnum, as_date(ddate), eval_id))
    return facts


def stars_of(stands: Iterable[Stand], on: dt.date) -> int:
    """The stars a product's certificates give it on ``on`` (0: not in force)."""
    return max((s.stars for s in stands if s.issue <= on <= s.until), default=0)
