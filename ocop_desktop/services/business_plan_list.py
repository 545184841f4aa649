"""Business plan rows for the list, the history views and the CLI (plain frozen data with a
precomputed ``search_text``, safe to hand to the GUI thread)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.domain.business_plans import PLAN_STATUS_LABELS, PlanStatus
from ocop_desktop.domain.vocab import label
from ocop_desktop.i18n import format_amount, format_date
from ocop_desktop.models import BusinessPlan, Producer, Product, ProductIdea
from ocop_desktop.text import fold


@dataclass(frozen=True)
class PlanRow:
    id: str
    title: str
    producer_id: str
    producer_name: str
    commune_code: int | None
    commune_name: str
    idea_id: str | None
    idea_name: str
    product_id: str | None
    product_name: str
    submitted_on: dt.date
    submitted_text: str
    year: int
    start_date: dt.date
    end_date: dt.date
    period_text: str
    capital_total: int
    capital_text: str
    support_requested: int | None
    support_text: str
    jobs: int
    status: str
    status_label: str
    approval_number: str
    attachment_count: int
    deleted: bool
    version: int
    updated_at: dt.datetime
    search_text: str = field(repr=False, default="")


def _select():  # noqa: ANN202
    p = BusinessPlan
    # The dates come as their ISO text: each distinct day is parsed and formatted once (10,000 plans
    # share a few hundred days), which halves the time of the whole list.
    return select(p.id, p.title, p.producer_id, p.idea_id, p.product_id,
                  type_coerce(p.submitted_on, String).label("submitted_on"),
                  type_coerce(p.start_date, String).label("start_date"),
                  type_coerce(p.end_date, String).label("end_date"), p.capital_own, p.capital_loans,
                  p.support_requested, p.jobs, p.status, p.approval_number, func.json_array_length(p.attachments).label("attachment_count"), p.deleted,
                  p.version, p.updated_at)


def list_plans(session: Session, *, include_deleted: bool = False, producer_id: str | None = None,
               product_id: str | None = None, idea_id: str | None = None) -> list[PlanRow]:
    """Plans, newest submitted first."""
    q = _select()
    if not include_deleted:
        q = q.where(BusinessPlan.deleted.is_(False))
    if producer_id is not None:
        q = q.where(BusinessPlan.producer_id == producer_id)
    if product_id is not None:
        q = q.where(BusinessPlan.product_id == product_id)
    if idea_id is not None:
        q = q.where(BusinessPlan.idea_id == idea_id)
    plans = session.execute(q).all()
    producer_ids = {r.producer_id for r in plans}
    one = producer_id is not None or product_id is not None or idea_id is not None
    pq = select(Producer.id, Producer.name, Producer.commune_code)
    producers = {r.id: (r.name, r.commune_code)
                 for r in session.execute(pq.where(Producer.id.in_(producer_ids)) if one else pq)}
    idea_ids = {r.idea_id for r in plans if r.idea_id}
    product_ids = {r.product_id for r in plans if r.product_id}
    ideas = dict(session.execute(select(ProductIdea.id, ProductIdea.name).where(ProductIdea.id.in_(idea_ids)))
                 .all()) if one else dict(session.execute(select(ProductIdea.id, ProductIdea.name)).all())
    products = dict(session.execute(select(Product.id, Product.name).where(Product.id.in_(product_ids)))
                    .all()) if one else dict(session.execute(select(Product.id, Product.name)).all())
    statuses = {s.value: label(PLAN_STATUS_LABELS, s) for s in PlanStatus}
    communes: dict[int | None, str] = {}
    dates: dict[str, tuple[dt.date, str]] = {}

    def day(iso: str) -> tuple[dt.date, str]:
        found = dates.get(iso)
        if found is None:
            d = dt.date.fromisoformat(iso)
            found = dates[iso] = (d, format_date(d))
        return found

    rows = []
    append, nothing = rows.append, ("", None)
    for (pid, title, producer, idea_id, product_id, submitted_iso, start_iso, end_iso, own, loans, support, jobs,
         status, approval, files, deleted, version, updated_at) in plans:  # tuples: faster than Row attributes
        pname, code = producers.get(producer, nothing)
        cname = communes.get(code)
        if cname is None:
            cname = communes[code] = geography.commune_name(code)
        idea_name = ideas.get(idea_id, "") if idea_id else ""
        product_name = products.get(product_id, "") if product_id else ""
        capital = (own or 0) + (loans or 0) + (support or 0)
        (submitted, submitted_text), (_start, start_text), (_end, end_text) = (
            day(submitted_iso), day(start_iso), day(end_iso))
        append(PlanRow(
            pid, title, producer, pname, code, cname, idea_id, idea_name, product_id, product_name, submitted,
            submitted_text, submitted.year, _start, _end, f"{start_text} – {end_text}", capital,
            format_amount(capital) if capital else "", support, format_amount(support), jobs, status,
            statuses.get(status) or status, approval, files or 0, deleted, version, updated_at,
            fold(" ".join((title, pname, cname, idea_name, product_name, approval)))))
    rows.sort(key=lambda x: (-x.submitted_on.toordinal(), x.search_text))
    return rows


def idea_choices(session: Session, producer_id: str | None, keep: str | None = None) -> list[tuple[str, str]]:
    """(id, "name — date received") of the live ideas a plan of this producer may be for: its own
    ideas and those of people or groups in its commune that are not producers yet (``keep``: the
    plan's current idea, listed even if it is neither)."""
    if not producer_id:
        return []
    commune = session.scalar(select(Producer.commune_code).where(Producer.id == producer_id))
    own = ProductIdea.producer_id == producer_id
    group = ProductIdea.producer_id.is_(None) & (ProductIdea.commune_code == commune)
    cond = own | group
    if keep:
        cond = cond | (ProductIdea.id == keep)
    q = select(ProductIdea.id, ProductIdea.name, ProductIdea.received_on).where(
        ProductIdea.deleted.is_(False) | (ProductIdea.id == (keep or "")), cond)
    rows = sorted(session.execute(q), key=lambda r: (fold(r.name), r.received_on))
    return [(r.id, f"{r.name} — {format_date(r.received_on)}") for r in rows]
