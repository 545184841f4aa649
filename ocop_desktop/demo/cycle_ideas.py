"""Product ideas for the demo office (issue 10 §8): ideas received from its communes over two
years, from its producers and from groups not yet producers, screened, some returned with a
reason, a few at the business-plan stage and one turned into a product. Made with the real
service (``services.ideas``), deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy import select

from ocop_desktop.db import Database
from ocop_desktop.models import Producer
from ocop_desktop.services import ideas, office

#: (proposed product, product set, origin, raw materials, market)
IDEAS = (
    ("Trà hoa vàng", 12, "tradition", "Hoa trà vàng hái tự nhiên trên núi đá", "Hà Nội, khách du lịch"),
    ("Miến dong sợi nhỏ", 7, "raw_material", "Củ dong riềng của các xóm", "Cao Bằng, Lạng Sơn, Hà Nội"),
    ("Mật ong bạc hà", 4, "raw_material", "Mật ong hoa bạc hà vụ đông", "Cửa hàng OCOP trong tỉnh"),
    ("Hạt dẻ Trùng Khánh sấy", 7, "tradition", "Hạt dẻ các xóm Đình Phong, Chí Viễn", "Siêu thị, sàn thương mại điện tử"),
    ("Bánh khảo gạo nếp", 6, "tradition", "Gạo nếp hương, đường phèn", "Chợ phiên, dịp Tết"),
    ("Thạch đen sấy khô", 12, "raw_material", "Cây thạch đen trồng trên nương", "Các tỉnh phía Bắc"),
    ("Gạo nếp hương Thạch An", 3, "raw_material", "Lúa nếp hương vùng cao", "Hà Nội, Hải Phòng"),
    ("Khăn thổ cẩm Dao Tiền", 22, "tradition", "Sợi bông, chàm tự nhiên", "Khách du lịch, hội chợ"),
    ("Lạp sườn hun khói", 8, "tradition", "Thịt lợn đen địa phương", "Cao Bằng, Hà Nội"),
    ("Dầu sở ép lạnh", 20, "new", "Hạt sở từ rừng trồng", "Chưa xác định"),
)
GROUPS = ("Nhóm hộ xóm Bản Thôm", "Tổ hợp tác phụ nữ xóm Nà Giàng", "Nhóm thanh niên xóm Pác Rằng",
          "Bà Hoàng Thị Lan", "Ông Nông Văn Tài")
SCREENERS = ("Nông Thị Hoa", "Lương Văn Thắng", "Bế Thị Mai")
RETURN_REASONS = ("Chưa rõ nguồn nguyên liệu ổn định; đề nghị bổ sung diện tích vùng trồng.",
                  "Trùng với sản phẩm đã có của xã; đề nghị làm rõ điểm khác biệt.")


def add_ideas(path: Path, *, seed: int = 1, today: dt.date) -> int:
    """Ideas of the office's communes (about five per commune over two years); returns how many."""
    rnd = random.Random(seed * 7919 + 10)
    db = Database.open(path)
    try:
        with db.session() as s:
            # A provincial office has no communes of its own: the communes of its producers.
            communes = office.local_commune_codes(s) or sorted(set(s.scalars(
                select(Producer.commune_code).where(Producer.commune_code.is_not(None)))))
            communes = communes[:8]
            producers = {c: s.scalars(select(Producer.id).where(Producer.commune_code == c,
                                                                Producer.deleted.is_(False))
                                      .order_by(Producer.id).limit(3)).all() for c in communes}
        count = 0
        made = False
        for commune in communes:
            for i in range(5):
                name, pset, origin, raw, market = IDEAS[(count + i) % len(IDEAS)]
                received = today - dt.timedelta(days=rnd.randint(20, 700))
                own = producers[commune] and rnd.random() < 0.5
                status = rnd.choice(("received", "accepted", "accepted", "returned", "plan", "dropped"))
                screened = status != "received"
                data = ideas.IdeaData(
                    name=name, producer_id=rnd.choice(producers[commune]) if own else None,
                    proposer_name="" if own else rnd.choice(GROUPS),
                    proposer_phone="" if own else f"09{rnd.randint(10_000_000, 99_999_999)}",
                    received_on=received, commune_code=commune, product_set=pset, origin=origin,
                    description=f"{name} làm theo cách truyền thống của bà con trong xã.", raw_materials=raw,
                    market=market, status=status,
                    return_reason=rnd.choice(RETURN_REASONS) if status == "returned" else "",
                    screened_by=rnd.choice(SCREENERS) if screened else "",
                    screened_on=min(today, received + dt.timedelta(days=rnd.randint(7, 30))) if screened else None)
                with db.session() as s:
                    idea = ideas.create_idea(s, data, today=today)
                    if not made and own and status == "accepted":
                        ideas.make_product(s, idea.id, today=today)
                        made = True
                count += 1
        return count
    finally:
        db.close()
