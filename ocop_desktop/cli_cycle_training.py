"""CLI for training classes and support (issue 10 §4–5): ``training list [--json]``,
``training add --from FILE.json``, ``support list [--json]``, ``support add --from FILE.json``.

A file holds one JSON object or a list of them, with the fields of ``TrainingData`` /
``SupportData`` (dates as dd/mm/yyyy or yyyy-mm-dd, amounts as numbers or "903.000.000 đ").
The whole file is saved in one transaction: one bad record and nothing is written (exit 2,
each record's field messages on stderr)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from ocop_desktop.cli_common import EXIT_OK
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import _, parse_date

#: A larger file is refused before it is read.
MAX_FILE_BYTES = 5 * 1024 * 1024


def add_parsers(sub: argparse._SubParsersAction) -> None:
    for name, text in (("training", _("training classes (lớp tập huấn)")),
                       ("support", _("support given to producers and products (hỗ trợ)"))):
        p = sub.add_parser(name, help=text)
        ps = p.add_subparsers(dest="action", required=True, metavar="ACTION")
        lst = ps.add_parser("list", help=_("list the records"))
        lst.add_argument("--json", action="store_true")
        lst.add_argument("--deleted", action="store_true", help=_("include deleted records"))
        add = ps.add_parser("add", help=_("add the records of a JSON file (one object or a list)"))
        add.add_argument("--from", dest="source", required=True, metavar="FILE.json")


def _read_records(name: str) -> list[dict[str, Any]]:
    path = Path(name)
    try:
        if not path.is_file():
            raise BadInput(_("The file {file} does not exist or is not a file.").format(file=name))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BadInput(_("The file {file} is larger than {mb} MB.").format(file=name, mb=MAX_FILE_BYTES // 2**20))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(_("The file {file} cannot be read: {reason}").format(
            file=name, reason=getattr(exc, "strerror", None) or str(exc))) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(_("The file {file} is not valid JSON (line {line}, column {column}: {reason}).").format(
            file=name, line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    records = data if isinstance(data, list) else [data]
    if not all(isinstance(r, dict) for r in records):
        raise BadInput(_("The file {file} must hold a JSON object or a list of objects.").format(file=name))
    return records


def _to_data(cls: type, raw: dict[str, Any], index: int) -> Any:
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(raw) - names)
    if unknown:
        raise BadInput(_("Record {n}: unknown fields {names}; known: {known}.").format(
            n=index, names=", ".join(unknown), known=", ".join(sorted(names))))
    values = dict(raw)
    for f in fields(cls):
        v = values.get(f.name)
        if "date" in f.name and isinstance(v, str):
            try:
                values[f.name] = parse_date(v) or dt.date.fromisoformat(v)
            except ValueError:
                raise ValidationFailed({f.name: _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, "
                                                  "e.g. 25/03/2024.").format(field=f.name, text=v)}) from None
    return cls(**values)


def _add(args: argparse.Namespace, cls: type, create: Callable[..., Any]) -> int:
    records = _read_records(args.source)
    problems: list[str] = []
    with _open(args) as db:
        try:
            with db.session() as s:
                ids = []
                for i, raw in enumerate(records, 1):
                    try:
                        ids.append(create(s, _to_data(cls, raw, i)).id)
                    except ValidationFailed as exc:
                        where = _("Record {n}: {problem}")
                        problems.extend(where.format(n=i, problem=m) for m in exc.errors.values())
                if problems:
                    raise ValidationFailed({str(k): m for k, m in enumerate(problems)})
        except ValidationFailed:
            raise BadInput(_("Nothing was saved:") + "\n" + "\n".join(problems)) from None
    for rid in ids:
        print(rid)
    return EXIT_OK


def _list(rows: list[Any], as_json: bool, columns: list[str]) -> int:
    if as_json:
        out = []
        for r in rows:
            d = asdict(r)
            d.pop("search_text", None)
            out.append(d)
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    else:
        for r in rows:
            print("\t".join(str(getattr(r, c) or "") for c in columns))
    return EXIT_OK


def cmd_training_list(args: argparse.Namespace) -> int:
    from ocop_desktop.services.training import list_training

    with _open(args) as db, db.read_session() as s:
        rows = list_training(s, include_deleted=args.deleted)
    return _list(rows, args.json, ["dates_text", "title", "topic_label", "learners", "cost_text"])


def cmd_support_list(args: argparse.Namespace) -> int:
    from ocop_desktop.services.support import list_support

    with _open(args) as db, db.read_session() as s:
        rows = list_support(s, include_deleted=args.deleted)
    return _list(rows, args.json, ["date", "producer_name", "kind_label", "amount_text", "funding_label"])


def cmd_training_add(args: argparse.Namespace) -> int:
    from ocop_desktop.services.training import TrainingData, create_training

    return _add(args, TrainingData, create_training)


def cmd_support_add(args: argparse.Namespace) -> int:
    from ocop_desktop.services.support import SupportData, create_support

    return _add(args, SupportData, create_support)


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("training", "list"): cmd_training_list,
    ("training", "add"): cmd_training_add,
    ("support", "list"): cmd_support_list,
    ("support", "add"): cmd_support_add,
}
