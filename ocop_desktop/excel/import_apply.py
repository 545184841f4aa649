"""Applying a previewed import in ONE transaction (producers, products, historical results as
legacy evaluations), recorded as a batch that can be undone as a whole; the error workbook.

A plan with any error row is refused whole (``BadInput``): the officer fixes the rows in the
error workbook and imports again, so a file is never half imported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.domain.evaluations import EvaluationKind, EvaluationStatus
from ocop_desktop.domain.identifiers import parse_identifier
from ocop_desktop.errors import BadInput
from ocop_desktop.excel.import_plan import ERROR, MATCH, NEW, Plan
from ocop_desktop.excel.import_rows import cell_display
from ocop_desktop.i18n import _, ngettext
from ocop_desktop.models import Evaluation, ImportBatch, ImportBatchItem, Producer, Product
from ocop_desktop.models.base import new_uuid, utcnow
from ocop_desktop.models.changelog import insert_created
from ocop_desktop.services.decisions import refresh_products_stars
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import format_product_code

Progress = Callable[[int, int], None]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def refuse_errors(plan: Plan) -> None:
    errors = plan.error_rows
    if errors:
        first = errors[0]
        raise BadInput(ngettext("{n} row has errors; nothing was imported. First: row {row}: {error}",
                                "{n} rows have errors; nothing was imported. First: row {row}: {error}",
                                len(errors)).format(n=len(errors), row=first.excel_row,
                                                    error=first.parsed.error_text()),
                       hint=_("Save the error workbook, fix the rows in Excel and import it again."))


def apply_plan(session: Session, plan: Plan, *, progress: Progress | None = None,
               today: dt.date | None = None) -> ImportBatch:
    """Create what the plan says, in the caller's transaction; returns the recorded batch.
    ``progress(done, total)`` may raise to cancel (the caller's session then rolls back)."""
    refuse_errors(plan)
    today = today or dt.date.today()
    source = plan.source
    batch = ImportBatch(id=new_uuid(), file_name=source.path.name[:255], file_sha256=_sha256(source.path),
                        sheet=source.raw.name[:255], mapping=list(source.mapping), counts=plan.counts())
    session.add(batch)
    producers: dict[str, str] = {}  # producer key → id
    serials: dict[int, int] = dict(session.execute(
        select(Product.commune_code, func.max(Product.code_serial)).where(Product.commune_code.is_not(None))
        .group_by(Product.commune_code)).all())
    taken_codes = set(session.scalars(select(Product.code).where(Product.code.is_not(None), Product.deleted.is_(False))))
    ranked: list[str] = []  # existing products that get a historical result
    total = len(plan.rows)
    producer_rows: list[dict] = []
    product_rows: list[dict] = []
    result_rows: list[dict] = []
    item_rows: list[dict] = []
    now = utcnow()
    for i, row in enumerate(plan.rows):
        if progress is not None and i % 500 == 0:
            progress(i, total)
        if row.status == ERROR:
            continue
        producer_id = row.producer_id or producers.get(row.producer_key)
        if producer_id is None:
            producer_id = producers[row.producer_key] = new_uuid()
            producer_rows.append(_producer_row(producer_id, row.producer))
            item_rows.append(_item(batch.id, "producer", producer_id))
        product_id = row.product_id
        if row.status == NEW:
            data = row.product
            product_id = new_uuid()
            stars = None
            r = row.result
            if r is not None and r.stars >= 3 and r.decision_ref:
                stars = r.stars  # what refresh_product_stars gives a product with one recognised result
            prod = {"id": product_id, "name": data.name, "producer_id": producer_id, "product_set": data.product_set,
                    "commune_code": data.commune_code, "description": data.description, "certifications": [],
                    "status": data.status, "stars": stars, "photos": [], "code": None, "code_serial": None,
                    "code_year": None}
            commune = geography.commune(data.commune_code)
            if commune is not None:
                serial = data.code_serial
                year = data.code_year or (r.year if r else today.year)
                code = format_product_code(commune.province_code, commune.code, serial, year) if serial else None
                if serial is None or code in taken_codes:
                    serial = serials.get(commune.code, 0) + 1
                    code = format_product_code(commune.province_code, commune.code, serial, year)
                serials[commune.code] = max(serials.get(commune.code, 0), serial)
                taken_codes.add(code)
                prod.update(code_serial=serial, code_year=year, code=code)
            product_rows.append(prod)
            item_rows.append(_item(batch.id, "product", product_id))
        elif row.status == MATCH and row.result is None:
            continue
        elif row.status == MATCH:
            ranked.append(product_id)
        if row.result is not None and product_id is not None:
            r = row.result
            ev_id = new_uuid()
            result_rows.append({
                "id": ev_id, "product_id": product_id, "kind": EvaluationKind.LEGACY.value, "year": r.year,
                "round": None, "rubric_id": r.rubric_id, "product_set": row.product.product_set,
                "status": EvaluationStatus.FINAL.value, "legacy_total": r.total, "legacy_stars": r.stars,
                "decision_ref": r.decision_ref[:64], "decision_date": r.decision_date, "notes": r.notes,
                "finalised_at": now, "reopen_log": []})
            item_rows.append(_item(batch.id, "evaluation", ev_id))
    session.flush()  # the batch row
    # Parents first; bulk rows stamped and logged like the ORM's (models.changelog.insert_created).
    for model, rows in ((Producer, producer_rows), (Product, product_rows), (Evaluation, result_rows)):
        insert_created(session, model, rows)
    if ranked:
        refresh_products_stars(session, ranked)
    for start in range(0, len(item_rows), 5000):
        session.connection().execute(ImportBatchItem.__table__.insert(), item_rows[start:start + 5000])
    batch.counts = {**plan.counts(), "created": {"producer": len(producer_rows), "product": len(product_rows),
                                                 "evaluation": len(result_rows)}}
    session.flush()
    if progress is not None:
        progress(total, total)
    return batch


def _item(batch_id: str, table: str, record_id: str) -> dict:
    return {"batch_id": batch_id, "record_table": table, "record_id": record_id, "action": "created",
            "before": None, "version_after": 1}


def _producer_row(producer_id: str, data: ProducerData) -> dict:
    row = {f.name: getattr(data, f.name) for f in fields(ProducerData)}
    row["id"] = producer_id
    row["identifier"] = data.identifier or None
    row["identifier_kind"] = parse_identifier(data.identifier).kind.value if data.identifier else None
    return row


_MODELS = {"producer": Producer, "product": Product, "evaluation": Evaluation}


def undo_batch(session: Session, batch_id: str) -> dict[str, int]:
    """Tombstone every record the batch created (evaluations, products, then producers) in the
    caller's transaction. Refused when one of them was edited since the import or is already
    used by a record made since (a product of an imported producer added by hand)."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise BadInput(_("There is no import {id}.").format(id=batch_id))
    if batch.undone_at is not None:
        raise BadInput(_("This import was already undone on {date}.").format(date=batch.undone_at.strftime("%d/%m/%Y")))
    items = list(session.scalars(select(ImportBatchItem).where(ImportBatchItem.batch_id == batch_id)))
    loaded: dict[tuple[str, str], object] = {}
    for table in ("evaluation", "product", "producer"):
        model = _MODELS[table]
        ids = [i.record_id for i in items if i.record_table == table]
        for start in range(0, len(ids), 500):
            for obj in session.scalars(select(model).where(model.id.in_(ids[start:start + 500]))):
                loaded[(table, obj.id)] = obj
    records = {item.id: loaded.get((item.record_table, item.record_id)) for item in items}
    edited = []
    for item in items:
        obj = records[item.id]
        if obj is not None and not obj.deleted and obj.version != item.version_after:
            edited.append(getattr(obj, "name", "") or item.record_id)
    if edited:
        raise BadInput(ngettext("{n} imported record was edited since the import, so the import cannot be undone: "
                                "{names}.", "{n} imported records were edited since the import, so the import cannot "
                                "be undone: {names}.", len(edited)).format(n=len(edited), names=", ".join(edited[:5])))
    created_products = {i.record_id for i in items if i.record_table == "product"}
    created_producers = {i.record_id for i in items if i.record_table == "producer"}
    producer_ids = sorted(created_producers)
    for start in range(0, len(producer_ids), 500):
        rows = session.execute(select(Product.id).where(Product.producer_id.in_(producer_ids[start:start + 500]),
                                                        Product.deleted.is_(False)))
        if any(pid not in created_products for (pid,) in rows):
            raise BadInput(_("Products added since the import belong to imported producers; delete or move them "
                             "first."))
    counts = {"producer": 0, "product": 0, "evaluation": 0}
    order = {"evaluation": 0, "product": 1, "producer": 2}
    products_ranked = set()
    for item in sorted(items, key=lambda i: order[i.record_table]):
        obj = records[item.id]
        if obj is None or obj.deleted:
            continue
        if item.action == "updated":  # a round-trip update: the previous values back
            for key, value in (item.before or {}).items():
                if getattr(obj, key) != value:
                    setattr(obj, key, value)
            counts["updated"] = counts.get("updated", 0) + 1
            continue
        obj.deleted = True
        counts[item.record_table] += 1
        if item.record_table == "evaluation":
            products_ranked.add(obj.product_id)
    batch.undone_at = utcnow()
    session.flush()
    live = [pid for pid in products_ranked if pid not in created_products]
    if live:
        refresh_products_stars(session, live)
        session.flush()
    return counts


def list_batches(session: Session) -> list[ImportBatch]:
    return list(session.scalars(select(ImportBatch).order_by(ImportBatch.created_at.desc())))


def write_error_workbook(plan: Plan, path: Path) -> int:
    """The original rows that have errors plus a "Lỗi" column, with the original header, to fix
    in Excel and import again. Returns the number of rows written."""
    import xlsxwriter

    source = plan.source
    labels = source.layout.labels
    wb = xlsxwriter.Workbook(str(path))
    try:
        ws = wb.add_worksheet(_("Errors")[:31])
        head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1})
        err = wb.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE", "text_wrap": True, "valign": "top"})
        text = wb.add_format({"num_format": "@", "valign": "top"})
        for c, label in enumerate(labels):
            ws.write_string(0, c, label, head)
            ws.set_column(c, c, min(max(len(label), 10), 40), text)
        ws.write_string(0, len(labels), "Lỗi", head)
        ws.write_string(0, len(labels) + 1, _("Row in the file"), head)
        ws.set_column(len(labels), len(labels), 60)
        ws.freeze_panes(1, 0)
        n = 0
        for row in plan.error_rows:
            n += 1
            for c, value in enumerate(row.parsed.cells):
                ws.write_string(n, c, cell_display(value), text)
            ws.write_string(n, len(labels), row.parsed.error_text(), err)
            ws.write_number(n, len(labels) + 1, row.excel_row)
    finally:
        wb.close()
    return n
