"""Property: for random certificate histories, the movement of the stock over any period
satisfies end = start + new − expired − revoked, and start / end are the products in force on
the day before the period and on its last day (as :func:`products_in_force` counts them)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from ocop_desktop.domain.certificates import expiry_for
from ocop_desktop.models import Certificate, Decision, Producer, Product
from ocop_desktop.stats import stock
from ocop_desktop.stats.period import Period, Scope

BASE = dt.date(2019, 1, 1)
COMMUNES = (1477, 1489)

cert_st = st.tuples(st.integers(0, 1400),  # days after the previous certificate (or BASE)
                    st.integers(3, 5),  # stars
                    st.one_of(st.none(), st.integers(0, 1300)),  # revoked that many days after issue
                    st.booleans(),  # its decision annulled
                    st.booleans())  # a re-issue
history_st = st.lists(st.lists(cert_st, min_size=1, max_size=4), min_size=1, max_size=5)
period_st = st.tuples(st.integers(0, 3600), st.integers(0, 1500))


def _write(db, histories) -> None:  # noqa: ANN001
    with db.session() as s:
        for table in ("certificate", "decision", "product", "producer"):
            s.execute(text(f"DELETE FROM {table}"))
        prod = Producer(kind="htx", name="HTX", commune_code=COMMUNES[0])
        s.add(prod)
        s.flush()
        n = 0
        for i, history in enumerate(histories):
            p = Product(name=f"SP {i}", producer_id=prod.id, product_set=1, commune_code=COMMUNES[i % 2],
                        status="dat_ocop")
            s.add(p)
            s.flush()
            day, live = BASE, []
            for gap, stars, revoked_after, annulled, reissue in history:
                day = day + dt.timedelta(days=gap)
                n += 1
                d = Decision(kind="recognition", number=f"{n}/QĐ", date=day, authority="UBND", level="province",
                             annulled_on=day if annulled else None)
                s.add(d)
                s.flush()
                c = Certificate(product_id=p.id, decision_id=d.id, number=f"C{n}", stars=stars, issue_date=day,
                                expiry_date=expiry_for(day), reissue_of_id=live[-1].id if reissue and live else None)
                s.add(c)
                s.flush()
                for old in live:  # as services.decisions does: the live ones are superseded
                    if old.expiry_date >= day and old.revoked_by_decision_id is None:
                        old.superseded_by_id = c.id
                live = [c]
                if revoked_after is not None:
                    r = Decision(kind="revocation", number=f"{n}/QĐ-TH", date=day + dt.timedelta(days=revoked_after),
                                 authority="UBND", level="ministry")
                    s.add(r)
                    s.flush()
                    c.revoked_by_decision_id = r.id
                    live = []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories=history_st, period=period_st)
def test_end_is_start_plus_new_minus_expired_minus_revoked(db, histories, period) -> None:  # noqa: ANN001
    _write(db, histories)
    start = BASE + dt.timedelta(days=period[0])
    p = Period(start, start + dt.timedelta(days=period[1]))
    with db.read_session() as s:
        m = stock.movement(s, p, Scope())
        by = stock.movement_by_commune(s, p, Scope())
        before = stock.products_in_force(s, p.day_before, Scope())
        after = stock.products_in_force(s, p.end, Scope())
    assert m.end == m.start + m.new - m.expired - m.revoked
    assert m.start == len(before) and m.end == len(after)
    assert m.product_ids["start"] == set(before) and m.product_ids["end"] == set(after)
    assert not (m.product_ids["expired"] & m.product_ids["revoked"])
    assert m.product_ids["returned"] <= m.product_ids["new"]
    for x in by.values():
        assert x.end == x.start + x.new - x.expired - x.revoked
    assert sum(x.end for x in by.values()) == m.end and sum(x.new for x in by.values()) == m.new
