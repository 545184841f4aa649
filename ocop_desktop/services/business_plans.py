"""Business plan (phương án / dự án sản xuất kinh doanh) use cases: check, create, edit, delete
(tombstone), restore, and a plan prefilled from a product idea. Listing is in
:mod:`ocop_desktop.services.business_plan_list`. Qt-free; never commits.

A plan made for an idea moves the idea to "business plan" (in the same flush), unless the idea
already became a product.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain.business_plans import APPROVED_STATUSES, MAX_ATTACHMENTS, PlanStatus
from ocop_desktop.domain.vocab import IdeaStatus
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import N_, AmountError, _, format_date, parse_amount
from ocop_desktop.models import Attachment, BusinessPlan, Producer, Product, ProductIdea
from ocop_desktop.services.common import get_record, set_deleted
from ocop_desktop.services.cycle_checks import count_error
from ocop_desktop.services.validation import (
    _date_error,
    amount_error,
    amount_text_error,
    text_errors,
)
from ocop_desktop.text import nfc, nfc_multiline

#: (label, stored length = the column's or None for Text, multiline)
PLAN_TEXT_FIELDS: dict[str, tuple[str, int | None, bool]] = {
    "title": (N_("Plan title"), 255, False),
    "expected_output": (N_("Expected output"), 500, False),
    "market": (N_("Market"), None, True),
    "return_reason": (N_("Reason for returning"), None, True),
    "approval_number": (N_("Approving document number"), 64, False),
    "approval_issuer": (N_("Issued by"), 255, False),
    "notes": (N_("Notes"), None, True),
}
#: Amount fields: (field, label)
AMOUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("capital_own", N_("Own capital")),
    ("capital_loans", N_("Loans")),
    ("support_requested", N_("Support requested")),
    ("expected_revenue", N_("Expected revenue")),
)
_SINGLE = ("title", "expected_output", "approval_number", "approval_issuer")
_MULTI = ("market", "return_reason", "notes")
_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class PlanData:
    """Editable fields of a business plan. Amounts may be text as typed ("903.000.000")."""

    producer_id: str | None = None
    idea_id: str | None = None
    product_id: str | None = None
    title: str = ""
    submitted_on: dt.date | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    capital_own: int | str | None = None
    capital_loans: int | str | None = None
    support_requested: int | str | None = None
    expected_output: str = ""
    expected_revenue: int | str | None = None
    jobs: Any = 0
    jobs_women: Any = 0
    jobs_minority: Any = 0
    market: str = ""
    status: str = PlanStatus.SUBMITTED.value
    return_reason: str = ""
    approval_number: str = ""
    approval_date: dt.date | None = None
    approval_issuer: str = ""
    attachments: list[dict[str, str]] = field(default_factory=list)
    notes: str = ""

    @classmethod
    def from_model(cls, p: BusinessPlan) -> PlanData:
        data = cls(**{f.name: getattr(p, f.name) for f in fields(cls)})
        data.attachments = [dict(a) for a in p.attachments or []]
        return data

    def normalised(self) -> PlanData:
        out = PlanData(**{f.name: getattr(self, f.name) for f in fields(self)})
        for name in _SINGLE:
            setattr(out, name, nfc(getattr(out, name) or ""))
        for name in _MULTI:
            setattr(out, name, nfc_multiline(getattr(out, name) or ""))
        out.producer_id = out.producer_id or None
        out.idea_id = out.idea_id or None
        out.product_id = out.product_id or None
        out.attachments = [{"sha256": str(a.get("sha256", "")), "name": nfc(str(a.get("name", "")))[:255]}
                           if isinstance(a, dict) else a for a in out.attachments or []]
        for name, _label in AMOUNT_FIELDS:
            value = getattr(out, name)
            if isinstance(value, str):
                try:
                    setattr(out, name, parse_amount(value))
                except AmountError:
                    pass  # validate() names the problem from the text
        return out


def _producer_error(session: Session, producer_id: str | None) -> str | None:
    if producer_id is None:
        return _("Producer: choose the producer whose plan this is.")
    producer = session.get(Producer, producer_id)
    if producer is None:
        return _("Producer: this producer does not exist.")
    if producer.deleted:
        return _("Producer: {name} was deleted; a business plan needs a live producer (restore it first).").format(
            name=producer.name)
    return None


def _amount_errors(raw: PlanData, norm: PlanData) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, label_id in AMOUNT_FIELDS:
        value = getattr(raw, name)
        msg = (amount_text_error(_(label_id), value) if isinstance(value, str)
               else amount_error(_(label_id), getattr(norm, name)))
        if msg:
            errors[name] = msg
    return errors


def _date_errors(d: PlanData, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if d.submitted_on is None:
        errors["submitted_on"] = _("Date submitted: required (dd/mm/yyyy).")
    elif msg := _date_error(d.submitted_on, _("Date submitted"), today, future_ok=False):
        errors["submitted_on"] = msg
    if d.start_date is None:
        errors["start_date"] = _("Start: required (dd/mm/yyyy).")
    elif msg := _date_error(d.start_date, _("Start"), today, future_ok=True):
        errors["start_date"] = msg
    if d.end_date is None:
        errors["end_date"] = _("End: required (dd/mm/yyyy).")
    elif d.start_date is not None and d.end_date < d.start_date:
        errors["end_date"] = _("End: {end} is before the start ({start}).").format(
            end=format_date(d.end_date), start=format_date(d.start_date))
    if msg := _date_error(d.approval_date, _("Date of the approving document"), today, future_ok=False):
        errors["approval_date"] = msg
    elif d.approval_date and d.submitted_on and d.approval_date < d.submitted_on:
        errors["approval_date"] = _("Date of the approving document: {date} is before the plan was submitted "
                                    "({submitted}).").format(date=format_date(d.approval_date),
                                                             submitted=format_date(d.submitted_on))
    return errors


def _job_errors(d: PlanData) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, label_text in (("jobs", _("Jobs created")), ("jobs_women", _("of which women")),
                             ("jobs_minority", _("of which ethnic minority"))):
        if msg := count_error(label_text, getattr(d, name)):
            errors[name] = msg
    if "jobs" not in errors:
        for name, label_text in (("jobs_women", _("of which women")),
                                 ("jobs_minority", _("of which ethnic minority"))):
            if name not in errors and getattr(d, name) > d.jobs:
                errors[name] = _("{field}: {n} is more than the jobs created ({total}).").format(
                    field=label_text, n=getattr(d, name), total=d.jobs)
    return errors


def _status_errors(d: PlanData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if d.status not in set(PlanStatus):
        errors["status"] = _("Status: choose a status.")
    elif d.status == PlanStatus.RETURNED and not d.return_reason.strip():
        errors["return_reason"] = _("Reason for returning: required when the plan is returned.")
    elif d.status in APPROVED_STATUSES:
        if not d.approval_number.strip():
            errors["approval_number"] = _("Approving document number: required once the plan is approved.")
        if d.approval_date is None:
            errors["approval_date"] = _("Date of the approving document: required once the plan is approved.")
    return errors


def _link_errors(session: Session, d: PlanData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if d.idea_id is None and d.product_id is None:
        errors["idea_id"] = _("Idea or product: choose the product idea or the existing product the plan is for.")
    if d.idea_id is not None:
        idea = session.get(ProductIdea, d.idea_id)
        if idea is None:
            errors["idea_id"] = _("Product idea: this idea does not exist.")
        elif idea.deleted:
            errors["idea_id"] = _("Product idea: “{name}” was deleted; restore it first.").format(name=idea.name)
        elif idea.producer_id and d.producer_id and idea.producer_id != d.producer_id:
            errors["idea_id"] = _("Product idea: “{name}” was proposed by another producer.").format(name=idea.name)
    if d.product_id is not None:
        product = session.get(Product, d.product_id)
        if product is None:
            errors["product_id"] = _("Product: this product does not exist.")
        elif product.deleted:
            errors["product_id"] = _("Product: {name} was deleted; restore it first.").format(name=product.name)
        elif d.producer_id and product.producer_id != d.producer_id:
            errors["product_id"] = _("Product: {name} is not a product of the chosen producer.").format(
                name=product.name)
    return errors


def _attachment_errors(session: Session, d: PlanData, kept: set[str]) -> str | None:
    refs = d.attachments
    if not isinstance(refs, list) or not all(isinstance(a, dict) and _SHA.match(a.get("sha256", "")) for a in refs):
        return _("Attached files: the list is malformed.")
    if len(refs) > MAX_ATTACHMENTS:
        return _("Attached files: at most {n} files per plan.").format(n=MAX_ATTACHMENTS)
    hashes = [a["sha256"] for a in refs]
    if len(set(hashes)) != len(hashes):
        return _("Attached files: the same file is attached twice.")
    new = [h for h in hashes if h not in kept]
    if new:
        known = set(session.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(new))))
        if len(known) != len(new):
            return _("Attached files: a file was not stored; add it again.")
    return None


def validate(session: Session, raw: PlanData, norm: PlanData, *, kept: set[str],
             today: dt.date | None = None) -> dict[str, str]:
    """Every field the save would refuse, with its message."""
    today = today or dt.date.today()
    errors = text_errors(norm, PLAN_TEXT_FIELDS)
    if not norm.title.strip():
        errors["title"] = _("Plan title: required.")
    if msg := _producer_error(session, norm.producer_id):
        errors["producer_id"] = msg
    for part in (_link_errors(session, norm), _date_errors(norm, today), _amount_errors(raw, norm),
                 _job_errors(norm), _status_errors(norm)):
        for name, msg in part.items():
            errors.setdefault(name, msg)
    if msg := _attachment_errors(session, norm, kept):
        errors["attachments"] = msg
    return errors


def _kept(session: Session, plan_id: str | None) -> set[str]:
    """The hashes the stored plan lists already (a received plan's files may not be here yet)."""
    if not plan_id:
        return set()
    plan = session.get(BusinessPlan, plan_id)
    return {a.get("sha256") for a in (plan.attachments or [])} if plan else set()


def check(session: Session, data: PlanData, *, plan_id: str | None = None,
          today: dt.date | None = None) -> dict[str, str]:
    return validate(session, data, data.normalised(), kept=_kept(session, plan_id), today=today)


def _checked(session: Session, data: PlanData, plan_id: str | None, today: dt.date | None) -> PlanData:
    norm = data.normalised()
    errors = validate(session, data, norm, kept=_kept(session, plan_id), today=today)
    if errors:
        raise ValidationFailed(errors)
    return norm


def _apply(plan: BusinessPlan, data: PlanData) -> None:
    for f in fields(PlanData):
        value = getattr(data, f.name)
        if getattr(plan, f.name) != value:
            setattr(plan, f.name, value)


def _mark_idea(session: Session, idea_id: str | None, today: dt.date | None) -> None:
    """The idea now has a business plan (an idea that became a product stays so)."""
    if idea_id is None:
        return
    idea = session.get(ProductIdea, idea_id)
    if idea is not None and idea.status not in (IdeaStatus.PLAN, IdeaStatus.PRODUCT):
        idea.status = IdeaStatus.PLAN.value
        if idea.screened_on is None:  # taken up for a plan: screened on the day the plan came in
            idea.screened_on = today or dt.date.today()


def create_plan(session: Session, data: PlanData, *, today: dt.date | None = None) -> BusinessPlan:
    norm = _checked(session, data, None, today)
    plan = BusinessPlan()
    _apply(plan, norm)
    session.add(plan)
    _mark_idea(session, norm.idea_id, today)
    session.flush()
    return plan


def update_plan(session: Session, plan_id: str, data: PlanData, *, today: dt.date | None = None) -> BusinessPlan:
    plan = get_record(session, BusinessPlan, plan_id)
    norm = _checked(session, data, plan_id, today)
    _apply(plan, norm)
    _mark_idea(session, norm.idea_id, today)
    session.flush()
    return plan


def get_plan(session: Session, plan_id: str) -> PlanData:
    return PlanData.from_model(get_record(session, BusinessPlan, plan_id))


def delete_plan(session: Session, plan_id: str) -> BusinessPlan:
    return set_deleted(session, BusinessPlan, plan_id, True)


def restore_plan(session: Session, plan_id: str) -> BusinessPlan:
    plan = get_record(session, BusinessPlan, plan_id, include_deleted=True)
    producer = session.get(Producer, plan.producer_id)
    if producer is None or producer.deleted:
        raise BadInput(_("The producer of this plan was deleted; restore the producer first."))
    return set_deleted(session, BusinessPlan, plan_id, False)


def plan_from_idea(session: Session, idea_id: str, *, today: dt.date | None = None) -> PlanData:
    """A new plan prefilled from the idea: its producer, the idea, its name as the title, the market."""
    idea = get_record(session, ProductIdea, idea_id)
    return PlanData(producer_id=idea.producer_id, idea_id=idea.id, product_id=idea.product_id,
                    title=idea.name, market=idea.market,
                    submitted_on=today or dt.date.today())
