"""CLI for the A4 printouts: ``report products|sheet|council|decision|form`` (see ``cli.py`` for the
conventions: every command takes ``--db PATH``; exit 0 ok, 2 refused input with the reason
on stderr, 1 other failure). The PDF's path is printed on stdout."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ocop_desktop.cli_common import EXIT_BAD_INPUT, EXIT_FAIL, EXIT_OK  # noqa: F401
from ocop_desktop.cli_common import err as _err  # noqa: F401
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.i18n import _


def _stars(value: str) -> int:
    n = int(value)
    if not 0 <= n <= 5:
        raise argparse.ArgumentTypeError(_("stars must be 0 to 5"))
    return n


def _set(value: str) -> int:
    n = int(value)
    if not 1 <= n <= 26:
        raise argparse.ArgumentTypeError(_("product set must be 1 to 26"))
    return n


def _form(value: str) -> str:
    v = value.strip().zfill(2)
    if v not in ("01", "02", "03"):
        raise argparse.ArgumentTypeError(_("form must be 01, 02 or 03"))
    return v


def add_parsers(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("report", help=_("printed documents as PDF: the product list, evaluation sheets, a "
                                        "council's summary, a decision's product list"))
    rs = r.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = rs.add_parser("products", help=_("the product list, with the same filters as the product list page"))
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--search", default="", metavar="TEXT", help=_("words of the name, code, producer or commune"))
    p.add_argument("--commune", type=int, metavar="CODE", help=_("only the products of this commune"))
    p.add_argument("--stars", type=_stars, metavar="N", help=_("only products with N stars (0: no stars yet)"))
    p.add_argument("--status", metavar="S", help=_("only products with this status (e.g. dat_ocop, dang_ky)"))
    p.add_argument("--set", type=_set, metavar="N", dest="set_number", help=_("only product set N (1–26)"))
    p.add_argument("--group", metavar="G", help=_("only product group G (I–VI)"))
    s = rs.add_parser("sheet", help=_("the filled evaluation sheets of an evaluation, one member or all"))
    s.add_argument("--evaluation", required=True, metavar="ID")
    s.add_argument("--member", type=int, metavar="N", help=_("only the N-th sheet (1 = the first member)"))
    s.add_argument("--out", required=True, metavar="FILE.pdf")
    c = rs.add_parser("council", help=_("a council evaluation's summary: members, average, result"))
    c.add_argument("--evaluation", required=True, metavar="ID")
    c.add_argument("--out", required=True, metavar="FILE.pdf")
    d = rs.add_parser("decision", help=_("the list of products a recognition decision recognises"))
    d.add_argument("--decision", required=True, metavar="ID")
    d.add_argument("--out", required=True, metavar="FILE.pdf")
    f = rs.add_parser("form", help=_("the forms of Appendix III pre-filled from the records: 01 registration, "
                                     "02 self-assessment report, 03 the commune's report"))
    f.add_argument("--form", required=True, type=_form, metavar="01|02|03", help=_("which form: 01, 02 or 03"))
    f.add_argument("--product", required=True, metavar="ID")
    f.add_argument("--year", type=int, metavar="N", help=_("the evaluation year (form 03: the latest report when "
                                                           "omitted)"))
    f.add_argument("--round", type=int, metavar="N", dest="round_", help=_("the round of that year (1 or 2)"))
    f.add_argument("--out", required=True, metavar="FILE.pdf")
    from ocop_desktop import cli_report_stats

    cli_report_stats.add_parsers(rs)


def _check_status(status: str | None) -> None:
    from ocop_desktop.domain.vocab import ProductStatus
    from ocop_desktop.errors import BadInput

    if status is not None and status not in {s.value for s in ProductStatus}:
        raise BadInput(_("Unknown status {status}; use one of: {choices}.").format(
            status=status, choices=", ".join(s.value for s in ProductStatus)))


def cmd_products(args: argparse.Namespace) -> int:
    from ocop_desktop.reports.product_list import ProductFilter, print_product_list

    _check_status(args.status)
    f = ProductFilter(search=args.search, commune=args.commune, product_set=args.set_number,
                      group=args.group.upper() if args.group else None, stars=args.stars, status=args.status)
    out = Path(args.out).expanduser()
    with _open(args) as db:
        print_product_list(db, out, f)
    print(out)
    return EXIT_OK


def cmd_sheet(args: argparse.Namespace) -> int:
    from ocop_desktop.reports import evaluation_sheet

    out = Path(args.out).expanduser()
    with _open(args) as db:
        with db.read_session() as s:
            views = evaluation_sheet.sheet_views(s, args.evaluation, args.member)
        if not views:
            from ocop_desktop.errors import BadInput

            raise BadInput(_("This evaluation has no sheets yet."))
        evaluation_sheet.render_sheets(views, out)
    print(out)
    return EXIT_OK


def cmd_council(args: argparse.Namespace) -> int:
    from ocop_desktop.reports import council_summary

    out = Path(args.out).expanduser()
    with _open(args) as db:
        with db.read_session() as s:
            view = council_summary.council_view(s, args.evaluation)
        council_summary.render_council_summary(view, out)
    print(out)
    return EXIT_OK


def cmd_decision(args: argparse.Namespace) -> int:
    from ocop_desktop.reports import decision_list

    out = Path(args.out).expanduser()
    with _open(args) as db:
        with db.read_session() as s:
            view = decision_list.decision_view(s, args.decision)
        decision_list.render_decision_list(view, out)
    print(out)
    return EXIT_OK


def cmd_form(args: argparse.Namespace) -> int:
    from ocop_desktop.reports import forms

    out = Path(args.out).expanduser()
    with _open(args) as db:
        forms.print_form(db, args.form, args.product, out, year=args.year, round_=args.round_)
    print(out)
    return EXIT_OK


def _stats_commands() -> dict[tuple[str, str | None], Callable[[argparse.Namespace], int]]:
    from ocop_desktop.cli_report_stats import COMMANDS as STATS

    return dict(STATS)


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    **_stats_commands(),
    ("report", "products"): cmd_products,
    ("report", "sheet"): cmd_sheet,
    ("report", "council"): cmd_council,
    ("report", "decision"): cmd_decision,
    ("report", "form"): cmd_form,
}
