"""``training`` and ``support`` list/add on a real database file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocop_desktop import cli
from ocop_desktop.db import Database
from ocop_desktop.models import Support, TrainingClass
from ocop_desktop.services import producers
from ocop_desktop.services.producers import ProducerData


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _count(path: Path, model: type) -> int:
    with Database.open(path) as db, db.read_session() as s:
        return s.query(model).count()


def test_training_and_support_add_and_list(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(kind="ho_sx", name="Hộ Nông Văn Dũng", commune_code=1477)).id
    path = db.path
    db.close()
    src = tmp_path / "training.json"
    src.write_text(json.dumps([{"title": "Tập huấn thương mại điện tử", "topic": "ecommerce",
                                "start_date": "15/09/2026", "end_date": "2026-09-16", "learners": 40,
                                "learners_women": 25, "producer_ids": [pid], "cost": "45.000.000 đ",
                                "funding": "dtts"}]), encoding="utf-8")
    code, out, err = run(["--db", str(path), "training", "add", "--from", str(src)], capsys)
    assert code == 0, err
    code, out, _err = run(["--db", str(path), "training", "list", "--json"], capsys)
    [row] = json.loads(out)
    assert row["cost"] == 45_000_000 and row["cost_text"] == "45.000.000 đ" and row["producer_ids"] == [pid]
    sup = tmp_path / "support.json"
    sup.write_text(json.dumps({"producer_id": pid, "kind": "packaging", "amount": 903_000_000,
                               "funding": "ntm", "date": "20/11/2025"}), encoding="utf-8")
    assert run(["--db", str(path), "support", "add", "--from", str(sup)], capsys)[0] == 0
    code, out, _err = run(["--db", str(path), "support", "list", "--json"], capsys)
    assert json.loads(out)[0]["amount_text"] == "903.000.000 đ"


@pytest.mark.parametrize(("content", "words"), [
    ([{"title": "A", "start_date": "15/09/2026", "learners": 10, "learners_women": 11},
      {"title": "B", "start_date": "15/09/2026"}], "nhiều hơn"),
    ({"title": "A", "start_date": "32/13/2026"}, "Bản ghi 1: start_date: “32/13/2026” không phải ngày"),
    ({"title": "A", "start_date": "15/09/2026", "cost": -5}, "âm"),
    ({"title": "A", "colour": "đỏ"}, "colour"),
    ("not json", "JSON"),
])
def test_bad_files_are_refused_and_nothing_is_written(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      content: object, words: str) -> None:
    path = db.path
    db.close()
    src = tmp_path / "bad.json"
    src.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    code, _out, err = run(["--db", str(path), "training", "add", "--from", str(src)], capsys)
    assert code == 2 and words in err
    assert _count(path, TrainingClass) == 0


def test_a_missing_or_oversized_file_is_refused(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ocop_desktop import cli_cycle_training

    path = db.path
    db.close()
    code, _out, err = run(["--db", str(path), "support", "add", "--from", str(tmp_path / "none.json")], capsys)
    assert code == 2 and "none.json" in err
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (cli_cycle_training.MAX_FILE_BYTES + 1))
    code, _out, err = run(["--db", str(path), "support", "add", "--from", str(big)], capsys)
    assert code == 2 and "MB" in err
    assert _count(path, Support) == 0
