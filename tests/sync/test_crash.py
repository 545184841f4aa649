"""Crash safety: an import killed (SIGKILL) at a random moment leaves a sound database that
holds all of the bundle or none of it.

One bundle of 3,000 producers and 3,000 products (an import of about a second) is built
once; each trial imports it into a fresh copy of the province's database in a child
process and kills the child after a random delay within the measured import time."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from ocop_desktop.db import Database
from ocop_desktop.models import Producer, Product
from ocop_desktop.sync import exporter
from tests.sync.sync_samples import COMMUNES, introduce, make_office

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

N = 3000
TRIALS = 20
SEED = 20261124
REPO = Path(__file__).resolve().parents[2]
COUNTED = ("producer", "product", "change_log", "sync_bundle", "sync_peer", "sync_replica")

CHILD = r"""
import sys, time
from pathlib import Path
import ocop_desktop.models, ocop_desktop.services.photos, ocop_desktop.sync.merge, ocop_desktop.sync.receipt
from ocop_desktop.db import Database
from ocop_desktop.sync import importer
db = Database.open(sys.argv[1])
db.refresh_office()  # engine, sessions and mappers ready: the delay measures the import only
apply = importer.apply_import
def timed_apply(*a, **kw):
    print("apply", time.monotonic() - t0, flush=True)
    return apply(*a, **kw)
importer.apply_import = timed_apply
t0 = time.monotonic()
print("ready", flush=True)
importer.import_bundle(db, Path(sys.argv[2]))
print("done", time.monotonic() - t0, flush=True)
"""


@dataclass
class Big:
    province: Path  # pristine: the field office is known, nothing imported
    bundle: Path
    folder: Path


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Big:
    root = tmp_path_factory.mktemp("crash")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OCOP_DATA_DIR", str(root / "userdata"))
        field = make_office(root / "field.sqlite", "Trạm Khuyến nông Trùng Khánh", "field", COMMUNES)
        province = make_office(root / "province.sqlite", "Văn phòng Điều phối OCOP tỉnh Cao Bằng", "province")
        try:
            introduce(field, province)
            with field.session() as s:  # one session: thousands of records in a few seconds
                producers = [Producer(kind="htx", name=f"Hợp tác xã số {i}", commune_code=COMMUNES[i % 4],
                                      phone=f"0206 {i:07d}", notes="Sản xuất miến dong, chè, mật ong. " * 4)
                             for i in range(N)]
                s.add_all(producers)
                s.flush()
                s.add_all([Product(name=f"Sản phẩm {i}", producer_id=p.id, product_set=1 + i % 26, status="draft",
                                   commune_code=p.commune_code, description="Mô tả sản phẩm. " * 5)
                           for i, p in enumerate(producers)])
            (root / "out").mkdir()
            bundle = exporter.export_bundle(field, root / "out", province.office_id).path
        finally:
            field.close()
            province.close()
    return Big(root / "province.sqlite", bundle, root)


def _state(path: Path) -> tuple[str, dict[str, int]]:
    con = sqlite3.connect(path)
    try:
        check = "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED}
        counts["bundles_in"] = con.execute("SELECT count(*) FROM sync_bundle WHERE direction='in'").fetchone()[0]
        counts["peer_last_in"] = con.execute("SELECT coalesce(max(last_in_number), 0) FROM sync_peer").fetchone()[0]
        return check, counts
    finally:
        con.close()


@dataclass
class Run:
    finished: bool
    wal_size: int  # of the killed child's WAL: > 0 = killed after the transaction began writing it
    apply_at: float = 0.0  # (complete run) seconds from ready to the apply stage
    duration: float = 0.0  # (complete run) seconds from ready to done


def _trial(big: Big, folder: Path, delay: float | None) -> Run:
    """Import into a fresh copy in a child process, SIGKILLed ``delay`` s after it is ready
    (None: let it finish)."""
    folder.mkdir()
    db_path = folder / "province.sqlite"
    shutil.copyfile(big.province, db_path)
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path), str(big.bundle)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        if proc.stdout.readline().strip() != b"ready":
            proc.wait(60)
            pytest.fail(f"the child did not start: {proc.stderr.read().decode(errors='replace')}")
        if delay is None:
            out = proc.stdout.read().decode().split()
            assert proc.wait(60) == 0 and out[0] == "apply" and out[2] == "done", \
                proc.stderr.read().decode(errors="replace")
            return Run(True, 0, float(out[1]), float(out[3]))
        time.sleep(delay)
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        wal = db_path.with_name(db_path.name + "-wal")
        return Run(finished, wal.stat().st_size if wal.exists() else 0)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        proc.stdout.close()
        proc.stderr.close()


def test_import_killed_at_random_moments_is_all_or_nothing(big: Big, tmp_path: Path) -> None:
    from ocop_desktop.sync import importer

    check, before = _state(big.province)
    assert check == "ok"
    # A complete import in a child: how long it takes, when it starts writing, what "all" looks like.
    complete = _trial(big, tmp_path / "complete", None)
    check, after = _state(tmp_path / "complete" / "province.sqlite")
    assert check == "ok"
    assert after["producer"] == before["producer"] + N and after["product"] == before["product"] + N
    assert after["bundles_in"] == before["bundles_in"] + 1 and after["peer_last_in"] == 1
    assert after["change_log"] == before["change_log"] + 2 * N

    rng = random.Random(SEED)
    outcomes = []
    retried = False
    for i in range(TRIALS):
        # Half the kills anywhere in the import, half while it writes (the one transaction and its commit).
        low = 0.0 if i % 2 == 0 else complete.apply_at
        delay = rng.uniform(low, complete.duration)
        folder = tmp_path / f"trial-{i:02d}"
        run = _trial(big, folder, delay)
        path = folder / "province.sqlite"
        check, counts = _state(path)
        when = f"trial {i}, killed {delay:.3f} s into an import of {complete.duration:.3f} s"
        assert check == "ok", f"{when}: integrity_check says {check}"
        assert counts in (before, after), f"{when}: part of the bundle is here: {counts}, not {before} or {after}"
        outcome = "all" if counts == after else "none"
        stage = ("finished" if run.finished else "wal-written" if run.wal_size else
                 "writing" if delay >= complete.apply_at else "reading")
        outcomes.append(f"{delay / complete.duration:.2f}:{stage}:{outcome}")
        # The app opens it (integrity check after the unclean stop); when nothing was imported, the
        # same bundle then imports completely (checked once: it takes a second).
        db = Database.open(path)
        try:
            assert db.recovered_from_crash, when
            if outcome == "none" and not retried:
                rep = importer.import_bundle(db, big.bundle)
                assert rep.totals["new"] == 2 * N
                retried = True
        finally:
            db.close()
    assert retried, outcomes
    assert sum(":reading:" not in o for o in outcomes) >= TRIALS // 4, outcomes  # most kills hit the writing
