"""Opening the database: migrations, schema/model agreement, and every refusal case."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from ocop_desktop import db as dbmod
from ocop_desktop.db import HEAD_REVISION, KNOWN_REVISIONS, Database, restore
from ocop_desktop.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotADatabase,
)
from ocop_desktop.services import producers
from ocop_desktop.services.producers import ProducerData


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_producer(db: Database, name: str = "HTX Miến dong Phia Đén") -> str:
    with db.session() as s:
        return producers.create_producer(s, ProducerData(kind="htx", name=name, identifier="0101248141",
                                                         commune_code=1477)).id


def test_migrates_empty_file_to_head(empty_db: Database) -> None:
    con = sqlite3.connect(empty_db.path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    with empty_db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_models_match_migrations(empty_db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from ocop_desktop.models import Base

    with empty_db.engine.connect() as con:
        diffs = compare_metadata(MigrationContext.configure(con, opts={"compare_type": True}), Base.metadata)
    assert diffs == []


def test_known_revisions_match_the_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(dbmod.alembic_config())
    revs = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(revs) == KNOWN_REVISIONS
    assert script.get_current_head() == HEAD_REVISION


def test_second_instance_is_refused(db: Database) -> None:
    with pytest.raises(DatabaseLocked) as exc:
        Database.open(db.path)
    assert "đang được mở" in exc.value.message or "already open" in exc.value.message


def test_lock_is_released_on_close(db_path: Path) -> None:
    Database.open(db_path).close()
    Database.open(db_path).close()


def test_not_a_database_is_refused_and_untouched(tmp_path: Path) -> None:
    f = tmp_path / "notes.sqlite"
    f.write_text("Đây là một tệp văn bản, không phải cơ sở dữ liệu.\n" * 20, encoding="utf-8")
    before = _digest(f)
    with pytest.raises(NotADatabase):
        Database.open(f)
    assert _digest(f) == before
    assert not Path(str(f) + "-wal").exists()


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "other.sqlite"
    con = sqlite3.connect(f)
    con.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = _digest(f)
    with pytest.raises(NotADatabase):
        Database.open(f)
    assert _digest(f) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_is_refused(db_path: Path) -> None:
    Database.open(db_path).close()
    db_path.chmod(0o444)
    try:
        with pytest.raises(DatabaseReadOnly):
            Database.open(db_path)
    finally:
        db_path.chmod(0o644)


def test_read_only_check_uses_access(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as root too: simulate a read-only file through os.access."""
    Database.open(db_path).close()
    before = _digest(db_path)
    real_access = os.access
    monkeypatch.setattr(dbmod.os, "access", lambda p, mode: False if Path(p) == db_path and mode == os.W_OK
                        else real_access(p, mode))
    with pytest.raises(DatabaseReadOnly) as exc:
        Database.open(db_path)
    assert exc.value.hint
    assert _digest(db_path) == before


def test_newer_schema_is_refused_untouched(db: Database) -> None:
    path = db.path
    db.close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    con.execute("UPDATE app_meta SET value='9.0.0' WHERE key='app_version'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseTooNew) as exc:
        Database.open(path)
    assert "9.0.0" in exc.value.message
    assert _digest(path) == before


def test_unclean_shutdown_runs_integrity_check(db: Database) -> None:
    path = db.path
    _add_producer(db)
    db.close()
    marker = path.with_name(path.name + ".open")
    marker.write_text("12345")  # as if the previous run had crashed
    reopened = Database.open(path)
    assert reopened.recovered_from_crash
    reopened.close()
    assert not marker.exists()


def test_corrupt_file_after_crash_is_refused(db: Database) -> None:
    path = db.path
    _add_producer(db)
    db.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    # Scribble over every page after the first (keep the header so it still looks like SQLite).
    for off in range(page_size + 16, len(data), 97):
        data[off] = 0xA5
    path.write_bytes(bytes(data))
    path.with_name(path.name + ".open").write_text("1")
    before = _digest(path)
    with pytest.raises((DatabaseCorrupt, NotADatabase)):
        Database.open(path)
    assert _digest(path) == before


def test_migration_takes_backup_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database at an older revision is copied to backups/ before upgrading."""
    path = tmp_path / "old.sqlite"
    Database.open(path).close()
    monkeypatch.setattr(dbmod, "HEAD_REVISION", "0002_pretend_newer")
    monkeypatch.setattr(dbmod, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "0002_pretend_newer"))
    monkeypatch.setattr(dbmod, "_migrate", lambda engine: None)
    Database.open(path).close()
    backups = list((tmp_path / "old-files" / "backups").glob("old-before-0002_pretend_newer-*.sqlite"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION  # the real head, before the pretend one
    con.close()


def test_backup_restore_round_trip(db: Database, tmp_path: Path) -> None:
    pid = _add_producer(db)
    backup = db.backup_to(tmp_path / "sao-luu.sqlite")
    with db.session() as s:
        producers.delete_producer(s, pid)
    with db.read_session() as s:
        assert producers.list_producers(s) == []
        incarnation_before = s.execute(text("SELECT incarnation FROM office WHERE is_local=1")).scalar()
    path = db.path
    db.close()
    restore(backup, path)
    reopened = Database.open(path)
    try:
        with reopened.read_session() as s:
            rows = producers.list_producers(s)
            assert [r.name for r in rows] == ["HTX Miến dong Phia Đén"]
            incarnation_after = s.execute(text("SELECT incarnation FROM office WHERE is_local=1")).scalar()
        assert incarnation_after != incarnation_before  # the office went back in time
    finally:
        reopened.close()
    assert list((tmp_path / "office-files" / "backups").glob("office-before-restore-*.sqlite"))


def test_restore_refuses_garbage_and_keeps_current(db: Database, tmp_path: Path) -> None:
    _add_producer(db)
    path = db.path
    db.close()
    before = _digest(path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00" * 4096)
    with pytest.raises(NotADatabase):
        restore(junk, path)
    assert _digest(path) == before


def test_restore_refuses_while_open(db: Database, tmp_path: Path) -> None:
    backup = db.backup_to(tmp_path / "b.sqlite")
    with pytest.raises(DatabaseLocked):
        restore(backup, db.path)


def test_opening_a_current_database_imports_no_sqlalchemy(db: Database) -> None:
    """Start-up budget: the main window must not wait for SQLAlchemy's ~250 ms import;
    the lists import it in a worker after the window is shown."""
    import subprocess
    import sys

    path = db.path
    db.close()
    code = ("import sys; from ocop_desktop.db import Database; d = Database.open(sys.argv[1]); "
            "print('sqlalchemy' in sys.modules, d.office_id is not None); d.close()")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
