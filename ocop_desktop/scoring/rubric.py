"""Loading a rubric (one decision's 26 scoring sheets) from ``resources/rubrics/<id>.json``.

The files are made by ``tools/convert_rubric.py`` from the decision's sheets. Every load
runs :func:`check_rubric`; a file that fails a check, is not valid JSON or lacks a field is
refused with a :class:`RubricError` naming the file, the set, the criterion and the reason —
never a traceback, never a half-read rubric.

Integrity checks (the decision's own arithmetic, and what the converter promises):

* set numbers are exactly 1..26, each sheet has parts A, B, C in that order with
  A = 40, B = 25, C = 35 and a total of 100;
* a part's maximum is the sum of its groups', a group's the sum of its criteria's, and an
  intermediate heading's (6.1 over 6.1.1…) the sum of the criteria under it;
* every criterion has at least two options, indexed 0..n-1 in sheet order, none worth more
  than the criterion's maximum, none negative, and the best one worth exactly the maximum
  (the data of Decision 26/2026 has no criterion whose options stop short of it);
* criterion codes are unique within a sheet and belong to their group;
* star markers are 3, 4 or 5, at most one per level in a criterion, a higher level never on a
  cheaper option, and the count per level equals the count made in the source text;
* note ids are unique within a sheet and note kinds are eliminate / stop / info.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any

from ocop_desktop import paths
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.scoring.model import (
    Criterion,
    Group,
    Heading,
    Note,
    NoteKind,
    Option,
    Part,
    Rubric,
    Sheet,
)

DEFAULT_RUBRIC = "qd-26-2026"
#: The versions of the file layout this code reads.
SUPPORTED_FORMATS = (1,)
SET_NUMBERS = tuple(range(1, 27))
PART_MAXIMA = {"A": 40, "B": 25, "C": 35}
TOTAL = 100

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_cache: dict[str, Rubric] = {}
_lock = threading.Lock()


class RubricError(BadInput):
    """A rubric file that cannot be used: missing, not JSON, incomplete or failing a check."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def rubrics_dir() -> Path:
    return paths.RESOURCES_DIR / "rubrics"


def available_rubrics() -> list[str]:
    """The ids of the rubric files shipped, sorted ("qd-26-2026")."""
    folder = rubrics_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json") if _ID.match(p.stem))


def load_rubric(rubric_id: str = DEFAULT_RUBRIC) -> Rubric:
    """The rubric with this id, loaded and checked once per process."""
    with _lock:
        cached = _cache.get(rubric_id)
        if cached is not None:
            return cached
        if not _ID.match(rubric_id):
            raise RubricError(_("Unknown scoring rubric “{id}”.").format(id=rubric_id))
        path = rubrics_dir() / f"{rubric_id}.json"
        if not path.is_file():
            raise RubricError(
                _("Unknown scoring rubric “{id}”: the file {file} is missing.").format(
                    id=rubric_id, file=path
                )
            )
        rubric = load_rubric_file(path)
        if rubric.id != rubric_id:
            raise RubricError(
                _("The rubric file {file} holds the rubric “{found}”, not “{id}”.").format(
                    file=path.name, found=rubric.id, id=rubric_id
                )
            )
        _cache[rubric_id] = rubric
        return rubric


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def load_rubric_file(path: str | Path) -> Rubric:
    """Read and check one rubric file (tests, a corrected or a new decision)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(
            _("The rubric file {file} cannot be read: {reason}").format(
                file=path.name, reason=getattr(exc, "strerror", None) or str(exc)
            )
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RubricError(
            _("The rubric file {file} is not valid JSON (line {line}, column {column}).").format(
                file=path.name, line=exc.lineno, column=exc.colno
            )
        ) from None
    return rubric_from_dict(data, source=path.name)


def rubric_from_dict(data: Any, source: str = "") -> Rubric:
    """Build a rubric from parsed JSON and run the integrity checks; ``source`` names the
    file in messages."""
    try:
        rubric = _Reader().rubric(data)
    except _Missing as exc:
        raise RubricError(
            _("The rubric file {file} is incomplete: {where}: {reason}").format(
                file=source, where=exc.where, reason=exc.reason
            )
        ) from None
    problems = check_rubric(rubric)
    if problems:
        shown = "\n".join(f"- {p}" for p in problems[:10])
        more = len(problems) - 10
        message = _("The rubric file {file} fails its checks:").format(file=source) + "\n" + shown
        if more > 0:
            message += "\n" + _("…and {n} more.").format(n=more)
        raise RubricError(message, problems)
    return rubric


# ---------------------------------------------------------------------------------------
# Reading: strict about types, so that a damaged file is refused with its place named.
# ---------------------------------------------------------------------------------------


class _Missing(Exception):
    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class _Reader:
    def __init__(self) -> None:
        self.where = ""

    def field(self, obj: Any, key: str, kind: type, optional: bool = False) -> Any:
        """obj[key], which must be exactly of type ``kind`` (so true/false is never a number);
        None or absent only when ``optional``. Hot path: about 15,000 calls per load."""
        try:
            value = obj[key]
        except (KeyError, TypeError, IndexError):
            if not isinstance(obj, dict):
                raise _Missing(self.where or "/", _("an object was expected")) from None
            if optional:
                return None
            raise _Missing(
                self.where or "/", _("the field “{field}” is missing").format(field=key)
            ) from None
        if type(value) is kind or (value is None and optional):
            return value
        raise _Missing(self.where or "/", _("the field “{field}” has the wrong type").format(field=key))

    def rubric(self, data: Any) -> Rubric:
        fmt = self.field(data, "format", int)
        if fmt not in SUPPORTED_FORMATS:
            raise _Missing("/", _("format {n} is not supported by this version").format(n=fmt))
        sheets: dict[int, Sheet] = {}
        for raw in self.field(data, "sheets", list):
            self.where = ""
            sheet = self.sheet(raw)
            if sheet.set_number in sheets:
                raise _Missing(_("set {n}").format(n=sheet.set_number), _("the set appears twice"))
            sheets[sheet.set_number] = sheet
        self.where = ""
        return Rubric(
            id=self.field(data, "id", str),
            decision=self.field(data, "decision", str),
            effective_from=self.field(data, "effective_from", str),
            sheets=dict(sorted(sheets.items())),
        )

    def sheet(self, raw: Any) -> Sheet:
        number = self.field(raw, "set_number", int)
        self.where = _("set {n}").format(n=number)
        counts = self.field(raw, "source_marker_counts", list)
        if len(counts) != 3 or not all(isinstance(c, int) and not isinstance(c, bool) for c in counts):
            raise _Missing(self.where, _("the field “{field}” has the wrong type").format(
                field="source_marker_counts"))
        base = self.where
        notes = tuple(self.note(n) for n in self.field(raw, "notes", list))
        parts = []
        for p in self.field(raw, "parts", list):
            self.where = base
            parts.append(self.part(p, base))
        self.where = base
        return Sheet(
            set_number=number,
            title=self.field(raw, "title", str),
            header=self.field(raw, "header", str),
            rejection_rule=self.field(raw, "rejection_rule", str),
            parts=tuple(parts),
            notes=notes,
            source_marker_counts=(counts[0], counts[1], counts[2]),
        )

    def part(self, raw: Any, base: str) -> Part:
        code = self.field(raw, "code", str)
        self.where = _("{set}, part {part}").format(set=base, part=code)
        here = self.where
        groups = []
        for g in self.field(raw, "groups", list):
            self.where = here
            groups.append(self.group(g, base))
        self.where = here
        return Part(
            code=code,
            title=self.field(raw, "title", str),
            max_points=self.field(raw, "max_points", int),
            groups=tuple(groups),
            anomaly=self.field(raw, "anomaly", str, optional=True),
        )

    def group(self, raw: Any, base: str) -> Group:
        number = self.field(raw, "number", str)
        self.where = _("{set}, group {group}").format(set=base, group=number)
        here = self.where
        subheadings = []
        for h in self.field(raw, "subheadings", list, optional=True) or []:
            subheadings.append(Heading(
                code=self.field(h, "code", str),
                title=self.field(h, "title", str),
                max_points=self.field(h, "max_points", int),
            ))
        criteria = []
        for c in self.field(raw, "criteria", list):
            self.where = here
            criteria.append(self.criterion(c, base))
        self.where = here
        return Group(
            number=number,
            title=self.field(raw, "title", str),
            max_points=self.field(raw, "max_points", int),
            criteria=tuple(criteria),
            subheadings=tuple(subheadings),
        )

    def criterion(self, raw: Any, base: str) -> Criterion:
        code = self.field(raw, "code", str)
        self.where = _("{set}, criterion {code}").format(set=base, code=code)
        options = []
        field = self.field
        for o in field(raw, "options", list):
            options.append(Option(
                field(o, "index", int), field(o, "text", str), field(o, "points", int),
                field(o, "min_stars", int, optional=True),
            ))
        return Criterion(
            code=code,
            title=self.field(raw, "title", str),
            max_points=self.field(raw, "max_points", int),
            options=tuple(options),
            notes=tuple(self.note(n) for n in self.field(raw, "notes", list)),
            yes_no=bool(self.field(raw, "yes_no", bool, optional=True)),
            anomaly=self.field(raw, "anomaly", str, optional=True),
        )

    def note(self, raw: Any) -> Note:
        kind = self.field(raw, "kind", str)
        try:
            note_kind = NoteKind(kind)
        except ValueError:
            raise _Missing(self.where, _("unknown note kind “{kind}”").format(kind=kind)) from None
        return Note(
            kind=note_kind,
            text=self.field(raw, "text", str),
            id=self.field(raw, "id", str),
            on_zero=bool(self.field(raw, "on_zero", bool, optional=True)),
        )


# ---------------------------------------------------------------------------------------
# Integrity checks
# ---------------------------------------------------------------------------------------


def check_rubric(rubric: Rubric) -> list[str]:
    """Every integrity problem of the rubric, one translated sentence each (empty: sound)."""
    problems: list[str] = []
    numbers = sorted(rubric.sheets)
    if numbers != list(SET_NUMBERS):
        missing = sorted(set(SET_NUMBERS) - set(numbers))
        unknown = sorted(set(numbers) - set(SET_NUMBERS))
        if missing:
            problems.append(_("Sets missing: {sets}.").format(sets=", ".join(map(str, missing))))
        if unknown:
            problems.append(_("Unknown sets: {sets} (the sets are numbered 1 to 26).").format(
                sets=", ".join(map(str, unknown))))
    for number, sheet in rubric.sheets.items():
        if sheet.set_number != number:
            problems.append(_("Set {n}: the sheet says it is set {m}.").format(n=number, m=sheet.set_number))
        problems.extend(check_sheet(sheet))
    return problems


def check_sheet(sheet: Sheet) -> list[str]:
    out: list[str] = []
    n = sheet.set_number

    def at(code: str, text: str) -> None:
        out.append(_("Set {n}, criterion {code}: {problem}").format(n=n, code=code, problem=text))

    codes = [p.code for p in sheet.parts]
    if codes != list(PART_MAXIMA):
        out.append(_("Set {n}: the parts are {found}, expected A, B, C.").format(
            n=n, found=", ".join(codes) or "—"))
    for part in sheet.parts:
        expected = PART_MAXIMA.get(part.code)
        if expected is not None and part.max_points != expected:
            out.append(_("Set {n}, part {part}: maximum {found}, expected {expected}.").format(
                n=n, part=part.code, found=part.max_points, expected=expected))
        groups_sum = sum(g.max_points for g in part.groups)
        if groups_sum != part.max_points:
            out.append(_("Set {n}, part {part}: the groups add up to {sum}, not the part's maximum {max}.").format(
                n=n, part=part.code, sum=groups_sum, max=part.max_points))
        for group in part.groups:
            crit_sum = sum(c.max_points for c in group.criteria)
            if crit_sum != group.max_points:
                out.append(_("Set {n}, group {group}: the criteria add up to {sum}, not the group's maximum {max}.").format(
                    n=n, group=group.number, sum=crit_sum, max=group.max_points))
            for heading in group.subheadings:
                under = [c for c in group.criteria if c.code.startswith(heading.code + ".")]
                sub_sum = sum(c.max_points for c in under)
                if not under or sub_sum != heading.max_points:
                    out.append(_("Set {n}, heading {code}: the criteria under it add up to {sum}, not its maximum {max}.").format(
                        n=n, code=heading.code, sum=sub_sum, max=heading.max_points))
            for crit in group.criteria:
                if crit.code != group.number and not crit.code.startswith(group.number + "."):
                    at(crit.code, _("it is not in group {group}.").format(group=group.number))
    total = sum(p.max_points for p in sheet.parts)
    if total != TOTAL:
        out.append(_("Set {n}: the parts add up to {sum}, not 100.").format(n=n, sum=total))

    seen_codes: set[str] = set()
    note_ids: set[str] = set()
    markers = [0, 0, 0]
    for note in sheet.notes:
        _check_note_id(note, note_ids, lambda text: out.append(_("Set {n}: {problem}").format(n=n, problem=text)))
    for crit in sheet.criteria:
        if crit.code in seen_codes:
            at(crit.code, _("the code appears twice in the sheet."))
        seen_codes.add(crit.code)
        if crit.max_points <= 0:
            at(crit.code, _("maximum {max} is not a positive number of points.").format(max=crit.max_points))
        if len(crit.options) < 2:
            at(crit.code, _("it has {count} option(s); at least 2 are needed.").format(count=len(crit.options)))
        for position, option in enumerate(crit.options):
            label = position + 1
            if option.index != position:
                at(crit.code, _("option {label} has index {index}, expected {position}.").format(
                    label=label, index=option.index, position=position))
            if option.points > crit.max_points:
                at(crit.code, _("option {label} is worth {points} points, more than the criterion's maximum {max}.").format(
                    label=label, points=option.points, max=crit.max_points))
            if option.points < 0:
                at(crit.code, _("option {label} is worth {points} points, below 0.").format(
                    label=label, points=option.points))
            if option.min_stars is not None:
                if option.min_stars not in (3, 4, 5):
                    at(crit.code, _("option {label} carries a {stars}-star marker; only 3, 4 and 5 exist.").format(
                        label=label, stars=option.min_stars))
                else:
                    markers[option.min_stars - 3] += 1
            if not option.text.strip():
                at(crit.code, _("option {label} has no text.").format(label=label))
        if crit.options:
            best = max(o.points for o in crit.options)
            if best != crit.max_points:
                at(crit.code, _("its best option is worth {best} points, not the maximum {max}.").format(
                    best=best, max=crit.max_points))
        levels = [o.min_stars for o in crit.options if o.min_stars in (3, 4, 5)]
        if len(levels) != len(set(levels)):
            at(crit.code, _("two options carry the marker for the same number of stars."))
        marked = sorted((o.min_stars, o.points) for o in crit.markers if o.min_stars in (3, 4, 5))
        if any(a[1] > b[1] for a, b in zip(marked, marked[1:], strict=False)):
            at(crit.code, _("a marker for more stars sits on an option worth fewer points."))
        for note in crit.notes:
            _check_note_id(note, note_ids, lambda text, code=crit.code: at(code, text))
    if tuple(markers) != tuple(sheet.source_marker_counts):
        out.append(_("Set {n}: the options carry {found} star markers (3★/4★/5★) but the source has {expected}.").format(
            n=n, found="/".join(map(str, markers)),
            expected="/".join(map(str, sheet.source_marker_counts))))
    return out


def _check_note_id(note: Note, ids: set[str], report) -> None:  # noqa: ANN001
    if not note.id:
        report(_("a note has no id."))
    elif note.id in ids:
        report(_("the note id “{id}” appears twice.").format(id=note.id))
    ids.add(note.id)
    if not note.text.strip():
        report(_("the note “{id}” has no text.").format(id=note.id))
