"""CLI for the provincial relay (issue 13).

On the relay server: ``relay serve|register|remove|list|pin`` (``--data DIR``, no office
database). On an office: ``relay configure`` and ``sync push|pull|status [--relay URL]``
for scripts and scheduled tasks.

Exit codes: 0 done; 1 the relay could not be reached (or a transfer kept failing) —
bundles stay queued and go next time; 2 refused (settings, signature, clock, quota,
permission: the reason on stderr); 3 bundles arrived that wait for an officer's review
in the app (conflicts, or automatic import is off).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from ocop_desktop.cli_common import EXIT_BAD_INPUT, EXIT_OK
from ocop_desktop.cli_common import err as _err
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _

EXIT_REVIEW = 3


def add_parsers(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("relay", help=_("the provincial relay that carries bundles over the internet"))
    rs = r.add_subparsers(dest="action", required=True, metavar="ACTION")
    sv = rs.add_parser("serve", help=_("run the relay server (on the province's server)"))
    sv.add_argument("--data", required=True, metavar="DIR", help=_("the relay's folder (index, bundles, log)"))
    sv.add_argument("--host", default="0.0.0.0", metavar="H")  # noqa: S104 - a server
    sv.add_argument("--port", type=int, default=8443, metavar="P")
    sv.add_argument("--tls-cert", default=None, metavar="PEM")
    sv.add_argument("--tls-key", default=None, metavar="PEM")
    sv.add_argument("--insecure-http", action="store_true",
                    help=_("plain HTTP (only behind a TLS proxy such as nginx, or on an office network)"))
    sv.add_argument("--quota-mb", type=int, default=512, help=_("space per sending office (default 512 MB)"))
    sv.add_argument("--max-bundle-mb", type=int, default=2048)
    sv.add_argument("--reserve-mb", type=int, default=64, help=_("free disk space the relay keeps (default 64 MB)"))
    sv.add_argument("--expire-days", type=float, default=60, help=_("drop bundles nobody fetched (default 60)"))
    sv.add_argument("--delivered-days", type=float, default=14,
                    help=_("drop fetched bundles never acknowledged (default 14)"))
    sv.add_argument("--window-minutes", type=int, default=10,
                    help=_("accepted clock difference of the offices (default ±10)"))
    rg = rs.add_parser("register", help=_("register an office on the relay from its .ocopprofile file"))
    rg.add_argument("--data", required=True, metavar="DIR")
    rg.add_argument("profile", metavar="PROFILE")
    rm = rs.add_parser("remove", help=_("remove an office from the relay (its key no longer works)"))
    rm.add_argument("--data", required=True, metavar="DIR")
    rm.add_argument("office", metavar="OFFICE", help=_("office id or name"))
    ls = rs.add_parser("list", help=_("the offices registered on the relay"))
    ls.add_argument("--data", required=True, metavar="DIR")
    ls.add_argument("--json", action="store_true")
    pn = rs.add_parser("pin", help=_("print a certificate's pin (what offices check)"))
    pn.add_argument("--tls-cert", required=True, metavar="PEM")
    cf = rs.add_parser("configure", help=_("this office's relay settings"))
    cf.add_argument("--url", default=None)
    cf.add_argument("--pin", default=None, help=_("SHA-256 of the relay certificate's key (64 hex characters)"))
    cf.add_argument("--insecure-http", action="store_true", default=None)
    cf.add_argument("--auto-minutes", type=int, default=None, help=_("sync every N minutes in the app (0: off)"))
    cf.add_argument("--auto-apply", choices=("yes", "no"), default=None,
                    help=_("import bundles without conflicts without asking"))
    cf.add_argument("--json", action="store_true")
    ro = rs.add_parser("offices", help=_("(province) register or remove offices on the relay over the network"))
    ro.add_argument("--register", default=None, metavar="PROFILE")
    ro.add_argument("--remove", default=None, metavar="OFFICE_ID")
    ro.add_argument("--relay", default=None, metavar="URL")
    ro.add_argument("--json", action="store_true")

    s = sub.add_parser("sync", help=_("send and receive bundles through the relay"))
    ss = s.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (("push", _("send what is pending")), ("pull", _("fetch and import what waits")),
                       ("status", _("the relay's state for this office"))):
        p = ss.add_parser(name, help=text)
        p.add_argument("--relay", default=None, metavar="URL", help=_("relay address (default: the settings)"))
        p.add_argument("--json", action="store_true")
        p.add_argument("--retry-for", type=float, default=600, metavar="S",
                       help=_("keep retrying a failing connection this long (default 600 s)"))
        p.add_argument("--chunk-kb", type=int, default=256, metavar="KB", help=argparse.SUPPRESS)
        if name == "pull":
            p.add_argument("--apply", choices=("yes", "no"), default=None,
                           help=_("import bundles without conflicts (default: the office's setting)"))


# -- server side ------------------------------------------------------------------------


def _limits(args: argparse.Namespace):  # noqa: ANN202
    from ocop_desktop.relay.store import Limits, MiB

    return Limits(quota_bytes=args.quota_mb * MiB, max_bundle=args.max_bundle_mb * MiB,
                  reserve_bytes=args.reserve_mb * MiB, expire_days=args.expire_days,
                  delivered_days=args.delivered_days, window=args.window_minutes * 60)


def cmd_serve(args: argparse.Namespace) -> int:
    from ocop_desktop.relay import serve

    if bool(args.tls_cert) != bool(args.tls_key):
        raise BadInput(_("Give both --tls-cert and --tls-key."))
    if not args.tls_cert and not args.insecure_http:
        raise BadInput(_("Give --tls-cert and --tls-key, or choose plain HTTP with --insecure-http (behind a TLS "
                         "proxy or on an office network)."))
    for f in (args.tls_cert, args.tls_key):
        if f and not Path(f).is_file():
            raise BadInput(_("The file {path} does not exist.").format(path=f))
    serve.serve(Path(args.data).expanduser(), args.host, args.port, limits=_limits(args),
                tls_cert=Path(args.tls_cert) if args.tls_cert else None,
                tls_key=Path(args.tls_key) if args.tls_key else None)
    return EXIT_OK


def _store(args: argparse.Namespace):  # noqa: ANN202
    from ocop_desktop.relay.store import Store

    return Store(Path(args.data).expanduser())


def _read_profile(path: str):  # noqa: ANN202
    from ocop_desktop.sync import profiles

    p = Path(path).expanduser()
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise BadInput(_("The file {path} could not be read: {reason}").format(path=p, reason=exc.strerror)) from None
    return profiles.read_profile(data), data


def cmd_register(args: argparse.Namespace) -> int:
    from ocop_desktop.relay.store import Refused

    profile, _data = _read_profile(args.profile)
    store = _store(args)
    try:
        status = store.register(profile)
    except Refused as exc:
        raise BadInput(_("The relay refused the profile: {why}").format(why=exc.detail)) from None
    finally:
        store.close()
    print(_("{office} ({role}) {status} on the relay; fingerprint {fp}.").format(
        office=profile.name, role=profile.role, status=_("registered") if status == "registered" else _("updated"),
        fp=profile.fingerprint))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        match = [o for o in store.offices() if not o["removed"] and args.office in (o["office_id"], o["name"])]
        if len(match) != 1:
            raise BadInput(_("No single office “{office}” is registered on the relay.").format(office=args.office))
        store.remove(match[0]["office_id"])
    finally:
        store.close()
    print(_("{office} was removed from the relay.").format(office=match[0]["name"]))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        offices = store.offices()
    finally:
        store.close()
    if args.json:
        print(json.dumps(offices, ensure_ascii=False))
    else:
        for o in offices:
            print(f"{o['office_id']}  {o['role']:8}  {o['name']}  {_('removed') if o['removed'] else ''}"
                  f"  {o['waiting']}")
    return EXIT_OK


def cmd_pin(args: argparse.Namespace) -> int:
    from ocop_desktop.relay.serve import spki_pin

    try:
        print(spki_pin(Path(args.tls_cert).read_bytes()))
    except (OSError, ValueError) as exc:
        raise BadInput(_("The certificate {path} could not be read: {reason}").format(path=args.tls_cert,
                                                                                      reason=exc)) from None
    return EXIT_OK


# -- office side ------------------------------------------------------------------------


def cmd_configure(args: argparse.Namespace) -> int:
    from ocop_desktop.relay import config

    with _open(args) as db, db.session() as s:
        cfg = config.load(s)
        if args.insecure_http is not None:
            cfg.insecure_http = True
        if args.pin is not None:
            cfg.pin = config.normalise_pin(args.pin)
        if args.url is not None:
            cfg.url = config.check_url(args.url, insecure_http=cfg.insecure_http, pin=cfg.pin) if args.url else ""
            cfg.from_profile = False
        if args.auto_minutes is not None:
            if not 0 <= args.auto_minutes <= 24 * 60:
                raise BadInput(_("--auto-minutes must be between 0 and 1440."))
            cfg.auto_minutes = args.auto_minutes
        if args.auto_apply is not None:
            cfg.auto_apply = args.auto_apply == "yes"
        config.save(s, cfg)
        shown = {"url": cfg.url, "pin": cfg.pin, "insecure_http": cfg.insecure_http,
                 "auto_minutes": cfg.auto_minutes, "auto_apply": cfg.auto_apply}
    print(json.dumps(shown, ensure_ascii=False) if args.json else
          "\n".join(f"{k}: {v}" for k, v in shown.items()))
    return EXIT_OK


def _client(db, args: argparse.Namespace):  # noqa: ANN001, ANN202
    from ocop_desktop.relay import exchange
    from ocop_desktop.relay.client import Retry

    chunk = max(1, getattr(args, "chunk_kb", 256)) * 1024
    return exchange.client_for(db, url=args.relay, retry=Retry(budget=getattr(args, "retry_for", 600)),
                               chunk=chunk, max_chunk=max(chunk, 4 * 1024 * 1024))


def cmd_offices(args: argparse.Namespace) -> int:
    with _open(args) as db, _client(db, args) as c:
        if args.register:
            _profile, data = _read_profile(args.register)
            res = c.register(data)
            print(_("{office} registered on the relay.").format(office=res["name"]))
        if args.remove:
            c.remove(args.remove)
            print(_("The office was removed from the relay."))
        offices = c.offices()
    if args.json:
        print(json.dumps(offices, ensure_ascii=False))
    elif not (args.register or args.remove):
        for o in offices:
            print(f"{o['office_id']}  {o['role']:8}  {o['name']}")
    return EXIT_OK


def _run(args: argparse.Namespace, fn: Callable) -> int:  # noqa: ANN001
    from ocop_desktop.errors import KnownError
    from ocop_desktop.relay import exchange

    with _open(args) as db:
        try:
            with _client(db, args) as c:
                out = fn(db, c)
        except KnownError as exc:
            exchange.note_error(db, exc)
            raise
    if args.json:
        print(json.dumps(out.to_json(), ensure_ascii=False))
    else:
        for name in out.sent:
            print(_("Sent: {name}").format(name=name))
        if out.already:
            print(_("{n} bundles were already on the relay.").format(n=out.already))
        for name in out.received:
            print(_("Imported: {name}").format(name=name))
        for p in out.problems:
            _err(p)
        if out.waiting:
            _err(_("{n} bundles wait for review in OCOP Desktop (Sync page).").format(n=len(out.waiting)))
        if not (out.sent or out.received or out.waiting or out.already):
            print(_("Nothing to send or receive."))
    if out.waiting:
        return EXIT_REVIEW
    return EXIT_BAD_INPUT if out.problems else EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from ocop_desktop.relay import exchange

    return _run(args, lambda db, c: exchange.push(db, c))


def cmd_pull(args: argparse.Namespace) -> int:
    from ocop_desktop.relay import exchange

    apply = None if args.apply is None else args.apply == "yes"
    return _run(args, lambda db, c: exchange.pull(db, c, apply=apply))


def cmd_status(args: argparse.Namespace) -> int:
    from ocop_desktop.relay import exchange

    with _open(args) as db:
        try:
            client = _client(db, args)
        except BadInput:
            client = None
        try:
            info = exchange.status(db, client)
        finally:
            if client is not None:
                client.close()
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        print(_("Relay: {url}").format(url=info["url"] or "—"))
        if info["reachable"] is not None:
            print(_("Reachable: {yes}").format(yes=_("yes") if info["reachable"] else _("no")))
        if info.get("error"):
            _err(info["error"])
        print(_("Queued to send: {n}").format(n=info["queued_out"]))
        print(_("Waiting on the relay: {n}").format(n=info["waiting_on_relay"]))
        print(_("Waiting for review here: {n}").format(n=info["waiting_here"]))
    if not info["configured"]:
        return EXIT_BAD_INPUT
    return EXIT_OK if info["reachable"] else 1


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("relay", "serve"): cmd_serve,
    ("relay", "register"): cmd_register,
    ("relay", "remove"): cmd_remove,
    ("relay", "list"): cmd_list,
    ("relay", "pin"): cmd_pin,
    ("relay", "configure"): cmd_configure,
    ("relay", "offices"): cmd_offices,
    ("sync", "push"): cmd_push,
    ("sync", "pull"): cmd_pull,
    ("sync", "status"): cmd_status,
}
