"""Training classes and support for the demo office (issue 10 §8), made with the real services.

After the Cao Bằng report on the OCOP value chain 2021–2025 (``../shared/reference/
provincial-reports/cao-bang-ocop-value-chain-2021-2025.txt``): the e-commerce classes for
ethnic-minority producers in Thạch An and Nguyên Bình, and the 79.100 paper bags (over 903
million đồng, the national target programme for ethnic-minority and mountain areas) that the
Department of Industry and Trade handed to 20 producers on 23/10/2023. Plus a food-safety
class for commune officials and a trademark registration supported for one product.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from ocop_desktop.db import Database
from ocop_desktop.domain import geography
from ocop_desktop.models import Producer, Product
from ocop_desktop.services import support, training
from ocop_desktop.services.support import SupportData
from ocop_desktop.services.training import TrainingData

ORGANISER = "Sở Công Thương tỉnh Cao Bằng"
BAGS, BAG_PRODUCERS, BAG_TOTAL = 79_100, 20, 903_150_000
BAG_DATE = dt.date(2023, 10, 23)
BAG_REF = "Bàn giao túi giấy truyền thông sản phẩm OCOP ngày 23/10/2023"

#: Post-2025 communes of the former Thạch An and Nguyên Bình districts.
AREAS = {
    "Thạch An": ("Thạch An", "Đông Khê", "Canh Tân", "Kim Đồng", "Minh Khai", "Đức Long"),
    "Nguyên Bình": ("Nguyên Bình", "Tĩnh Túc", "Ca Thành", "Minh Tâm", "Phan Thanh", "Tam Kim", "Thành Công"),
}


def _codes(province: int, names: tuple[str, ...]) -> list[int]:
    wanted = set(names)  # "Xã Đông Khê" → "Đông Khê"
    return [c.code for c in geography.communes(province) if c.name.split(" ", 1)[-1] in wanted]


def add_training_support(path: Path, province: int = 4) -> tuple[int, int]:
    """Record the classes and the support; returns (classes, support records)."""
    db = Database.open(path)
    classes = records = 0
    try:
        with db.session() as s:
            rows = s.execute(select(Producer.id, Producer.commune_code).where(Producer.deleted.is_(False))
                             .order_by(Producer.name, Producer.id)).all()
            for i, (area, names) in enumerate(AREAS.items()):
                codes = _codes(province, names)
                local = [r.id for r in rows if r.commune_code in codes]
                start = dt.date(2023, 8, 8 + 14 * i)
                training.create_training(s, TrainingData(
                    title=f"Tập huấn nâng cao năng lực ứng dụng thương mại điện tử cho đồng bào dân tộc "
                          f"thiểu số huyện {area}",
                    topic="ecommerce", start_date=start, end_date=start + dt.timedelta(days=2),
                    place=f"Hội trường UBND xã {names[1]}", commune_code=next(iter(_codes(province, names[1:2])), None),
                    audience="producers", learners=48 + 4 * i, learners_women=27 + i, learners_minority=46 + 3 * i,
                    producer_ids=local[:10], organiser=ORGANISER, cost=42_500_000 + 3_000_000 * i, funding="dtts",
                    notes="Mở gian hàng trên sàn thương mại điện tử, chụp ảnh sản phẩm, livestream bán hàng."))
                classes += 1
            training.create_training(s, TrainingData(
                title="Tập huấn kiến thức an toàn thực phẩm cho cán bộ phụ trách OCOP cấp xã", topic="food_safety",
                start_date=dt.date(2024, 4, 16), end_date=dt.date(2024, 4, 17), place="Thành phố Cao Bằng",
                audience="commune", learners=64, learners_women=29, learners_minority=51,
                organiser="Sở Nông nghiệp và Môi trường tỉnh Cao Bằng", cost=36_000_000, funding="ntm"))
            classes += 1
            # The paper bags: 20 producers, the same share each (the report gives only the totals).
            share, rest = divmod(BAG_TOTAL, BAG_PRODUCERS)
            for i, r in enumerate(rows[:BAG_PRODUCERS]):
                support.create_support(s, SupportData(
                    producer_id=r.id, kind="promotion",
                    description=f"{BAGS // BAG_PRODUCERS:,} túi giấy truyền thông in thông tin sản phẩm".replace(",", "."),
                    amount=share + (rest if i == 0 else 0), funding="dtts", date=BAG_DATE, decision_ref=BAG_REF))
                records += 1
            product = s.execute(select(Product.id, Product.producer_id).where(Product.deleted.is_(False))
                                .order_by(Product.code, Product.id).limit(1)).first()
            if product is not None:
                support.create_support(s, SupportData(
                    producer_id=product.producer_id, product_id=product.id, kind="trademark",
                    description="Đăng ký bảo hộ nhãn hiệu tại Cục Sở hữu trí tuệ", amount=12_000_000, funding="ntm",
                    date=dt.date(2024, 6, 10), decision_ref="Hỗ trợ theo kế hoạch OCOP năm 2024"))
                records += 1
    finally:
        db.close()
    return classes, records
