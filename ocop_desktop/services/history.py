"""What happened to a product, newest first: the idea it came from, its evaluations, the
recognition decisions, the certificates and their revocations (issue 9 §4, the product dialog's
"History" tab), the trade promotion events it was shown at, the points of sale that carry it and
the support it received and the business plans made for it (issue 10); a producer's whole story
(its ideas and business plans, the events it took part in, the training its people attended, the
support it received and its products' histories: the producer dialog's "History" tab) and its
products (the "Products" tab). Read-only; plain rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ocop_desktop.domain.certificates import revocation_ground_label
from ocop_desktop.i18n import _, format_amount, format_date, ngettext
from ocop_desktop.services.decisions import list_certificates
from ocop_desktop.services.evaluations import list_evaluations
from ocop_desktop.services.ideas import IdeaRow, list_ideas
from ocop_desktop.services.products import ProductRow, list_products
from ocop_desktop.services.trade_events import (
    Attendance,
    dates_text,
    events_of_producer,
    events_of_product,
)

EVALUATION, RECOGNITION, CERTIFICATE, REVOCATION = "evaluation", "recognition", "certificate", "revocation"
IDEA = "idea"
TRADE_EVENT, SALE_POINT = "trade_event", "sale_point"
TRAINING, SUPPORT = "training", "support"
PLAN = "business_plan"


@dataclass(frozen=True)
class HistoryEvent:
    kind: str  # EVALUATION | RECOGNITION | CERTIFICATE | REVOCATION | IDEA | TRADE_EVENT | SALE_POINT |
    #           TRAINING | SUPPORT
    date: dt.date | None  # None: a draft evaluation (its period says when)
    when: str  # the date as shown, or the evaluation's period
    title: str
    detail: str
    status: str  # translated; "" when it has none
    record_id: str  # the evaluation, decision, certificate, idea, trade event or point of sale


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
    events.extend(_trade_event(a) for a in events_of_product(session, product_id))
    from ocop_desktop.services.sale_points import points_carrying

    for c in points_carrying(session, product_id):
        until = _("closed on {date}").format(date=format_date(c.closing_date)) if c.closing_date else ""
        events.append(HistoryEvent(SALE_POINT, c.opening_date, format_date(c.opening_date) or "—",
                                   _("On sale at {name}").format(name=c.name),
                                   ", ".join(t for t in (c.kind_label, c.commune_name, until) if t), "", c.point_id))
    events.extend(_support_events(session, product_id=product_id))
    events.extend(_plan_events(session, product_id=product_id))
    return _newest_first(events)


#: Same day: the decision first.
_ORDER = {RECOGNITION: 0, CERTIFICATE: 1, REVOCATION: 2, EVALUATION: 3, IDEA: 4, PLAN: 5, TRADE_EVENT: 6,
          SALE_POINT: 7, SUPPORT: 8, TRAINING: 9}


def _newest_first(events: list[HistoryEvent]) -> list[HistoryEvent]:
    events.sort(key=lambda e: (-(e.date or dt.date.max).toordinal(), _ORDER[e.kind]))
    return events


def _idea_events(rows: list[IdeaRow]) -> list[HistoryEvent]:
    return [HistoryEvent(IDEA, r.received_on, r.received_text, _("Product idea “{name}”").format(name=r.name),
                         _("Proposed by {who}, {commune}").format(who=r.proposer, commune=r.commune_name or "—"),
                         r.status_label, r.id) for r in rows]


def producer_history(session: Session, producer_id: str, today: dt.date | None = None) -> list[HistoryEvent]:
    """The producer's OCOP story, newest first: its ideas, the trade promotion events it took part
    in, the support it received, the training its people attended, then each product's history
    (the product named in the title)."""
    from ocop_desktop.services.training import training_of_producer

    events = _idea_events(list_ideas(session, producer_id=producer_id))
    events.extend(_plan_events(session, producer_id=producer_id))  # its own and its products'
    events.extend(_trade_event(a) for a in events_of_producer(session, producer_id))
    events.extend(_support_events(session, producer_id=producer_id))  # its own and its products'
    for t in training_of_producer(session, producer_id):
        detail = " · ".join(x for x in (t.topic_label, t.place, t.organiser) if x)
        events.append(HistoryEvent(TRAINING, t.start_date, t.dates_text,
                                   _("Training: {title}").format(title=t.title), detail, t.status_label, t.id))
    seen = {e.record_id for e in events}
    for product in list_products(session, producer_id=producer_id):
        for e in product_history(session, product.id, today):
            if e.record_id in seen:  # already listed (an idea, an event, a decision of two products)
                continue
            seen.add(e.record_id)
            title = (e.title if e.kind in (IDEA, PLAN, RECOGNITION, TRADE_EVENT, SUPPORT)
                     else f"{product.name}: {e.title}")
            events.append(dataclasses.replace(e, title=title))
    return _newest_first(events)


def _trade_event(a: Attendance) -> HistoryEvent:
    booths = ngettext("{n} booth", "{n} booths", a.booths).format(n=a.booths)
    sales = _("sales {amount}").format(amount=format_amount(a.sales)) if a.sales else ""
    detail = ", ".join(t for t in (a.kind_label, a.place, booths, sales) if t)
    return HistoryEvent(TRADE_EVENT, a.start_date, dates_text(a.start_date, a.end_date), a.name, detail, "",
                        a.event_id)


def _support_events(session: Session, **where: str) -> list[HistoryEvent]:
    from ocop_desktop.services.support import list_support

    out = []
    for r in list_support(session, **where):
        what = r.kind_label + (f" — {r.product_name}" if r.product_name and "product_id" not in where else "")
        detail = " · ".join(t for t in (r.description, r.amount_text, r.funding_label, r.decision_ref) if t)
        out.append(HistoryEvent(SUPPORT, r.date, format_date(r.date), _("Support: {what}").format(what=what),
                                detail, "", r.id))
    return out


def _plan_events(session: Session, **where: str) -> list[HistoryEvent]:
    from ocop_desktop.services.business_plan_list import list_plans

    out = []
    for r in list_plans(session, **where):
        what = r.product_name or r.idea_name
        detail = " · ".join(t for t in (what if "product_id" not in where else "", r.period_text,
                                        _("capital {amount}").format(amount=r.capital_text) if r.capital_text else "",
                                        r.approval_number) if t)
        out.append(HistoryEvent(PLAN, r.submitted_on, r.submitted_text,
                                _("Business plan: {title}").format(title=r.title), detail, r.status_label, r.id))
    return out


def producer_products(session: Session, producer_id: str) -> list[ProductRow]:
    """The producer's live products, by name."""
    return list_products(session, producer_id=producer_id)
