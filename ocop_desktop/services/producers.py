"""Producer (chủ thể) use cases: create, edit, delete (tombstone), restore, list, find duplicates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.domain.identifiers import IdentifierError, parse_identifier
from ocop_desktop.domain.vocab import PRODUCER_KIND_LABELS, ProducerKind, label
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.models import Producer, Product
from ocop_desktop.services import office as office_service
from ocop_desktop.services.common import get_record, set_deleted
from ocop_desktop.services.validation import normalise_phone, validate_producer
from ocop_desktop.text import fold, nfc, nfc_multiline


@dataclass
class ProducerData:
    """Editable fields of a producer, as a dialog or the CLI supplies them."""

    kind: str = ProducerKind.HTX.value
    name: str = ""
    local_capital_share: Decimal | None = None
    identifier: str = ""
    reg_number: str = ""
    reg_date: dt.date | None = None
    rep_name: str = ""
    rep_title: str = ""
    rep_sex: str | None = None
    rep_ethnicity: str | None = None
    rep_disability: bool = False
    value_chain: bool = False  # has built a value chain (chuỗi giá trị)
    commune_code: int | None = None
    address_detail: str = ""
    legacy_address: str = ""
    phone: str = ""
    email: str = ""
    food_safety_cert_no: str = ""
    food_safety_cert_expiry: dt.date | None = None
    notes: str = ""

    @classmethod
    def from_model(cls, p: Producer) -> ProducerData:
        return cls(**{f.name: getattr(p, f.name) for f in fields(cls)})

    def normalised(self) -> ProducerData:
        """NFC text, canonical identifier and phone; None for blank choices."""
        out = ProducerData(**{f.name: getattr(self, f.name) for f in fields(self)})
        for name in ("name", "reg_number", "rep_name", "rep_title", "address_detail",
                     "legacy_address", "food_safety_cert_no"):
            setattr(out, name, nfc(getattr(out, name)))
        out.notes = nfc_multiline(out.notes)
        out.email = (out.email or "").strip()
        out.phone = nfc(out.phone)
        out.rep_sex = out.rep_sex or None
        out.rep_ethnicity = out.rep_ethnicity or None
        if out.kind != ProducerKind.CONG_TY_CP:
            out.local_capital_share = None
        elif out.local_capital_share not in (None, ""):
            out.local_capital_share = Decimal(str(out.local_capital_share).replace(",", "."))
        else:
            out.local_capital_share = None
        try:
            out.identifier = parse_identifier(out.identifier).value if out.identifier.strip() else ""
        except IdentifierError:
            out.identifier = nfc(out.identifier)
        return out


@dataclass(frozen=True)
class ProducerRow:
    """One line of the producer list (plain data, safe to hand to the GUI thread)."""

    id: str
    name: str
    kind: str
    kind_label: str
    identifier: str
    commune_code: int | None
    commune_name: str
    rep_name: str
    phone: str
    product_count: int
    deleted: bool
    version: int
    updated_at: dt.datetime
    search_text: str = field(repr=False, default="")
    value_chain: bool = False


@dataclass(frozen=True)
class DuplicateMatch:
    id: str
    name: str
    commune_name: str
    identifier: str
    reason: str  # "identifier" | "name"


class PossibleDuplicate(BadInput):
    """Raised when a new producer looks like an existing one; retry with confirmed=True."""

    def __init__(self, matches: list[DuplicateMatch]) -> None:
        names = ", ".join(f"{m.name} ({m.commune_name})" for m in matches[:3])
        super().__init__(_("A producer with the same name already exists in this commune: {names}.").format(names=names))
        self.matches = matches


def find_duplicates(session: Session, data: ProducerData, *, exclude_id: str | None = None) -> list[DuplicateMatch]:
    """Existing live producers with the same identifier, or the same folded name + commune."""
    data = data.normalised()
    out: list[DuplicateMatch] = []
    base = select(Producer).where(Producer.deleted.is_(False))
    if exclude_id:
        base = base.where(Producer.id != exclude_id)
    if data.identifier:
        for p in session.scalars(base.where(Producer.identifier == data.identifier)):
            out.append(DuplicateMatch(p.id, p.name, geography.commune_name(p.commune_code), p.identifier or "", "identifier"))
    if data.name and data.commune_code is not None:
        target = fold(data.name)
        seen = {m.id for m in out}
        for p in session.scalars(base.where(Producer.commune_code == data.commune_code)):
            if p.id not in seen and fold(p.name) == target:
                out.append(DuplicateMatch(p.id, p.name, geography.commune_name(p.commune_code), p.identifier or "", "name"))
    return out


def check(session: Session, data: ProducerData, *, exclude_id: str | None = None,
          today: dt.date | None = None) -> tuple[dict[str, str], list[DuplicateMatch]]:
    """Validation errors (incl. a duplicate identifier) and name look-alikes, without saving."""
    norm = data.normalised()
    communes = office_service.local_commune_codes(session)
    errors = validate_producer(norm, today=today, office_communes=communes or None)
    dups = find_duplicates(session, norm, exclude_id=exclude_id)
    id_dups = [d for d in dups if d.reason == "identifier"]
    if id_dups and "identifier" not in errors:
        errors["identifier"] = _("Tax code / ID: already used by {name} ({commune}).").format(
            name=id_dups[0].name, commune=id_dups[0].commune_name or "—")
    return errors, [d for d in dups if d.reason == "name"]


def _apply(p: Producer, data: ProducerData) -> None:
    for f in fields(ProducerData):
        value = getattr(data, f.name)
        if getattr(p, f.name) != value:
            setattr(p, f.name, value)
    ident_kind = None
    if data.identifier:
        ident_kind = parse_identifier(data.identifier).kind.value
    if p.identifier_kind != ident_kind:
        p.identifier_kind = ident_kind


def create_producer(session: Session, data: ProducerData, *, confirmed_duplicate: bool = False,
                    today: dt.date | None = None) -> Producer:
    errors, name_dups = check(session, data, today=today)
    if errors:
        raise ValidationFailed(errors)
    if name_dups and not confirmed_duplicate:
        raise PossibleDuplicate(name_dups)
    norm = data.normalised()
    p = Producer()
    _apply(p, norm)
    session.add(p)
    session.flush()
    return p


def update_producer(session: Session, producer_id: str, data: ProducerData, *,
                    today: dt.date | None = None) -> Producer:
    p = get_record(session, Producer, producer_id)
    errors, _dups = check(session, data, exclude_id=producer_id, today=today)
    if errors:
        raise ValidationFailed(errors)
    _apply(p, data.normalised())
    session.flush()
    return p


def delete_producer(session: Session, producer_id: str) -> Producer:
    live = session.scalar(select(func.count()).select_from(Product).where(
        Product.producer_id == producer_id, Product.deleted.is_(False)))
    if live:
        raise BadInput(_("This producer still has {n} product(s). Delete or move them first.").format(n=live))
    return set_deleted(session, Producer, producer_id, True)


def restore_producer(session: Session, producer_id: str) -> Producer:
    return set_deleted(session, Producer, producer_id, False)


def get_producer(session: Session, producer_id: str) -> ProducerData:
    return ProducerData.from_model(get_record(session, Producer, producer_id))


def has_producers(session: Session) -> bool:
    """Whether any producer is live (a product needs one)."""
    return session.scalar(select(Producer.id).where(Producer.deleted.is_(False)).limit(1)) is not None


def list_producers(session: Session, *, include_deleted: bool = False) -> list[ProducerRow]:
    counts = dict(session.execute(
        select(Product.producer_id, func.count()).where(Product.deleted.is_(False)).group_by(Product.producer_id)
    ).all())
    q = select(Producer.id, Producer.name, Producer.kind, Producer.identifier, Producer.commune_code,
               Producer.rep_name, Producer.phone, Producer.deleted, Producer.version, Producer.updated_at,
               Producer.legacy_address, Producer.value_chain)
    if not include_deleted:
        q = q.where(Producer.deleted.is_(False))
    kind_labels = {k: label(PRODUCER_KIND_LABELS, k) for k in ProducerKind}
    rows = []
    for r in session.execute(q):
        commune = geography.commune_name(r.commune_code)
        rows.append(ProducerRow(
            id=r.id, name=r.name, kind=r.kind, kind_label=kind_labels.get(r.kind, r.kind),
            identifier=r.identifier or "", commune_code=r.commune_code, commune_name=commune,
            rep_name=r.rep_name, phone=r.phone, product_count=counts.get(r.id, 0), deleted=r.deleted,
            version=r.version, updated_at=r.updated_at, value_chain=bool(r.value_chain),
            search_text=fold(" ".join((r.name, r.identifier or "", commune, r.rep_name, normalise_phone(r.phone),
                                       r.legacy_address))),
        ))
    rows.sort(key=lambda r: fold(r.name))
    return rows


def producer_choices(session: Session) -> list[tuple[str, str]]:
    """(id, "name — commune") of live producers, for the product dialog's combo box."""
    q = select(Producer.id, Producer.name, Producer.commune_code).where(Producer.deleted.is_(False))
    out = [(r.id, f"{r.name} — {geography.commune_name(r.commune_code) or '?'}") for r in session.execute(q)]
    out.sort(key=lambda t: fold(t[1]))
    return out
