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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class ProductFact:
    id: str
    name: str
    code: str
    producer_id: str
    product_set: int
    commune_code: int | None


@dataclass(frozen=True)
class ProducerFact:
    id: str
    name: str
    kind: str
    commune_code: int | None
    rep_sex: str | None
    rep_ethnicity: str | None
    rep_disability: bool


@dataclass(frozen=True)
class Stand:
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

    def in_force(self, on: dt.date) -> dict[str, int]:
        """{product id: stars} of the products in force on ``on``."""
        out: dict[str, int] = {}
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
    return dt.date.fromisoformat(str(v)[:10])


def load(session: Any, scope: Any) -> Facts:
    """Products (not deleted) of the scope's communes, all their producers, and their certificates."""
    from sqlalchemy import text

    codes = getattr(scope, "commune_codes", None)
    conn = session.connection()
    products = {
        r[0]: ProductFact(r[0], r[1], r[2] or "", r[3], int(r[4]), r[5])
        for r in conn.execute(text("SELECT id, name, code, producer_id, product_set, commune_code FROM product "
                                   "WHERE deleted = 0" + in_clause("commune_code", codes)))
    }
    producers = {
        r[0]: ProducerFact(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]))
        for r in conn.execute(text("SELECT id, name, kind, commune_code, rep_sex, rep_ethnicity, rep_disability "
                                   "FROM producer WHERE deleted = 0"))
    }
    facts = Facts(products, producers)
    rows = conn.execute(text(
        "SELECT c.id, c.product_id, c.stars, c.issue_date, c.expiry_date, r.date, s.issue_date, c.number, "
        "d.number, d.date, c.evaluation_id "
        "FROM certificate c JOIN decision d ON d.id = c.decision_id "
        "LEFT JOIN decision r ON r.id = c.revoked_by_decision_id AND r.deleted = 0 AND r.annulled_on IS NULL "
        # A certificate superseded by one of an annulled decision stands again (no superseding date).
        "LEFT JOIN certificate s ON s.id = c.superseded_by_id AND s.deleted = 0 AND s.decision_id IN "
        "(SELECT id FROM decision WHERE deleted = 0 AND annulled_on IS NULL) "
        "WHERE c.deleted = 0 AND d.deleted = 0 AND d.annulled_on IS NULL"))
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
