"""Support given (hỗ trợ, cycle step 4) to a producer or one of its products."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.domain.funding import FUNDING_LABELS, SUPPORT_FUNDING, FundingSource, funding_code
from ocop_desktop.domain.training_support import (
    SUPPORT_KIND_LABELS,
    SupportKind,
)
from ocop_desktop.domain.vocab import label
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import N_, AmountError, _, format_amount, parse_amount
from ocop_desktop.models import Producer, Product, Support
from ocop_desktop.services.common import apply_fields, get_record, new_record, set_deleted
from ocop_desktop.services.cycle_checks import amount_error
from ocop_desktop.services.listing import FoldMemo, joined_folded
from ocop_desktop.services.validation import text_errors
from ocop_desktop.text import fold, nfc, nfc_multiline

_TEXT = {
    "description": (N_("What was given"), 500, False),
    "decision_ref": (N_("Decision reference"), 128, False),
    "notes": (N_("Notes"), None, True),
}


@dataclass
class SupportData:
    """Editable fields of a support record. ``amount`` may be text as typed."""

    producer_id: str | None = None
    product_id: str | None = None
    kind: str = SupportKind.PACKAGING.value
    description: str = ""
    amount: int | str | None = None
    funding: str | None = None
    date: dt.date | None = None
    decision_ref: str = ""
    notes: str = ""

    @classmethod
    def from_model(cls, s: Support) -> SupportData:
        return cls(**{f.name: getattr(s, f.name) for f in fields(cls)})

    def normalised(self) -> SupportData:
        out = SupportData(**{f.name: getattr(self, f.name) for f in fields(self)})
        out.description = nfc(out.description)
        out.decision_ref = nfc(out.decision_ref)
        out.notes = nfc_multiline(out.notes)
        out.producer_id = out.producer_id or None
        out.product_id = out.product_id or None
        out.funding = funding_code(out.funding)
        if isinstance(out.amount, str):
            try:
                out.amount = parse_amount(out.amount)
            except AmountError:
                pass  # validate() names the problem
        return out


def validate(session: Session, data: SupportData) -> dict[str, str]:
    errors = text_errors(data, _TEXT)
    if data.producer_id is None:
        errors["producer_id"] = _("Producer: choose the producer who received the support.")
    else:
        producer = session.get(Producer, data.producer_id)
        if producer is None:
            errors["producer_id"] = _("Producer: this producer does not exist.")
        elif producer.deleted:
            errors["producer_id"] = _("Producer: {name} was deleted; restore it first.").format(name=producer.name)
    if data.product_id is not None:
        product = session.get(Product, data.product_id)
        if product is None:
            errors["product_id"] = _("Product: this product does not exist.")
        elif product.deleted:
            errors["product_id"] = _("Product: {name} was deleted; restore it first.").format(name=product.name)
        elif data.producer_id and product.producer_id != data.producer_id:
            errors["product_id"] = _("Product: {name} is not a product of the chosen producer.").format(
                name=product.name)
    if data.kind not in set(SupportKind):
        errors["kind"] = _("Kind of support: choose one from the list.")
    if msg := amount_error(_("Amount"), data.amount, required=True):
        errors["amount"] = msg
    if data.funding is None:
        errors["funding"] = _("Funding source: required.")
    elif data.funding not in SUPPORT_FUNDING:
        errors["funding"] = _("Funding source: choose a source from the list.")
    if data.date is None:
        errors["date"] = _("Date: required.")
    return errors


def check(session: Session, data: SupportData) -> dict[str, str]:
    return validate(session, data.normalised())


def _checked(session: Session, data: SupportData) -> SupportData:
    norm = data.normalised()
    errors = validate(session, norm)
    if errors:
        raise ValidationFailed(errors)
    return norm


def create_support(session: Session, data: SupportData) -> Support:
    return new_record(session, Support, _checked(session, data))


def update_support(session: Session, support_id: str, data: SupportData) -> Support:
    s = get_record(session, Support, support_id)
    apply_fields(s, _checked(session, data))
    session.flush()
    return s


def delete_support(session: Session, support_id: str) -> Support:
    return set_deleted(session, Support, support_id, True)


def restore_support(session: Session, support_id: str) -> Support:
    s = get_record(session, Support, support_id, include_deleted=True)
    producer = session.get(Producer, s.producer_id)
    if producer is None or producer.deleted:
        raise BadInput(_("The producer of this support was deleted; restore the producer first."))
    return set_deleted(session, Support, support_id, False)


def get_support(session: Session, support_id: str) -> SupportData:
    return SupportData.from_model(get_record(session, Support, support_id))


@dataclass(frozen=True)
class SupportRow:
    id: str
    producer_id: str
    producer_name: str
    product_id: str | None
    product_name: str
    kind: str
    kind_label: str
    description: str
    amount: int
    amount_text: str
    funding: str
    funding_label: str
    date: dt.date
    year: int
    decision_ref: str
    commune_code: int | None
    commune_name: str
    deleted: bool
    version: int
    updated_at: dt.datetime
    search_text: str = field(repr=False, default="")


def list_support(session: Session, *, include_deleted: bool = False, producer_id: str | None = None,
                 product_id: str | None = None) -> list[SupportRow]:
    S = Support  # noqa: N806
    # Columns, not ORM objects; see services.listing.
    q = select(S.id, S.producer_id, S.product_id, S.kind, S.description, S.amount, S.funding, S.date,
               S.decision_ref, S.deleted, S.version, S.updated_at)
    if not include_deleted:
        q = q.where(S.deleted.is_(False))
    if producer_id is not None:
        q = q.where(S.producer_id == producer_id)
    if product_id is not None:
        q = q.where(S.product_id == product_id)
    communes: dict[int | None, tuple[str, str]] = {}
    producers = {pid: (name, code) for pid, name, code in session.execute(
        select(Producer.id, Producer.name, Producer.commune_code))}
    products = dict(session.execute(select(Product.id, Product.name)).all())
    folds = FoldMemo()
    kinds = {k: label(SUPPORT_KIND_LABELS, k) for k in SupportKind}
    folded_kinds = {k: fold(v) for k, v in kinds.items()}
    fundings = {k: label(FUNDING_LABELS, k) for k in FundingSource}
    no_producer = ("", None)
    rows, keys = [], []
    for (id_, pid, product, kind, description, amount, funding, date, decision_ref, deleted, version,
         updated_at) in session.execute(q):
        pname, commune_code = producers.get(pid, no_producer)
        folded_pname = folds[pname]
        commune = communes.get(commune_code)
        if commune is None:
            cname = geography.commune_name(commune_code)
            commune = communes[commune_code] = (cname, folds[cname])
        product_name = products.get(product, "") if product else ""
        keys.append((date, folded_pname))
        rows.append(SupportRow(
            id=id_, producer_id=pid, producer_name=pname, product_id=product,
            product_name=product_name, kind=kind, kind_label=kinds.get(kind, kind),
            description=description, amount=amount, amount_text=format_amount(amount), funding=funding,
            funding_label=fundings.get(funding, funding), date=date, year=date.year,
            decision_ref=decision_ref, commune_code=commune_code, commune_name=commune[0], deleted=deleted,
            version=version, updated_at=updated_at,
            search_text=joined_folded(folded_pname, folds[product_name], folded_kinds.get(kind, ""),
                                      fold(f"{description} {decision_ref}"), commune[1]),
        ))
    return [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__, reverse=True)]


def product_choices(session: Session, producer_id: str) -> list[tuple[str, str]]:
    """(id, name) of a producer's live products, for the dialog's product combo."""
    q = select(Product.id, Product.name).where(Product.producer_id == producer_id, Product.deleted.is_(False))
    return sorted(((r.id, r.name) for r in session.execute(q)), key=lambda t: fold(t[1]))
