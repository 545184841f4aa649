"""sync.usb: writing a bundle to a USB stick safely, on real files, with the stick's
failures (full, pulled out, failing, read-only, FAT32) simulated at the OS seams."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import set_language
from ocop_desktop.sync import usb


@pytest.fixture(autouse=True)
def _english(_isolated_user_dirs: None) -> None:
    set_language("en")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "built" / "bundle.ocopbundle"
    path.parent.mkdir()
    path.write_bytes(os.urandom(10_000))
    return path


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    path = tmp_path / "stick"
    path.mkdir()
    return path


def _same_as(source: Path):  # noqa: ANN202
    want = hashlib.sha256(source.read_bytes()).hexdigest()
    seen: list[Path] = []

    def verify(path: Path) -> None:
        seen.append(path)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == want

    verify.seen = seen  # type: ignore[attr-defined]
    return verify


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _fail_on_chunk(monkeypatch: pytest.MonkeyPatch, n: int, exc: OSError) -> list[int]:
    """Write chunks normally, then raise ``exc`` on chunk ``n`` (1-based)."""
    calls = []
    real = usb._write_chunk

    def write(fh, data: bytes) -> None:  # noqa: ANN001
        calls.append(len(data))
        if len(calls) == n:
            raise exc
        real(fh, data)

    monkeypatch.setattr(usb, "CHUNK", 1024)
    monkeypatch.setattr(usb, "_write_chunk", write)
    return calls


def test_writes_and_verifies(source: Path, stick: Path) -> None:
    verify = _same_as(source)
    final = usb.write_verified(stick, "bundle.ocopbundle", source, verify)
    assert final == stick / "bundle.ocopbundle"
    assert verify.seen == [stick / ".bundle.ocopbundle.partial"]  # checked before it gets its name
    assert final.read_bytes() == source.read_bytes()
    assert _listing(stick) == ["bundle.ocopbundle"]  # no .partial left


def test_copies_in_chunks(source: Path, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usb, "CHUNK", 1024)
    final = usb.write_verified(stick, "b.ocopbundle", source, _same_as(source))
    assert final.read_bytes() == source.read_bytes()


def test_name_clash_picks_a_free_name(source: Path, stick: Path) -> None:
    (stick / "bundle.ocopbundle").write_bytes(b"older bundle")
    first = usb.write_verified(stick, "bundle.ocopbundle", source, _same_as(source))
    second = usb.write_verified(stick, "bundle.ocopbundle", source, _same_as(source))
    assert first.name == "bundle (2).ocopbundle"
    assert second.name == "bundle (3).ocopbundle"
    assert (stick / "bundle.ocopbundle").read_bytes() == b"older bundle"
    assert usb.free_name(stick, "README").name == "README"


def test_stale_partial_is_replaced(source: Path, stick: Path) -> None:
    (stick / ".bundle.ocopbundle.partial").write_bytes(b"half a bundle from last time")
    usb.write_verified(stick, "bundle.ocopbundle", source, _same_as(source))
    assert _listing(stick) == ["bundle.ocopbundle"]


def test_failed_verification_deletes_the_file(source: Path, stick: Path) -> None:
    def verify(path: Path) -> None:
        assert path.exists()
        raise BadInput("the signature does not check out")

    with pytest.raises(BadInput, match="signature"):
        usb.write_verified(stick, "bundle.ocopbundle", source, verify)
    assert _listing(stick) == []


def test_read_error_during_verification_is_explained(source: Path, stick: Path) -> None:
    def verify(path: Path) -> None:
        raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(BadInput, match="removed or is failing"):
        usb.write_verified(stick, "bundle.ocopbundle", source, verify)
    assert _listing(stick) == []


def test_full_stick_refused_before_writing(source: Path, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usb.shutil, "disk_usage",
                        lambda p: shutil._ntuple_diskusage(64 * 1024**3, 64 * 1024**3 - 20_000, 20_000))
    monkeypatch.setattr(usb, "_write_chunk", lambda fh, data: pytest.fail("wrote to a full stick"))
    with pytest.raises(BadInput, match="not enough space") as err:
        usb.write_verified(stick, "bundle.ocopbundle", source, _same_as(source))
    assert "1.0 MB" in err.value.message and "20 KB" in err.value.message  # needed, free
    assert _listing(stick) == []


@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "is full"),
    (errno.EIO, "removed or is failing"),
    (errno.ENOENT, "removed or is failing"),
    (errno.EROFS, "read-only"),
    (errno.EACCES, "permission"),
    (errno.EFBIG, "too large"),
    (errno.EXDEV, "could not be written"),
])
def test_os_errors_while_writing(source: Path, stick: Path, monkeypatch: pytest.MonkeyPatch,
                                 code: int, words: str) -> None:
    calls = _fail_on_chunk(monkeypatch, 3, OSError(code, os.strerror(code)))
    verify = _same_as(source)
    with pytest.raises(BadInput, match=words) as err:
        usb.write_verified(stick, "bundle.ocopbundle", source, verify)
    assert len(calls) == 3
    assert isinstance(err.value.__cause__, OSError)
    assert err.value.hint
    assert verify.seen == []
    assert _listing(stick) == []  # the .partial file was removed


def test_stick_pulled_out_mid_write(source: Path, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder vanishes while the file is written: the rename fails with ENOENT."""
    real = usb._write_chunk

    def write(fh, data: bytes) -> None:  # noqa: ANN001
        if stick.exists():
            shutil.rmtree(stick)
        real(fh, data)

    monkeypatch.setattr(usb, "CHUNK", 1024)
    monkeypatch.setattr(usb, "_write_chunk", write)
    with pytest.raises(BadInput, match="removed or is failing"):
        usb.write_verified(stick, "bundle.ocopbundle", source, _same_as(source))
    assert not stick.exists()


def test_missing_folder_and_file_as_folder(source: Path, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="does not exist"):
        usb.write_verified(tmp_path / "gone", "b.ocopbundle", source, _same_as(source))
    with pytest.raises(BadInput, match="not a folder"):
        usb.write_verified(source, "b.ocopbundle", source, _same_as(source))


def test_unwritable_folder(source: Path, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, so chmod alone would not stop a write: ask os.access instead.
    real_access = os.access
    monkeypatch.setattr(usb.os, "access",
                        lambda p, mode, **kw: False if Path(p) == stick and mode & os.W_OK
                        else real_access(p, mode, **kw))
    with pytest.raises(BadInput, match="permission"):
        usb.write_verified(stick, "b.ocopbundle", source, _same_as(source))
    assert _listing(stick) == []


@pytest.mark.skipif(not hasattr(os, "statvfs"), reason="POSIX only")
def test_read_only_file_system(source: Path, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class ReadOnly:
        f_flag = os.ST_RDONLY

    monkeypatch.setattr(usb.os, "statvfs", lambda p: ReadOnly())
    with pytest.raises(BadInput, match="read-only") as err:
        usb.write_verified(stick, "b.ocopbundle", source, _same_as(source))
    assert "lock switch" in (err.value.hint or "")
    assert _listing(stick) == []


def test_fat32_limit(source: Path, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert usb.FAT32_MAX == 4 * 1024**3 - 1
    real = os.path.getsize
    fake = {"size": usb.FAT32_MAX + 1}
    monkeypatch.setattr(usb.os.path, "getsize", lambda p: fake["size"] if Path(p) == source else real(p))
    with pytest.raises(BadInput, match="too large for a USB stick"):
        usb.write_verified(stick, "b.ocopbundle", source, _same_as(source))
    assert _listing(stick) == []
    # 4 GiB − 1 byte is the largest file FAT32 holds: allowed, the free space decides.
    fake["size"] = usb.FAT32_MAX
    monkeypatch.setattr(usb.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(8 * 1024**3, 7 * 1024**3, 1024**3))
    with pytest.raises(BadInput, match="not enough space"):
        usb.write_verified(stick, "b.ocopbundle", source, _same_as(source))


def test_unreadable_source(stick: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(BadInput, match="could not be read"):
        usb.write_verified(stick, "b.ocopbundle", folder, _same_as)
    assert _listing(stick) == []


def test_file_name_must_be_plain(source: Path, stick: Path) -> None:
    for bad in ("", "..", "sub/b.ocopbundle", "..\\b.ocopbundle"):
        with pytest.raises(ValueError):
            usb.write_verified(stick, bad, source, _same_as(source))


def test_free_space_fsync_dir_and_sizes(stick: Path, tmp_path: Path) -> None:
    assert usb.free_space(stick) > 0
    with pytest.raises(BadInput):
        usb.free_space(tmp_path / "gone")
    usb.fsync_dir(stick)
    usb.fsync_dir(tmp_path / "gone")  # no-op, no error
    assert usb.format_size(0) == "0 KB"
    assert usb.format_size(1) == "1 KB"
    assert usb.format_size(5 * 1024**2 + 512 * 1024) == "5.5 MB"
    assert usb.format_size(usb.FAT32_MAX + 1) == "4.0 GB"


def test_removable_drives_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda2 / ext4 rw,relatime 0 0\n"
        "/dev/sdb1 /media/hoa/MY\\040STICK vfat rw,nosuid,nodev 0 0\n"
        "/dev/sdc1 /run/media/hoa/ĐỒNG_BỘ exfat ro,nosuid 0 0\n"
        "/dev/sdd1 /mnt/usb fuseblk rw 0 0\n"
        "/dev/sde1 /media/hoa/backup ext4 rw 0 0\n"
        "server:/x /mnt/nfs nfs rw 0 0\n"
        "/dev/sdf1 /home/hoa/usb vfat rw 0 0\n"
        "/dev/sdg1 /media/hoa/gone vfat rw 0 0\n"
        "garbage\n", encoding="utf-8")

    def usage(path: str):  # noqa: ANN202
        if path.endswith("gone"):
            raise FileNotFoundError(path)
        return shutil._ntuple_diskusage(16 * 1024**3, 6 * 1024**3, 10 * 1024**3)

    monkeypatch.setattr(usb, "_PROC_MOUNTS", mounts)
    monkeypatch.setattr(usb.sys, "platform", "linux")
    monkeypatch.setattr(usb.shutil, "disk_usage", usage)
    drives = usb.removable_drives()
    assert [(d.path, d.label, d.read_only) for d in drives] == [
        (Path("/media/hoa/MY STICK"), "MY STICK", False),
        (Path("/run/media/hoa/ĐỒNG_BỘ"), "ĐỒNG_BỘ", True),
        (Path("/mnt/usb"), "usb", False),
    ]
    assert drives[0].free == 10 * 1024**3 and drives[0].total == 16 * 1024**3

    monkeypatch.setattr(usb, "_PROC_MOUNTS", tmp_path / "missing")
    assert usb.removable_drives() == []
    monkeypatch.setattr(usb.sys, "platform", "sunos5")
    assert usb.removable_drives() == []


def test_removable_drives_never_raises_on_windows_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usb.sys, "platform", "win32")  # no ctypes.windll here: caught
    assert usb.removable_drives() == []
