"""Building the demo office: atomically (a temporary name, then one rename), never a
final-named half demo, an interrupted build cleaned up; the plain `demo` command gives
certified products their decisions and certificates, and sample evaluations."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ocop_desktop import cli, demo
from ocop_desktop.db import Database
from ocop_desktop.demo import build
from ocop_desktop.models import Certificate, Decision, Evaluation, Product


def test_an_interrupted_build_leaves_no_final_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ocop_desktop.demo import sync_story

    path = tmp_path / "demo.sqlite"
    seen: list[bool] = []

    def killed(province_path: Path) -> None:
        seen.append(province_path.exists() and not path.exists())  # the records exist, under the temporary name
        (province_path.parent / (province_path.stem + "-files") / "demo-offices").mkdir(parents=True)
        raise KeyboardInterrupt  # the officer closed the window, the PC went off…

    monkeypatch.setattr(sync_story, "add_sync_history", killed)
    with pytest.raises(KeyboardInterrupt):
        demo.build_demo(path, products=40, role="province", sync_story=True, with_decisions=True)
    assert seen == [True]
    assert not path.exists() and not build.is_complete(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # the temporary files are gone too


def test_leftovers_of_a_killed_build_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    tmp = build.building_path(path)
    tmp.write_bytes(b"SQLite format 3\x00 half written")  # what a SIGKILL leaves
    (tmp_path / "demo.sqlite-files" / "demo-offices").mkdir(parents=True)
    (tmp_path / "demo.sqlite-files" / "demo-offices" / "ha-quang.sqlite").write_bytes(b"half")
    demo.build_demo(path, products=40, role="province", sync_story=True, with_decisions=True)
    assert build.is_complete(path)
    assert not tmp.exists() and not (tmp_path / "demo.sqlite-files").exists()
    with Database.open(tmp_path / "demo-files" / "demo-offices" / "ha-quang.sqlite") as db, \
            db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == 0  # a real, finished field office


def test_is_complete(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    assert not build.is_complete(path)
    demo.build_demo(path, products=10)
    assert build.is_complete(path)
    path.with_name("other.sqlite").write_text("not a database")
    assert not build.is_complete(path.with_name("other.sqlite"))
    con = sqlite3.connect(path)  # a demo built before the completion mark existed
    with con:
        con.execute("DELETE FROM app_meta WHERE key = ?", (build.COMPLETE_KEY,))
    con.close()
    assert not build.is_complete(path)


def test_plain_demo_command_certifies_with_decisions_and_evaluates(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    assert cli.main(["--db", str(path), "demo", "--products", "80"]) == 0
    with Database.open(path) as db, db.read_session() as s:
        starred = s.scalars(select(Product).where(Product.stars >= 3, Product.deleted.is_(False))).all()
        assert len(starred) >= 10
        certified = {c.product_id: c for c in s.scalars(select(Certificate))}
        for p in starred:
            assert p.id in certified, (p.name, p.status, p.stars)
            assert s.get(Decision, certified[p.id].decision_id) is not None
        evaluations = s.scalars(select(Evaluation).where(Evaluation.deleted.is_(False))).all()
        assert len(evaluations) >= 3
        assert {e.kind for e in evaluations} >= {"field", "council"}
        final = [e for e in evaluations if e.status == "final"]
        assert final and all(e.total is not None for e in final)


def test_rebuilding_keeps_the_backups_folder(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    demo.build_demo(path, products=40, role="province", sync_story=True, with_decisions=True)
    backups = tmp_path / "demo-files" / "backups"
    backups.mkdir()
    (backups / "demo-20261201.sqlite").write_bytes(b"a backup")
    (tmp_path / "demo-files" / "demo-offices" / "ha-quang.sqlite").unlink()
    assert not build.is_complete(path)
    demo.build_demo(path, products=40, role="province", sync_story=True, with_decisions=True, force=True)
    assert build.is_complete(path)
    assert (backups / "demo-20261201.sqlite").read_bytes() == b"a backup"


def test_the_demo_has_its_training_and_the_paper_bag_support(tmp_path: Path) -> None:
    from ocop_desktop.services import support, training

    path = tmp_path / "demo.sqlite"
    demo.build_demo(path, products=240, role="province", with_decisions=True)
    with Database.open(path) as db, db.read_session() as s:
        classes = training.list_training(s)
        bags = [r for r in support.list_support(s) if r.date == dt.date(2023, 10, 23)]
    ecommerce = [c for c in classes if c.topic == "ecommerce"]
    assert {("Thạch An" in c.title, "Nguyên Bình" in c.title) for c in ecommerce} == {(True, False), (False, True)}
    assert all(c.producer_ids and c.learners_minority <= c.learners and c.funding == "dtts" for c in ecommerce)
    assert len({r.producer_id for r in bags}) == 20
    assert sum(r.amount for r in bags) == 903_150_000
