"""CLI for printed documents: ``certificate print|verify|sample`` (see ``cli.py`` for the
conventions: every command takes ``--db PATH``; exit 0 ok, 2 refused input with the reason
on stderr, 1 other failure)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from ocop_desktop.cli_common import EXIT_BAD_INPUT, EXIT_FAIL, EXIT_OK  # noqa: F401
from ocop_desktop.cli_common import err as _err  # noqa: F401
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.i18n import _


def add_parsers(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("certificate", help=_("OCOP certificates: print them, check a certificate's QR code, "
                                             "print a sample"))
    cs = c.add_subparsers(dest="action", required=True, metavar="ACTION")
    pr = cs.add_parser("print", help=_("write a product's current certificate, or every certificate of a "
                                       "recognition decision, as one PDF"))
    which = pr.add_mutually_exclusive_group(required=True)
    which.add_argument("--product", metavar="ID", help=_("the product whose current certificate to print"))
    which.add_argument("--decision", metavar="ID", help=_("the recognition decision whose certificates to print"))
    pr.add_argument("--out", required=True, metavar="FILE.pdf")
    pr.add_argument("--copy", action="store_true",
                    help=_("mark certificates printed before as copies (\"BẢN SAO\")"))
    cv = cs.add_parser("verify", help=_("check the QR code of a certificate against the keys of the offices "
                                        "this office knows"))
    what = cv.add_mutually_exclusive_group(required=True)
    what.add_argument("--image", metavar="FILE", help=_("a photo or scan of the certificate (PNG, JPG): its QR "
                                                       "code is read and checked"))
    what.add_argument("--qr", metavar="TEXT",
                    help=_("the text the QR code holds (its lines, ending with the OCOP2.… signature line; "
                           "or OCOP1.… on certificates printed before)"))
    cv.add_argument("--json", action="store_true")
    cp = cs.add_parser("sample", help=_("write a sample certificate, signed with this office's key, as PDF"))
    cp.add_argument("--out", required=True, metavar="FILE.pdf")





def cmd_verify(args: argparse.Namespace) -> int:
    from ocop_desktop.errors import BadInput
    from ocop_desktop.services.certificate_check import GENUINE, REVOKED, SUPERSEDED, check_qr_text

    text = args.qr
    if args.image is not None:
        from ocop_desktop.reports import qr_scan

        found = qr_scan.decode_picture(qr_scan.open_picture(Path(args.image).expanduser()))
        if not found:
            raise BadInput(_("No QR code was found in {name}: photograph or scan the certificate's QR code "
                             "straight on, sharp and well lit.").format(name=Path(args.image).name))
        text = found[0]
    with _open(args) as db, db.read_session() as s:
        check = check_qr_text(s, text)
    res, office_name = check.result, check.office_name
    today = dt.date.today()
    f = res.fields
    info = {"status": res.status, "valid": res.valid, "verdict": check.verdict, "in_register": check.in_register,
            "reason": res.reason, "key_id": res.key_id,
            "certificate": None if f is None else {
                "number": f.number, "product_code": f.product_code, "product_name": f.product_name,
                "producer_name": f.producer_name,
                "stars": f.stars, "expiry": f.expiry.isoformat(), "expired": res.expired(today),
                "office_id": f.office_id, "office_name": office_name}}
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    elif f is not None:
        print(_("Certificate No. {number}").format(number=f.number))
        print(_("Product: {name} ({code})").format(name=f.product_name, code=f.product_code))
        if f.producer_name:
            print(_("Producer: {name}").format(name=f.producer_name))
        print(_("Rank: {stars} stars").format(stars=f.stars))
        print(_("Valid until: {date}").format(date=f.expiry.strftime("%d/%m/%Y")))
        print(_("Issued by: {office}").format(office=office_name or _("an office this office does not know")
                                               + f" ({f.office_id})"))
        if res.valid:
            print(_("Signature: valid (key {key} of {office}).").format(key=res.key_id, office=office_name))
            if res.expired(today):
                print(_("The certificate expired on {date}.").format(date=f.expiry.strftime("%d/%m/%Y")))
            else:
                print(_("The certificate has not expired today."))
        else:
            print(_("Signature: NOT valid — do not trust the details above."))
        if check.verdict in GENUINE:
            print(check.headline)
    if not res.valid:
        _err(_("Not a valid certificate: {reason}").format(reason=res.reason))
        return EXIT_BAD_INPUT
    if check.verdict in (REVOKED, SUPERSEDED):  # genuine, but no longer stands
        _err(check.headline)
        return EXIT_BAD_INPUT
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from ocop_desktop.reports import certificate, qr
    from ocop_desktop.sync import profiles

    with _open(args) as db, db.session() as s:
        key = profiles.ensure_local_keys(s)
        office_id, key_id, private = key.office_id, key.key_id, key.sign_private
    # "MẪU" in the number: a sample signed with a real key must never pass for a real certificate.
    view = certificate.sample_view(number="MẪU-0042/2026/GCN-OCOP")
    fields = qr.QrFields(number=view.number, product_code=view.product_code, product_name=view.product_name,
                         stars=view.stars, expiry=view.expiry_date, office_id=office_id,
                         producer_name=view.producer_name)
    view = certificate.sample_view(number=view.number, qr_text=qr.make_qr_text(fields, private, key_id))
    out = Path(args.out).expanduser()
    certificate.render_certificates([view], out)
    print(out)
    _err(_("The QR code holds: {text}").format(text=view.qr_text))
    return EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    from ocop_desktop.reports import certificates_from_db

    out = Path(args.out).expanduser()
    with _open(args) as db:
        plan = certificates_from_db.print_certificates(db, out, product_id=args.product, decision_id=args.decision,
                                                       copy=args.copy)
    for reason in plan.skipped:
        _err(_("Not printed: {reason}").format(reason=reason))
    print(out)
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("certificate", "print"): cmd_print,
    ("certificate", "verify"): cmd_verify,
    ("certificate", "sample"): cmd_sample,
}
