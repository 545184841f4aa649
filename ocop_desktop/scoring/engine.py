"""The scoring engine of Decision 26/2026: one sheet, and a council of sheets. Pure Python.

Input is a :class:`~ocop_desktop.scoring.model.Sheet` and the chosen options, as a mapping
criterion code → 0-based option index in sheet order (the CLI's ``--choices`` file).

**Points → stars** (Điều 3.3, half-open bands, no rounding before banding): ≥ 90 → 5★,
≥ 70 → 4★, ≥ 50 → 3★, ≥ 30 → 2★, else 1★ (:func:`stars_for_points`; 89.99 is 4★).

**Star minima** (the ``***``/``****``/``*****`` markers, domain brief §3.3): the rank is the
highest N whose point band is reached *and* for which every option marked as a minimum for
N stars **or fewer** is met, i.e. the chosen option on that criterion is worth at least the
marked option's points. 1★ and 2★ have no minima, so minima never take a product below
2★. Each criterion therefore has a *lowest blocked level*: the smallest N in 3..5 whose
cumulative requirement (the most points among its markers for N stars or fewer) the chosen
option does not reach. The rank is ``min(stars_by_points, lowest blocked level − 1)``.

``capped_by`` lists **every** criterion whose lowest blocked level is within the points band
(≤ ``stars_by_points``), each **once, at that lowest level**, ordered by level then sheet
order: the ones with ``needs_stars == stars + 1`` decide the rank; the others are what the
product would still lack on the way up to its points band. ``required_points`` /
``required_option`` are those of the marker for ``needs_stars`` itself (when several options
of one criterion carry that marker, the one worth most points).

**Elimination** (``Ghi chú: Bị loại nếu…`` and "…không đánh giá các bước tiếp theo"): the
caller names the note that applied (``eliminated_by``, a note id of the sheet of kind
ELIMINATE or STOP). A rule marked ``on_zero`` (set 16: "Nếu được 0 điểm tại một trong các chỉ
tiêu trên…") applies by itself when its criterion scores 0 points; one named by the caller
comes first, else the first such rule in sheet order. An eliminated sheet keeps its points (parts, total, stars_by_points, for
the record) but ``stars`` is **0** (not ranked) and ``capped_by`` is empty: the evaluation
ended, there is no rank to cap. Criteria after the point where the evaluation stopped may
be left empty: an eliminated sheet never raises for missing criteria and counts as complete.

**Councils** (:func:`score_council`): one sheet per member. The average is the exact mean
of the members' totals (a :class:`~fractions.Fraction`), banded without rounding; it is
shown with 2 decimals. The decision does not say whether the star minima apply to each
member's sheet or to the council's result (§3.3, open question); we apply them to the
council's **agreed sheet** (``minima="agreed"``, the default): the ``agreed_choices`` the
council recorded, or, when none is given, per criterion the option chosen by most members,
a tie going to the option worth fewer points (then the earlier one). That is conservative
on purpose: a product must not gain a star because the members disagreed. Provinces whose
council rules want every member's sheet to meet the minima use ``minima="each"``: every
member's sheet (and the agreed sheet, if one is given) is checked against the council's
points band and the strictest cap wins. A warning is raised when the members' totals differ
by more than ``spread_limit`` points (10, the common council rule: the council discusses and
members re-score). Elimination: the council's result is eliminated when the agreed record
names an elimination rule or **any** member's sheet does (a member's finding stands until
the council discusses it and the member withdraws it), the agreed one reported first.

Speed: the first call for a sheet compiles it (option points and blocked levels per
criterion) into a cache keyed by the sheet's identity; later calls are one tight loop.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from numbers import Rational

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.scoring.model import Criterion, NoteKind, Option, Sheet

DEFAULT_RUBRIC = "qd-26-2026"

#: Lower bound of each star band, highest first (Điều 3.3; half-open intervals).
STAR_BANDS: tuple[tuple[int, int], ...] = ((90, 5), (70, 4), (50, 3), (30, 2))
#: Star levels that carry minima (1★ and 2★ have none).
MINIMA_LEVELS = (3, 4, 5)
_NO_BLOCK = 6  # "blocks no level"
MINIMA_MODES = ("agreed", "each")
DEFAULT_SPREAD_LIMIT = 10


class ScoringError(BadInput):
    """Choices that cannot be scored: the message names the exact problem."""


# --------------------------------------------------------------------------------------
# Points → stars


def stars_for_points(total: int | Fraction | Decimal | float) -> int:
    """The star band of a total on half-open intervals, with no rounding (89.99 → 4)."""
    if total != total:  # NaN
        raise ValueError("NaN has no star band")
    if total >= 90:
        return 5
    if total >= 70:
        return 4
    if total >= 50:
        return 3
    if total >= 30:
        return 2
    return 1


def band_floor(stars: int) -> int:
    """The lowest total of a star band (0 for 1★)."""
    return {5: 90, 4: 70, 3: 50, 2: 30}.get(stars, 0)


# --------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class Cap:
    """A criterion that keeps the rank below ``needs_stars``."""

    criterion: str
    title: str
    needs_stars: int  # the lowest star level this criterion blocks
    required_points: int  # the marker's points for that level
    chosen_points: int
    required_option: str  # the marked option's text
    #: Council, ``minima="each"``: the 0-based members whose sheets are blocked here
    #: (-1 stands for the agreed sheet). Empty for a single sheet and the agreed mode.
    members: tuple[int, ...] = ()

    def to_json(self) -> dict:
        out = {"criterion": self.criterion, "needs_stars": self.needs_stars,
               "required_points": self.required_points, "chosen_points": self.chosen_points,
               "title": self.title, "required_option": self.required_option}
        if self.members:
            out["members"] = list(self.members)
        return out


@dataclass(frozen=True, slots=True)
class Elimination:
    """The elimination / stop rule that ended the evaluation."""

    criterion: str | None  # the criterion the note sits under; None for a sheet-level note
    note_id: str
    reason: str  # the note's text, as printed in the decision
    #: Council: the 0-based member whose sheet recorded it; None for a sheet or the agreed record.
    member: int | None = None

    def to_json(self) -> dict:
        out = {"criterion": self.criterion, "note_id": self.note_id, "reason": self.reason}
        if self.member is not None:
            out["member"] = self.member
        return out


@dataclass(frozen=True, slots=True)
class SheetResult:
    """One scored sheet. ``stars`` is 0 when eliminated (see the module docstring)."""

    rubric_id: str
    set_number: int
    parts: dict[str, int]  # {"A": a, "B": b, "C": c}
    total: int
    stars_by_points: int
    stars: int
    capped_by: tuple[Cap, ...]
    eliminated: Elimination | None
    missing: tuple[str, ...]  # criterion codes with no choice (a draft), sheet order

    @property
    def complete(self) -> bool:
        """Every criterion chosen, or the evaluation ended by an elimination rule."""
        return not self.missing or self.eliminated is not None

    def to_json(self) -> dict:
        """The CLI's shape (``ocop-desktop score``)."""
        return {
            "set": self.set_number,
            "rubric": self.rubric_id,
            "parts": dict(self.parts),
            "total": self.total,
            "stars_by_points": self.stars_by_points,
            "stars": self.stars,
            "capped_by": [c.to_json() for c in self.capped_by],
            "eliminated": self.eliminated.to_json() if self.eliminated else None,
            "missing": list(self.missing),
        }


@dataclass(frozen=True, slots=True)
class CouncilResult:
    """A council's result: the exact average of the members' totals, banded, then capped."""

    member_totals: tuple[int, ...]
    average: Fraction
    spread: int  # max − min of the members' totals
    spread_warning: bool  # spread > spread_limit
    stars_by_points: int
    stars: int  # 0 when eliminated
    capped_by: tuple[Cap, ...]
    minima_sheet: SheetResult | None  # the agreed sheet the minima were checked on
    eliminated: Elimination | None
    mode: str  # "agreed" or "each"
    member_results: tuple[SheetResult, ...] = ()
    spread_limit: int = DEFAULT_SPREAD_LIMIT

    @property
    def average_text(self) -> str:
        """The average with 2 decimals in the current language (69,67 in Vietnamese)."""
        return format_number(display_average(self.average), 2)

    @property
    def complete(self) -> bool:
        sheets = [*self.member_results, *([self.minima_sheet] if self.minima_sheet else [])]
        return self.eliminated is not None or all(r.complete for r in sheets)

    def to_json(self) -> dict:
        return {
            "member_totals": list(self.member_totals),
            "average": str(display_average(self.average)),
            "average_exact": f"{self.average.numerator}/{self.average.denominator}",
            "spread": self.spread,
            "spread_limit": self.spread_limit,
            "spread_warning": self.spread_warning,
            "stars_by_points": self.stars_by_points,
            "stars": self.stars,
            "capped_by": [c.to_json() for c in self.capped_by],
            "eliminated": self.eliminated.to_json() if self.eliminated else None,
            "minima": self.mode,
            "minima_sheet": self.minima_sheet.to_json() if self.minima_sheet else None,
        }


def display_average(average: Fraction) -> Decimal:
    """The average to 2 decimals for display: rounded half up, except that it is never
    shown at or above a star band's floor that the exact value does not reach
    (89.996 shows 89,99, not 90,00, next to its 4 stars)."""
    exact = Decimal(average.numerator) / Decimal(average.denominator)
    shown = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if stars_for_points(shown) != stars_for_points(average):
        shown = exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return shown


# --------------------------------------------------------------------------------------
# Compiled sheets


class _Entry:
    """One criterion, compiled: points and lowest blocked level per option."""

    __slots__ = ("pos", "part", "points", "blocks", "criterion")

    def __init__(self, pos: int, part: int, criterion: Criterion) -> None:
        self.pos = pos
        self.part = part
        self.criterion = criterion
        self.points = tuple(o.points for o in criterion.options)
        thresholds = [max((m.points for m in criterion.markers if m.min_stars <= n), default=None)
                      for n in MINIMA_LEVELS]
        blocks = []
        for p in self.points:
            low = _NO_BLOCK
            for n, need in zip(MINIMA_LEVELS, thresholds, strict=True):
                if need is not None and p < need:
                    low = n
                    break
            blocks.append(low)
        self.blocks = tuple(blocks)

    def marker_for(self, level: int) -> Option:
        """The option whose marker sets the requirement at ``level`` (the most points)."""
        cands = [m for m in self.criterion.markers if m.min_stars == level]
        if not cands:  # the requirement comes from a lower level's marker worth more
            cands = [m for m in self.criterion.markers if m.min_stars <= level]
        return max(cands, key=lambda m: m.points)


class _Compiled:
    __slots__ = ("entries", "by_code", "codes", "part_codes", "notes", "on_zero", "__weakref__")

    def __init__(self, sheet: Sheet) -> None:
        self.part_codes = tuple(p.code for p in sheet.parts)
        entries: list[_Entry] = []
        for pi, part in enumerate(sheet.parts):
            for crit in part.criteria:
                entries.append(_Entry(len(entries), pi, crit))
        self.entries = tuple(entries)
        self.by_code = {e.criterion.code: e for e in entries}
        self.codes = tuple(e.criterion.code for e in entries)
        notes: dict[str, Elimination] = {}
        for note in sheet.notes:
            if note.kind in (NoteKind.ELIMINATE, NoteKind.STOP):
                notes[note.id] = Elimination(None, note.id, note.text)
        on_zero: list[tuple[str, Elimination]] = []
        for e in entries:
            for note in e.criterion.notes:
                if note.kind in (NoteKind.ELIMINATE, NoteKind.STOP):
                    notes[note.id] = el = Elimination(e.criterion.code, note.id, note.text)
                    if getattr(note, "on_zero", False):
                        on_zero.append((e.criterion.code, el))
        self.notes = notes
        self.on_zero = tuple(on_zero)

    def zero_rule(self, choices: Mapping[str, int]) -> Elimination | None:
        """The first rule that applies by itself because its criterion scored 0 points."""
        for code, el in self.on_zero:
            idx = choices.get(code)
            if idx is not None and self.by_code[code].points[idx] == 0:
                return el
        return None


_CACHE: dict[int, tuple[object, _Compiled]] = {}


def _compiled(sheet: Sheet) -> _Compiled:
    hit = _CACHE.get(id(sheet))
    if hit is not None:
        ref, comp = hit
        if (ref() if isinstance(ref, weakref.ref) else ref) is sheet:
            return comp
    comp = _Compiled(sheet)
    key = id(sheet)
    try:
        ref: object = weakref.ref(sheet, lambda _r, key=key: _CACHE.pop(key, None))
    except TypeError:  # not weak-referenceable: hold it (bounded below)
        ref = sheet
        if len(_CACHE) > 512:
            _CACHE.clear()
    _CACHE[key] = (ref, comp)
    return comp


def elimination_notes(sheet: Sheet) -> dict[str, Elimination]:
    """The notes of a sheet that may end an evaluation, by note id (for the UI's picker)."""
    return dict(_compiled(sheet).notes)


# --------------------------------------------------------------------------------------
# One sheet


def _bad_index(code: str, value: object) -> ScoringError:
    return ScoringError(_("Criterion {code}: the option index must be a whole number, not {value}.")
                        .format(code=code, value=repr(value)))


def _tally(comp: _Compiled, set_number: int, choices: Mapping[str, int]
           ) -> tuple[list[int], list[tuple[_Entry, int, int]]]:
    """Part subtotals and the (entry, index, blocked level) of every choice below a marker."""
    parts = [0] * len(comp.part_codes)
    blocked: list[tuple[_Entry, int, int]] = []
    by_code = comp.by_code
    try:
        items = choices.items()
    except AttributeError:
        raise ScoringError(_("The choices must map criterion codes to option indexes.")) from None
    for code, idx in items:
        e = by_code.get(code)
        if e is None:
            raise ScoringError(_("Unknown criterion “{code}” for set {set}.").format(code=code, set=set_number))
        if type(idx) is not int:
            if isinstance(idx, bool) or not isinstance(idx, Rational) or idx.denominator != 1:
                raise _bad_index(code, idx)
            idx = int(idx)
        pts = e.points
        if idx < 0 or idx >= len(pts):
            raise ScoringError(
                _("Criterion {code}: option index {index} is out of range (0–{last}).")
                .format(code=code, index=idx, last=len(pts) - 1))
        parts[e.part] += pts[idx]
        b = e.blocks[idx]
        if b != _NO_BLOCK:
            blocked.append((e, idx, b))
    return parts, blocked


def _caps(blocked: list[tuple[_Entry, int, int]], band: int) -> tuple[int, tuple[Cap, ...]]:
    """(stars, caps) for a points band, from the blocked choices of one sheet."""
    relevant = [b for b in blocked if b[2] <= band]
    if not relevant:
        return band, ()
    relevant.sort(key=lambda b: (b[2], b[0].pos))
    caps = tuple(_cap(e, idx, level) for e, idx, level in relevant)
    return relevant[0][2] - 1, caps


def _cap(e: _Entry, idx: int, level: int, members: tuple[int, ...] = ()) -> Cap:
    marker = e.marker_for(level)
    return Cap(e.criterion.code, e.criterion.title, level, marker.points, e.points[idx], marker.text,
               members)


def _missing(comp: _Compiled, choices: Mapping[str, int]) -> tuple[str, ...]:
    if len(choices) == len(comp.codes):  # every key was checked to be a known code
        return ()
    return tuple(c for c in comp.codes if c not in choices)


def _elimination(comp: _Compiled, set_number: int, note_id: str | None) -> Elimination | None:
    if note_id is None:
        return None
    found = comp.notes.get(note_id)
    if found is None:
        known = ", ".join(comp.notes) or _("none")
        raise ScoringError(_("Unknown elimination rule “{note}” for set {set} (this sheet has: {known}).")
                           .format(note=note_id, set=set_number, known=known))
    return found


def _missing_error(set_number: int, missing: tuple[str, ...], who: str = "") -> ScoringError:
    msg = ngettext("Set {set}: criterion {codes} has no option chosen.",
                   "Set {set}: {n} criteria have no option chosen: {codes}.", len(missing)).format(
        set=set_number, n=len(missing), codes=", ".join(missing))
    return ScoringError(who + msg)


def score_sheet(sheet: Sheet, choices: Mapping[str, int], *, rubric_id: str = DEFAULT_RUBRIC,
                eliminated_by: str | None = None, allow_missing: bool = False) -> SheetResult:
    """Score one sheet. ``choices``: criterion code → 0-based option index in sheet order.

    Raises :class:`ScoringError` for an unknown criterion, a non-integer or out-of-range
    index, an unknown elimination note, and for missing criteria unless ``allow_missing``
    (a draft: scored on what is chosen, ``missing`` listed, ``complete`` false) or the
    sheet is eliminated.
    """
    return _score(_compiled(sheet), sheet.set_number, choices, rubric_id, eliminated_by, allow_missing)[0]


def _score(comp: _Compiled, set_number: int, choices: Mapping[str, int], rubric_id: str,
           eliminated_by: str | None, allow_missing: bool) -> tuple[SheetResult, list[tuple[_Entry, int, int]]]:
    parts, blocked = _tally(comp, set_number, choices)
    eliminated = _elimination(comp, set_number, eliminated_by)
    if eliminated is None and comp.on_zero:
        eliminated = comp.zero_rule(choices)
    missing = _missing(comp, choices)
    if missing and not allow_missing and eliminated is None:
        raise _missing_error(set_number, missing)
    total = sum(parts)
    band = stars_for_points(total)
    if eliminated is not None:
        stars, caps = 0, ()
    else:
        stars, caps = _caps(blocked, band)
    return SheetResult(rubric_id, set_number, dict(zip(comp.part_codes, parts, strict=True)), total,
                       band, stars, caps, eliminated, missing), blocked


# --------------------------------------------------------------------------------------
# Councils


def agreed_choices_by_majority(sheet: Sheet, member_choices: Sequence[Mapping[str, int]]) -> dict[str, int]:
    """Per criterion, the option most members chose; a tie goes to the option worth fewer
    points, then to the earlier one. Criteria no member chose are left out."""
    comp = _compiled(sheet)
    agreed: dict[str, int] = {}
    for e in comp.entries:
        code = e.criterion.code
        picked = [int(idx) for mc in member_choices if (idx := mc.get(code)) is not None]
        if not picked:
            continue
        first = picked[0]
        if all(i == first for i in picked):  # the usual case: the members agree
            agreed[code] = first
            continue
        counts: dict[int, int] = {}
        for i in picked:
            counts[i] = counts.get(i, 0) + 1
        agreed[code] = min(counts, key=lambda i: (-counts[i], e.points[i], i))
    return agreed


def score_council(sheet: Sheet, member_choices: Sequence[Mapping[str, int]], *,
                  agreed_choices: Mapping[str, int] | None = None, minima: str = "agreed",
                  spread_limit: int = DEFAULT_SPREAD_LIMIT, rubric_id: str = DEFAULT_RUBRIC,
                  eliminated_by: str | None = None,
                  member_eliminated_by: Sequence[str | None] | None = None,
                  allow_missing: bool = False) -> CouncilResult:
    """Score a council: one sheet per member (see the module docstring for the rules).

    ``eliminated_by`` is the elimination rule the council recorded; ``member_eliminated_by``
    one entry per member (None where the member recorded none).
    """
    if minima not in MINIMA_MODES:
        raise ScoringError(_("Unknown star-minima mode “{mode}”: use “agreed” or “each”.").format(mode=minima))
    if not member_choices:
        raise ScoringError(_("A council needs at least one member's sheet."))
    n = len(member_choices)
    member_elims = list(member_eliminated_by or [])
    if len(member_elims) > n:
        raise ScoringError(_("There are more members' elimination rules than members."))
    member_elims += [None] * (n - len(member_elims))
    comp = _compiled(sheet)

    results: list[SheetResult] = []
    member_blocked: list[list[tuple[_Entry, int, int]]] = []
    for i, (mc, elim) in enumerate(zip(member_choices, member_elims, strict=True)):
        who = _("Member {n}: ").format(n=i + 1)
        try:
            result, blocked = _score(comp, sheet.set_number, mc, rubric_id, elim, allow_missing)
        except ScoringError as exc:
            raise ScoringError(who + exc.message) from None
        results.append(result)
        member_blocked.append(blocked)

    totals = tuple(r.total for r in results)
    average = Fraction(sum(totals), n)
    spread = max(totals) - min(totals)
    band = stars_for_points(average)

    derived = agreed_choices is None
    agreed = agreed_choices_by_majority(sheet, member_choices) if derived else agreed_choices
    # A derived agreed sheet lacks only what no member chose (drafts, eliminated sheets).
    agreed_missing_ok = allow_missing or derived
    try:
        agreed_result, agreed_blocked = _score(comp, sheet.set_number, agreed, rubric_id, eliminated_by,
                                               agreed_missing_ok)
    except ScoringError as exc:
        raise ScoringError(_("Agreed sheet: ") + exc.message) from None

    eliminated = agreed_result.eliminated
    if eliminated is None:
        for i, r in enumerate(results):
            if r.eliminated is not None:
                el = r.eliminated
                eliminated = Elimination(el.criterion, el.note_id, el.reason, member=i)
                break

    minima_sheet: SheetResult | None = agreed_result
    if eliminated is not None:
        stars, caps = 0, ()
    elif minima == "agreed":
        stars, caps = _caps(agreed_blocked, band)
    else:
        sheets = list(enumerate(member_blocked))
        if not derived:
            sheets.append((-1, agreed_blocked))
        else:
            minima_sheet = None
        stars, caps = _strictest(sheets, band)
    return CouncilResult(totals, average, spread, spread > spread_limit, band, stars, caps,
                         minima_sheet, eliminated, minima, tuple(results), spread_limit)


def _strictest(sheets: list[tuple[int, list[tuple[_Entry, int, int]]]], band: int
               ) -> tuple[int, tuple[Cap, ...]]:
    """``minima="each"``: every sheet must meet the minima; each criterion listed once at
    its lowest blocked level over all sheets, with the fewest points chosen there."""
    worst: dict[int, tuple[int, int, _Entry, list[int]]] = {}  # pos → (level, idx, entry, members)
    for member, blocked in sheets:
        for e, idx, level in blocked:
            if level > band:
                continue
            cur = worst.get(e.pos)
            if cur is None or level < cur[0]:
                worst[e.pos] = (level, idx, e, [member])
            elif level == cur[0]:
                cur[3].append(member)
                if e.points[idx] < e.points[cur[1]]:
                    worst[e.pos] = (level, idx, e, cur[3])
    if not worst:
        return band, ()
    ordered = sorted(worst.values(), key=lambda w: (w[0], w[2].pos))
    caps = tuple(_cap(e, idx, level, tuple(sorted(members, key=lambda m: (m < 0, m))))
                 for level, idx, e, members in ordered)
    return ordered[0][0] - 1, caps
