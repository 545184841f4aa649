"""Every target of the provincial reports in ``../shared/reference/provincial-reports/`` can be
written as a plan's target (built-in indicator, or a manual one for what records do not hold),
is accepted, and gets an achievement figure."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop_desktop.services import manual_indicators as mi
from ocop_desktop.services import plans as sp
from ocop_desktop.stats.achievement import plan_progress
from ocop_desktop.stats.indicators import MANUAL_PREFIX
from tests.unit.stats_samples import DD, DP, DT, TK

T = sp.TargetData
UNITS = [{"key": "trung_khanh", "name": "huyện Trùng Khánh", "commune_codes": [TK, DT]},
         {"key": "ha_lang", "name": "huyện Hạ Lang", "commune_codes": [DP, DD]}]

#: (file, plan number, years, units, [(indicator or manual name, scope, low, high, year, words)])
REFERENCE = [
    ("cao-bang-ocop-2020-plan.txt", "Chương trình OCOP năm 2020 (Cao Bằng)", (2020, 2020), UNITS, [
        ("products_evaluated", "whole", 30, None, None, "đánh giá, xếp hạng ít nhất 30 sản phẩm"),
        ("new_recognitions", "whole", 5, 10, None, "chứng nhận 5 – 10 sản phẩm 3 sao cấp tỉnh"),
        ("new_recognitions", "each_at_least", 1, None, None, "mỗi huyện, thành phố có ít nhất 1 sản phẩm"),
        ("Tổ chức kinh tế được củng cố, kiện toàn", "whole", 10, None, None,
         "lựa chọn, củng cố và kiện toàn khoảng từ 10 tổ chức kinh tế"),
    ]),
    ("cao-bang-ocop-value-chain-2021-2025.txt", "3438/KH-UBND", (2021, 2025), [], [
        ("products_3plus", "whole", 150, None, None, "có từ 150 sản phẩm OCOP được công nhận đạt từ 3 sao trở lên"),
        ("products_4star", "whole", 10, None, None, "khoảng 10 sản phẩm đạt 04 sao"),
        ("products_5star", "whole", 1, None, None, "01 sản phẩm đạt 05 sao"),
        ("maintained_share", "whole", 100, None, None, "duy trì, củng cố 100% các sản phẩm OCOP"),
        ("producers_htx_share", "whole", 40, None, None, "ít nhất có 40% chủ thể OCOP là hợp tác xã"),
        ("producers_sme_share", "whole", 30, None, None, "30% chủ thể là doanh nghiệp nhỏ và vừa"),
        ("producers_value_chain_share", "whole", 30, None, None, "Có 30% chủ thể OCOP xây dựng được chuỗi giá trị"),
    ]),
    ("ha-giang-ocop-programme-2019.txt", "Đề án OCOP Hà Giang 2018–2020", (2018, 2020), UNITS, [
        ("upgrades", "whole", 80, 100, None, "hoàn thiện/nâng cấp 80-100 sản phẩm"),
        ("new_recognitions", "whole", 40, 50, None, "Phát triển mới 40-50 sản phẩm"),
        ("products_5star", "whole", 3, None, None, "công nhận/chứng nhận 3 sản phẩm 5 sao cấp tỉnh"),
        ("ideas_received", "each_at_least", 5, None, 2019, "hàng năm mỗi huyện, thành phố có ít nhất 5 ý tưởng"),
        ("ideas_received", "each_at_least", 5, None, 2020, "hàng năm mỗi huyện, thành phố có ít nhất 5 ý tưởng"),
        ("support_amount", "whole", 140_000_000_000, None, None, "Nguồn vốn thực hiện đề án khoảng 140 tỷ"),
    ]),
    ("ha-giang-ocop-programme-2019.txt", "Định hướng OCOP Hà Giang 2021–2030", (2021, 2030), [], [
        ("products_3plus", "whole", 700, 900, None, "có từ 700-900 sản phẩm OCOP ở thời điểm năm 2030"),
        ("producers_new", "whole", 100, 150, None, "phát triển mới từ 100-150 tổ chức kinh tế"),
        ("producers_ocop", "whole", 190, 270, None, "tạo ra 190-270 tổ chức kinh tế OCOP vào năm 2030"),
    ]),
    ("bac-kan-ocop-2020.txt", "Mục tiêu OCOP năm 2020 (Bắc Kạn)", (2020, 2020), UNITS, [
        ("upgrades_to_5star", "whole", 1, None, None, "Nâng cấp ít nhất 01 sản phẩm 4 sao lên 5 sao"),
        ("upgrades_to_4star", "whole", 5, None, None, "nâng cấp ít nhất 05 sản phẩm từ 03 sao lên 4 sao"),
        ("new_recognitions", "whole", 36, None, None, "phát triển ít nhất 36 sản phẩm mới đạt 3 sao trở lên"),
        ("producers_value_chain", "whole", 10, 20, None, "10 - 20 sản phẩm OCOP ... tham gia các chuỗi giá trị"),
        ("Tổ chức kinh tế được tư vấn, tái cơ cấu bộ máy", "whole", 3, 5, None,
         "Tư vấn, hỗ trợ tái cơ cấu bộ máy 3 - 5 tổ chức kinh tế"),
        ("producers_new", "whole", 8, None, None, "có ít nhất 08 tổ chức kinh tế mới tham gia"),
        ("producers_new", "each_at_least", 1, None, None, "mỗi huyện ít nhất 01 tổ chức"),
        ("sale_points_opened", "whole", 2, None, None, "xây dựng ít nhất 02 điểm bán hàng OCOP"),
    ]),
    ("province-ocop-plan-souvenir-group.txt", "Kế hoạch OCOP (nhóm lưu niệm)", (2019, 2020), [], [
        ("Tỷ lệ sản phẩm hiện có được tiêu chuẩn hóa", "whole", 25, None, None,
         "tiêu chuẩn hóa ít nhất 25% sản phẩm hiện có"),
        ("products_3plus", "whole", 50, None, None, "(khoảng 50 sản phẩm)"),
        ("Làng (bản) văn hóa du lịch", "whole", 10, 15, None, "triển khai thực hiện từ 10 - 15 làng (bản) văn hóa du lịch"),
        ("producers_ocop", "whole", 50, None, None, "Củng cố, kiện toàn ... khoảng 50 tổ chức kinh tế"),
        ("producers_new", "whole", 10, None, None, "phát triển mới ít nhất 10 tổ chức kinh tế"),
        ("Tỷ lệ cán bộ cấp tỉnh, huyện được tập huấn", "whole", 100, None, None,
         "Tập huấn nâng cao năng lực 100% cán bộ cấp tỉnh, cấp huyện"),
        ("training_learners", "whole", 300, None, None, "khoảng 300 cán bộ quản lý Nhà nước"),
    ]),
]


@pytest.mark.parametrize(("source", "number", "years", "units", "targets"), REFERENCE,
                         ids=[f"{r[0]}:{r[1]}" for r in REFERENCE])
def test_the_reference_targets_are_expressible(db, source, number, years, units, targets) -> None:  # noqa: ANN001
    with db.session() as s:
        manual: dict[str, str] = {}
        for ind, *_rest in targets:
            if "_" not in ind and ind not in manual:
                kind = "share" if ind.startswith("Tỷ lệ") else "count"
                manual[ind] = MANUAL_PREFIX + mi.define_indicator(
                    s, mi.ManualIndicatorData(ind, "%" if kind == "share" else "đơn vị", "", kind)).id
        data = sp.PlanData(number=number, title=f"Theo {source}", start_year=years[0], end_year=years[1],
                           units=units, targets=[T(manual.get(i, i), scope, low, high, words=words, year=year)
                                                 for i, scope, low, high, year, words in targets])
        assert sp.check(s, data) == {}
        pid = sp.save_plan(s, data).id
    with db.read_session() as s:
        progress = plan_progress(s, pid, dt.date(2030, 12, 31))
    assert [t.words for t in progress] == [t[5] for t in targets]
    assert all(t.indicator_name and t.unit for t in progress)
    for t, (_i, scope, _low, high, _y, _w) in zip(progress, targets, strict=True):
        assert t.high == (float(high) if high is not None else None)
        if scope == "each_at_least":
            assert len(t.per_commune) == len(units)
