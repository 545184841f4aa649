"""Export a bundle for one office: everything it has not acknowledged, or a snapshot.

Cumulative until acknowledged (a lost stick costs nothing: the next bundle carries it all
again; the recipient's import is idempotent). The file is built on the local disk, then
written to the stick with :func:`usb.write_verified`, which re-reads it from the stick and
checks the signature and every member's hash before the app says it is safe to remove.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocop_desktop import __version__, paths
from ocop_desktop.db import HEAD_REVISION, Database
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.models.base import utcnow
from ocop_desktop.sync import container, crypto, records

DEFAULT_PHOTO_BUDGET = 1024 * 1024 * 1024  # bytes of photos per bundle; the rest waits
LOG_EXCLUDE_OPS = ("import",)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_hash: str
    number: int
    kind: str
    recipient_id: str
    recipient_name: str
    counts: dict[str, dict[str, int]]
    size: int
    photos_included: int
    photos_deferred: int
    seq_from: int
    seq_to: int
    conflicts: int
    cover_text: str = ""
    warnings: list[str] = field(default_factory=list)
    cover_html: str = ""

    @property
    def records(self) -> int:
        return sum(c["records"] for c in self.counts.values())


def choose_recipient(db: Database, recipient_id: str | None) -> str:
    """The recipient's office id: given, or the only sensible one (a field office's province)."""
    from sqlalchemy import select

    from ocop_desktop.models import Office, OfficeKey

    with db.read_session() as s:
        peers = s.execute(select(Office.id, Office.name, Office.role).where(Office.is_local.is_(False))
                          .where(Office.id.in_(select(OfficeKey.office_id)))).all()
        local_role = s.scalar(select(Office.role).where(Office.is_local.is_(True)))
    if local_role is None:
        raise BadInput(_("This database has no office yet: set it up first."))
    if recipient_id:
        for p in peers:
            if p.id == recipient_id or p.name == recipient_id:
                return p.id
        raise BadInput(_("No registered office “{office}”: import its office profile first.").format(office=recipient_id))
    if not peers:
        raise BadInput(_("No other office is registered yet."),
                       hint=_("Import the provincial office's profile file (Sync → Offices) before exporting."))
    provinces = [p for p in peers if p.role == "province"]
    if local_role == "field" and len(provinces) == 1:
        return provinces[0].id
    if len(peers) == 1:
        return peers[0].id
    raise BadInput(_("Choose the office the bundle is for (--for OFFICE)."))


def export_bundle(db: Database, target_dir: Path, recipient_id: str | None = None, *, snapshot: bool = False,
                  photo_budget: int = DEFAULT_PHOTO_BUDGET) -> ExportResult:
    from ocop_desktop.sync.importer import no_gc

    with no_gc():
        return _export_bundle(db, target_dir, recipient_id, snapshot=snapshot, photo_budget=photo_budget)


def _export_bundle(db: Database, target_dir: Path, recipient_id: str | None, *, snapshot: bool,
                   photo_budget: int) -> ExportResult:
    from ocop_desktop.sync import cover, profiles, usb

    target_dir = Path(target_dir)
    if not target_dir.is_dir():
        raise BadInput(_("The folder {path} does not exist (is the USB stick plugged in?).").format(path=target_dir))
    rid = choose_recipient(db, recipient_id)
    with db.session() as s:
        profiles.ensure_local_keys(s)
    with db.read_session() as s:
        plan = _gather(db, s, rid, snapshot=snapshot, photo_budget=photo_budget)
        sender_profile = profiles.profile_dict(s)
        key = _KeySnap.of(profiles.current_key(s, plan.local.id))
        rkey = _KeySnap.of(profiles.current_key(s, rid))
    if rkey is None:
        raise BadInput(_("No key is registered for {office}: import its office profile first.")
                       .format(office=plan.recipient.name))
    bundle_id = str(uuid.uuid4())
    created = utcnow().replace(microsecond=0)
    manifest: dict[str, Any] = {
        "format": container.FORMAT, "format_version": container.FORMAT_VERSION,
        "schema_version": HEAD_REVISION, "app_version": __version__,
        "bundle_id": bundle_id, "kind": "snapshot" if snapshot else "changes",
        "created_at": created.isoformat(),
        "sender": {"office_id": plan.local.id, "name": plan.local.name, "incarnation": plan.local.incarnation,
                   "replica": plan.replica, "key_id": key.key_id, "role": plan.local.role},
        "sender_profile": sender_profile,
        "recipient": {"office_id": rid, "name": plan.recipient.name, "key_id": rkey.key_id},
        "number": plan.number, "prev_bundle_hash": plan.prev_hash,
        "seq": {"from": plan.seq_from, "to": plan.seq_to},
        "origins": plan.origins, "counts": plan.counts,
        "conflicts": len(plan.conflicts),
        "photos": {"included": len(plan.photos), "deferred": plan.deferred},
        "replicas": plan.replicas,
        "rubrics": rubric_hashes(),
        "encryption": {"salt": "bundle_id"},
    }
    data = {t: container.encode_lines(rows) for t, rows in plan.rows.items() if rows}
    data["photo"] = container.encode_lines(plan.photo_meta)
    data["conflicts"] = container.encode_lines(plan.conflicts)
    data["acks"] = container.encode_lines([plan.acks])
    labels = {records.BY_NAME[t].label: c for t, c in plan.counts.items()}
    info = cover.CoverInfo(
        sender_name=plan.local.name, sender_id=plan.local.id,
        sender_fingerprint=crypto.fingerprint(key.sign_public, key.enc_public),
        recipient_name=plan.recipient.name, recipient_id=rid, number=plan.number, bundle_id=bundle_id,
        kind=manifest["kind"], created_at=created.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None),
        seq_from=plan.seq_from, seq_to=plan.seq_to,
        counts={_(k): {"changed": v["records"], "deleted": v["deleted"]} for k, v in labels.items()},
        photos_included=len(plan.photos), photos_deferred=len(plan.deferred), size_bytes=0, bundle_hash="",
        previous_hash=plan.prev_hash or "", app_version=__version__)
    sealer = crypto.Sealer(rkey.enc_public, bundle_id.encode())
    name = bundle_file_name(plan.local.name, plan.recipient.name, plan.number, created)
    work = paths.office_files_dir(db.path) / "sync" / "outbox"
    _clean_outbox(work)
    _clean_partials(target_dir, plan.local.name, plan.recipient.name)
    cover_html = cover.cover_html(info)
    try:
        work.mkdir(parents=True, exist_ok=True)
        tmp_dir = tempfile.TemporaryDirectory(dir=work)
    except OSError as exc:
        raise _local_write_error(exc, work) from None
    with tmp_dir as tmp:
        built = Path(tmp) / name
        try:
            bundle_hash = container.write_bundle(built, manifest, data, plan.photos, cover_html, sealer,
                                                 key.sign_private)
        except OSError as exc:  # built on this computer's disk first
            raise _local_write_error(exc, work, need=sum(len(p) for p in plan.photos.values())) from None
        size = built.stat().st_size

        def verify(written: Path) -> None:
            try:
                with container.BundleReader(written) as r:
                    if r.manifest.hash != bundle_hash:
                        raise container.BundleError("damaged", "")
                    r.check_signature(key.sign_public, plan.local.name)
                    r.check_members()
            except container.BundleError:
                # Written a moment ago and read back different: the stick is at fault (failing,
                # or smaller than it claims), not the bundle.
                raise BadInput(_("The copy on the USB stick differs from what was written: this stick is failing "
                                 "or holds less than it claims."),
                               hint=_("Use another USB stick and export again (nothing was recorded).")) from None

        def record(final: Path) -> Any:
            return _record_export(db, rid, plan, bundle_hash, bundle_id, created, final, size, manifest)

        final = usb.write_verified(target_dir, name, built, verify, record=record)
    return ExportResult(final, bundle_hash, plan.number, manifest["kind"], rid, plan.recipient.name, plan.counts,
                        size, len(plan.photos), len(plan.deferred), plan.seq_from, plan.seq_to,
                        len(plan.conflicts), cover.cover_text(info), plan.warnings, cover_html)


def rubric_hashes() -> dict[str, str]:
    """The scoring rubrics this app has, with the SHA-256 of each file: the recipient warns when
    the sender scored with a rubric it lacks or holds in another version."""
    import hashlib

    from ocop_desktop.scoring import rubric

    return {rid: hashlib.sha256((rubric.rubrics_dir() / f"{rid}.json").read_bytes()).hexdigest()
            for rid in rubric.available_rubrics()}


NAME_PART = 40  # characters of each office name in a bundle's file name


def name_part(office: str, limit: int = NAME_PART) -> str:
    """An office name for a file name: ASCII letters, digits and hyphens (valid on FAT32 and
    Windows), cut after the last whole word that fits in ``limit`` (a single longer word is cut)."""
    from ocop_desktop.text import fold

    words = [w for w in "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in fold(office)).split()]
    out = ""
    for w in words:
        joined = f"{out}-{w}" if out else w
        if len(joined) > limit:
            break
        out = joined
    return out or (words[0][:limit] if words else "office")


def bundle_file_name(sender: str, recipient: str, number: int, when: dt.datetime) -> str:
    return f"OCOP-{name_part(sender)}-to-{name_part(recipient)}-{number:04d}-{when:%Y%m%d}{container.SUFFIX}"


@dataclass(frozen=True)
class _KeySnap:
    key_id: str
    sign_public: bytes
    enc_public: bytes
    sign_private: bytes | None

    @classmethod
    def of(cls, k: Any) -> _KeySnap | None:
        return None if k is None else cls(k.key_id, k.sign_public, k.enc_public, k.sign_private)


@dataclass(frozen=True)
class _OfficeSnap:
    id: str
    name: str
    role: str
    incarnation: str
    commune_codes: tuple[int, ...]

    @classmethod
    def of(cls, o: Any) -> _OfficeSnap:
        return cls(o.id, o.name, o.role, o.incarnation, tuple(o.commune_codes))


@dataclass
class _Plan:
    local: Any
    recipient: Any
    replica: str
    number: int
    prev_hash: str | None
    seq_from: int
    seq_to: int
    rows: dict[str, list[dict[str, Any]]]
    counts: dict[str, dict[str, int]]
    origins: dict[str, int]
    conflicts: list[dict[str, Any]]
    photos: dict[str, bytes]
    photo_meta: list[dict[str, Any]]
    deferred: list[str]
    acks: dict[str, Any]
    replicas: dict[str, list[str]]
    warnings: list[str]


def _gather(db: Database, s: Any, rid: str, *, snapshot: bool, photo_budget: int) -> _Plan:
    from sqlalchemy import select

    from ocop_desktop.models import Office, Photo, SyncPeer, SyncReplica
    from ocop_desktop.services.photos import photo_path
    from ocop_desktop.sync import clock

    local = _OfficeSnap.of(s.scalar(select(Office).where(Office.is_local.is_(True))))
    recipient = _OfficeSnap.of(s.get(Office, rid))
    peer = s.get(SyncPeer, rid) or SyncPeer(office_id=rid, imported_upto=0, last_in_number=0, acked_upto=0,
                                             last_out_number=0, missing_photos=[])
    con = s.connection()
    seq_to = con.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change_log").scalar()
    acked = peer.acked_upto if peer.acked_incarnation == local.incarnation else 0
    seq_from = 0 if snapshot else min(acked, seq_to)
    wanted: dict[str, set[str]] | None = None
    if seq_from > 0:
        wanted = {t.name: set() for t in records.TABLES}
        wanted["sync_conflict"] = set()
        for table, rec in con.exec_driver_sql(
                "SELECT table_name, record_id FROM change_log WHERE seq > ? AND NOT (op = 'import' AND office_id = ?)",
                (seq_from, rid)):
            if table in wanted:
                wanted[table].add(rec)
    # Rows, parents first; then scope (province → field office) and parent closure.
    rows: dict[str, dict[str, dict[str, Any]]] = {}
    for t in records.TABLES:
        rows[t.name] = records.fetch_rows(con, t, None if wanted is None else wanted[t.name])
    scope: set[str] | None = None
    if local.role == "province" and recipient.role == "field":
        scope = _scope(con, rows, rid, set(recipient.commune_codes))
    _close_parents(con, rows)
    out_rows = {t: list(r.values()) for t, r in rows.items()}
    counts = {t: {"records": len(r), "deleted": sum(1 for x in r if x["deleted"])} for t, r in out_rows.items()}
    origins: dict[str, int] = {}
    for r in out_rows.values():
        for x in r:
            origins[x["origin_office"]] = origins.get(x["origin_office"], 0) + 1
    # Conflicts (a set that travels: same id everywhere).
    conflict_cols = [c[1] for c in con.exec_driver_sql("PRAGMA table_info(sync_conflict)")]
    q = "SELECT * FROM sync_conflict"
    conflicts = [dict(zip(conflict_cols, v, strict=True)) for v in con.exec_driver_sql(q)]
    if wanted is not None:
        conflicts = [c for c in conflicts if c["id"] in wanted["sync_conflict"]]
    conflicts = [_conflict_json(c) for c in conflicts if scope is None or c["record_id"] in scope]
    # Photos: those the exported products show, and those the recipient said it lacks.
    root = paths.photos_dir(db.path)
    want_photos: list[str] = []
    for x in out_rows.get("product", []):
        want_photos.extend(x["photos"] or [])
    want_photos.extend(peer.missing_photos or [])
    photos: dict[str, bytes] = {}
    meta: list[dict[str, Any]] = []
    deferred: list[str] = []
    used = 0
    shown = {h for x in out_rows.get("product", []) for h in (x["photos"] or [])}
    for sha in dict.fromkeys(want_photos):
        ph = s.get(Photo, sha)
        f = photo_path(root, sha, ph.mime) if ph else None
        if ph is None or not f.exists():
            if sha in shown:  # not here either (deferred to us): the recipient waits for it too
                deferred.append(sha)
            continue
        if used + ph.size > photo_budget:
            deferred.append(sha)
            continue
        photos[sha] = f.read_bytes()
        used += ph.size
        meta.append({"sha256": sha, "mime": ph.mime, "size": ph.size, "width": ph.width, "height": ph.height,
                     "original_name": ph.original_name})
    referenced = {h for x in out_rows.get("product", []) for h in (x["photos"] or [])}
    have = {sha for sha, in con.exec_driver_sql("SELECT sha256 FROM photo")}
    missing_here = sorted(h for h in referenced | set(_all_referenced(con)) if h not in have)
    acks = {"office_id": local.id, "incarnation": local.incarnation,
            "imported": {"office_id": rid, "incarnation": peer.their_incarnation, "upto": peer.imported_upto},
            "missing_photos": missing_here[:5000]}
    replicas = {r.replica: [r.office_id, r.incarnation] for r in s.scalars(select(SyncReplica))}
    replica = clock.replica_of(local.incarnation)
    replicas.setdefault(replica, [local.id, local.incarnation])
    return _Plan(local, recipient, replica, peer.last_out_number + 1, peer.last_out_hash, seq_from, seq_to,
                 out_rows, counts, origins, conflicts, photos, meta, deferred, acks, replicas, [])


def _all_referenced(con: Any) -> list[str]:
    import json

    out: list[str] = []
    for (raw,) in con.exec_driver_sql("SELECT photos FROM product WHERE photos != '[]'"):
        out.extend(json.loads(raw) if isinstance(raw, str) else raw)
    return out


def _conflict_json(c: dict[str, Any]) -> dict[str, Any]:
    import json

    out = dict(c)
    for k in ("kept_value", "other_value", "kept_dot", "other_dot", "resolution"):
        if isinstance(out.get(k), str):
            out[k] = json.loads(out[k])
    return out


def scope_sql(communes: set[int] | tuple[int, ...]) -> dict[str, str]:
    """Per synced table, SQL selecting the ids in a field office's scope: records of its
    communes, records it created (``?`` = its office id, as many as the query has), and the
    evaluations, sheets, commune reports and certificates of those products, the decisions those
    certificates cite (recognition and revocation) or that it recorded, the product ideas of its
    communes or its producers, and the trade events and points of sale of its producers, products
    and communes; every plan, target and manual indicator, and the manual values of its communes."""
    cs = ",".join(str(int(c)) for c in communes) or "-1"
    producers = f"SELECT id FROM producer WHERE commune_code IN ({cs}) OR origin_office = ?"
    products = (f"SELECT id FROM product WHERE commune_code IN ({cs}) OR origin_office = ? "
                f"OR producer_id IN ({producers})")
    evaluations = f"SELECT id FROM evaluation WHERE product_id IN ({products})"
    return {
        "producer": producers, "product": products, "evaluation": evaluations,
        "evaluation_sheet": f"SELECT id FROM evaluation_sheet WHERE evaluation_id IN ({evaluations})",
        "commune_assessment": f"SELECT id FROM commune_assessment WHERE product_id IN ({products})",
        "decision": (f"SELECT id FROM decision WHERE origin_office = ? OR id IN (SELECT decision_id FROM "
                     f"certificate WHERE product_id IN ({products})) OR id IN (SELECT revoked_by_decision_id "
                     f"FROM certificate WHERE product_id IN ({products}))"),
        "certificate": f"SELECT id FROM certificate WHERE product_id IN ({products})",
        "product_idea": (f"SELECT id FROM product_idea WHERE commune_code IN ({cs}) OR origin_office = ? "
                         f"OR producer_id IN ({producers})"),
        # Trade promotion: the events its producers took part in (a booth's producer_id in the
        # JSON list) and the points of sale of its communes or carrying its products.
        "trade_event": (f"SELECT id FROM trade_event WHERE origin_office = ? OR id IN (SELECT e.id FROM trade_event e, "
                        f"json_each(e.participants) j WHERE json_extract(j.value, '$.producer_id') IN ({producers}))"),
        "sale_point": (f"SELECT id FROM sale_point WHERE commune_code IN ({cs}) OR origin_office = ? OR id IN "
                       f"(SELECT s.id FROM sale_point s, json_each(s.product_ids) j WHERE j.value IN ({products}))"),
        "training_class": f"SELECT id FROM training_class WHERE commune_code IN ({cs}) OR origin_office = ?",
        "support": f"SELECT id FROM support WHERE producer_id IN ({producers}) OR origin_office = ?",
        # Plans and manual indicators are the province's documents: every office holds them all;
        # manual values go where their commune is (whole-area values everywhere).
        "programme_plan": "SELECT id FROM programme_plan",
        "plan_target": "SELECT id FROM plan_target",
        "manual_indicator": "SELECT id FROM manual_indicator",
        "manual_value": (f"SELECT id FROM manual_value WHERE commune_code IS NULL OR commune_code IN ({cs}) "
                         f"OR origin_office = ?"),
    }


def _scope(con: Any, rows: dict[str, dict[str, dict[str, Any]]], rid: str, communes: set[int]) -> set[str]:
    """Keep the records of the recipient field office's scope; returns every id in it."""
    everything: set[str] = set()
    for t in records.TABLES:
        q = scope_sql(communes)[t.name]
        ids = {i for (i,) in con.exec_driver_sql(q, (rid,) * q.count("?"))}
        rows[t.name] = {i: r for i, r in rows[t.name].items() if i in ids}
        everything |= ids
    return everything


def _close_parents(con: Any, rows: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Add the parent rows (and other referenced rows, ``SyncTable.also_refers``) of exported
    children so the recipient can always store them. Children come after what they refer to
    in ``TABLES``, so one pass from the end reaches the grandparents too."""
    for t in reversed(records.TABLES):
        for fk, parent in t.references:
            need = {r[fk] for r in rows[t.name].values() if r[fk] is not None} - set(rows[parent])
            if need:
                rows[parent].update(records.fetch_rows(con, records.BY_NAME[parent], need))


def _clean_outbox(work: Path) -> None:
    """Remove the work folders of exports that were killed (the database lock is held, so
    no other export of this office is running)."""
    import shutil

    if work.is_dir():
        for entry in work.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _clean_partials(target_dir: Path, sender: str, recipient: str) -> None:
    """Remove this office's unfinished bundles for this recipient from the stick (hidden
    ``.partial`` files of an export killed or unplugged before the file got its name)."""
    prefix = f".OCOP-{name_part(sender)}-to-{name_part(recipient)}-"  # see usb.partial_name
    try:
        for f in target_dir.iterdir():
            if f.name.startswith(prefix) and f.name.endswith(f"{container.SUFFIX}.partial"):
                f.unlink(missing_ok=True)
    except OSError:
        pass  # the write that follows reports what is wrong with the stick


def _local_write_error(exc: OSError, work: Path, need: int = 0) -> Exception:
    from ocop_desktop import faults

    if faults.is_disk_full(exc):
        _clean_outbox(work)
        return faults.disk_full(work, need)
    return exc


def _record_export(db: Database, rid: str, plan: _Plan, bundle_hash: str, bundle_id: str, created: dt.datetime,
                   final: Path, size: int, manifest: dict[str, Any]) -> Any:
    """Write the export in the database (before the file gets its name on the stick);
    returns the undo for a rename that fails."""
    from ocop_desktop.models import SyncBundle, SyncPeer

    with db.session() as s:
        peer = s.get(SyncPeer, rid)
        if peer is None:
            peer = SyncPeer(office_id=rid)
            s.add(peer)
        before = (peer.last_out_number, peer.last_out_hash, peer.last_out_at)
        peer.last_out_number = plan.number
        peer.last_out_hash = bundle_hash
        peer.last_out_at = utcnow()
        s.add(SyncBundle(bundle_hash=bundle_hash, bundle_id=bundle_id, direction="out", peer_office=rid,
                         number=plan.number, kind=manifest["kind"], created_at=created, seq_from=plan.seq_from,
                         seq_to=plan.seq_to, counts=plan.counts,
                         result={"size": size, "photos_included": len(plan.photos), "photos_deferred": plan.deferred,
                                 "conflicts": len(plan.conflicts)},
                         path=str(final)))

    def undo() -> None:
        with db.session() as s:
            peer = s.get(SyncPeer, rid)
            peer.last_out_number, peer.last_out_hash, peer.last_out_at = before
            bundle = s.get(SyncBundle, bundle_hash)
            if bundle is not None:
                s.delete(bundle)

    return undo
