"""CLI for business plans: ``plans list [--json]`` and ``plans add --from FILE.json`` (see ``cli.py``
for the conventions: ``--db PATH``; exit 0 ok, 2 refused input with the reason on stderr). The
provincial plans with their targets (issue 11) are the ``targets`` commands, not these.

The file holds one plan or a list of plans, with the fields of
``services.business_plans.PlanData`` (dates as yyyy-mm-dd or dd/mm/yyyy; amounts as whole đồng or
text such as "350.000.000") and optionally ``"files"``: paths of files to attach (relative to the
JSON file), checked like files attached in the app. Every plan is checked first and they are
written in one transaction: one refused plan writes none."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ocop_desktop.cli_common import EXIT_OK
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.cli_cycle_ideas import _date, read_json_file
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import _

_DATES = ("submitted_on", "start_date", "end_date", "approval_date")
_IDS = ("producer_id", "idea_id", "product_id")
_AMOUNTS = ("capital_own", "capital_loans", "support_requested", "expected_revenue")
_COUNTS = ("jobs", "jobs_women", "jobs_minority")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plans", help=_("business plans (step 3 of the OCOP cycle)"))
    ps = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    lst = ps.add_parser("list", help=_("list business plans"))
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--search", default="")
    lst.add_argument("--deleted", action="store_true", help=_("include deleted records"))
    add = ps.add_parser("add", help=_("add business plans from a JSON file (one object or a list)"))
    add.add_argument("--from", dest="source", required=True, metavar="FILE.json")


def cmd_list(args: argparse.Namespace) -> int:
    from ocop_desktop.services import products
    from ocop_desktop.services.business_plan_list import list_plans

    with _open(args) as db, db.read_session() as s:
        rows = products.search_rows(list_plans(s, include_deleted=args.deleted), args.search)
    fields = ["id", "title", "producer_id", "producer_name", "commune_code", "commune_name", "idea_id", "idea_name",
              "product_id", "product_name", "submitted_on", "start_date", "end_date", "capital_total",
              "support_requested", "jobs", "status", "approval_number", "attachment_count", "deleted", "version"]
    if args.json:
        json.dump([{f: getattr(r, f) for f in fields} for r in rows], sys.stdout, ensure_ascii=False, indent=1,
                  default=str)
        sys.stdout.write("\n")
    else:
        for r in rows:
            print("\t".join((r.submitted_text, r.title, r.producer_name, r.capital_text, r.status_label)))
    return EXIT_OK


def plan_from_json(obj: Any) -> tuple[Any, list[str]]:
    """(PlanData, the paths of the files to attach); a field of the wrong type is refused by name."""
    from ocop_desktop.services.business_plans import PlanData

    if not isinstance(obj, dict):
        raise ValidationFailed({"*": _("each plan is a JSON object")})
    known = {f.name for f in dataclasses.fields(PlanData)} - {"attachments"}
    unknown = sorted(set(obj) - known - {"files"})
    if unknown:
        raise ValidationFailed({"*": _("unknown fields: {names}").format(names=", ".join(unknown))})
    values = {k: v for k, v in obj.items() if k != "files"}
    files = obj.get("files") or []
    errors = {}
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        errors["files"] = _("{field}: a list of file paths.").format(field="files")
    for name in _DATES:
        try:
            values[name] = _date(values.get(name))
        except ValueError:
            errors[name] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                field=name, text=values.get(name))
    for name in _AMOUNTS:  # int or text: the service words the problem
        if isinstance(values.get(name), bool | float | list | dict):
            values[name] = json.dumps(values[name])
    for name in known - set(_DATES) - set(_AMOUNTS) - set(_COUNTS) - set(_IDS):
        if name in values and not isinstance(values[name], str):
            errors[name] = _("{field}: text.").format(field=name)
    for name in _IDS:
        if values.get(name) is not None and not isinstance(values[name], str):
            errors[name] = _("{field}: text.").format(field=name)
    if errors:
        raise ValidationFailed(errors)
    return PlanData(**values), files


def cmd_add(args: argparse.Namespace) -> int:
    from ocop_desktop.services import attachments, business_plans

    source = Path(args.source)
    data = read_json_file(source)
    items = data if isinstance(data, list) else [data]
    made = []
    with _open(args) as db, db.session() as s:  # one transaction: a refused plan writes none
        root = attachments.attachments_dir(db.path)
        for i, obj in enumerate(items, start=1):
            try:
                plan, files = plan_from_json(obj)
                try:
                    plan.attachments = [attachments.add_file(s, root, source.parent / f) for f in files]
                except BadInput as exc:
                    raise ValidationFailed({"files": exc.message}) from None
                made.append(business_plans.create_plan(s, plan).id)
            except ValidationFailed as exc:
                lines = "\n".join(f"  {m}" for m in exc.errors.values())
                raise BadInput(_("Plan {n}: not added, nothing was written.").format(n=i) + "\n" + lines) from exc
    for plan_id in made:
        print(plan_id)
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("plans", "list"): cmd_list,
    ("plans", "add"): cmd_add,
}
