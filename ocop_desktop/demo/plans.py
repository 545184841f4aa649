"""Plans and targets for the demo office (issue 11 item 6), made with the real services.

- **Kế hoạch số 3438/KH-UBND ngày 27/12/2022** of UBND tỉnh Cao Bằng (OCOP 2021–2025), its targets
  as the provincial report quotes them (``../shared/reference/provincial-reports/
  cao-bang-ocop-value-chain-2021-2025.txt``): from 150 products ≥3★, about 10 4★ and 01 5★ by 2025;
  maintain 100 % of the rated products; at least 40 % of producers cooperatives and 30 % SMEs;
  30 % of producers with a value chain. Written for the pre-2025 districts: the plan keeps them
  as its units, with the post-2025 communes that now cover each (:mod:`ocop_desktop.demo.data`).
- A **2026 plan** of the office (a demo document, numbered as such), with flow, activity and
  per-commune targets sized to the data set, and a manual indicator ("Làng (bản) văn hóa du
  lịch", from the souvenir-province plan) with its 2026 value.

Also marks about a third of the cooperatives and enterprises that hold products as having built a
value chain (``Producer.value_chain``), so the 30 % target has something to count.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from ocop_desktop.db import Database
from ocop_desktop.domain import geography
from ocop_desktop.models import Producer, Product
from ocop_desktop.services import manual_indicators as mi
from ocop_desktop.services import plans as sp
from ocop_desktop.stats.indicator_queries import office_communes
from ocop_desktop.stats.indicators import MANUAL_PREFIX
from ocop_desktop.stats.period import Period, Scope
from ocop_desktop.stats.stock import movement

T = sp.TargetData
PLAN_3438 = "3438/KH-UBND"
BASELINE_NOTE = ("Số liệu bài viết của tỉnh (năm 2023): gần 100 sản phẩm OCOP, trong đó 9 sản phẩm 4 sao và "
                 "88 sản phẩm 3 sao.")


def _district_units(province: int, covered: frozenset[int]) -> list[dict]:
    """The former districts of Cao Bằng as units (only their communes the office covers)."""
    from ocop_desktop.demo.data import _CB_AREAS, CAO_BANG

    if province != CAO_BANG:
        return []
    by_name = {c.name.split(" ", 1)[-1]: c.code for c in geography.communes(province)}
    units = []
    for area in _CB_AREAS:
        codes = sorted(by_name[n] for n in area.communes if n in by_name and by_name[n] in covered)
        if codes:
            units.append({"key": area.key, "name": area.old_district, "commune_codes": codes, "note": ""})
    return units


def _mark_value_chains(s) -> int:  # noqa: ANN001
    owners = set(s.scalars(select(Product.producer_id).where(Product.deleted.is_(False), Product.stars >= 3)))
    rows = s.scalars(select(Producer).where(Producer.kind.in_(("htx", "tnhh", "ctcp", "dntn")),
                                            Producer.deleted.is_(False)).order_by(Producer.name, Producer.id))
    n = 0
    for i, p in enumerate(r for r in rows if r.id in owners):
        if i % 3 == 0 and not p.value_chain:
            p.value_chain = True
            n += 1
    s.flush()
    return n


def add_plans(path: Path, province: int = 4) -> int:
    """Record the plans (and the value-chain flags); returns the number of plans."""
    db = Database.open(path)
    try:
        with db.session() as s:
            _mark_value_chains(s)
            covered = office_communes(s)
            units = _district_units(province, covered)
            prov = geography.province(province)
            issuer = f"UBND tỉnh {prov.name.removeprefix('Tỉnh ').removeprefix('Thành phố ')}" if prov else "UBND tỉnh"
            targets = [
                T("products_3plus", "whole", 150, baseline=97, notes=BASELINE_NOTE,
                  words="Đến năm 2025, toàn tỉnh có từ 150 sản phẩm OCOP được công nhận đạt từ 3 sao trở lên"),
                T("products_4star", "whole", 10, baseline=9, words="trong đó, khoảng 10 sản phẩm đạt 04 sao"),
                T("products_5star", "whole", 1, baseline=0, words="và 01 sản phẩm đạt 05 sao"),
                T("maintained_share", "whole", 100,
                  words="duy trì, củng cố 100% các sản phẩm OCOP đã được đánh giá, phân hạng"),
                T("producers_htx_share", "whole", 40, words="ít nhất có 40% chủ thể OCOP là hợp tác xã"),
                T("producers_sme_share", "whole", 30, words="30% chủ thể là doanh nghiệp nhỏ và vừa"),
                T("producers_value_chain_share", "whole", 30,
                  words="Có 30% chủ thể OCOP xây dựng được chuỗi giá trị (đối với sản phẩm nông sản) theo hướng "
                        "kinh tế tuần hoàn, OCOP xanh gắn với vùng nguyên liệu ổn định"),
            ]
            if units:
                targets.append(T("products_3plus", "each_at_least", 1,
                                 words="mỗi huyện, thành phố có ít nhất 1 sản phẩm OCOP (theo đơn vị hành chính "
                                       "trước ngày 01/7/2025)"))
            sp.save_plan(s, sp.PlanData(
                number=PLAN_3438, date=dt.date(2022, 12, 27), issuer=issuer, start_year=2021, end_year=2025,
                title="Kế hoạch thực hiện Chương trình mỗi xã một sản phẩm (OCOP) giai đoạn 2021–2025",
                level=sp.PlanLevel.PROVINCE.value, units=units, targets=targets,
                notes="Phó Chủ tịch UBND tỉnh Nguyễn Trung Thảo ký ban hành. Các chỉ tiêu lấy theo bài viết "
                      "“Cao Bằng: Phát triển sản phẩm OCOP theo chuỗi giá trị”."))

            stock_2025 = movement(s, Period.year(2025), Scope()).end
            due_2026 = movement(s, Period.year(2026), Scope())
            new_goal = max(5, round(stock_2025 * 0.12))
            renew_goal = max(1, due_2026.expired + due_2026.re_recognised)
            village = mi.define_indicator(s, mi.ManualIndicatorData(
                "Làng (bản) văn hóa du lịch", "làng",
                "Số làng, bản văn hóa du lịch được triển khai theo Chương trình OCOP (số liệu do cán bộ nhập).",
                "stock"))
            mi.set_value(s, mi.ManualValueData(village.id, dt.date(2026, 1, 1), dt.date(2026, 9, 30), None, 1,
                                               "Bản Giốc – Khuổi Ky"))
            sp.save_plan(s, sp.PlanData(
                number="12/KH-DEMO", date=dt.date(2026, 1, 15), issuer=issuer, start_year=2026, end_year=2026,
                title="Kế hoạch thực hiện Chương trình OCOP năm 2026 (văn bản mẫu của bản demo)",
                level=sp.PlanLevel.PROVINCE.value,
                targets=[
                    T("new_recognitions", "whole", new_goal, round(new_goal * 1.5),
                      words=f"công nhận mới từ {new_goal} đến {round(new_goal * 1.5)} sản phẩm OCOP đạt từ 3 sao"),
                    T("re_recognitions", "whole", renew_goal,
                      words=f"đánh giá, công nhận lại {renew_goal} sản phẩm có giấy chứng nhận hết hạn trong năm"),
                    T("upgrades", "whole", 3, words="nâng hạng ít nhất 03 sản phẩm"),
                    T("ideas_received", "whole", 20, words="tiếp nhận ít nhất 20 ý tưởng sản phẩm mới"),
                    T("events_attended", "whole", 5, words="tham gia ít nhất 05 hội chợ, sự kiện xúc tiến thương mại"),
                    T("training_classes", "whole", 4, words="tổ chức 04 lớp tập huấn"),
                    T("training_learners", "whole", 220, words="với khoảng 220 học viên"),
                    T("sale_points_opened", "whole", 1, words="xây dựng thêm ít nhất 01 điểm bán hàng OCOP"),
                    T("producers_value_chain_share", "whole", 30, words="30% chủ thể xây dựng được chuỗi giá trị"),
                    T(MANUAL_PREFIX + village.id, "whole", 2, words="triển khai 02 làng (bản) văn hóa du lịch"),
                    T("products_3plus", "each_at_least", 1,
                      words="mỗi xã, phường có ít nhất 1 sản phẩm OCOP từ 3 sao"),
                ]))
    finally:
        db.close()
    return 2
