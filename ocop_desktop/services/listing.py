"""Helpers of the list services (``list_*``): building 30,000 plain rows quickly.

A list is read when its page opens, on a worker thread, and the officer waits for it, so
the per-row Python is kept small: rows are unpacked as tuples (a SQLAlchemy ``Row``'s
attribute access costs ~0.3 µs a field), labels and dates are made once per distinct value,
names that go into many rows' search text are folded once (``fold(a + " " + b)`` equals
``fold(a) + " " + fold(b)``: folding works letter by letter and collapses spaces), and JSON
columns are read as text and decoded by msgspec (several times faster than ``json``).
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import Text, type_coerce

from ocop_desktop.text import fold

_decode = msgspec.json.decode


def raw_json(column: Any) -> Any:
    """A JSON column selected as its stored text (decode it with :func:`json_list`)."""
    return type_coerce(column, Text)


def json_list(text: str | None) -> list[Any]:
    """A JSON list column's stored text → the list ([] for NULL, damage or another type)."""
    if not text:
        return []
    try:
        value = _decode(text)
    except msgspec.DecodeError:
        return []
    return value if isinstance(value, list) else []


class BoothRef(msgspec.Struct):
    """What an event list needs of a booth: its producer and its number of booths."""

    producer_id: str | None = None
    booths: int | None = None


_booths = msgspec.json.Decoder(list[BoothRef])


def booth_refs(text: str | None) -> list[BoothRef]:
    """An event's ``participants`` JSON text → its booths (typed decode, ~3× a dict decode);
    entries of another shape (a damaged or foreign record) are read leniently or skipped."""
    if not text:
        return []
    try:
        return _booths.decode(text)
    except msgspec.ValidationError:
        pass
    except msgspec.DecodeError:
        return []
    out = []
    for b in json_list(text):
        if isinstance(b, dict):
            pid, n = b.get("producer_id"), b.get("booths")
            out.append(BoothRef(pid if isinstance(pid, str) else None, n if isinstance(n, int) else None))
    return out


def joined_folded(*parts: str) -> str:
    """Already-folded parts as one search text (empty parts left out)."""
    return " ".join(filter(None, parts))


class FoldMemo(dict[str, str]):
    """``memo[text]`` is ``fold(text)``, computed once per distinct text: for the names that
    appear in many rows' search text (producers, products, communes)."""

    def __missing__(self, text: str) -> str:
        value = self[text] = fold(text)
        return value
