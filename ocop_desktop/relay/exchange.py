"""Sync through the relay: the same bundles as on a USB stick.

- :func:`push` exports a bundle for each office that needs one (changes made since the
  last bundle to it, or acknowledgements it has not had) into this office's relay
  outbox, then uploads every bundle queued there (resumable; a bundle leaves the queue
  only when the relay confirmed it whole).
- :func:`pull` fetches what waits in this office's mailbox into the relay inbox
  (resumable, SHA-256 checked), then imports each bundle the way a USB import does: verify
  → plan → apply. A bundle is applied without a question only when the office chose
  automatic import and the plan has no conflicts; the others wait in the inbox for the
  officer (the Sync page opens the same preview as for a USB stick). The relay drops a
  bundle only after it was imported here (``ack``, with the receipt code, which the
  sender then confirms by itself: :func:`confirm_receipts`).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocop_desktop.errors import BadInput, KnownError
from ocop_desktop.i18n import _
from ocop_desktop.relay import config as relay_config
from ocop_desktop.relay.client import Identity, RelayClient, RelayError, Retry

#: (phase, bytes done, bytes total, text) for the progress bar.
Progress = Callable[[str, int, int, str], None]


@dataclass
class Outcome:
    sent: list[str] = field(default_factory=list)  # file names uploaded
    already: int = 0  # the relay had them (sent before)
    exported: int = 0
    received: list[str] = field(default_factory=list)  # imported here
    waiting: list[Path] = field(default_factory=list)  # downloaded, waiting for the officer
    problems: list[str] = field(default_factory=list)
    receipts_confirmed: int = 0
    bytes_up: int = 0
    bytes_down: int = 0

    def to_json(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["waiting"] = [str(p) for p in self.waiting]
        return d


def client_for(db: Any, *, url: str | None = None, cancel: threading.Event | None = None,
               retry: Retry | None = None, chunk: int | None = None, max_chunk: int | None = None) -> RelayClient:
    """A client with this office's identity and relay settings (``url`` overrides them)."""
    from sqlalchemy import select

    from ocop_desktop.models import Office
    from ocop_desktop.sync import profiles

    with db.session() as s:
        cfg = relay_config.load(s)
        local = s.scalar(select(Office).where(Office.is_local.is_(True)))
        if local is None:
            raise BadInput(_("This database has no office yet: set it up first."))
        key = profiles.ensure_local_keys(s)
        ident = Identity(local.id, key.key_id, key.sign_private)
    target = url or cfg.url
    if not target:
        raise BadInput(_("No relay is set up for this office."),
                       hint=_("Enter the relay address in Sync → Relay settings, or import the provincial office's "
                              "profile (it carries the address)."))
    insecure = cfg.insecure_http
    kw: dict[str, Any] = {}
    if chunk:
        kw["chunk"] = chunk
    if max_chunk:
        kw["max_chunk"] = max_chunk
    return RelayClient(target, ident, pin=cfg.pin if target == cfg.url or not url else "",
                       insecure_http=insecure, retry=retry, cancel=cancel, **kw)


def _note(db: Any, **changes: Any) -> None:
    try:
        relay_config.update(db, **changes)
    except KnownError:
        pass  # the state line is a hint; the transfer's own result is what counts


def _recipients(db: Any) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from ocop_desktop.models import Office, OfficeKey

    with db.read_session() as s:
        role = s.scalar(select(Office.role).where(Office.is_local.is_(True)))
        q = (select(Office.id, Office.name, Office.role).where(Office.is_local.is_(False))
             .where(Office.id.in_(select(OfficeKey.office_id))).order_by(Office.name))
        peers = s.execute(q).all()
    if role == "field":
        return [(p.id, p.name) for p in peers if p.role == "province"]
    return [(p.id, p.name) for p in peers if p.role == "field"]


def needs_bundle(db: Any, office_id: str) -> bool:
    """Changes here (in the office's scope) after the last bundle to it, or imports from it
    that our bundles have not acknowledged yet."""
    from sqlalchemy import func, select

    from ocop_desktop.models import Office, SyncBundle, SyncPeer
    from ocop_desktop.sync import overview

    with db.read_session() as s:
        local = s.scalar(select(Office).where(Office.is_local.is_(True)))
        other = s.get(Office, office_id)
        peer = s.get(SyncPeer, office_id)
        cfg = relay_config.load(s)
        last_to = s.scalar(select(func.max(SyncBundle.seq_to)).where(SyncBundle.direction == "out")
                           .where(SyncBundle.peer_office == office_id)) or 0
        communes = (tuple(other.commune_codes) if local.role == "province" and other.role == "field" else None)
        changed = overview._pending(s.connection(), last_to, office_id, communes)  # noqa: SLF001
        if peer is None:
            return changed > 0
        sent = cfg.acks_sent.get(office_id)
        acked = sent[1] if sent and sent[0] == peer.their_incarnation else 0
        return changed > 0 or peer.imported_upto > acked


def export_queued(db: Any, outbox: Path) -> int:
    """Export a bundle into the outbox for each office that needs one; returns how many."""
    from ocop_desktop.models import SyncPeer
    from ocop_desktop.sync import exporter

    n = 0
    for rid, _name in _recipients(db):
        folder = outbox / rid
        if any(folder.glob("*.ocopbundle")):
            continue  # one already waits to go: it carries everything up to its export
        if not needs_bundle(db, rid):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        with db.read_session() as s:
            peer = s.get(SyncPeer, rid)
            ack = [peer.their_incarnation, peer.imported_upto] if peer else [None, 0]
        exporter.export_bundle(db, folder, rid, photo_budget=64 * 1024 * 1024)
        with db.session() as s:
            cfg = relay_config.load(s)
            cfg.acks_sent = dict(cfg.acks_sent, **{rid: ack})
            relay_config.save(s, cfg)
        n += 1
    return n


def queued(outbox: Path) -> list[tuple[str, Path]]:
    if not outbox.is_dir():
        return []
    return [(f.parent.name, f) for f in sorted(outbox.glob("*/*.ocopbundle"))]


def push(db: Any, client: RelayClient, progress: Progress | None = None, *, export: bool = True) -> Outcome:
    outbox, _inbox = relay_config.folders(db.path)
    out = Outcome()
    client.call(client.health)
    if export:
        out.exported = export_queued(db, outbox)
    for rid, f in queued(outbox):
        started = time.monotonic()

        def prog(done: int, total: int, name: str = f.name, t0: float = started) -> None:
            if progress:
                from ocop_desktop.relay.client import speed_text

                progress("up", done, total, _("Sending {name}: {speed}").format(
                    name=name, speed=speed_text(done, total, time.monotonic() - t0)))

        try:
            res = client.upload(f, rid, prog)
        except RelayError as exc:
            if exc.code in ("forbidden_recipient", "unknown_recipient"):
                out.problems.append(f"{f.name}: {exc.message}")
                continue
            raise
        if res == "already":
            out.already += 1
        else:
            out.sent.append(f.name)
        f.unlink(missing_ok=True)
    out.bytes_up = client.stats.bytes_up
    confirm_receipts(db, client, out)
    _note(db, last_contact_at=time.time(), last_error="", queued_out=len(queued(outbox)))
    return out


def confirm_receipts(db: Any, client: RelayClient, out: Outcome) -> None:
    """Receipt codes the recipients sent back with their acknowledgement: confirm the
    matching exported bundles here, as if the code had been read over the phone."""
    from ocop_desktop.models import SyncBundle
    from ocop_desktop.sync import overview

    codes = [b["receipt"] for b in client.sent() if b.get("receipt")]
    if not codes:
        return
    with db.session() as s:
        confirmed = {b.receipt for b in s.query(SyncBundle).filter(SyncBundle.direction == "out",
                                                                   SyncBundle.receipt_confirmed_at.isnot(None))}
        for code in codes:
            if code in confirmed:
                continue
            if overview.confirm_receipt(s, code) is not None:
                out.receipts_confirmed += 1


def _bundle_order(f: Path) -> tuple[str, int]:
    from ocop_desktop.sync import container

    try:
        with container.BundleReader(f) as r:
            return r.manifest["sender"]["office_id"], int(r.manifest["number"])
    except KnownError:
        return "", 0


def pull(db: Any, client: RelayClient, progress: Progress | None = None, *, apply: bool | None = None) -> Outcome:
    """Fetch and import. ``apply``: import bundles without conflicts without asking
    (default: the office's choice in the relay settings)."""
    _outbox, inbox = relay_config.folders(db.path)
    out = Outcome()
    cfg = relay_config.get(db)
    auto = cfg.auto_apply if apply is None else apply
    client.call(client.health)
    waiting = client.waiting()
    inbox.mkdir(parents=True, exist_ok=True)
    for item in waiting:
        sha, size = item["sha256"], int(item["size"])
        dest = inbox / f"{sha}.ocopbundle"
        if dest.exists():
            continue
        started = time.monotonic()

        def prog(done: int, total: int, who: str = item.get("sender_name", ""), t0: float = started) -> None:
            if progress:
                from ocop_desktop.relay.client import speed_text

                progress("down", done, total, _("Receiving from {office}: {speed}").format(
                    office=who, speed=speed_text(done, total, time.monotonic() - t0)))

        client.download(sha, size, dest, prog)
    out.bytes_down = client.stats.bytes_down
    on_relay = {b["sha256"] for b in waiting}
    for f in sorted(inbox.glob("*.ocopbundle"), key=_bundle_order):
        process_inbox_file(db, client, f, auto, out, on_relay=on_relay)
    _note(db, last_contact_at=time.time(), last_error="", waiting_in=0)  # all fetched
    return out


def process_inbox_file(db: Any, client: RelayClient | None, f: Path, auto: bool, out: Outcome, *,
                       on_relay: set[str] | None = None) -> None:
    """Import one downloaded bundle when allowed; ack it on the relay once imported."""
    from ocop_desktop.sync import importer

    sha = f.name.split(".", 1)[0]
    try:
        v = importer.verify_bundle(db, f)
    except KnownError as exc:
        out.problems.append(f"{f.name}: {exc.message}")
        out.waiting.append(f)
        return
    try:
        try:
            plan = importer.plan_import(db, v)
        except importer.AlreadyImported as exc:
            done(db, client, f, sha, exc.receipt, on_relay)
            return
        except KnownError as exc:
            out.problems.append(f"{v.sender_name}: {exc.message}")
            out.waiting.append(f)
            return
        if not auto or plan.totals.get("conflict", 0) or plan.new_conflicts:
            out.waiting.append(f)
            return
        report = importer.apply_import(db, plan)
    finally:
        v.close()
    out.received.append(f"{report.sender_name} No. {report.number}")
    done(db, client, f, sha, report.receipt, on_relay)


def done(db: Any, client: RelayClient | None, f: Path, sha: str, receipt: str | None,  # noqa: ARG001
         on_relay: set[str] | None = None) -> None:
    """An imported bundle: tell the relay (it drops the file), then forget the local copy.
    Without a connection now, the file stays and the next pull acks it."""
    if client is not None and (on_relay is None or sha in on_relay):
        try:
            client.ack(sha, receipt)
        except RelayError as exc:
            if exc.code != "no_bundle":  # gone from the relay already (acked before, or expired)
                raise
    f.unlink(missing_ok=True)


def status(db: Any, client: RelayClient | None) -> dict[str, Any]:
    """What the Sync page and ``sync status`` show; contacts the relay when a client is given."""
    outbox, inbox = relay_config.folders(db.path)
    cfg = relay_config.get(db)
    info: dict[str, Any] = {"url": cfg.url, "configured": cfg.configured, "pinned": bool(cfg.pin),
                            "insecure_http": cfg.insecure_http, "auto_minutes": cfg.auto_minutes,
                            "auto_apply": cfg.auto_apply, "queued_out": len(queued(outbox)),
                            "waiting_here": len(list(inbox.glob("*.ocopbundle"))) if inbox.is_dir() else 0,
                            "last_contact_at": cfg.last_contact_at, "last_error": cfg.last_error,
                            "reachable": (not cfg.last_error) if cfg.last_contact_at else None,
                            "waiting_on_relay": cfg.waiting_in}
    if client is None:
        return info
    try:
        client.health()
        here = {f.name.split(".", 1)[0] for f in inbox.glob("*.ocopbundle*")} if inbox.is_dir() else set()
        info["waiting_on_relay"] = sum(1 for b in client.waiting() if b["sha256"] not in here)
        info["reachable"] = True
        info["last_contact_at"] = time.time()
        _note(db, last_contact_at=info["last_contact_at"], last_error="", waiting_in=info["waiting_on_relay"])
    except RelayError as exc:
        info["reachable"] = False
        info["error"] = exc.message
        info["error_code"] = exc.code
        _note(db, last_error=exc.message)
    return info


def note_error(db: Any, exc: KnownError) -> None:
    _note(db, last_error=exc.message)


def settle(db: Any, client: RelayClient | None) -> int:
    """Bundles of the inbox imported meanwhile (through the preview): ack them on the relay
    and forget the local copies. Returns how many are still waiting for the officer."""
    from ocop_desktop.sync import importer

    _outbox, inbox = relay_config.folders(db.path)
    if not inbox.is_dir():
        return 0
    left = 0
    for f in sorted(inbox.glob("*.ocopbundle")):
        try:
            got = importer.receipt_for(db, f)
        except KnownError:
            got = None
        if got is None:
            left += 1
            continue
        done(db, client, f, f.name.split(".", 1)[0], got[0] or None)
    return left


def send_and_receive(db: Any, client: RelayClient, progress: Progress | None = None) -> Outcome:
    """What the "Gửi và nhận qua mạng" button does: settle the inbox, push, pull."""
    settle(db, client)
    out = push(db, client, progress)
    got = pull(db, client, progress)
    out.received, out.waiting, out.problems = got.received, got.waiting, out.problems + got.problems
    out.bytes_down = got.bytes_down
    return out


def waiting_files(db: Any) -> list[Path]:
    _outbox, inbox = relay_config.folders(db.path)
    return sorted(inbox.glob("*.ocopbundle"), key=_bundle_order) if inbox.is_dir() else []
