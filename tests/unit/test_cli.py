"""Headless commands: output and exit codes (0 ok, 2 refused input, 1 other failure)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocop_desktop import cli
from ocop_desktop.db import Database
from ocop_desktop.services import producers, products
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData


def _seed(db: Database) -> None:
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(kind="htx", name="HTX Miến dong Phia Đén",
                                                        identifier="0101248141", commune_code=1477)).id
        products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid, product_set=6,
                                               status="dat_ocop", stars=4))
        products.create_product(s, ProductData(name="Trà Kolia", producer_id=pid, product_set=12, status="dang_ky"))


@pytest.fixture
def seeded(db: Database) -> Path:
    _seed(db)
    path = db.path
    db.close()
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_products_list_json_and_search(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["--db", str(seeded), "products", "list", "--json", "--search", "tra KOLIA"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [(r["name"], r["stars"], r["status"]) for r in rows] == [("Trà Kolia", None, "dang_ky")]
    assert rows[0]["code"] == f"04-01477-2-{dt.date.today().year}"
    # The producer's name is searchable too: both products of "HTX Miến dong Phia Đén".
    _code, out, _err = run(["--db", str(seeded), "products", "list", "--json", "--search", "phia den"], capsys)
    assert {r["name"] for r in json.loads(out)} == {"Miến dong Phia Đén", "Trà Kolia"}


def test_producers_list_json(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["--db", str(seeded), "producers", "list", "--json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert rows[0]["name"] == "HTX Miến dong Phia Đén" and rows[0]["product_count"] == 2


def test_env_var_chooses_database(seeded: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCOP_DESKTOP_DB", str(seeded))
    code, out, _err = run(["products", "list", "--json"], capsys)
    assert code == 0 and len(json.loads(out)) == 2


def test_db_check(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["--db", str(seeded), "db", "check"], capsys)
    report = json.loads(out)
    assert code == 0 and report["integrity"] == "ok" and report["schema_current"]


def test_missing_database_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["--db", str(tmp_path / "none.sqlite"), "products", "list"], capsys)
    assert code == 2 and "none.sqlite" in err
    assert not (tmp_path / "none.sqlite").exists()


def test_not_a_database_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bang-tinh.sqlite"
    f.write_text("tên,số\n", encoding="utf-8")
    code, _out, err = run(["--db", str(f), "producers", "list"], capsys)
    assert code == 2 and "SQLite" in err and "Traceback" not in err


def test_backup_and_restore(seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "usb" / "sao-luu.sqlite"
    assert run(["--db", str(seeded), "backup", "--to", str(dest)], capsys)[0] == 0
    with Database.open(seeded) as db, db.session() as s:
        for r in products.list_products(s):
            products.delete_product(s, r.id)
    assert json.loads(run(["--db", str(seeded), "products", "list", "--json"], capsys)[1]) == []
    assert run(["--db", str(seeded), "restore", str(dest)], capsys)[0] == 0
    assert len(json.loads(run(["--db", str(seeded), "products", "list", "--json"], capsys)[1])) == 2


def test_restore_garbage_exits_2(seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(2048))
    code, _out, err = run(["--db", str(seeded), "restore", str(junk)], capsys)
    assert code == 2 and err


def test_office_init_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.sqlite"
    code, out, _err = run(["--db", str(path), "office", "init", "--role", "field", "--name", "Trạm Trùng Khánh",
                           "--province", "cao bang", "--communes", "1477,1489"], capsys)
    assert code == 0 and json.loads(out)["communes"] == [1477, 1489]
    code, _out, err = run(["--db", str(path), "office", "init", "--role", "field", "--name", "X",
                           "--province", "Cao Bằng", "--communes", "1477"], capsys)
    assert code == 2 and err
    code, _out, _err = run(["--db", str(path), "office", "init", "--role", "field", "--name", "X",
                            "--province", "Atlantis"], capsys)
    assert code == 2


def test_office_init_refuses_foreign_commune(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["--db", str(tmp_path / "n.sqlite"), "office", "init", "--role", "field", "--name", "X",
                           "--province", "Cao Bằng", "--communes", "70"], capsys)
    assert code == 2 and err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["products", "frobnicate"])
    assert exc.value.code == 2


def test_console_script_runs(seeded: Path) -> None:
    exe = Path(sys.executable).with_name("ocop-desktop")
    proc = subprocess.run([str(exe), "--db", str(seeded), "products", "list", "--json"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 2
