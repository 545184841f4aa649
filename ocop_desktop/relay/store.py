"""The relay's storage: a folder with ``relay.sqlite`` (the index: offices and their keys,
uploads in progress, bundles with who sent what to whom, delivered, acknowledged; nonces
seen), ``uploads/<id>.partial`` (bundles arriving) and ``mailbox/<office>/<sha256>``
(complete bundles, opaque).

Every change to the index is one SQLite transaction; a bundle file gets its name in the
mailbox only once its SHA-256 matched (written, fsynced, renamed, folder fsynced), so a
relay killed at any point never shows a half-stored bundle. All methods are synchronous
and serialised by one lock (the server calls them from worker threads).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocop_desktop.sync.usb import fsync_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS office (
    office_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, province_code INTEGER NOT NULL,
    profile_created_at TEXT NOT NULL, registered_at REAL NOT NULL, removed_at REAL,
    quota_bytes INTEGER);
CREATE TABLE IF NOT EXISTS office_key (
    key_id TEXT PRIMARY KEY, office_id TEXT NOT NULL REFERENCES office(office_id),
    sign_public BLOB NOT NULL, revoked_at REAL);
CREATE TABLE IF NOT EXISTS upload (
    upload_id TEXT PRIMARY KEY, sender TEXT NOT NULL, recipient TEXT NOT NULL, sha256 TEXT NOT NULL,
    length INTEGER NOT NULL, "offset" INTEGER NOT NULL DEFAULT 0, created_at REAL NOT NULL,
    updated_at REAL NOT NULL, UNIQUE (sender, recipient, sha256));
CREATE TABLE IF NOT EXISTS bundle (
    sha256 TEXT PRIMARY KEY, sender TEXT NOT NULL, recipient TEXT NOT NULL, size INTEGER NOT NULL,
    stored_at REAL NOT NULL, delivered_at REAL, acked_at REAL, receipt TEXT, removed_at REAL,
    removed_why TEXT);
CREATE INDEX IF NOT EXISTS bundle_recipient ON bundle (recipient, removed_at);
CREATE INDEX IF NOT EXISTS bundle_sender ON bundle (sender, removed_at);
CREATE TABLE IF NOT EXISTS nonce (nonce TEXT PRIMARY KEY, office_id TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS nonce_at ON nonce (at);
"""

MiB = 1024 * 1024


@dataclass
class Limits:
    quota_bytes: int = 512 * MiB  # per sending office: uploads in progress + bundles not yet acknowledged
    max_bundle: int = 2048 * MiB
    max_chunk: int = 8 * MiB
    reserve_bytes: int = 64 * MiB  # free space the relay always keeps on its disk
    expire_days: float = 60  # a bundle nobody fetched
    delivered_days: float = 14  # a bundle fetched but never acknowledged
    upload_days: float = 7  # an upload nobody continued
    window: int = 600  # seconds either side of the relay's clock (signed requests)


class Refused(Exception):
    """A request the relay refuses: HTTP ``status``, a stable ``code`` the client maps to
    the officer's message, and details (JSON)."""

    def __init__(self, status: int, code: str, detail: str = "", **extra: Any) -> None:
        super().__init__(f"{code}: {detail}")
        self.status, self.code, self.detail, self.extra = status, code, detail, extra


@dataclass(frozen=True)
class Caller:
    office_id: str
    role: str
    name: str


class Store:
    def __init__(self, root: Path, limits: Limits | None = None) -> None:
        self.root = Path(root)
        self.limits = limits or Limits()
        self.uploads = self.root / "uploads"
        self.mailbox = self.root / "mailbox"
        for d in (self.root, self.uploads, self.mailbox):
            d.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._con = sqlite3.connect(self.root / "relay.sqlite", check_same_thread=False, isolation_level=None)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA synchronous=FULL")
        self._con.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._con.close()

    # -- transactions -----------------------------------------------------------------

    def _tx(self):  # noqa: ANN202
        store = self

        class _T:
            def __enter__(self) -> sqlite3.Connection:
                store._lock.acquire()
                store._con.execute("BEGIN IMMEDIATE")
                return store._con

            def __exit__(self, kind, *rest) -> None:  # noqa: ANN001
                try:
                    store._con.execute("COMMIT" if kind is None else "ROLLBACK")
                finally:
                    store._lock.release()

        return _T()

    def query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    # -- offices ----------------------------------------------------------------------

    def register(self, profile: Any) -> str:
        """Register (or update) an office from its verified profile (``profiles.Profile``).
        Keys retired in the profile are revoked here. Returns "registered" | "updated"."""
        now = time.time()
        with self._tx() as con:
            for k in profile.keys:
                row = con.execute("SELECT office_id FROM office_key WHERE key_id = ?", (k.key_id,)).fetchone()
                if row is not None and row[0] != profile.office_id:
                    raise Refused(409, "key_of_other_office", f"key {k.key_id} belongs to {row[0]}")
            old = con.execute("SELECT profile_created_at, removed_at FROM office WHERE office_id = ?",
                              (profile.office_id,)).fetchone()
            created = profile.created_at.isoformat()
            if old is not None and old[1] is None and old[0] > created:
                raise Refused(409, "older_profile", "a newer profile of this office is registered")
            con.execute(
                "INSERT INTO office (office_id, name, role, province_code, profile_created_at, registered_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (office_id) DO UPDATE SET name = excluded.name, "
                "role = excluded.role, province_code = excluded.province_code, "
                "profile_created_at = excluded.profile_created_at, removed_at = NULL",
                (profile.office_id, profile.name, profile.role, profile.province_code, created, now))
            for k in profile.keys:
                revoked = now if k.retired_at is not None else None
                con.execute("INSERT INTO office_key (key_id, office_id, sign_public, revoked_at) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT (key_id) DO UPDATE SET revoked_at = coalesce(office_key.revoked_at, "
                            "excluded.revoked_at)", (k.key_id, profile.office_id, k.sign_public, revoked))
        return "registered" if old is None or old[1] is not None else "updated"

    def remove(self, office_id: str) -> bool:
        """Remove an office: its keys are revoked, its mailbox and uploads deleted."""
        now = time.time()
        with self._tx() as con:
            n = con.execute("UPDATE office SET removed_at = ? WHERE office_id = ? AND removed_at IS NULL",
                            (now, office_id)).rowcount
            if not n:
                return False
            con.execute("UPDATE office_key SET revoked_at = ? WHERE office_id = ? AND revoked_at IS NULL",
                        (now, office_id))
            ups = con.execute("SELECT upload_id FROM upload WHERE sender = ? OR recipient = ?",
                              (office_id, office_id)).fetchall()
            con.execute("DELETE FROM upload WHERE sender = ? OR recipient = ?", (office_id, office_id))
            gone = con.execute("SELECT sha256, recipient FROM bundle WHERE recipient = ? AND removed_at IS NULL",
                               (office_id,)).fetchall()
            con.execute("UPDATE bundle SET removed_at = ?, removed_why = 'office_removed' "
                        "WHERE recipient = ? AND removed_at IS NULL", (now, office_id))
        for (uid,) in ups:
            (self.uploads / f"{uid}.partial").unlink(missing_ok=True)
        for sha, rid in gone:
            self._bundle_path(rid, sha).unlink(missing_ok=True)
        return True

    def offices(self) -> list[dict[str, Any]]:
        rows = self.query("SELECT office_id, name, role, registered_at, removed_at FROM office ORDER BY name")
        out = []
        for oid, name, role, reg, removed in rows:
            waiting = self.query("SELECT count(*), coalesce(sum(size), 0) FROM bundle WHERE recipient = ? "
                                 "AND removed_at IS NULL", (oid,))[0]
            out.append({"office_id": oid, "name": name, "role": role, "registered_at": reg,
                        "removed": removed is not None, "waiting": waiting[0], "waiting_bytes": waiting[1]})
        return out

    def caller(self, office_id: str, key_id: str) -> tuple[Caller, bytes]:
        """The office and public key a request claims; Refused when unknown or revoked."""
        row = self.query("SELECT k.sign_public, k.revoked_at, o.role, o.name, o.removed_at FROM office_key k "
                         "JOIN office o ON o.office_id = k.office_id WHERE k.key_id = ? AND k.office_id = ?",
                         (key_id, office_id))
        if not row:
            raise Refused(401, "unknown_key", "this office or key is not registered on the relay")
        pub, revoked, role, name, removed = row[0]
        if removed is not None:
            raise Refused(401, "office_removed", "this office was removed from the relay")
        if revoked is not None:
            raise Refused(401, "revoked_key", "this key was replaced or revoked")
        return Caller(office_id, role, name), pub

    def use_nonce(self, nonce: str, office_id: str, now: float) -> None:
        with self._tx() as con:
            con.execute("DELETE FROM nonce WHERE at < ?", (now - 2 * self.limits.window - 60,))
            try:
                con.execute("INSERT INTO nonce (nonce, office_id, at) VALUES (?, ?, ?)", (nonce, office_id, now))
            except sqlite3.IntegrityError:
                raise Refused(401, "replayed", "this request was already received (replay)") from None

    def _recipient_ok(self, con: sqlite3.Connection, caller: Caller, recipient: str) -> None:
        row = con.execute("SELECT role FROM office WHERE office_id = ? AND removed_at IS NULL", (recipient,)).fetchone()
        if row is None:
            raise Refused(404, "unknown_recipient", "the recipient office is not registered on the relay")
        if recipient == caller.office_id:
            raise Refused(403, "self_addressed", "an office cannot send to itself")
        if caller.role != "province" and row[0] != "province":
            raise Refused(403, "forbidden_recipient", "a field office sends to the provincial office only")

    # -- uploads ----------------------------------------------------------------------

    def _used(self, con: sqlite3.Connection, sender: str) -> int:
        up = con.execute("SELECT coalesce(sum(length), 0) FROM upload WHERE sender = ?", (sender,)).fetchone()[0]
        st = con.execute("SELECT coalesce(sum(size), 0) FROM bundle WHERE sender = ? AND removed_at IS NULL",
                         (sender,)).fetchone()[0]
        return up + st

    def _quota(self, con: sqlite3.Connection, office_id: str) -> int:
        q = con.execute("SELECT quota_bytes FROM office WHERE office_id = ?", (office_id,)).fetchone()
        return q[0] if q and q[0] is not None else self.limits.quota_bytes

    def create_upload(self, caller: Caller, recipient: str, sha: str, length: int) -> dict[str, Any]:
        """Start (or find) the upload of one bundle. Idempotent by the bundle's SHA-256:
        a bundle already stored or delivered answers ``complete``."""
        if length <= 0:
            raise Refused(400, "bad_length", "empty bundle")
        if length > self.limits.max_bundle:
            raise Refused(413, "too_large", "bundle larger than the relay accepts",
                          max_bytes=self.limits.max_bundle)
        now = time.time()
        with self._tx() as con:
            self._recipient_ok(con, caller, recipient)
            done = con.execute("SELECT sender, recipient, size FROM bundle WHERE sha256 = ?", (sha,)).fetchone()
            if done is not None:
                if done[0] != caller.office_id or done[1] != recipient or done[2] != length:
                    raise Refused(409, "hash_taken", "another bundle with this hash is on the relay")
                return {"status": "complete", "offset": length}
            up = con.execute("SELECT upload_id, length, \"offset\" FROM upload WHERE sender = ? AND recipient = ? "
                             "AND sha256 = ?", (caller.office_id, recipient, sha)).fetchone()
            if up is not None:
                if up[1] != length:
                    raise Refused(409, "length_mismatch", "an upload of this bundle with another length exists")
                return {"status": "partial", "upload_id": up[0], "offset": up[2]}
            used, quota = self._used(con, caller.office_id), self._quota(con, caller.office_id)
            if used + length > quota:
                raise Refused(413, "quota", "the office's quota on the relay is used up", quota_bytes=quota,
                              used_bytes=used)
            self._check_space(length)
            uid = uuid.uuid4().hex
            (self.uploads / f"{uid}.partial").touch()
            con.execute("INSERT INTO upload (upload_id, sender, recipient, sha256, length, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", (uid, caller.office_id, recipient, sha, length, now, now))
        return {"status": "created", "upload_id": uid, "offset": 0}

    def _check_space(self, need: int) -> None:
        free = shutil.disk_usage(self.root).free
        if free - self.limits.reserve_bytes < need:
            raise Refused(507, "relay_full", "the relay's disk is full", free_bytes=free)

    def _upload(self, caller: Caller, uid: str) -> tuple[str, str, int, int]:
        row = self.query("SELECT recipient, sha256, length, \"offset\" FROM upload WHERE upload_id = ? "
                         "AND sender = ?", (uid, caller.office_id))
        if not row:
            raise Refused(404, "no_upload", "no such upload for this office")
        return row[0]

    def upload_offset(self, caller: Caller, uid: str) -> tuple[int, int]:
        _, _, length, offset = self._upload(caller, uid)
        return offset, length

    def write_chunk(self, caller: Caller, uid: str, offset: int, data: bytes) -> dict[str, Any]:
        """Append one chunk whose hash the server already checked; on the last chunk, check
        the whole bundle's SHA-256 and move it into the recipient's mailbox."""
        with self._lock:
            recipient, sha, length, current = self._upload(caller, uid)
            if offset != current:
                raise Refused(409, "offset_mismatch", "the upload is at another offset", offset=current)
            if offset + len(data) > length:
                raise Refused(413, "past_length", "chunk goes past the bundle's declared length")
            partial = self.uploads / f"{uid}.partial"
            self._check_space(len(data))
            try:
                with partial.open("r+b") as fh:
                    fh.truncate(offset)  # bytes past the confirmed offset (a write cut short) go
                    fh.seek(offset)
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:
                self._truncate(partial, offset)
                if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
                    raise Refused(507, "relay_full", "the relay's disk is full") from None
                raise
            new = offset + len(data)
            if new < length:
                with self._tx() as con:
                    con.execute("UPDATE upload SET \"offset\" = ?, updated_at = ? WHERE upload_id = ?",
                                (new, time.time(), uid))
                return {"status": "partial", "offset": new}
            return self._complete(caller, uid, recipient, sha, length, partial)

    def _truncate(self, partial: Path, offset: int) -> None:
        try:
            with partial.open("r+b") as fh:
                fh.truncate(offset)
        except OSError:
            pass

    def _complete(self, caller: Caller, uid: str, recipient: str, sha: str, length: int,
                  partial: Path) -> dict[str, Any]:
        h = hashlib.sha256()
        with partial.open("rb") as fh:
            while block := fh.read(MiB):
                h.update(block)
        if h.hexdigest() != sha:
            with self._tx() as con:
                con.execute("DELETE FROM upload WHERE upload_id = ?", (uid,))
            partial.unlink(missing_ok=True)
            raise Refused(422, "bundle_hash", "the bundle's SHA-256 does not match what was announced")
        final = self._bundle_path(recipient, sha)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, final)
        fsync_dir(final.parent)
        with self._tx() as con:
            con.execute("DELETE FROM upload WHERE upload_id = ?", (uid,))
            con.execute("INSERT INTO bundle (sha256, sender, recipient, size, stored_at) VALUES (?, ?, ?, ?, ?)",
                        (sha, caller.office_id, recipient, length, time.time()))
        return {"status": "complete", "offset": length}

    def _bundle_path(self, recipient: str, sha: str) -> Path:
        return self.mailbox / recipient / sha

    # -- mailbox ----------------------------------------------------------------------

    def waiting(self, caller: Caller) -> list[dict[str, Any]]:
        rows = self.query("SELECT b.sha256, b.sender, o.name, b.size, b.stored_at, b.delivered_at FROM bundle b "
                          "LEFT JOIN office o ON o.office_id = b.sender WHERE b.recipient = ? "
                          "AND b.removed_at IS NULL ORDER BY b.stored_at, b.sha256", (caller.office_id,))
        return [{"sha256": s, "sender": snd, "sender_name": name or "", "size": size, "stored_at": at,
                 "delivered": d is not None} for s, snd, name, size, at, d in rows]

    def sent(self, caller: Caller) -> list[dict[str, Any]]:
        rows = self.query("SELECT sha256, recipient, size, stored_at, delivered_at, acked_at, receipt, removed_why "
                          "FROM bundle WHERE sender = ? ORDER BY stored_at DESC LIMIT 500", (caller.office_id,))
        return [{"sha256": s, "recipient": r, "size": n, "stored_at": a, "delivered_at": d, "acked_at": k,
                 "receipt": rc, "removed": why} for s, r, n, a, d, k, rc, why in rows]

    def bundle_file(self, caller: Caller, sha: str) -> tuple[Path, int]:
        row = self.query("SELECT size FROM bundle WHERE sha256 = ? AND recipient = ? AND removed_at IS NULL",
                         (sha, caller.office_id))
        if not row:
            raise Refused(404, "no_bundle", "no such bundle in this office's mailbox")
        return self._bundle_path(caller.office_id, sha), row[0][0]

    def mark_delivered(self, caller: Caller, sha: str) -> None:
        with self._tx() as con:
            con.execute("UPDATE bundle SET delivered_at = coalesce(delivered_at, ?) WHERE sha256 = ? "
                        "AND recipient = ?", (time.time(), sha, caller.office_id))

    def ack(self, caller: Caller, sha: str, receipt: str | None) -> bool:
        """The recipient imported the bundle: the file goes, the index row stays (a bundle
        sent again is then a no-op). False when it is not in this office's mailbox."""
        now = time.time()
        with self._tx() as con:
            row = con.execute("SELECT acked_at FROM bundle WHERE sha256 = ? AND recipient = ?",
                              (sha, caller.office_id)).fetchone()
            if row is None:
                return False
            con.execute("UPDATE bundle SET acked_at = coalesce(acked_at, ?), delivered_at = coalesce(delivered_at, ?), "
                        "receipt = coalesce(?, receipt), removed_at = coalesce(removed_at, ?), "
                        "removed_why = coalesce(removed_why, 'acknowledged') WHERE sha256 = ?",
                        (now, now, receipt, now, sha))
        self._bundle_path(caller.office_id, sha).unlink(missing_ok=True)
        fsync_dir(self._bundle_path(caller.office_id, sha).parent)
        return True

    # -- housekeeping -----------------------------------------------------------------

    def expire(self, now: float | None = None) -> int:
        """Delete bundles past their time and abandoned uploads; returns how many went."""
        now = time.time() if now is None else now
        day = 86400
        lim = self.limits
        with self._tx() as con:
            gone = con.execute(
                "SELECT sha256, recipient FROM bundle WHERE removed_at IS NULL AND "
                "((delivered_at IS NULL AND stored_at < ?) OR (delivered_at IS NOT NULL AND delivered_at < ?))",
                (now - lim.expire_days * day, now - lim.delivered_days * day)).fetchall()
            for sha, _rid in gone:
                con.execute("UPDATE bundle SET removed_at = ?, removed_why = 'expired' WHERE sha256 = ?", (now, sha))
            ups = con.execute("SELECT upload_id FROM upload WHERE updated_at < ?",
                              (now - lim.upload_days * day,)).fetchall()
            con.execute("DELETE FROM upload WHERE updated_at < ?", (now - lim.upload_days * day,))
        for sha, rid in gone:
            self._bundle_path(rid, sha).unlink(missing_ok=True)
        for (uid,) in ups:
            (self.uploads / f"{uid}.partial").unlink(missing_ok=True)
        # Partial files the index does not know (a crash between touch and insert).
        known = {r[0] for r in self.query("SELECT upload_id FROM upload")}
        for f in self.uploads.glob("*.partial"):
            if f.stem not in known and f.stat().st_mtime < now - 3600:
                f.unlink(missing_ok=True)
        return len(gone) + len(ups)

    def waiting_count(self) -> int:
        return self.query("SELECT count(*) FROM bundle WHERE removed_at IS NULL")[0][0]

    def health(self) -> dict[str, Any]:
        usage = shutil.disk_usage(self.root)
        offices = self.query("SELECT count(*) FROM office WHERE removed_at IS NULL")[0][0]
        stored = self.query("SELECT count(*), coalesce(sum(size), 0) FROM bundle WHERE removed_at IS NULL")[0]
        return {"ok": True, "time": time.time(), "offices": offices, "bundles": stored[0], "bytes": stored[1],
                "free_bytes": max(0, usage.free - self.limits.reserve_bytes)}

    def snapshot(self) -> str:
        """The index and files as text (tests compare it before and after a refusal)."""
        with self._lock:
            parts = {t: self._con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()  # noqa: S608
                     for t in ("office", "office_key", "upload", "bundle")}
        files = sorted(str(p.relative_to(self.root)) + f":{p.stat().st_size}"
                       for p in self.root.rglob("*") if p.is_file() and p.parent != self.root)
        return json.dumps({"index": parts, "files": files}, default=lambda b: b.hex())
