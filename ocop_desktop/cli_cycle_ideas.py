"""CLI for product ideas: ``ideas list [--json]`` and ``ideas add --from FILE.json`` (see ``cli.py``
for the conventions: ``--db PATH``; exit 0 ok, 2 refused input with the reason on stderr).

The file holds one idea or a list of ideas, with the fields of ``services.ideas.IdeaData``
(dates as yyyy-mm-dd or dd/mm/yyyy). Every idea is checked first and they are written in one
transaction: one refused idea writes none."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ocop_desktop.cli_common import EXIT_OK
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import _, parse_date

MAX_FILE_BYTES = 20 * 1024 * 1024
_DATES = ("received_on", "screened_on")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ideas", help=_("product ideas (step 2 of the OCOP cycle)"))
    ps = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    lst = ps.add_parser("list", help=_("list product ideas"))
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--search", default="")
    lst.add_argument("--deleted", action="store_true", help=_("include deleted records"))
    add = ps.add_parser("add", help=_("add product ideas from a JSON file (one object or a list)"))
    add.add_argument("--from", dest="source", required=True, metavar="FILE.json")


def cmd_list(args: argparse.Namespace) -> int:
    from ocop_desktop.services import ideas, products

    with _open(args) as db, db.read_session() as s:
        rows = products.search_rows(ideas.list_ideas(s, include_deleted=args.deleted), args.search)
    fields = ["id", "name", "proposer", "producer_id", "received_on", "commune_code", "commune_name", "set_label",
              "status", "product_id", "deleted", "version"]
    if args.json:
        json.dump([{f: getattr(r, f) for f in fields} for r in rows], sys.stdout, ensure_ascii=False, indent=1,
                  default=str)
        sys.stdout.write("\n")
    else:
        for r in rows:
            print("\t".join((r.received_text, r.name, r.proposer, r.commune_name, r.status_label)))
    return EXIT_OK


def read_json_file(path: Path) -> Any:
    """The file's JSON; an unreadable, oversized or malformed file is refused with the reason."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise BadInput(_("{path} is not a file.").format(path=path))
        if size > MAX_FILE_BYTES:
            raise BadInput(_("{path} is {size} MB; at most {max} MB.").format(
                path=path, size=size // (1024 * 1024), max=MAX_FILE_BYTES // (1024 * 1024)))
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BadInput(_("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from exc
    except UnicodeDecodeError as exc:
        raise BadInput(_("{path} is not UTF-8 text.").format(path=path)) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(_("{path} is not valid JSON (line {line}).").format(path=path, line=exc.lineno)) from exc


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            parsed = parse_date(value)
            if parsed is not None:
                return parsed
    raise ValueError(value)


def idea_from_json(obj: Any):  # noqa: ANN201 - IdeaData
    from ocop_desktop.services.ideas import IdeaData

    if not isinstance(obj, dict):
        raise ValidationFailed({"*": _("each idea is a JSON object")})
    known = {f.name for f in dataclasses.fields(IdeaData)}
    unknown = sorted(set(obj) - known)
    if unknown:
        raise ValidationFailed({"*": _("unknown fields: {names}").format(names=", ".join(unknown))})
    values = dict(obj)
    errors = {}
    for name in _DATES:
        try:
            values[name] = _date(values.get(name))
        except ValueError:
            errors[name] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                field=name, text=values.get(name))
    for name in ("commune_code", "product_set"):
        if values.get(name) is not None and (isinstance(values[name], bool) or not isinstance(values[name], int)):
            errors[name] = _("{field}: a whole number.").format(field=name)
    for name in known - set(_DATES) - {"commune_code", "product_set", "producer_id"}:
        if name in values and not isinstance(values[name], str):
            errors[name] = _("{field}: text.").format(field=name)
    if errors:
        raise ValidationFailed(errors)
    return IdeaData(**values)


def cmd_add(args: argparse.Namespace) -> int:
    from ocop_desktop.services import ideas

    data = read_json_file(Path(args.source))
    items = data if isinstance(data, list) else [data]
    made = []
    with _open(args) as db, db.session() as s:  # one transaction: a refused idea writes none
        for i, obj in enumerate(items, start=1):
            try:
                made.append(ideas.create_idea(s, idea_from_json(obj)).id)
            except ValidationFailed as exc:
                lines = "\n".join(f"  {m}" for m in exc.errors.values())
                raise BadInput(_("Idea {n}: not added, nothing was written.").format(n=i) + "\n" + lines) from exc
    for idea_id in made:
        print(idea_id)
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("ideas", "list"): cmd_list,
    ("ideas", "add"): cmd_add,
}
