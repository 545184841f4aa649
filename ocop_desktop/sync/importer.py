"""Import a bundle: verify → check the chain → classify every record → preview → apply
all of it in one transaction or nothing → report, receipt, acknowledgements.

Stages (each refusal is a :class:`container.BundleError` with a ``code``; nothing is
written before :func:`apply_import`, except registering a new sender's key when the
officer confirmed its fingerprint):

1. :func:`verify_bundle`: the file, the manifest, the recipient (this office), the schema,
   the sender (known office and key, or a key endorsed by one), the signature, every
   member's hash, then decryption with this office's key.
2. :func:`plan_import`: the chain (already imported, an older bundle replayed, a fork —
   two PCs with one office's identity —, an office restored from a backup, a gap in the
   change numbers), every row checked, photos and parent records present, then each record
   classified by :func:`merge.merge`. ``--dry-run`` stops here.
3. :func:`apply_import`: one SQLite transaction (records, change log, conflicts, photos'
   rows, replicas, peer state, the bundle log with the receipt code). A crash or a full
   disk leaves the database as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocop_desktop import paths
from ocop_desktop.db import KNOWN_REVISIONS, Database
from ocop_desktop.errors import BadInput, KnownError
from ocop_desktop.i18n import _
from ocop_desktop.models.base import utcnow
from ocop_desktop.sync import checks, container, crypto, merge, records
from ocop_desktop.sync.checks import RestoredOffice
from ocop_desktop.sync.container import BundleError


class UnknownSender(BundleError):
    """The sender's key is not registered here; the officer may confirm its fingerprint."""

    def __init__(self, message: str, *, office_id: str, office_name: str, fingerprint: str, hint: str) -> None:
        super().__init__("unknown_sender", message, hint=hint)
        self.office_id = office_id
        self.office_name = office_name
        self.fingerprint = fingerprint


class AlreadyImported(KnownError):
    """The same bundle was imported before: nothing to do (not an error for the CLI)."""

    exit_code = 0

    def __init__(self, message: str, *, receipt: str | None, imported_at: dt.datetime | None) -> None:
        super().__init__(message)
        self.receipt = receipt
        self.imported_at = imported_at


@dataclass
class Verified:
    path: Path
    reader: container.BundleReader
    manifest: dict[str, Any]
    bundle_hash: str
    sender_id: str
    sender_name: str
    payload: container.Payload
    #: The sender's profile from the manifest (registered or refreshed by apply_import, in its
    #: transaction) and the fingerprint the officer confirmed, if any.
    sender_profile: Any = None
    fingerprint: str | None = None

    def close(self) -> None:
        self.reader.close()


@dataclass(frozen=True)
class ConflictRow:
    id: str
    table: str
    record_id: str
    record_label: str
    field: str
    kind: str
    kept_value: Any
    other_value: Any


@dataclass
class ImportPlan:
    verified: Verified
    outcomes: dict[str, list[merge.Outcome]]  # per table, in apply order
    counts: dict[str, dict[str, int]]  # table → class → n
    new_conflicts: list[dict[str, Any]]
    conflict_rows: list[ConflictRow]
    incoming_conflicts: list[dict[str, Any]]
    photos: list[dict[str, Any]]  # metadata of photos carried and not here yet
    acks: dict[str, Any]
    warnings: list[str]
    peer_update: dict[str, Any]
    deferred_photos: list[str]
    #: Metadata of the attached files (business plans) carried and not here yet.
    attachments: list[dict[str, Any]] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for per in self.counts.values():
            out.update(per)
        return {c: out.get(c, 0) for c in merge.CLASSES}

    @property
    def applied(self) -> int:
        t = self.totals
        return sum(t[c] for c in merge.WRITES)


@dataclass
class ImportReport:
    bundle_hash: str
    bundle_id: str
    number: int
    sender_id: str
    sender_name: str
    dry_run: bool
    counts: dict[str, dict[str, int]]
    totals: dict[str, int]
    conflicts: list[ConflictRow]
    warnings: list[str]
    receipt: str | None
    photos_added: int = 0
    photos_deferred: int = 0
    attachments_added: int = 0
    report_path: Path | None = None
    already_imported: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "bundle": self.bundle_hash, "bundle_id": self.bundle_id, "number": self.number,
            "sender": {"office_id": self.sender_id, "name": self.sender_name},
            "dry_run": self.dry_run, "already_imported": self.already_imported,
            "totals": self.totals, "counts": self.counts,
            "conflicts": [c.__dict__ for c in self.conflicts],
            "photos": {"added": self.photos_added, "deferred": self.photos_deferred},
            "attachments": {"added": self.attachments_added},
            "warnings": self.warnings, "receipt": self.receipt,
            "report": str(self.report_path) if self.report_path else None,
        }


# -- 1. verify ---------------------------------------------------------------------------


def verify_bundle(db: Database, path: Path, *, fingerprint: str | None = None) -> Verified:
    from sqlalchemy import select

    from ocop_desktop.models import Office, OfficeKey
    from ocop_desktop.sync import profiles

    reader = container.BundleReader(Path(path))
    try:
        m = reader.manifest.doc
        with db.read_session() as s:
            local = s.scalar(select(Office).where(Office.is_local.is_(True)))
            if local is None:
                raise BadInput(_("This database has no office yet: set it up first."))
            rec, sender = m["recipient"], m["sender"]
            if sender["office_id"] == local.id:  # before the recipient: an outgoing bundle left in the folder
                raise BundleError("own_bundle", _("This bundle was exported by this office itself; it was not "
                                                  "imported."))
            if rec["office_id"] != local.id:
                other = s.get(Office, rec["office_id"])
                raise BundleError("wrong_recipient", _("This bundle is for {office}, not for this office ({here}); "
                                                       "it was not imported.").format(
                    office=other.name if other else rec.get("name") or rec["office_id"], here=local.name),
                    hint=_("Give the stick to the office it is for."))
            if m["schema_version"] not in KNOWN_REVISIONS:
                raise BundleError("newer_schema", _("This bundle was made by a newer version of OCOP Desktop "
                                                    "(database version {v})." ).format(v=m["schema_version"]),
                                  hint=_("Install the newer version of OCOP Desktop, then import the bundle again."))
            if m["schema_version"] != KNOWN_REVISIONS[-1]:
                raise BundleError("older_schema", _("This bundle was made by an older version of OCOP Desktop "
                                                    "(database version {v}).").format(v=m["schema_version"]),
                                  hint=_("Ask the sending office to update OCOP Desktop and export again."))
            key = profiles.find_key(s, sender["office_id"], sender["key_id"])
            sender_public = key.sign_public if key is not None else None
            own_key = s.scalar(select(OfficeKey).where(OfficeKey.office_id == local.id)
                               .where(OfficeKey.key_id == rec["key_id"]))
            enc_private = own_key.enc_private if own_key is not None else None
        if sender_public is None:
            sender_public = _trust_sender(db, reader, m, fingerprint)
        reader.check_signature(sender_public, sender["name"])
        try:
            sender_profile = profiles.read_profile_dict(m["sender_profile"])
        except BadInput:
            sender_profile = None
        if enc_private is None:
            raise BundleError("wrong_key", _("This bundle was encrypted to a key this office does not have; it "
                                             "cannot be opened."),
                              hint=_("The sending office may hold an old copy of this office's profile: send it the "
                                     "current profile file, then ask for a new bundle."))
        reader.check_members()
        payload = reader.opener(enc_private)
        return Verified(Path(path), reader, m, reader.manifest.hash, sender["office_id"], sender["name"], payload,
                        sender_profile, fingerprint)
    except BaseException:
        reader.close()
        raise


def refuse_self_addressed(m: dict[str, Any]) -> None:
    """A bundle whose sender is its recipient can be imported nowhere: ``bundle verify``
    and the import refuse it alike."""
    if m["sender"]["office_id"] == m["recipient"]["office_id"]:
        raise BundleError("self_addressed", _("This bundle is addressed by {office} to itself: no office can import "
                                              "it.").format(office=m["sender"].get("name") or m["sender"]["office_id"]),
                          hint=_("Export again and choose the office the bundle is for."))


def _trust_sender(db: Database, reader: container.BundleReader, m: dict[str, Any], fingerprint: str | None
                  ) -> bytes:
    """A sender key we do not hold: check that the manifest's embedded profile names it and
    that it signed the manifest, then register it (endorsed by a key we trust, or with the
    fingerprint the officer confirmed)."""
    from ocop_desktop.sync import profiles

    sender = m["sender"]
    try:
        prof = profiles.read_profile_dict(m["sender_profile"])
    except BadInput as exc:
        raise BundleError("unknown_sender", _("The bundle comes from an office that is not registered here "
                                              "({office}), and the office profile it carries is not valid: "
                                              "{reason}").format(office=sender["name"], reason=exc.message)) from None
    pkey = None
    if prof is not None and prof.office_id == sender["office_id"]:
        pkey = next((k for k in prof.keys if k.key_id == sender["key_id"]), None)
    if pkey is None:
        raise BundleError("unknown_sender", _("The bundle comes from an office that is not registered here "
                                              "({office}), and it does not carry that office's key.")
                          .format(office=sender["name"]))
    reader.check_signature(pkey.sign_public, sender["name"])
    try:
        with db.read_session() as s:  # a trial: rolled back; apply_import registers it for real
            profiles.import_profile(s, prof, fingerprint=fingerprint)
            s.flush()
    except profiles.FingerprintNeeded as exc:
        raise UnknownSender(
            _("The bundle comes from {office}, which is not registered here yet (or whose key changed).")
            .format(office=sender["name"]),
            office_id=sender["office_id"], office_name=sender["name"], fingerprint=exc.fingerprint,
            hint=_("Call the office and compare the key fingerprint {fp} before accepting it.")
            .format(fp=exc.fingerprint)) from None
    return pkey.sign_public


# -- 2. plan -----------------------------------------------------------------------------


def plan_import(db: Database, v: Verified, *, accept_restored: bool = False) -> ImportPlan:
    with no_gc():
        return _plan_import(db, v, accept_restored=accept_restored)


def _plan_import(db: Database, v: Verified, *, accept_restored: bool) -> ImportPlan:
    from sqlalchemy import select

    from ocop_desktop.models import Office, SyncBundle, SyncPeer

    m = v.manifest
    warnings: list[str] = []
    with db.read_session() as s:
        local = s.scalar(select(Office).where(Office.is_local.is_(True)))
        done = s.get(SyncBundle, v.bundle_hash)
        if done is not None and done.direction == "in":
            raise AlreadyImported(
                _("This bundle (No. {n} from {office}) was already imported on {date}; nothing was changed.")
                .format(n=m["number"], office=v.sender_name, date=_fmt_date(done.processed_at)),
                receipt=done.receipt, imported_at=done.processed_at)
        peer = s.get(SyncPeer, v.sender_id)
        peer_state = {"their_incarnation": peer.their_incarnation if peer else None,
                      "imported_upto": peer.imported_upto if peer else 0,
                      "last_in_number": peer.last_in_number if peer else 0,
                      "last_in_hash": peer.last_in_hash if peer else None,
                      "last_in_at": peer.last_in_at if peer else None}
        local_id, local_inc = local.id, local.incarnation
    update = checks.check_chain(v, peer_state, accept_restored, warnings)
    # Rows: checked, parents present, photos present.
    incoming: dict[str, list[dict[str, Any]]] = {}
    for t in records.TABLES:
        try:
            rows = records.decode_rows(t, v.payload.raw(t.name))
        except records.RowError as exc:
            raise BundleError("bad_record", _("A record in the bundle is malformed ({kind}, record and field: "
                                              "{problem}); the bundle was refused.").format(kind=_(t.label),
                                                                                          problem=exc)) from None
        except records.PayloadError:
            raise BundleError("bad_payload", _("The bundle's content is not readable (damaged data).")) from None
        ids = [r["id"] for r in rows]
        if len(set(ids)) != len(ids):
            raise BundleError("bad_record", _("The bundle lists the same record twice; it was refused."))
        incoming[t.name] = rows
    photo_meta = [p for p in v.payload.lines("photo") if isinstance(p, dict)]
    carried = set(v.payload.photo_names())
    for p in photo_meta:
        if not (isinstance(p.get("sha256"), str) and p["sha256"] in carried and isinstance(p.get("mime"), str)):
            raise BundleError("bad_record", _("The bundle's photo list is malformed; it was refused."))
    file_meta = [p for p in v.payload.lines("attachment") if isinstance(p, dict)]
    carried_files = set(v.payload.attachment_names())
    for p in file_meta:
        if not (isinstance(p.get("sha256"), str) and p["sha256"] in carried_files and isinstance(p.get("mime"), str)):
            raise BundleError("bad_record", _("The bundle's list of attached files is malformed; it was refused."))
    conflicts_in = v.payload.lines("conflicts")
    for c in conflicts_in:
        if not (isinstance(c, dict) and isinstance(c.get("id"), str) and c.get("table_name") in records.BY_NAME
                and isinstance(c.get("record_id"), str) and isinstance(c.get("field"), str)
                and c.get("status") in ("open", "resolved")
                and all(checks.int_ok(c.get(k, 0)) for k in ("kept_version", "other_version", "base_version"))):
            raise BundleError("bad_record", _("The bundle's list of conflicts is malformed; it was refused."))
    acks_lines = v.payload.lines("acks")
    acks = acks_lines[0] if acks_lines else {}
    if not checks.acks_ok(acks) or len(acks_lines) > 1:
        raise BundleError("bad_record", _("The bundle's acknowledgements are malformed; it was refused."))
    engine = db.engine
    with engine.connect() as con:
        have_photos = {sha for (sha,) in con.exec_driver_sql("SELECT sha256 FROM photo")}
        deferred = set(m["photos"]["deferred"])
        needed = {h for r in incoming["product"] for h in r["photos"]}
        lacking = needed - have_photos - carried - deferred
        if lacking:
            raise BundleError("missing_photos", _("The bundle refers to {n} photos it does not carry and does not "
                                                  "announce for later; it was refused.").format(n=len(lacking)),
                              hint=_("Ask the sending office to export again."))
        have_files = {sha for (sha,) in con.exec_driver_sql("SELECT sha256 FROM attachment")}
        deferred_files = set((m.get("attachments") or {}).get("deferred") or [])
        needed_files = {h for t in records.TABLES for r in incoming[t.name] for h in records.attachment_hashes(t, r)}
        lacking_files = needed_files - have_files - carried_files - deferred_files
        if lacking_files:
            raise BundleError("missing_attachments", _("The bundle refers to {n} attached files it does not carry "
                                                       "and does not announce for later; it was refused.")
                              .format(n=len(lacking_files)), hint=_("Ask the sending office to export again."))
        outcomes: dict[str, list[merge.Outcome]] = {}
        counts: dict[str, dict[str, int]] = {}
        new_conflicts: list[dict[str, Any]] = []
        conflict_rows: list[ConflictRow] = []
        for t in records.TABLES:
            rows = incoming[t.name]
            local_rows = records.fetch_rows(con, t, {r["id"] for r in rows}) if rows else {}
            for fk, parent in t.references:  # the parent first, then other rows it points to
                parent_ids = {r[fk] for r in rows if r[fk] is not None} - {r["id"] for r in incoming[parent]}
                if parent_ids:
                    known = records.fetch_rows(con, records.BY_NAME[parent], parent_ids)
                    if parent_ids - set(known):
                        raise BundleError("missing_parent", _("The bundle contains {kind} whose parent records are "
                                                              "neither in the bundle nor here; it was refused.")
                                          .format(kind=_(t.label).lower()))
            outs = []
            per: Counter[str] = Counter()
            content = t.content_columns
            for r in rows:
                local_row = local_rows.get(r["id"])
                if local_row is None:  # the common case, kept cheap
                    per[merge.NEW] += 1
                    outs.append(merge.Outcome(merge.NEW, r))
                    continue
                o = merge.merge(t.name, content, local_row, r)
                per[o.cls] += 1
                if o.cls in merge.WRITES:
                    outs.append(o)
                for c in o.conflicts:
                    label = (o.row or r).get("name") or _(t.label)
                    conflict_rows.append(ConflictRow(c.id, t.name, c.record_id, str(label), c.field, c.kind,
                                                     c.kept_value, c.other_value))
                    new_conflicts.append(_conflict_record(c, local_id))
            outcomes[t.name] = outs
            counts[t.name] = {c: per.get(c, 0) for c in merge.CLASSES}
        known_conflicts = {cid: st for cid, st in con.exec_driver_sql("SELECT id, status FROM sync_conflict")}
    conflicts_in = [checks.clean_conflict(c) for c in conflicts_in]
    fresh_in = [c for c in conflicts_in if c["id"] not in known_conflicts
                or (known_conflicts[c["id"]] == "open" and c["status"] == "resolved")]
    new_ids = {c["id"] for c in new_conflicts}
    fresh_in = [c for c in fresh_in if c["id"] not in new_ids]
    for c in fresh_in:
        if c["id"] not in known_conflicts and c["status"] == "open":
            label = records.BY_NAME[c["table_name"]].label
            conflict_rows.append(ConflictRow(c["id"], c["table_name"], c["record_id"], _(label), c["field"],
                                             c.get("kind", "field"), c.get("kept_value"), c.get("other_value")))
    new_conflicts = [c for c in new_conflicts if c["id"] not in known_conflicts]
    warnings.extend(checks.trailing_warning(v.reader))
    warnings.extend(checks.rubric_warnings(m, incoming["evaluation"]))
    warnings.extend(checks.code_clashes(db, outcomes["product"]))
    if deferred - have_photos:
        warnings.append(_("{n} photos will arrive in a later bundle.").format(n=len(deferred - have_photos)))
    if deferred_files - have_files:
        warnings.append(_("{n} attached files will arrive in a later bundle.").format(
            n=len(deferred_files - have_files)))
    update["acks"] = acks if acks.get("office_id") == v.sender_id else {}
    update["local_incarnation"] = local_inc
    return ImportPlan(v, outcomes, counts, new_conflicts, conflict_rows, fresh_in,
                      [p for p in photo_meta if p["sha256"] not in have_photos], acks, warnings, update,
                      sorted(deferred - have_photos), [p for p in file_meta if p["sha256"] not in have_files])


def _conflict_record(c: merge.ConflictInfo, local_id: str) -> dict[str, Any]:
    return {"id": c.id, "table_name": c.table, "record_id": c.record_id, "field": c.field, "kind": c.kind,
            "kept_value": c.kept_value, "other_value": c.other_value, "kept_dot": c.kept_dot,
            "other_dot": c.other_dot, "kept_version": c.kept_version, "other_version": c.other_version,
            "base_version": c.base_version, "detected_at": _now_text(), "detected_by": local_id,
            "status": "open", "resolved_at": None, "resolved_by": None, "resolution": None}


def _now_text() -> str:
    return utcnow().isoformat(sep=" ")


def _fmt_date(when: dt.datetime | None) -> str:
    from ocop_desktop.i18n import format_date

    return format_date(when.date()) if when else "?"


# -- 3. apply ----------------------------------------------------------------------------

_CONFLICT_COLS = ("id", "table_name", "record_id", "field", "kind", "kept_value", "other_value", "kept_dot",
                  "other_dot", "kept_version", "other_version", "base_version", "detected_at", "detected_by",
                  "status", "resolved_at", "resolved_by", "resolution")
_CONFLICT_JSON = {"kept_value", "other_value", "kept_dot", "other_dot", "resolution"}


def apply_import(db: Database, plan: ImportPlan) -> ImportReport:
    with no_gc():
        return _apply_import(db, plan)


def _apply_import(db: Database, plan: ImportPlan) -> ImportReport:
    from ocop_desktop.services.photos import store_picture
    from ocop_desktop.sync import receipt

    v = plan.verified
    m = v.manifest
    root = paths.photos_dir(db.path)
    photo_rows = []
    for p in plan.photos:  # files first: content-addressed, harmless if the transaction fails
        content = v.payload.photo(p["sha256"])
        name = str(p.get("original_name") or p["sha256"])[:255]
        try:
            sha, mime, w, h = store_picture(root, content, name)
        except OSError as exc:
            raise BadInput(_("The photos of the bundle cannot be stored ({reason}); nothing was imported.")
                           .format(reason=exc.strerror or exc),
                           hint=_("Free some space on this computer, then import the bundle again.")) from None
        except BadInput as exc:
            raise BundleError("bad_photo", _("A photo in the bundle is not a readable picture ({reason}); the "
                                             "bundle was refused.").format(reason=exc.message)) from None
        photo_rows.append((sha, mime, len(content), w, h, name, _now_text()))
    file_rows = _store_attachments(db, v, plan.attachments)
    now = _now_text()
    code = receipt.make_receipt(v.bundle_hash, plan.applied, len(plan.conflict_rows))
    result = {"totals": plan.totals, "counts": plan.counts, "conflicts": len(plan.conflict_rows),
              "warnings": plan.warnings, "receipt": code}
    try:
        with db.engine.begin() as con:
            con.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MB for this import: fewer spills
            log: list[tuple[Any, ...]] = []
            for t in records.TABLES:
                outs = plan.outcomes.get(t.name) or []
                inserts = [records.db_values(t, o.row) for o in outs if o.cls == merge.NEW]
                updates = [records.update_values(t, o.row) for o in outs if o.cls != merge.NEW]
                if inserts:
                    con.exec_driver_sql(records.insert_sql(t), inserts)
                if updates:
                    con.exec_driver_sql(records.update_sql(t), updates)
                for o in outs:
                    merged = o.cls in (merge.PARALLEL, merge.CONFLICT)
                    fields = t.content_json if o.cls == merge.NEW else json.dumps(o.merged_fields)
                    log.append((plan.verified.sender_id if not merged else db.office_id, t.name, o.row["id"],
                                o.row["version"], "merge" if merged else "import", fields, now))
            for c in plan.new_conflicts + [c for c in plan.incoming_conflicts]:
                vals = tuple(json.dumps(c.get(k), ensure_ascii=False) if k in _CONFLICT_JSON else c.get(k)
                             for k in _CONFLICT_COLS)
                con.exec_driver_sql(
                    f"INSERT INTO sync_conflict ({','.join(_CONFLICT_COLS)}) VALUES ({','.join('?' * len(vals))}) "
                    "ON CONFLICT(id) DO UPDATE SET status=excluded.status, resolved_at=excluded.resolved_at, "
                    "resolved_by=excluded.resolved_by, resolution=excluded.resolution "
                    "WHERE sync_conflict.status='open' AND excluded.status='resolved'", vals)
                log.append((db.office_id, "sync_conflict", c["id"], 0, "merge", "[]", now))
            if log:
                con.exec_driver_sql("INSERT INTO change_log (office_id, table_name, record_id, version, op, fields, "
                                    "recorded_at) VALUES (?,?,?,?,?,?,?)", log)
            if photo_rows:
                con.exec_driver_sql("INSERT OR IGNORE INTO photo (sha256, mime, size, width, height, original_name, "
                                    "added_at) VALUES (?,?,?,?,?,?,?)", photo_rows)
            if file_rows:
                con.exec_driver_sql("INSERT OR IGNORE INTO attachment (sha256, mime, size, original_name, added_at) "
                                    "VALUES (?,?,?,?,?)", file_rows)
            for replica, (office_id, inc) in _replicas(m):
                con.exec_driver_sql("INSERT OR IGNORE INTO sync_replica (replica, office_id, incarnation, first_seen) "
                                    "VALUES (?,?,?,?)", (replica, office_id, inc, now))
            profile_warning = _apply_sender_profile(con, v, db.office_id)
            _update_peer(con, plan, now)
            con.exec_driver_sql(
                "INSERT INTO sync_bundle (bundle_hash, bundle_id, direction, peer_office, number, kind, created_at, "
                "processed_at, seq_from, seq_to, counts, result, receipt, path) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (v.bundle_hash, m["bundle_id"], "in", v.sender_id, m["number"], m["kind"],
                 m["created_at"].replace("T", " "), now, m["seq"]["from"], m["seq"]["to"],
                 json.dumps(m["counts"]), json.dumps(result), code, str(v.path)))
            con.exec_driver_sql("PRAGMA cache_size = -2000")  # back to SQLite's default
    except sqlite3.OperationalError as exc:
        _raise_storage(db, exc)
    except (UnicodeEncodeError, OverflowError):  # text or numbers SQLite cannot store
        raise BundleError("bad_record", _("A record in the bundle holds a value that cannot be stored; nothing "
                                          "was imported.")) from None
    except Exception as exc:  # SQLAlchemy wraps the sqlite3 error
        orig = getattr(exc, "orig", None)
        if isinstance(orig, sqlite3.OperationalError):
            _raise_storage(db, orig)
        if isinstance(orig, sqlite3.IntegrityError):
            raise BundleError("integrity", _("The bundle's records do not fit together (a reference is missing); "
                                             "nothing was imported.")) from None
        raise
    report = _report(plan, code, dry_run=False)
    report.photos_added = len(photo_rows)
    report.attachments_added = len(file_rows)
    if profile_warning:
        report.warnings.append(profile_warning)
    report.report_path = _write_report(db, report)
    return report


def _store_attachments(db: Database, v: Verified, metas: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Check each carried file like one the officer attaches (not empty, size, kind by its
    first bytes; the content matches its hash) and store it; the rows to insert. Files first:
    content-addressed, harmless if the transaction fails."""
    from ocop_desktop.services.attachments import attachments_dir, check_bytes, store_file

    root = attachments_dir(db.path)
    rows = []
    for p in metas:
        content = v.payload.attachment(p["sha256"])
        name = str(p.get("original_name") or p["sha256"])[:255]
        try:
            checked = check_bytes(content, name)
            store_file(root, checked)
        except OSError as exc:
            raise BadInput(_("The attached files of the bundle cannot be stored ({reason}); nothing was imported.")
                           .format(reason=exc.strerror or exc),
                           hint=_("Free some space on this computer, then import the bundle again.")) from None
        except BadInput as exc:
            raise BundleError("bad_attachment", _("An attached file in the bundle was refused ({reason}); the "
                                                  "bundle was refused.").format(reason=exc.message)) from None
        rows.append((checked.sha256, checked.mime, checked.size, name, _now_text()))
    return rows


def _apply_sender_profile(con: Any, v: Verified, office_id: str | None) -> str | None:
    """Register the sender (first contact, fingerprint confirmed) or take its profile's
    changes (name, communes, endorsed keys), inside the import's transaction. Returns a
    warning when a refresh could not be applied (the import goes on)."""
    from sqlalchemy.orm import Session

    from ocop_desktop.sync import profiles

    if v.sender_profile is None:
        return None
    with Session(bind=con, join_transaction_mode="create_savepoint") as s:
        s.info["office_id"] = office_id
        try:
            profiles.import_profile(s, v.sender_profile, fingerprint=v.fingerprint)
            s.flush()
            s.commit()  # releases the savepoint; the import's transaction commits it all
        except BadInput:
            s.rollback()
            return _("The sender's office profile in this bundle was not applied (it needs a fingerprint check: "
                     "import its profile file).")
    return None


def _raise_storage(db: Database, exc: sqlite3.OperationalError) -> None:
    from ocop_desktop import faults

    text = str(exc).lower()
    if faults.is_disk_full(exc, db.path):
        raise faults.disk_full(db.path) from None
    if faults.is_corrupt(exc):
        raise faults.damaged(db.path, exc) from None
    if "locked" in text or "busy" in text:
        raise BadInput(_("The database is busy; nothing was imported. Try again in a moment.")) from None
    raise exc


def _replicas(m: dict[str, Any]) -> list[tuple[str, tuple[str, str]]]:
    out = []
    for replica, val in m["replicas"].items():
        if (isinstance(replica, str) and len(replica) == 12 and isinstance(val, list) and len(val) == 2
                and all(isinstance(x, str) for x in val)):
            out.append((replica, (val[0], val[1])))
    return out


def _update_peer(con: Any, plan: ImportPlan, now: str) -> None:
    v = plan.verified
    u = plan.peer_update
    con.exec_driver_sql("INSERT OR IGNORE INTO sync_peer (office_id, imported_upto, last_in_number, acked_upto, "
                        "missing_photos, last_out_number) VALUES (?, 0, 0, 0, '[]', 0)", (v.sender_id,))
    con.exec_driver_sql("UPDATE sync_peer SET their_incarnation=?, imported_upto=?, last_in_number=?, last_in_hash=?, "
                        "last_in_at=? WHERE office_id=?",
                        (u["their_incarnation"], u["imported_upto"], u["last_in_number"], u["last_in_hash"], now,
                         v.sender_id))
    acks = u.get("acks") or {}
    imported = acks.get("imported") if isinstance(acks.get("imported"), dict) else {}
    upto, inc = imported.get("upto"), imported.get("incarnation")
    if (imported.get("office_id") == db_office(con) and type(upto) is int and 0 <= upto < container.MAX_INT
            and (inc is None or isinstance(inc, str) and len(inc) <= 36)):
        photos = acks.get("missing_photos") if isinstance(acks.get("missing_photos"), list) else []
        missing = [h for h in photos if isinstance(h, str) and len(h) == 64 and h.isalnum() and h.isascii()][:5000]
        con.exec_driver_sql("UPDATE sync_peer SET acked_incarnation=?, acked_upto=?, acked_at=?, missing_photos=? "
                            "WHERE office_id=?", (inc, upto, now, json.dumps(missing), v.sender_id))


def db_office(con: Any) -> str | None:
    row = con.exec_driver_sql("SELECT id FROM office WHERE is_local=1").fetchone()
    return row[0] if row else None


def _report(plan: ImportPlan, code: str | None, *, dry_run: bool) -> ImportReport:
    v = plan.verified
    return ImportReport(v.bundle_hash, v.manifest["bundle_id"], v.manifest["number"], v.sender_id, v.sender_name,
                        dry_run, plan.counts, plan.totals, plan.conflict_rows, plan.warnings, code,
                        photos_deferred=len(plan.deferred_photos))


def _write_report(db: Database, report: ImportReport) -> Path | None:
    folder = paths.office_files_dir(db.path) / "sync" / "reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        name = f"import-{dt.datetime.now():%Y%m%d-%H%M%S}-{report.bundle_hash[:12]}.json"
        path = folder / name
        path.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        return path
    except OSError:
        return None  # the report is also in the database (sync_bundle.result)


# -- the whole flow ----------------------------------------------------------------------


def no_gc() -> contextlib.AbstractContextManager[None]:
    """Pause the cyclic garbage collector while ~100,000 rows are built (none of them form
    cycles; the collector would otherwise rescan them again and again: ~25 % of an import)."""
    from ocop_desktop.services.common import paused_gc

    return paused_gc()


def import_bundle(db: Database, path: Path, *, dry_run: bool = False, fingerprint: str | None = None,
                  accept_restored: bool = False) -> ImportReport:
    v = verify_bundle(db, path, fingerprint=fingerprint)
    try:
        try:
            plan = plan_import(db, v, accept_restored=accept_restored)
        except AlreadyImported as exc:
            rep = ImportReport(v.bundle_hash, v.manifest["bundle_id"], v.manifest["number"], v.sender_id,
                               v.sender_name, dry_run, {}, {c: 0 for c in merge.CLASSES}, [], [exc.message],
                               exc.receipt, already_imported=True)
            return rep
        if dry_run:
            return _report(plan, None, dry_run=True)
        return apply_import(db, plan)
    finally:
        v.close()


def receipt_for(db: Database, path: Path) -> tuple[str, dict[str, Any]] | None:
    """The receipt of a bundle imported here (by its file), with its recorded result."""
    from ocop_desktop.models import SyncBundle

    with container.BundleReader(Path(path)) as r:
        h = r.manifest.hash
    with db.read_session() as s:
        b = s.get(SyncBundle, h)
        if b is None or b.direction != "in":
            return None
        return b.receipt or "", dict(b.result)


__all__ = ["AlreadyImported", "ImportPlan", "ImportReport", "RestoredOffice", "UnknownSender", "apply_import",
           "crypto", "import_bundle", "plan_import", "receipt_for", "verify_bundle"]
