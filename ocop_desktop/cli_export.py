"""CLI: ``export KIND --xlsx FILE [--search …] [--commune …] [--year …] [--status …] [--deleted]``.

Writes the workbook the list page's “Export to Excel…” (Ctrl+E) writes (without its title row):
the page's columns, in its default order (``ocop_desktop.excel.export``), with the hidden round-trip sheet. The rows
come from the list service the page loads and the columns from ``list_columns``, which the page's
table model shows, so the CLI and the page cannot drift apart (and the CLI needs no Qt).
Exit 0 ok; 2 a refused path or filter (the reason on stderr).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

from ocop_desktop.cli_common import EXIT_OK
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _, format_number, ngettext

#: CLI name → (list kind, the page's columns in ``list_columns``, "services module:list function").
KINDS: dict[str, tuple[str, str, str]] = {
    "producers": ("producers", "PRODUCERS", "producers:list_producers"),
    "products": ("products", "PRODUCTS", "products:list_products"),
    "evaluations": ("evaluations", "EVALUATIONS", "evaluations:list_evaluations"),
    "certificates": ("certificates", "CERTIFICATES", "decisions:list_certificates"),
    "ideas": ("ideas", "IDEAS", "ideas:list_ideas"),
    "events": ("events", "EVENTS", "trade_events:list_events"),
    "sale-points": ("sale_points", "SALE_POINTS", "sale_points:list_points"),
    "training": ("training", "TRAINING", "training:list_training"),
    "support": ("support", "SUPPORT", "support:list_support"),
}


def add_parsers(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help=_("write a list to an Excel file, as its page shows it"))
    e.add_argument("kind", choices=list(KINDS), metavar="LIST", help=_("one of: {names}").format(
        names=", ".join(KINDS)))
    e.add_argument("--xlsx", required=True, metavar="FILE", help=_("the .xlsx file to write (replaced if it exists)"))
    e.add_argument("--search", default="", help=_("only the rows holding every word (accents optional)"))
    e.add_argument("--commune", default=None, metavar="CODE|NAME", help=_("only the rows of one commune"))
    e.add_argument("--year", type=int, default=None, metavar="YYYY", help=_("only the rows of one year"))
    e.add_argument("--status", default=None, metavar="STATUS",
                   help=_("only the rows with this status (its key or its label)"))
    e.add_argument("--deleted", action="store_true", help=_("include deleted records"))


def load_rows(session: Any, kind: str) -> list[Any]:
    """Every row of the list, deleted ones too, as the page loads them."""
    module, _sep, name = KINDS[kind][2].partition(":")
    list_rows = getattr(importlib.import_module(f"ocop_desktop.services.{module}"), name)
    return list(list_rows(session, include_deleted=True))


def _year(r: Any) -> int | None:
    for attr in ("year", "start_date", "issue_date", "received_on", "date"):
        value = getattr(r, attr, None)
        if value is not None:
            return value if isinstance(value, int) else value.year
    return None


def _has_year(r: Any) -> bool:
    return any(hasattr(r, a) for a in ("year", "start_date", "issue_date", "received_on", "date"))


def _commune_test(value: str, sample: Any) -> Callable[[Any], bool]:

    if not (hasattr(sample, "commune_code") or hasattr(sample, "commune_codes")):
        raise BadInput(_("This list has no commune: --commune does not apply to it."))
    text = value.strip()
    if text.isdigit():
        code = int(text)
        if hasattr(sample, "commune_codes"):
            return lambda r: code in r.commune_codes
        return lambda r: r.commune_code == code
    from ocop_desktop.domain import geography

    wanted = _commune_key(text)
    if not any(_commune_key(c.name) == wanted for p in geography.provinces() for c in geography.communes(p.code)):
        raise BadInput(_("Unknown commune “{name}”: give its name as the lists show it (e.g. “Xã Trùng Khánh”) "
                         "or its code.").format(name=text))
    if hasattr(sample, "commune_codes"):
        return lambda r: any(_commune_key(geography.commune_name(c)) == wanted for c in r.commune_codes)
    return lambda r: _commune_key(getattr(r, "commune_name", "") or "") == wanted


def _commune_key(name: str) -> str:
    """"Xã Trùng Khánh", "xa trung khanh" and "Trùng Khánh" alike."""
    from ocop_desktop.text import fold

    key = fold(name)
    for prefix in ("xa ", "phuong ", "dac khu "):
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def filter_rows(rows: list[Any], args: argparse.Namespace) -> list[Any]:
    """The rows passing the options, like the page's search box and filter combos."""
    from ocop_desktop.services.products import search_rows
    from ocop_desktop.text import fold

    if not args.deleted:
        rows = [r for r in rows if not r.deleted]
    rows = search_rows(rows, args.search)
    if not rows:
        return rows
    sample = rows[0]
    if args.commune is not None:
        test = _commune_test(args.commune, sample)
        rows = [r for r in rows if test(r)]
    if args.year is not None:
        if not _has_year(sample):
            raise BadInput(_("This list has no year: --year does not apply to it."))
        rows = [r for r in rows if _year(r) == args.year]
    if args.status is not None:
        if not hasattr(sample, "status"):
            raise BadInput(_("This list has no status: --status does not apply to it."))
        wanted = fold(args.status)
        rows = [r for r in rows if r.status == args.status or fold(getattr(r, "status_label", "") or "") == wanted]
    return rows


def sorted_as_page(rows: list[Any], columns: tuple[Any, ...]) -> list[Any]:
    """The page's first sort: its first column, ascending (a stable sort on the services' order)."""
    first = columns[0]
    if first.presorted:
        return rows
    return sorted(rows, key=first.sort_value)


def cmd_export(args: argparse.Namespace) -> int:
    from ocop_desktop import list_columns
    from ocop_desktop.excel.export import export_rows
    from ocop_desktop.excel.workbook_writer import check_target

    kind, columns_name, _loader = KINDS[args.kind]
    check_target(args.xlsx)  # a bad path is refused before the database is opened
    with _open(args) as db, db.read_session() as s:
        rows = load_rows(s, args.kind)
    columns = getattr(list_columns, columns_name)
    rows = sorted_as_page(filter_rows(rows, args), columns)
    written = export_rows(args.xlsx, kind, columns, rows, title=None)
    print(ngettext("{n} row written to {file}", "{n} rows written to {file}", written.rows).format(
        n=format_number(written.rows), file=written.path))
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("export", None): cmd_export,
}
