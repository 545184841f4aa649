"""Classify and merge one incoming record against the local copy (pure; no database).

Classes (what the import preview counts):

- ``new``: not here yet.
- ``identical``: the same state (same version vector) is here already.
- ``outdated``: we already hold a newer state that includes this one.
- ``stale_delete``: an old deletion we already went past (restored or edited since).
- ``fast_forward``: the incoming state includes ours: take it.
- ``parallel``: both sides edited, different fields: merged field by field.
- ``conflict``: both sides changed the same field (or one deleted what the other
  edited): the record gets a value chosen the same way on every office and a
  :class:`ConflictInfo` keeps the other value for an officer to decide.

The merge is a per-field register over version vectors: a field takes the value of the
edit the other side has not seen; two unseen edits of one field are a conflict, won by a
fixed order of their dots (never by clocks). A deletion concurrent with an edit keeps the
record alive (modified wins over deleted) and is listed as a conflict: never a silent loss
or resurrection. Merging is commutative, associative and idempotent, so offices that saw
the same changes hold the same records whatever the order (property-tested).
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ocop_desktop.sync import clock

NEW, IDENTICAL, OUTDATED, STALE_DELETE = "new", "identical", "outdated", "stale_delete"
FAST_FORWARD, PARALLEL, CONFLICT = "fast_forward", "parallel", "conflict"
CLASSES = (NEW, IDENTICAL, OUTDATED, STALE_DELETE, FAST_FORWARD, PARALLEL, CONFLICT)
WRITES = frozenset({NEW, FAST_FORWARD, PARALLEL, CONFLICT})

_NS = uuid.UUID("6f1c2a8e-4b55-4d1e-9a4f-0c0c0c0c0c04")


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    table: str
    record_id: str
    field: str
    kind: str  # "field" | "delete"
    kept_value: Any
    other_value: Any
    kept_dot: list[Any]
    other_dot: list[Any]
    kept_version: int
    other_version: int
    base_version: int


@dataclass(slots=True)
class Outcome:
    cls: str
    row: dict[str, Any] | None = None  # the row to store (None: nothing to write)
    conflicts: list[ConflictInfo] = field(default_factory=list)
    merged_fields: list[str] = field(default_factory=list)  # fields taken from the incoming side


def conflict_id(table: str, record_id: str, field_name: str, a: clock.Dot, b: clock.Dot) -> str:
    lo, hi = sorted([a, b], key=clock.dot_key)
    return str(uuid.uuid5(_NS, f"{table}:{record_id}:{field_name}:{lo[0]}:{lo[1]}:{hi[0]}:{hi[1]}"))


def merge(table: str, content: tuple[str, ...], local: dict[str, Any] | None,
          incoming: dict[str, Any]) -> Outcome:
    """``content`` lists the content columns (not the sync bookkeeping); ``deleted`` is
    merged as a field too."""
    if local is None:
        return Outcome(NEW, incoming)
    lv, iv = local["vv"], incoming["vv"]
    if lv == iv:
        if _same(content, local, incoming):
            return Outcome(IDENTICAL)
        return _merge_concurrent(table, content, local, incoming)  # a clone reused counters
    if clock.leq(iv, lv):
        if incoming["deleted"] and not local["deleted"]:
            return Outcome(STALE_DELETE)
        return Outcome(OUTDATED)
    if clock.leq(lv, iv):
        return Outcome(FAST_FORWARD, incoming, merged_fields=[
            f for f in (*content, "deleted") if local[f] != incoming[f]])
    return _merge_concurrent(table, content, local, incoming)


def _same(content: tuple[str, ...], a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["deleted"] == b["deleted"] and all(a[f] == b[f] for f in content)


def _merge_concurrent(table: str, content: tuple[str, ...], local: dict[str, Any],
                      incoming: dict[str, Any]) -> Outcome:
    lv, iv = local["vv"], incoming["vv"]
    ld, idots = local["dots"], incoming["dots"]
    base = clock.version_of(clock.meet(lv, iv))
    row = dict(local)
    dots: dict[str, clock.Dot] = {}
    conflicts: list[ConflictInfo] = []
    taken: list[str] = []
    for f in (*content, "deleted"):
        dl, di = clock.dot_of(ld, f), clock.dot_of(idots, f)
        vl, vi = local[f], incoming[f]
        if dl == di and vl == vi:
            win = dl
        elif clock.covers(lv, di) and not clock.covers(iv, dl):
            win = dl
        elif clock.covers(iv, dl) and not clock.covers(lv, di):
            win, row[f] = di, vi
        else:  # neither side saw the other's write (or a clone reused a counter)
            win = max(dl, di, key=clock.dot_key)
            if win == dl and dl == di:  # same dot, different values: order by value
                win_local = _order(vl) >= _order(vi)
            else:
                win_local = win == dl
            if not win_local:
                row[f] = vi
            if vl != vi and f != "deleted":
                kept, other = (vl, vi) if win_local else (vi, vl)
                kd, od = (dl, di) if win_local else (di, dl)
                conflicts.append(ConflictInfo(
                    conflict_id(table, local["id"], f, dl, di), table, local["id"], f, "field", kept, other,
                    list(kd), list(od), clock.version_of(lv if win_local else iv),
                    clock.version_of(iv if win_local else lv), base))
        if row[f] != vl:
            taken.append(f)
        dots[f] = win
    # A deletion that did not see an edit of the other side: the record stays alive.
    if row["deleted"]:
        deleters = [vv for vv, r in ((lv, local), (iv, incoming)) if r["deleted"]]
        unseen = [dots[f] for f in content if not any(clock.covers(vv, dots[f]) for vv in deleters)]
        if unseen:
            alive = max(unseen, key=clock.dot_key)
            del_dot = dots["deleted"]
            deleter_vv = deleters[0] if len(deleters) == 1 else clock.join(*deleters)
            other_vv = iv if deleter_vv is lv else lv
            conflicts.append(ConflictInfo(
                conflict_id(table, local["id"], "deleted", del_dot, alive), table, local["id"], "deleted",
                "delete", 0, 1, list(alive), list(del_dot), clock.version_of(other_vv),
                clock.version_of(deleter_vv), base))
            row["deleted"], row["deleted_at"] = 0, None
            dots["deleted"] = alive
    if row["deleted"] and not local["deleted"]:
        row["deleted_at"] = incoming["deleted_at"]
    vv = clock.join(lv, iv)
    row["vv"] = vv
    row["version"] = clock.version_of(vv)
    row["base_version"] = base
    row["updated_at"] = max(local["updated_at"], incoming["updated_at"])
    row["dots"] = _compact(dots)
    if "deleted" in taken and not row["deleted"]:
        row["deleted_at"] = None
    return Outcome(CONFLICT if conflicts else PARALLEL, row, conflicts, taken)


def _order(v: Any) -> str:
    import json

    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def _compact(dots: dict[str, clock.Dot]) -> dict[str, Any]:
    """Dots as stored: the most common one as "*" (ties broken by order), the rest listed."""
    counts = Counter(dots.values())
    default = max(counts, key=lambda d: (counts[d], clock.dot_key(d)))
    out: dict[str, Any] = {clock.DEFAULT: [default[0], default[1]]}
    for f, d in sorted(dots.items()):
        if d != default:
            out[f] = [d[0], d[1]]
    return out
