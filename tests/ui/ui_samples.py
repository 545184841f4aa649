"""Realistic records for the UI tests (and the screenshots), created through the services."""

from __future__ import annotations

from dataclasses import dataclass, field

from ocop_desktop.domain.identifiers import make_tax_code
from ocop_desktop.services.producers import ProducerData, create_producer
from ocop_desktop.services.products import ProductData, create_product

TRUNG_KHANH, DINH_PHONG, DAM_THUY, DOAI_DUONG = 1477, 1489, 1501, 1525

# (kind, name, commune, representative, phone)
PRODUCERS = [
    ("htx", "Hợp tác xã Nông nghiệp Phia Đén", TRUNG_KHANH, "Nông Văn Thành", "0912 345 678"),
    ("htx", "HTX Hạt dẻ Trùng Khánh", TRUNG_KHANH, "Đàm Thị Lan", "0206 3826 123"),
    ("ho_kd", "Hộ kinh doanh Lạp sườn Tâm Hòa", DINH_PHONG, "Hoàng Văn Tâm", "0987 112 233"),
    ("tnhh", "Công ty TNHH Thạch đen Thạch An", DAM_THUY, "Lương Thị Hạnh", "0915 778 899"),
    ("htx", "HTX Gạo nếp hương Đoài Dương", DOAI_DUONG, "Bế Văn Quân", "0368 456 789"),
    ("tht", "Tổ hợp tác Khẩu Sli Đình Phong", DINH_PHONG, "Ma Thị Thu", "0979 221 345"),
    ("ctcp", "Công ty Cổ phần Trà Kolia Cao Bằng", TRUNG_KHANH, "Triệu Văn Kiên", "0904 567 123"),
    ("trang_trai", "Trang trại Dao Phúc Sen", DAM_THUY, "Đặng Văn Phúc", "0338 990 112"),
    ("ho_sx", "Hộ sản xuất Đường phên Đàm Thuỷ", DAM_THUY, "Nông Thị Mai", "0969 345 222"),
    ("dntn", "Doanh nghiệp tư nhân Mật ong Bản Giốc", TRUNG_KHANH, "Lục Văn Sơn", "0943 876 543"),
    ("htx", "HTX Dịch vụ du lịch Bản Giốc", DOAI_DUONG, "Hà Thị Nguyệt", "0917 456 321"),
    ("ho_kd", "Hộ kinh doanh Rượu ngô Đoài Dương", DOAI_DUONG, "Sầm Văn Hùng", "0388 765 432"),
]

# (producer index, name, product set, status, stars)
PRODUCTS = [
    (0, "Miến dong Phia Đén", 6, "dat_ocop", 4),
    (0, "Bột dong riềng Phia Đén", 6, "dat_ocop", 3),
    (1, "Hạt dẻ Trùng Khánh rang", 7, "dat_ocop", 4),
    (1, "Hạt dẻ Trùng Khánh tươi", 1, "dang_danh_gia", None),
    (2, "Lạp sườn Tâm Hòa", 8, "dat_ocop", 3),
    (2, "Thịt lợn hun khói Tâm Hòa", 8, "dang_ky", None),
    (3, "Thạch đen Thạch An", 17, "dat_ocop", 4),
    (3, "Thạch đen khô Thạch An", 7, "dat_ocop", 3),
    (4, "Gạo nếp hương Đoài Dương", 3, "dat_ocop", 3),
    (4, "Bánh chưng đen Đoài Dương", 6, "y_tuong", None),
    (5, "Bánh Khẩu Sli Đình Phong", 6, "dat_ocop", 3),
    (5, "Bánh áp chao Đình Phong", 6, "dang_ky", None),
    (6, "Trà Kolia Cao Bằng", 12, "dat_ocop", 4),
    (6, "Trà Kolia túi lọc", 12, "dang_danh_gia", None),
    (7, "Dao Phúc Sen", 21, "dat_ocop", 4),
    (7, "Kéo rèn Phúc Sen", 21, "dang_ky", None),
    (8, "Đường phên Đàm Thuỷ", 4, "dat_ocop", 3),
    (8, "Kẹo lạc đường phên", 7, "het_han", 3),
    (9, "Mật ong hoa bạc hà Bản Giốc", 4, "dat_ocop", 4),
    (9, "Mật ong rừng Trùng Khánh", 4, "thu_hoi", 3),
    (10, "Du lịch cộng đồng Bản Giốc", 26, "dat_ocop", 3),
    (10, "Homestay Bản Thôm", 26, "y_tuong", None),
    (11, "Rượu ngô men lá Đoài Dương", 14, "dat_ocop", 3),
    (11, "Rượu mác mật", 15, "dang_danh_gia", None),
]


def make_office(db) -> None:  # noqa: ANN001
    """The same office as the shared ``db`` fixture (Cao Bằng, four communes)."""
    from ocop_desktop.services import office

    with db.session() as s:
        office.save_local_office(s, office.OfficeData(
            name="Trung tâm Dịch vụ nông nghiệp Trùng Khánh", role="field", province_code=4,
            commune_codes=[TRUNG_KHANH, DINH_PHONG, DAM_THUY, DOAI_DUONG], officer_name="Nông Thị Hoa"))
    db.refresh_office()


def tax_code(i: int) -> str:
    n = 100_000_000 + i * 7919
    while True:
        code = make_tax_code(f"{n:09d}")
        if code:
            return code
        n += 1


def fill(db, producers: list | None = None, products: list | None = None) -> dict[str, str]:  # noqa: ANN001
    """Create the sample records; return {name: id} for producers and products."""
    producers = PRODUCERS if producers is None else producers
    products = PRODUCTS if products is None else products
    ids: dict[str, str] = {}
    producer_ids: list[str] = []
    with db.session() as s:
        for i, (kind, name, commune, rep, phone) in enumerate(producers):
            p = create_producer(s, ProducerData(kind=kind, name=name, identifier=tax_code(i), commune_code=commune,
                                                rep_name=rep, phone=phone))
            producer_ids.append(p.id)
            ids[name] = p.id
        for pi, name, pset, status, stars in products:
            p = create_product(s, ProductData(name=name, producer_id=producer_ids[pi], product_set=pset,
                                              status=status, stars=stars))
            p.stars = stars  # the register's cached stars (as an office from before 0005 holds them)
            ids[name] = p.id
    return ids


@dataclass
class Modals:
    """Stands in for the record dialogs' modal message boxes (``ui.dialogs.messages``):
    records what was asked and shown, and answers questions from a queue (default: yes)."""

    answers: list[bool] = field(default_factory=list)
    asked: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
