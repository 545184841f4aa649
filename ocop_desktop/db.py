"""Opening the office database safely: checks, single-writer lock, migrations, sessions.

Order of checks when opening a file (each failure leaves the file untouched):

1. it is a regular, readable file whose header says "SQLite format 3" (else NotADatabase);
2. we may write it and its folder (WAL needs ``-wal``/``-shm`` beside it; else read-only);
3. no other OCOP Desktop holds it: an OS file lock on ``<db>.lock`` (else DatabaseLocked);
4. if the previous session did not close cleanly (``<db>.open`` marker left behind),
   ``PRAGMA integrity_check`` must pass (else DatabaseCorrupt);
5. its Alembic revision is one this app knows (else DatabaseTooNew);
6. if it is behind, a backup copy is taken, then the migrations run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ocop_desktop import __version__, paths
from ocop_desktop.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotADatabase,
)
from ocop_desktop.i18n import _

if TYPE_CHECKING:
    from filelock import BaseFileLock
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_MAGIC = b"SQLite format 3\x00"

#: Every Alembic revision shipped, oldest first. Kept here so that opening a database
#: that is already current never imports Alembic (start-up time); a test checks that
#: it matches ``migrations/versions``.
KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_evaluations", "0003_sync", "0004_decisions",
                                     "0005_certificate_records", "0006_council_discussion",
                                     "0007_ideas_plans", "0008_trade_promotion", "0009_training_support",
                                     "0010_business_plans", "0013_plans_targets", "0011_import_batches",
                                     "0014_frozen_reports")
HEAD_REVISION = KNOWN_REVISIONS[-1]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config():  # noqa: ANN201 - alembic imported lazily
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _check_file(path: Path) -> None:
    if path.exists():
        if path.is_dir():
            raise NotADatabase(_("{path} is a folder, not a database file.").format(path=path))
        if not path.is_file():
            raise NotADatabase(_("{path} is a device or a special file, not a database file.").format(path=path),
                               hint=_("Choose the .sqlite file of your office."))
        try:
            with path.open("rb") as fh:
                header = fh.read(16)
        except PermissionError:
            raise DatabaseReadOnly(
                _("You do not have permission to read the database file {path}.").format(path=path),
                hint=_("Ask the computer's administrator to give your account access to it."),
            ) from None
        if not header:
            # An empty file is not a new database: it may be what is left of the office's file.
            raise NotADatabase(
                _("{path} is empty (0 bytes): it is not an OCOP Desktop database.").format(path=path),
                hint=_("Restore the latest backup (`ocop-desktop restore FILE`). To set up a new office "
                       "instead, delete the empty file and start OCOP Desktop again."),
            )
        if header != SQLITE_MAGIC:
            raise NotADatabase(
                _("{path} is not an OCOP Desktop database (it is not an SQLite file).").format(path=path),
                hint=_("Choose the .sqlite file of your office, or restore one from a backup."),
            )
        if not os.access(path, os.W_OK):
            raise DatabaseReadOnly(
                _("The database file {path} is read-only.").format(path=path),
                hint=_("Copy it to a folder you can write to (not a CD or a protected USB stick) "
                       "or remove the read-only attribute, then open it again."),
            )
    folder = path.parent
    if folder.exists() and not os.access(folder, os.W_OK):
        raise DatabaseReadOnly(
            _("The folder {folder} is read-only, so the database cannot be changed.").format(folder=folder),
            hint=_("Copy the database to a folder you can write to, then open it again."),
        )


def _acquire_lock(path: Path) -> BaseFileLock:
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise DatabaseLocked(
            _("The database {path} is already open in another OCOP Desktop window.").format(path=path),
            hint=_("Switch to that window, or close it first. Two programs must never write the same file."),
        ) from None
    except OSError as exc:
        from ocop_desktop import faults

        if faults.is_disk_full(exc):
            raise faults.disk_full(path) from None
        raise DatabaseReadOnly(
            _("Cannot lock the database {path}: {reason}").format(path=path, reason=exc.strerror or exc),
        ) from None
    return lock


def _sqlite_error(path: Path, exc: sqlite3.Error) -> DatabaseError:
    from ocop_desktop import faults

    if faults.is_disk_full(exc, path):
        return faults.disk_full(path)
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            _("The database {path} is being used by another program.").format(path=path),
            hint=_("Close the other program (or another OCOP Desktop) and try again."),
        )
    if "not a database" in text or "encrypted" in text:
        return NotADatabase(_("{path} is not an OCOP Desktop database.").format(path=path))
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(_("The database file {path} is read-only.").format(path=path))
    return DatabaseCorrupt(
        _("The database {path} is damaged: {reason}").format(path=path, reason=exc),
        hint=_("Restore the latest backup (Settings › Backup, or `ocop-desktop restore`)."),
    )


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """Rows of ``PRAGMA integrity_check`` other than 'ok' (opened read-only)."""
    uri = f"file:{path}?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
        except sqlite3.DatabaseError as exc:
            from ocop_desktop import faults

            if not faults.is_corrupt(exc):
                raise
            return [str(exc)]  # a page so damaged that the check itself stops
    finally:
        con.close()
    return [r for r in rows if r != "ok"]


@dataclass(frozen=True)
class _Peek:
    """What a read-only look at a file tells before the app commits to opening it."""

    revision: str | None  # Alembic revision, None for an empty or foreign file
    foreign_tables: bool  # tables other than Alembic's: someone else's SQLite file if no revision
    writer: str  # app version that last wrote it ('' if unknown)
    office_id: str | None  # the local office, if set up
    office_role: str | None = None  # its role (domain.vocab.OfficeRole)


def _peek(path: Path) -> _Peek:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rev = writer = office_id = office_role = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            rev = row[0] if row else None
        if "app_meta" in tables:
            row = con.execute("SELECT value FROM app_meta WHERE key='app_version'").fetchone()
            writer = row[0] if row else None
        if "office" in tables:
            row = con.execute("SELECT id, role FROM office WHERE is_local=1").fetchone()
            office_id, office_role = row if row else (None, None)
        others = bool(tables - {"alembic_version", "sqlite_sequence"})
    finally:
        con.close()
    return _Peek(rev, others, writer or "", office_id, office_role)


def sqlite_backup(source: Path, dest: Path) -> None:
    """Consistent copy with SQLite's online backup API (safe while the app has it open)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, dest)
    except BaseException:
        remove_quietly(tmp, tmp.with_name(tmp.name + "-journal"))  # a full stick leaves both
        raise


def remove_quietly(*files: Path) -> None:
    for f in files:
        with contextlib.suppress(OSError):
            f.unlink(missing_ok=True)


def timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


class Database:
    """An open office database. Use :meth:`open`; close with :meth:`close`."""

    def __init__(self, path: Path, lock: BaseFileLock, *, recovered: bool, office_id: str | None = None,
                 engine: Engine | None = None, office_role: str | None = None) -> None:
        self.path = path
        self._lock = lock
        #: True when the last session ended uncleanly (the integrity check passed).
        self.recovered_from_crash = recovered
        self._engine = engine
        self._factory: sessionmaker[Session] | None = None
        self._init_lock = threading.Lock()
        self.office_id: str | None = office_id
        #: The local office's role, known without the ORM (the screens follow it: ``domain.roles``).
        self.office_role: str | None = office_role
        if office_id is None:
            self.refresh_office()

    @property
    def engine(self) -> Engine:
        """Created on first use, so that opening a current database imports no SQLAlchemy:
        the main window appears first and the lists load (and import it) in a worker."""
        if self._engine is None:
            with self._init_lock:
                if self._engine is None:
                    self._engine = _make_engine(self.path)
        return self._engine

    def _sessions(self) -> sessionmaker[Session]:
        if self._factory is None:
            engine = self.engine
            with self._init_lock:
                if self._factory is None:
                    from sqlalchemy.orm import sessionmaker

                    import ocop_desktop.models  # noqa: F401 - registers mappers and the change-log hook

                    self._factory = sessionmaker(engine, expire_on_commit=False)
        return self._factory

    # -- opening ------------------------------------------------------------------
    @classmethod
    def open(cls, path: os.PathLike[str] | str, *, create: bool = True) -> Database:
        # The real file: a symbolic link must not get around the single-writer lock.
        path = Path(path).expanduser().absolute().resolve()
        if not path.exists() and not create:
            raise NotADatabase(_("The database file {path} does not exist.").format(path=path))
        _check_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = _acquire_lock(path)
        try:
            return cls._open_locked(path, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(cls, path: Path, lock: BaseFileLock) -> Database:
        marker = _open_marker(path)
        had_marker = marker.exists()  # kept on failure: the next start must still check the file
        recovered = False
        existed = path.exists() and path.stat().st_size > 0
        if existed:
            try:
                if marker.exists():
                    problems = integrity_problems(path)
                    if problems:
                        raise DatabaseCorrupt(
                            _("The database {path} was damaged when the computer or the program "
                              "stopped unexpectedly.").format(path=path),
                            hint=_("Restore the latest backup (`ocop-desktop restore FILE`). "
                                   "Details: {details}").format(details="; ".join(problems[:3])),
                        )
                    recovered = True
                peek = _peek(path)
            except sqlite3.Error as exc:
                raise _sqlite_error(path, exc) from None
            rev, writer = peek.revision, peek.writer
            if rev is None and peek.foreign_tables:
                raise NotADatabase(
                    _("{path} is an SQLite file but not an OCOP Desktop database.").format(path=path),
                )
            if rev is not None and rev not in KNOWN_REVISIONS:
                raise DatabaseTooNew(
                    _("The database {path} was written by a newer OCOP Desktop ({writer}); "
                      "this is version {mine}.").format(path=path, writer=writer or "?", mine=__version__),
                    hint=_("Install the newer version of OCOP Desktop to open it. The file was not changed."),
                )
            if rev is not None and rev != HEAD_REVISION:
                sqlite_backup(path, paths.backups_dir(path) / f"{path.stem}-before-{HEAD_REVISION}-{timestamp()}.sqlite")
        else:
            rev, writer, peek = None, "", None
        engine = None
        try:
            if rev != HEAD_REVISION:
                engine = _make_engine(path)
                _migrate(engine)
            _write_marker(marker, had_marker)
            # A current file's office is known from the peek: no ORM query at start-up.
            current = peek is not None and rev == HEAD_REVISION
            office_id = peek.office_id if current else None
            db = cls(path, lock, recovered=recovered, office_id=office_id, engine=engine,
                     office_role=peek.office_role if current else None)
            if writer != __version__:
                db._stamp_app_version()
        except sqlite3.Error as exc:
            if engine is not None:
                engine.dispose()
            if not had_marker:
                remove_quietly(marker)
            raise _sqlite_error(path, exc) from None
        except Exception as exc:
            if engine is not None:
                engine.dispose()
            if not had_marker:
                remove_quietly(marker)
            orig = getattr(exc, "orig", None)
            if isinstance(orig, sqlite3.Error):
                raise _sqlite_error(path, orig) from None
            raise
        return db

    # -- sessions -----------------------------------------------------------------
    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One session per user action, committed on success, rolled back on error."""
        with self._sessions().begin() as session:
            session.info["office_id"] = self.office_id
            yield session

    @contextlib.contextmanager
    def read_session(self) -> Iterator[Session]:
        session = self._sessions()()
        session.info["office_id"] = self.office_id
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def refresh_office(self) -> None:
        from sqlalchemy import select

        from ocop_desktop.models import Office

        with self.read_session() as s:
            row = s.execute(select(Office.id, Office.role).where(Office.is_local.is_(True))).first()
        self.office_id, self.office_role = (row.id, row.role) if row is not None else (None, None)

    def _stamp_app_version(self) -> None:
        from ocop_desktop.models import AppMeta

        with self.session() as s:
            s.merge(AppMeta(key="app_version", value=__version__))

    # -- maintenance ----------------------------------------------------------------
    def backup_to(self, dest: os.PathLike[str] | str) -> Path:
        from ocop_desktop import faults

        dest = Path(dest).expanduser().absolute()
        if dest.resolve() == self.path:
            raise DatabaseError(_("A backup cannot overwrite the database itself."))
        try:
            sqlite_backup(self.path, dest)
        except (OSError, sqlite3.Error) as exc:
            if faults.is_disk_full(exc):
                raise faults.disk_full(dest, self.path.stat().st_size) from None
            raise DatabaseError(
                _("The backup could not be written to {dest}: {reason}").format(dest=dest, reason=exc)
            ) from None
        return dest

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        with contextlib.suppress(FileNotFoundError):
            _open_marker(self.path).unlink()
        self._lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _open_marker(path: Path) -> Path:
    return path.with_name(path.name + ".open")


def _write_marker(marker: Path, had_marker: bool) -> None:
    try:
        marker.write_text(str(os.getpid()))
    except OSError as exc:
        if not had_marker:
            remove_quietly(marker)  # not ours to leave: nothing was opened
        from ocop_desktop import faults

        if faults.is_disk_full(exc):
            raise faults.disk_full(marker) from None
        raise


def _make_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=3000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    return engine


def _migrate(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


# Restoring lives in db_restore.py (kept here under the names the callers know).
from ocop_desktop.db_restore import check_backup, restore  # noqa: E402, F401
