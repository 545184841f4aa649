"""Round trip (issue 12 item 4): a producers or products list exported by the app
(:mod:`ocop_desktop.excel.roundtrip_format`), edited in Excel, imported again as updates of the
same records by their ID. For each editable field, three texts are compared: the exported one
(hidden base sheet), the file's and the record's current one (rendered as the export renders
it). File ≠ base and current = base → an update; file ≠ base and current ≠ base (changed in the
app since the export) and file ≠ current → a **conflict**, shown and not written. The updates
go through the services (same rules) in one transaction, recorded as an undoable batch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ocop_desktop.errors import BadInput, KnownError
from ocop_desktop.excel import roundtrip_format as rt
from ocop_desktop.excel.import_values import cell_text
from ocop_desktop.i18n import _

#: Editable columns of each list (export key → what it sets); the others are shown, not imported.
EDITABLE = {"producers": ("name", "kind", "identifier", "commune", "rep", "phone"),
            "products": ("name", "set", "commune")}


@dataclass
class RoundTripRow:
    record_id: str
    excel_row: int
    name: str = ""
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (current, file)
    conflicts: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # key → (base, current, file)
    ignored: list[str] = field(default_factory=list)  # read-only columns edited in the file
    error: str = ""


@dataclass
class RoundTripPlan:
    path: Path
    kind: str
    exported_at: dt.datetime
    headers: dict[str, str]
    rows: list[RoundTripRow]

    def counts(self) -> dict[str, int]:
        return {"rows": len(self.rows), "updated": sum(bool(r.changes) and not r.error for r in self.rows),
                "conflicts": sum(len(r.conflicts) for r in self.rows), "errors": sum(bool(r.error) for r in self.rows)}


def is_export(path: Path) -> bool:
    """Whether ``path`` is a workbook written by the app's export (it has the base sheet)."""
    try:
        rt.read_base(path)
    except KnownError:
        return False
    return True


def _current(session: Session, kind: str, keys: list[str]) -> dict[str, dict[str, str]]:
    """Each live record's values as the export writes them (id → key → text)."""
    from ocop_desktop import list_columns
    from ocop_desktop.excel.export import sheet_columns

    if kind == "producers":
        from ocop_desktop.services.producers import list_producers

        rows, columns = list_producers(session), list_columns.PRODUCERS
    else:
        from ocop_desktop.services.products import list_products

        rows, columns = list_products(session), list_columns.PRODUCTS
    sheet, getters = sheet_columns(kind, columns)
    index = {c.key: i for i, c in enumerate(sheet)}
    out = {}
    for r in rows:
        out[r.id] = {k: rt.base_text(getters[index[k]](r)) for k in keys if k in index}
    return out


def plan_roundtrip(session: Session, path: Path) -> RoundTripPlan:
    """Compare the file with its base sheet and the database; nothing is written."""
    from python_calamine import CalamineWorkbook

    kind, exported_at, keys, base = rt.read_base(path)
    if kind not in EDITABLE:
        raise BadInput(_("This export ({kind}) cannot be imported back; only the producers and products lists "
                         "can.").format(kind=kind))
    with CalamineWorkbook.from_path(str(path)) as wb:
        rows = wb.get_sheet_by_name(rt.LIST_SHEET).to_python(skip_empty_area=False)
    header = rt.find_header_row(rows)
    if header is None:
        raise rt.NotAnExport(_("The sheet “{sheet}” has no “{id}” column any more.").format(
            sheet=rt.LIST_SHEET, id=rt.ID_HEADER))
    headers = {k: cell_text(v) for k, v in zip(keys, rows[header], strict=False)}
    current = _current(session, kind, keys)
    out: list[RoundTripRow] = []
    for r, row in enumerate(rows[header + 1:], start=header + 2):
        values = [rt.base_text(v) if not isinstance(v, float) or not v.is_integer() else str(int(v))
                  for v in list(row)[:len(keys)]]
        values += [""] * (len(keys) - len(values))
        record_id = values[0].strip()
        if not record_id and not any(values):
            continue
        item = RoundTripRow(record_id, r, name=values[1] if len(values) > 1 else "")
        out.append(item)
        if record_id not in base:
            item.error = _("the ID {id} is not one this file was exported with (a new row cannot be added this "
                           "way)").format(id=record_id or "—")
            continue
        now = current.get(record_id)
        if now is None:
            item.error = _("the record was deleted since the export")
            continue
        for k, file_value in zip(keys[1:], values[1:], strict=True):
            was = base[record_id].get(k, "")
            if file_value.strip() == was.strip():
                continue
            if k not in EDITABLE[kind]:
                item.ignored.append(headers.get(k, k))
                continue
            cur = now.get(k, "")
            if cur.strip() == file_value.strip():
                continue  # the same edit made in the app too
            if cur.strip() != was.strip():
                item.conflicts[k] = (was, cur, file_value)
            else:
                item.changes[k] = (cur, file_value)
    return RoundTripPlan(Path(path), kind, exported_at, headers, out)


def _apply_producer(session: Session, record_id: str, changes: dict[str, tuple[str, str]], matcher) -> dict:  # noqa: ANN001
    from ocop_desktop.domain.vocab import PRODUCER_KIND_LABELS
    from ocop_desktop.excel.import_values import parse_kind
    from ocop_desktop.services import producers

    data = producers.get_producer(session, record_id)
    before = {"name": data.name, "kind": data.kind, "identifier": data.identifier, "commune_code": data.commune_code,
              "rep_name": data.rep_name, "phone": data.phone}
    for k, (_cur, value) in changes.items():
        if k == "name":
            data.name = value
        elif k == "kind":
            by_label = {_(text).casefold(): kind.value for kind, text in PRODUCER_KIND_LABELS.items()}
            data.kind = by_label.get(value.strip().casefold()) or parse_kind(value).value
        elif k == "identifier":
            data.identifier = value
        elif k == "commune":
            data.commune_code = _commune(matcher, value)
        elif k == "rep":
            data.rep_name = value
        elif k == "phone":
            data.phone = value
    producers.update_producer(session, record_id, data)
    return before


def _apply_product(session: Session, record_id: str, changes: dict[str, tuple[str, str]], matcher) -> dict:  # noqa: ANN001
    from ocop_desktop.excel.import_plan import _product_set
    from ocop_desktop.services import products

    data = products.get_product(session, record_id)
    before = {"name": data.name, "product_set": data.product_set, "commune_code": data.commune_code}
    for k, (_cur, value) in changes.items():
        if k == "name":
            data.name = value
        elif k == "set":
            number = _product_set(value, None)
            if number is None:
                raise BadInput(_("unknown product set \"{value}\"").format(value=value))
            data.product_set = number
        elif k == "commune":
            data.commune_code = _commune(matcher, value)
    products.update_product(session, record_id, data)
    return before


def _commune(matcher, value: str) -> int | None:  # noqa: ANN001
    if not value.strip():
        return None
    code = matcher.match_name(value)
    if code is None:
        raise BadInput(_("\"{name}\" is not one of this office's communes").format(name=value))
    return code


def apply_roundtrip(session: Session, plan: RoundTripPlan) -> Any:
    """Write the updates (conflicts and rows with errors are left alone) in the caller's
    transaction, as one import batch whose undo puts the previous values back. A row the
    services refuse refuses the whole file (``ValidationFailed``/``BadInput`` naming the row)."""
    from ocop_desktop.errors import ValidationFailed
    from ocop_desktop.excel.import_apply import _sha256
    from ocop_desktop.excel.import_places import CommuneMatcher
    from ocop_desktop.models import ImportBatch, ImportBatchItem, Producer, Product
    from ocop_desktop.models.base import new_uuid
    from ocop_desktop.services import office as office_service

    if plan.counts()["errors"]:
        bad = next(r for r in plan.rows if r.error)
        raise BadInput(_("Row {row}: {errors}").format(row=bad.excel_row, errors=bad.error),
                       hint=_("Nothing was imported. Correct the row, or export the list again."))
    office = office_service.local_office(session)
    matcher = CommuneMatcher.for_office(office)
    batch = ImportBatch(id=new_uuid(), file_name=plan.path.name[:255], file_sha256=_sha256(plan.path),
                        sheet=rt.LIST_SHEET, mapping=[], counts=plan.counts())
    session.add(batch)
    model = Producer if plan.kind == "producers" else Product
    apply = _apply_producer if plan.kind == "producers" else _apply_product
    for row in plan.rows:
        if row.error or not row.changes:
            continue
        try:
            before = apply(session, row.record_id, row.changes, matcher)
        except ValidationFailed as exc:
            raise BadInput(_("Row {row}: {errors}").format(row=row.excel_row,
                                                           errors="; ".join(exc.errors.values()))) from None
        except BadInput as exc:
            raise BadInput(_("Row {row}: {errors}").format(row=row.excel_row, errors=exc.message)) from None
        obj = session.get(model, row.record_id)
        session.add(ImportBatchItem(batch_id=batch.id, record_table=model.__tablename__, record_id=row.record_id,
                                    action="updated", before=before, version_after=obj.version))
    session.flush()
    return batch
