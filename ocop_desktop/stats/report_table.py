"""The shape every statistics report has, whatever prints it: a titled table of typed columns,
body rows, an optional totals row, an optional chart, and — for the screen only — the record ids
behind each number (drill-down).

The same :class:`ReportTable` is written to the PDF, to the .xlsx and shown on the dashboard, so
the figures are the same everywhere; :meth:`ReportTable.canonical` is the content a frozen report
keeps and hashes (figures, texts, period and scope; never the ids, which are not figures).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

#: Column kinds: how a value is written (PDF text, xlsx cell format).
TEXT, INT, NUM, PCT, MONEY, DATE = "text", "int", "num", "pct", "money", "date"
KINDS = (TEXT, INT, NUM, PCT, MONEY, DATE)
#: What a drill-down id set lists.
PRODUCTS, PRODUCERS = "products", "producers"


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # printed Vietnamese heading
    kind: str = INT
    width: float = 1.0  # relative width on paper


@dataclass(frozen=True)
class ChartSpec:
    """A chart drawn the same way on screen (matplotlib) and on paper (ReportLab graphics)."""

    kind: str  # "bar" (vertical bars), "hbar", "stacked" (vertical, one stack per category), "line"
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (name, one value per category)
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "title": self.title, "categories": list(self.categories),
                "series": [[n, list(v)] for n, v in self.series], "unit": self.unit}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ChartSpec:
        return cls(d["kind"], d["title"], tuple(d["categories"]),
                   tuple((n, tuple(v)) for n, v in d["series"]), d.get("unit", ""))


@dataclass
class ReportTable:
    code: str  # "B01"
    title: str  # "TỔNG HỢP SẢN PHẨM OCOP …"
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    total: list[Any] | None = None  # the "Tổng cộng" row
    subtitle: str = ""  # period and scope in words
    notes: list[str] = field(default_factory=list)  # printed under the table
    empty_text: str = "Không có số liệu trong kỳ báo cáo."
    landscape: bool = False
    chart: ChartSpec | None = None
    #: Screen only: (row index or -1 for the total, column key) → (PRODUCTS|PRODUCERS, ids).
    drill: dict[tuple[int, str], tuple[str, frozenset[str]]] = field(default_factory=dict, repr=False)
    #: Rows shown in bold (group headings in a by-group table).
    bold_rows: frozenset[int] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.rows

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def value(self, row: int, key: str) -> Any:
        r = self.total if row < 0 else self.rows[row]
        return None if r is None else r[self.column(key)]

    def ids(self, row: int, key: str) -> tuple[str, frozenset[str]] | None:
        return self.drill.get((row, key))

    # -- canonical content -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "subtitle": self.subtitle,
                "columns": [[c.key, c.title, c.kind, c.width] for c in self.columns],
                "rows": [list(r) for r in self.rows], "total": list(self.total) if self.total is not None else None,
                "notes": list(self.notes), "empty_text": self.empty_text, "landscape": self.landscape,
                "chart": self.chart.to_dict() if self.chart else None, "bold_rows": sorted(self.bold_rows)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReportTable:
        return cls(code=d["code"], title=d["title"], subtitle=d.get("subtitle", ""),
                   columns=[Column(*c) for c in d["columns"]], rows=[list(r) for r in d["rows"]],
                   total=list(d["total"]) if d.get("total") is not None else None, notes=list(d.get("notes", [])),
                   empty_text=d.get("empty_text", ""), landscape=bool(d.get("landscape")),
                   chart=ChartSpec.from_dict(d["chart"]) if d.get("chart") else None,
                   bold_rows=frozenset(d.get("bold_rows", ())))


def canonical_json(content: Any) -> str:
    """The one text a content hashes to: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def content_hash(content: Any) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def _groups(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def format_cell(value: Any, kind: str) -> str:
    """A value as printed in Vietnamese documents: 1.234 · 62,5 · 903.000.000 · 31/12/2026."""
    if value is None or value == "":
        return ""
    if kind in (INT, MONEY) and isinstance(value, (int, float)):
        return _groups(int(round(value)))
    if kind == NUM and isinstance(value, (int, float)):
        return _groups(int(value)) if float(value).is_integer() else f"{float(value):.1f}".replace(".", ",")
    if kind == PCT and isinstance(value, (int, float)):
        return f"{float(value):.1f}".replace(".", ",")
    if kind == DATE and isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    return str(value)
