"""What happened to a product, newest first: the idea it came from, its evaluations, the
recognition decisions, the certificates and their revocations (issue 9 §4, the product dialog's
"History" tab); a producer's whole story (its ideas and its products' histories: the producer
dialog's "History" tab) and its products (the "Products" tab). Read-only; plain rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ocop_desktop.domain.certificates import revocation_ground_label
from ocop_desktop.i18n import _, format_date
from ocop_desktop.services.decisions import list_certificates
from ocop_desktop.services.evaluations import list_evaluations
from ocop_desktop.services.ideas import IdeaRow, list_ideas
from ocop_desktop.services.products import ProductRow, list_products

EVALUATION, RECOGNITION, CERTIFICATE, REVOCATION = "evaluation", "recognition", "certificate", "revocation"
IDEA = "idea"


@dataclass(frozen=True)
class HistoryEvent:
    kind: str  # EVALUATION | RECOGNITION | CERTIFICATE | REVOCATION | IDEA
    date: dt.date | None  # None: a draft evaluation (its period says when)
    when: str  # the date as shown, or the evaluation's period
    title: str
    detail: str
    status: str  # translated; "" when it has none
    record_id: str  # the evaluation, decision, certificate or idea


def _stars(n: int | None) -> str:
    return _("{n} stars").format(n=n) if n else ""


def product_history(session: Session, product_id: str, today: dt.date | None = None) -> list[HistoryEvent]:
    events: list[HistoryEvent] = []
    for ev in list_evaluations(session, product_id):
        day = ev.decision_date or (ev.finalised_at.date() if ev.finalised_at else None)
        result = " · ".join(t for t in (_("{total} points").format(total=ev.total_text) if ev.total_text else "",
                                        _stars(ev.stars), ev.decision_ref) if t)
        events.append(HistoryEvent(EVALUATION, day, format_date(day) if day else ev.period_label,
                                   _("{kind}, {period}").format(kind=ev.kind_label, period=ev.period_label),
                                   result, ev.status_label, ev.id))
    decisions_seen: set[str] = set()
    for c in list_certificates(session, today, product_id=product_id):
        if c.decision_id not in decisions_seen:
            decisions_seen.add(c.decision_id)
            events.append(HistoryEvent(RECOGNITION, c.decision_date, format_date(c.decision_date),
                                       _("Recognition decision {number}").format(number=c.decision_number),
                                       _("Recognised at {stars}").format(stars=_stars(c.stars)), "", c.decision_id))
        events.append(HistoryEvent(CERTIFICATE, c.issue_date, format_date(c.issue_date),
                                   _("Certificate {number}").format(number=c.number),
                                   _("{stars}, valid until {date}").format(stars=_stars(c.stars),
                                                                           date=format_date(c.expiry_date)),
                                   c.status_label, c.id))
        if c.revoked_by_decision_id and c.revocation_date is not None:
            events.append(HistoryEvent(REVOCATION, c.revocation_date, format_date(c.revocation_date),
                                       _("Revocation decision {number}").format(number=c.revocation_number),
                                       _("Certificate {number} revoked on ground {ground}").format(
                                           number=c.number, ground=revocation_ground_label(c.revocation_ground)),
                                       "", c.revoked_by_decision_id))
    events.extend(_idea_events(list_ideas(session, product_id=product_id)))
    _sort(events)
    return events


def _sort(events: list[HistoryEvent]) -> None:
    order = {RECOGNITION: 0, CERTIFICATE: 1, REVOCATION: 2, EVALUATION: 3, IDEA: 4}  # same day: decision first
    events.sort(key=lambda e: (-(e.date or dt.date.max).toordinal(), order[e.kind]))


def _idea_events(rows: list[IdeaRow]) -> list[HistoryEvent]:
    return [HistoryEvent(IDEA, r.received_on, r.received_text, _("Product idea “{name}”").format(name=r.name),
                         _("Proposed by {who}, {commune}").format(who=r.proposer, commune=r.commune_name or "—"),
                         r.status_label, r.id) for r in rows]


def producer_history(session: Session, producer_id: str, today: dt.date | None = None) -> list[HistoryEvent]:
    """The producer's OCOP story, newest first: its ideas, then each product's history (the
    product named in the title)."""
    events = _idea_events(list_ideas(session, producer_id=producer_id))
    seen = {e.record_id for e in events}
    for product in list_products(session, producer_id=producer_id):
        for e in product_history(session, product.id, today):
            if e.record_id in seen:  # an idea of this producer already listed, or a decision of two products
                continue
            seen.add(e.record_id)
            title = e.title if e.kind in (IDEA, RECOGNITION) else f"{product.name}: {e.title}"
            events.append(dataclasses.replace(e, title=title))
    _sort(events)
    return events


def producer_products(session: Session, producer_id: str) -> list[ProductRow]:
    """The producer's live products, by name."""
    return list_products(session, producer_id=producer_id)
