"""The 26 product sets (bộ sản phẩm) of Decision 26/2026/QĐ-TTg, Phụ lục I.

Official names stay Vietnamese in every UI language: they name things in law.
Numbering follows Phụ lục II (one scoring sheet per set). Six groups (nhóm sản phẩm,
Roman numerals) → 17 nhóm → 26 sets. Sheet-header labels that differ from Phụ lục I
are kept as ``sheet_group_alias`` (domain brief §2.1).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProductGroup:
    code: str  # Roman numeral, "I".."VI"
    name: str


@dataclass(frozen=True)
class ProductSet:
    number: int  # 1..26, the sheet number of Phụ lục II
    group: str  # Roman numeral of the group
    nhom_no: int  # number of the nhóm within the group
    nhom: str  # nhóm name
    phan_nhom: str  # "a."-style sub-group label with name, or "" when the nhóm has none
    title: str  # the set's name as shown in lists
    ministry: str
    sheet_group_alias: str = ""

    @property
    def group_name(self) -> str:
        return GROUPS[self.group].name

    def label(self) -> str:
        return f"{self.number}. {self.title}"

    def path_label(self) -> str:
        """'I. Thực phẩm › 3. Thực phẩm chế biến › c. Chế biến từ rau, củ, quả, hạt'."""
        parts = [f"{self.group}. {self.group_name}", f"{self.nhom_no}. {self.nhom}"]
        if self.phan_nhom:
            parts.append(self.phan_nhom)
        return " › ".join(parts)


GROUPS: dict[str, ProductGroup] = {
    g.code: g
    for g in (
        ProductGroup("I", "Thực phẩm"),
        ProductGroup("II", "Đồ uống"),
        ProductGroup("III", "Dược liệu và sản phẩm từ dược liệu"),
        ProductGroup("IV", "Hàng thủ công mỹ nghệ"),
        ProductGroup("V", "Sinh vật cảnh"),
        ProductGroup("VI", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"),
    )
}

_NN = "Bộ NN&MT"
_CT = "Bộ Công Thương"
_YT = "Bộ Y tế"

PRODUCT_SETS: tuple[ProductSet, ...] = (
    ProductSet(1, "I", 1, "Thực phẩm tươi sống", "a. Rau, củ, quả, hạt tươi", "Rau, củ, quả, hạt tươi", _NN),
    ProductSet(2, "I", 1, "Thực phẩm tươi sống", "b. Thịt, thủy sản, trứng, sữa tươi", "Thịt, thủy sản, trứng, sữa tươi", _NN),
    ProductSet(3, "I", 2, "Thực phẩm thô, sơ chế", "a. Gạo, ngũ cốc, hạt sơ chế khác", "Gạo, ngũ cốc, hạt sơ chế khác", _NN),
    ProductSet(4, "I", 2, "Thực phẩm thô, sơ chế", "b. Mật ong, mật khác và nông sản thực phẩm khác", "Mật ong, mật khác và nông sản thực phẩm khác", _NN),
    ProductSet(5, "I", 3, "Thực phẩm chế biến", "a. Đồ ăn nhanh", "Đồ ăn nhanh", _CT),
    ProductSet(6, "I", 3, "Thực phẩm chế biến", "b. Chế biến từ gạo, ngũ cốc", "Chế biến từ gạo, ngũ cốc", f"{_NN}; {_CT}"),
    ProductSet(7, "I", 3, "Thực phẩm chế biến", "c. Chế biến từ rau, củ, quả, hạt", "Chế biến từ rau, củ, quả, hạt", _NN, "Nông sản chế biến"),
    ProductSet(
        8, "I", 3, "Thực phẩm chế biến",
        "d. Chế biến từ thịt, trứng, sữa, thủy sản, các sản phẩm từ mật ong, mật khác và nông sản thực phẩm khác",
        "Chế biến từ thịt, trứng, sữa, thủy sản, mật ong, mật khác và nông sản thực phẩm khác",
        f"{_NN}; {_CT}", "Nông sản chế biến",
    ),
    ProductSet(9, "I", 4, "Gia vị", "a. Tương, nước mắm, gia vị dạng lỏng khác", "Tương, nước mắm, gia vị dạng lỏng khác", _NN),
    ProductSet(10, "I", 4, "Gia vị", "b. Gia vị khác", "Gia vị khác (muối, hành, tỏi, tiêu)", _NN),
    ProductSet(11, "I", 5, "Chè", "a. Chè tươi, chế biến", "Chè tươi, chè chế biến", _NN),
    ProductSet(12, "I", 5, "Chè", "b. Sản phẩm chè từ thực vật khác", "Sản phẩm trà từ thực vật khác", _NN),
    ProductSet(13, "I", 6, "Cà phê, ca cao", "", "Cà phê, ca cao", _NN),
    ProductSet(14, "II", 1, "Đồ uống có cồn", "a. Rượu trắng", "Rượu trắng", _CT),
    ProductSet(15, "II", 1, "Đồ uống có cồn", "b. Đồ uống có cồn khác", "Đồ uống có cồn khác", _CT),
    ProductSet(16, "II", 2, "Đồ uống không cồn", "a. Nước khoáng thiên nhiên, nước uống đóng chai", "Nước khoáng thiên nhiên, nước uống đóng chai", _YT),
    ProductSet(17, "II", 2, "Đồ uống không cồn", "b. Đồ uống không cồn khác", "Đồ uống không cồn khác", _CT),
    ProductSet(18, "III", 1, "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền", "", "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền", _YT),
    ProductSet(19, "III", 2, "Mỹ phẩm có thành phần từ dược liệu", "", "Mỹ phẩm có thành phần từ dược liệu", _YT, "Mỹ phẩm"),
    ProductSet(20, "III", 3, "Tinh dầu và dược liệu khác", "", "Tinh dầu và dược liệu khác", f"{_YT}; {_CT}", "Dược liệu khác"),
    ProductSet(21, "IV", 1, "Thủ công mỹ nghệ gia dụng, trang trí", "", "Thủ công mỹ nghệ gia dụng, trang trí", f"{_CT}; {_NN}"),
    ProductSet(22, "IV", 2, "Vải, may mặc", "", "Vải, may mặc", _CT),
    ProductSet(23, "V", 1, "Hoa", "", "Hoa", _NN),
    ProductSet(24, "V", 2, "Cây cảnh", "", "Cây cảnh", _NN),
    ProductSet(25, "V", 3, "Động vật cảnh", "", "Động vật cảnh", _NN),
    ProductSet(
        26, "VI", 1, "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch", "",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch", f"Bộ VH-TT&DL; {_NN}",
    ),
)

BY_NUMBER: dict[int, ProductSet] = {s.number: s for s in PRODUCT_SETS}

#: Sets whose sheets carry the food-safety rejection rule ("Hồ sơ bị loại khi…").
FOOD_SETS = frozenset(range(1, 14))
#: The tourism set: no samples, and hội/hiệp hội may register (Điều 2.3).
TOURISM_SET = 26


def get(number: int) -> ProductSet:
    try:
        return BY_NUMBER[number]
    except KeyError:
        raise KeyError(f"unknown product set {number}") from None
