"""Provinces (34 since 1/7/2025) and communes, from the ``vietnam-provinces`` package.

Codes follow QĐ 19/2025/QĐ-TTg: 2-digit province, 5-digit commune. They also build the
OCOP product code (T)-(X)-(STT)-year.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from ocop_desktop.text import fold


@dataclass(frozen=True)
class Province:
    code: int
    name: str

    @property
    def code_str(self) -> str:
        return f"{self.code:02d}"


@dataclass(frozen=True)
class Commune:
    code: int
    name: str  # with its type, e.g. "Xã Phia Đén", "Phường Thục Phán"
    province_code: int

    @property
    def code_str(self) -> str:
        return f"{self.code:05d}"


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", " ".join(s.split()))


@cache
def provinces() -> tuple[Province, ...]:
    from vietnam_provinces import Province as VP

    items = [Province(int(p.code), _nfc(p.name)) for p in VP.iter_all()]
    return tuple(sorted(items, key=lambda p: fold(p.name.removeprefix("Thành phố "))))


@cache
def _communes_by_province() -> dict[int, tuple[Commune, ...]]:
    from vietnam_provinces import Ward

    out: dict[int, list[Commune]] = {}
    for w in Ward.iter_all():
        c = Commune(int(w.code), _nfc(w.name), int(w.province_code))
        out.setdefault(c.province_code, []).append(c)
    return {k: tuple(sorted(v, key=lambda c: fold(c.name))) for k, v in out.items()}


@cache
def _commune_index() -> dict[int, Commune]:
    return {c.code: c for cs in _communes_by_province().values() for c in cs}


def communes(province_code: int) -> tuple[Commune, ...]:
    return _communes_by_province().get(province_code, ())


def commune(code: int | None) -> Commune | None:
    if code is None:
        return None
    return _commune_index().get(int(code))


def province(code: int | None) -> Province | None:
    if code is None:
        return None
    return next((p for p in provinces() if p.code == code), None)


def find_province(name: str) -> Province | None:
    """Find a province by name, accent- and prefix-insensitive ('Cao Bang', 'TP Hue')."""
    target = fold(name).removeprefix("thanh pho ").removeprefix("tp ").removeprefix("tinh ")
    for p in provinces():
        if fold(p.name).removeprefix("thanh pho ") == target:
            return p
    return None


def commune_name(code: int | None) -> str:
    c = commune(code)
    return c.name if c else ""
