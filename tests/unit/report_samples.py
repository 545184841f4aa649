"""A small hand-made office for the statistics reports (tests/unit/test_report_tables.py,
test_report_exports.py and tests/ui/test_reports_ui.py), made with the real services on the
provincial office of tests/conftest.py: four producers, seven products, five decisions and a
revocation, council results of 2026, a training class and a support item.

- A: HTX, Trùng Khánh, a woman of the Tày; B: HTX, Đình Phong, a man; C: household, Đàm Thuỷ, a woman
  with a disability; D: company, Đoài Dương, a man.
- P5 3★ 10/01/2023 (expired 2026); P6 3★ 15/01/2024 (expires 15/01/2027); P1 3★, P2 4★, P3 3★ 01/03/2025;
  P4 3★ and P1 4★ 01/04/2026; P3 revoked 01/06/2026; P7 never recognised.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from ocop_desktop.models import Certificate, Evaluation, Support, TrainingClass
from ocop_desktop.services import decisions, producers, products
from ocop_desktop.services.decisions import DecisionData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

TODAY = dt.date(2026, 11, 22)
TRUNG_KHANH, DINH_PHONG, DAM_THUY, DOAI_DUONG = 1477, 1489, 1501, 1525


def _decision(number: str, date: dt.date, kind: str = "recognition") -> DecisionData:
    return DecisionData(kind=kind, number=number, date=date, authority="Ủy ban nhân dân tỉnh Cao Bằng",
                        level="province", signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")


def build_office(db):  # noqa: ANN001, ANN201
    """Fill the provincial office ``db``; returns (db, {"A": producer id, …, "P1": product id, …})."""
    ids: dict[str, str] = {}
    with db.session() as s:
        tax = iter(("0101248102", "0101248127", "0101248134", "0101248159"))

        def producer(key: str, kind: str, commune: int, sex: str, eth: str, disabled: bool = False) -> None:
            ids[key] = producers.create_producer(s, ProducerData(
                kind=kind, name=f"Chủ thể {key}", commune_code=commune, address_detail="Thôn Bản Khuông",
                identifier=next(tax) if kind != "ho_sx" else "",
                rep_name=f"Người đại diện {key}", rep_title="Giám đốc", rep_sex=sex, rep_ethnicity=eth,
                rep_disability=disabled)).id

        producer("A", "htx", TRUNG_KHANH, "nu", "02")
        producer("B", "htx", DINH_PHONG, "nam", "01")
        producer("C", "ho_sx", DAM_THUY, "nu", "01", True)
        producer("D", "tnhh", DOAI_DUONG, "nam", "01")

        def product(key: str, who: str, commune: int, pset: int) -> None:
            ids[key] = products.create_product(s, ProductData(
                name=f"Sản phẩm {key}", producer_id=ids[who], product_set=pset, commune_code=commune,
                status="dang_danh_gia"), today=TODAY).id

        product("P1", "A", TRUNG_KHANH, 7)
        product("P2", "A", TRUNG_KHANH, 7)
        product("P3", "B", DINH_PHONG, 7)
        product("P4", "C", DAM_THUY, 14)
        product("P5", "B", DINH_PHONG, 1)
        product("P6", "D", DOAI_DUONG, 11)
        product("P7", "D", DOAI_DUONG, 11)
    with db.session() as s:
        decisions.record_recognition(s, _decision("10/QĐ-UBND", dt.date(2023, 1, 10)), [(ids["P5"], 3)], today=TODAY)
        decisions.record_recognition(s, _decision("20/QĐ-UBND", dt.date(2024, 1, 15)), [(ids["P6"], 3)], today=TODAY)
        decisions.record_recognition(s, _decision("30/QĐ-UBND", dt.date(2025, 3, 1)),
                                     [(ids["P1"], 3), (ids["P2"], 4), (ids["P3"], 3)], today=TODAY)
        decisions.record_recognition(s, _decision("40/QĐ-UBND", dt.date(2026, 4, 1)),
                                     [(ids["P4"], 3), (ids["P1"], 4)], today=TODAY)
    with db.session() as s:
        p3 = s.scalar(select(Certificate.id).where(Certificate.product_id == ids["P3"]))
        decisions.revoke(s, [p3], _decision("50/QĐ-UBND", dt.date(2026, 6, 1), "revocation"), "a", today=TODAY)
        # Council results of 2026 (round 1: P4 new 3★, P1 upgraded to 4★, P7 failed; round 2: P2 kept 4★ at 91).
        for key, rnd, total, stars, when in (("P4", 1, 75, 3, dt.datetime(2026, 3, 20)),
                                             ("P1", 1, 82, 4, dt.datetime(2026, 3, 20)),
                                             ("P7", 1, 45, None, dt.datetime(2026, 3, 20)),
                                             ("P2", 2, 91, 4, dt.datetime(2026, 9, 15))):
            s.add(Evaluation(product_id=ids[key], kind="council", year=2026, round=rnd, rubric_id="qd-26-2026",
                             status="final", total=Decimal(total), stars=stars, finalised_at=when))
        s.add(TrainingClass(title="Thương mại điện tử", topic="ecommerce", start_date=dt.date(2026, 5, 4),
                            end_date=dt.date(2026, 5, 6), commune_code=TRUNG_KHANH, audience="producers", learners=30,
                            learners_women=12, learners_minority=20, cost=15_000_000))
        s.add(Support(producer_id=ids["A"], kind="packaging", amount=5_000_000, funding="ntm",
                      date=dt.date(2026, 5, 1)))
    return db, ids
