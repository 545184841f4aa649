"""CLI for the statistics engine (issue 11): ``indicators list|add|value`` (``add`` defines a manual
indicator, ``value`` enters its value for a period) and ``targets list|export|import``
(``plans`` is the business plans' command). Conventions as in ``cli.py``: ``--db PATH``; exit 0
ok, 2 refused input with the reason on stderr.

``--period``: ``2026``, ``2021-2025`` or ``2026-01-01..2026-06-30``. ``--scope``: ``all`` (the
default: everything the office covers) or commune codes separated by commas (``1477,1489``).

``targets export`` writes every plan with its targets as JSON (``{"format": "ocop-targets",
"version": 1, "plans": [...]}``); ``targets import`` reads that file, checks every plan and
target first and writes them in one transaction: one refused target writes nothing. A plan
whose ``id`` exists here is updated, any other is added.
"""

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
from ocop_desktop.i18n import _

FORMAT, VERSION = "ocop-targets", 1


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("indicators", help=_("statistics indicators and their values"))
    ps = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    lst = ps.add_parser("list", help=_("list the indicators with their values for a period"))
    lst.add_argument("--json", action="store_true")
    _period_scope(lst)
    add = ps.add_parser("add", help=_("define a manual indicator (its values are entered per period)"))
    add.add_argument("--name", required=True)
    add.add_argument("--unit", required=True)
    add.add_argument("--kind", default="count", choices=["count", "stock", "share", "amount"])
    add.add_argument("--definition", default="")
    val = ps.add_parser("value", help=_("enter the value of a manual indicator for a period"))
    val.add_argument("--indicator", required=True, metavar="ID", help=_("the id shown by “indicators add”"))
    val.add_argument("--period", required=True, metavar="PERIOD")
    val.add_argument("--commune", type=int, default=None, metavar="CODE", help=_("default: the whole area"))
    val.add_argument("--value", required=True)
    val.add_argument("--note", default="")
    t = sub.add_parser("targets", help=_("plans (kế hoạch) and their targets"))
    ts = t.add_subparsers(dest="action", required=True, metavar="ACTION")
    tl = ts.add_parser("list", help=_("list the plans, their targets and achievement"))
    tl.add_argument("--json", action="store_true")
    tl.add_argument("--at", default=None, metavar="YYYY-MM-DD", help=_("count up to this day (default: today)"))
    te = ts.add_parser("export", help=_("write every plan with its targets as JSON"))
    te.add_argument("--out", default="-", metavar="FILE.json", help=_("file to write (default: standard output)"))
    ti = ts.add_parser("import", help=_("add or update plans and targets from a JSON file, all or nothing"))
    ti.add_argument("--from", dest="source", required=True, metavar="FILE.json")


def _period_scope(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", default=None, metavar="PERIOD",
                   help=_("a year (2026), years (2021-2025) or dates (2026-01-01..2026-06-30); default: this year"))
    p.add_argument("--scope", default="all", metavar="CODES",
                   help=_("all, or commune codes separated by commas"))


def parse_period(text: str | None):  # noqa: ANN201 - Period
    from ocop_desktop.stats.period import Period

    if text is None:
        return Period.year(dt.date.today().year)
    try:
        return Period.parse(text)
    except ValueError:
        raise BadInput(_("Period: “{text}” is not a period; write 2026, 2021-2025 or "
                         "2026-01-01..2026-06-30 (a period cannot end before it starts).").format(text=text)) from None


def parse_scope(session: Any, text: str):  # noqa: ANN201 - Scope
    from ocop_desktop.domain import geography
    from ocop_desktop.stats.indicator_queries import office_communes
    from ocop_desktop.stats.period import Scope

    if text.strip().lower() in ("", "all"):
        return Scope()
    try:
        codes = frozenset(int(c) for c in text.split(",") if c.strip())
    except ValueError:
        raise BadInput(_("Scope: “{text}” is not a list of commune codes.").format(text=text)) from None
    outside = sorted(codes - office_communes(session))
    if outside:
        raise BadInput(_("Scope: the office does not cover {communes}.").format(
            communes=", ".join(geography.commune_name(c) or str(c) for c in outside)))
    return Scope(codes, ", ".join(geography.commune_name(c) for c in sorted(codes)))


def _dump(obj: Any, out: Any = None) -> None:
    json.dump(obj, out or sys.stdout, ensure_ascii=False, indent=1, default=str)
    (out or sys.stdout).write("\n")


def cmd_indicators_list(args: argparse.Namespace) -> int:
    from ocop_desktop.stats.indicators import all_indicators, compute

    period = parse_period(args.period)
    with _open(args) as db, db.read_session() as s:
        scope = parse_scope(s, args.scope)
        defs = all_indicators(s)
        values = compute(s, period, scope)
    if args.json:
        _dump({"period": {"start": period.start, "end": period.end, "label": period.label()},
               "scope": sorted(scope.commune_codes) if scope.commune_codes is not None else "all",
               "indicators": [{"id": d.id, "name": d.name, "unit": d.unit, "kind": d.kind, "manual": d.manual,
                               "section": d.section, "definition": d.definition, "value": values[d.id].value,
                               "by_commune": {str(k): v for k, v in sorted(values[d.id].by_commune.items())}}
                              for d in defs if d.id in values]})
    else:
        from ocop_desktop.stats.format import value_text

        print(f"# {period.label()}")
        for d in defs:
            if d.id in values:
                print("\t".join((d.id, d.name, value_text(values[d.id].value, d), d.unit)))
    return EXIT_OK


def _refused(exc: ValidationFailed) -> BadInput:
    return BadInput(_("Refused, nothing was written.") + "\n" + "\n".join(f"  {m}" for m in exc.errors.values()))


def cmd_indicators_add(args: argparse.Namespace) -> int:
    from ocop_desktop.services import manual_indicators as mi
    from ocop_desktop.stats.indicators import MANUAL_PREFIX

    try:
        with _open(args) as db, db.session() as s:
            ind = mi.define_indicator(s, mi.ManualIndicatorData(args.name, args.unit, args.definition, args.kind))
            print(MANUAL_PREFIX + ind.id)
    except ValidationFailed as exc:
        raise _refused(exc) from exc
    return EXIT_OK


def cmd_indicators_value(args: argparse.Namespace) -> int:
    from ocop_desktop.services import manual_indicators as mi

    period = parse_period(args.period)
    try:
        with _open(args) as db, db.session() as s:
            row = mi.set_value(s, mi.ManualValueData(args.indicator, period.start, period.end, args.commune,
                                                     args.value, args.note))
            print(row.id)
    except ValidationFailed as exc:
        raise _refused(exc) from exc
    return EXIT_OK


def _plan_json(data: Any, plan_id: str) -> dict[str, Any]:
    out = dataclasses.asdict(data)
    out["id"] = plan_id
    for t in out["targets"]:
        t.pop("id", None)
    return out


def cmd_targets_list(args: argparse.Namespace) -> int:
    from ocop_desktop.services import plans
    from ocop_desktop.stats.achievement import plan_progress
    from ocop_desktop.stats.format import percent_text, value_text

    at = _date_arg(args.at) if args.at else dt.date.today()
    with _open(args) as db, db.read_session() as s:
        rows = plans.list_plans(s)
        progress = {r.id: plan_progress(s, r.id, at) for r in rows}
    if args.json:
        _dump([{"id": r.id, "number": r.number, "date": r.date, "title": r.title, "issuer": r.issuer,
                "start_year": r.start_year, "end_year": r.end_year, "level": r.level,
                "targets": [{"id": t.target_id, "indicator_id": t.indicator_id, "indicator": t.indicator_name,
                             "unit": t.unit, "words": t.words, "scope": t.scope, "low": t.low, "high": t.high,
                             "year": t.year, "actual": t.actual, "percent": t.percent, "met": t.met,
                             "per_commune": [list(x) for x in t.per_commune]} for t in progress[r.id]]}
               for r in rows])
        return EXIT_OK
    for r in rows:
        print(f"{r.heading()} — {r.title} ({r.period_label})")
        for t in progress[r.id]:
            print("\t".join(("", t.indicator_name, plans.format_range(t.low, t.high), value_text(t.actual),
                             percent_text(t.percent), t.words)))
    return EXIT_OK


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadInput(_("{field}: “{text}” is not a date; write it as yyyy-mm-dd.").format(
            field="--at", text=text)) from None


def cmd_targets_export(args: argparse.Namespace) -> int:
    from ocop_desktop.services import plans

    with _open(args) as db, db.read_session() as s:
        out = {"format": FORMAT, "version": VERSION,
               "plans": [_plan_json(plans.get_plan(s, r.id), r.id) for r in plans.list_plans(s)]}
    if args.out == "-":
        _dump(out)
    else:
        with Path(args.out).open("w", encoding="utf-8") as fh:
            _dump(out, fh)
    return EXIT_OK


_PLAN_FIELDS = {"number": str, "date": "date", "title": str, "issuer": str, "start_year": int, "end_year": int,
                "level": str, "commune_codes": list, "units": list, "notes": str, "targets": list, "id": str}
_TARGET_FIELDS = {"indicator_id": str, "scope": str, "low": "num", "high": "num", "per_unit": dict, "words": str,
                  "baseline": "num", "baseline_date": "date", "year": int, "notes": str}


def _typed(obj: dict[str, Any], spec: dict[str, Any], where: str) -> dict[str, Any]:
    unknown = sorted(set(obj) - set(spec))
    if unknown:
        raise ValidationFailed({where: _("{where}: unknown fields: {names}").format(where=where,
                                                                                 names=", ".join(unknown))})
    out = {}
    for k, v in obj.items():
        kind = spec[k]
        if v is None:
            out[k] = None
        elif kind == "date":
            try:
                out[k] = dt.date.fromisoformat(v) if isinstance(v, str) else None
            except ValueError:
                out[k] = None
            if out[k] is None:
                raise ValidationFailed({f"{where}.{k}": _("{field}: “{text}” is not a date; write it as "
                                                          "yyyy-mm-dd.").format(field=f"{where}.{k}", text=v)})
        elif kind == "num":
            if isinstance(v, bool) or not isinstance(v, int | float | str):
                raise ValidationFailed({f"{where}.{k}": _("{field}: a number.").format(field=f"{where}.{k}")})
            out[k] = v
        elif kind is int and (isinstance(v, bool) or not isinstance(v, int)):
            raise ValidationFailed({f"{where}.{k}": _("{field}: a whole number.").format(field=f"{where}.{k}")})
        elif kind is not int and not isinstance(v, kind):
            raise ValidationFailed({f"{where}.{k}": _("{field}: the wrong kind of value.").format(
                field=f"{where}.{k}")})
        else:
            out[k] = v
    return out


def plan_from_json(obj: Any, n: int) -> tuple[str | None, Any]:
    from ocop_desktop.services.plans import PlanData, TargetData

    where = _("plan {n}").format(n=n)
    if not isinstance(obj, dict):
        raise ValidationFailed({where: _("{where}: each plan is a JSON object.").format(where=where)})
    values = _typed(obj, _PLAN_FIELDS, where)
    plan_id = values.pop("id", None)
    targets = []
    for i, t in enumerate(values.pop("targets", None) or [], start=1):
        tw = _("{where}, target {n}").format(where=where, n=i)
        if not isinstance(t, dict):
            raise ValidationFailed({tw: _("{where}: each target is a JSON object.").format(where=tw)})
        targets.append(TargetData(**_typed(t, _TARGET_FIELDS, tw)))
    for k in ("commune_codes", "units"):
        if values.get(k) is None:
            values.pop(k, None)
    for k in ("number", "title", "issuer", "notes", "level"):
        if values.get(k) is None:
            values.pop(k, None)
    return plan_id, PlanData(**values, targets=targets)


def cmd_targets_import(args: argparse.Namespace) -> int:
    from ocop_desktop.cli_cycle_ideas import read_json_file
    from ocop_desktop.models import ProgrammePlan
    from ocop_desktop.services import plans

    data = read_json_file(Path(args.source))
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("plans"), list):
        raise BadInput(_("{path} is not a targets file of OCOP Desktop (format “{format}”).").format(
            path=args.source, format=FORMAT))
    if data.get("version") != VERSION:
        raise BadInput(_("{path}: version {version} is not supported (this program reads version {mine}).").format(
            path=args.source, version=data.get("version"), mine=VERSION))
    parsed = []
    for n, obj in enumerate(data["plans"], start=1):
        try:
            parsed.append(plan_from_json(obj, n))
        except ValidationFailed as exc:
            raise BadInput(_("Plan {n}: refused, nothing was written.").format(n=n) + "\n" + "\n".join(
                f"  {m}" for m in exc.errors.values())) from exc
    done = []
    with _open(args) as db, db.session() as s:  # one transaction: everything is checked before the first write
        for n, (_pid, plan) in enumerate(parsed, start=1):
            errors = plans.check(s, plan)
            if errors:
                raise BadInput(_("Plan {n} ({number}): refused, nothing was written.").format(
                    n=n, number=plan.number) + "\n" + "\n".join(f"  {m}" for m in errors.values()))
        for pid, plan in parsed:
            existing = s.get(ProgrammePlan, pid) if pid else None
            done.append(plans.save_plan(s, plan, existing.id if existing is not None and not existing.deleted
                                        else None).id)
    for pid in done:
        print(pid)
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("indicators", "list"): cmd_indicators_list,
    ("indicators", "add"): cmd_indicators_add,
    ("indicators", "value"): cmd_indicators_value,
    ("targets", "list"): cmd_targets_list,
    ("targets", "export"): cmd_targets_export,
    ("targets", "import"): cmd_targets_import,
}
