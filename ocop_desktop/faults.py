"""Faults an office meets, told in the officer's words (Qt-free): a full disk, a damaged
database file. :func:`known_error` turns the raw exception (an ``OSError``, SQLite's or
SQLAlchemy's error) into the :class:`~ocop_desktop.errors.KnownError` to show, or None when
it is something else (a bug). The CLI and the GUI's workers both use it, so every command
says "the disk is full" or "the database is damaged" instead of a traceback."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from ocop_desktop.errors import DatabaseCorrupt, DiskFull, KnownError
from ocop_desktop.i18n import _

_FULL_ERRNO = {getattr(errno, n) for n in ("ENOSPC", "EDQUOT") if hasattr(errno, n)}
_WIN_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB = 10, 11, 13, 26
#: Room asked for beyond the work itself: SQLite's journal, the reports, the marker files.
MARGIN = 8 * 1024**2


def drive_of(path: Path | str) -> str:
    """The drive an officer knows: 'D:' on Windows, else the mount point holding ``path``."""
    p = Path(os.path.abspath(path))
    if p.drive:
        return p.drive
    while not p.exists() and p != p.parent:
        p = p.parent
    while not os.path.ismount(p) and p != p.parent:
        p = p.parent
    return str(p)


def free_bytes(path: Path | str) -> int | None:
    p = Path(os.path.abspath(path))
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        return shutil.disk_usage(p).free
    except OSError:
        return None


def _mb(n: int) -> str:
    from ocop_desktop.i18n import format_number

    return format_number(max(1, -(-n // 1024**2)))


def disk_full(path: Path | str, needed: int = 0) -> DiskFull:
    """The message for a full disk under ``path``: how much to free, and where.
    ``needed`` = bytes the work needs (the margin is added)."""
    from ocop_desktop.sync.usb import format_size

    drive = drive_of(path)
    free = free_bytes(path) or 0
    to_free = max(needed + MARGIN - free, MARGIN)
    return DiskFull(
        _("The disk {drive} is full ({free} free): nothing was changed.").format(drive=drive, free=format_size(free)),
        hint=_("Free at least {n} MB on {drive} (empty the Recycle Bin, move old files elsewhere), then try "
               "again. The database is not damaged: do not restore a backup.").format(n=_mb(to_free), drive=drive))


def require_free(path: Path | str, needed: int) -> None:
    """Refuse, before writing anything, work that needs ``needed`` bytes (plus the margin)
    on the disk of ``path``."""
    free = free_bytes(path)
    if free is not None and free < needed + MARGIN:
        raise disk_full(path, needed)


def is_disk_full(exc: BaseException, near: Path | str | None = None) -> bool:
    """ENOSPC, or SQLite's 'disk is full'; with ``near`` (the database), also SQLite's bare
    'disk I/O error' when that disk has almost no room left (SQLite says only that when it
    cannot grow its shared-memory file on a full disk)."""
    exc = _unwrap(exc)
    if isinstance(exc, OSError):
        return exc.errno in _FULL_ERRNO or getattr(exc, "winerror", None) in _WIN_FULL
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code == SQLITE_FULL or "disk is full" in str(exc).lower():
            return True
        io_error = (code is not None and code & 0xFF == SQLITE_IOERR) or "disk i/o error" in str(exc).lower()
        if io_error and near is not None:
            free = free_bytes(near)
            return free is not None and free < MARGIN
    return False


def is_corrupt(exc: BaseException) -> bool:
    exc = _unwrap(exc)
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    return code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text or "not a database" in text


def damaged(path: Path | str | None, exc: BaseException | None = None) -> DatabaseCorrupt:
    reason = f" ({_unwrap(exc)})" if exc is not None else ""
    if path is None:  # a worker of the GUI: the one database the window has open
        message = _("The office database is damaged{reason}: what it holds cannot all be read.").format(reason=reason)
    else:
        message = _("The database {path} is damaged{reason}: what it holds cannot all be read.").format(
            path=path, reason=reason)
    return DatabaseCorrupt(
        message,
        hint=_("Stop working with this file. Restore the latest backup (File › Restore from a backup…, or `ocop-desktop restore "
               "FILE`), or ask the provincial office for its copy. Keep the damaged file for the technician."))


def _unwrap(exc: BaseException | None) -> BaseException | None:
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
    return orig if isinstance(orig, BaseException) else exc


def known_error(exc: BaseException, db_path: Path | str | None) -> KnownError | None:
    """The officer's message for a full disk or a damaged database, else None."""
    if isinstance(exc, KnownError):
        return exc
    if is_disk_full(exc, db_path):
        where = getattr(_unwrap(exc), "filename", None) or db_path or Path.home()
        return disk_full(where)
    if is_corrupt(exc):
        return damaged(db_path, exc)
    return None
