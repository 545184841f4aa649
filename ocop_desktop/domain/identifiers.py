"""Producer identifiers (domain brief §9.2) — pure validation, no I/O.

* 10-digit tax / enterprise code (mã số thuế): N1–N9 + check digit N10, where
  N10 = 10 − (Σ dᵢ·wᵢ mod 11) with weights 31, 29, 23, 19, 17, 13, 7, 5, 3
  (Thông tư 105/2020/TT-BTC; a remainder of 0 would need check digit 10, so such
  codes are never issued).
* 13-digit branch code ``NNNNNNNNNN-NNN``: the parent's 10-digit code + 001–999.
* 12-digit personal identification number (số định danh cá nhân / CCCD), used by
  household and individual businesses since 1/7/2025: 3-digit birth-province code,
  century-and-sex digit, 2-digit birth year, 6 random digits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)

# Birth-province prefixes of the personal ID: the 63 provinces before 7/2025
# (numbers on ID cards do not change with the 2025 merger).
_ID_PROVINCES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 "
    "034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 "
    "067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)


class IdentifierKind(StrEnum):
    TAX_CODE = "mst10"
    BRANCH_CODE = "mst13"
    PERSONAL_ID = "cccd12"


@dataclass(frozen=True)
class Identifier:
    kind: IdentifierKind
    value: str  # normalised: digits, with the hyphen for branch codes


class IdentifierError(ValueError):
    """``code`` names the problem so the UI can phrase it; see services.validation."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code if not detail else f"{code}: {detail}")
        self.code = code
        self.detail = detail


def tax_check_digit(first9: str) -> int | None:
    """Check digit for nine digits, or None when no valid code can end them."""
    total = sum(int(d) * w for d, w in zip(first9, _WEIGHTS, strict=True))
    check = 10 - total % 11
    return None if check == 10 else check


def is_valid_tax_code(code: str) -> bool:
    if len(code) != 10 or not code.isdigit():
        return False
    return tax_check_digit(code[:9]) == int(code[9])


def make_tax_code(first9: str) -> str | None:
    """Complete nine digits with their check digit (demo data, tests)."""
    check = tax_check_digit(first9)
    return None if check is None else first9 + str(check)


_CLEAN = re.compile(r"[\s.]")


def normalise(raw: str) -> str:
    """Remove spaces and dots people type inside numbers; keep a hyphen."""
    return _CLEAN.sub("", raw or "").replace("–", "-").replace("—", "-")


def parse_identifier(raw: str, *, today: dt.date | None = None) -> Identifier:
    """Classify and validate; raise :class:`IdentifierError` with a reason code.

    Reason codes: ``empty``, ``chars``, ``length``, ``checksum``, ``branch_suffix``,
    ``id_province``, ``id_century``, ``id_birth_year``.
    """
    value = normalise(raw)
    if not value:
        raise IdentifierError("empty")
    if "-" in value:
        parent, _, suffix = value.partition("-")
        if not (parent.isdigit() and suffix.isdigit()):
            raise IdentifierError("chars")
        if len(parent) != 10 or len(suffix) != 3:
            raise IdentifierError("length")
        if not is_valid_tax_code(parent):
            raise IdentifierError("checksum")
        if suffix == "000":
            raise IdentifierError("branch_suffix")
        return Identifier(IdentifierKind.BRANCH_CODE, value)
    if not value.isdigit():
        raise IdentifierError("chars")
    if len(value) == 10:
        if not is_valid_tax_code(value):
            raise IdentifierError("checksum")
        return Identifier(IdentifierKind.TAX_CODE, value)
    if len(value) == 13:
        # Branch code typed without its hyphen: accept and store it canonically.
        return parse_identifier(value[:10] + "-" + value[10:], today=today)
    if len(value) == 12:
        return Identifier(IdentifierKind.PERSONAL_ID, _check_personal_id(value, today))
    raise IdentifierError("length")


def _check_personal_id(value: str, today: dt.date | None) -> str:
    if value[:3] not in _ID_PROVINCES:
        raise IdentifierError("id_province")
    century_digit = int(value[3])
    if century_digit > 3:  # 0/1 = 1900s, 2/3 = 2000s; later centuries are not born yet
        raise IdentifierError("id_century")
    year = (1900 if century_digit < 2 else 2000) + int(value[4:6])
    today = today or dt.date.today()
    if year > today.year:
        raise IdentifierError("id_birth_year")
    return value
