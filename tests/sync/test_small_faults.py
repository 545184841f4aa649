"""Issue 15's smaller faults: a self-addressed bundle, restoring a file onto itself or a
backup of another office, a symbolic link around the single-writer lock, a stick that
fakes its capacity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ocop_desktop import cli
from ocop_desktop.db import Database
from ocop_desktop.errors import BadInput, DatabaseLocked
from ocop_desktop.sync import exporter, usb
from tests.sync.conftest import Corpus
from tests.sync.sync_samples import add_producer, introduce, make_office, whole_db_digest


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = cli.main(["--lang", "en", *argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


def _incarnation(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT incarnation FROM office WHERE is_local=1").fetchone()[0]
    finally:
        con.close()


def test_verify_refuses_a_self_addressed_bundle(corpus: Corpus, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    province = corpus.fresh_recipient(tmp_path)
    bundle = corpus.file("own-bundle-to-self")
    rc, out, err = _run(capsys, "--db", str(province), "bundle", "import", str(bundle))
    assert rc == 2  # the import refuses it…
    rc, out, err = _run(capsys, "--db", str(province), "bundle", "verify", str(bundle))
    assert rc == 2 and "Valid bundle" not in out  # …and verify agrees
    assert "to itself" in err and "Traceback" not in err


def test_restore_onto_itself_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_office(tmp_path / "a.sqlite", "Trạm Khuyến nông Trùng Khánh", "field", [1477]).close()
    a = tmp_path / "a.sqlite"
    before, incarnation = whole_db_digest(a), _incarnation(a)
    rc, _, err = _run(capsys, "--db", str(a), "restore", str(a))
    assert rc == 2 and "cannot be restored onto itself" in err
    assert _incarnation(a) == incarnation and whole_db_digest(a) == before
    assert not a.with_name(a.name + ".restoring").exists()


def test_restore_of_another_office_warns_with_both_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_office(tmp_path / "a.sqlite", "Trạm Khuyến nông Trùng Khánh", "field", [1477]).close()
    make_office(tmp_path / "b.sqlite", "Trạm Khuyến nông Hà Quảng", "field", [1489]).close()
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    before = whole_db_digest(a)
    rc, _, err = _run(capsys, "--db", str(a), "restore", str(b))
    assert rc == 2
    assert "Trạm Khuyến nông Hà Quảng" in err and "Trạm Khuyến nông Trùng Khánh" in err and "--other-office" in err
    assert whole_db_digest(a) == before
    rc, _, err = _run(capsys, "--db", str(a), "restore", str(b), "--other-office")  # confirmed
    assert rc == 0, err
    with Database.open(a) as db:
        from ocop_desktop.services import office

        with db.read_session() as s:
            assert office.local_office(s).name == "Trạm Khuyến nông Hà Quảng"


def test_a_symbolic_link_does_not_get_around_the_lock(tmp_path: Path) -> None:
    real = make_office(tmp_path / "office.sqlite", "Trạm Khuyến nông Trùng Khánh", "field", [1477])
    link = tmp_path / "shortcut.sqlite"
    link.symlink_to(real.path)
    try:
        with pytest.raises(DatabaseLocked):
            Database.open(link)
    finally:
        real.close()
    with Database.open(link) as db:  # once closed, the link opens the real file
        assert db.path == real.path


def test_a_stick_that_fakes_its_capacity_is_blamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    field = make_office(tmp_path / "field.sqlite", "Trạm Khuyến nông Trùng Khánh", "field", [1477])
    province = make_office(tmp_path / "province.sqlite", "Văn phòng Điều phối OCOP tỉnh Cao Bằng", "province")
    introduce(field, province)
    add_producer(field, "Hợp tác xã Miến dong Phia Đén")
    stick = tmp_path / "stick"
    stick.mkdir()
    real = usb._write_chunk

    def fake_stick(fh, data: bytes) -> None:  # noqa: ANN001 - past its real size, a fake stick stores zeros
        real(fh, data[: len(data) // 2] + b"\0" * (len(data) - len(data) // 2))

    monkeypatch.setattr(usb, "_write_chunk", fake_stick)
    from ocop_desktop.i18n import set_language

    set_language("en")
    with pytest.raises(BadInput) as exc:
        exporter.export_bundle(field, stick, province.office_id)
    assert "this stick is failing or holds less than it claims" in exc.value.message
    assert "Use another USB stick" in exc.value.hint and "other office" not in exc.value.full_message()
    assert list(stick.iterdir()) == []
    with field.read_session() as s:
        from sqlalchemy import func, select

        from ocop_desktop.models import SyncBundle

        assert s.scalar(select(func.count()).select_from(SyncBundle)) == 0  # nothing recorded
    field.close()
    province.close()
