"""Freezing the reports an office sends up, listing them, and showing them again exactly as sent.

``freeze`` keeps the reports' canonical content — every figure and text of each table, the
period, the scope and the heading — as one canonical JSON text with its SHA-256. ``load`` reads it
back and re-checks the hash and the listed columns against the content, so a report shows and
exports identically after the records change, and a row altered outside the app is refused as
damaged. There is no way to change or delete a frozen report (the model's flush hook refuses)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.errors import BadInput, KnownError
from ocop_desktop.i18n import _
from ocop_desktop.models import FrozenReport
from ocop_desktop.reports.stats_pdf import Heading
from ocop_desktop.stats.period import Period, Scope
from ocop_desktop.stats.report_table import ReportTable, canonical_json
from ocop_desktop.text import nfc

FORMAT = 1


class FrozenReportDamaged(KnownError):
    """A frozen report's content no longer matches its hash."""


@dataclass(frozen=True)
class FrozenRow:
    id: str
    codes: str
    title: str
    number: str
    sent_to: str
    period: Period
    scope_label: str
    frozen_at: dt.datetime
    frozen_by: str
    sha256: str
    intact: bool


@dataclass(frozen=True)
class FrozenView:
    row: FrozenRow
    tables: list[ReportTable]
    heading: Heading

    def frozen_note(self) -> str:
        at = self.row.frozen_at
        return (f"Bản lưu báo cáo đã gửi{(' ' + self.row.sent_to) if self.row.sent_to else ''}, "
                f"chốt số liệu lúc {at:%H:%M} ngày {at:%d/%m/%Y}; mã kiểm tra SHA-256 {self.row.sha256[:16]}…")


def _heading_dict(h: Heading) -> dict[str, Any]:
    d = dataclasses.asdict(h)
    d["authority"] = list(h.authority)
    d["date"] = h.date.isoformat() if h.date else None
    d.pop("frozen_note", None)
    return d


def _heading_of(d: dict[str, Any]) -> Heading:
    return Heading(authority=tuple(d.get("authority", ())), place=d.get("place", ""),
                   date=dt.date.fromisoformat(d["date"]) if d.get("date") else None, number=d.get("number", ""),
                   officer=d.get("officer", ""), signer_title=d.get("signer_title", ""),
                   signer_name=d.get("signer_name", ""))


def freeze(session: Session, tables: list[ReportTable], period: Period, scope: Scope, heading: Heading, *,
           number: str = "", sent_to: str = "", by: str = "", now: dt.datetime | None = None) -> FrozenReport:
    """Keep ``tables`` as sent; ``number`` is the report's number ("12/BC-VPĐP"), printed on it."""
    if not tables:
        raise BadInput(_("Choose at least one report to freeze."))
    number, sent_to, by = nfc(number.strip()), nfc(sent_to.strip()), nfc(by.strip())
    if len(number) > 64 or len(sent_to) > 255:
        raise BadInput(_("The report number or the recipient is too long."))
    now = (now or dt.datetime.now()).replace(microsecond=0)
    heading = dataclasses.replace(heading, number=number or heading.number)
    content = {
        "format": FORMAT, "frozen_at": now.isoformat(), "number": number, "sent_to": sent_to, "by": by,
        "period": [period.start.isoformat(), period.end.isoformat()],
        "scope": {"label": scope.label, "communes": sorted(scope.commune_codes) if scope.commune_codes is not None
                  else None},
        "heading": _heading_dict(heading),
        "tables": [t.to_dict() for t in tables],
    }
    text = canonical_json(content)
    row = FrozenReport(codes=" ".join(t.code for t in tables),
                       title=tables[0].title if len(tables) == 1 else f"{len(tables)} biểu báo cáo thống kê OCOP",
                       number=number, sent_to=sent_to, period_start=period.start, period_end=period.end,
                       scope_label=scope.label, scope_communes=content["scope"]["communes"], frozen_at=now,
                       frozen_by=by, content=text, content_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    session.add(row)
    session.flush()
    return row


def _check(r: FrozenReport) -> dict[str, Any] | None:
    """The content when the row is intact (hash and listed columns agree), else None."""
    if hashlib.sha256(r.content.encode("utf-8")).hexdigest() != r.content_sha256:
        return None
    try:
        c = json.loads(r.content)
    except ValueError:
        return None
    listed = (r.number, r.sent_to, r.period_start.isoformat(), r.period_end.isoformat(), r.scope_label,
              r.codes, r.frozen_at.replace(microsecond=0).isoformat())
    kept = (c.get("number"), c.get("sent_to"), *c.get("period", ["", ""]), c.get("scope", {}).get("label"),
            " ".join(t["code"] for t in c.get("tables", [])), c.get("frozen_at"))
    return c if listed == kept else None


def _row(r: FrozenReport, intact: bool) -> FrozenRow:
    return FrozenRow(r.id, r.codes, r.title, r.number, r.sent_to, Period(r.period_start, r.period_end), r.scope_label,
                     r.frozen_at, r.frozen_by, r.content_sha256, intact)


def list_frozen(session: Session) -> list[FrozenRow]:
    """Every frozen report, newest first, each with whether it still matches its hash."""
    rows = session.scalars(select(FrozenReport).order_by(FrozenReport.frozen_at.desc())).all()
    return [_row(r, _check(r) is not None) for r in rows]


def load(session: Session, frozen_id: str) -> FrozenView:
    """The frozen report as sent; a damaged one is refused with :class:`FrozenReportDamaged`."""
    r = session.get(FrozenReport, frozen_id)
    if r is None:
        raise BadInput(_("This frozen report does not exist."))
    c = _check(r)
    if c is None:
        raise FrozenReportDamaged(
            _("The frozen report {number} of {date} has been altered: its content no longer matches the "
              "check code kept when it was frozen.").format(number=r.number or r.codes,
                                                            date=r.frozen_at.strftime("%d/%m/%Y")),
            hint=_("Do not use it. Restore a backup made before the change, or freeze the report again."))
    return FrozenView(_row(r, True), [ReportTable.from_dict(t) for t in c["tables"]], _heading_of(c["heading"]))
