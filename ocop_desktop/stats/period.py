"""Reporting periods (inclusive dates) and scopes (a set of communes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    @classmethod
    def year(cls, y: int) -> Period:
        return cls(date(y, 1, 1), date(y, 12, 31))

    @classmethod
    def years(cls, first: int, last: int) -> Period:
        """A phase such as 2021–2025 (1/1 of ``first`` to 31/12 of ``last``)."""
        return cls(date(first, 1, 1), date(last, 12, 31))

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2026', '2021-2025' (or with an en dash) or 'YYYY-MM-DD..YYYY-MM-DD'; ValueError otherwise."""
        t = text.strip().replace("–", "-")
        if ".." in t:
            a, b = t.split("..", 1)
            p = cls(date.fromisoformat(a.strip()), date.fromisoformat(b.strip()))
        elif "-" in t and len(t) == 9:
            a, b = t.split("-", 1)
            p = cls.years(int(a), int(b))
        else:
            p = cls.year(int(t))
        if p.end < p.start:
            raise ValueError(t)
        return p

    @property
    def day_before(self) -> date:
        """The last day before the period: the stock "at the start" is counted on it."""
        return self.start - dt.timedelta(days=1)

    def is_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) \
            and self.start.year == self.end.year

    def label(self) -> str:
        """'năm 2026', 'giai đoạn 2021–2025', or '01/01/2021 – 31/12/2025'-style dates."""
        if self.is_year():
            return f"năm {self.start.year}"
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            return f"giai đoạn {self.start.year}–{self.end.year}"
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def long_label(self) -> str:
        """Always the dates: '01/01/2021 – 31/12/2025'."""
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


@dataclass(frozen=True)
class Scope:
    """The communes a figure covers; ``None`` = everything the office holds."""

    commune_codes: frozenset[int] | None = None
    label: str = ""

    @classmethod
    def of(cls, codes: object, label: str = "") -> Scope:
        return cls(frozenset(int(c) for c in codes), label)  # type: ignore[attr-defined]

    def sql(self, column: str) -> str:
        """A SQL condition on ``column`` (a commune code); '1=1' for the whole area."""
        if self.commune_codes is None:
            return "1=1"
        if not self.commune_codes:
            return "0=1"
        return f"{column} IN ({','.join(str(int(c)) for c in sorted(self.commune_codes))})"

    def contains(self, code: int | None) -> bool:
        return self.commune_codes is None or (code is not None and code in self.commune_codes)
