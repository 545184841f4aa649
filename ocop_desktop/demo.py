"""Demo office generator: ``ocop-desktop demo --products N [--producers N] --db PATH``.

Builds a realistic, deterministic office database: a local office (a field office
around one former district, or the provincial office when the data set is large),
producers of the usual types and shares (domain brief §8–§9) with representatives
named and classified the way the province's people are, and products from the
region's real specialities, each in its correct product set, with a plausible mix
of statuses, stars and certificates.

Determinism: everything comes from ``random.Random(seed)`` (never the global
generator), record UUIDs included, and "today" is a fixed date, so two builds with
the same seed and size hold the same content (only ``updated_at``/``recorded_at``
timestamps differ). Nothing iterates a set or depends on hash order.

Speed: records are built in Python, normalised and validated by the same functions
the services use (``ProducerData.normalised`` + ``validate_producer``, ``ProductData``
+ ``validate_product``, product codes from ``format_product_code``), and inserted in
chunks through the ORM inside one transaction. The change-log ``create`` rows are
written by the ``before_flush`` hook as for any other edit. The per-record duplicate
look-ups of the services are replaced by in-memory sets (identifiers, names, serials).

The file is built under a temporary name and moved into place at the end, so an
interrupted build never leaves a half-made office behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ocop_desktop.domain import geography
from ocop_desktop.domain.identifiers import make_tax_code
from ocop_desktop.domain.product_sets import TOURISM_SET
from ocop_desktop.domain.vocab import CertificationKind, OfficeRole, ProducerKind, ProductStatus, Sex
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.text import fold

#: "Today" of every demo office, so that a seed always gives the same content.
DEMO_TODAY = dt.date(2026, 10, 1)
#: Rows per flush: big enough for executemany batches, small enough for memory.
CHUNK = 2000
#: Products one commune typically holds in a field office's register (domain brief §8.2).
PRODUCTS_PER_COMMUNE = 35
#: A field office whose area would need more than this share of the province's
#: communes becomes the provincial office, covering all of them.
FIELD_OFFICE_MAX_SHARE = 0.6


@dataclass(frozen=True)
class DemoResult:
    path: Path
    producers: int
    products: int
    office_name: str
    office_role: str
    communes: int
    seconds: float


# ---------------------------------------------------------------------------------
# Reference data: Cao Bằng (province code 4) in detail, other provinces generically.
# ---------------------------------------------------------------------------------

CAO_BANG = 4


@dataclass(frozen=True)
class _Area:
    """A former district: the natural territory of a field office (Trung tâm DVNN)."""

    key: str
    label: str  # "Trùng Khánh"
    communes: tuple[str, ...]  # post-2025 commune names
    old_district: str  # "huyện Trùng Khánh" (legacy addresses)
    old_units: tuple[str, ...]  # pre-2025 communes/towns, for legacy addresses
    villages: tuple[tuple[str, str], ...] = ()  # (commune name, real village) pinned


_CB_AREAS: tuple[_Area, ...] = (
    _Area("trung_khanh", "Trùng Khánh",
          ("Trùng Khánh", "Đình Phong", "Đàm Thuỷ", "Đoài Dương", "Quang Hán", "Quang Trung", "Trà Lĩnh"),
          "huyện Trùng Khánh",
          ("xã Phong Châu", "xã Chí Viễn", "xã Khâm Thành", "xã Ngọc Khê", "xã Phong Nậm", "xã Ngọc Côn",
           "xã Đình Minh", "xã Cao Chương", "xã Quốc Toản", "xã Xuân Nội", "xã Tri Phương", "xã Lăng Hiếu",
           "xã Trung Phúc", "xã Đàm Thủy", "xã Đình Phong", "xã Đoài Dương", "thị trấn Trùng Khánh",
           "thị trấn Trà Lĩnh"),
          (("Đàm Thuỷ", "Bản Giốc"), ("Đàm Thuỷ", "Khuổi Ky"), ("Đàm Thuỷ", "Lũng Niếc"),
           ("Trùng Khánh", "Pò Peo"))),
    _Area("ha_lang", "Hạ Lang", ("Hạ Lang", "Lý Quốc", "Vinh Quý", "Quang Long"), "huyện Hạ Lang",
          ("xã Thắng Lợi", "xã Đức Quang", "xã Kim Loan", "xã An Lạc", "xã Thống Nhất", "xã Minh Long",
           "xã Lý Quốc", "xã Đồng Loan", "xã Cô Ngân", "xã Thị Hoa", "xã Vinh Quý", "thị trấn Thanh Nhật")),
    _Area("quang_hoa", "Quảng Hòa", ("Quảng Uyên", "Phục Hòa", "Độc Lập", "Hạnh Phúc", "Bế Văn Đàn"),
          "huyện Quảng Hòa",
          ("xã Phúc Sen", "xã Chí Thảo", "xã Tự Do", "xã Hồng Quang", "xã Ngọc Động", "xã Hạnh Phúc",
           "xã Cai Bộ", "xã Bế Văn Đàn", "xã Cách Linh", "xã Đại Sơn", "xã Mỹ Hưng", "xã Tiên Thành",
           "thị trấn Quảng Uyên", "thị trấn Hòa Thuận", "thị trấn Tà Lùng"),
          (("Quảng Uyên", "Lũng Rì"), ("Quảng Uyên", "Khau Củm"))),
    _Area("hoa_an", "Hòa An", ("Hòa An", "Nam Tuấn", "Nguyễn Huệ", "Bạch Đằng"), "huyện Hòa An",
          ("xã Bạch Đằng", "xã Bình Dương", "xã Dân Chủ", "xã Đại Tiến", "xã Đức Long", "xã Hà Trì",
           "xã Hoàng Tung", "xã Hồng Nam", "xã Hồng Việt", "xã Lê Chung", "xã Nam Tuấn", "xã Nguyễn Huệ",
           "xã Trương Lương", "thị trấn Nước Hai")),
    _Area("thanh_pho", "thành phố Cao Bằng", ("Thục Phán", "Nùng Trí Cao", "Tân Giang"), "thành phố Cao Bằng",
          ("phường Hợp Giang", "phường Sông Hiến", "phường Sông Bằng", "phường Tân Giang", "phường Đề Thám",
           "phường Hòa Chung", "phường Duyệt Trung", "phường Ngọc Xuân", "xã Vĩnh Quang", "xã Chu Trinh")),
    _Area("nguyen_binh", "Nguyên Bình",
          ("Nguyên Bình", "Tĩnh Túc", "Ca Thành", "Minh Tâm", "Phan Thanh", "Tam Kim", "Thành Công"),
          "huyện Nguyên Bình",
          ("xã Thành Công", "xã Quang Thành", "xã Phan Thanh", "xã Mai Long", "xã Hoa Thám", "xã Hưng Đạo",
           "xã Thể Dục", "xã Triệu Nguyên", "xã Vũ Nông", "xã Ca Thành", "xã Yên Lạc", "xã Minh Tâm",
           "xã Tam Kim", "xã Thịnh Vượng", "xã Minh Thanh", "thị trấn Nguyên Bình", "thị trấn Tĩnh Túc"),
          (("Thành Công", "Phia Đén"), ("Thành Công", "Phia Thắp"), ("Thành Công", "Hoài Khao"),
           ("Tam Kim", "Nà Ròa"))),
    _Area("thach_an", "Thạch An", ("Thạch An", "Đông Khê", "Canh Tân", "Kim Đồng", "Minh Khai", "Đức Long"),
          "huyện Thạch An",
          ("xã Đức Long", "xã Đức Xuân", "xã Danh Sỹ", "xã Lê Lợi", "xã Thụy Hùng", "xã Trọng Con",
           "xã Kim Đồng", "xã Lê Lai", "xã Quang Trọng", "xã Canh Tân", "xã Minh Khai", "xã Thái Cường",
           "xã Vân Trình", "xã Đức Thông", "thị trấn Đông Khê")),
    _Area("ha_quang", "Hà Quảng",
          ("Hà Quảng", "Thông Nông", "Cần Yên", "Lũng Nặm", "Trường Hà", "Tổng Cọt", "Thanh Long"),
          "huyện Hà Quảng",
          ("xã Trường Hà", "xã Sóc Hà", "xã Quý Quân", "xã Nội Thôn", "xã Tổng Cọt", "xã Cải Viên",
           "xã Lũng Nặm", "xã Vân An", "xã Thượng Thôn", "xã Hồng Sỹ", "xã Ngọc Đào", "xã Cần Nông",
           "xã Cần Yên", "xã Lương Thông", "xã Đa Thông", "xã Yên Sơn", "xã Lương Can",
           "thị trấn Thông Nông", "thị trấn Xuân Hòa"),
          (("Trường Hà", "Pác Bó"), ("Trường Hà", "Nà Mạ"))),
    _Area("bao_lac", "Bảo Lạc",
          ("Bảo Lạc", "Cốc Pàng", "Cô Ba", "Khánh Xuân", "Xuân Trường", "Hưng Đạo", "Huy Giáp", "Sơn Lộ"),
          "huyện Bảo Lạc",
          ("xã Cốc Pàng", "xã Cô Ba", "xã Khánh Xuân", "xã Xuân Trường", "xã Hưng Đạo", "xã Huy Giáp",
           "xã Sơn Lộ", "xã Đình Phùng", "xã Hồng An", "xã Hồng Trị", "xã Kim Cúc", "xã Phan Thanh",
           "xã Bảo Toàn", "xã Hưng Thịnh", "xã Sơn Lập", "xã Thượng Hà", "thị trấn Bảo Lạc")),
    _Area("bao_lam", "Bảo Lâm", ("Bảo Lâm", "Lý Bôn", "Nam Quang", "Quảng Lâm", "Yên Thổ"), "huyện Bảo Lâm",
          ("xã Lý Bôn", "xã Nam Quang", "xã Quảng Lâm", "xã Yên Thổ", "xã Vĩnh Phong", "xã Vĩnh Quang",
           "xã Mông Ân", "xã Thái Học", "xã Thái Sơn", "xã Thạch Lâm", "xã Nam Cao", "xã Đức Hạnh",
           "thị trấn Pác Miầu")),
)

#: Field-office areas in the order seeds pick them (seed 1: Trùng Khánh).
_CB_FIELD_ORDER = ("trung_khanh", "nguyen_binh", "quang_hoa", "ha_quang", "bao_lac", "thach_an",
                   "hoa_an", "ha_lang", "bao_lam")
#: Neighbouring areas, joined when one area has too few communes for the data set.
_CB_NEIGHBOURS = {
    "trung_khanh": ("ha_lang", "quang_hoa", "ha_quang"),
    "nguyen_binh": ("hoa_an", "bao_lac", "thach_an"),
    "quang_hoa": ("trung_khanh", "thach_an", "hoa_an"),
    "ha_quang": ("hoa_an", "trung_khanh", "thanh_pho"),
    "bao_lac": ("bao_lam", "nguyen_binh", "ha_quang"),
    "thach_an": ("quang_hoa", "hoa_an", "thanh_pho"),
    "hoa_an": ("thanh_pho", "ha_quang", "nguyen_binh"),
    "ha_lang": ("trung_khanh", "quang_hoa", "thach_an"),
    "bao_lam": ("bao_lac", "nguyen_binh", "ha_quang"),
}

# Tày/Nùng place-name syllables: nà (rice field), pác (mouth), khuổi (stream), lũng
# (valley), phia/khau (mountain), cốc (foot), bó (spring), nặm (water)…
_VILLAGE_HEADS = ("Nà", "Pác", "Khuổi", "Lũng", "Phia", "Khau", "Cốc", "Bó", "Nặm", "Pò", "Slam", "Vằng",
                  "Co", "Pù", "Bản", "Lủng", "Kéo", "Thôm", "Rằng", "Tổng")
_VILLAGE_TAILS = ("Rụa", "Giàng", "Mạ", "Luông", "Cải", "Mò", "Cháo", "Lạn", "Sla", "Pẻn", "Chang", "Mu",
                  "Noọc", "Pheo", "Lừa", "Khoang", "Vài", "Nưa", "Hoi", "Bó", "Thin", "Slản", "Phai",
                  "Rầy", "Đeng", "Cáy", "Mjạc", "Cốc", "Tàu", "Nghiều", "Lệch", "Pằn", "Khuông", "Vạc")
_GENERIC_VILLAGES = ("Thôn Thượng", "Thôn Trung", "Thôn Hạ", "Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc",
                     "Thôn Tân Lập", "Thôn Tân Thành", "Thôn Đồng Tâm", "Thôn Hòa Bình", "Thôn Quyết Tiến",
                     "Thôn Phú Lợi", "Thôn An Thịnh", "Thôn Yên Phú", "Thôn Minh Khai")

#: Streets of the provincial town, for producers in its wards.
_STREETS = ("Kim Đồng", "Vườn Cam", "Hoàng Đình Giong", "Xuân Trường", "Bế Văn Đàn", "Hiến Giang")

_TAX_PREFIX = {CAO_BANG: "48"}  # N1N2 of tax codes issued in the province
_ID_PREFIX = {CAO_BANG: "004"}  # birth-province code on the 12-digit personal ID
_LANDLINE_AREA = {CAO_BANG: "206"}  # 0206 …


# --- people ----------------------------------------------------------------------

@dataclass(frozen=True)
class _Names:
    surnames: tuple[tuple[str, int], ...]
    male_middle: tuple[tuple[str, int], ...]
    female_middle: tuple[tuple[str, int], ...]
    male: tuple[str, ...]
    female: tuple[str, ...]


_TAY_NUNG = _Names(
    surnames=(("Nông", 14), ("Hoàng", 14), ("Lương", 8), ("Bế", 7), ("Đàm", 6), ("Lục", 5), ("La", 4),
              ("Triệu", 4), ("Nguyễn", 6), ("Ma", 3), ("Lý", 3), ("Hà", 3), ("Sầm", 2), ("Chu", 3),
              ("Mông", 2), ("Lâm", 3), ("Đinh", 2), ("Vi", 2), ("Hứa", 2), ("Lăng", 2), ("Đoàn", 2),
              ("Dương", 2), ("Lưu", 2), ("Mã", 1), ("Phương", 1)),
    male_middle=(("Văn", 12), ("Đức", 2), ("Ngọc", 1), ("Thanh", 1), ("Minh", 1)),
    female_middle=(("Thị", 12), ("Thu", 1), ("Hồng", 1)),
    male=("Thành", "Hùng", "Tuấn", "Dũng", "Cường", "Sơn", "Hải", "Thắng", "Chung", "Đức", "Quyết", "Tiến",
          "Long", "Vĩnh", "Khoa", "Bình", "Phúc", "Toàn", "Lâm", "Hưng", "Chiến", "Vượng", "Khải", "Nghĩa",
          "Hoan", "Tài", "Kiên", "Lợi", "Doanh", "Quân", "Thịnh", "Trường", "Pháo", "Slao"),
    female=("Hoa", "Lan", "Hương", "Mai", "Thu", "Hằng", "Nga", "Huyền", "Thúy", "Liên", "Nhung", "Thơm",
            "Thảo", "Hạnh", "Ngọc", "Duyên", "Xuân", "Dung", "Vân", "Loan", "Điệp", "Mến", "Hiền", "Lụa",
            "Tâm", "Hòa", "Nương", "Dịu"),
)
_KINH = _Names(
    surnames=(("Nguyễn", 30), ("Trần", 10), ("Lê", 8), ("Phạm", 6), ("Hoàng", 5), ("Vũ", 4), ("Đỗ", 3),
              ("Đặng", 3), ("Bùi", 3), ("Ngô", 2), ("Dương", 2), ("Đinh", 2)),
    male_middle=(("Văn", 6), ("Đức", 3), ("Minh", 3), ("Quang", 2), ("Xuân", 2), ("Hữu", 2)),
    female_middle=(("Thị", 8), ("Thu", 2), ("Thanh", 2), ("Ngọc", 2), ("Minh", 1)),
    male=("An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam", "Phong",
          "Quân", "Sơn", "Thắng", "Tuấn", "Trung", "Việt", "Vinh", "Hiếu", "Tùng"),
    female=("Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc",
            "Nhung", "Phương", "Quyên", "Thảo", "Trang", "Vân", "Yến"),
)
_DAO = _Names(
    surnames=(("Triệu", 10), ("Bàn", 8), ("Lý", 6), ("Đặng", 6), ("Phùng", 3), ("Chu", 3), ("Hoàng", 3),
              ("Tẩn", 1)),
    male_middle=(("Văn", 10), ("Tòn", 2), ("Kim", 2), ("Phú", 1)),
    female_middle=(("Thị", 12), ("Mùi", 1)),
    male=("Phin", "Sài", "Quẩy", "Kiêm", "Chòi", "Vần", "Tòn", "Lìn", "Thành", "Phúc", "Hùng", "Tiến", "Sinh",
          "Dền", "Chàn"),
    female=("Mai", "Ly", "Nhất", "Lai", "Mẩy", "Xuân", "Hương", "Liên", "Nhị", "Chiêu", "Hoa"),
)
_MONG = _Names(
    surnames=(("Giàng", 8), ("Vàng", 8), ("Sùng", 6), ("Thào", 6), ("Lù", 4), ("Lầu", 3), ("Hầu", 3),
              ("Ly", 3), ("Mua", 2), ("Vừ", 2)),
    male_middle=(("A", 8), ("Seo", 4), ("Văn", 4), ("Mí", 2)),
    female_middle=(("Thị", 12),),
    male=("Páo", "Chứ", "Sềnh", "Dế", "Chờ", "Tủa", "Lử", "Sính", "Phử", "Chúa", "Pó", "Dình", "Tráng", "Nủ"),
    female=("Mỷ", "Dính", "Máy", "Sua", "Chá", "Dợ", "Pà", "Mai", "Say", "Súa", "Dở", "Lan"),
)
_LO_LO = _Names(
    surnames=(("Lò", 6), ("Chi", 4), ("Sằm", 2), ("Lý", 2), ("Hoàng", 1)),
    male_middle=(("Văn", 10),), female_middle=(("Thị", 10),),
    male=("Chỉnh", "Sáng", "Dũng", "Phúc", "Tráng", "Hùng", "Lợi"),
    female=("Hoa", "Thu", "Mai", "Thương", "Hà", "Nhung"),
)
_SAN_CHAY = _Names(
    surnames=(("Hoàng", 5), ("Lương", 4), ("La", 3), ("Trương", 2), ("Đặng", 2), ("Sầm", 1)),
    male_middle=_TAY_NUNG.male_middle, female_middle=_TAY_NUNG.female_middle,
    male=_TAY_NUNG.male, female=_TAY_NUNG.female,
)
_HOA = _Names(
    surnames=(("Lưu", 3), ("Lý", 3), ("Trương", 2), ("Hoàng", 2), ("Tăng", 1)),
    male_middle=(("Văn", 4), ("Quốc", 2)), female_middle=(("Thị", 4), ("Mỹ", 1)),
    male=_KINH.male, female=_KINH.female,
)
_NAMES_BY_ETHNICITY = {"01": _KINH, "02": _TAY_NUNG, "07": _TAY_NUNG, "09": _DAO, "08": _MONG, "43": _LO_LO,
                       "15": _SAN_CHAY, "04": _HOA}

#: Ethnicity codes of producers' representatives, by area (weights).
_CB_ETHNICITY_DEFAULT = (("02", 40), ("07", 30), ("01", 10), ("09", 8), ("08", 6), ("15", 4), ("04", 1))
_CB_ETHNICITY = {
    "bao_lac": (("08", 25), ("09", 18), ("02", 20), ("07", 15), ("43", 6), ("01", 6), ("15", 1)),
    "bao_lam": (("08", 28), ("09", 20), ("02", 20), ("07", 12), ("43", 5), ("01", 6)),
    "nguyen_binh": (("02", 35), ("09", 25), ("07", 13), ("08", 10), ("01", 8), ("15", 5)),
    "ha_quang": (("07", 40), ("02", 30), ("08", 12), ("09", 6), ("01", 8), ("15", 2)),
    "thanh_pho": (("02", 40), ("01", 30), ("07", 25), ("04", 3), ("09", 1), ("08", 1)),
}
_GENERIC_ETHNICITY = (("01", 90), ("02", 3), ("07", 2), ("06", 2), ("03", 2), ("09", 1))
_NAMES_BY_ETHNICITY["06"] = _KINH  # Mường, Thái: Kinh-like given names in the generic provinces
_NAMES_BY_ETHNICITY["03"] = _KINH


# --- producer types ----------------------------------------------------------------

#: Shares of producer types (domain brief §8.1 05/2024–12/2024: ≈32 % HTX, ≈22 % enterprises,
#: ≈32–40 % households, the rest cooperative groups and farms) and a couple of associations.
_KIND_SHARES: tuple[tuple[ProducerKind, float], ...] = (
    (ProducerKind.HTX, 0.32),
    (ProducerKind.CONG_TY_TNHH, 0.13),
    (ProducerKind.DNTN, 0.04),
    (ProducerKind.CONG_TY_CP, 0.05),
    (ProducerKind.HO_KINH_DOANH, 0.23),
    (ProducerKind.HO_SAN_XUAT, 0.12),
    (ProducerKind.THT, 0.06),
    (ProducerKind.TRANG_TRAI, 0.04),
    (ProducerKind.HOI, 0.01),
)
_ORG_KINDS = (ProducerKind.HTX, ProducerKind.CONG_TY_TNHH, ProducerKind.DNTN, ProducerKind.CONG_TY_CP)
_ENTERPRISES = (ProducerKind.CONG_TY_TNHH, ProducerKind.DNTN, ProducerKind.CONG_TY_CP)
_HOUSEHOLDS = (ProducerKind.HO_KINH_DOANH, ProducerKind.HO_SAN_XUAT)
#: How many products a producer of each type tends to have (relative).
_PRODUCTS_WEIGHT = {ProducerKind.HTX: 3.0, ProducerKind.CONG_TY_TNHH: 3.0, ProducerKind.DNTN: 2.0,
                    ProducerKind.CONG_TY_CP: 3.5, ProducerKind.HO_KINH_DOANH: 1.2, ProducerKind.HO_SAN_XUAT: 0.8,
                    ProducerKind.THT: 1.5, ProducerKind.TRANG_TRAI: 1.5, ProducerKind.HOI: 0.5}
#: Chance of a 4★/5★ result by producer type (relative "strength").
_STRENGTH = {ProducerKind.HTX: 1.4, ProducerKind.CONG_TY_TNHH: 1.5, ProducerKind.DNTN: 1.2,
             ProducerKind.CONG_TY_CP: 1.8, ProducerKind.HO_KINH_DOANH: 0.9, ProducerKind.HO_SAN_XUAT: 0.6,
             ProducerKind.THT: 0.8, ProducerKind.TRANG_TRAI: 0.9, ProducerKind.HOI: 1.0}

_BRAND_HEADS = ("An", "Bảo", "Gia", "Hoàng", "Hương", "Kim", "Minh", "Ngọc", "Phúc", "Tâm", "Thành", "Thiên",
                "Việt", "Xuân", "Hồng", "Quang", "Đức", "Hải", "Mai", "Thu", "Trường", "Tài", "Hưng", "Phú",
                "Lộc", "Nam", "Sơn", "Thanh", "Đông", "Hà")
_BRAND_TAILS = ("Hòa", "Phát", "Lộc", "Ngọc", "Lan", "Tâm", "Anh", "Long", "Thịnh", "Hưng", "Mai", "Hương",
                "Khang", "Đạt", "Bình", "Minh", "Sơn", "Thủy", "Tiến", "Quý", "Vượng", "An", "Xuân", "Hoan",
                "Hằng", "Linh", "Nguyên", "Trang")
_COMPANY_TRADES = ("Thương mại", "Thương mại và Dịch vụ", "Sản xuất và Thương mại", "Nông sản", "Thực phẩm",
                   "Đầu tư và Phát triển", "Nông nghiệp Công nghệ cao", "Xuất nhập khẩu", "Dịch vụ Tổng hợp")
_HTX_TRADES = ("Nông nghiệp", "Nông nghiệp và Dịch vụ", "Nông lâm nghiệp", "Dịch vụ Nông nghiệp",
               "Nông nghiệp Sạch", "Sản xuất và Thương mại", "Nông nghiệp Tổng hợp")


# --- product catalogue ----------------------------------------------------------------

_V_DRY = ("", "", " 500g", " 1kg", " 300g", " loại đặc biệt", " túi 200g", " hộp quà")
_V_LIQUID = ("", "", " chai 500ml", " chai 300ml", " bình 2 lít", " loại đặc biệt")
_V_FRESH = ("", "", " loại 1", " hộp 1kg", " túi lưới 2kg")
_V_CRAFT = ("", "", " cỡ lớn", " cỡ nhỏ", " bộ quà tặng")
_V_NONE = ("",)
_V_MEAT = ("", "", " 500g", " hút chân không 1kg", " loại đặc biệt")


@dataclass(frozen=True)
class _Item:
    """A product kind of the region: names, product set, where it is made and by whom."""

    key: str
    product_set: int
    names: tuple[str, ...]  # templates with {place} and {brand}
    industry: str  # trade word in producer names: "HTX Miến dong Phia Đén"
    desc: str  # first sentence of the description, with {place}
    #: Home place words and the area each belongs to (None: any area); () → the producer's
    #: commune or village.
    places: tuple[tuple[str, str | None], ...] = ()
    areas: tuple[str, ...] = ()  # Cao Bằng areas where it is made; () → anywhere
    weight: float = 1.0
    variants: tuple[str, ...] = _V_DRY
    certs: tuple[CertificationKind, ...] = ()  # likely quality certificates
    makers: str = "any"  # "any" | "org" (no households) | "tourism"
    mark: tuple[str, str, str] | None = None  # (kind, name, number) of a shared collective mark / GI
    cb_only: bool = False  # a Cao Bằng speciality (not offered for other provinces)


_G = CertificationKind


def _at(area: str | None, *names: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((n, area) for n in names)

_CATALOGUE: tuple[_Item, ...] = (
    _Item("mien_dong", 6, ("Miến dong {place}", "Miến dong {place} {brand}", "Miến dong {brand}"), "Miến dong",
          "Miến được làm thủ công từ tinh bột dong riềng trồng tại {place}, sợi dai, trong, không dùng chất "
          "tẩy trắng hay chất bảo quản.",
          places=_at("nguyen_binh", "Phia Đén", "Nguyên Bình", "Hoài Khao", "Thành Công", "Tam Kim"),
          areas=("nguyen_binh",),
          weight=6, certs=(_G.QUALITY_DECLARATION, _G.TRADEMARK, _G.HACCP),
          mark=(_G.COLLECTIVE_MARK, "Miến dong Nguyên Bình", "4-0287416-000"), cb_only=True),
    _Item("lap_suon", 8, ("Lạp sườn {brand}", "Lạp sườn hun khói {place}", "Lạp sườn {place} {brand}"),
          "Chế biến thực phẩm",
          "Lạp sườn làm từ thịt lợn đen địa phương, tẩm rượu ngô men lá và gia vị truyền thống của người "
          "Tày, hun khói bếp củi ở {place}.",
          places=_at(None, "Cao Bằng") + _at("hoa_an", "Hòa An") + _at("trung_khanh", "Trùng Khánh"),
          areas=("thanh_pho", "hoa_an", "quang_hoa", "trung_khanh"),
          weight=4, variants=_V_MEAT, certs=(_G.QUALITY_DECLARATION, _G.TRADEMARK, _G.ISO22000), cb_only=True),
    _Item("thach_den", 7, ("Thạch đen {place}", "Thạch đen khô {brand}", "Thạch đen {place} {brand}"),
          "Thạch đen",
          "Cây thạch đen trồng trên đất đồi {place}, phơi khô tự nhiên, nấu thạch giòn, thơm mùi thảo mộc.",
          places=_at("thach_an", "Thạch An", "Đông Khê", "Đức Long", "Canh Tân"), areas=("thach_an",), weight=5,
          certs=(_G.QUALITY_DECLARATION, _G.VIETGAP, _G.TRADEMARK),
          mark=(_G.COLLECTIVE_MARK, "Thạch đen Thạch An", "4-0351207-000"), cb_only=True),
    _Item("nuoc_thach_den", 17, ("Nước thạch đen {brand}", "Nước thạch đen {place}"), "Thạch đen",
          "Nước giải khát nấu từ thạch đen {place}, ít đường, đóng chai thanh trùng.",
          places=_at("thach_an", "Thạch An", "Đông Khê") + _at("thanh_pho", "Cao Bằng"),
          areas=("thach_an", "thanh_pho"), weight=1.5, variants=_V_LIQUID,
          certs=(_G.QUALITY_DECLARATION, _G.HACCP), makers="org", cb_only=True),
    _Item("gao_nep_huong", 3, ("Gạo nếp hương {place}", "Gạo nếp hương {place} {brand}", "Gạo nếp {brand}"),
          "Nông nghiệp",
          "Gạo nếp hương gieo cấy trên ruộng bậc thang {place}, hạt tròn, dẻo, thơm đặc trưng.",
          places=_at("bao_lac", "Bảo Lạc", "Cốc Pàng", "Hưng Đạo", "Khánh Xuân") + _at("bao_lam", "Bảo Lâm"),
          areas=("bao_lac", "bao_lam"), weight=4,
          variants=_V_FRESH, certs=(_G.VIETGAP, _G.ORGANIC, _G.TRADEMARK), cb_only=True),
    _Item("gao_japonica", 3, ("Gạo Japonica {place}", "Gạo Japonica {brand}"), "Nông nghiệp",
          "Gạo Japonica sản xuất theo chuỗi liên kết trên cánh đồng {place}, hạt tròn, cơm dẻo.",
          places=_at("hoa_an", "Hòa An", "Nam Tuấn", "Bạch Đằng"), areas=("hoa_an",), weight=2, variants=_V_FRESH,
          certs=(_G.VIETGAP, _G.TRADEMARK), cb_only=True),
    _Item("khau_sli", 6, ("Khẩu Sli {place}", "Bánh Khẩu Sli {brand}", "Khẩu Sli {place} {brand}"), "Khẩu Sli",
          "Bánh khẩu sli làm từ gạo nếp, đường phên và lạc rang theo công thức truyền thống của người Tày "
          "{place}.",
          places=(_at("trung_khanh", "Trùng Khánh") + _at("quang_hoa", "Quảng Uyên", "Phục Hòa")
                  + _at("hoa_an", "Hòa An")),
          areas=("trung_khanh", "quang_hoa", "hoa_an"),
          weight=3, certs=(_G.QUALITY_DECLARATION, _G.TRADEMARK), cb_only=True),
    _Item("duong_phen", 4, ("Đường phên {place}", "Đường phên {brand}"), "Mía đường",
          "Đường phên nấu thủ công từ mía tím trồng tại {place}, màu vàng sậm, vị ngọt thanh.",
          places=(_at("hoa_an", "Hòa An") + _at("quang_hoa", "Quảng Hòa") + _at("thach_an", "Đông Khê")
                  + _at("trung_khanh", "Trùng Khánh")),
          areas=("hoa_an", "quang_hoa", "thach_an", "trung_khanh"), weight=2.5,
          certs=(_G.QUALITY_DECLARATION,), cb_only=True),
    _Item("dao_phuc_sen", 21, ("Dao rèn Phúc Sen", "Dao thái Phúc Sen {brand}", "Dao quắm Phúc Sen",
                               "Bộ dao nhà bếp Phúc Sen", "Dao rèn Phúc Sen {brand}"), "Rèn",
          "Dao rèn thủ công của đồng bào Nùng An ở {place}, thép nhíp tôi luyện, lưỡi sắc bền.",
          places=_at("quang_hoa", "Phúc Sen", "Quảng Uyên"), areas=("quang_hoa",), weight=3, variants=_V_CRAFT,
          certs=(_G.TRADEMARK,), mark=(_G.COLLECTIVE_MARK, "Dao Phúc Sen", "4-0298755-000"), cb_only=True),
    _Item("tra_kolia", 12, ("Trà Kolia {brand}", "Trà Kolia {place}", "Trà túi lọc Kolia {brand}"), "Dược liệu",
          "Trà từ cây Kolia (đông trùng thảo thực vật) mọc ở vùng núi đá {place}, sấy lạnh, giữ hương vị tự "
          "nhiên.",
          places=_at("ha_quang", "Hà Quảng", "Thông Nông") + _at("bao_lac", "Bảo Lạc") + _at("bao_lam", "Bảo Lâm"),
          areas=("ha_quang", "bao_lac", "bao_lam"), weight=2,
          certs=(_G.QUALITY_DECLARATION, _G.TRADEMARK), cb_only=True),
    _Item("hat_de", 1, ("Hạt dẻ Trùng Khánh", "Hạt dẻ Trùng Khánh {brand}", "Hạt dẻ {place}"), "Hạt dẻ",
          "Hạt dẻ thu hái từ vườn dẻ lâu năm ở {place}, hạt to, bùi, ngậy, vỏ mỏng.",
          places=_at("trung_khanh", "Trùng Khánh", "Đình Phong", "Đoài Dương"), areas=("trung_khanh",), weight=5,
          variants=_V_FRESH, certs=(_G.VIETGAP, _G.TRADEMARK),
          mark=(_G.GEO_INDICATION, "Hạt dẻ Trùng Khánh", "00043"), cb_only=True),
    _Item("hat_de_rang", 7, ("Hạt dẻ rang {brand}", "Hạt dẻ sấy {place}"), "Hạt dẻ",
          "Hạt dẻ Trùng Khánh chọn lọc, rang cát hoặc sấy chín, đóng gói hút chân không.",
          places=_at("trung_khanh", "Trùng Khánh"), areas=("trung_khanh",), weight=1.5,
          certs=(_G.QUALITY_DECLARATION,), cb_only=True),
    _Item("banh_cuon", 5, ("Bánh cuốn Cao Bằng {brand}", "Bánh cuốn trứng {brand}"), "Ẩm thực",
          "Bánh cuốn tráng từ gạo {place}, ăn kèm canh xương và thịt băm theo kiểu Cao Bằng.",
          places=_at(None, "Cao Bằng"), areas=("thanh_pho", "hoa_an"), weight=1.5, variants=_V_NONE,
          certs=(_G.QUALITY_DECLARATION,), cb_only=True),
    _Item("vit_quay", 8, ("Vịt quay 7 vị {brand}", "Vịt quay 7 vị {place}"), "Ẩm thực",
          "Vịt cỏ nuôi thả ở {place}, ướp bảy vị lá mắc mật và gia vị núi rừng, quay than hoa.",
          places=_at(None, "Cao Bằng") + _at("hoa_an", "Hòa An") + _at("thach_an", "Thạch An"),
          areas=("thanh_pho", "hoa_an", "thach_an"), weight=1.5, variants=_V_NONE,
          certs=(_G.QUALITY_DECLARATION,), cb_only=True),
    _Item("mat_ong_bac_ha", 4, ("Mật ong bạc hà {place}", "Mật ong bạc hà {brand}"), "Nuôi ong",
          "Mật ong khai thác từ đàn ong nội lấy mật hoa bạc hà dại trên cao nguyên đá {place}.",
          places=_at("bao_lac", "Bảo Lạc", "Cô Ba") + _at("bao_lam", "Bảo Lâm") + _at("ha_quang", "Lũng Nặm"),
          areas=("bao_lac", "bao_lam", "ha_quang"), weight=2,
          variants=_V_LIQUID, certs=(_G.QUALITY_DECLARATION, _G.VIETGAP), cb_only=True),
    _Item("mat_ong", 4, ("Mật ong rừng {place}", "Mật ong {brand}", "Mật ong hoa rừng {place}"), "Nuôi ong",
          "Mật ong nguyên chất từ các đàn ong nuôi dưới tán rừng {place}, không pha trộn.",
          weight=2, variants=_V_LIQUID, certs=(_G.QUALITY_DECLARATION, _G.VIETGAP)),
    _Item("ruou_ngo", 14, ("Rượu ngô men lá {place}", "Rượu ngô {brand}", "Rượu men lá {place}"), "Rượu",
          "Rượu cất từ ngô bản địa trồng trên nương {place}, ủ men lá rừng theo bí quyết của đồng bào.",
          places=(_at("ha_quang", "Tổng Cọt", "Thông Nông", "Hà Quảng") + _at("bao_lac", "Bảo Lạc")
                  + _at("bao_lam", "Bảo Lâm")),
          areas=("ha_quang", "bao_lac", "bao_lam"), weight=2.5, variants=_V_LIQUID,
          certs=(_G.QUALITY_DECLARATION, _G.TRADEMARK), cb_only=True),
    _Item("ruou_mac_mat", 15, ("Rượu mắc mật {place}", "Rượu mận {place}", "Rượu táo mèo {brand}"), "Rượu",
          "Rượu ngâm quả rừng thu hái ở {place}, màu hổ phách, hương thơm đặc trưng.",
          weight=0.8, variants=_V_LIQUID, certs=(_G.QUALITY_DECLARATION,), makers="org"),
    _Item("che_shan", 11, ("Chè Shan tuyết {place}", "Chè Shan tuyết {brand}", "Hồng trà Shan tuyết {place}"),
          "Chè",
          "Chè Shan tuyết cổ thụ mọc ở độ cao trên 1.000 m tại {place}, búp to phủ lông tơ trắng, chế biến "
          "thủ công.",
          places=_at("nguyen_binh", "Phia Đén", "Phia Oắc") + _at("bao_lac", "Cốc Pàng") + _at("ha_quang", "Lũng Nặm"),
          areas=("nguyen_binh", "bao_lac", "ha_quang"), weight=2.5,
          certs=(_G.VIETGAP, _G.ORGANIC, _G.TRADEMARK), cb_only=True),
    _Item("tra_thao_duoc", 12, ("Trà giảo cổ lam {brand}", "Trà hoa vàng {place}", "Trà dây {place}"),
          "Dược liệu", "Trà thảo dược từ cây thuốc trồng dưới tán rừng {place}, sấy khô, đóng túi lọc.",
          weight=1.2, certs=(_G.QUALITY_DECLARATION,)),
    _Item("tho_cam", 22, ("Thổ cẩm Tày {place}", "Khăn thổ cẩm {brand}", "Túi thổ cẩm Nùng {place}",
                          "Áo chàm Nùng An {brand}", "Thổ cẩm Dao đỏ {place}"), "Dệt thổ cẩm",
          "Thổ cẩm dệt tay trên khung cửi của phụ nữ {place}, nhuộm màu từ cây chàm và vỏ cây rừng.",
          places=(_at("ha_quang", "Hà Quảng", "Tổng Cọt") + _at("quang_hoa", "Quảng Uyên")
                  + _at("trung_khanh", "Trùng Khánh")
                  + _at("nguyen_binh", "Phia Thắp") + _at("hoa_an", "Hòa An")),
          areas=("ha_quang", "quang_hoa", "trung_khanh", "nguyen_binh", "hoa_an"), weight=2.5,
          variants=_V_CRAFT, certs=(_G.TRADEMARK,), cb_only=True),
    _Item("giay_ban", 21, ("Giấy bản Phia Thắp", "Giấy bản Dao Tiền {brand}"), "Giấy bản",
          "Giấy bản làm thủ công từ vỏ cây dướng của người Dao Tiền {place}, dùng chép sách cúng và thư pháp.",
          places=_at("nguyen_binh", "Phia Thắp", "Thành Công"), areas=("nguyen_binh",), weight=1,
          variants=_V_CRAFT, cb_only=True),
    _Item("may_tre", 21, ("Mây tre đan {place}", "Giỏ mây {brand}", "Đồ đan tre {place}"), "Mây tre đan",
          "Sản phẩm đan thủ công từ mây, tre, giang khai thác bền vững ở {place}.",
          weight=0.8, variants=_V_CRAFT),
    _Item("hoa_le", 23, ("Hoa lê {place}", "Lan kim điệp {place}", "Hoa đào {place}"), "Hoa cây cảnh",
          "Hoa trồng tại vườn ở {place}, phục vụ thị trường Tết và du khách.",
          weight=0.5, variants=_V_NONE, certs=(_G.VIETGAP,)),
    _Item("cay_canh", 24, ("Cây cảnh {brand}", "Bonsai đá núi {place}", "Cây cảnh nghệ thuật {place}"),
          "Hoa cây cảnh", "Cây cảnh tạo dáng từ phôi cây bản địa vùng núi đá {place}.",
          weight=0.4, variants=_V_NONE),
    _Item("du_lich", 26, ("Du lịch cộng đồng {place}", "Homestay {brand} – {place}",
                          "Điểm du lịch cộng đồng {place}", "Làng đá {place}"), "Du lịch cộng đồng",
          "Dịch vụ du lịch cộng đồng tại {place}: nhà sàn, ẩm thực Tày – Nùng, hát then, đàn tính và trải "
          "nghiệm làm nông cùng người dân.",
          places=(_at("trung_khanh", "Bản Giốc", "Khuổi Ky", "Lũng Niếc")
                  + _at("nguyen_binh", "Phia Thắp", "Hoài Khao", "Phia Đén")
                  + _at("ha_quang", "Pác Bó")),
          areas=("trung_khanh", "nguyen_binh", "ha_quang"), weight=1.2, variants=_V_NONE, makers="tourism",
          cb_only=True),
    _Item("du_lich_sinh_thai", 26, ("Du lịch sinh thái {place}", "Homestay {brand}"), "Du lịch cộng đồng",
          "Điểm du lịch sinh thái gắn với cảnh quan núi rừng và văn hóa bản địa ở {place}.",
          weight=0.3, variants=_V_NONE, makers="tourism"),
    _Item("tinh_dau_hoi", 20, ("Tinh dầu hồi {place}", "Tinh dầu hồi {brand}"), "Dược liệu",
          "Tinh dầu chưng cất từ quả hồi vùng {place}, hàm lượng anethol cao, dùng trong thực phẩm và dược "
          "phẩm.",
          places=(_at("thach_an", "Thạch An") + _at("quang_hoa", "Quảng Hòa") + _at("trung_khanh", "Trùng Khánh")
                  + _at("hoa_an", "Hòa An")),
          areas=("thach_an", "quang_hoa", "trung_khanh", "hoa_an"), weight=1.5, variants=_V_LIQUID,
          certs=(_G.QUALITY_DECLARATION,)),
    _Item("hoi_kho", 10, ("Hoa hồi khô {place}", "Hồi khô {brand}"), "Nông sản",
          "Quả hồi chín thu hái ở {place}, phơi sấy khô, cánh đều, mùi thơm nồng.",
          places=_at("thach_an", "Thạch An") + _at("quang_hoa", "Quảng Hòa") + _at("trung_khanh", "Trùng Khánh"),
          areas=("thach_an", "quang_hoa", "trung_khanh"),
          weight=1, certs=(_G.VIETGAP,)),
    _Item("thuoc_tam_dao", 20, ("Thuốc tắm người Dao {place}", "Lá tắm Dao đỏ {brand}"), "Dược liệu",
          "Bài thuốc tắm từ hơn hai mươi loại lá rừng của người Dao {place}, giúp lưu thông khí huyết.",
          places=_at("nguyen_binh", "Nguyên Bình", "Phia Đén") + _at("bao_lac", "Bảo Lạc") + _at("bao_lam", "Bảo Lâm"),
          areas=("nguyen_binh", "bao_lac", "bao_lam"), weight=1,
          certs=(_G.QUALITY_DECLARATION,), cb_only=True),
    _Item("my_pham", 19, ("Dầu gội thảo dược {brand}", "Xà phòng thảo dược {place}"), "Dược liệu",
          "Sản phẩm chăm sóc cơ thể từ bồ kết, vỏ bưởi và thảo dược trồng tại {place}.",
          weight=0.5, variants=("", "", " chai 250ml", " hộp 3 bánh"), certs=(_G.QUALITY_DECLARATION,), makers="org"),
    _Item("cao_duoc_lieu", 18, ("Cao giảo cổ lam {brand}", "Viên sâm Bố Chính {brand}"), "Dược liệu",
          "Sản phẩm từ dược liệu trồng theo GACP tại {place}, bào chế dạng cao và viên.",
          weight=0.3, certs=(_G.QUALITY_DECLARATION, _G.ISO22000), makers="org"),
    _Item("nuoc_khoang", 16, ("Nước khoáng thiên nhiên {brand}", "Nước uống đóng chai {brand}"),
          "Nước giải khát", "Nước khoáng từ mạch ngầm tại {place}, lọc và đóng chai trên dây chuyền khép kín.",
          weight=0.6, variants=_V_LIQUID, certs=(_G.QUALITY_DECLARATION, _G.HACCP), makers="org"),
    _Item("thit_trau_gac_bep", 8, ("Thịt trâu gác bếp {brand}", "Thịt trâu sấy {place}",
                                   "Thịt lợn sấy khói {place}"), "Chế biến thực phẩm",
          "Thịt trâu, lợn nuôi thả ở {place}, tẩm mắc khén, hun khói trên gác bếp theo cách của người vùng "
          "cao.",
          weight=2, variants=_V_MEAT, certs=(_G.QUALITY_DECLARATION, _G.TRADEMARK)),
    _Item("lon_den", 2, ("Thịt lợn đen {place}", "Bò Mông {place}", "Gà đen {place}", "Trứng gà ri {place}"),
          "Chăn nuôi", "Vật nuôi giống bản địa chăn thả tự nhiên ở {place}, thịt chắc, thơm.",
          weight=1.5, variants=_V_MEAT, certs=(_G.VIETGAP,)),
    _Item("hoa_qua", 1, ("Mận {place}", "Hồng không hạt {place}", "Rau bò khai {place}", "Bưởi {place}"),
          "Trồng trọt", "Nông sản trồng theo quy trình an toàn tại {place}, thu hái đúng độ chín.",
          weight=1.2, variants=_V_FRESH, certs=(_G.VIETGAP, _G.TRADEMARK)),
    _Item("le_dong_khe", 1, ("Lê Đông Khê", "Lê {place} {brand}"), "Trồng trọt",
          "Lê trồng trên đất đồi {place}, quả tròn, vỏ màu nâu, vị ngọt mát.",
          places=_at("thach_an", "Đông Khê", "Thạch An"), areas=("thach_an",), weight=1.2, variants=_V_FRESH,
          certs=(_G.VIETGAP,), cb_only=True),
    _Item("quyt_tra_linh", 1, ("Quýt Trà Lĩnh", "Quýt {place} {brand}"), "Trồng trọt",
          "Quýt trồng tại {place}, vỏ mỏng, múi mọng, hương thơm đặc trưng vùng biên giới.",
          places=_at("trung_khanh", "Trà Lĩnh", "Quang Hán", "Quang Trung"), areas=("trung_khanh",), weight=1.2,
          variants=_V_FRESH, certs=(_G.VIETGAP,), cb_only=True),
    _Item("mang_kho", 7, ("Măng khô {place}", "Măng ớt {brand}", "Măng vầu sấy {place}"), "Nông sản",
          "Măng rừng {place} luộc kỹ, phơi nắng hoặc sấy, giữ vị ngọt tự nhiên.",
          weight=1.5, certs=(_G.QUALITY_DECLARATION,)),
    _Item("banh_truyen_thong", 6, ("Bánh coóc mò {place}", "Bánh khảo {brand}", "Bánh chưng đen {place}",
                                   "Xôi ngũ sắc {place}"), "Chế biến nông sản",
          "Bánh làm từ gạo nếp {place}, gói lá dong, mang hương vị ngày Tết của người Tày.",
          weight=1.5, certs=(_G.QUALITY_DECLARATION,), cb_only=True),
    _Item("banh_gao", 6, ("Bánh chưng {place}", "Bánh gạo {brand}", "Bún khô {place}"), "Chế biến nông sản",
          "Sản phẩm chế biến từ gạo nếp, gạo tẻ của bà con {place}, làm theo công thức truyền thống.",
          weight=1.5, certs=(_G.QUALITY_DECLARATION,)),
    _Item("tuong_ot", 9, ("Tương ớt {brand}", "Tương đậu {place}"), "Chế biến thực phẩm",
          "Gia vị lên men tự nhiên theo cách làm truyền thống ở {place}.",
          weight=0.6, variants=_V_LIQUID, certs=(_G.QUALITY_DECLARATION,)),
    _Item("gia_vi", 10, ("Gừng khô {place}", "Ớt bột {brand}", "Mắc khén {place}"), "Nông sản",
          "Gia vị trồng và chế biến tại {place}, sấy khô, xay mịn, đóng gói kín.",
          weight=0.6, certs=(_G.QUALITY_DECLARATION,)),
    _Item("ca_phe", 13, ("Cà phê {brand}",), "Chế biến nông sản",
          "Cà phê rang xay mộc pha trộn hạt dẻ {place}.", weight=0.1, certs=(_G.QUALITY_DECLARATION,),
          makers="org"),
    _Item("gao", 3, ("Gạo nếp cái hoa vàng {place}", "Gạo bao thai {place}", "Gạo nếp cẩm {place}"),
          "Nông nghiệp", "Gạo trồng trên ruộng nước {place}, canh tác theo hướng hữu cơ.",
          weight=1.5, variants=_V_FRESH, certs=(_G.VIETGAP, _G.ORGANIC)),
)

_DESC_FOOD = (
    "Sản phẩm có tem truy xuất nguồn gốc và mã vạch.",
    "Nguyên liệu do các hộ thành viên trong vùng cung cấp theo hợp đồng liên kết.",
    "Bao bì được thiết kế lại với sự hỗ trợ của Chương trình OCOP tỉnh.",
    "Sản phẩm được bày bán tại các điểm giới thiệu sản phẩm OCOP và sàn thương mại điện tử.",
    "Quy trình sản xuất được kiểm soát theo hướng dẫn an toàn thực phẩm.",
    "Sản lượng bình quân khoảng {qty} mỗi năm.",
    "Hạn sử dụng 12 tháng kể từ ngày sản xuất.",
)
_DESC_CRAFT = (
    "Mỗi sản phẩm là một tác phẩm thủ công, hoa văn mang bản sắc văn hóa địa phương.",
    "Sản phẩm được giới thiệu tại các hội chợ và điểm bán hàng lưu niệm cho du khách.",
    "Nghề truyền thống được các nghệ nhân trong bản gìn giữ qua nhiều thế hệ.",
)
_DESC_TOURISM = (
    "Có thể đón khoảng {guests} khách lưu trú mỗi đêm.",
    "Du khách được hướng dẫn viên là người địa phương đưa đi tham quan bản.",
    "Điểm đến nằm trong tuyến du lịch Công viên địa chất toàn cầu UNESCO Non nước Cao Bằng.",
)
_DESC_IDEA = "Sản phẩm đang hoàn thiện bao bì, nhãn mác và hồ sơ công bố để đăng ký tham gia Chương trình OCOP."

_PRODUCER_NOTES = (
    "Chủ thể tham gia Chương trình OCOP từ năm {year}.",
    "Đã được hỗ trợ thiết kế bao bì, nhãn mác năm {year}.",
    "Có hợp đồng liên kết tiêu thụ với {n} hộ dân trong xã.",
    "Cần bổ sung giấy chứng nhận đủ điều kiện an toàn thực phẩm trước kỳ đánh giá tới.",
    "Đã tham gia Hội chợ OCOP khu vực miền núi phía Bắc năm {year}.",
    "Đề nghị hỗ trợ xây dựng nhà xưởng theo Nghị quyết của HĐND tỉnh.",
)

_ISSUERS = {
    _G.VIETGAP: ("Công ty CP Chứng nhận và Giám định Vinacert", "Trung tâm Chứng nhận Phù hợp (QUACERT)",
                 "Chi cục Trồng trọt và Bảo vệ thực vật tỉnh Cao Bằng"),
    _G.ORGANIC: ("Công ty CP Chứng nhận và Giám định Vinacert", "Công ty TNHH Control Union Việt Nam"),
    _G.HACCP: ("Trung tâm Chứng nhận Phù hợp (QUACERT)", "Công ty CP Chứng nhận và Giám định Vinacert"),
    _G.ISO22000: ("Trung tâm Chứng nhận Phù hợp (QUACERT)", "Công ty TNHH Chứng nhận Quốc tế ICB"),
    _G.TRADEMARK: ("Cục Sở hữu trí tuệ",),
    _G.COLLECTIVE_MARK: ("Cục Sở hữu trí tuệ",),
    _G.GEO_INDICATION: ("Cục Sở hữu trí tuệ",),
    _G.QUALITY_DECLARATION: ("Chủ thể tự công bố",),
}

# Product statuses: shares of the whole list (certified ≈ 58 %, of which ≈ 72 % 3★).
_STATUS_SHARES: tuple[tuple[ProductStatus, float], ...] = (
    (ProductStatus.CERTIFIED, 0.58),
    (ProductStatus.EXPIRED, 0.12),
    (ProductStatus.REVOKED, 0.035),
    (ProductStatus.EVALUATING, 0.08),
    (ProductStatus.REGISTERED, 0.10),
    (ProductStatus.IDEA, 0.085),
)
_FOUR_STAR_SHARE = 0.26
_FIVE_STAR_SHARE = 0.006  # national 5★ are rare (domain brief §8.1: 79 of ~15,000)


# ---------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------

def _quotas(n: int, shares: Sequence[tuple[object, float]], *, at_least_one_from: int = 0) -> list[object]:
    """``n`` labels split by ``shares`` (largest remainder). When ``n`` ≥ ``at_least_one_from``
    every label gets at least one (taken from the largest)."""
    raw = [(label, n * share) for label, share in shares]
    counts = [int(x) for _label, x in raw]
    rest = n - sum(counts)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i][1] - counts[i]), i))
    for i in order[:rest]:
        counts[i] += 1
    if at_least_one_from and n >= at_least_one_from:
        for i in range(len(counts)):
            if counts[i] == 0:
                j = max(range(len(counts)), key=lambda k: (counts[k], -k))
                counts[j] -= 1
                counts[i] += 1
    out: list[object] = []
    for (label, _share), c in zip(raw, counts, strict=True):
        out.extend([label] * c)
    return out


def _weighted(rng: random.Random, pairs: Sequence[tuple[object, float]]) -> object:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _short(commune_name: str) -> str:
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if commune_name.startswith(prefix):
            return commune_name[len(prefix):]
    return commune_name


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29/2
        return d.replace(year=d.year + years, day=28)


def _date_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _email_local(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isalnum())[:24] or "ocop"


@dataclass
class _Rep:
    name: str
    sex: str
    ethnicity: str
    birth: dt.date
    disability: bool


@dataclass
class _ProducerPlan:
    kind: ProducerKind
    commune: int
    area: str | None
    item: _Item
    rep: _Rep
    brand: str
    weight: float
    id: str = ""
    product_names: set[str] = field(default_factory=set)


# ---------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------

class _Generator:
    def __init__(self, province: geography.Province, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        # Record ids from their own stream, so the content does not shift with them.
        self.id_rng = random.Random(f"ocop-demo-ids:{seed}")
        self.seed = seed
        self.today = today
        self.province = province
        self.is_cb = province.code == CAO_BANG
        communes = geography.communes(province.code)
        self.all_communes = [c.code for c in communes]
        self.area_of: dict[int, str | None] = {}
        self.areas: dict[str, _Area] = {}
        self.area_communes: dict[str, list[int]] = {}
        if self.is_cb:
            by_fold = {fold(c.name.split(" ", 1)[1]): c.code for c in communes}
            for a in _CB_AREAS:
                codes = [by_fold[fold(n)] for n in a.communes if fold(n) in by_fold]
                self.areas[a.key] = a
                self.area_communes[a.key] = codes
                for code in codes:
                    self.area_of[code] = a.key
        for code in self.all_communes:
            self.area_of.setdefault(code, None)
        self.used_identifiers: set[str] = set()
        self.used_producer_names: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_phones: set[str] = set()
        self.villages: dict[int, list[str]] = {}
        self.cert_seq = 0

    # -- ids -----------------------------------------------------------------------
    def new_id(self) -> str:
        return str(uuid.UUID(int=self.id_rng.getrandbits(128), version=4))

    # -- office --------------------------------------------------------------------
    def plan_office(self, n_products: int) -> tuple[str, str, list[int]]:
        """(office name, role, commune codes)."""
        rng = self.rng
        need = max(3, math.ceil(n_products / PRODUCTS_PER_COMMUNE))
        total = len(self.all_communes)
        if need > FIELD_OFFICE_MAX_SHARE * total:
            pname = self.province.name
            where = "thành phố " + pname[len("Thành phố "):] if pname.startswith("Thành phố ") else "tỉnh " + pname
            return f"Văn phòng Điều phối nông thôn mới {where}", OfficeRole.PROVINCE.value, list(self.all_communes)
        if self.is_cb:
            first = _CB_FIELD_ORDER[(self.seed - 1) % len(_CB_FIELD_ORDER)]
            keys = [first]
            codes = list(self.area_communes[first])
            for nb in _CB_NEIGHBOURS[first]:
                if len(codes) >= need:
                    break
                keys.append(nb)
                codes.extend(self.area_communes[nb])
            label = " – ".join(self.areas[k].label for k in keys[:2]) + (" và vùng lân cận" if len(keys) > 2 else "")
            return f"Trung tâm Dịch vụ nông nghiệp {label}", OfficeRole.FIELD.value, sorted(codes)
        start = rng.randrange(total)
        codes = [self.all_communes[(start + i) % total] for i in range(min(need, total))]
        label = _short(geography.commune_name(codes[0]))
        return f"Trung tâm Dịch vụ nông nghiệp {label}", OfficeRole.FIELD.value, sorted(codes)

    # -- places ----------------------------------------------------------------------
    def village_list(self, commune: int) -> list[str]:
        got = self.villages.get(commune)
        if got is not None:
            return got
        rng = random.Random(f"ocop-demo-villages:{self.seed}:{commune}")
        name = geography.commune_name(commune)
        if not self.is_cb:
            out = rng.sample(_GENERIC_VILLAGES, 8)
        else:
            kind = "Tổ dân phố" if name.startswith("Phường") else "Xóm"
            out = []
            area = self.area_of.get(commune)
            if area:
                out += [f"{kind} {v}" for c, v in self.areas[area].villages if fold(c) == fold(_short(name))]
            seen = {fold(v) for v in out}
            while len(out) < 10:
                if kind == "Tổ dân phố":
                    v = f"Tổ dân phố {len(out) + 1}"
                else:
                    v = f"{kind} {rng.choice(_VILLAGE_HEADS)} {rng.choice(_VILLAGE_TAILS)}"
                if fold(v) not in seen:
                    seen.add(fold(v))
                    out.append(v)
        self.villages[commune] = out
        return out

    def village_word(self, commune: int) -> str:
        """A village name without its 'Xóm/Thôn' word (for producer and product names)."""
        v = self.rng.choice(self.village_list(commune))
        for prefix in ("Xóm ", "Thôn ", "Bản "):
            if v.startswith(prefix):
                return v[len(prefix):]
        return _short(geography.commune_name(commune))

    def commune_place(self, commune: int) -> str:
        name = geography.commune_name(commune)
        return "Cao Bằng" if (self.is_cb and name.startswith("Phường")) else _short(name)

    def item_place(self, item: _Item, commune: int) -> str:
        area = self.area_of.get(commune)
        home = [name for name, where in item.places if where is None or where == area]
        if home and self.rng.random() < 0.85:
            return self.rng.choice(home)
        if self.rng.random() < 0.3:
            return self.village_word(commune)
        return self.commune_place(commune)

    # -- people ------------------------------------------------------------------------
    def person(self, commune: int, *, female_share: float) -> _Rep:
        rng = self.rng
        if self.is_cb:
            weights = _CB_ETHNICITY.get(self.area_of.get(commune) or "", _CB_ETHNICITY_DEFAULT)
        else:
            weights = _GENERIC_ETHNICITY
        eth = _weighted(rng, weights)
        names = _NAMES_BY_ETHNICITY.get(eth, _KINH)
        female = rng.random() < female_share
        surname = _weighted(rng, names.surnames)
        middle = _weighted(rng, names.female_middle if female else names.male_middle)
        given = rng.choice(names.female if female else names.male)
        birth = _date_in(rng, dt.date(1958, 1, 1), dt.date(2001, 12, 31))
        return _Rep(f"{surname} {middle} {given}", Sex.FEMALE.value if female else Sex.MALE.value, eth, birth,
                    rng.random() < 0.025)

    def brand(self) -> str:
        rng = self.rng
        while True:
            a, b = rng.choice(_BRAND_HEADS), rng.choice(_BRAND_TAILS)
            if a != b:
                return f"{a} {b}"

    # -- identifiers ----------------------------------------------------------------------
    def tax_code(self, prefix: str | None = None) -> str:
        rng = self.rng
        prefix = prefix or _TAX_PREFIX.get(self.province.code, "01")
        while True:
            first9 = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
            code = make_tax_code(first9)
            if code and code not in self.used_identifiers:
                self.used_identifiers.add(code)
                return code

    def business_tax_code(self) -> str:
        prefix = _TAX_PREFIX.get(self.province.code, "01")
        return self.tax_code(prefix + self.rng.choice(("00", "00", "00", "01")))

    def personal_id(self, rep: _Rep) -> str:
        rng = self.rng
        prov = _ID_PREFIX.get(self.province.code, "001")
        if rep.ethnicity == "01" and rng.random() < 0.3:
            prov = rng.choice(("001", "020", "019", "036", "031"))  # born in the lowlands
        century = (0 if rep.birth.year < 2000 else 2) + (1 if rep.sex == Sex.FEMALE else 0)
        while True:
            value = f"{prov}{century}{rep.birth.year % 100:02d}{rng.randrange(10**6):06d}"
            if value not in self.used_identifiers:
                self.used_identifiers.add(value)
                return value

    def phone(self) -> str:
        rng = self.rng
        while True:
            if rng.random() < 0.18:
                area = _LANDLINE_AREA.get(self.province.code, "24")
                # 10 national digits: area code + subscriber number (0206 3852 123, 024 3812 3456).
                mid = 10 - len(area) - 5  # digits between "38" and the last three
                rest = f"38{rng.randrange(10 ** mid):0{mid}d}{rng.randrange(1000):03d}"
                digits = f"0{area}{rest}"
                text = f"0{area} {rest[:4]} {rest[4:]}"
            else:
                prefix = rng.choice(("091", "094", "088", "083", "097", "098", "096", "086", "036", "033",
                                     "035", "090", "093", "079", "082", "085"))
                rest = f"{rng.randrange(10**7):07d}"
                digits = prefix + rest
                text = f"{digits[:4]} {digits[4:7]} {digits[7:]}"
            if digits not in self.used_phones:
                self.used_phones.add(digits)
                return text

    def email(self, base: str) -> str:
        rng = self.rng
        local = _email_local(base)
        domain = rng.choice(("gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com"))
        candidate = f"{local}@{domain}"
        n = 1
        while candidate in self.used_emails:
            n += 1
            candidate = f"{local}{n}@{domain}"
        self.used_emails.add(candidate)
        return candidate

    # -- catalogue -------------------------------------------------------------------------
    def eligible_items(self, commune: int, kind: ProducerKind) -> list[tuple[_Item, float]]:
        area = self.area_of.get(commune)
        out = []
        for it in _CATALOGUE:
            if not self.is_cb and it.cb_only:
                continue
            if kind == ProducerKind.HOI:
                if it.makers != "tourism":
                    continue
            elif it.makers == "org" and kind not in _ORG_KINDS:
                continue
            elif it.makers == "tourism" and kind not in (ProducerKind.HTX, ProducerKind.THT,
                                                         ProducerKind.HO_KINH_DOANH, ProducerKind.TRANG_TRAI):
                continue
            weight = it.weight
            if it.areas:
                if area not in it.areas:
                    continue
                weight *= 2.5  # the area's own specialities dominate its register
            out.append((it, weight))
        if not out:  # e.g. an association where no tourism item fits: generic eco-tourism
            out = [(it, 1.0) for it in _CATALOGUE if it.makers == "tourism" and not it.areas]
        return out

    # -- producers ---------------------------------------------------------------------------
    def plan_producers(self, n: int, communes: list[int]) -> list[_ProducerPlan]:
        rng = self.rng
        kinds = _quotas(n, _KIND_SHARES, at_least_one_from=40)
        if n >= 20 and ProducerKind.HOI in kinds and kinds.count(ProducerKind.HOI) < 2:
            kinds[kinds.index(ProducerKind.HTX)] = ProducerKind.HOI  # "a couple" of associations
        rng.shuffle(kinds)
        # Communes get uneven shares: some are busier than others.
        cweights = [0.4 + rng.random() * 1.6 for _ in communes]
        plans = []
        for kind in kinds:
            commune = rng.choices(communes, weights=cweights)[0]
            items = self.eligible_items(commune, kind)
            item = _weighted(rng, items)
            female_share = 0.48 if kind in _HOUSEHOLDS else 0.33
            rep = self.person(commune, female_share=female_share)
            plans.append(_ProducerPlan(kind=kind, commune=commune, area=self.area_of.get(commune), item=item,
                                       rep=rep, brand=self.brand(), weight=_PRODUCTS_WEIGHT[kind]))
        return plans

    def producer_name(self, p: _ProducerPlan) -> str:
        rng = self.rng
        for attempt in range(40):
            place = self.item_place(p.item, p.commune) if rng.random() < 0.6 else self.village_word(p.commune)
            k = p.kind
            if k == ProducerKind.HTX:
                trade = p.item.industry if rng.random() < 0.55 else rng.choice(_HTX_TRADES)
                head = "HTX" if rng.random() < 0.8 else "Hợp tác xã"
                name = f"{head} {trade} {place}"
            elif k == ProducerKind.CONG_TY_TNHH:
                trade = rng.choice(_COMPANY_TRADES) if rng.random() < 0.7 else p.item.industry
                name = f"Công ty TNHH {trade} {p.brand}"
                if rng.random() < 0.25:
                    name += " " + self.commune_place(p.commune)
            elif k == ProducerKind.DNTN:
                name = rng.choice(("Doanh nghiệp tư nhân", "DNTN")) + f" {p.brand}"
                if rng.random() < 0.4:
                    name = f"Doanh nghiệp tư nhân {p.item.industry} {p.brand}"
            elif k == ProducerKind.CONG_TY_CP:
                trade = rng.choice(_COMPANY_TRADES) if rng.random() < 0.6 else p.item.industry
                head = rng.choice(("Công ty CP", "Công ty cổ phần"))
                name = f"{head} {trade} {p.brand}"
                if rng.random() < 0.35:
                    name += " " + (self.province.name.removeprefix("Tỉnh ").removeprefix("Thành phố "))
            elif k == ProducerKind.HO_KINH_DOANH:
                if rng.random() < 0.6:
                    name = f"Hộ kinh doanh {p.rep.name}"
                else:
                    name = f"Cơ sở sản xuất {p.item.industry} {p.brand}"
            elif k == ProducerKind.HO_SAN_XUAT:
                trade = "sản xuất" if rng.random() < 0.75 else p.item.industry.lower()
                name = f"Hộ {trade} {p.rep.name}"
            elif k == ProducerKind.THT:
                name = f"Tổ hợp tác {p.item.industry} {place}"
            elif k == ProducerKind.TRANG_TRAI:
                what = p.rep.name if rng.random() < 0.5 else f"{p.item.industry.lower()} {place}"
                name = f"Trang trại {what}"
            else:  # HOI
                name = rng.choice(("Hội Du lịch cộng đồng", "Ban quản lý Du lịch cộng đồng",
                                   "Hội Nông dân")) + f" {place}"
            if attempt >= 30:
                name += f" {self.commune_place(p.commune)}" if attempt < 35 else f" số {attempt - 33}"
            key = fold(name)
            if key not in self.used_producer_names:
                self.used_producer_names.add(key)
                return name
            # A household named after its representative: another person of the same name is
            # unlikely in one office; draw a new representative instead.
            if k in _HOUSEHOLDS or k == ProducerKind.TRANG_TRAI:
                p.rep = self.person(p.commune, female_share=0.45)
            p.brand = self.brand()
        raise RuntimeError("could not make a unique producer name")  # pragma: no cover

    def producer_data(self, p: _ProducerPlan):  # noqa: ANN201
        from ocop_desktop.services.producers import ProducerData

        rng, today = self.rng, self.today
        k = p.kind
        name = self.producer_name(p)
        d = ProducerData(kind=k.value, name=name, commune_code=p.commune)
        area = self.areas.get(p.area) if p.area else None
        area_idx = list(self.areas).index(p.area) if p.area else 0
        # Identifier, registration.
        if k in _ORG_KINDS:
            if k in _ENTERPRISES and rng.random() < 0.06:
                # A branch of a company registered elsewhere (13-digit branch code).
                parent = self.tax_code(rng.choice(("01", "02", "46", "49", "48")))
                d.identifier = f"{parent}-{rng.randint(1, 12):03d}"
                d.name = f"Chi nhánh {name} tại {self.commune_place(p.commune)}"
                self.used_producer_names.add(fold(d.name))
                self.used_identifiers.add(d.identifier)
                d.reg_number = d.identifier
            else:
                d.identifier = self.business_tax_code()
                d.reg_number = d.identifier
            founded = dt.date(2004 if k == ProducerKind.HTX else 2000, 1, 1)
            d.reg_date = _date_in(rng, founded, today - dt.timedelta(days=120))
        elif k in _HOUSEHOLDS or k == ProducerKind.TRANG_TRAI:
            r = rng.random()
            if r < 0.6:
                d.identifier = self.personal_id(p.rep)
            elif r < 0.85:
                d.identifier = self.tax_code("80")  # personal tax code of the household head
            if k != ProducerKind.HO_SAN_XUAT or rng.random() < 0.55:
                d.reg_date = _date_in(rng, dt.date(2010, 1, 1), today - dt.timedelta(days=60))
                if k == ProducerKind.TRANG_TRAI:
                    d.reg_number = f"{rng.randint(1, 60):02d}/GCN-KTTT"
                else:
                    d.reg_number = f"{self.province.code:02d}{'ABCDEFGHIJKL'[area_idx]}8{rng.randrange(10**6):06d}"
        elif k == ProducerKind.THT:
            if rng.random() < 0.4:
                d.identifier = self.business_tax_code()
            d.reg_date = _date_in(rng, dt.date(2012, 1, 1), today - dt.timedelta(days=60))
            d.reg_number = f"{rng.randint(1, 40):02d}/HĐHT-UBND"
        else:  # HOI
            d.identifier = self.business_tax_code()
            d.reg_date = _date_in(rng, dt.date(2008, 1, 1), today - dt.timedelta(days=365))
            d.reg_number = f"{rng.randint(10, 999)}/QĐ-UBND"
        if k == ProducerKind.CONG_TY_CP:
            d.local_capital_share = Decimal(rng.choice((rng.randint(10, 50), rng.randint(51, 90)))) + \
                Decimal(rng.choice((0, 0, 50))) / 100
        # Representative.
        rep = p.rep
        d.rep_name, d.rep_sex, d.rep_ethnicity, d.rep_disability = rep.name, rep.sex, rep.ethnicity, rep.disability
        d.rep_title = {
            ProducerKind.HTX: rng.choice(("Giám đốc", "Giám đốc", "Chủ tịch HĐQT kiêm Giám đốc")),
            ProducerKind.CONG_TY_TNHH: "Giám đốc",
            ProducerKind.DNTN: "Chủ doanh nghiệp",
            ProducerKind.CONG_TY_CP: rng.choice(("Giám đốc", "Tổng giám đốc")),
            ProducerKind.THT: "Tổ trưởng",
            ProducerKind.TRANG_TRAI: "Chủ trang trại",
            ProducerKind.HO_KINH_DOANH: "Chủ hộ kinh doanh",
            ProducerKind.HO_SAN_XUAT: "Chủ hộ",
            ProducerKind.HOI: rng.choice(("Chủ tịch Hội", "Trưởng ban quản lý")),
        }[k]
        # Address.
        village = rng.choice(self.village_list(p.commune))
        if village.startswith("Tổ dân phố") and rng.random() < 0.5:
            village = f"Số {rng.randint(1, 150)}, phố {rng.choice(_STREETS)}"
        d.address_detail = village
        if area is not None and rng.random() < 0.14:
            # Records made before the 2025 reform keep the old commune and district.
            legacy = f"{village}, {rng.choice(area.old_units)}, {area.old_district}, tỉnh Cao Bằng"
            d.legacy_address = legacy[0].upper() + legacy[1:]
        # Contact.
        d.phone = self.phone() if rng.random() < 0.95 else ""
        if rng.random() < (0.6 if k in _ORG_KINDS else 0.25):
            d.email = self.email(name if k not in _HOUSEHOLDS else rep.name)
        # Food-safety certificate for food and drink makers.
        if p.item.product_set <= 17 and rng.random() < (0.85 if k in _ORG_KINDS else 0.55):
            issued = _date_in(rng, max(dt.date(2019, 1, 1), d.reg_date or dt.date(2019, 1, 1)),
                              today - dt.timedelta(days=30))
            issuer = "SNN" if rng.random() < 0.5 else "QLCL"
            d.food_safety_cert_no = f"{rng.randint(1, 250):03d}/{issued.year}/GCNATTP-{issuer}"
            d.food_safety_cert_expiry = _add_years(issued, 3)
        if rng.random() < 0.22:
            note = rng.choice(_PRODUCER_NOTES)
            d.notes = note.format(year=rng.randint(2019, today.year), n=rng.randint(8, 120))
        return d

    # -- products -------------------------------------------------------------------------------
    def certifications(self, p: _ProducerPlan, item: _Item, status: ProductStatus,
                       issued_year: int) -> list[dict]:
        rng, today = self.rng, self.today
        out: list[dict] = []
        ranked = status in (ProductStatus.CERTIFIED, ProductStatus.EXPIRED, ProductStatus.REVOKED)
        # A collective mark / geographical indication covers the products of its home area.
        if item.mark and p.area in item.areas and rng.random() < 0.6:
            kind, _mark_name, number = item.mark
            out.append({"kind": kind.value, "number": number, "expiry": None, "issuer": "Cục Sở hữu trí tuệ"})
        for kind in item.certs:
            chance = {_G.QUALITY_DECLARATION: 0.55, _G.TRADEMARK: 0.35, _G.VIETGAP: 0.3, _G.ORGANIC: 0.08,
                      _G.HACCP: 0.25, _G.ISO22000: 0.2}.get(kind, 0.2)
            if kind in (_G.HACCP, _G.ISO22000) and p.kind not in _ORG_KINDS:
                chance = 0.02
            if not ranked:
                chance *= 0.5
            if rng.random() >= chance:
                continue
            self.cert_seq += 1
            issued = _date_in(rng, dt.date(max(2016, issued_year - 3), 1, 1), today - dt.timedelta(days=15))
            yy = issued.year % 100
            if kind == _G.TRADEMARK:
                number, expiry = f"4-0{rng.randrange(200000, 560000):06d}-000", _add_years(issued, 10)
            elif kind == _G.VIETGAP:
                number = f"VietGAP-TT-{yy:02d}-{rng.randint(1, 40):02d}-{self.province.code:02d}-{self.cert_seq:04d}"
                expiry = _add_years(issued, rng.choice((2, 3)))
            elif kind == _G.ORGANIC:
                number, expiry = f"HC-{issued.year}-{self.cert_seq:04d}", _add_years(issued, 3)
            elif kind == _G.HACCP:
                number, expiry = f"HACCP-{issued.year}-{self.cert_seq:04d}", _add_years(issued, 3)
            elif kind == _G.ISO22000:
                number, expiry = f"ISO 22000:2018/{self.cert_seq:04d}", _add_years(issued, 3)
            else:  # quality declaration: the producer's own numbering
                number, expiry = f"{rng.randint(1, 12):02d}/{issued.year}/CBSP", None
            out.append({"kind": kind.value, "number": number, "expiry": expiry.isoformat() if expiry else None,
                        "issuer": rng.choice(_ISSUERS.get(kind, ("",)))})
        return out

    def product_name(self, p: _ProducerPlan, item: _Item) -> tuple[str, str]:
        """A product name not yet used by this producer, and the place word it names."""
        rng = self.rng
        for _attempt in range(12):
            template = rng.choice(item.names)
            place = self.item_place(item, p.commune)
            name = template.format(place=place, brand=p.brand) + rng.choice(item.variants)
            if fold(name) not in p.product_names:
                p.product_names.add(fold(name))
                return name, place
        name = f"{name} ({len(p.product_names) + 1})"
        p.product_names.add(fold(name))
        return name, place

    def description(self, item: _Item, place: str, status: ProductStatus) -> str:
        rng = self.rng
        parts = [item.desc.format(place=place)]
        if item.product_set == TOURISM_SET:
            pool = _DESC_TOURISM
        elif item.product_set in (21, 22, 23, 24, 25):
            pool = _DESC_CRAFT
        else:
            pool = _DESC_FOOD
        if not self.is_cb:
            pool = tuple(s for s in pool if "Cao Bằng" not in s)
        if item.product_set in (1, 2):  # fresh produce: no shelf life printed
            pool = tuple(s for s in pool if "Hạn sử dụng" not in s)
        for s in rng.sample(pool, rng.randint(0, 2)):
            parts.append(s.format(qty=f"{rng.randint(2, 60)} tấn", guests=rng.randint(10, 60)))
        if status == ProductStatus.IDEA:
            parts.append(_DESC_IDEA)
        return " ".join(parts)

    def plan_products(self, plans: list[_ProducerPlan], n: int):  # noqa: ANN201 - Iterator[ProductData]
        """Yield ``n`` normalised, validated products of the planned producers, in generation order.

        Statuses follow fixed shares (every status present from 12 products on); 4★/5★ go
        preferably to the stronger producer types; certified products are within their
        36-month validity, expired ones older; serial numbers follow each commune's register
        in the order the products entered it (by year).
        """
        from ocop_desktop.services.products import ProductData
        from ocop_desktop.services.validation import validate_product

        rng, today = self.rng, self.today
        if not plans or not n:
            return
        owners = list(range(len(plans)))[:n]  # every producer has a product while there are enough
        if n > len(owners):
            owners += rng.choices(range(len(plans)), weights=[p.weight for p in plans], k=n - len(owners))
        owners.sort()
        statuses = _quotas(n, _STATUS_SHARES, at_least_one_from=12)
        rng.shuffle(statuses)
        specs: list[tuple[int, _ProducerPlan, _Item, ProductStatus]] = []
        seen_owner: set[int] = set()
        for i, (owner, status) in enumerate(zip(owners, statuses, strict=True)):
            plan = plans[owner]
            item = plan.item
            # Most products are the producer's speciality; some are other kinds of its area.
            if plan.kind != ProducerKind.HOI and owner in seen_owner and rng.random() < 0.35:
                item = _weighted(rng, self.eligible_items(plan.commune, plan.kind))
            seen_owner.add(owner)
            specs.append((i, plan, item, status))

        ranked_statuses = (ProductStatus.CERTIFIED, ProductStatus.EXPIRED, ProductStatus.REVOKED)
        ranked = [sp for sp in specs if sp[3] in ranked_statuses]
        certified = [sp for sp in ranked if sp[3] == ProductStatus.CERTIFIED]
        n5 = round(len(certified) * _FIVE_STAR_SHARE) or (1 if len(certified) >= 40 else 0)
        n4 = max(1 if len(certified) >= 4 else 0, round(len(certified) * _FOUR_STAR_SHARE))
        score = {sp[0]: _STRENGTH[sp[1].kind] * rng.random() for sp in ranked}
        certified.sort(key=lambda sp: -score[sp[0]])
        stars = {sp[0]: 3 for sp in ranked}
        for sp in certified[:n5]:
            stars[sp[0]] = 5
        for sp in certified[n5:n5 + n4]:
            stars[sp[0]] = 4
        for sp in ranked:
            if sp[3] != ProductStatus.CERTIFIED and rng.random() < 0.2 * _STRENGTH[sp[1].kind]:
                stars[sp[0]] = 4

        rows = []
        for i, plan, item, status in specs:
            if status == ProductStatus.CERTIFIED:
                year = rng.randint(today.year - 2, today.year)
            elif status == ProductStatus.EXPIRED:
                year = rng.randint(2019, today.year - 3)
            elif status == ProductStatus.REVOKED:
                year = rng.randint(2019, today.year - 1)
            else:
                year = today.year
            rows.append((plan.commune, year, i, plan, item, status))
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        serial: dict[int, int] = {}
        out: list[tuple[int, ProductData]] = []
        for commune, year, i, plan, item, status in rows:
            serial[commune] = serial.get(commune, 0) + 1
            name, place = self.product_name(plan, item)
            data = ProductData(
                name=name, producer_id=plan.id, product_set=item.product_set, commune_code=commune,
                description=self.description(item, place, status),
                certifications=self.certifications(plan, item, status, year),
                status=status.value, stars=stars.get(i), code_serial=serial[commune], code_year=year,
            ).normalised()
            errors = validate_product(data, today=today)
            if errors:  # a generator bug, never the user's input
                raise RuntimeError(f"demo product {data.name!r} is invalid: {errors}")
            out.append((i, data))
        # In generation order: a natural-looking change log.
        out.sort(key=lambda t: t[0])
        for _i, data in out:
            yield data


# ---------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------

def build_demo(path: os.PathLike[str] | str, *, products: int = 240, producers: int | None = None,
               province: str = "Cao Bằng", seed: int = 1, force: bool = False,
               today: dt.date | None = None,
               progress: Callable[[int, int], None] | None = None) -> DemoResult:
    """Write a demo office database to ``path`` and return what it holds.

    ``producers`` defaults to about half the products. ``progress(done, total)`` is called
    now and then with the number of records written. Raises :class:`BadInput` for an
    existing file without ``force``, an unknown province or negative sizes.
    """
    started = time.perf_counter()
    path = Path(path).expanduser().absolute()
    if products < 0 or (producers is not None and producers < 1):
        raise BadInput(_("--products must be 0 or more and --producers at least 1."))
    prov = geography.find_province(province)
    if prov is None:
        raise BadInput(_("Unknown province “{name}”: use one of the 34 provinces, e.g. “Cao Bằng”.").format(
            name=province))
    if path.is_dir():
        raise BadInput(_("{path} is a folder, not a database file.").format(path=path))
    if path.exists() and not force:
        raise BadInput(_("The file {path} already exists. Choose another file, or use --force to replace it.")
                       .format(path=path))
    n_products = products
    n_producers = producers if producers is not None else (products + 1) // 2
    today = today or DEMO_TODAY

    tmp = path.with_name(path.name + ".building")
    _remove_db_files(tmp)
    try:
        counts = _build(tmp, prov, n_products, n_producers, seed, today, progress)
        _move_into_place(tmp, path)
    except BaseException:
        _remove_db_files(tmp)
        raise
    return DemoResult(path=path, producers=counts[0], products=counts[1], office_name=counts[2],
                      office_role=counts[3], communes=counts[4], seconds=time.perf_counter() - started)


def _remove_db_files(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".open", ".lock"):
        with contextlib.suppress(FileNotFoundError):
            db.with_name(db.name + suffix).unlink()


def _move_into_place(tmp: Path, path: Path) -> None:
    """Replace ``path`` by the finished ``tmp``, unless another OCOP Desktop has it open."""
    from ocop_desktop.db import _acquire_lock

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = _acquire_lock(path)  # raises DatabaseLocked when the old file is in use
    try:
        for suffix in ("-wal", "-shm", ".open"):
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + suffix).unlink()
        os.replace(tmp, path)
        wal = tmp.with_name(tmp.name + "-wal")
        if wal.exists():  # normally checkpointed and removed on close; never leave it behind
            os.replace(wal, path.with_name(path.name + "-wal"))
        with contextlib.suppress(FileNotFoundError):
            tmp.with_name(tmp.name + "-shm").unlink()
    finally:
        lock.release()
    with contextlib.suppress(FileNotFoundError):
        tmp.with_name(tmp.name + ".lock").unlink()


def _build(db_path: Path, prov: geography.Province, n_products: int, n_producers: int, seed: int,
           today: dt.date, progress: Callable[[int, int], None] | None) -> tuple[int, int, str, str, int]:
    from ocop_desktop.db import Database
    from ocop_desktop.models import Office, Producer, Product
    from ocop_desktop.services import office as office_service
    from ocop_desktop.services.producers import _apply as apply_producer
    from ocop_desktop.services.products import format_product_code
    from ocop_desktop.services.validation import validate_producer

    gen = _Generator(prov, seed, today)
    office_name, role, communes = gen.plan_office(n_products)
    total = n_producers + n_products
    done = n_made_products = 0

    db = Database.open(db_path)
    try:
        with db.session() as s:
            # The office row is made first with ids from the seed, then set up by the service.
            s.add(Office(id=gen.new_id(), incarnation=gen.new_id(), is_local=True, name=office_name, role=role,
                         province_code=prov.code))
            s.flush()
            officer = gen.person(communes[0], female_share=0.5).name
            info = office_service.save_local_office(s, office_service.OfficeData(
                name=office_name, role=role, province_code=prov.code,
                commune_codes=communes if role == OfficeRole.FIELD else [], officer_name=officer))
            s.info["office_id"] = info.id
            office_communes = list(info.commune_codes)

            # -- producers ------------------------------------------------------------------
            plans = gen.plan_producers(n_producers, office_communes)
            batch: list[object] = []
            for plan in plans:
                norm = gen.producer_data(plan).normalised()
                errors = validate_producer(norm, today=today, office_communes=office_communes)
                if errors:  # a generator bug, never the user's input
                    raise RuntimeError(f"demo producer {norm.name!r} is invalid: {errors}")
                obj = Producer(id=gen.new_id())
                apply_producer(obj, norm)
                plan.id = obj.id
                batch.append(obj)
                if len(batch) >= CHUNK:
                    done += _flush(s, batch, progress, done, total)
            done += _flush(s, batch, progress, done, total)

            # -- products --------------------------------------------------------------------
            batch = []
            for data in gen.plan_products(plans, n_products):
                batch.append(Product(
                    id=gen.new_id(), name=data.name, producer_id=data.producer_id, product_set=data.product_set,
                    commune_code=data.commune_code, description=data.description,
                    certifications=data.certifications, status=data.status, stars=data.stars,
                    code_serial=data.code_serial, code_year=data.code_year, photos=data.photos,
                    code=format_product_code(prov.code, data.commune_code, data.code_serial, data.code_year)))
                n_made_products += 1
                if len(batch) >= CHUNK:
                    done += _flush(s, batch, progress, done, total)
            done += _flush(s, batch, progress, done, total)
        db.refresh_office()
        with db.engine.begin() as con:
            from sqlalchemy import text

            con.execute(text("PRAGMA optimize"))
            # Everything into the main file, so that moving it into place moves the whole office.
            con.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        db.close()
    return len(plans), n_made_products, office_name, role, len(office_communes)


def _flush(session, batch: list, progress, done: int, total: int) -> int:  # noqa: ANN001
    """Add and flush one chunk (the change-log rows are written by the flush hook)."""
    n = len(batch)
    if not n:
        return 0
    session.add_all(batch)
    session.flush()
    # Forget the flushed objects (and their change-log rows): keeps memory small.
    session.expunge_all()
    batch.clear()
    if progress:
        progress(done + n, total)
    return n
