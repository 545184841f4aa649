"""Reference data for demo offices: Cao Bằng in detail (former districts, villages,
people's names by ethnicity), producer types and shares, the region's product catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from ocop_desktop.domain.vocab import CertificationKind, ProducerKind, ProductStatus

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

