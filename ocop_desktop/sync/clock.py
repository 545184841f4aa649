"""Version vectors and per-field dots: how offices agree on what happened before what.

A *replica* is one office incarnation (``Office.incarnation``): restoring a backup or
copying the database to another PC starts a new incarnation, so counters are never
reused for different edits. Replica ids are the first 12 hex digits of the incarnation.

A record's ``vv`` maps replica → number of edits made there; ``dots`` maps a field to
the edit ``[replica, counter]`` that last wrote it ("*" = default for unlisted fields).
Wall clocks are never used for ordering (office PCs have wrong clocks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULT = "*"
Dot = tuple[str, int]


def replica_of(incarnation: str) -> str:
    return incarnation.replace("-", "")[:12]


def version_of(vv: Mapping[str, int]) -> int:
    return sum(vv.values())


def covers(vv: Mapping[str, int], dot: Dot) -> bool:
    """True when the state with ``vv`` has seen the edit ``dot``."""
    return vv.get(dot[0], 0) >= dot[1]


def leq(a: Mapping[str, int], b: Mapping[str, int]) -> bool:
    """a ≤ b: every edit seen by ``a`` was seen by ``b``."""
    return all(b.get(k, 0) >= n for k, n in a.items() if n)


def join(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    out = dict(a)
    for k, n in b.items():
        if n > out.get(k, 0):
            out[k] = n
    return dict(sorted(out.items()))


def meet(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    return {k: min(n, b[k]) for k, n in a.items() if k in b and min(n, b[k])}


def dot_of(dots: Mapping[str, Any], field: str) -> Dot:
    d = dots.get(field) or dots.get(DEFAULT) or ("", 0)
    return (str(d[0]), int(d[1]))


def dot_key(d: Dot) -> tuple[int, str]:
    """A total order on concurrent dots (deterministic winner; not "newer")."""
    return (d[1], d[0])


def tick(vv: Mapping[str, int], dots: Mapping[str, Any], replica: str, fields: list[str]
         ) -> tuple[dict[str, int], dict[str, Any]]:
    """A local edit at ``replica`` writing ``fields``: the new vv and dots."""
    new_vv = dict(vv)
    n = new_vv.get(replica, 0) + 1
    new_vv[replica] = n
    new_dots = dict(dots)
    for f in fields:
        new_dots[f] = [replica, n]
    return dict(sorted(new_vv.items())), new_dots


def created(replica: str) -> tuple[dict[str, int], dict[str, Any]]:
    return {replica: 1}, {DEFAULT: [replica, 1]}
