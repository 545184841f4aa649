"""Product idea (ý tưởng sản phẩm) use cases: check, create, edit, screen, delete (tombstone),
restore, list, and turn an idea into a product (once)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography, product_sets
from ocop_desktop.domain.vocab import (
    IDEA_ORIGIN_LABELS,
    IDEA_STATUS_LABELS,
    IdeaOrigin,
    IdeaStatus,
    label,
)
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import N_, _, format_date
from ocop_desktop.models import Producer, Product, ProductIdea
from ocop_desktop.services.common import apply_fields, get_record, new_record, set_deleted
from ocop_desktop.services.validation import _date_error, phone_error, text_errors
from ocop_desktop.text import fold, nfc, nfc_multiline

#: The idea's text fields: (label, stored length or None for Text, multiline); = the columns'.
IDEA_TEXT_FIELDS: dict[str, tuple[str, int | None, bool]] = {
    "name": (N_("Proposed product"), 255, False),
    "proposer_name": (N_("Proposed by"), 255, False),
    "proposer_phone": (N_("Phone"), 32, False),
    "description": (N_("Description"), None, True),
    "raw_materials": (N_("Raw materials"), None, True),
    "market": (N_("Expected market"), None, True),
    "return_reason": (N_("Reason for returning"), None, True),
    "screened_by": (N_("Screened by"), 255, False),
}
_SINGLE_LINE = ("name", "proposer_name", "proposer_phone", "screened_by")
_MULTILINE = ("description", "raw_materials", "market", "return_reason")
#: Statuses the form may set; PRODUCT comes only from make_product.
FORM_STATUSES = (IdeaStatus.RECEIVED, IdeaStatus.ACCEPTED, IdeaStatus.RETURNED, IdeaStatus.PLAN,
                 IdeaStatus.DROPPED)
_SCREENED = frozenset({IdeaStatus.ACCEPTED, IdeaStatus.RETURNED, IdeaStatus.PLAN, IdeaStatus.DROPPED})


@dataclass
class IdeaData:
    """Editable fields of a product idea, as the dialog or the CLI supplies them."""

    name: str = ""
    producer_id: str | None = None
    proposer_name: str = ""
    proposer_phone: str = ""
    received_on: dt.date | None = None
    commune_code: int | None = None
    product_set: int | None = None
    description: str = ""
    origin: str = IdeaOrigin.TRADITION.value
    raw_materials: str = ""
    market: str = ""
    status: str = IdeaStatus.RECEIVED.value
    return_reason: str = ""
    screened_by: str = ""
    screened_on: dt.date | None = None

    @classmethod
    def from_model(cls, idea: ProductIdea) -> IdeaData:
        return cls(**{f.name: getattr(idea, f.name) for f in fields(cls)})

    def normalised(self) -> IdeaData:
        out = IdeaData(**{f.name: getattr(self, f.name) for f in fields(self)})
        for name in _SINGLE_LINE:
            setattr(out, name, nfc(getattr(out, name)))
        for name in _MULTILINE:
            setattr(out, name, nfc_multiline(getattr(out, name)))
        out.producer_id = out.producer_id or None
        out.product_set = out.product_set or None
        if out.producer_id:  # the producer speaks for itself
            out.proposer_name = ""
            out.proposer_phone = ""
        return out


@dataclass(frozen=True)
class IdeaRow:
    """One line of the idea list (plain data, safe to hand to the GUI thread)."""

    id: str
    name: str
    proposer: str  # the producer's name, or the person/group's
    producer_id: str | None
    received_on: dt.date
    received_text: str
    year: int
    commune_code: int | None
    commune_name: str
    set_label: str
    status: str
    status_label: str
    product_id: str | None
    deleted: bool
    version: int
    updated_at: dt.datetime
    search_text: str = field(repr=False, default="")


def validate(data: IdeaData, *, today: dt.date | None = None) -> dict[str, str]:
    """Pure field checks (no session) of a normalised :class:`IdeaData`."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Proposed product: required.")
    if not data.producer_id and not data.proposer_name.strip():
        errors["proposer_name"] = _("Proposed by: choose a producer, or enter the name of the person or group.")
    if msg := phone_error(data.proposer_phone):
        errors["proposer_phone"] = msg
    if data.received_on is None:
        errors["received_on"] = _("Date received: required (dd/mm/yyyy).")
    elif msg := _date_error(data.received_on, _("Date received"), today, future_ok=False):
        errors["received_on"] = msg
    if data.commune_code is None:
        errors["commune_code"] = _("Commune: choose the commune the idea comes from.")
    elif geography.commune(data.commune_code) is None:
        errors["commune_code"] = _("Commune: unknown commune code {code}.").format(code=data.commune_code)
    if data.product_set is not None and data.product_set not in product_sets.BY_NUMBER:
        errors["product_set"] = _("Product set: choose one of the 26 product sets.")
    if data.origin not in set(IdeaOrigin):
        errors["origin"] = _("Origin of the idea: choose one.")
    if data.status not in set(IdeaStatus):
        errors["status"] = _("Status: choose a status.")
    elif data.status == IdeaStatus.RETURNED and not data.return_reason.strip():
        errors["return_reason"] = _("Reason for returning: required when the idea is returned.")
    if data.status in _SCREENED and not data.screened_on:
        errors["screened_on"] = _("Screening date: required once the idea has been screened.")
    elif msg := _date_error(data.screened_on, _("Screening date"), today, future_ok=False):
        errors["screened_on"] = msg
    elif data.screened_on and data.received_on and data.screened_on < data.received_on:
        errors["screened_on"] = _("Screening date: {date} is before the date received ({received}).").format(
            date=format_date(data.screened_on), received=format_date(data.received_on))
    for name, msg in text_errors(data, IDEA_TEXT_FIELDS).items():
        errors.setdefault(name, msg)
    return errors


def check(session: Session, data: IdeaData, *, idea_id: str | None = None,
          today: dt.date | None = None) -> dict[str, str]:
    """Every error the save would refuse, without saving."""
    norm = data.normalised()
    errors = validate(norm, today=today)
    if norm.producer_id:
        producer = session.get(Producer, norm.producer_id)
        if producer is None or producer.deleted:
            errors["producer_id"] = _("Producer: the chosen producer does not exist or was deleted.")
    current = session.get(ProductIdea, idea_id) if idea_id else None
    was_product = current is not None and current.status == IdeaStatus.PRODUCT
    if norm.status == IdeaStatus.PRODUCT and not was_product:
        errors["status"] = _("Status: an idea becomes a product with “Create product”, which makes the product "
                             "record.")
    elif was_product and norm.status != IdeaStatus.PRODUCT and linked_product(session, idea_id) is not None:
        errors["status"] = _("Status: this idea already became a product; delete the product first to change it.")
    return errors


def create_idea(session: Session, data: IdeaData, *, today: dt.date | None = None) -> ProductIdea:
    errors = check(session, data, today=today)
    if errors:
        raise ValidationFailed(errors)
    return new_record(session, ProductIdea, data.normalised())


def update_idea(session: Session, idea_id: str, data: IdeaData, *, today: dt.date | None = None) -> ProductIdea:
    idea = get_record(session, ProductIdea, idea_id)
    errors = check(session, data, idea_id=idea_id, today=today)
    if errors:
        raise ValidationFailed(errors)
    apply_fields(idea, data.normalised())
    session.flush()
    return idea


def get_idea(session: Session, idea_id: str) -> IdeaData:
    return IdeaData.from_model(get_record(session, ProductIdea, idea_id))


def delete_idea(session: Session, idea_id: str) -> ProductIdea:
    return set_deleted(session, ProductIdea, idea_id, True)


def restore_idea(session: Session, idea_id: str) -> ProductIdea:
    idea = get_record(session, ProductIdea, idea_id, include_deleted=True)
    if idea.producer_id:
        producer = session.get(Producer, idea.producer_id)
        if producer is None or producer.deleted:
            raise BadInput(_("Restore the producer of this idea first."))
    return set_deleted(session, ProductIdea, idea_id, False)


def linked_product(session: Session, idea_id: str) -> Product | None:
    """The live product made from the idea, if any."""
    idea = get_record(session, ProductIdea, idea_id, include_deleted=True)
    if not idea.product_id:
        return None
    product = session.get(Product, idea.product_id)
    return product if product is not None and not product.deleted else None


def make_product(session: Session, idea_id: str, *, today: dt.date | None = None) -> Product:
    """Create the product record from the idea (name, producer, set, commune, description),
    link it to the idea and mark the idea "became a product". Refused, with the field to fix,
    when the idea already has a live product, has no producer (a person or group must be
    registered as a producer first) or no product set."""
    from ocop_desktop.services import products as product_service

    idea = get_record(session, ProductIdea, idea_id)
    existing = linked_product(session, idea_id)
    if existing is not None:
        raise ValidationFailed({"status": _("Status: this idea already became the product “{name}”.").format(
            name=existing.name)})
    errors: dict[str, str] = {}
    if not idea.producer_id:
        errors["producer_id"] = _("Producer: register “{name}” as a producer first, then choose it here.").format(
            name=idea.proposer_name)
    else:
        producer = session.get(Producer, idea.producer_id)
        if producer is None or producer.deleted:
            errors["producer_id"] = _("Producer: the chosen producer does not exist or was deleted.")
    if not idea.product_set:
        errors["product_set"] = _("Product set: choose the product set before creating the product.")
    if errors:
        raise ValidationFailed(errors)
    product = product_service.create_product(session, product_service.ProductData(
        name=idea.name, producer_id=idea.producer_id, product_set=idea.product_set,
        commune_code=idea.commune_code, description=idea.description), today=today)
    idea.product_id = product.id
    idea.status = IdeaStatus.PRODUCT.value
    session.flush()
    return product


def _rows(session: Session, q) -> list[IdeaRow]:  # noqa: ANN001 - a select
    # Labels repeat across 30,000 rows: each commune, set, status and date is formatted once.
    # Rows are unpacked as tuples: a Row's attribute access costs ~0.3 µs a field.
    set_labels = {n: ps.label() for n, ps in product_sets.BY_NUMBER.items()}
    status_labels = {st.value: label(IDEA_STATUS_LABELS, st) for st in IdeaStatus}
    commune_names: dict[int | None, str] = {}
    dates: dict[dt.date, tuple[str, int, int]] = {}
    rows = []
    for (id_, name, producer_id, producer_name, proposer_name, proposer_phone, received_on, commune_code,
         product_set, status, product_id, deleted, version, updated_at) in session.execute(q):
        cname = commune_names.get(commune_code)
        if cname is None:
            cname = commune_names[commune_code] = geography.commune_name(commune_code)
        day = dates.get(received_on)
        if day is None:
            day = dates[received_on] = (format_date(received_on), received_on.year, -received_on.toordinal())
        set_label = set_labels.get(product_set, "") if product_set else ""
        proposer = producer_name or proposer_name
        status_label = status_labels.get(status)
        rows.append(IdeaRow(
            id_, name, proposer, producer_id, received_on, day[0], day[1], commune_code, cname, set_label,
            status, status_label if status_label is not None else label(IDEA_STATUS_LABELS, status), product_id,
            deleted, version, updated_at, fold(" ".join((name, proposer, cname, set_label, proposer_phone))),
        ))
    # Newest first, then by name (search_text starts with the folded name).
    keys = [(dates[r.received_on][2], r.search_text) for r in rows]
    return [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__)]


def _select():  # noqa: ANN202
    return (select(ProductIdea.id, ProductIdea.name, ProductIdea.producer_id, Producer.name.label("producer_name"),
                   ProductIdea.proposer_name, ProductIdea.proposer_phone, ProductIdea.received_on,
                   ProductIdea.commune_code, ProductIdea.product_set, ProductIdea.status, ProductIdea.product_id,
                   ProductIdea.deleted, ProductIdea.version, ProductIdea.updated_at)
            .outerjoin(Producer, Producer.id == ProductIdea.producer_id))


def list_ideas(session: Session, *, include_deleted: bool = False, producer_id: str | None = None,
               product_id: str | None = None) -> list[IdeaRow]:
    """Ideas, newest received first."""
    q = _select()
    if not include_deleted:
        q = q.where(ProductIdea.deleted.is_(False))
    if producer_id is not None:
        q = q.where(ProductIdea.producer_id == producer_id)
    if product_id is not None:
        q = q.where(ProductIdea.product_id == product_id)
    return _rows(session, q)


def origin_label(code: str) -> str:
    return label(IDEA_ORIGIN_LABELS, code)
