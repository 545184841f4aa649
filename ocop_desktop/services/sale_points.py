"""OCOP points of sale and showrooms (điểm giới thiệu và bán sản phẩm OCOP): create, edit, delete
(tombstone), restore, list, and the points that carry a product. Qt-free; never commits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.domain.trade_promotion import SALE_POINT_KIND_LABELS, SalePointKind
from ocop_desktop.domain.vocab import label
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.i18n import N_, _, format_date
from ocop_desktop.models import Producer, Product, SalePoint
from ocop_desktop.services.common import apply_fields, get_record, new_record, set_deleted
from ocop_desktop.services.listing import FoldMemo, joined_folded, json_list, raw_json
from ocop_desktop.services.validation import normalise_phone, phone_error, text_errors
from ocop_desktop.text import fold, nfc, nfc_multiline

SALE_POINT_TEXT_FIELDS: dict[str, tuple[str, int | None, bool]] = {
    "name": (N_("Name of the point of sale"), 255, False),
    "address_detail": (N_("Address"), 255, False),
    "operator": (N_("Operator"), 255, False),
    "phone": (N_("Phone"), 32, False),
    "notes": (N_("Notes"), None, True),
}
OPEN, CLOSED, PLANNED = "open", "closed", "planned"
STATUS_LABELS = {OPEN: N_("In operation"), CLOSED: N_("Closed"), PLANNED: N_("Opening soon")}


@dataclass
class SalePointData:
    name: str = ""
    kind: str = SalePointKind.POINT.value
    commune_code: int | None = None
    address_detail: str = ""
    operator: str = ""
    phone: str = ""
    opening_date: dt.date | None = None
    closing_date: dt.date | None = None
    notes: str = ""
    product_ids: list[str] = field(default_factory=list)

    @classmethod
    def from_model(cls, p: SalePoint) -> SalePointData:
        return cls(**{f.name: getattr(p, f.name) for f in fields(cls)})

    def normalised(self) -> SalePointData:
        out = SalePointData(**{f.name: getattr(self, f.name) for f in fields(self)})
        for name in ("name", "address_detail", "operator", "phone"):
            setattr(out, name, nfc(getattr(out, name) or ""))
        out.notes = nfc_multiline(out.notes or "")
        out.product_ids = list(dict.fromkeys(str(p) for p in out.product_ids or []))  # once each, in order
        return out


@dataclass(frozen=True)
class SalePointRow:
    id: str
    name: str
    kind: str
    kind_label: str
    commune_code: int | None
    commune_name: str
    address: str
    operator: str
    opening_date: dt.date | None
    opening_text: str
    year: int | None
    product_count: int
    status: str
    status_label: str
    deleted: bool
    version: int
    updated_at: dt.datetime
    search_text: str = field(repr=False, default="")


def point_status(opening: dt.date | None, closing: dt.date | None, today: dt.date) -> str:
    if closing is not None and closing <= today:
        return CLOSED
    if opening is not None and opening > today:
        return PLANNED
    return OPEN


def validate(session: Session, data: SalePointData, *, point_id: str | None = None) -> dict[str, str]:
    """Field-level messages for ``data`` (normalised). Editing ``point_id``, products it already
    lists that this office does not hold (received from another office) are kept."""
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Name of the point of sale: required.")
    if data.kind not in set(SalePointKind):
        errors["kind"] = _("Kind: choose one.")
    if data.commune_code is None:
        errors["commune_code"] = _("Commune: choose the commune or ward where it is.")
    elif geography.commune(data.commune_code) is None:
        errors["commune_code"] = _("Commune: unknown commune code {code}.").format(code=data.commune_code)
    if data.opening_date is not None and data.opening_date.year < 2000:
        errors["opening_date"] = _("Opening date: the date {date} is too far in the past.").format(
            date=format_date(data.opening_date))
    if data.closing_date is not None:
        if data.opening_date is None:
            errors["closing_date"] = _("Closing date: give the opening date first.")
        elif data.closing_date < data.opening_date:
            errors["closing_date"] = _("Closing date: {end} is before the opening date {start}.").format(
                end=format_date(data.closing_date), start=format_date(data.opening_date))
    if msg := phone_error(data.phone):
        errors["phone"] = msg
    kept: set[str] = set()
    if point_id is not None and (stored := session.get(SalePoint, point_id)) is not None:
        kept = set(stored.product_ids or [])
    found = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(data.product_ids)))}
    for i, pid in enumerate(data.product_ids):
        product = found.get(pid)
        if product is None and pid in kept:
            continue
        if product is None:
            errors["product_ids"] = _("Products: product {n} of the list does not exist.").format(n=i + 1)
            break
        if product.deleted:
            errors["product_ids"] = _("Products: “{name}” was deleted; remove it from the list.").format(
                name=product.name)
            break
    for name, msg in text_errors(data, SALE_POINT_TEXT_FIELDS).items():
        errors.setdefault(name, msg)
    return errors


def check(session: Session, data: SalePointData, *, point_id: str | None = None) -> dict[str, str]:
    return validate(session, data.normalised(), point_id=point_id)


def create_point(session: Session, data: SalePointData) -> SalePoint:
    norm = data.normalised()
    if errors := validate(session, norm):
        raise ValidationFailed(errors)
    return new_record(session, SalePoint, norm)


def update_point(session: Session, point_id: str, data: SalePointData) -> SalePoint:
    p = get_record(session, SalePoint, point_id)
    norm = data.normalised()
    if errors := validate(session, norm, point_id=point_id):
        raise ValidationFailed(errors)
    apply_fields(p, norm)
    session.flush()
    return p


def delete_point(session: Session, point_id: str) -> SalePoint:
    return set_deleted(session, SalePoint, point_id, True)


def restore_point(session: Session, point_id: str) -> SalePoint:
    return set_deleted(session, SalePoint, point_id, False)


def get_point(session: Session, point_id: str) -> SalePointData:
    return SalePointData.from_model(get_record(session, SalePoint, point_id))


def list_points(session: Session, *, include_deleted: bool = False,
                today: dt.date | None = None) -> list[SalePointRow]:
    today = today or dt.date.today()
    names = dict(session.execute(select(Product.id, Product.name)).all())
    folds = FoldMemo()  # see services.listing
    kinds = {k: label(SALE_POINT_KIND_LABELS, k) for k in SalePointKind}
    statuses = {k: _(v) for k, v in STATUS_LABELS.items()}
    q = select(SalePoint.id, SalePoint.name, SalePoint.kind, SalePoint.commune_code, SalePoint.address_detail,
               SalePoint.operator, SalePoint.phone, SalePoint.opening_date, SalePoint.closing_date,
               raw_json(SalePoint.product_ids), SalePoint.deleted, SalePoint.version, SalePoint.updated_at)
    if not include_deleted:
        q = q.where(SalePoint.deleted.is_(False))
    dates: dict[dt.date | None, str] = {}
    communes: dict[int | None, tuple[str, str]] = {}  # code -> (name, folded name)
    rows, keys = [], []
    for (id_, name, kind, commune_code, address, operator, phone, opening, closing, product_ids, deleted,
         version, updated_at) in session.execute(q):
        folded_name = fold(name)
        keys.append(folded_name)
        commune = communes.get(commune_code)
        if commune is None:
            cname = geography.commune_name(commune_code)
            commune = communes[commune_code] = (cname, folds[cname])
        opening_text = dates.get(opening)
        if opening_text is None:
            opening_text = dates[opening] = format_date(opening)
        status = point_status(opening, closing, today)
        ids = json_list(product_ids)
        rows.append(SalePointRow(
            id=id_, name=name, kind=kind, kind_label=kinds.get(kind, kind), commune_code=commune_code,
            commune_name=commune[0], address=address, operator=operator, opening_date=opening,
            opening_text=opening_text, year=opening.year if opening else None,
            product_count=len(ids), status=status, status_label=statuses[status], deleted=deleted,
            version=version, updated_at=updated_at,
            search_text=joined_folded(folded_name, fold(f"{address} {operator}"), commune[1],
                                      normalise_phone(phone), *(folds[names.get(i, "")] for i in ids)),
        ))
    return [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__)]


@dataclass(frozen=True)
class Carried:
    point_id: str
    name: str
    kind_label: str
    commune_name: str
    opening_date: dt.date | None
    closing_date: dt.date | None


def points_carrying(session: Session, product_id: str) -> list[Carried]:
    """The live points of sale that list the product."""
    out = []
    for p in session.scalars(select(SalePoint).where(SalePoint.deleted.is_(False))):
        if product_id in (p.product_ids or ()):
            out.append(Carried(p.id, p.name, label(SALE_POINT_KIND_LABELS, p.kind),
                               geography.commune_name(p.commune_code), p.opening_date, p.closing_date))
    return out


def product_choices(session: Session) -> list[tuple[str, str]]:
    """(id, "product — producer") of live products, for the dialog's product picker."""
    q = (select(Product.id, Product.name, Producer.name.label("producer")).join(Producer)
         .where(Product.deleted.is_(False)))
    out = [(r.id, f"{r.name} — {r.producer}") for r in session.execute(q)]
    out.sort(key=lambda t: fold(t[1]))
    return out


def product_labels(session: Session, product_ids: list[str]) -> dict[str, str]:
    q = (select(Product.id, Product.name, Product.deleted, Producer.name.label("producer")).join(Producer)
         .where(Product.id.in_(product_ids)))
    return {r.id: f"{r.name} — {r.producer}" + (" " + _("(deleted)") if r.deleted else "") for r in session.execute(q)}
