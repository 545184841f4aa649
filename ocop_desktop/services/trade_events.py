"""Trade promotion events (xúc tiến thương mại: hội chợ, triển lãm, hội nghị kết nối cung cầu,
chiến dịch thương mại điện tử): create, edit, delete (tombstone), restore, list, and the events a
product or a producer took part in. Qt-free; never commits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.domain.funding import FundingSource, funding_code
from ocop_desktop.domain.trade_promotion import (
    EVENT_KIND_LABELS,
    EVENT_SCOPE_LABELS,
    EVENT_STATUS_LABELS,
    EventKind,
    EventScope,
    EventStatus,
)
from ocop_desktop.domain.vocab import label
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.i18n import N_, _, format_amount, format_date
from ocop_desktop.models import Producer, Product, TradeEvent
from ocop_desktop.services.common import apply_fields, get_record, new_record, set_deleted
from ocop_desktop.services.listing import FoldMemo, booth_refs, joined_folded, raw_json
from ocop_desktop.services.validation import amount_error, text_errors
from ocop_desktop.text import fold, nfc, nfc_multiline

#: (label, stored length = the column's, multiline)
EVENT_TEXT_FIELDS: dict[str, tuple[str, int | None, bool]] = {
    "name": (N_("Event name"), 255, False),
    "place": (N_("Place"), 255, False),
    "organiser": (N_("Organiser"), 255, False),
    "notes": (N_("Notes"), None, True),
}
MAX_VISITORS = 100_000_000
MAX_BOOTHS = 1_000


@dataclass
class Booth:
    """One producer's participation: its booths, the products shown, its reported sales."""

    producer_id: str
    product_ids: list[str] = field(default_factory=list)
    booths: int = 1
    sales: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"producer_id": self.producer_id, "product_ids": list(self.product_ids), "booths": self.booths,
                "sales": self.sales}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Booth:
        return cls(str(d.get("producer_id") or ""), [str(p) for p in d.get("product_ids") or []],
                   d.get("booths", 1), d.get("sales"))


@dataclass
class TradeEventData:
    """Editable fields of an event, as the dialog or the CLI supplies them."""

    name: str = ""
    kind: str = EventKind.FAIR.value
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    scope: str = EventScope.PROVINCE.value
    place: str = ""
    organiser: str = ""
    visitors: int | None = None
    sales: int | None = None
    cost: int | None = None
    funding: str | None = None
    notes: str = ""
    participants: list[Booth] = field(default_factory=list)

    @classmethod
    def from_model(cls, e: TradeEvent) -> TradeEventData:
        values = {f.name: getattr(e, f.name) for f in fields(cls) if f.name != "participants"}
        values["funding"] = funding_code(values["funding"])  # an old code reads as the current one
        return cls(**values, participants=[Booth.from_json(d) for d in e.participants or []])

    def normalised(self) -> TradeEventData:
        out = TradeEventData(**{f.name: getattr(self, f.name) for f in fields(self)})
        for name in ("name", "place", "organiser"):
            setattr(out, name, nfc(getattr(out, name) or ""))
        out.notes = nfc_multiline(out.notes or "")
        out.funding = funding_code(out.funding)
        return out


@dataclass(frozen=True)
class TradeEventRow:
    """One line of the event list (plain data for the GUI thread)."""

    id: str
    name: str
    kind: str
    kind_label: str
    start_date: dt.date
    end_date: dt.date
    dates_text: str
    year: int
    scope: str
    scope_label: str
    place: str
    producer_count: int
    booth_count: int
    sales: int | None
    sales_text: str
    cost: int | None
    cost_text: str
    status: str
    status_label: str
    #: The communes of the producers that took part (the commune filter).
    commune_codes: frozenset[int]
    deleted: bool
    version: int
    updated_at: dt.datetime
    search_text: str = field(repr=False, default="")


def event_status(start: dt.date, end: dt.date, today: dt.date) -> EventStatus:
    if today < start:
        return EventStatus.PLANNED
    return EventStatus.ONGOING if today <= end else EventStatus.HELD


def dates_text(start: dt.date, end: dt.date, day_text: Any = format_date) -> str:
    return day_text(start) if start == end else f"{day_text(start)} – {day_text(end)}"


def _count_error(label_text: str, value: object, most: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return _("{field}: a whole number.").format(field=label_text)
    if value < 0:
        return _("{field}: cannot be negative.").format(field=label_text)
    if value > most:
        return _("{field}: at most {max}.").format(field=label_text, max=most)
    return None


def _check_booths(session: Session, data: TradeEventData, errors: dict[str, str], kept: set[str]) -> None:
    seen: set[str] = set()
    booth_sales = 0
    producer_ids = {b.producer_id for b in data.participants if b.producer_id}
    producers = {p.id: p for p in session.scalars(select(Producer).where(Producer.id.in_(producer_ids)))}
    product_ids = {pid for b in data.participants for pid in b.product_ids}
    products = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(product_ids)))}
    for i, b in enumerate(data.participants):
        key, n = f"participants.{i}", i + 1
        producer = producers.get(b.producer_id)
        if producer is None and b.producer_id in kept:
            continue  # a booth of another office's producer, received with the event: kept as it is
        if producer is None:
            errors[key] = _("Booth {n}: choose the producer.").format(n=n)
            continue
        if producer.deleted:
            errors[key] = _("Booth {n}: the producer “{name}” was deleted; restore it or remove the booth.").format(
                n=n, name=producer.name)
            continue
        if b.producer_id in seen:
            errors[key] = _("Booth {n}: “{name}” is already listed; give one line per producer.").format(
                n=n, name=producer.name)
            continue
        seen.add(b.producer_id)
        for pid in b.product_ids:
            product = products.get(pid)
            if product is None or product.deleted:
                errors[key] = _("Booth {n}: one of its products was deleted; remove it from the booth.").format(n=n)
                break
            if product.producer_id != b.producer_id:
                errors[key] = _("Booth {n}: “{product}” is not a product of “{name}”.").format(
                    n=n, product=product.name, name=producer.name)
                break
        if key in errors:
            continue
        if msg := _count_error(_("Booth {n}: booths").format(n=n), b.booths, MAX_BOOTHS):
            errors[key] = msg
        elif b.booths is None or b.booths < 1:
            errors[key] = _("Booth {n}: at least one booth.").format(n=n)
        elif msg := amount_error(_("Booth {n}: sales").format(n=n), b.sales):
            errors[key] = msg
        elif b.sales:
            booth_sales += b.sales
    if (isinstance(data.sales, int) and "sales" not in errors and booth_sales > data.sales
            and not any(k.startswith("participants.") for k in errors)):
        errors["sales"] = _("Total sales: the booths' sales add up to {booths}, more than the total {total}.").format(
            booths=format_amount(booth_sales), total=format_amount(data.sales))


def validate(session: Session, data: TradeEventData, *, event_id: str | None = None) -> dict[str, str]:
    """Field-level messages for ``data`` (normalised); empty when it may be saved. Editing
    ``event_id``, its booths of producers this office does not hold (a province's event
    received in a bundle) are kept as they are."""
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Event name: required.")
    if data.kind not in set(EventKind):
        errors["kind"] = _("Kind of event: choose one.")
    if data.scope not in set(EventScope):
        errors["scope"] = _("Where: choose in the province, elsewhere in Vietnam or abroad.")
    if data.start_date is None:
        errors["start_date"] = _("Start date: required.")
    elif data.start_date.year < 2000:
        errors["start_date"] = _("Start date: the date {date} is too far in the past.").format(
            date=format_date(data.start_date))
    if data.end_date is None:
        errors["end_date"] = _("End date: required (the start date for a one-day event).")
    elif data.start_date is not None and data.end_date < data.start_date:
        errors["end_date"] = _("End date: {end} is before the start date {start}.").format(
            end=format_date(data.end_date), start=format_date(data.start_date))
    elif data.start_date is not None and (data.end_date - data.start_date).days > 366:
        errors["end_date"] = _("End date: an event lasts at most a year.")
    if msg := _count_error(_("Visitors"), data.visitors, MAX_VISITORS):
        errors["visitors"] = msg
    if msg := amount_error(_("Total sales"), data.sales):
        errors["sales"] = msg
    if msg := amount_error(_("Cost"), data.cost):
        errors["cost"] = msg
    if data.funding is not None and data.funding not in set(FundingSource):
        errors["funding"] = _("Funding source: choose one of the list.")
    elif data.funding is None and data.cost:
        errors["funding"] = _("Funding source: say who paid the cost.")
    kept: set[str] = set()
    if event_id is not None and (stored := session.get(TradeEvent, event_id)) is not None:
        kept = {str(b.get("producer_id")) for b in stored.participants or []}
    _check_booths(session, data, errors, kept)
    for name, msg in text_errors(data, EVENT_TEXT_FIELDS).items():
        errors.setdefault(name, msg)
    return errors


def check(session: Session, data: TradeEventData, *, event_id: str | None = None) -> dict[str, str]:
    return validate(session, data.normalised(), event_id=event_id)


def _stored(name: str, value: Any) -> Any:
    """A field of :class:`TradeEventData` as the record stores it (the booths as JSON)."""
    return [b.to_json() for b in value] if name == "participants" else value


def create_event(session: Session, data: TradeEventData) -> TradeEvent:
    norm = data.normalised()
    if errors := validate(session, norm):
        raise ValidationFailed(errors)
    return new_record(session, TradeEvent, norm, _stored)


def update_event(session: Session, event_id: str, data: TradeEventData) -> TradeEvent:
    e = get_record(session, TradeEvent, event_id)
    norm = data.normalised()
    if errors := validate(session, norm, event_id=event_id):
        raise ValidationFailed(errors)
    apply_fields(e, norm, _stored)
    session.flush()
    return e


def delete_event(session: Session, event_id: str) -> TradeEvent:
    return set_deleted(session, TradeEvent, event_id, True)


def restore_event(session: Session, event_id: str) -> TradeEvent:
    return set_deleted(session, TradeEvent, event_id, False)


def get_event(session: Session, event_id: str) -> TradeEventData:
    return TradeEventData.from_model(get_record(session, TradeEvent, event_id))


def list_events(session: Session, *, include_deleted: bool = False,
                today: dt.date | None = None) -> list[TradeEventRow]:
    today = today or dt.date.today()
    producers = {pid: (name, code) for pid, name, code in session.execute(
        select(Producer.id, Producer.name, Producer.commune_code))}
    folds = FoldMemo()  # see services.listing
    folded_communes: dict[int, str] = {}
    kinds = {k: label(EVENT_KIND_LABELS, k) for k in EventKind}
    folded_kinds = {k: fold(v) for k, v in kinds.items()}
    scopes = {k: label(EVENT_SCOPE_LABELS, k) for k in EventScope}
    statuses = {k: label(EVENT_STATUS_LABELS, k) for k in EventStatus}
    # Columns, not ORM objects: 30,000 events are read when the tab opens (the vv/dots JSON stays
    # unread, the booths are decoded by msgspec; see services.listing).
    q = select(TradeEvent.id, TradeEvent.name, TradeEvent.kind, TradeEvent.start_date, TradeEvent.end_date,
               TradeEvent.scope, TradeEvent.place, TradeEvent.organiser, TradeEvent.sales, TradeEvent.cost,
               raw_json(TradeEvent.participants), TradeEvent.deleted, TradeEvent.version, TradeEvent.updated_at)
    if not include_deleted:
        q = q.where(TradeEvent.deleted.is_(False))
    dates: dict[tuple[dt.date, dt.date], str] = {}
    rows = []
    for (id_, name, kind, start, end, scope, place, organiser, sales, cost, participants, deleted, version,
         updated_at) in session.execute(q):
        booths = booth_refs(participants)
        names = []
        codes = set()
        booth_count = 0
        for b in booths:
            producer = producers.get(b.producer_id)  # type: ignore[arg-type]
            if producer is not None:
                names.append(folds[producer[0]])
                if producer[1] is not None:
                    codes.add(producer[1])
            booth_count += b.booths or 0
        for c in codes:
            if c not in folded_communes:
                folded_communes[c] = folds[geography.commune_name(c)]
        key = (start, end)
        text = dates.get(key)
        if text is None:
            text = dates[key] = dates_text(start, end)
        status = event_status(start, end, today)
        rows.append(TradeEventRow(
            id=id_, name=name, kind=kind, kind_label=kinds.get(kind, kind), start_date=start,
            end_date=end, dates_text=text, year=start.year,
            scope=scope, scope_label=scopes.get(scope, scope), place=place, producer_count=len(booths),
            booth_count=booth_count, sales=sales, sales_text=format_amount(sales), cost=cost,
            cost_text=format_amount(cost), status=status.value, status_label=statuses[status],
            commune_codes=frozenset(codes), deleted=deleted, version=version, updated_at=updated_at,
            search_text=joined_folded(fold(" ".join((name, place, organiser))), folded_kinds.get(kind, ""),
                                      *names, *(folded_communes[c] for c in sorted(codes))),
        ))
    rows.sort(key=lambda r: (-r.start_date.toordinal(), r.name))
    return rows


@dataclass(frozen=True)
class Attendance:
    """An event as seen from one producer or product (the history views)."""

    event_id: str
    name: str
    kind_label: str
    start_date: dt.date
    end_date: dt.date
    place: str
    booths: int
    sales: int | None
    product_ids: tuple[str, ...]
    producer_id: str


def _attendances(session: Session, keep: Any) -> list[Attendance]:
    out = []
    for e in session.scalars(select(TradeEvent).where(TradeEvent.deleted.is_(False))):
        for b in e.participants or []:
            if keep(b):
                out.append(Attendance(e.id, e.name, label(EVENT_KIND_LABELS, e.kind), e.start_date, e.end_date,
                                      e.place, int(b.get("booths") or 0), b.get("sales"),
                                      tuple(b.get("product_ids") or ()), str(b.get("producer_id"))))
    out.sort(key=lambda a: -a.start_date.toordinal())
    return out


def events_of_producer(session: Session, producer_id: str) -> list[Attendance]:
    return _attendances(session, lambda b: b.get("producer_id") == producer_id)


def events_of_product(session: Session, product_id: str) -> list[Attendance]:
    return _attendances(session, lambda b: product_id in (b.get("product_ids") or ()))


def producer_product_choices(session: Session) -> dict[str, list[tuple[str, str]]]:
    """Live products by producer id: [(product id, name)], for the booth editor."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in session.execute(select(Product.id, Product.name, Product.producer_id).where(Product.deleted.is_(False))):
        out.setdefault(r.producer_id, []).append((r.id, r.name))
    for items in out.values():
        items.sort(key=lambda t: fold(t[1]))
    return out


def producer_names(session: Session, producer_ids: set[str]) -> dict[str, str]:
    """Names of the given producers, deleted ones marked, for booths whose producer is not a choice."""
    return {r.id: r.name + (" " + _("(deleted)") if r.deleted else "") for r in session.execute(
        select(Producer.id, Producer.name, Producer.deleted).where(Producer.id.in_(producer_ids)))}
