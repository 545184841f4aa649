"""Command line: no subcommand opens the GUI; subcommands run headless.

Exit codes: 0 ok, 2 refused input (message on stderr), 1 other failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ocop_desktop import __version__, paths
from ocop_desktop.cli_common import EXIT_BAD_INPUT, EXIT_FAIL, EXIT_OK, err, open_db
from ocop_desktop.errors import BadInput, KnownError
from ocop_desktop.i18n import _, set_language


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; keep its message on stderr."""


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ocop-desktop", description="OCOP Desktop — " + _("offline OCOP records for field and provincial offices"))
    p.add_argument("--version", action="version", version=f"OCOP Desktop {__version__}")
    p.add_argument("--db", metavar="PATH", help=_("database file (default: OCOP_DESKTOP_DB or the user data folder)"))
    p.add_argument("--lang", choices=["vi", "en"], help=_("interface language (default: the saved setting, else Vietnamese)"))
    p.add_argument("--demo", action="store_true", help=_("open the app on a generated demo office"))
    p.add_argument("--smoke", action="store_true", help=_("open the main window, wait until it is shown, then exit 0"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    d = sub.add_parser("demo", help=_("build a demo office database"))
    d.add_argument("--products", type=int, default=240, metavar="N")
    d.add_argument("--producers", type=int, default=None, metavar="N", help=_("default: about half the products"))
    d.add_argument("--province", default="Cao Bằng")
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--role", choices=["field", "province"], default=None,
                   help=_("kind of office (default: a field office unless the data set needs most communes)"))
    d.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    d.add_argument("--decisions", action="store_true", help=argparse.SUPPRESS)  # always on now; kept for old scripts
    d.add_argument("--sync-story", action="store_true",
                   help=_("a provincial office also gets two field offices and a history of sync bundles"))

    pr = sub.add_parser("producers", help=_("producer records"))
    prs = pr.add_subparsers(dest="action", required=True, metavar="ACTION")
    prl = prs.add_parser("list", help=_("list producers"))
    prl.add_argument("--json", action="store_true")
    prl.add_argument("--search", default="")
    prl.add_argument("--deleted", action="store_true", help=_("include deleted records"))

    po = sub.add_parser("products", help=_("product records"))
    pos = po.add_subparsers(dest="action", required=True, metavar="ACTION")
    pol = pos.add_parser("list", help=_("list products"))
    pol.add_argument("--json", action="store_true")
    pol.add_argument("--search", default="")
    pol.add_argument("--deleted", action="store_true", help=_("include deleted records"))

    dbp = sub.add_parser("db", help=_("database maintenance"))
    dbs = dbp.add_subparsers(dest="action", required=True, metavar="ACTION")
    dbs.add_parser("check", help=_("run SQLite's integrity check and report the schema version"))

    b = sub.add_parser("backup", help=_("write a consistent copy of the database"))
    b.add_argument("--to", required=True, metavar="FILE")

    r = sub.add_parser("restore", help=_("replace the database with a backup (the current file is kept aside)"))
    r.add_argument("file", metavar="FILE")
    r.add_argument("--other-office", action="store_true",
                   help=_("the backup is another office's: replace this office with it"))

    sc = sub.add_parser("score", help=_("score one evaluation sheet from a JSON file of choices"))
    sc.add_argument("--set", type=int, required=True, metavar="N", dest="set_number",
                    help=_("product set (bộ tiêu chí) 1–26"))
    sc.add_argument("--choices", required=True, metavar="FILE.json",
                    help=_("JSON object: criterion code → 0-based option index in sheet order"))
    sc.add_argument("--rubric", default="qd-26-2026", metavar="ID", help=_("rubric version (default: qd-26-2026)"))
    sc.add_argument("--eliminated-by", default=None, metavar="NOTE_ID",
                    help=_("the elimination or stop rule that applied (a note id of the sheet)"))
    sc.add_argument("--draft", action="store_true", help=_("accept criteria left empty and list them"))

    ru = sub.add_parser("rubric", help=_("scoring rubrics"))
    rus = ru.add_subparsers(dest="action", required=True, metavar="ACTION")
    rush = rus.add_parser("show", help=_("print a scoring sheet with criterion codes, option indexes and points"))
    rush.add_argument("--set", type=int, required=True, metavar="N", dest="set_number",
                      help=_("product set (bộ tiêu chí) 1–26"))
    rush.add_argument("--rubric", default="qd-26-2026", metavar="ID", help=_("rubric version (default: qd-26-2026)"))
    rush.add_argument("--json", action="store_true", help=_("print the sheet as JSON"))
    for module in _command_modules():
        module.add_parsers(sub)
    _accept_db_after_command(sub)
    return p


def _accept_db_after_command(sub: argparse._SubParsersAction) -> None:
    """Let every command take ``--db PATH`` after it too (``ocop-desktop demo … --db PATH``)."""
    for parser in sub.choices.values():
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for action in nested:
            _accept_db_after_command(action)
        if not nested:
            # SUPPRESS: when absent here, the --db given before the command stays.
            parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                                help=_("database file (default: OCOP_DESKTOP_DB or the user data folder)"))


_err = err

#: Modules that add top-level commands: each has ``add_parsers(sub)`` and ``COMMANDS``.
COMMAND_MODULES = ("cli_office", "cli_sync", "cli_relay", "cli_reports", "cli_report_docs", "cli_cycle_ideas", "cli_cycle_plans",
                   "cli_cycle_events", "cli_cycle_training", "cli_export", "cli_stats", "cli_import")


def _command_modules() -> list:
    import importlib

    return [importlib.import_module(f"ocop_desktop.{name}") for name in COMMAND_MODULES]


def main(argv: list[str]) -> int:
    from ocop_desktop import settings

    # Learn --lang before building the parser, so that --help is translated too.
    lang = next((a.split("=", 1)[1] for a in argv if a.startswith("--lang=")), None)
    if lang is None and "--lang" in argv:
        i = argv.index("--lang")
        lang = argv[i + 1] if i + 1 < len(argv) else None
    set_language(lang or settings.load().language)
    parser = build_parser()
    argv, open_file = _split_open_file(argv)
    args = parser.parse_args(argv)
    args.open_file = open_file
    if open_file is not None and args.command is not None:
        parser.error(_("a file to open cannot be combined with a command"))
    if args.command is None:
        from ocop_desktop import app

        return app.run(args)
    commands = dict(COMMANDS)
    for module in _command_modules():
        commands.update(module.COMMANDS)
    handler = commands[(args.command, getattr(args, "action", None))]
    try:
        return handler(args)
    except KnownError as exc:
        _err(exc.full_message())
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_FAIL
    except BrokenPipeError:
        _quiet_stdout()  # `products list | head`: the reader has had enough
        return EXIT_FAIL
    except Exception as exc:
        from ocop_desktop import faults

        known = faults.known_error(exc, _db_path(args))  # a full disk, a damaged file
        if known is None:
            raise
        _err(known.full_message())
        return known.exit_code


def _split_open_file(argv: list[str]) -> tuple[list[str], Path | None]:
    """``ocop-desktop [OPTIONS] FILE.ocopbundle`` (a double-click on the file in Windows):
    take the file out of the arguments, so that the GUI opens its import."""
    from ocop_desktop.ui.open_file import is_openable

    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg in ("--db", "--lang"):
            skip = True
        elif not arg.startswith("-"):
            if is_openable(arg):
                return argv[:i] + argv[i + 1:], Path(arg)
            break
    return argv, None


def _quiet_stdout() -> None:
    """After a broken pipe: point stdout at the null device so that Python's final flush
    does not raise again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _db_path(args: argparse.Namespace) -> Path:
    return paths.default_db_path(args.db)


_open = open_db


def cmd_demo(args: argparse.Namespace) -> int:
    from ocop_desktop import demo

    if args.products < 0 or (args.producers is not None and args.producers < 1):
        raise BadInput(_("--products must be 0 or more and --producers at least 1."))
    path = _db_path(args)
    result = demo.build_demo(path, products=args.products, producers=args.producers,
                             province=args.province, seed=args.seed, force=args.force, role=args.role,
                             sync_story=args.sync_story, with_decisions=True)
    print(_("Demo office written to {path}: {producers} producers, {products} products.").format(
        path=path, producers=result.producers, products=result.products))
    return EXIT_OK


def _print_rows(rows: list, as_json: bool, fields: list[str], headers: list[str]) -> None:
    if as_json:
        json.dump([{f: getattr(r, f) for f in fields} for r in rows], sys.stdout, ensure_ascii=False, indent=1,
                  default=str)
        sys.stdout.write("\n")
        return
    for r in rows:
        print("\t".join(str(getattr(r, f) if getattr(r, f) is not None else "") for f in fields[1:len(headers) + 1]))


def cmd_producers_list(args: argparse.Namespace) -> int:
    from ocop_desktop.services import producers, products

    with _open(args) as db, db.read_session() as s:
        rows = products.search_rows(producers.list_producers(s, include_deleted=args.deleted), args.search)
    _print_rows(rows, args.json,
                ["id", "name", "kind", "identifier", "commune_code", "commune_name", "rep_name", "phone",
                 "value_chain", "product_count", "deleted", "version"],
                ["name", "kind", "identifier", "commune"])
    return EXIT_OK


def cmd_products_list(args: argparse.Namespace) -> int:
    from ocop_desktop.services import decisions, products

    with _open(args) as db, db.read_session() as s:
        rows = products.search_rows(products.list_products(s, include_deleted=args.deleted), args.search)
        certificates: dict[str, dict | None] = {}
        if args.json:
            # Each product's current certificate, with the status the register gives it today.
            current = decisions.current_certificate_ids(s, [r.id for r in rows])
            by_id = {c.id: c for c in decisions.list_certificates(s, include_deleted=False)} if current else {}
            for r in rows:
                c = by_id.get(current.get(r.id, ""))
                certificates[r.id] = None if c is None else {
                    "number": c.number, "status": c.status, "expiry": c.expiry_date.isoformat()}
    fields = ["id", "name", "code", "producer_id", "producer_name", "product_set", "commune_code",
              "commune_name", "status", "stars", "deleted", "version"]
    if args.json:
        json.dump([{**{f: getattr(r, f) for f in fields}, "certificate": certificates.get(r.id)} for r in rows],
                  sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
        return EXIT_OK
    _print_rows(rows, False, fields, ["name", "code", "producer_name"])
    return EXIT_OK


def cmd_db_check(args: argparse.Namespace) -> int:
    import sqlite3

    from ocop_desktop import faults
    from ocop_desktop.db import HEAD_REVISION, integrity_problems

    with _open(args) as db:
        problems = integrity_problems(db.path)
        try:
            con = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
            try:
                rev = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:  # the page holding it is damaged too
            rev = None
            problems = problems or [str(exc)]
        report = {"path": str(db.path), "schema": rev, "schema_current": rev == HEAD_REVISION,
                  "integrity": "ok" if not problems else problems, "office": db.office_id}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if problems:
        _err(faults.damaged(db.path).full_message())
        return EXIT_BAD_INPUT
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    with _open(args) as db:
        dest = db.backup_to(args.to)
    print(_("Backup written to {path}").format(path=dest))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from ocop_desktop.db import restore

    dest = restore(args.file, _db_path(args), other_office_ok=args.other_office)
    print(_("Restored {backup} into {path}").format(backup=args.file, path=dest))
    return EXIT_OK


def _sheet(rubric_id: str, set_number: int):  # noqa: ANN202 - a scoring.model.Sheet
    from ocop_desktop.scoring.rubric import load_rubric

    rubric = load_rubric(rubric_id)
    if set_number not in rubric.sheets:
        raise BadInput(_("Unknown set {n}: rubric {id} has sets {first}–{last}.").format(
            n=set_number, id=rubric.id, first=min(rubric.sheets), last=max(rubric.sheets)))
    return rubric.sheet(set_number)


def _read_choices(name: str) -> dict:
    path = Path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(_("The choices file {file} does not exist.").format(file=name)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(_("The choices file {file} cannot be read: {reason}").format(
            file=name, reason=getattr(exc, "strerror", None) or str(exc))) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(_("The choices file {file} is not valid JSON (line {line}, column {column}: {reason}).")
                       .format(file=name, line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    if not isinstance(data, dict):
        raise BadInput(_("The choices file {file} must hold one JSON object mapping criterion codes to "
                         "option indexes, e.g. {example}.").format(file=name, example='{"1.1": 2, "1.2": 0}'))
    return data


def cmd_score(args: argparse.Namespace) -> int:
    from ocop_desktop.scoring.engine import score_sheet

    sheet = _sheet(args.rubric, args.set_number)
    choices = _read_choices(args.choices)
    result = score_sheet(sheet, choices, rubric_id=args.rubric, eliminated_by=args.eliminated_by,
                         allow_missing=args.draft)
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    return EXIT_OK


def cmd_rubric_show(args: argparse.Namespace) -> int:
    sheet = _sheet(args.rubric, args.set_number)
    if args.json:
        from dataclasses import asdict

        print(json.dumps({"rubric": args.rubric, **asdict(sheet)}, ensure_ascii=False, indent=1))
    else:
        from ocop_desktop.scoring.show import sheet_text

        print(sheet_text(sheet, args.rubric))
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("demo", None): cmd_demo,
    ("producers", "list"): cmd_producers_list,
    ("products", "list"): cmd_products_list,
    ("db", "check"): cmd_db_check,
    ("backup", None): cmd_backup,
    ("restore", None): cmd_restore,
    ("score", None): cmd_score,
    ("rubric", "show"): cmd_rubric_show,
}

