"""Product use cases: create, edit, delete (tombstone), restore, list; product codes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography, product_sets
from ocop_desktop.domain.vocab import ProductStatus, status_label
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.models import Producer, Product
from ocop_desktop.services.common import get_record, set_deleted
from ocop_desktop.services.producers import has_producers
from ocop_desktop.services.validation import validate_product
from ocop_desktop.text import fold, nfc, nfc_multiline


def format_product_code(province_code: int, commune_code: int, serial: int, year: int) -> str:
    """(T)-(X)-(STT)-năm, e.g. ``04-01273-7-2026`` (QĐ 19/2025 codes: 2 + 5 digits)."""
    return f"{province_code:02d}-{commune_code:05d}-{serial}-{year}"


@dataclass
class ProductData:
    name: str = ""
    producer_id: str = ""
    product_set: int = 0
    commune_code: int | None = None
    description: str = ""
    certifications: list[dict[str, Any]] = field(default_factory=list)
    status: str = ProductStatus.IDEA.value
    stars: int | None = None
    code_serial: int | None = None  # None: the next free serial in the commune
    code_year: int | None = None  # None: this year
    photos: list[str] = field(default_factory=list)

    @classmethod
    def from_model(cls, p: Product) -> ProductData:
        return cls(**{f.name: getattr(p, f.name) for f in fields(cls)})

    def normalised(self) -> ProductData:
        out = ProductData(**{f.name: getattr(self, f.name) for f in fields(self)})
        out.name = nfc(out.name)
        out.description = nfc_multiline(out.description)
        certs = []
        for c in out.certifications:
            expiry = c.get("expiry")
            if isinstance(expiry, dt.date):
                expiry = expiry.isoformat()
            certs.append({"kind": c.get("kind"), "number": nfc(str(c.get("number") or "")),
                          "expiry": expiry or None, "issuer": nfc(str(c.get("issuer") or ""))})
        out.certifications = certs
        out.photos = list(dict.fromkeys(out.photos))
        if out.status not in (ProductStatus.CERTIFIED, ProductStatus.EXPIRED, ProductStatus.REVOKED,
                              ProductStatus.EVALUATING):
            out.stars = out.stars if out.stars else None
        return out


@dataclass(frozen=True)
class ProductRow:
    id: str
    name: str
    code: str
    producer_id: str
    producer_name: str
    producer_kind: str
    product_set: int
    set_label: str
    group: str  # Roman numeral of the product group
    commune_code: int | None
    commune_name: str
    status: str
    status_label: str
    stars: int | None
    deleted: bool
    version: int
    updated_at: dt.datetime
    search_text: str = field(repr=False, default="")


def next_serial(session: Session, commune_code: int) -> int:
    """Next STT in the commune's register (tombstoned products keep their numbers)."""
    current = session.scalar(select(func.max(Product.code_serial)).where(Product.commune_code == commune_code))
    return (current or 0) + 1


def _assign_code(session: Session, p: Product, province_code: int | None, today: dt.date) -> None:
    if p.commune_code is None or province_code is None:
        p.code = None
        return
    if p.code_serial is None:
        p.code_serial = next_serial(session, p.commune_code)
    if p.code_year is None:
        p.code_year = today.year
    code = format_product_code(province_code, p.commune_code, p.code_serial, p.code_year)
    clash = session.scalar(select(Product.name).where(Product.code == code, Product.id != p.id,
                                                      Product.deleted.is_(False)))
    if clash:
        raise ValidationFailed({"code_serial": _("Serial number: the code {code} is already used by {name}.").format(
            code=code, name=clash)})
    if p.code != code:
        p.code = code


def check(session: Session, data: ProductData, today: dt.date | None = None) -> dict[str, str]:
    norm = data.normalised()
    errors = validate_product(norm, today=today)
    if norm.status == ProductStatus.CERTIFIED and not norm.stars:
        errors.pop("stars", None)
        errors["status"] = _("Status: a product becomes OCOP-certified through a recognition decision "
                             "(Certificates section).")
    if not norm.producer_id and not has_producers(session):
        errors["producer_id"] = _("Producer: there is no producer yet. Add a producer first (Producers → New producer).")
    if "producer_id" not in errors and norm.producer_id:
        prod = session.get(Producer, norm.producer_id)
        if prod is None or prod.deleted:
            errors["producer_id"] = _("Producer: the chosen producer does not exist or was deleted.")
    return errors


#: Fields of ProductData the product service does not write: the stars come from the certificate
#: register or a historical result (services.decisions.refresh_product_stars), never from the form.
READ_ONLY_FIELDS = frozenset({"stars"})


def _apply(session: Session, p: Product, data: ProductData, today: dt.date) -> None:
    for f in fields(ProductData):
        if f.name in READ_ONLY_FIELDS:
            continue
        value = getattr(data, f.name)
        if getattr(p, f.name) != value:
            setattr(p, f.name, value)
    commune = geography.commune(p.commune_code)
    _assign_code(session, p, commune.province_code if commune else None, today)


def create_product(session: Session, data: ProductData, *, today: dt.date | None = None) -> Product:
    today = today or dt.date.today()
    errors = check(session, data, today)
    if errors:
        raise ValidationFailed(errors)
    norm = data.normalised()
    if norm.commune_code is None:
        norm.commune_code = session.get(Producer, norm.producer_id).commune_code
    p = Product()
    _apply(session, p, norm, today)
    session.add(p)
    session.flush()
    return p


def update_product(session: Session, product_id: str, data: ProductData, *, today: dt.date | None = None) -> Product:
    today = today or dt.date.today()
    p = get_record(session, Product, product_id)
    errors = check(session, data, today)
    if errors:
        raise ValidationFailed(errors)
    _apply(session, p, data.normalised(), today)
    session.flush()
    return p


def delete_product(session: Session, product_id: str) -> Product:
    return set_deleted(session, Product, product_id, True)


def restore_product(session: Session, product_id: str) -> Product:
    p = get_record(session, Product, product_id, include_deleted=True)
    producer = session.get(Producer, p.producer_id)
    if producer is None or producer.deleted:
        raise BadInput(_("Restore the producer of this product first."))
    return set_deleted(session, Product, product_id, False)


def get_product(session: Session, product_id: str) -> ProductData:
    return ProductData.from_model(get_record(session, Product, product_id))


def list_products(session: Session, *, include_deleted: bool = False,
                  producer_id: str | None = None) -> list[ProductRow]:
    q = (select(Product.id, Product.name, Product.code, Product.producer_id, Producer.name.label("producer_name"),
                Producer.kind.label("producer_kind"),
                Product.product_set, Product.commune_code, Product.status, Product.stars, Product.deleted,
                Product.version, Product.updated_at)
         .join(Producer, Producer.id == Product.producer_id))
    if not include_deleted:
        q = q.where(Product.deleted.is_(False))
    if producer_id is not None:
        q = q.where(Product.producer_id == producer_id)
    sets = product_sets.BY_NUMBER
    commune_names: dict[int | None, str] = {}
    rows = []
    for r in session.execute(q):
        cname = commune_names.get(r.commune_code)
        if cname is None:
            cname = commune_names[r.commune_code] = geography.commune_name(r.commune_code)
        ps = sets.get(r.product_set)
        slabel = ps.label() if ps else str(r.product_set)
        rows.append(ProductRow(
            id=r.id, name=r.name, code=r.code or "", producer_id=r.producer_id, producer_name=r.producer_name, producer_kind=r.producer_kind,
            product_set=r.product_set, set_label=slabel, group=ps.group if ps else "",
            commune_code=r.commune_code, commune_name=cname, status=r.status,
            status_label=status_label(r.status, r.stars), stars=r.stars, deleted=r.deleted,
            version=r.version, updated_at=r.updated_at,
            search_text=fold(" ".join((r.name, r.code or "", r.producer_name, cname))),
        ))
    rows.sort(key=lambda r: fold(r.name))
    return rows


def search_rows(rows: list, query: str) -> list:
    """Rows whose folded text holds every word of the query (accent-insensitive)."""
    from ocop_desktop.text import search_terms

    terms = search_terms(query)
    if not terms:
        return list(rows)
    return [r for r in rows if all(t in r.search_text for t in terms)]
