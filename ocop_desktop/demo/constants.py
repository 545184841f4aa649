"""Sizes, the fixed 'today' and the result type of the demo generator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

#: "Today" of every demo office, so that a seed always gives the same content.
DEMO_TODAY = dt.date(2026, 10, 1)
#: Rows per flush: big enough for executemany batches, small enough for memory.
CHUNK = 2000
#: Products one commune typically holds in a field office's register (domain brief §8.2).
PRODUCTS_PER_COMMUNE = 35
#: A field office whose area would need more than this share of the province's
#: communes becomes the provincial office, covering all of them.
FIELD_OFFICE_MAX_SHARE = 0.6


@dataclass(frozen=True)
class DemoResult:
    path: Path
    producers: int
    products: int
    office_name: str
    office_role: str
    communes: int
    seconds: float

