"""CLI for importing outside workbooks (issue 12): ``import excel FILE [--sheet NAME]
[--mapping FILE.json] [--product-set N] [--dry-run] [--errors OUT.xlsx] [--json]``,
``import list`` and ``import undo BATCH_ID``. Rows with errors refuse the whole file (exit 2,
the rows on stderr or in the JSON); ``--dry-run`` previews and writes nothing.

The mapping file is a JSON list (one field key per column) or an object {header: field}."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ocop_desktop.cli_common import EXIT_BAD_INPUT, EXIT_OK, err
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help=_("import producers and products from Excel, CSV or ODS files"))
    ps = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    ex = ps.add_parser("excel", help=_("import a workbook (.xlsx, .xls, .ods, .csv)"))
    ex.add_argument("file", metavar="FILE")
    ex.add_argument("--sheet", metavar="NAME", help=_("sheet to import (default: the first visible one)"))
    ex.add_argument("--mapping", metavar="FILE.json", help=_("column mapping: a list of field keys or {header: field}"))
    ex.add_argument("--product-set", type=int, metavar="N", help=_("product set 1–26 for rows without one"))
    ex.add_argument("--dry-run", action="store_true", help=_("preview only: write nothing"))
    ex.add_argument("--errors", metavar="OUT.xlsx", help=_("write the rows with errors and a \"Lỗi\" column here"))
    ex.add_argument("--json", action="store_true", help=_("print the preview or the result as JSON"))
    ps.add_parser("list", help=_("list the imports, newest first"))
    un = ps.add_parser("undo", help=_("undo a whole import (its records are deleted)"))
    un.add_argument("batch", metavar="BATCH_ID")


def _read_mapping(name: str):  # noqa: ANN202
    path = Path(name)
    try:
        if path.stat().st_size > 1024 * 1024:
            raise BadInput(_("The mapping file {file} is too large.").format(file=name))
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(_("The mapping file {file} cannot be read: {error}").format(file=name,
                                                                                error=exc.strerror or exc)) from None
    except ValueError as exc:
        raise BadInput(_("The mapping file {file} is not valid JSON: {error}").format(file=name, error=exc)) from None


def _excel(args: argparse.Namespace) -> int:
    from ocop_desktop.excel import import_run
    from ocop_desktop.excel.import_apply import write_error_workbook
    from ocop_desktop.excel.import_roundtrip import is_export

    if is_export(Path(args.file)):
        return _roundtrip(args)
    source = import_run.open_file(Path(args.file), args.sheet)
    if args.mapping:
        import_run.set_mapping(source, _read_mapping(args.mapping))
    db = _open(args)
    try:
        plan = import_run.preview(db, source, product_set=args.product_set)
        counts = plan.counts()
        if args.errors and plan.error_rows:
            write_error_workbook(plan, Path(args.errors))
        report = {
            "file": str(args.file), "sheet": source.raw.name, "header_rows": [r + 1 for r in source.layout.header_rows],
            "columns": [{"header": label, "field": key} for label, key in zip(source.layout.labels, source.mapping,
                                                                               strict=True)],
            "converted": {source.layout.labels[c]: enc for c, enc in source.conversions.items()
                          if c < source.width},
            "counts": counts,
            "rows": [{"row": r.excel_row, "status": r.status, "note": r.note,
                      "errors": [{"column": c, "reason": m} for c, m in r.errors]} for r in plan.rows],
        }
        if plan.error_rows:
            if args.json:
                print(json.dumps(report, ensure_ascii=False, indent=1))
            for r in plan.error_rows[:200]:
                err(_("Row {row}: {errors}").format(row=r.excel_row, errors=r.parsed.error_text()))
            err(_("{n} of {total} rows have errors; nothing was imported.").format(n=len(plan.error_rows),
                                                                                  total=len(plan.rows)))
            return EXIT_BAD_INPUT
        if args.dry_run:
            report["dry_run"] = True
            _print(args, report, _("Dry run: {new} new, {match} already there, {producers} new producers, "
                                   "{results} historical results; nothing was written.").format(
                new=counts["new"], match=counts["match"], producers=counts["producers_new"],
                results=counts["results"]))
            return EXIT_OK
        result = import_run.apply(db, plan)
        report["batch_id"] = result["batch_id"]
        report["created"] = result["counts"].get("created", {})
        c = report["created"]
        _print(args, report, _("Imported: {products} products, {producers} producers, {results} historical results "
                               "(import {batch}).").format(products=c.get("product", 0), producers=c.get("producer", 0),
                                                          results=c.get("evaluation", 0), batch=result["batch_id"]))
        return EXIT_OK
    finally:
        db.close()


def _roundtrip(args: argparse.Namespace) -> int:
    """A list exported by the app and edited: updates of the same records; conflicts shown."""
    from ocop_desktop.excel import import_run

    db = _open(args)
    try:
        plan = import_run.roundtrip_preview(db, Path(args.file))
        report = {"file": str(args.file), "round_trip": plan.kind, "counts": plan.counts(), "rows": [
            {"row": r.excel_row, "id": r.record_id, "error": r.error, "ignored": r.ignored,
             "changes": {plan.headers.get(k, k): {"from": a, "to": b} for k, (a, b) in r.changes.items()},
             "conflicts": {plan.headers.get(k, k): {"exported": a, "now": b, "file": c}
                           for k, (a, b, c) in r.conflicts.items()}}
            for r in plan.rows if r.changes or r.conflicts or r.error or r.ignored]}
        for r in plan.rows:
            for k, (was, now, new) in r.conflicts.items():
                err(_("Row {row}: {column} was changed in the app since the export (\"{was}\" → \"{now}\"); the "
                      "file's \"{new}\" is not written.").format(row=r.excel_row, column=plan.headers.get(k, k),
                                                                   was=was, now=now, new=new))
            if r.error:
                err(_("Row {row}: {errors}").format(row=r.excel_row, errors=r.error))
        if plan.counts()["errors"]:
            if args.json:
                print(json.dumps(report, ensure_ascii=False, indent=1, default=str))
            err(_("{n} of {total} rows have errors; nothing was imported.").format(n=plan.counts()["errors"],
                                                                                  total=len(plan.rows)))
            return EXIT_BAD_INPUT
        if args.dry_run:
            report["dry_run"] = True
            _print(args, report, _("Dry run: {n} records would be updated, {c} conflicts; nothing was written.").format(
                n=plan.counts()["updated"], c=plan.counts()["conflicts"]))
            return EXIT_OK
        result = import_run.roundtrip_apply(db, plan)
        report["batch_id"] = result["batch_id"]
        _print(args, report, _("Updated {n} records from the exported list ({c} conflicts left as they are; "
                               "import {batch}).").format(n=plan.counts()["updated"], c=plan.counts()["conflicts"],
                                                          batch=result["batch_id"]))
        return EXIT_OK
    finally:
        db.close()


def _print(args: argparse.Namespace, report: dict, text: str) -> None:
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    else:
        print(text)


def _list(args: argparse.Namespace) -> int:
    from ocop_desktop.excel.import_apply import list_batches

    db = _open(args)
    try:
        with db.read_session() as s:
            for b in list_batches(s):
                state = _("undone") if b.undone_at else ""
                print(f"{b.id}\t{b.created_at:%d/%m/%Y %H:%M}\t{b.file_name}\t{b.counts.get('new', 0)}\t{state}")
    finally:
        db.close()
    return EXIT_OK


def _undo(args: argparse.Namespace) -> int:
    from ocop_desktop.excel import import_run

    db = _open(args)
    try:
        counts = import_run.undo(db, args.batch)
    finally:
        db.close()
    print(_("Import undone: {products} products, {producers} producers, {results} historical results deleted.").format(
        products=counts["product"], producers=counts["producer"], results=counts["evaluation"]))
    if counts.get("updated"):
        print(_("{n} updated records have their previous values back.").format(n=counts["updated"]))
    return EXIT_OK


COMMANDS = {("import", "excel"): _excel, ("import", "list"): _list, ("import", "undo"): _undo}
