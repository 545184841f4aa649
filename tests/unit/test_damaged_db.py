"""Damaged database files: every command says "damaged" with what to do (exit 2, no
traceback, the file untouched); `db check` reports instead of crashing; an empty file is
not silently made into a new database; a device is not called a folder."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from pathlib import Path

import pytest

from ocop_desktop import cli
from ocop_desktop.models import Producer, Product


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = cli.main(["--lang", "en", *argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def office_file(db, tmp_path: Path) -> Path:  # noqa: ANN001 - the conftest's open field office
    with db.session() as s:
        producers = [Producer(kind="htx", name=f"Hợp tác xã số {i}", commune_code=1477,
                              notes="Sản xuất miến dong. " * 10) for i in range(150)]
        s.add_all(producers)
        s.flush()
        s.add_all([Product(name=f"Miến dong số {i}", producer_id=p.id, product_set=1, status="draft",
                           commune_code=1477, description="Mô tả sản phẩm. " * 10) for i, p in enumerate(producers)])
    path = db.path
    db.close()  # checkpointed: the whole office is in the one file
    return path


def _zero_page(path: Path, table: str) -> None:
    """Zero one page of ``table`` with dd (a leaf in the middle of it, not its root)."""
    con = sqlite3.connect(path)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
        pages = sorted(p for (p,) in con.execute("SELECT pageno FROM dbstat WHERE name=? AND pagetype='leaf'",
                                                 (table,))) if _has_dbstat(con) else []
    finally:
        con.close()
    page = pages[len(pages) // 2] if pages else root
    subprocess.run(["dd", "if=/dev/zero", f"of={path}", f"bs={page_size}", f"seek={page - 1}", "count=1",
                    "conv=notrunc", "status=none"], check=True)


def _has_dbstat(con: sqlite3.Connection) -> bool:
    try:
        con.execute("SELECT 1 FROM dbstat LIMIT 1")
        return True
    except sqlite3.Error:
        return False


def test_an_empty_file_is_refused_not_made_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "office.sqlite"
    empty.write_bytes(b"")
    rc, out, err = _run(capsys, "--db", str(empty), "products", "list")
    assert rc == 2 and out == ""
    assert "empty (0 bytes)" in err and "restore" in err and "Traceback" not in err
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.sqlite"]  # no lock, no marker, no folder


def test_a_device_is_not_called_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = _run(capsys, "--db", "/dev/null", "products", "list")
    assert rc == 2 and "device or a special file" in err and "folder" not in err


def test_a_zeroed_product_page(office_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _zero_page(office_file, "product")
    before = _digest(office_file)
    rc, out, err = _run(capsys, "--db", str(office_file), "products", "list")
    assert rc == 2 and "Traceback" not in err
    assert "is damaged" in err and "Restore the latest backup" in err
    assert _digest(office_file) == before
    assert not office_file.with_name(office_file.name + ".open").exists()


@pytest.mark.parametrize("table", ["product", "producer"])
def test_db_check_reports_a_zeroed_page(office_file: Path, table: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    _zero_page(office_file, table)
    before = _digest(office_file)
    rc, out, err = _run(capsys, "--db", str(office_file), "db", "check")
    assert rc == 2 and "Traceback" not in err
    report = json.loads(out)
    assert report["integrity"] != "ok" and report["integrity"]
    assert "is damaged" in err and "Restore the latest backup" in err
    assert _digest(office_file) == before


def test_db_check_on_a_sound_file(office_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    rc, out, _ = _run(capsys, "--db", str(office_file), "db", "check")
    assert rc == 0 and json.loads(out)["integrity"] == "ok"


def test_products_list_into_a_closed_pipe(office_file: Path, tmp_path: Path) -> None:
    """`products list --json | head -1` (more than a pipe holds): no BrokenPipe traceback."""
    import os
    import sys

    repo = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(repo))
    cmd = f"{sys.executable} -m ocop_desktop --db {office_file} products list --json | head -1"
    r = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=repo, env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.stdout.count("\n") == 1
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr, r.stderr
