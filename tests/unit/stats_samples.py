"""A small hand-made office for the statistics tests: every figure below is counted by hand.

Field office of four communes (conftest.COMMUNES): 1477 Trùng Khánh, 1489 Đình Phong,
1501 Đàm Thuỷ, 1525 Đoài Dương. Records are written with the ORM directly so that their dates
are exactly those of the table in ``test_stats_indicators.py``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ocop_desktop.db import Database
from ocop_desktop.domain.certificates import expiry_for
from ocop_desktop.models import (
    Certificate,
    Decision,
    Evaluation,
    Producer,
    Product,
    ProductIdea,
    SalePoint,
    Support,
    TradeEvent,
    TrainingClass,
)

D = dt.date
TK, DP, DT, DD = 1477, 1489, 1501, 1525


def build(db: Database) -> dict[str, str]:
    """Write the sample office; returns the ids by short name (P1…, A…, a1…)."""
    ids: dict[str, str] = {}
    with db.session() as s:
        def producer(key: str, kind: str, commune: int, sex: str, ethnicity: str, *, disabled: bool = False,
                     chain: bool = False) -> None:
            p = Producer(kind=kind, name=f"Chủ thể {key}", commune_code=commune, rep_name=f"Đại diện {key}",
                         rep_sex=sex, rep_ethnicity=ethnicity, rep_disability=disabled, value_chain=chain)
            s.add(p)
            s.flush()
            ids[key] = p.id

        producer("P1", "htx", TK, "nu", "02", chain=True)
        producer("P2", "tnhh", TK, "nam", "01", disabled=True)
        producer("P3", "ho_sx", DP, "nu", "01")
        producer("P4", "tht", DT, "nam", "07")
        producer("P5", "hoi", DT, "nam", "01")

        def product(key: str, owner: str, pset: int, commune: int) -> None:
            p = Product(name=f"Sản phẩm {key}", producer_id=ids[owner], product_set=pset, commune_code=commune,
                        status="dat_ocop")
            s.add(p)
            s.flush()
            ids[key] = p.id

        for key, owner, pset, commune in (("A", "P1", 1, TK), ("B", "P1", 14, TK), ("C", "P2", 21, TK),
                                          ("D", "P3", 7, DP), ("E", "P3", 26, DP), ("F", "P4", 6, DT),
                                          ("G", "P5", 23, DT), ("H", "P2", 7, TK), ("I", "P4", 6, DT),
                                          ("J", "P1", 4, TK)):
            product(key, owner, pset, commune)

        def decision(key: str, day: dt.date, kind: str = "recognition", *, annulled: bool = False,
                     level: str = "province") -> None:
            d = Decision(kind=kind, number=f"{key}/QĐ-UBND", date=day, authority="UBND tỉnh Cao Bằng", level=level,
                         annulled_on=day + dt.timedelta(days=5) if annulled else None)
            s.add(d)
            s.flush()
            ids[key] = d.id

        def cert(key: str, product_key: str, stars: int, day: dt.date, decision_key: str, **kw: str) -> None:
            c = Certificate(product_id=ids[product_key], decision_id=ids[decision_key], number=f"GCN-{key}",
                            stars=stars, issue_date=day, expiry_date=expiry_for(day), **kw)
            s.add(c)
            s.flush()
            ids[key] = c.id

        for key, day in (("d2020", D(2020, 6, 10)), ("d2022", D(2022, 1, 10)), ("d2023a", D(2023, 3, 1)),
                         ("d2023b", D(2023, 5, 20)), ("d2024a", D(2024, 1, 15)), ("d2024b", D(2024, 3, 1)),
                         ("d2026a", D(2026, 2, 1)), ("d2026b", D(2026, 2, 10)), ("d2026c", D(2026, 3, 15)),
                         ("d2026d", D(2026, 5, 5))):
            decision(key, day)
        decision("d2025", D(2025, 4, 10), level="ministry")
        decision("annulled", D(2026, 2, 1), annulled=True)
        decision("rev_c", D(2026, 7, 1), "revocation")
        decision("rev_i", D(2026, 10, 1), "revocation")

        cert("a1", "A", 3, D(2023, 3, 1), "d2023a")
        cert("a2", "A", 4, D(2026, 2, 1), "d2026a")  # upgrade 3★ → 4★ while a1 is live
        s.get(Certificate, ids["a1"]).superseded_by_id = ids["a2"]
        cert("b1", "B", 3, D(2020, 6, 10), "d2020")  # lapsed 10/6/2023
        cert("b2", "B", 3, D(2026, 5, 5), "d2026d")  # recognised again after the lapse
        cert("c1", "C", 4, D(2024, 1, 15), "d2024a", revoked_by_decision_id=ids["rev_c"], revocation_ground="dd")
        cert("d1", "D", 3, D(2023, 5, 20), "d2023b")  # expires 20/5/2026, not renewed
        cert("e1", "E", 5, D(2025, 4, 10), "d2025")
        cert("f1", "F", 3, D(2026, 3, 15), "d2026c")  # first recognition
        cert("g1", "G", 3, D(2022, 1, 10), "d2022")  # lapsed 10/1/2025
        cert("h1", "H", 3, D(2026, 2, 1), "annulled")  # its decision was annulled: never counts
        cert("i1", "I", 3, D(2026, 2, 10), "d2026b", revoked_by_decision_id=ids["rev_i"], revocation_ground="b")
        cert("j1", "J", 3, D(2024, 3, 1), "d2024b")  # expires 1/3/2027: window opens 2/9/2026

        s.add(Evaluation(product_id=ids["F"], kind="council", year=2026, round=1, rubric_id="qd-26-2026",
                         product_set=6, status="final", total=Decimal("92.00"), stars=5, stars_by_points=5,
                         finalised_at=dt.datetime(2026, 4, 1, 9, 0)))
        s.add(Evaluation(product_id=ids["D"], kind="council", year=2026, round=1, rubric_id="qd-26-2026",
                         product_set=7, status="final", total=Decimal("75.00"), stars=4, stars_by_points=4,
                         finalised_at=dt.datetime(2026, 4, 1, 9, 0)))

        for name, day, commune, deleted in (("Ý tưởng 1", D(2026, 4, 2), TK, False),
                                            ("Ý tưởng 2", D(2026, 6, 9), DP, False),
                                            ("Ý tưởng 3", D(2025, 6, 9), TK, False),
                                            ("Ý tưởng 4", D(2026, 6, 9), TK, True)):
            s.add(ProductIdea(name=name, received_on=day, commune_code=commune, origin="tradition",
                              status="received", deleted=deleted))

        def event(name: str, day: dt.date, producers: list[str]) -> None:
            s.add(TradeEvent(name=name, kind="fair", start_date=day, end_date=day, scope="province",
                             participants=[{"producer_id": ids[p], "product_ids": [], "booths": 1, "sales": None}
                                           for p in producers]))

        event("Hội chợ OCOP Cao Bằng 2026", D(2026, 5, 1), ["P1", "P3"])
        event("Hội chợ Xuân 2026", D(2026, 8, 1), ["P1"])
        event("Hội chợ 2025", D(2025, 10, 1), ["P1"])

        for name, commune, opened, closed in (("Điểm bán 1", TK, D(2026, 3, 1), None),
                                              ("Điểm bán 2", DP, D(2024, 1, 1), D(2026, 6, 30)),
                                              ("Điểm bán 3", DT, D(2025, 5, 1), None)):
            s.add(SalePoint(name=name, kind="point", commune_code=commune, opening_date=opened, closing_date=closed))

        for title, day, commune, learners in (("Lớp 1", D(2026, 9, 15), TK, 40), ("Lớp 2", D(2026, 10, 2), None, 25),
                                              ("Lớp 3", D(2025, 10, 2), TK, 30)):
            s.add(TrainingClass(title=title, topic="ecommerce", start_date=day, end_date=day, commune_code=commune,
                                audience="producers", learners=learners))

        for owner, amount, funding, day in (("P1", 10_000_000, "ntm", D(2026, 3, 1)),
                                            ("P3", 5_000_000, "dtts", D(2026, 11, 1)),
                                            ("P1", 2_000_000, "ntm", D(2025, 3, 1))):
            s.add(Support(producer_id=ids[owner], kind="packaging", amount=amount, funding=funding, date=day))
    return ids
