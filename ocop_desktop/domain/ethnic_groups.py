"""Vietnam's 54 ethnic groups (dân tộc) with the General Statistics Office codes
(danh mục các dân tộc Việt Nam, QĐ 121-TCTK/PPCĐ, 1979, as used on ID and census forms).

Criterion 3.2 of every scoring sheet gives a point when the producer's legal
representative belongs to an ethnic minority, i.e. anyone but Kinh (code 01).
"""

from __future__ import annotations

ETHNIC_GROUPS: tuple[tuple[str, str], ...] = (
    ("01", "Kinh"), ("02", "Tày"), ("03", "Thái"), ("04", "Hoa"), ("05", "Khơ-me"),
    ("06", "Mường"), ("07", "Nùng"), ("08", "Mông"), ("09", "Dao"), ("10", "Gia-rai"),
    ("11", "Ngái"), ("12", "Ê-đê"), ("13", "Ba-na"), ("14", "Xơ-đăng"), ("15", "Sán Chay"),
    ("16", "Cơ-ho"), ("17", "Chăm"), ("18", "Sán Dìu"), ("19", "Hrê"), ("20", "Mnông"),
    ("21", "Ra-glai"), ("22", "Xtiêng"), ("23", "Bru-Vân Kiều"), ("24", "Thổ"), ("25", "Giáy"),
    ("26", "Cơ-tu"), ("27", "Gié-Triêng"), ("28", "Mạ"), ("29", "Khơ-mú"), ("30", "Co"),
    ("31", "Tà-ôi"), ("32", "Chơ-ro"), ("33", "Kháng"), ("34", "Xinh-mun"), ("35", "Hà Nhì"),
    ("36", "Chu-ru"), ("37", "Lào"), ("38", "La Chí"), ("39", "La Ha"), ("40", "Phù Lá"),
    ("41", "La Hủ"), ("42", "Lự"), ("43", "Lô Lô"), ("44", "Chứt"), ("45", "Mảng"),
    ("46", "Pà Thẻn"), ("47", "Cờ Lao"), ("48", "Cống"), ("49", "Bố Y"), ("50", "Si La"),
    ("51", "Pu Péo"), ("52", "Brâu"), ("53", "Ơ-đu"), ("54", "Rơ-măm"),
)

BY_CODE: dict[str, str] = dict(ETHNIC_GROUPS)
KINH = "01"


def name(code: str | None) -> str:
    return BY_CODE.get(code or "", "")


def is_minority(code: str | None) -> bool:
    return bool(code) and code in BY_CODE and code != KINH
