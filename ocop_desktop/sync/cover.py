"""The cover sheet of a bundle: a printable A4 page (and a plain-text version for the
CLI) saying who sent what to whom, for the two officers to sign and file on paper.

The sheet is stored inside the bundle, so it cannot show the bundle's own hash: it
shows the previous bundle's hash, and ``bundle_hash`` only when the caller knows it
(the app prints the manifest hash after writing). Text is NFC and HTML-escaped; the page
has no external resources.
"""

from __future__ import annotations

import datetime as dt
import html
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from ocop_desktop.i18n import _, current_language, format_datetime, format_number
from ocop_desktop.sync.usb import format_size


@dataclass(frozen=True)
class CoverInfo:
    sender_name: str
    sender_id: str
    sender_fingerprint: str
    recipient_name: str
    recipient_id: str
    number: int                       # bundle no. from this sender to this recipient
    bundle_id: str
    kind: str                         # "changes" | "snapshot"
    created_at: dt.datetime           # the sender's clock
    seq_from: int
    seq_to: int
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # label → changed/deleted
    photos_included: int = 0
    photos_deferred: int = 0
    size_bytes: int = 0               # 0: not known
    bundle_hash: str = ""             # "": not known yet
    previous_hash: str = ""           # "": the first bundle to this recipient
    app_version: str = ""


def _nfc(value: object) -> str:
    return unicodedata.normalize("NFC", str(value))


def _esc(value: object) -> str:
    return html.escape(_nfc(value), quote=True)


def hash_groups(hex_hash: str, size: int = 4) -> str:
    """'3fa9 81c0 …': a hash in groups a person can compare by eye."""
    h = "".join(hex_hash.split()).lower()
    return " ".join(h[i:i + size] for i in range(0, len(h), size))


def _kind_label(kind: str) -> str:
    if kind == "changes":
        return _("Changes since the previous bundle")
    if kind == "snapshot":
        return _("Full copy of the data (snapshot)")
    return kind


def _title() -> str:
    return _("OCOP DATA SYNC BUNDLE — HANDOVER SHEET")


def _subtitle(info: CoverInfo) -> str:
    return _("Bundle no. {number} from {sender} to {recipient}").format(
        number=info.number, sender=_nfc(info.sender_name), recipient=_nfc(info.recipient_name))


def _totals(info: CoverInfo) -> tuple[int, int]:
    return (sum(int(c.get("changed", 0)) for c in info.counts.values()),
            sum(int(c.get("deleted", 0)) for c in info.counts.values()))


def _facts(info: CoverInfo) -> list[tuple[str, str, bool]]:
    """(label, value, monospace) rows shared by the HTML and text versions."""
    rows = [
        (_("Sent by"), _nfc(info.sender_name), False),
        (_("Sender office id"), info.sender_id, True),
        (_("Sender key fingerprint"), info.sender_fingerprint, True),
        (_("Sent to"), _nfc(info.recipient_name), False),
        (_("Recipient office id"), info.recipient_id, True),
        (_("Bundle number"), str(info.number), False),
        (_("Bundle id"), info.bundle_id, True),
        (_("Contents"), _kind_label(info.kind), False),
        (_("Made on (sender's clock)"), format_datetime(info.created_at), False),
        (_("Changes in the sender's log"),
         _("{first} to {last}").format(first=info.seq_from, last=info.seq_to), False),
        (_("Photos included"), format_number(info.photos_included), False),
        (_("Photos to be sent in a later bundle"), format_number(info.photos_deferred), False),
        (_("File size"), format_size(info.size_bytes) if info.size_bytes else _("not known yet"), False),
        (_("Fingerprint of the previous bundle"),
         hash_groups(info.previous_hash) if info.previous_hash else _("none: this is the first bundle"),
         bool(info.previous_hash)),
    ]
    if info.bundle_hash:
        rows.append((_("Fingerprint of this bundle"), hash_groups(info.bundle_hash), True))
    if info.app_version:
        rows.append((_("OCOP Desktop version"), info.app_version, False))
    return rows


_CSS = """
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Segoe UI", Arial, "Liberation Sans", sans-serif;
       font-size: 11pt; color: #000; background: #fff; margin: 0 auto; max-width: 178mm; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.02em; }
p.sub { text-align: center; margin: 0 0 6mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; page-break-inside: avoid; }
th, td { border: 0.3mm solid #444; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { background: #eee; }
table.facts th { width: 38%; font-weight: normal; }
td.num, th.num { text-align: right; }
tr.total td { font-weight: bold; }
.mono { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 10pt;
        word-break: break-all; }
.note { font-size: 9.5pt; margin-top: 3mm; }
table.sign { margin-top: 10mm; }
table.sign td { border: none; width: 50%; text-align: center; height: 36mm; }
.sign-role { font-weight: bold; }
.sign-hint { font-style: italic; font-size: 9.5pt; }
"""


# Attributes as well as the CSS: Qt's rich text (QTextDocument, which can print the page)
# ignores most table CSS; browsers apply both the same way.
_TABLE = 'width="100%" border="1" cellspacing="0" cellpadding="5"'


def cover_html(info: CoverInfo) -> str:
    """A complete printable A4 page in the current UI language."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_esc(current_language())}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_esc(_title())}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_esc(_title())}</h1>",
        f'<p class="sub">{_esc(_subtitle(info))}</p>',
        f'<table class="facts" {_TABLE}>',
    ]
    for label, value, mono in _facts(info):
        cls = ' class="mono"' if mono else ""
        out.append(f"<tr><th>{_esc(label)}</th><td{cls}>{_esc(value)}</td></tr>")
    out.append("</table>")

    out.append(f"<h2>{_esc(_('Records in this bundle'))}</h2>")
    out.append(f'<table class="counts" {_TABLE}>')
    out.append(f"<tr><th>{_esc(_('Record type'))}</th><th class=\"num\">{_esc(_('Added or changed'))}</th>"
               f"<th class=\"num\">{_esc(_('Deleted'))}</th></tr>")
    for label, c in info.counts.items():
        out.append(f"<tr><td>{_esc(label)}</td>"
                   f'<td class="num">{_esc(format_number(int(c.get("changed", 0))))}</td>'
                   f'<td class="num">{_esc(format_number(int(c.get("deleted", 0))))}</td></tr>')
    changed, deleted = _totals(info)
    out.append(f'<tr class="total"><td>{_esc(_("All record types"))}</td>'
               f'<td class="num">{_esc(format_number(changed))}</td>'
               f'<td class="num">{_esc(format_number(deleted))}</td></tr>')
    out.append("</table>")
    if not info.bundle_hash:
        out.append(f'<p class="note">{_esc(_cover_note())}<br><br>'
                   '__________________________________________________________________</p>')

    out.append('<table class="sign" width="100%" border="0"><tr>')
    for role in (_("Handed over by"), _("Received by")):
        out.append(f'<td align="center"><div class="sign-role">{_esc(role)}</div>'
                   f'<div class="sign-hint">{_esc(_("(signature and full name)"))}</div>'
                   '<br><br><br><br><br></td>')
    out.append("</tr></table>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


def _cover_note() -> str:
    return _("The fingerprint of this bundle is shown by the app after the bundle is written; "
             "write it here by hand:")


def cover_text(info: CoverInfo) -> str:
    """The same sheet as plain text (CLI, logs)."""
    lines = [_title(), _subtitle(info), ""]
    facts = _facts(info)
    width = max(len(label) for label, _v, _m in facts)
    lines += [f"{label.ljust(width)}  {value}" for label, value, _m in facts]
    lines += ["", _("Records in this bundle")]
    rows = [(_("Record type"), _("Added or changed"), _("Deleted"))]
    rows += [(_nfc(label), format_number(int(c.get("changed", 0))), format_number(int(c.get("deleted", 0))))
             for label, c in info.counts.items()]
    changed, deleted = _totals(info)
    rows.append((_("All record types"), format_number(changed), format_number(deleted)))
    w = [max(len(r[i]) for r in rows) for i in range(3)]
    lines += [f"  {a.ljust(w[0])}  {b.rjust(w[1])}  {c.rjust(w[2])}" for a, b, c in rows]
    if not info.bundle_hash:
        lines += ["", _cover_note(), "", "_" * 66]
    lines += ["", f"{_('Handed over by')}: ______________________    "
                  f"{_('Received by')}: ______________________", ""]
    return "\n".join(lines)
