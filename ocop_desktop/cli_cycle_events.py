"""CLI for trade promotion (issue 10 item 3): ``events list [--json]``, ``events add --from
FILE.json``, ``sale-points list [--json]`` and ``sale-points add --from FILE.json`` (see ``cli.py`` for the conventions: ``--db PATH``; exit 0 ok, 2 refused input with
the reason on stderr, 1 other failure).

The file of ``add`` is one JSON object with the fields of
:class:`~ocop_desktop.services.trade_events.TradeEventData`: dates as dd/mm/yyyy or ISO, amounts
as whole numbers or text such as "903.000.000", ``participants`` a list of
``{"producer_id", "product_ids", "booths", "sales"}``; a point of sale's file has the fields of
:class:`~ocop_desktop.services.sale_points.SalePointData`. A refused file writes nothing."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from ocop_desktop.cli_common import EXIT_OK
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import AmountError, _, parse_amount, parse_date

#: The largest record file ``add`` reads.
MAX_FILE_BYTES = 1024 * 1024


def add_parsers(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("events", help=_("trade promotion events: fairs, exhibitions, conferences, e-commerce"))
    es = e.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = es.add_parser("list", help=_("list the events, newest first"))
    ls.add_argument("--json", action="store_true", help=_("print the events as JSON"))
    ls.add_argument("--year", type=int, metavar="YYYY", help=_("only the events that started in this year"))
    ls.add_argument("--deleted", action="store_true", help=_("include deleted events"))
    add = es.add_parser("add", help=_("record an event from a JSON file"))
    add.add_argument("--from", dest="source", required=True, metavar="FILE.json",
                     help=_("one JSON object with the event's fields"))
    _add_sale_point_parsers(sub)


def _add_sale_point_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sale-points", help=_("OCOP points of sale and showrooms"))
    ps = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = ps.add_parser("list", help=_("list the points of sale by name"))
    ls.add_argument("--json", action="store_true", help=_("print the points of sale as JSON"))
    ls.add_argument("--deleted", action="store_true", help=_("include deleted points of sale"))
    add = ps.add_parser("add", help=_("record a point of sale from a JSON file"))
    add.add_argument("--from", dest="source", required=True, metavar="FILE.json",
                     help=_("one JSON object with the point of sale's fields"))


def read_record_file(name: str) -> dict[str, Any]:
    """The JSON object in ``name``; a missing, unreadable, oversized or malformed file is refused."""
    path = Path(name)
    try:
        if not path.is_file():
            raise BadInput(_("The file {file} does not exist or is not a file.").format(file=name))
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadInput(_("The file {file} is too large ({size} bytes; at most {most}).").format(
                file=name, size=size, most=MAX_FILE_BYTES))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(_("The file {file} cannot be read: {reason}").format(
            file=name, reason=getattr(exc, "strerror", None) or str(exc))) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(_("The file {file} is not valid JSON (line {line}, column {column}: {reason}).").format(
            file=name, line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    if not isinstance(data, dict):
        raise BadInput(_("The file {file} must hold one JSON object.").format(file=name))
    return data


def _date(value: Any, errors: dict[str, str], key: str, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is None:
            try:
                parsed = dt.date.fromisoformat(value)
            except ValueError:
                parsed = None
        if parsed is not None:
            return parsed
    errors[key] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
        field=label, text=value)
    return None


def _amount(value: Any, errors: dict[str, str], key: str, label: str) -> Any:
    """Text such as "903.000.000 đ" becomes an int; other values go to the service, which checks them."""
    if isinstance(value, str):
        from ocop_desktop.services.validation import amount_text_error

        try:
            return parse_amount(value)
        except AmountError:
            errors[key] = amount_text_error(label, value) or ""
    return value


def event_from_json(obj: dict[str, Any]):  # noqa: ANN201 - TradeEventData, imported lazily
    from ocop_desktop.services.trade_events import Booth, TradeEventData

    known = {f.name for f in fields(TradeEventData)}
    unknown = sorted(set(obj) - known)
    if unknown:
        raise BadInput(_("Unknown fields: {names}. Known fields: {known}.").format(
            names=", ".join(unknown), known=", ".join(sorted(known))))
    errors: dict[str, str] = {}
    values = dict(obj)
    values["start_date"] = _date(obj.get("start_date"), errors, "start_date", _("Start date"))
    values["end_date"] = _date(obj.get("end_date"), errors, "end_date", _("End date"))
    for key, label in (("sales", _("Total sales")), ("cost", _("Cost"))):
        values[key] = _amount(obj.get(key), errors, key, label)
    for key in ("name", "place", "organiser", "notes"):
        if key in values and not isinstance(values[key], str):
            errors[key] = _("{field}: must be text.").format(field=key)
            values[key] = ""
    booths = []
    raw = obj.get("participants") or []
    if not isinstance(raw, list):
        raise BadInput(_("participants: must be a list of booths."))
    for i, b in enumerate(raw):
        if not isinstance(b, dict) or not isinstance(b.get("product_ids", []), list):
            errors[f"participants.{i}"] = _("Booth {n}: give producer_id, product_ids (a list), booths and sales.").format(
                n=i + 1)
            continue
        sales = _amount(b.get("sales"), errors, f"participants.{i}", _("Booth {n}: sales").format(n=i + 1))
        booths.append(Booth(str(b.get("producer_id") or ""), [str(p) for p in b.get("product_ids") or []],
                            b.get("booths", 1), sales))
    values["participants"] = booths
    if errors:
        raise ValidationFailed(errors)
    return TradeEventData(**values)


def cmd_list(args: argparse.Namespace) -> int:
    from ocop_desktop.services.trade_events import list_events

    with _open(args) as db, db.read_session() as s:
        rows = [r for r in list_events(s, include_deleted=args.deleted) if args.year is None or r.year == args.year]
    if args.json:
        out = []
        for r in rows:
            d = asdict(r)
            d.pop("search_text")
            d["commune_codes"] = sorted(r.commune_codes)
            out.append(d)
        print(json.dumps(out, ensure_ascii=False, indent=1, default=str))
    else:
        for r in rows:
            print("\t".join((r.dates_text, r.name, r.kind_label, r.place, str(r.producer_count), r.sales_text)))
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from ocop_desktop.services.trade_events import create_event

    data = event_from_json(read_record_file(args.source))
    with _open(args) as db, db.session() as s:
        event_id = create_event(s, data).id
    print(json.dumps({"id": event_id}))
    return EXIT_OK


def sale_point_from_json(obj: dict[str, Any]):  # noqa: ANN201 - SalePointData, imported lazily
    from ocop_desktop.services.sale_points import SalePointData

    known = {f.name for f in fields(SalePointData)}
    unknown = sorted(set(obj) - known)
    if unknown:
        raise BadInput(_("Unknown fields: {names}. Known fields: {known}.").format(
            names=", ".join(unknown), known=", ".join(sorted(known))))
    errors: dict[str, str] = {}
    values = dict(obj)
    values["opening_date"] = _date(obj.get("opening_date"), errors, "opening_date", _("Opening date"))
    values["closing_date"] = _date(obj.get("closing_date"), errors, "closing_date", _("Closing date"))
    for key in ("name", "address_detail", "operator", "phone", "notes"):
        if key in values and not isinstance(values[key], str):
            errors[key] = _("{field}: must be text.").format(field=key)
            values[key] = ""
    code = obj.get("commune_code")
    if code is not None and (isinstance(code, bool) or not isinstance(code, int)):
        errors["commune_code"] = _("Commune: unknown commune code {code}.").format(code=code)
        values["commune_code"] = None
    ids = obj.get("product_ids") or []
    if not isinstance(ids, list):
        errors["product_ids"] = _("product_ids: must be a list of product ids.")
        ids = []
    values["product_ids"] = [str(i) for i in ids]
    if errors:
        raise ValidationFailed(errors)
    return SalePointData(**values)


def cmd_points_list(args: argparse.Namespace) -> int:
    from ocop_desktop.services.sale_points import list_points

    with _open(args) as db, db.read_session() as s:
        rows = list_points(s, include_deleted=args.deleted)
    if args.json:
        out = []
        for r in rows:
            d = asdict(r)
            d.pop("search_text")
            out.append(d)
        print(json.dumps(out, ensure_ascii=False, indent=1, default=str))
    else:
        for r in rows:
            print("\t".join((r.name, r.kind_label, r.commune_name, r.opening_text, str(r.product_count),
                             r.status_label)))
    return EXIT_OK


def cmd_points_add(args: argparse.Namespace) -> int:
    from ocop_desktop.services.sale_points import create_point

    data = sale_point_from_json(read_record_file(args.source))
    with _open(args) as db, db.session() as s:
        point_id = create_point(s, data).id
    print(json.dumps({"id": point_id}))
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("events", "list"): cmd_list,
    ("events", "add"): cmd_add,
    ("sale-points", "list"): cmd_points_list,
    ("sale-points", "add"): cmd_points_add,
}
