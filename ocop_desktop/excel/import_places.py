"""Places in imported addresses: the commune of the office an address or a "Xã" cell names,
and the decision a sheet's title rows state once for the whole list."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ocop_desktop.domain import geography
from ocop_desktop.excel import import_values as V
from ocop_desktop.text import fold

_PREFIXES = ("thi tran ", "phuong ", "xa ", "dac khu ")
#: Words of an address that name a unit above the commune or a pre-2025 unit.
_OLD_DISTRICT = re.compile(r"\b(huyen|quan|thi xa|thanh pho|tp)\b")


def _bare(name: str) -> str:
    folded = fold(name)
    for p in _PREFIXES:
        if folded.startswith(p):
            return folded[len(p):]
    return folded


@dataclass
class CommuneMatcher:
    """Finds one of the office's communes (post-2025 codes) in free text."""

    communes: list[tuple[int, str]]  # (code, name with its type, e.g. "Xã Thành Công")

    @classmethod
    def for_office(cls, office) -> CommuneMatcher:  # noqa: ANN001 - services.office.OfficeInfo | None
        """The office's communes; a provincial office that lists none: every commune of its province."""
        if office is None:
            return cls([])
        codes = list(office.commune_codes) or [c.code for c in geography.communes(office.province_code)]
        return cls.for_codes(codes)

    @classmethod
    def for_codes(cls, codes: list[int] | tuple[int, ...]) -> CommuneMatcher:
        out = []
        for code in codes:
            c = geography.commune(code)
            if c is not None:
                out.append((c.code, c.name))
        return cls(out)

    def __post_init__(self) -> None:
        # Longest names first, so "Trùng Khánh" is not taken for "Khánh".
        self._items = sorted(((code, fold(name), _bare(name)) for code, name in self.communes),
                             key=lambda t: -len(t[2]))
        self._by_bare: dict[str, list[int]] = {}
        self._typed: dict[str, int] = {}  # "xa tam kim" / "phuong …" → code
        for code, _full, bare in self._items:
            self._by_bare.setdefault(bare, []).append(code)
            for prefix in _PREFIXES:
                self._typed.setdefault(prefix + bare, code)

    def match_name(self, text: str) -> int | None:
        """A "Xã" cell: "Xã Thành Công", "Thành Công", "xa thanh cong"."""
        bare = _bare(text)
        codes = self._by_bare.get(bare, [])
        return codes[0] if len(codes) == 1 else None

    def match_address(self, text: str) -> tuple[int | None, str]:
        """(commune code or None, the address without the commune and what follows it) for an
        address such as "Xóm Nà Ròa, xã Tam Kim, tỉnh Cao Bằng". A commune named with its type
        ("xã Tam Kim") is preferred; a bare name counts only between commas. An address that
        names a district (huyện …, before 2025) is matched only by a unit with its type."""
        folded = fold(text)
        if not folded:
            return None, ""
        parts = [p.strip() for p in folded.split(",")]
        typed = self._typed
        for i, part in enumerate(parts):
            words = part.split()
            # Any run of words of the part: "xom na roa xa tam kim" holds "xa tam kim".
            for n in range(min(len(words), 7), 1, -1):
                for start in range(len(words) - n + 1):
                    code = typed.get(" ".join(words[start:start + n]))
                    if code is not None:
                        return code, _detail(text, i)
        if not _OLD_DISTRICT.search(folded):
            for i, part in enumerate(parts):
                codes = self._by_bare.get(part, [])
                if len(codes) == 1:
                    return codes[0], _detail(text, i)
        return None, ""


def _detail(text: str, index: int) -> str:
    """The address parts before the commune ("Xóm Nà Ròa")."""
    parts = [p.strip() for p in text.split(",")]
    return ", ".join(p for p in parts[:index] if p)


_TITLE_DECISION = re.compile(
    r"(?:quyet dinh|qd)\s*(?:so)?\s*:?\s*([0-9]+\s*/\s*[a-z0-9\-]+(?:\s*-\s*[a-z]+)?)\s*,?\s*ngay\s*"
    r"(\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4})")


def decision_in_titles(rows: list[list[Any]], header_row: int) -> tuple[str, dt.date | None]:
    """A decision stated once above the header ("Kèm theo Quyết định số 123/QĐ-UBND ngày
    31/01/2024"): its number as written and date, else ("", None)."""
    for row in rows[:header_row]:
        for value in row:
            if not isinstance(value, str) or not value.strip():
                continue
            folded = fold(value)
            m = _TITLE_DECISION.search(folded)
            if not m:
                continue
            # Take the number from the original text at the same place (keep "QĐ-UBND").
            original = _original_number(value, m.group(1))
            when_text = m.group(2)
            if "thang" in when_text:
                when_text = "ngay " + when_text
            try:
                when = V.parse_date(when_text)
            except V.ValueProblem:
                when = None
            return original, when
    return "", None


def _original_number(text: str, folded_number: str) -> str:
    """The decision number with its Vietnamese letters, found by its digits in the original."""
    digits = re.match(r"\d+", folded_number)
    if digits:
        m = re.search(re.escape(digits.group(0)) + r"\s*/\s*[\wĐđ\-]+(?:\s*-\s*[\wĐđ]+)?", text)
        if m:
            return " ".join(m.group(0).split()).replace(" /", "/").replace("/ ", "/")
    return folded_number.upper()
