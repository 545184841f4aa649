"""What happened to a product, newest first: its evaluations, the recognition decisions,
the certificates and their revocations and the support it received (issue 9 §4, issue 10; the
product dialog's "History" tab), a producer's products (the producer dialog's "Products" tab) and
its training and support (its "History" tab). Read-only; plain rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ocop_desktop.domain.certificates import revocation_ground_label
from ocop_desktop.i18n import _, format_date
from ocop_desktop.services.decisions import list_certificates
from ocop_desktop.services.evaluations import list_evaluations
from ocop_desktop.services.products import ProductRow, list_products

EVALUATION, RECOGNITION, CERTIFICATE, REVOCATION = "evaluation", "recognition", "certificate", "revocation"
TRAINING, SUPPORT = "training", "support"


@dataclass(frozen=True)
class HistoryEvent:
    kind: str  # EVALUATION | RECOGNITION | CERTIFICATE | REVOCATION | TRAINING | SUPPORT
    date: dt.date | None  # None: a draft evaluation (its period says when)
    when: str  # the date as shown, or the evaluation's period
    title: str
    detail: str
    status: str  # translated; "" when it has none
    record_id: str  # the evaluation, decision or certificate


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
    events.extend(_support_events(session, product_id=product_id))
    return _sorted(events)


_ORDER = {RECOGNITION: 0, CERTIFICATE: 1, REVOCATION: 2, EVALUATION: 3, SUPPORT: 4, TRAINING: 5}  # same day: decision first


def _sorted(events: list[HistoryEvent]) -> list[HistoryEvent]:
    events.sort(key=lambda e: (-(e.date or dt.date.max).toordinal(), _ORDER[e.kind]))
    return events


def _support_events(session: Session, **where: str) -> list[HistoryEvent]:
    from ocop_desktop.services.support import list_support

    out = []
    for r in list_support(session, **where):
        what = r.kind_label + (f" — {r.product_name}" if r.product_name and "product_id" not in where else "")
        detail = " · ".join(t for t in (r.description, r.amount_text, r.funding_label, r.decision_ref) if t)
        out.append(HistoryEvent(SUPPORT, r.date, format_date(r.date), _("Support: {what}").format(what=what),
                                detail, "", r.id))
    return out


def producer_history(session: Session, producer_id: str) -> list[HistoryEvent]:
    """A producer's cycle records: the training its people attended, the support it received
    (for itself or its products), newest first."""
    from ocop_desktop.services.training import training_of_producer

    events = _support_events(session, producer_id=producer_id)
    for t in training_of_producer(session, producer_id):
        detail = " · ".join(x for x in (t.topic_label, t.place, t.organiser) if x)
        events.append(HistoryEvent(TRAINING, t.start_date, t.dates_text,
                                   _("Training: {title}").format(title=t.title), detail, t.status_label, t.id))
    return _sorted(events)


def producer_products(session: Session, producer_id: str) -> list[ProductRow]:
    """The producer's live products, by name."""
    return list_products(session, producer_id=producer_id)
