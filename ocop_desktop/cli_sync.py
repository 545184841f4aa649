"""CLI for sync bundles: ``bundle export|verify|import|receipt`` (see ``cli.py`` for the
conventions: every command takes ``--db PATH``; exit 0 ok, 2 refused input with the reason
on stderr, 1 other failure)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from ocop_desktop.cli_common import EXIT_BAD_INPUT, EXIT_FAIL, EXIT_OK  # noqa: F401
from ocop_desktop.cli_common import err as _err  # noqa: F401
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.errors import BadInput, KnownError
from ocop_desktop.i18n import _


def add_parsers(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("bundle", help=_("sync bundles carried between offices on a USB stick"))
    bs = b.add_subparsers(dest="action", required=True, metavar="ACTION")
    be = bs.add_parser("export", help=_("write a bundle for another office (prints the file's path)"))
    be.add_argument("--to", required=True, metavar="DIR", help=_("folder to write to, e.g. the USB stick"))
    be.add_argument("--for", dest="recipient", default=None, metavar="OFFICE",
                    help=_("recipient office id or name (default: the province, for a field office)"))
    be.add_argument("--snapshot", action="store_true", help=_("everything, not only what is not yet acknowledged"))
    be.add_argument("--photo-budget", type=int, default=1024, metavar="MB",
                    help=_("photos per bundle in MB; the rest waits for the next bundle (default 1024)"))
    be.add_argument("--json", action="store_true")
    bv = bs.add_parser("verify", help=_("check a bundle's signature, checksums and content without importing it"))
    bv.add_argument("file", metavar="FILE")
    bv.add_argument("--json", action="store_true")
    bi = bs.add_parser("import", help=_("import bundles (files or folders of .ocopbundle files)"))
    bi.add_argument("files", nargs="+", metavar="FILE")
    bi.add_argument("--dry-run", action="store_true", help=_("show what would change; change nothing"))
    bi.add_argument("--json", action="store_true", help=_("print the summary (counts per class) as JSON"))
    bi.add_argument("--fingerprint", default=None, metavar="FP",
                    help=_("accept a new sender whose key fingerprint you compared over the phone"))
    bi.add_argument("--accept-restored", action="store_true",
                    help=_("import from an office restored from a backup (after checking with it)"))
    br = bs.add_parser("receipt", help=_("show the receipt code of an imported bundle, or check one read to you"))
    br.add_argument("file", metavar="FILE")
    br.add_argument("--code", default=None, metavar="CODE",
                    help=_("the code the receiving office read to you (on the sending office)"))





def cmd_export(args: argparse.Namespace) -> int:
    from ocop_desktop.sync import exporter, usb

    if args.photo_budget < 0:
        raise BadInput(_("--photo-budget must be 0 or more."))
    with _open(args) as db:
        res = exporter.export_bundle(db, Path(args.to).expanduser(), args.recipient, snapshot=args.snapshot,
                                     photo_budget=args.photo_budget * 1024 * 1024)
    if args.json:
        print(json.dumps({"path": str(res.path), "bundle": res.bundle_hash, "number": res.number,
                          "kind": res.kind, "recipient": {"office_id": res.recipient_id, "name": res.recipient_name},
                          "counts": res.counts, "size": res.size, "photos": {"included": res.photos_included,
                                                                             "deferred": res.photos_deferred},
                          "conflicts": res.conflicts}, ensure_ascii=False))
    else:
        print(res.path)
        _err(_("Bundle No. {n} for {office}: {records} records, {size}; written and verified on the stick — it is "
               "safe to remove it.").format(n=res.number, office=res.recipient_name, records=res.records,
                                            size=usb.format_size(res.size)))
        if res.photos_deferred:
            _err(_("{n} photos did not fit and will go in the next bundle.").format(n=res.photos_deferred))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ocop_desktop.models import Office
    from ocop_desktop.sync import container, importer, profiles, records

    path = Path(args.file)
    with _open(args) as db:
        with container.BundleReader(path) as r:
            m = r.manifest.doc
            with db.read_session() as s:
                local = s.scalar(select(Office).where(Office.is_local.is_(True)))
                own = local is not None and m["sender"]["office_id"] == local.id
                key = profiles.find_key(s, m["sender"]["office_id"], m["sender"]["key_id"]) if own else None
                own_pub = key.sign_public if key is not None else None
        importer.refuse_self_addressed(m)  # the import refuses it: so does verify
        if own:
            # Our own bundle (on the sending office): signature and checksums; we cannot decrypt it.
            with container.BundleReader(path) as r:
                if own_pub is None:
                    raise container.BundleError("bad_signature", _("This bundle names a key this office never had."))
                r.check_signature(own_pub, m["sender"]["name"])
                r.check_members()
            counts = {t.name: m["counts"][t.name] for t in records.TABLES if t.name in m["counts"]}
        else:
            v = importer.verify_bundle(db, path)
            try:
                counts = {}
                for t in records.TABLES:
                    try:
                        rows = records.decode_rows(t, v.payload.raw(t.name))
                    except records.RowError as exc:
                        raise container.BundleError("bad_record", _("A record in the bundle is malformed ({kind}: "
                                                                    "{problem}).").format(kind=_(t.label),
                                                                                          problem=exc)) from None
                    counts[t.name] = {"records": len(rows), "deleted": sum(1 for x in rows if x["deleted"])}
                for sha in v.payload.photo_names():
                    v.payload.photo(sha)
                for name in ("photo", "conflicts", "acks"):
                    v.payload.lines(name)
            finally:
                v.close()
    info = {"ok": True, "file": str(path), "bundle": r.manifest.hash, "number": m["number"], "kind": m["kind"],
            "sender": m["sender"]["name"], "recipient": m["recipient"].get("name", ""), "created_at": m["created_at"],
            "counts": counts, "photos": len([x for x in m["members"] if x["name"].startswith("photos/")]),
            "own_bundle": own, "trailing_bytes": r.trailing_bytes}
    from ocop_desktop.sync.checks import trailing_warning

    for w in trailing_warning(r):  # still valid: the bytes are outside everything signed
        _err("⚠ " + w)
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        print(_("Valid bundle No. {n} from {sender} for {recipient}, signed and complete.").format(
            n=m["number"], sender=info["sender"], recipient=info["recipient"]))
        print(_("Bundle hash: {h}").format(h=info["bundle"]))
        for t, c in counts.items():
            print(f"  {_(records.BY_NAME[t].label) if t in records.BY_NAME else t}: {c['records']}")
    return EXIT_OK


def _bundle_files(items: list[str]) -> tuple[list[Path], set[Path]]:
    """The files named, folders expanded to their bundles; and the files found in a folder."""
    from ocop_desktop.sync import container

    out: list[Path] = []
    in_folder: set[Path] = set()
    for item in items:
        p = Path(item).expanduser()
        if p.is_dir():
            found = sorted(p.glob(f"*{container.SUFFIX}"))
            out.extend(found)
            in_folder.update(found)
        else:
            out.append(p)
    return out, in_folder


def cmd_import(args: argparse.Namespace) -> int:
    from ocop_desktop.sync import importer

    files, in_folder = _bundle_files(args.files)
    if not files:
        raise BadInput(_("No bundle files (.ocopbundle) were found in {where}.").format(where=", ".join(args.files)))
    results = []
    worst = EXIT_OK
    with _open(args) as db:
        for f in files:
            try:
                rep = importer.import_bundle(db, f, dry_run=args.dry_run, fingerprint=args.fingerprint,
                                             accept_restored=args.accept_restored)
            except importer.UnknownSender as exc:
                worst = EXIT_BAD_INPUT
                results.append({"file": str(f), "ok": False, "code": exc.code, "error": exc.message,
                                "fingerprint": exc.fingerprint, "office": exc.office_name})
                _err(f"{f}: {exc.full_message()}")
                _err(_("After comparing it over the phone, run the command again with --fingerprint {fp}.")
                     .format(fp=exc.fingerprint))
                continue
            except KnownError as exc:
                if getattr(exc, "code", None) == "own_bundle" and f in in_folder:
                    # An outgoing bundle of this office waiting in the folder: not an error.
                    results.append({"file": str(f), "ok": True, "skipped": "own_bundle"})
                    if not args.json:
                        print(_("{file}: exported by this office itself (for another office); left as it is.")
                              .format(file=f.name))
                    continue
                worst = max(worst, exc.exit_code)
                results.append({"file": str(f), "ok": False, "code": getattr(exc, "code", "refused"),
                                "error": exc.message})
                _err(f"{f}: {exc.full_message()}")
                continue
            results.append({"file": str(f), "ok": True, **rep.to_json()})
            if not args.json:
                _print_report(f, rep)
    if args.json:
        print(json.dumps(results if len(results) > 1 else results[0], ensure_ascii=False, default=str))
    return worst


def _print_report(f: Path, rep) -> None:  # noqa: ANN001 - importer.ImportReport
    from ocop_desktop.sync import merge, records

    labels = {"new": _("new"), "identical": _("identical"), "outdated": _("older than ours"),
              "stale_delete": _("stale delete"), "fast_forward": _("updated"), "parallel": _("merged"),
              "conflict": _("conflict")}
    head = _("{file}: bundle No. {n} from {office}").format(file=f.name, n=rep.number, office=rep.sender_name)
    if rep.already_imported:
        print(head)
        for w in rep.warnings:
            print("  " + w)
        if rep.receipt:
            print("  " + _("Receipt code: {code}").format(code=rep.receipt))
        return
    print(head + (" — " + _("dry run: nothing was changed") if rep.dry_run else ""))
    for t in records.TABLES:
        c = rep.counts.get(t.name, {})
        parts = [f"{labels[k]} {c[k]}" for k in merge.CLASSES if c.get(k)]
        if parts:
            print(f"  {_(t.label)}: " + ", ".join(parts))
    for c in rep.conflicts:
        print("  " + _("Conflict: {record} — {field}: kept “{kept}”, other “{other}”").format(
            record=c.record_label, field=c.field, kept=c.kept_value, other=c.other_value))
    for w in rep.warnings:
        print("  " + w)
    if rep.receipt:
        print("  " + _("Receipt code (read it to the sending office): {code}").format(code=rep.receipt))


def cmd_receipt(args: argparse.Namespace) -> int:
    from ocop_desktop.models import SyncBundle
    from ocop_desktop.sync import container, receipt

    with container.BundleReader(Path(args.file)) as r:
        h = r.manifest.hash
        number = r.manifest["number"]
        recipient = r.manifest["recipient"].get("name", "")
    with _open(args) as db, db.session() as s:
        b = s.get(SyncBundle, h)
        if args.code:
            if b is None or b.direction != "out":
                raise BadInput(_("This bundle was not exported by this office, so a receipt code cannot be checked "
                                 "here."))
            got = receipt.read_receipt(args.code, h)
            if got is None:
                raise BadInput(_("The code {code} does not confirm this bundle: check it with the other office "
                                 "(a digit may have been misheard).").format(code=args.code))
            from ocop_desktop.models.base import utcnow

            b.receipt = receipt.make_receipt(h, got.applied, got.conflicts)
            b.receipt_confirmed_at = utcnow()
            b.result = dict(b.result or {}, confirmed={"applied": got.applied, "conflicts": got.conflicts})
            print(_("Confirmed: {office} imported bundle No. {n} ({applied} records applied, {conflicts} "
                    "conflicts).").format(office=recipient, n=number, applied=got.applied, conflicts=got.conflicts))
            return EXIT_OK
        if b is None or b.direction != "in":
            raise BadInput(_("This bundle has not been imported here, so it has no receipt code yet."))
        print(b.receipt)
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("bundle", "export"): cmd_export,
    ("bundle", "verify"): cmd_verify,
    ("bundle", "import"): cmd_import,
    ("bundle", "receipt"): cmd_receipt,
}
