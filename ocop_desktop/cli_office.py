"""CLI for this office's settings and keys: ``office init|show|export-profile|import-profile|rotate-key``
(see ``cli.py`` for the entry point and the exit codes)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from ocop_desktop.cli_common import EXIT_BAD_INPUT, EXIT_OK
from ocop_desktop.cli_common import err as _err
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.errors import BadInput, KnownError
from ocop_desktop.i18n import _


def add_parsers(sub: argparse._SubParsersAction) -> None:
    o = sub.add_parser("office", help=_("this office's settings"))
    os_ = o.add_subparsers(dest="action", required=True, metavar="ACTION")
    oi = os_.add_parser("init", help=_("set up the office without the wizard"))
    oi.add_argument("--role", choices=["field", "province"], required=True)
    oi.add_argument("--name", required=True)
    oi.add_argument("--province", required=True)
    oi.add_argument("--communes", default="", metavar="CODE,...")
    oi.add_argument("--officer", default="")
    os_.add_parser("show", help=_("print this office's settings as JSON"))
    oe = os_.add_parser("export-profile", help=_("write this office's signed profile for other offices"))
    oe.add_argument("--out", required=True, metavar="FILE")
    oim = os_.add_parser("import-profile", help=_("register or update another office from its profile"))
    oim.add_argument("file", metavar="FILE")
    oim.add_argument("--fingerprint", default=None, metavar="FP",
                     help=_("the key fingerprint the other office read to you over the phone"))
    os_.add_parser("rotate-key", help=_("replace this office's key (the old key endorses the new one)"))


def cmd_office_init(args: argparse.Namespace) -> int:
    from ocop_desktop.domain import geography
    from ocop_desktop.services import office

    prov = geography.find_province(args.province)
    if prov is None:
        raise BadInput(_("Unknown province “{name}”: use one of the 34 provinces, e.g. “Cao Bằng”.").format(name=args.province))
    try:
        codes = [int(c) for c in args.communes.split(",") if c.strip()]
    except ValueError:
        raise BadInput(_("--communes takes commune codes separated by commas, e.g. 1273,1279.")) from None
    with _open(args, create=True) as db:
        with db.session() as s:
            if office.local_office(s) is not None:
                raise BadInput(_("This database already has an office; change it in Settings."))
            info = office.save_local_office(s, office.OfficeData(name=args.name, role=args.role,
                                                                 province_code=prov.code, commune_codes=codes,
                                                                 officer_name=args.officer))
            fingerprint = _fingerprint(s, info.id)
    print(json.dumps({"id": info.id, "name": info.name, "role": info.role, "province": info.province_name,
                      "communes": list(info.commune_codes), "fingerprint": fingerprint}, ensure_ascii=False))
    return EXIT_OK


def _fingerprint(session, office_id: str) -> str | None:  # noqa: ANN001 - a Session
    """The fingerprint of the office's current key (None for a database made before keys)."""
    from ocop_desktop.sync import profiles

    key = profiles.current_key(session, office_id)
    return profiles.key_fingerprint(key) if key else None


def cmd_office_show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from ocop_desktop.services import office

    with _open(args) as db, db.read_session() as s:
        info = office.local_office(s)
        fingerprint = _fingerprint(s, info.id) if info else None
    if info is None:
        raise BadInput(_("This database has no office yet: run `ocop-desktop office init` or open the app."))
    print(json.dumps({**asdict(info), "fingerprint": fingerprint}, ensure_ascii=False, indent=1))
    return EXIT_OK


def cmd_office_export_profile(args: argparse.Namespace) -> int:
    import os

    from ocop_desktop.sync import profiles

    with _open(args) as db, db.session() as s:
        data = profiles.export_profile(s)
        fingerprint = profiles.key_fingerprint(profiles.ensure_local_keys(s))
    dest = Path(args.out).expanduser().absolute()
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KnownError(_("The office profile could not be written to {path}: {reason}").format(
            path=dest, reason=exc.strerror or exc)) from None
    print(_("Office profile written to {path}").format(path=dest))
    print(_("Fingerprint: {fingerprint}").format(fingerprint=fingerprint))
    return EXIT_OK


def cmd_office_import_profile(args: argparse.Namespace) -> int:
    from ocop_desktop.sync import profiles

    try:
        with open(args.file, "rb") as fh:
            data = fh.read(profiles.MAX_BYTES + 1)
    except FileNotFoundError:
        raise BadInput(_("The file {file} does not exist.").format(file=args.file)) from None
    except OSError as exc:
        raise BadInput(_("The file {file} cannot be read: {reason}").format(
            file=args.file, reason=exc.strerror or exc)) from None
    profile = profiles.read_profile(data)
    with _open(args) as db:
        try:
            with db.session() as s:
                result = profiles.import_profile(s, profile, fingerprint=args.fingerprint)
        except profiles.FingerprintNeeded as exc:
            _err(exc.message)
            _err(_("After comparing it over the phone, run the command again with --fingerprint and the "
                   "fingerprint the office read to you."))
            return EXIT_BAD_INPUT
    messages = {
        "registered": _("{office} is now a partner office (fingerprint {fingerprint})."),
        "updated": _("{office} updated (fingerprint {fingerprint})."),
        "unchanged": _("{office}: nothing new in this profile (fingerprint {fingerprint})."),
    }
    print(messages[result.status].format(office=result.name, fingerprint=result.fingerprint))
    for key_id in result.new_key_ids:
        print(_("New key: {key}").format(key=key_id))
    return EXIT_OK


def cmd_office_rotate_key(args: argparse.Namespace) -> int:
    from ocop_desktop.sync import profiles

    with _open(args) as db, db.session() as s:
        key = profiles.rotate_local_key(s)
        key_id, fingerprint = key.key_id, profiles.key_fingerprint(key)
    print(_("New key {key}, fingerprint {fingerprint}. Send the new office profile to the offices you "
            "exchange bundles with.").format(key=key_id, fingerprint=fingerprint))
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("office", "init"): cmd_office_init,
    ("office", "show"): cmd_office_show,
    ("office", "export-profile"): cmd_office_export_profile,
    ("office", "import-profile"): cmd_office_import_profile,
    ("office", "rotate-key"): cmd_office_rotate_key,
}
