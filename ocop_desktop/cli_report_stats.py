"""CLI for the statistics reports: ``report stats`` (compute, write PDF and/or .xlsx, optionally
freeze what is sent) and ``report frozen`` (list the frozen reports, or write one again exactly as
sent). Added to the ``report`` command of :mod:`ocop_desktop.cli_report_docs`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from ocop_desktop.cli_common import EXIT_OK
from ocop_desktop.cli_common import open_db as _open
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _


def add_parsers(rs: argparse._SubParsersAction) -> None:
    p = rs.add_parser("stats", help=_("the statistics reports an office sends up (B01–B09) as PDF and/or Excel"))
    p.add_argument("--period", required=True, metavar="PERIOD",
                   help=_("a year (2026), years (2021-2025) or dates (2026-01-01..2026-06-30)"))
    p.add_argument("--scope", type=int, nargs="+", metavar="COMMUNE",
                   help=_("only these communes (codes); default: all the office covers"))
    p.add_argument("--report", action="append", metavar="NAME", dest="reports",
                   help=_("only this report (B01…B09; repeat for several); default: all"))
    p.add_argument("--pdf", metavar="FILE.pdf")
    p.add_argument("--xlsx", metavar="FILE.xlsx")
    p.add_argument("--on", metavar="YYYY-MM-DD", help=_("the report's date (default: today)"))
    p.add_argument("--freeze", action="store_true", help=_("keep the figures as sent (frozen report)"))
    p.add_argument("--number", default="", metavar="TEXT", help=_("the report's number, e.g. 12/BC-VPĐP"))
    p.add_argument("--sent-to", default="", metavar="TEXT", dest="sent_to", help=_("to whom it is sent"))
    f = rs.add_parser("frozen", help=_("the frozen reports: list them, or write one again exactly as sent"))
    f.add_argument("--id", metavar="ID", dest="frozen_id", help=_("the frozen report to write"))
    f.add_argument("--pdf", metavar="FILE.pdf")
    f.add_argument("--xlsx", metavar="FILE.xlsx")
    f.add_argument("--json", action="store_true", help=_("machine-readable list"))


def _period(text: str):  # noqa: ANN202
    from ocop_desktop.stats.period import Period

    try:
        return Period.parse(text)
    except ValueError:
        raise BadInput(_("The period {text} is not valid: give a year (2026), years (2021-2025) or two dates "
                         "(2026-01-01..2026-06-30), the end not before the start.").format(text=text)) from None


def _codes(names: list[str] | None) -> list[str] | None:
    from ocop_desktop.stats.catalog import REPORTS, report_code

    if not names:
        return None
    out = []
    for n in names:
        code = report_code(n)
        if code is None:
            raise BadInput(_("Unknown report {name}; use one of: {choices}.").format(name=n, choices=", ".join(REPORTS)))
        out.append(code)
    return out


def _write(tables, heading, pdf: str | None, xlsx: str | None) -> None:  # noqa: ANN001
    from ocop_desktop.reports.stats_pdf import render_reports
    from ocop_desktop.reports.stats_xlsx import render_workbook

    if pdf:
        render_reports(tables, Path(pdf).expanduser(), heading)
        print(Path(pdf).expanduser())
    if xlsx:
        render_workbook(tables, Path(xlsx).expanduser(), heading)
        print(Path(xlsx).expanduser())


def cmd_stats(args: argparse.Namespace) -> int:
    import dataclasses

    from ocop_desktop.reports.stats_pdf import office_heading
    from ocop_desktop.services import frozen_reports
    from ocop_desktop.services.report_scope import office_scope
    from ocop_desktop.stats.catalog import build_reports

    period = _period(args.period)
    codes = _codes(args.reports)
    if not (args.pdf or args.xlsx or args.freeze):
        raise BadInput(_("Say where to write the reports: --pdf FILE and/or --xlsx FILE (or --freeze)."))
    try:
        on = dt.date.fromisoformat(args.on) if args.on else dt.date.today()
    except ValueError:
        raise BadInput(_("The date {text} is not valid: write it as YYYY-MM-DD.").format(text=args.on)) from None
    with _open(args) as db:
        with db.read_session() as s:
            scope = office_scope(s, args.scope)
            tables = build_reports(s, period, scope, codes, today=on)
            heading = dataclasses.replace(office_heading(s, on), number=args.number)
        if args.freeze:
            with db.session() as s:
                row = frozen_reports.freeze(s, tables, period, scope, heading, number=args.number,
                                            sent_to=args.sent_to, by=heading.officer)
                print(_("Frozen report {id} (SHA-256 {sha}).").format(id=row.id, sha=row.content_sha256))
        _write(tables, heading, args.pdf, args.xlsx)
    return EXIT_OK


def cmd_frozen(args: argparse.Namespace) -> int:
    import dataclasses

    from ocop_desktop.services import frozen_reports

    with _open(args) as db, db.read_session() as s:
        if not args.frozen_id:
            rows = frozen_reports.list_frozen(s)
            if args.json:
                print(json.dumps([{"id": r.id, "codes": r.codes, "number": r.number, "sent_to": r.sent_to,
                                   "period": [r.period.start.isoformat(), r.period.end.isoformat()],
                                   "scope": r.scope_label, "frozen_at": r.frozen_at.isoformat(),
                                   "sha256": r.sha256, "intact": r.intact} for r in rows], ensure_ascii=False,
                                 indent=1))
            else:
                for r in rows:
                    state = _("intact") if r.intact else _("ALTERED")
                    print(f"{r.id}  {r.frozen_at:%d/%m/%Y %H:%M}  {r.number or '-'}  {r.codes}  "
                          f"{r.period.label()}  {r.scope_label}  {state}")
            return EXIT_OK
        view = frozen_reports.load(s, args.frozen_id)
        heading = dataclasses.replace(view.heading, frozen_note=view.frozen_note())
        _write(view.tables, heading, args.pdf, args.xlsx)
    return EXIT_OK


COMMANDS = {("report", "stats"): cmd_stats, ("report", "frozen"): cmd_frozen}
