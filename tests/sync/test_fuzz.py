"""Mutated bundles: a bounded, seeded fuzz over the bytes, the ZIP entries, re-signed
manifests and re-sealed records of a valid bundle. Whatever the mutation, the import either
succeeds (the database must then still load) or is refused with a ``KnownError`` — never a
crash — and a refused import changes nothing in the database."""

from __future__ import annotations

import copy
import json
import random
import shutil
import traceback
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ocop_desktop.db import Database
from ocop_desktop.errors import KnownError
from ocop_desktop.models import Producer, Product
from ocop_desktop.sync import container, importer, overview
from tests.sync import make_corpus
from tests.sync.conftest import Corpus
from tests.sync.sync_samples import whole_db_digest

SEED = 20261123
ROUNDS = 300  # a fixed count, never a time budget: the same mutations on a busy machine as on an idle one


def _random_value(rng: random.Random, like: Any = None) -> Any:
    """A hostile value: usually of the same JSON type as ``like`` (to get past type checks), else any."""
    if rng.random() < 0.6:
        if type(like) is int:
            return rng.choice([0, -1, like + 1, -like, 2 ** 31, 2 ** 63 - 1, 2 ** 63, 2 ** 70, -(2 ** 64)])
        if isinstance(like, str):
            return rng.choice(["", like + "x", like[:1], "a" * 300, "0000-00-00", "2024-02-30", "2024-13-45 25:61:61",
                               "\ud800", "\x00", "../x", "0" * 64, str(uuid.uuid4()), like.upper()])
        if isinstance(like, list):
            return rng.choice([[], like * 2, [like], [None], like[::-1]])
        if isinstance(like, dict):
            return rng.choice([{}, {"": None}, {k: None for k in like}, {k: [v] for k, v in like.items()}])
        if isinstance(like, float):
            return rng.choice([float("nan"), float("inf"), -0.0, 1e308])
    return rng.choice([
        None, True, False, 0, -1, 1, 7, 2 ** 31, 2 ** 63, 2 ** 70, -(2 ** 64), 0.5, float("1e308"),
        "", "x", "ngày 30/02/2024", "2024-02-30", "2024-13-45 25:61:61", "../../etc/passwd", "\x00", "a" * 5000,
        "0" * 64, "ab" * 32, "\u0301\u0301", "\udfff", [], [1, "a"], {}, {"a": 1}, [[[[[]]]]],
    ])


def _paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key/index path inside a JSON document."""
    out = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.append((*prefix, k))
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out.append((*prefix, i))
            out += _paths(v, (*prefix, i))
    return out


def _mutate_doc(doc: Any, rng: random.Random) -> str:
    """Change one place of a JSON document in place; return what was done."""
    paths = _paths(doc)
    if not paths:
        return "nothing to mutate"
    path = rng.choice(paths)
    parent = doc
    for p in path[:-1]:
        parent = parent[p]
    key = path[-1]
    op = rng.choice(["replace", "replace", "replace", "delete", "duplicate", "add"])
    if op == "delete":
        del parent[key]
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    elif op == "add" and isinstance(parent, dict):
        parent[rng.choice(["extra", "id", "version", "name", "__proto__"])] = _random_value(rng)
    else:
        op = "replace"
        parent[key] = _random_value(rng, parent[key])
    return f"{op} {'/'.join(map(str, path))}"


def _shuffled(doc: Any, rng: random.Random) -> Any:
    if isinstance(doc, dict):
        keys = list(doc)
        rng.shuffle(keys)
        return {k: _shuffled(doc[k], rng) for k in keys}
    if isinstance(doc, list):
        return [_shuffled(v, rng) for v in doc]
    return doc


class Mutator:
    def __init__(self, corpus: Corpus, rng: random.Random, work: Path) -> None:
        self.rng = rng
        self.work = work
        self.keys = corpus.world.keys
        self.source = corpus.valid("next")
        self.raw = self.source.read_bytes()
        self.items = make_corpus.entries(self.source)
        self.opened = make_corpus.open_bundle(self.source, self.keys)
        self.ops: list[tuple[str, Callable[[Path], str]]] = [
            ("flip bits", self.flip), ("truncate", self.truncate), ("insert bytes", self.insert),
            ("delete bytes", self.delete), ("rewrite an entry", self.entry), ("rewrite an entry", self.entry),
            ("re-signed manifest", self.manifest), ("re-signed manifest", self.manifest),
            ("re-sealed records", self.records), ("re-sealed records", self.records),
        ]

    def _bytes(self, data: bytes) -> tuple[bytes, str]:
        rng = self.rng
        how = rng.choice(["flip", "insert", "delete", "truncate"])
        buf = bytearray(data)
        if how == "flip" and buf:
            for _ in range(rng.randint(1, 8)):
                buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
        elif how == "insert":
            pos = rng.randint(0, len(buf))
            buf[pos:pos] = rng.randbytes(rng.randint(1, 16))
        elif how == "delete" and buf:
            pos = rng.randrange(len(buf))
            del buf[pos:pos + rng.randint(1, 64)]
        else:
            how = "truncate"
            del buf[rng.randint(0, len(buf)):]
        return bytes(buf), how

    def flip(self, out: Path) -> str:
        n = self.rng.randint(1, 8)
        buf = bytearray(self.raw)
        spots = [self.rng.randrange(len(buf) * 8) for _ in range(n)]
        out.write_bytes(make_corpus.flip_bits(bytes(buf), spots))
        return f"{n} bits at {sorted(s // 8 for s in spots)}"

    def truncate(self, out: Path) -> str:
        n = self.rng.randint(0, len(self.raw) - 1)
        out.write_bytes(self.raw[:n])
        return f"cut at {n}"

    def insert(self, out: Path) -> str:
        pos = self.rng.randint(0, len(self.raw))
        out.write_bytes(self.raw[:pos] + self.rng.randbytes(self.rng.randint(1, 32)) + self.raw[pos:])
        return f"at {pos}"

    def delete(self, out: Path) -> str:
        pos = self.rng.randrange(len(self.raw))
        n = self.rng.randint(1, 64)
        out.write_bytes(self.raw[:pos] + self.raw[pos + n:])
        return f"{n} at {pos}"

    def entry(self, out: Path) -> str:
        i = self.rng.randrange(len(self.items))
        name, data = self.items[i]
        mutated, how = self._bytes(data)
        items = list(self.items)
        items[i] = (name, mutated)
        make_corpus.write_entries(out, items)
        return f"{how} {name}"

    def manifest(self, out: Path) -> str:
        doc = make_corpus.manifest_of(self.items)
        what = "shuffled keys only" if self.rng.random() < 0.15 else _mutate_doc(doc, self.rng)
        shuffled = _shuffled(doc, self.rng)
        try:
            raw = json.dumps(shuffled, ensure_ascii=self.rng.random() < 0.5).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: only its escaped form can be written
            raw = json.dumps(shuffled).encode("utf-8")
        make_corpus.write_entries(out, make_corpus.resign(self.items, {}, self.keys.field_sign_private, raw=raw))
        return what

    def records(self, out: Path) -> str:
        o = copy.deepcopy(self.opened)
        table = self.rng.choice(["producer", "producer", "product", "product", "photo", "conflicts", "acks"])
        rows = make_corpus.lines(o.data[table])
        if not rows:
            rows = [{"id": "x"}]
        what = _mutate_doc(rows, self.rng)
        o.data[table] = make_corpus.unlines(rows)
        make_corpus.rebuild(out, o, self.keys)
        return f"{table}: {what}"


def _where(exc: BaseException) -> str:
    """The innermost frame of our code in a traceback (to group the crashes)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/ocop_desktop/" in f.filename]
    f = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{Path(f.filename).name}:{f.lineno} {f.name}"


def _readable(db: Database) -> str | None:
    try:
        with db.read_session() as s:
            s.query(Producer).all()
            s.query(Product).all()
            overview.history(s)
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc} at {_where(exc)}"
    return None


def test_mutated_bundles_never_crash_and_refusals_change_nothing(corpus: Corpus, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    pristine = corpus.recipient
    work = tmp_path / "db"
    work.mkdir()
    path = work / pristine.name
    shutil.copyfile(pristine, path)
    clean = whole_db_digest(path)
    mutator = Mutator(corpus, rng, tmp_path)
    db = Database.open(path)

    def reset() -> Database:
        db.close()
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(pristine, path)
        return Database.open(path)

    failures: dict[str, str] = {}  # kind → first example
    outcomes: dict[str, int] = {}
    rounds = 0
    try:
        for rounds in range(1, ROUNDS + 1):  # noqa: B007
            label, op = mutator.ops[rng.randrange(len(mutator.ops))]
            bundle = tmp_path / f"mutant{container.SUFFIX}"
            what = f"round {rounds}, {label}: {op(bundle)}"
            try:
                importer.import_bundle(db, bundle)
            except KnownError as exc:
                code = getattr(exc, "code", type(exc).__name__)
                outcomes[code] = outcomes.get(code, 0) + 1
                if whole_db_digest(path) != clean:
                    failures.setdefault(f"database changed after a refusal ({code})", f"{what}: {exc.message}")
                    db = reset()
            except Exception as exc:  # noqa: BLE001
                failures.setdefault(f"crash {type(exc).__name__} at {_where(exc)}", f"{what}: {str(exc)[:300]}")
                db = reset()
            else:
                outcomes["imported"] = outcomes.get("imported", 0) + 1
                problem = _readable(db)
                if problem:
                    failures.setdefault(f"accepted a bundle the app cannot read back: {problem.split(':')[0]}",
                                        f"{what}: {problem}")
                db = reset()
    finally:
        db.close()
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))
    assert not failures, (f"{len(failures)} kinds of failure in {rounds} mutations ({summary}):\n"
                          + "\n".join(f"- {k}\n    e.g. {v}" for k, v in failures.items()))
    assert rounds == ROUNDS
    assert len(outcomes) >= 5, summary  # the mutations reach several stages of the import
