"""Restoring the office database from a backup (``db.restore``, ``db.check_backup``).

Refused before anything is touched: a backup that is damaged, foreign, newer, the database
itself, or (unless the officer confirms) a backup of another office; a disk without room
for the staged copy and the copy of the current file. A failure on the way removes the
staged ``.restoring`` file (and its journal): the database stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from ocop_desktop import paths
from ocop_desktop.db import (
    KNOWN_REVISIONS,
    SQLITE_MAGIC,
    _acquire_lock,
    _check_file,
    _open_marker,
    _peek,
    _sqlite_error,
    integrity_problems,
    remove_quietly,
    sqlite_backup,
    timestamp,
)
from ocop_desktop.errors import BadInput, DatabaseCorrupt, DatabaseTooNew, NotADatabase
from ocop_desktop.i18n import _


class OtherOffice(BadInput):
    """The backup holds another office than the database it would replace."""

    def __init__(self, message: str, *, hint: str, backup_office: str, current_office: str) -> None:
        super().__init__(message, hint=hint)
        self.backup_office = backup_office
        self.current_office = current_office


@dataclass(frozen=True)
class LocalOffice:
    id: str
    name: str


def local_office(path: Path) -> LocalOffice | None:
    """The local office held by an SQLite file (read-only look), or None."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT id, name FROM office WHERE is_local=1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return LocalOffice(row[0], row[1]) if row else None


def other_office(src: Path, dest: Path) -> OtherOffice | None:
    """The refusal to give when ``src`` holds another office than ``dest`` (else None)."""
    if not dest.is_file():
        return None
    mine, theirs = local_office(dest), local_office(src)
    if mine is None or theirs is None or mine.id == theirs.id:
        return None
    return OtherOffice(
        _("The backup {path} belongs to another office, “{backup}”; this database is “{current}”.").format(
            path=src, backup=theirs.name, current=mine.name),
        hint=_("Restoring it would replace “{current}” with “{backup}” on this computer. Check that this is the "
               "right backup; to replace the office anyway, confirm it (`restore --other-office`).").format(
            current=mine.name, backup=theirs.name),
        backup_office=theirs.name, current_office=mine.name)


def check_target(src: Path, dest: Path) -> OtherOffice | None:
    """Refuse restoring a file onto itself (it would only renew the office's identity, and
    the province would take it as restored); return the question to ask when the backup
    holds another office."""
    dest = Path(dest).expanduser().absolute().resolve()
    if dest == src.resolve() or (dest.exists() and os.path.samefile(src, dest)):
        raise BadInput(_("{path} is the database itself: a file cannot be restored onto itself.").format(path=dest),
                       hint=_("Choose a backup copy (in the backups folder or on a USB stick)."))
    _check_file(dest)
    return other_office(src, dest)


def restore(backup: os.PathLike[str] | str, target: os.PathLike[str] | str, *,
            other_office_ok: bool = False) -> Path:
    """Replace ``target`` with a verified copy of ``backup``; the old file is kept aside.

    The restored office gets a new incarnation id, so the province can tell that this
    office went back in time (its sync bundles then restart from the backup's state).
    """
    from ocop_desktop import faults

    src = check_backup(backup)
    dest = Path(target).expanduser().absolute().resolve()
    refusal = check_target(src, dest)
    if refusal is not None and not other_office_ok:
        raise refusal
    dest.parent.mkdir(parents=True, exist_ok=True)
    # The staged copy, and the copy of the current file taken first.
    needed = src.stat().st_size + (dest.stat().st_size if dest.exists() else 0)
    lock = _acquire_lock(dest)
    staged = dest.with_name(dest.name + ".restoring")
    try:
        faults.require_free(dest.parent, needed)
        shutil.copyfile(src, staged)
        con = sqlite3.connect(staged)
        try:
            if "office" in {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}:
                con.execute("UPDATE office SET incarnation=? WHERE is_local=1", (str(uuid.uuid4()),))
                con.commit()
        finally:
            con.close()
        if dest.exists():
            sqlite_backup(dest, paths.backups_dir(dest) / f"{dest.stem}-before-restore-{timestamp()}.sqlite")
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                dest.with_name(dest.name + suffix).unlink()
        os.replace(staged, dest)
        with contextlib.suppress(FileNotFoundError):
            _open_marker(dest).unlink()
    except BaseException as exc:
        remove_quietly(staged, staged.with_name(staged.name + "-journal"))
        if faults.is_disk_full(exc):
            raise faults.disk_full(dest, needed) from None
        raise
    finally:
        lock.release()
    return dest


def check_backup(backup: os.PathLike[str] | str) -> Path:
    """What :func:`restore` checks before touching anything: an existing, intact SQLite file
    with an OCOP Desktop revision this version knows. Returns the absolute path; raises
    ``NotADatabase``, ``DatabaseCorrupt`` or ``DatabaseTooNew`` with the officer's message."""
    src = Path(backup).expanduser().absolute()
    if not src.is_file():
        raise NotADatabase(_("The backup file {path} does not exist.").format(path=src))
    _check_file_readable_sqlite(src)
    try:
        problems = integrity_problems(src)
        peek = _peek(src)
        rev, writer = peek.revision, peek.writer
    except sqlite3.Error as exc:
        raise _sqlite_error(src, exc) from None
    if problems:
        raise DatabaseCorrupt(_("The backup {path} is damaged and was not restored.").format(path=src))
    if rev is None:
        raise NotADatabase(_("{path} is not an OCOP Desktop backup.").format(path=src))
    if rev not in KNOWN_REVISIONS:
        raise DatabaseTooNew(
            _("The backup {path} was made by a newer OCOP Desktop ({writer}).").format(path=src, writer=writer or "?"),
            hint=_("Install the newer version of OCOP Desktop to restore it."),
        )
    return src


def _check_file_readable_sqlite(path: Path) -> None:
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise NotADatabase(_("{path} is not an OCOP Desktop backup (not an SQLite file).").format(path=path))
