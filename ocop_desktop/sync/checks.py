"""Checks on a verified bundle before anything is written: the chain of bundles from one
office (already imported, an older bundle replayed, two PCs with one office's identity, an
office restored from a backup, gaps), acknowledgements and conflicts from the sender, and
warnings (rubrics this app lacks, product codes two offices gave to different products,
bytes appended after the bundle's archive)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.models.base import utcnow
from ocop_desktop.sync import container, merge
from ocop_desktop.sync.container import BundleError

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.sync.importer import Verified


class RestoredOffice(BundleError):
    """The sender's database went back in time (restored or copied) since its last bundle."""


def rubric_warnings(m: dict[str, Any], evaluations: list[dict[str, Any]]) -> list[str]:
    """Evaluations scored with a rubric this app lacks, or holds in another version."""
    from ocop_desktop.domain.evaluations import LegacyDecision
    from ocop_desktop.sync.exporter import rubric_hashes

    ours = rubric_hashes()
    theirs = m.get("rubrics") or {}
    used = {e["rubric_id"] for e in evaluations} - {d.value for d in LegacyDecision}
    out = []
    for rid in sorted(used):
        if rid not in ours:
            out.append(_("Evaluations in this bundle use the scoring rubric “{id}”, which this version of OCOP Desktop "
                         "does not have: install the newer version to open their sheets.").format(id=rid))
        elif rid in theirs and theirs[rid] != ours[rid]:
            out.append(_("The sending office has another version of the scoring rubric “{id}”: make sure both offices "
                         "run the same version of OCOP Desktop.").format(id=rid))
    return out


def trailing_warning(reader: container.BundleReader) -> list[str]:
    """Bytes after the archive: ignored (nothing signed is there), but the officer is told."""
    n = reader.trailing_bytes
    if not n:
        return []
    return [ngettext("The bundle file has {n} extra byte after its end; it was ignored (the signed content is "
                     "intact). If this happens again, check the USB stick or the copying program.",
                     "The bundle file has {n} extra bytes after its end; they were ignored (the signed content is "
                     "intact). If this happens again, check the USB stick or the copying program.", n)
            .format(n=format_number(n))]


def code_clashes(db: Database, outcomes: list[merge.Outcome]) -> list[str]:
    """Product codes (T-X-STT-năm) that two different live products would share after the
    import: two offices numbered products in the same commune register. Reported, not
    changed: an officer renumbers one of them."""
    incoming: dict[str, str] = {}
    clashes: dict[str, set[str]] = {}
    for o in outcomes:
        r = o.row
        if r is not None and r.get("code") and not r["deleted"]:
            if r["code"] in incoming and incoming[r["code"]] != r["id"]:
                clashes.setdefault(r["code"], set()).update({incoming[r["code"]], r["id"]})
            incoming.setdefault(r["code"], r["id"])
    if incoming:
        codes = sorted(incoming)
        with db.engine.connect() as con:
            for i in range(0, len(codes), 500):
                chunk = codes[i:i + 500]
                q = f"SELECT code, id FROM product WHERE deleted = 0 AND code IN ({','.join('?' * len(chunk))})"
                for code, pid in con.exec_driver_sql(q, tuple(chunk)):
                    if pid != incoming[code]:
                        clashes.setdefault(code, set()).update({pid, incoming[code]})
    if not clashes:
        return []
    shown = ", ".join(sorted(clashes)[:10]) + ("…" if len(clashes) > 10 else "")
    return [_("{n} product codes would be used by two different products ({codes}): give one of each pair "
              "another serial number (STT).").format(n=len(clashes), codes=shown)]


def int_ok(v: Any) -> bool:
    return type(v) is int and 0 <= v < container.MAX_INT


def text_ok(v: Any, limit: int = 64) -> bool:
    return isinstance(v, str) and len(v) <= limit and v.isascii()


def acks_ok(a: Any) -> bool:
    """{"office_id", "incarnation", "imported": {"office_id", "incarnation" | None, "upto"}, "missing_photos"}."""
    if a == {}:
        return True
    if not (isinstance(a, dict) and text_ok(a.get("office_id")) and text_ok(a.get("incarnation"))):
        return False
    imp = a.get("imported")
    if not (isinstance(imp, dict) and text_ok(imp.get("office_id")) and int_ok(imp.get("upto"))
            and (imp.get("incarnation") is None or text_ok(imp.get("incarnation")))):
        return False
    photos = a.get("missing_photos", [])
    return isinstance(photos, list) and len(photos) <= 100_000 and all(text_ok(h) for h in photos)


def check_chain(v: Verified, peer: dict[str, Any], accept_restored: bool, warnings: list[str]) -> dict[str, Any]:
    m = v.manifest
    sender = m["sender"]
    inc, number = sender["incarnation"], m["number"]
    seq_from, seq_to = m["seq"]["from"], m["seq"]["to"]
    known_inc = peer["their_incarnation"]
    upto = peer["imported_upto"]
    if known_inc is not None and known_inc != inc:
        if not accept_restored:
            raise RestoredOffice(
                "restored", _("{office}'s database was restored from a backup or copied to another computer since "
                              "its last bundle here (No. {n}).").format(office=v.sender_name,
                                                                      n=peer["last_in_number"]),
                hint=_("Edits that office made after its backup may be missing on its side; they are safe here. "
                       "Call the office to check which computer is in use, then import again and accept."))
        warnings.append(_("{office} restarted from a backup: its change numbers start again.")
                        .format(office=v.sender_name))
        return {"their_incarnation": inc, "imported_upto": seq_to if seq_from == 0 else 0,
                "last_in_number": number, "last_in_hash": v.bundle_hash}
    if known_inc is None:
        return {"their_incarnation": inc, "imported_upto": seq_to if seq_from == 0 else 0,
                "last_in_number": number, "last_in_hash": v.bundle_hash,
                **({"gap": True} if seq_from > 0 else {})}
    last_n = peer["last_in_number"]
    if number == last_n or (number == last_n + 1 and m["prev_bundle_hash"] not in (None, peer["last_in_hash"])):
        raise BundleError("fork", _("This bundle does not follow the bundles already imported from {office}: two "
                                    "computers seem to be using that office's identity.").format(office=v.sender_name),
                          hint=_("Only one computer may work as an office. Call the office before importing more "
                                 "of its bundles."))
    if number < last_n:
        raise BundleError("replayed", _("This is an older bundle from {office} (No. {n}); No. {last} was already "
                                        "imported and includes everything in it. Nothing was changed.")
                          .format(office=v.sender_name, n=number, last=last_n))
    if number > last_n + 1:
        warnings.append(_("Bundles No. {a}–{b} from {office} never arrived here; this one includes their content.")
                        .format(a=last_n + 1, b=number - 1, office=v.sender_name) if number - 1 > last_n + 1 else
                        _("Bundle No. {a} from {office} never arrived here; this one includes its content.")
                        .format(a=last_n + 1, office=v.sender_name))
    new_upto = upto
    if seq_from <= upto:
        new_upto = max(upto, seq_to)
    else:
        warnings.append(_("Changes {a}–{b} of {office} are missing here (was this database restored?); the next "
                          "bundle from that office will carry them.").format(a=upto + 1, b=seq_from,
                                                                              office=v.sender_name))
    return {"their_incarnation": inc, "imported_upto": new_upto, "last_in_number": number,
            "last_in_hash": v.bundle_hash}


def clean_conflict(c: dict[str, Any]) -> dict[str, Any]:
    """An incoming conflict reduced to known keys with safe types."""
    def num(k: str) -> int:
        v = c.get(k)
        return v if type(v) is int and 0 <= v < container.MAX_INT else 0

    def text(k: str, limit: int = 64) -> str | None:
        return c[k][:limit] if isinstance(c.get(k), str) else None

    return {"id": c["id"][:36], "table_name": c["table_name"], "record_id": c["record_id"][:36],
            "field": c["field"][:64], "kind": "delete" if c.get("kind") == "delete" else "field",
            "kept_value": c.get("kept_value"), "other_value": c.get("other_value"),
            "kept_dot": c.get("kept_dot") if isinstance(c.get("kept_dot"), list) else [],
            "other_dot": c.get("other_dot") if isinstance(c.get("other_dot"), list) else [],
            "kept_version": num("kept_version"), "other_version": num("other_version"),
            "base_version": num("base_version"), "detected_at": text("detected_at", 32) or utcnow().isoformat(sep=" "),
            "detected_by": text("detected_by", 36) or "", "status": c["status"],
            "resolved_at": text("resolved_at", 32), "resolved_by": text("resolved_by", 36),
            "resolution": c.get("resolution")}
