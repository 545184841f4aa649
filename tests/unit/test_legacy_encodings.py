"""TCVN3 (.VnTime) and VNI-Windows → Unicode: every Vietnamese letter, golden strings written
the way the legacy fonts store them, detection from fonts and from the characters alone."""

from __future__ import annotations

import unicodedata

import pytest

from ocop_desktop.excel import import_legacy as L

# Every Vietnamese letter with its TCVN3 and VNI spelling (the fonts' code tables).
TCVN3 = {
    "à": "µ", "á": "¸", "ả": "¶", "ã": "·", "ạ": "¹", "ă": "¨", "ằ": "»", "ắ": "¾", "ẳ": "¼", "ẵ": "½", "ặ": "Æ",
    "â": "©", "ầ": "Ç", "ấ": "Ê", "ẩ": "È", "ẫ": "É", "ậ": "Ë", "đ": "®", "è": "Ì", "é": "Ð", "ẻ": "Î", "ẽ": "Ï",
    "ẹ": "Ñ", "ê": "ª", "ề": "Ò", "ế": "Õ", "ể": "Ó", "ễ": "Ô", "ệ": "Ö", "ì": "×", "í": "Ý", "ỉ": "Ø", "ĩ": "Ü",
    "ị": "Þ", "ò": "ß", "ó": "ã", "ỏ": "á", "õ": "â", "ọ": "ä", "ô": "«", "ồ": "å", "ố": "è", "ổ": "æ", "ỗ": "ç",
    "ộ": "é", "ơ": "¬", "ờ": "ê", "ớ": "í", "ở": "ë", "ỡ": "ì", "ợ": "î", "ù": "ï", "ú": "ó", "ủ": "ñ", "ũ": "ò",
    "ụ": "ô", "ư": "\u00ad", "ừ": "õ", "ứ": "ø", "ử": "ö", "ữ": "÷", "ự": "ù", "ỳ": "ú", "ý": "ý", "ỷ": "û",
    "ỹ": "ü", "ỵ": "þ",
    "Ă": "¡", "Â": "¢", "Đ": "§", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦",
    "À": "Aµ", "Á": "A¸", "Ấ": "¢Ê", "Ặ": "¡Æ", "Ế": "£Õ", "Ộ": "¤é", "Ờ": "¥ê", "Ữ": "¦÷", "Ỳ": "Yú", "Ĩ": "IÜ",
}
VNI = {
    "à": "aø", "á": "aù", "ả": "aû", "ã": "aõ", "ạ": "aï", "ă": "aê", "ằ": "aè", "ắ": "aé", "ẳ": "aú", "ẵ": "aü",
    "ặ": "aë", "â": "aâ", "ầ": "aà", "ấ": "aá", "ẩ": "aå", "ẫ": "aã", "ậ": "aä", "đ": "ñ", "è": "eø", "é": "eù",
    "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï", "ê": "eâ", "ề": "eà", "ế": "eá", "ể": "eå", "ễ": "eã", "ệ": "eä", "ì": "ì",
    "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ò": "oø", "ó": "où", "ỏ": "oû", "õ": "oõ", "ọ": "oï", "ô": "oâ",
    "ồ": "oà", "ố": "oá", "ổ": "oå", "ỗ": "oã", "ộ": "oä", "ơ": "ô", "ờ": "ôø", "ớ": "ôù", "ở": "ôû", "ỡ": "ôõ",
    "ợ": "ôï", "ù": "uø", "ú": "uù", "ủ": "uû", "ũ": "uõ", "ụ": "uï", "ư": "ö", "ừ": "öø", "ứ": "öù", "ử": "öû",
    "ữ": "öõ", "ự": "öï", "ỳ": "yø", "ý": "yù", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
    "À": "AØ", "Ấ": "AÁ", "Ặ": "AË", "Đ": "Ñ", "Ơ": "Ô", "Ư": "Ö", "Ợ": "ÔÏ", "Ị": "Ò", "Ỵ": "Î", "Ễ": "EÃ",
}


def test_the_tables_cover_every_vietnamese_letter() -> None:
    lower = [c for c in L.LETTERS if c.islower()]
    assert len(L.LETTERS) == 134 and len(lower) == 67
    assert set(lower) <= set(TCVN3) and set(lower) <= set(VNI)


@pytest.mark.parametrize("which,table", [("tcvn3", TCVN3), ("vni", VNI)])
def test_every_letter_decodes(which, table) -> None:  # noqa: ANN001
    for letter, legacy in table.items():
        assert L.decode(legacy, which) == letter, (which, letter, legacy)


@pytest.mark.parametrize("which", ["tcvn3", "vni"])
def test_every_letter_round_trips(which) -> None:  # noqa: ANN001
    for letter in L.LETTERS:
        assert L.decode(L.encode(letter, which), which) == letter


@pytest.mark.parametrize("legacy,which,text", [
    ("B¶o Th¾ng", "tcvn3", "Bảo Thắng"),
    ("M\u00adêng Kh\u00ad¬ng", "tcvn3", "Mường Khương"),  # ư is the soft hyphen
    ("Hîp t¸c x· N«ng nghiÖp", "tcvn3", "Hợp tác xã Nông nghiệp"),
    ("§\u00adêng phÌn", "tcvn3", "Đường phèn"),
    ("Tieáng Vieät", "vni", "Tiếng Việt"),
    ("Hôïp taùc xaõ", "vni", "Hợp tác xã"),
    ("Ñöôøng Ñình Phong", "vni", "Đường Đình Phong"),
])
def test_golden_strings(legacy, which, text) -> None:  # noqa: ANN001
    out = L.decode(legacy, which)
    assert out == text and unicodedata.is_normalized("NFC", out)


def test_upper_case_font_vntimeh() -> None:
    assert L.font_encoding(".VnTimeH") == ("tcvn3", True)
    assert L.font_encoding(".VnTime") == ("tcvn3", False)
    assert L.font_encoding("VNI-Times") == ("vni", False)
    assert L.font_encoding("Times New Roman") == (None, False)
    assert L.decode("danh s¸ch s¶n phÈm", "tcvn3", upper=True) == "DANH SÁCH SẢN PHẨM"


def test_detection_from_characters() -> None:
    text = "Hợp tác xã Nông nghiệp Trùng Khánh; Hộ kinh doanh Nguyễn Thị Huyền, xóm Pác Bó; Đường Ưng"
    assert L.detect([L.encode(text, "tcvn3")]) == "tcvn3"
    assert L.detect([L.encode(text, "vni")]) == "vni"
    assert L.detect([text]) is None  # Unicode already
    assert L.detect(["Tra Linh 123", "STT"]) is None  # plain ASCII
    assert L.detect(["café crème brûlée"]) is None  # Latin-1, not Vietnamese either way
