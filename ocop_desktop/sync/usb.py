"""Writing a file safely to removable media (USB sticks), and finding the sticks.

Sticks are pulled out mid-write, get full, are often FAT32 (no file of 4 GiB or more)
and the OS page cache hides write errors until long after ``write()`` returned. So
:func:`write_verified` copies a file that is already complete on the local disk to a
hidden ``.<name>.partial`` file, flushes and fsyncs it, drops it from the page cache,
lets the caller re-read and check it from the medium, and only then renames it into
place (after the caller recorded it, when it asks to) and fsyncs the folder. Every OS error becomes a :class:`BadInput` saying what
happened (full, removed or failing, read-only, no permission); no ``.partial`` file is
left behind when it can be removed.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _, format_number

#: FAT32 cannot hold a file of 4 GiB or more: 4 GiB − 1 byte is the largest file.
FAT32_MAX = 4 * 1024**3 - 1
#: Free space kept on the stick beyond the file itself (folder entries, other files).
MARGIN = 1024**2
CHUNK = 1024**2

# Linux mount points and file systems that are removable media in practice.
_MOUNT_ROOTS = ("/media/", "/run/media/", "/mnt/")
_REMOVABLE_FS = {"vfat", "msdos", "exfat", "ntfs", "ntfs3", "fuseblk"}
_PROC_MOUNTS = Path("/proc/mounts")

# errno groups (names missing on some platforms are skipped).
_FULL = {getattr(errno, n) for n in ("ENOSPC", "EDQUOT") if hasattr(errno, n)}
_GONE = {getattr(errno, n) for n in ("EIO", "ENOENT", "ENXIO", "ENODEV", "ENOTCONN", "ESTALE",
                                     "ENOMEDIUM", "EREMOTEIO") if hasattr(errno, n)}
_DENIED = {errno.EACCES, errno.EPERM}
# Windows error codes (OSError.winerror) that Python does not map to the errno above.
_WIN_FULL = {39, 112}                       # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_WIN_GONE = {21, 23, 31, 55, 1167, 1117}    # not ready, CRC, gen. failure, dev. gone, not connected, I/O
_WIN_READ_ONLY = {19}                       # ERROR_WRITE_PROTECT


@dataclass(frozen=True)
class Drive:
    """A removable drive the UI can propose as a destination."""

    path: Path
    label: str
    free: int
    total: int
    read_only: bool = False


def format_size(n: int) -> str:
    """A file or free-space size for officers: '12,5 MB', '3,2 GB' (Babel number format)."""
    if n >= 1024**3:
        return _("{n} GB").format(n=format_number(n / 1024**3, 1))
    if n >= 1024**2:
        return _("{n} MB").format(n=format_number(n / 1024**2, 1))
    return _("{n} KB").format(n=format_number(-(-n // 1024)))  # rounded up: 1 byte is 1 KB


# -- errors -----------------------------------------------------------------------------


def _is_read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):
        return False


def _refusal(exc: OSError, where: Path) -> BadInput:
    """The officer's message for an OS error while writing to or reading from ``where``."""
    code, win = exc.errno, getattr(exc, "winerror", None)
    if code in _FULL or win in _WIN_FULL:
        return BadInput(_("The USB stick is full: the file could not be written."),
                        hint=_("Delete old files from the stick or use another stick, then try again."))
    if code == errno.EFBIG:
        return BadInput(_("The file is too large for this drive."),
                        hint=_("Use a stick formatted as exFAT or NTFS, or send the photos in a later bundle."))
    if code == errno.EROFS or win in _WIN_READ_ONLY:
        return _read_only()
    if code in _DENIED:
        return BadInput(_("You do not have permission to write to {path}.").format(path=where),
                        hint=_("Choose another folder or another USB stick."))
    if code in _GONE or win in _WIN_GONE:
        return BadInput(_("The USB stick was removed or is failing: the file could not be written."),
                        hint=_("Plug the stick in again and repeat. If it happens again, use another stick."))
    if code in (errno.EINVAL, errno.ENAMETOOLONG):
        return BadInput(_("This drive does not accept the file name {name}.").format(name=where.name),
                        hint=_("Choose another folder or another USB stick."))
    return BadInput(_("The file could not be written to {path}.").format(path=where),
                    hint=exc.strerror or str(exc))


def _read_only() -> BadInput:
    return BadInput(_("The USB stick is read-only."),
                    hint=_("Slide the lock switch on the side of the stick to unlock it, or use another stick."))


# -- helpers ----------------------------------------------------------------------------


def fsync_dir(path: Path | str) -> None:
    """Make a rename or a new file in ``path`` durable. No-op where folders cannot be
    opened or synced (Windows, some FUSE file systems)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # Windows cannot open a folder; a vanished folder shows up elsewhere
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in {errno.EINVAL, errno.EBADF, errno.EACCES, errno.EPERM, errno.EISDIR,
                             errno.ENOSYS, getattr(errno, "ENOTSUP", -1),
                             getattr(errno, "EOPNOTSUPP", -1)}:
            raise
    finally:
        os.close(fd)


def drop_cache(path: Path) -> None:
    """Ask the OS to forget the cached pages of ``path`` (after fsync they are clean), so
    the next read comes from the medium. No-op where unsupported."""
    fadvise = getattr(os, "posix_fadvise", None)
    if fadvise is None:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


def free_space(path: Path | str) -> int:
    """Bytes free on the drive holding ``path``; BadInput when the drive is gone."""
    try:
        return shutil.disk_usage(path).free
    except OSError as exc:
        raise _refusal(exc, Path(path)) from exc


def free_name(target_dir: Path, filename: str) -> Path:
    """``filename`` in ``target_dir``, or 'name (2).ext', 'name (3).ext'… when taken."""
    candidate = target_dir / filename
    stem, dot, ext = filename.rpartition(".")
    if not stem:  # no extension (or a leading dot only)
        stem, dot, ext = filename, "", ""
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = target_dir / f"{stem} ({n}){dot}{ext}"
        n += 1
    return candidate


def _write_chunk(fh, data: bytes) -> None:  # noqa: ANN001
    """One chunk to the stick (a seam for tests that simulate a failing stick)."""
    fh.write(data)


class _SourceError(Exception):
    def __init__(self, exc: OSError) -> None:
        super().__init__(exc)
        self.exc = exc


def _copy(source: Path, partial: Path) -> None:
    try:
        src = source.open("rb")
    except OSError as exc:
        raise _SourceError(exc) from exc
    with src, partial.open("wb") as out:
        while True:
            try:
                data = src.read(CHUNK)
            except OSError as exc:
                raise _SourceError(exc) from exc
            if not data:
                break
            _write_chunk(out, data)
        out.flush()
        os.fsync(out.fileno())


def _unlink_quietly(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


# -- the write --------------------------------------------------------------------------


def _check_target(target_dir: Path) -> None:
    if not target_dir.exists():
        raise BadInput(_("The folder {path} does not exist.").format(path=target_dir),
                       hint=_("Check that the USB stick is plugged in, then choose the folder again."))
    if not target_dir.is_dir():
        raise BadInput(_("{path} is not a folder.").format(path=target_dir),
                       hint=_("Choose a folder on the USB stick."))
    if _is_read_only_fs(target_dir):
        raise _read_only()
    if not os.access(target_dir, os.W_OK):
        raise BadInput(_("You do not have permission to write to {path}.").format(path=target_dir),
                       hint=_("Choose another folder or another USB stick."))


def write_verified(target_dir: Path, filename: str, source: Path,
                   verify: Callable[[Path], None], *,
                   record: Callable[[Path], Callable[[], None]] | None = None) -> Path:
    """Copy ``source`` (complete, on the local disk) to ``target_dir/filename`` on a
    stick, durably, and call ``verify(partial_path)`` to re-read and check the copy from
    the medium before it gets its name. Returns the path written ('name (2).ext' if the
    name was taken).

    ``record(final_path)``, when given, runs after the check and before the rename (the
    export is written in the database): a file with its final name is always a recorded
    one, even if the program is killed. It returns an ``undo`` called when the rename
    fails.

    Refuses with BadInput, before writing anything, a missing, read-only or unwritable
    folder, a file larger than FAT32 allows and a stick without room for the file plus
    1 MiB. An OS error while writing (full, removed, failing, read-only, no permission)
    becomes a BadInput and the partial file is removed. If ``verify`` raises, the
    written file is deleted and the error re-raised (an OSError from reading it back
    becomes a BadInput).
    """
    if not filename or filename in (".", "..") or any(sep in filename for sep in ("/", "\\", "\0")):
        raise ValueError(f"not a plain file name: {filename!r}")
    target_dir = Path(target_dir)
    source = Path(source)
    _check_target(target_dir)

    size = os.path.getsize(source)
    if size > FAT32_MAX:
        raise BadInput(
            _("The file is {size}: too large for a USB stick, which cannot hold files of 4 GB or more.")
            .format(size=format_size(size)),
            hint=_("Send the photos in a later bundle so that this one is smaller."))

    partial = partial_name(target_dir, filename)
    _unlink_quietly(partial)  # left over from an earlier attempt: free its space first
    free = free_space(target_dir)
    if free < size + MARGIN:
        raise BadInput(
            _("There is not enough space on the USB stick: {needed} are needed and {free} are free.")
            .format(needed=format_size(size + MARGIN), free=format_size(free)),
            hint=_("Delete old files from the stick or use another stick, then try again."))

    try:
        _copy(source, partial)
        fsync_dir(target_dir)
        drop_cache(partial)
    except _SourceError as exc:
        _unlink_quietly(partial)
        raise BadInput(_("The file to copy could not be read: {path}.").format(path=source),
                       hint=exc.exc.strerror or str(exc.exc)) from exc.exc
    except OSError as exc:
        _unlink_quietly(partial)
        raise _refusal(exc, target_dir) from exc
    except BaseException:
        _unlink_quietly(partial)
        raise

    try:
        verify(partial)
    except OSError as exc:
        _unlink_quietly(partial)
        raise _refusal(exc, target_dir) from exc
    except BaseException:
        _unlink_quietly(partial)
        raise

    final = free_name(target_dir, filename)
    undo: Callable[[], None] | None = None
    try:
        if record is not None:
            undo = record(final)
        os.replace(partial, final)
        fsync_dir(target_dir)
    except BaseException as exc:
        if not final.exists():
            _unlink_quietly(partial)
            if undo is not None:
                undo()
        if isinstance(exc, OSError):
            raise _refusal(exc, target_dir) from exc
        raise
    return final


def partial_name(target_dir: Path, filename: str) -> Path:
    """The hidden name a file has on the stick until it is complete and checked."""
    return Path(target_dir) / f".{filename}.partial"


# -- finding sticks ---------------------------------------------------------------------


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    out, i = [], 0
    while i < len(field):
        code = field[i + 1:i + 4]
        if field[i] == "\\" and len(code) == 3 and all(c in "01234567" for c in code):
            out.append(chr(int(code, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _linux_drives() -> list[Drive]:
    drives = []
    for line in _PROC_MOUNTS.read_text(encoding="utf-8", errors="surrogateescape").splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        mount, fstype, options = _unescape_mount(fields[1]), fields[2], fields[3].split(",")
        if fstype not in _REMOVABLE_FS or not mount.startswith(_MOUNT_ROOTS):
            continue
        try:
            usage = shutil.disk_usage(mount)
        except OSError:
            continue
        path = Path(mount)
        drives.append(Drive(path, path.name, usage.free, usage.total, read_only="ro" in options))
    return drives


def _windows_drives() -> list[Drive]:
    import ctypes
    import string

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_removable = 2
    sem_failcriticalerrors = 0x0001
    old_mode = kernel32.SetErrorMode(sem_failcriticalerrors)  # no "insert a disk" dialog
    try:
        mask = kernel32.GetLogicalDrives()
        drives = []
        for i, letter in enumerate(string.ascii_uppercase):
            if not mask & (1 << i):
                continue
            root = f"{letter}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != drive_removable:
                continue
            try:
                usage = shutil.disk_usage(root)
            except OSError:
                continue  # card reader slot without a card
            name = ctypes.create_unicode_buffer(261)
            flags = ctypes.c_ulong(0)
            ok = kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), name, 261, None, None,
                                                ctypes.byref(flags), None, 0)
            # The drive letter always shows: "KINGSTON (E:)", or "E:" for a stick without a label.
            label = f"{name.value} ({letter}:)" if ok and name.value else f"{letter}:"
            read_only = bool(ok and flags.value & 0x00080000)  # FILE_READ_ONLY_VOLUME
            drives.append(Drive(Path(root), label, usage.free, usage.total, read_only))
        return drives
    finally:
        kernel32.SetErrorMode(old_mode)


def removable_drives() -> list[Drive]:
    """Mounted USB sticks and memory cards, best effort: Linux (FAT/exFAT/NTFS under
    /media, /run/media, /mnt) and Windows (drive letters of removable type). Never raises."""
    try:
        if sys.platform.startswith("win"):
            return _windows_drives()
        if sys.platform.startswith("linux"):
            return _linux_drives()
    except Exception:  # noqa: BLE001 — a hint for the UI, never a reason to fail
        return []
    return []
