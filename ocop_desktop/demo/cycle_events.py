"""Trade promotion events of the demo office (issue 10 item 3), made with the real service
(``services.trade_events``): a fair in Hà Nội with Cao Bằng producers, the province's own fair, a
supply–demand conference, the China–ASEAN Expo in Nam Ninh and an e-commerce week still to come;
and three OCOP points of sale (``services.sale_points``). The booths are the producers of the office's certified products, in code order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from ocop_desktop.db import Database
from ocop_desktop.models import Product
from ocop_desktop.services import office as office_service
from ocop_desktop.services import sale_points as sp
from ocop_desktop.services import trade_events as te
from ocop_desktop.services.trade_events import Booth, TradeEventData


def _booths(products: list, start: int, count: int, *, sales: tuple[int, ...] = ()) -> list[Booth]:
    """Booths of the producers of ``products[start:]`` (one per producer, up to ``count``)."""
    out: dict[str, Booth] = {}
    for r in products[start:]:
        if r.producer_id in out:
            if len(out[r.producer_id].product_ids) < 3:
                out[r.producer_id].product_ids.append(r.id)
            continue
        if len(out) == count:
            break
        i = len(out)
        out[r.producer_id] = Booth(r.producer_id, [r.id], 1 + i % 2, sales[i] if i < len(sales) else None)
    return list(out.values())


def _add_sale_points(s, products: list, today: dt.date) -> None:  # noqa: ANN001 - a Session
    """A point of sale in the office's first commune carrying the certified products, a showroom in
    its second, and a stall at a rest stop that closed."""
    from ocop_desktop.domain import geography

    communes = office_service.local_commune_codes(s) or [None]
    first, second = communes[0], communes[1 % len(communes)]
    ids = [r.id for r in products]
    name = geography.commune_name(first) if first else "Cao Bằng"
    sp.create_point(s, sp.SalePointData(
        name=f"Điểm giới thiệu và bán sản phẩm OCOP {name}", kind="point", commune_code=first,
        address_detail="Khu chợ trung tâm", operator=f"HTX Dịch vụ nông nghiệp {name}", phone="0206 3826 123",
        opening_date=dt.date(today.year - 2, 5, 19), product_ids=ids[:12]))
    sp.create_point(s, sp.SalePointData(
        name=f"Trung tâm trưng bày sản phẩm OCOP {geography.commune_name(second) or 'Cao Bằng'}", kind="showroom",
        commune_code=second, operator="Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh Cao Bằng",
        opening_date=dt.date(today.year - 1, 9, 2), product_ids=ids[::2][:10]))
    sp.create_point(s, sp.SalePointData(
        name="Quầy OCOP tại trạm dừng nghỉ Quốc lộ 3", kind="kiosk", commune_code=first,
        opening_date=dt.date(today.year - 3, 1, 10), closing_date=dt.date(today.year - 1, 6, 30),
        product_ids=ids[:4]))


def add_trade_events(path: Path, *, today: dt.date | None = None) -> int:
    """Record the sample events; returns how many were made (none without certified products)."""
    today = today or dt.date.today()
    year = today.year
    db = Database.open(path)
    try:
        with db.session() as s:
            products = s.execute(select(Product.id, Product.producer_id).where(
                Product.deleted.is_(False), Product.status == "dat_ocop").order_by(Product.code, Product.id)).all()
            if not products:
                return 0
            hanoi = _booths(products, 0, 8, sales=(85_000_000, 62_500_000, 48_000_000, 31_000_000, 27_500_000))
            events = [
                TradeEventData(
                    name=f"Hội chợ sản phẩm OCOP và nông sản tỉnh Cao Bằng tại Hà Nội năm {year - 1}", kind="fair",
                    start_date=dt.date(year - 1, 10, 8), end_date=dt.date(year - 1, 10, 12), scope="national",
                    place="Cung Văn hóa Hữu nghị Việt Xô, 91 Trần Hưng Đạo, Hà Nội",
                    organiser="Sở Công Thương tỉnh Cao Bằng", visitors=18_000,
                    sales=sum(b.sales or 0 for b in hanoi) + 120_000_000, cost=245_000_000, funding="ntm",
                    notes="Gian hàng chung của tỉnh, 12 gian tiêu chuẩn.", participants=hanoi),
                TradeEventData(
                    name=f"Hội chợ Thương mại – Du lịch tỉnh Cao Bằng năm {year - 1}", kind="fair",
                    start_date=dt.date(year - 1, 4, 20), end_date=dt.date(year - 1, 4, 26), scope="province",
                    place="Quảng trường trung tâm tỉnh Cao Bằng", organiser="Sở Công Thương tỉnh Cao Bằng",
                    visitors=25_000, cost=90_000_000, funding="province", participants=_booths(products, 2, 10)),
                TradeEventData(
                    name="Hội nghị kết nối cung cầu nông sản, sản phẩm OCOP Cao Bằng – Hà Nội", kind="conference",
                    start_date=dt.date(year, 3, 14), end_date=dt.date(year, 3, 14), scope="national",
                    place="Trung tâm Hội nghị Quốc gia, Hà Nội", organiser="Sở Nông nghiệp và Môi trường Hà Nội",
                    cost=35_000_000, funding="dtts", notes="Ký 4 biên bản ghi nhớ tiêu thụ sản phẩm.",
                    participants=_booths(products, 1, 5)),
                TradeEventData(
                    name=f"Hội chợ Thương mại Quốc tế Trung Quốc – ASEAN lần thứ {year - 2004}", kind="exhibition",
                    start_date=dt.date(year, 9, 17), end_date=dt.date(year, 9, 21), scope="abroad",
                    place="Nam Ninh, Quảng Tây, Trung Quốc", organiser="Bộ Công Thương",
                    cost=160_000_000, funding="province", participants=_booths(products, 0, 3)),
            ]
            campaign = today + dt.timedelta(days=20)
            events.append(TradeEventData(
                name="Tuần lễ bán hàng OCOP Cao Bằng trên sàn thương mại điện tử", kind="ecommerce",
                start_date=campaign, end_date=campaign + dt.timedelta(days=6), scope="national",
                place="Sàn Postmart, Voso", organiser="Sở Công Thương tỉnh Cao Bằng", funding="dtts",
                cost=15_000_000, participants=_booths(products, 0, 12)))
            for data in events:
                te.create_event(s, data)
            _add_sale_points(s, products, today)
        return len(events)
    finally:
        db.close()
