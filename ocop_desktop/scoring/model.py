"""The rubric data model: what one decision's scoring sheets contain.

A :class:`Rubric` (one per decision, id like ``qd-26-2026``) holds one :class:`Sheet` per
product set (1–26). A sheet has parts A/B/C; a part has numbered groups ("1. TỔ CHỨC SẢN
XUẤT"); a group has criteria ("1.5", or "6.1.1" where a sheet has a third level). A group
printed without sub-criteria (e.g. "7. CÔNG BỐ CHẤT LƯỢNG" with options right under it)
holds one criterion whose code is the group's number ("7"). Every criterion has options;
exactly one is chosen per evaluation. An option may carry a star-minimum marker: the
option marked ``min_stars = N`` is the least a product must reach on that criterion to be
ranked N stars (``***`` → 3, ``****`` → 4, ``*****`` → 5).

Frozen dataclasses: rubrics are immutable once published; a corrected decision is a new
rubric version. Points are integers in every sheet of Decision 26/2026.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class NoteKind(StrEnum):
    ELIMINATE = "eliminate"  # "Bị loại nếu…": the product is eliminated, the evaluation ends
    STOP = "stop"  # "…không đánh giá các bước tiếp theo": evaluation stops (treated as elimination)
    INFO = "info"  # any other "Ghi chú" (how to assess, what evidence is needed)


@dataclass(frozen=True)
class Note:
    kind: NoteKind
    text: str
    #: Stable id within the sheet (e.g. "1.1#eliminate"), used to record which rule applied.
    id: str = ""
    #: True when the rule applies by itself as soon as this criterion scores 0 points (set 16:
    #: "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước tiếp theo",
    #: copied onto each criterion it covers). False: the evaluator decides whether it applies.
    on_zero: bool = False


@dataclass(frozen=True)
class Option:
    index: int  # 0-based position in sheet order (the CLI's choice index)
    text: str
    points: int
    min_stars: int | None = None  # 3, 4 or 5 when the option carries a star-minimum marker


@dataclass(frozen=True)
class Criterion:
    code: str  # "1.5", "6.1.1", or a group number "7" for a group without sub-criteria
    title: str
    max_points: int
    options: tuple[Option, ...]
    notes: tuple[Note, ...] = ()
    #: True when the sheet printed the criterion without options and the converter made
    #: them "Không" (0) / "Có" (max points), e.g. the bilingual label worth 1 point.
    yes_no: bool = False
    #: A known anomaly of the source kept visible, with the decision taken and why.
    anomaly: str | None = None

    @property
    def markers(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.min_stars is not None)


@dataclass(frozen=True)
class Heading:
    """An intermediate heading of a three-level sheet ("6.1. Ngoại hình" over 6.1.1, 6.1.2):
    not scored itself; its maximum is the sum of the criteria whose codes start with it."""

    code: str  # "6.1"
    title: str
    max_points: int


@dataclass(frozen=True)
class Group:
    number: str  # "1".."17"
    title: str
    max_points: int
    criteria: tuple[Criterion, ...]
    #: Intermediate headings, only in sheets with three-level codes (tea 11, coffee 13).
    subheadings: tuple[Heading, ...] = ()


@dataclass(frozen=True)
class Part:
    code: str  # "A", "B" or "C"
    title: str
    max_points: int
    groups: tuple[Group, ...]
    #: A known anomaly of the part's heading (set 26 labels Part A "(35 Điểm)"), as for criteria.
    anomaly: str | None = None

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for g in self.groups for c in g.criteria)


@dataclass(frozen=True)
class Sheet:
    set_number: int  # 1..26, domain.product_sets
    title: str  # "Chế biến từ rau, củ, quả, hạt"
    header: str  # "Sản phẩm: Thực phẩm. Nhóm: Nông sản chế biến"
    rejection_rule: str  # "Hồ sơ bị loại khi: …"
    parts: tuple[Part, ...]
    notes: tuple[Note, ...] = ()  # sheet-level notes (e.g. the star-marker legend)
    #: Marker counts (3★, 4★, 5★) counted in the source, checked against the options.
    source_marker_counts: tuple[int, int, int] = (0, 0, 0)

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion in sheet order."""
        return tuple(c for p in self.parts for c in p.criteria)

    def criterion(self, code: str) -> Criterion:
        for c in self.criteria:
            if c.code == code:
                return c
        raise KeyError(code)

    def part_of(self, code: str) -> str:
        for p in self.parts:
            if any(c.code == code for c in p.criteria):
                return p.code
        raise KeyError(code)


@dataclass(frozen=True)
class Rubric:
    id: str  # "qd-26-2026"
    decision: str  # "Quyết định 26/2026/QĐ-TTg"
    effective_from: str  # ISO date
    sheets: dict[int, Sheet] = field(default_factory=dict)

    def sheet(self, set_number: int) -> Sheet:
        return self.sheets[set_number]
