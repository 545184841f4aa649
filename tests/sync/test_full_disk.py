"""A full disk is a full disk: import, export, backup and restore with a few KiB free say
"the disk … is full: free N MB" (never "damaged, restore a backup"), exit 2, change
nothing and leave no stray file. A small tmpfs is mounted where the tests run as root;
elsewhere those tests skip, and ENOSPC injected at the OS seams tests the same paths."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocop_desktop import cli, paths
from ocop_desktop.db import Database
from ocop_desktop.errors import DiskFull
from ocop_desktop.i18n import set_language
from ocop_desktop.sync import container, exporter
from tests.sync.sync_samples import add_producer, introduce, make_office, whole_db_digest

FULL = "is full"
NOT_DAMAGED = "not damaged"


@pytest.fixture(autouse=True)
def _english(_isolated_user_dirs: None) -> None:
    set_language("en")


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    """(field db, province db, a bundle from the field office for the province): all closed."""
    field = make_office(tmp_path / "field.sqlite", "Trạm Khuyến nông Trùng Khánh", "field", [1477])
    province = make_office(tmp_path / "province.sqlite", "Văn phòng Điều phối OCOP tỉnh Cao Bằng", "province")
    introduce(field, province)
    for i in range(30):
        add_producer(field, f"Hợp tác xã Miến dong {i}", notes="Sản xuất miến dong. " * 20)
    (tmp_path / "out").mkdir()
    bundle = exporter.export_bundle(field, tmp_path / "out", province.office_id).path
    field.close()
    province.close()
    yield tmp_path / "field.sqlite", tmp_path / "province.sqlite", bundle


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux; the ENOSPC hook tests cover the same paths")
    disk = tmp_path / "disk"
    disk.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"mount is not permitted here ({r.stderr.strip()}); the ENOSPC hook tests cover the same paths")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def _fill(disk: Path, free_kib: int) -> Path:
    filler = disk / "filler"
    avail = shutil.disk_usage(disk).free - free_kib * 1024
    with filler.open("wb") as fh:
        while avail > 0:
            n = min(avail, 1024**2)
            fh.write(b"\0" * n)
            avail -= n
    return filler


def _on_disk(src: Path, disk: Path) -> Path:
    """A closed office database copied onto ``disk``, opened once (its lock file exists)."""
    dest = disk / src.name
    shutil.copyfile(src, dest)
    Database.open(dest).close()
    return dest


def _listing(folder: Path) -> list[str]:
    """The files (empty work folders are the app's normal state)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != "filler")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    rc = cli.main(["--lang", "en", *argv])
    return rc, capsys.readouterr().err


@pytest.mark.parametrize("free_kib", [0, 24, 64])
def test_import_on_a_full_disk(offices: tuple[Path, Path, Path], small_disk: Path, free_kib: int,
                               capsys: pytest.CaptureFixture[str]) -> None:
    _, province, bundle = offices
    db = _on_disk(province, small_disk)
    files = _listing(small_disk)  # before the digest: its read-only look leaves -wal and -shm
    before = whole_db_digest(db)
    filler = _fill(small_disk, free_kib)
    rc, err = _run(capsys, "--db", str(db), "bundle", "import", str(bundle))
    assert rc == 2
    assert FULL in err and NOT_DAMAGED in err and str(small_disk) in err and "is damaged" not in err
    assert "Traceback" not in err
    filler.unlink()
    assert set(_listing(small_disk)) <= set(files)  # no .open marker, no report, no journal left
    assert whole_db_digest(db) == before


@pytest.mark.parametrize("free_kib", [0, 24])
def test_export_on_a_full_disk(offices: tuple[Path, Path, Path], small_disk: Path, free_kib: int, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    field, _, _ = offices
    db = _on_disk(field, small_disk)
    files = _listing(small_disk)  # before the digest: its read-only look leaves -wal and -shm
    before = whole_db_digest(db)
    stick = tmp_path / "stick"
    stick.mkdir()
    filler = _fill(small_disk, free_kib)
    rc, err = _run(capsys, "--db", str(db), "bundle", "export", "--to", str(stick))
    assert rc == 2 and FULL in err and "Traceback" not in err
    filler.unlink()
    assert set(_listing(small_disk)) <= set(files) and list(stick.iterdir()) == []
    assert whole_db_digest(db) == before


@pytest.mark.parametrize("free_kib", [0, 24])
def test_backup_to_a_full_stick(offices: tuple[Path, Path, Path], small_disk: Path, free_kib: int,
                                capsys: pytest.CaptureFixture[str]) -> None:
    field, _, _ = offices
    filler = _fill(small_disk, free_kib)
    rc, err = _run(capsys, "--db", str(field), "backup", "--to", str(small_disk / "field-backup.sqlite"))
    assert rc == 2 and FULL in err and str(small_disk) in err
    filler.unlink()
    assert _listing(small_disk) == []  # no .part, no .part-journal


@pytest.mark.parametrize("free_kib", [0, 24, 200])
def test_restore_on_a_full_disk(offices: tuple[Path, Path, Path], small_disk: Path, free_kib: int, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    field, _, _ = offices
    backup = tmp_path / "backup.sqlite"
    with Database.open(field) as f:
        f.backup_to(backup)
    db = _on_disk(field, small_disk)
    files = _listing(small_disk)  # before the digest: its read-only look leaves -wal and -shm
    before = whole_db_digest(db)
    filler = _fill(small_disk, free_kib)
    rc, err = _run(capsys, "--db", str(db), "restore", str(backup))
    assert rc == 2 and FULL in err and "Traceback" not in err
    filler.unlink()
    assert set(_listing(small_disk)) <= set(files)  # no .restoring, no half copy in the backups folder
    assert whole_db_digest(db) == before


# -- the same faults injected at the OS seams (no mount needed) ---------------------------


def test_enospc_writing_the_open_marker(offices: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    field, _, _ = offices
    real = Path.write_text

    def write_text(self: Path, *a: object, **kw: object) -> int:
        if self.name.endswith(".open"):
            real(self, "")  # the file is created, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, *a, **kw)

    monkeypatch.setattr(Path, "write_text", write_text)
    with pytest.raises(DiskFull, match=FULL):
        Database.open(field)
    assert not field.with_name(field.name + ".open").exists()
    monkeypatch.undo()
    Database.open(field).close()  # the lock was released


def test_enospc_building_the_bundle(offices: tuple[Path, Path, Path], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    field, province, _ = offices
    with Database.open(province) as p:
        province_id = p.office_id
    before = whole_db_digest(field)

    def full(path: Path, *a: object, **kw: object) -> str:
        Path(path).write_bytes(b"half a bundle")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(container, "write_bundle", full)
    stick = tmp_path / "stick"
    stick.mkdir()
    with Database.open(field) as db, pytest.raises(DiskFull, match=FULL) as exc:
        exporter.export_bundle(db, stick, province_id)
    assert NOT_DAMAGED in exc.value.hint
    assert list((paths.office_files_dir(field) / "sync" / "outbox").iterdir()) == []
    assert list(stick.iterdir()) == []
    assert whole_db_digest(field) == before
