"""Cell values of imported workbooks → typed values: stars, dates (day first, never month
first), Vietnamese numbers, codes kept as text, producer type from a name, a decision cell.

Every parser takes what the reader gives (str, int, float, date, datetime, bool, None) and
raises :class:`ValueProblem` with a Vietnamese-facing reason when the value cannot be read.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ocop_desktop.domain.vocab import ProducerKind
from ocop_desktop.i18n import _
from ocop_desktop.text import fold, nfc


class ValueProblem(ValueError):
    """A cell that cannot be read as the field needs; ``str()`` is the reason shown."""


def cell_text(value: object) -> str:
    """Any cell as NFC text: whole floats without ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return nfc(str(value))


# ---------------------------------------------------------------------------------------------
# Stars

_STAR_GLYPHS = "★☆*⭐"
_STARS_TEXT = re.compile(r"^(?:hang\s*)?0?([1-5])\s*(?:sao|\*|s|star|stars)?$")


def parse_stars(value: object) -> int | None:
    """"04 sao", "3*", "3 sao", "★★★", "3", 3.0, "Tiềm năng 5 sao" → 3..5 (1..5 accepted)."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 5:
            return int(value)
        raise ValueProblem(_("stars must be 1 to 5, not {value}").format(value=cell_text(value)))
    text = nfc(str(value))
    glyphs = sum(text.count(g) for g in "★⭐")
    if glyphs and not text.strip("★⭐☆ "):
        if 1 <= glyphs <= 5:
            return glyphs
    folded = fold(text).replace("tiem nang", "").strip()
    m = _STARS_TEXT.match(folded)
    if m:
        return int(m.group(1))
    m = re.search(r"\b0?([1-5])\s*(?:sao|\*)", folded)
    if m:
        return int(m.group(1))
    raise ValueProblem(_("cannot read stars from \"{value}\" (write e.g. 3, \"3 sao\", \"04 sao\", ★★★)").format(
        value=text))


# ---------------------------------------------------------------------------------------------
# Dates

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")


def parse_date(value: object) -> dt.date | None:
    """A date cell, an Excel serial, or text d/m/yyyy, d-m-yyyy, d.m.yyyy, d/m/yy, ISO
    yyyy-mm-dd or "ngày 31 tháng 01 năm 2024". Day first always: "05/03/2024" is 5 March."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's range, 1900-01-01 … 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueProblem(_("{value} is not a date").format(value=cell_text(value)))
    text = nfc(str(value))
    folded = fold(text)
    parts = None
    if m := _DMY.match(folded):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if year < 100:
            year += 2000 if year < 70 else 1900
        parts = (year, month, day)
    elif m := _YMD.match(folded):
        parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif m := _WORDS.search(folded):
        parts = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    elif re.fullmatch(r"\d+(\.0)?", folded):
        return parse_date(float(folded))
    if parts is None:
        raise ValueProblem(_("cannot read the date \"{value}\" (write day/month/year, e.g. 22/11/2026)").format(
            value=text))
    try:
        return dt.date(*parts)
    except ValueError:
        raise ValueProblem(_("\"{value}\" is not a real date (day/month/year)").format(value=text)) from None


# ---------------------------------------------------------------------------------------------
# Numbers

_UNITS = re.compile(r"(đồng|dong|vnd|vnđ|đ|điểm|diem|%)$", re.IGNORECASE)


def parse_decimal(value: object) -> Decimal | None:
    """Vietnamese separators: "87,5" = 87.5, "1.200.000" = 1200000, "1.234,5"; also "87.5" and
    plain numbers. A trailing unit (đ, điểm, %) is dropped."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueProblem(_("{value} is not a number").format(value=value))
    if isinstance(value, int | float):
        return Decimal(str(value)).normalize() if isinstance(value, float) else Decimal(value)
    text = _UNITS.sub("", nfc(str(value)).replace("\u00a0", " ")).strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):  # 1.200.000 or 1.234,5
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d+,\d+", text):  # 87,5
        text = text.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):  # 1,200,000 (English)
        text = text.replace(",", "")
    try:
        out = Decimal(text)
    except InvalidOperation:
        raise ValueProblem(_("\"{value}\" is not a number").format(value=nfc(str(value)))) from None
    if not out.is_finite():
        raise ValueProblem(_("\"{value}\" is not a number").format(value=nfc(str(value))))
    return out


def parse_int(value: object) -> int | None:
    d = parse_decimal(value)
    if d is None:
        return None
    if d != d.to_integral_value():
        raise ValueProblem(_("{value} is not a whole number").format(value=cell_text(value)))
    return int(d)


# ---------------------------------------------------------------------------------------------
# Codes (tax codes, product codes, phone numbers): text, with the leading zeros restored

_ZERO_FORMAT = re.compile(r"^0+$")


def parse_code(value: object, number_format: str | None = None, width: int | None = None) -> str:
    """A code as text. A number cell loses its leading zeros: they are restored from the cell's
    number format ("00000" → 5 digits) or ``width`` (the field's usual length, e.g. 10 for a tax
    code whose first digit was a 0)."""
    if value is None or value == "":
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return cell_text(value)
        digits = str(int(value))
        fmt = (number_format or "").split(";")[0].strip().strip('"')
        if _ZERO_FORMAT.match(fmt):
            return digits.zfill(len(fmt))
        if width and len(digits) == width - 1:
            return digits.zfill(width)
        return digits
    return nfc(str(value)).replace(" ", "") if re.fullmatch(r"[\d .\-]+", str(value).strip()) else nfc(str(value))


def parse_phone(value: object, number_format: str | None = None) -> str:
    """A phone number: a number cell lost its 0 ("912345678" → "0912345678")."""
    text = parse_code(value, number_format)
    digits = re.sub(r"\D", "", text)
    if text and text == digits and len(digits) == 9 and not digits.startswith("0"):
        return "0" + digits
    return text


# ---------------------------------------------------------------------------------------------
# Producer type

_KIND_PREFIXES: tuple[tuple[str, ProducerKind], ...] = (
    ("hop tac xa", ProducerKind.HTX), ("htx", ProducerKind.HTX),
    ("to hop tac", ProducerKind.THT), ("tht", ProducerKind.THT),
    ("cong ty tnhh", ProducerKind.CONG_TY_TNHH), ("cty tnhh", ProducerKind.CONG_TY_TNHH),
    ("cong ty trach nhiem huu han", ProducerKind.CONG_TY_TNHH),
    ("cong ty co phan", ProducerKind.CONG_TY_CP), ("cong ty cp", ProducerKind.CONG_TY_CP),
    ("cty cp", ProducerKind.CONG_TY_CP), ("ctcp", ProducerKind.CONG_TY_CP),
    ("doanh nghiep tu nhan", ProducerKind.DNTN), ("dntn", ProducerKind.DNTN),
    ("ho kinh doanh", ProducerKind.HO_KINH_DOANH), ("hkd", ProducerKind.HO_KINH_DOANH),
    ("co so", ProducerKind.HO_KINH_DOANH),
    ("ho san xuat", ProducerKind.HO_SAN_XUAT), ("ho gia dinh", ProducerKind.HO_SAN_XUAT),
    ("ho ong", ProducerKind.HO_SAN_XUAT), ("ho ba", ProducerKind.HO_SAN_XUAT),
    ("trang trai", ProducerKind.TRANG_TRAI),
    ("hiep hoi", ProducerKind.HOI), ("hoi ", ProducerKind.HOI),
    ("cong ty", ProducerKind.CONG_TY_TNHH),  # a bare "Công ty …" is most often a TNHH
    ("doanh nghiep", ProducerKind.DNTN),
)
# Loại hình cells: the same words without the name after them, plus the short forms.
_KIND_WORDS: dict[str, ProducerKind] = {
    "doanh nghiep": ProducerKind.CONG_TY_TNHH, "tnhh": ProducerKind.CONG_TY_TNHH,
    "cong ty": ProducerKind.CONG_TY_TNHH, "co phan": ProducerKind.CONG_TY_CP, "cp": ProducerKind.CONG_TY_CP,
    "ho": ProducerKind.HO_SAN_XUAT, "ca nhan": ProducerKind.HO_SAN_XUAT,
}


def kind_from_name(name: str) -> ProducerKind | None:
    """The producer type a name starts with ("HTX …", "Công ty TNHH …", "Hộ kinh doanh …")."""
    folded = fold(name) + " "
    for prefix, kind in _KIND_PREFIXES:
        if folded.startswith(prefix):
            return kind
    return None


def parse_kind(value: object) -> ProducerKind | None:
    """A "Loại hình" cell: "HTX", "Hợp tác xã", "Công ty TNHH", "Hộ kinh doanh", "DNTN"…"""
    text = cell_text(value)
    if not text:
        return None
    folded = fold(text)
    for kind in ProducerKind:
        if folded == kind.value:
            return kind
    if folded in _KIND_WORDS:
        return _KIND_WORDS[folded]
    kind = kind_from_name(text)
    if kind is None:
        raise ValueProblem(_("unknown producer type \"{value}\" (HTX, Công ty TNHH, Công ty CP, DNTN, Tổ hợp tác, "
                             "Hộ kinh doanh, Hộ sản xuất, Trang trại)").format(value=text))
    return kind


# ---------------------------------------------------------------------------------------------
# Decisions: "1234/QĐ-UBND ngày 31/01/2024" in one cell

_DECISION = re.compile(r"^\s*(?:(?:quyết định|qđ)\s*(?:số)?\s*)?([0-9][\w./\-–]*)\s*(?:,\s*)?(?:ngày\s*(.+))?$",
                       re.IGNORECASE)


def split_decision(value: object) -> tuple[str, dt.date | None]:
    """(number, date or None) from a decision cell; the date may be absent."""
    text = cell_text(value)
    if not text:
        return "", None
    m = _DECISION.match(text)
    if not m:
        return text, None
    number = m.group(1).strip().rstrip(",;")
    when = parse_date(m.group(2).strip()) if m.group(2) else None
    return number, when
