"""The list model's C-level filtering and sorting (display-space masks, narrowing keystrokes,
batch-folded sort keys) give exactly the rows a plain Python filter and sort would."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PySide6.QtCore import Qt

from ocop_desktop.text import fold, search_terms
from ocop_desktop.ui.record_model import (
    Column,
    FoldedKey,
    RecordFilterProxy,
    RecordTableModel,
    folded,
    folded_many,
)

WORDS = ("Trà", "hoa", "vàng", "Miến", "dong", "Đông", "Khê", "mật", "ong", "bạc", "hà", "Nà", "Giàng", "tra")


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    place: str
    n: int
    deleted: bool
    search_text: str = field(default="")


class Model(RecordTableModel):
    COLUMNS = (
        Column("name", "Name", lambda r: r.name, FoldedKey("name")),
        Column("place", "Place", lambda r: r.place, lambda r: folded(r.place)),
        Column("n", "N", lambda r: str(r.n), lambda r: r.n, numeric=True),
    )


def _rows(rng: random.Random, n: int) -> list[Row]:
    out = []
    for i in range(n):
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
        place = rng.choice(WORDS)
        out.append(Row(f"id{i}", name, place, rng.randint(0, 5), rng.random() < 0.2, fold(f"{name} {place}")))
    return out


def _expected(rows: list[Row], query: str, preds: dict, sort: tuple[int, Qt.SortOrder] | None) -> list[str]:
    terms = search_terms(query)
    kept = [r for r in rows if all(t in r.search_text for t in terms) and all(p(r) for p in preds.values())]
    if sort is not None:
        col = Model.COLUMNS[sort[0]]
        kept = sorted(kept, key=col.sort_value, reverse=sort[1] == Qt.SortOrder.DescendingOrder)
    return [r.id for r in kept]


def test_random_searches_filters_and_sorts_match_a_plain_filter() -> None:
    rng = random.Random(11)
    rows = _rows(rng, 400)
    model = Model()
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    preds: dict = {}
    query, sort = "", None
    for step in range(300):
        action = rng.random()
        if action < 0.45:  # type or delete a letter, or paste a query
            if query and rng.random() < 0.3:
                query = query[:-1]
            elif rng.random() < 0.2:
                query = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 2)))
            else:
                query += rng.choice("trahongviedk ")
            proxy.set_search(query)
        elif action < 0.7:
            name = rng.choice(("live", "n", "place"))
            if name in preds and rng.random() < 0.5:
                del preds[name]
                proxy.set_predicate(name, None)
            else:
                value, word = rng.randint(0, 5), rng.choice(WORDS)
                pred = {"live": lambda r: not r.deleted, "n": lambda r, v=value: r.n >= v,
                        "place": lambda r, w=word: r.place == w}[name]
                preds[name] = pred
                proxy.set_predicate(name, pred)
        elif action < 0.9:
            sort = (rng.randrange(3), rng.choice((Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)))
            proxy.sort(*sort)
        else:
            rows = _rows(rng, rng.randint(0, 400))
            model.set_rows(rows)
        shown = [proxy.row_object(i).id for i in range(proxy.rowCount())]
        assert shown == _expected(rows, query, preds, sort), (step, query, sort, sorted(preds))
        for name in preds:
            assert proxy.count_passing(name) == sum(1 for r in rows if preds[name](r))


def test_folded_many_equals_folded() -> None:
    texts = ["Đình  Bảng", "", "ỨNG HOÀ", "ß", "a\x00b", "Nà Giàng", "İstanbul", "e\u0301"]
    assert folded_many(texts) == [folded(t) for t in texts]
    assert folded_many([]) == []
