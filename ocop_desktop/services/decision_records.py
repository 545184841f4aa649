"""Decisions and certificates as records of what was decided (issue 9 §2).

Qt-free; every function takes a Session and never commits.

- :func:`recognition_warnings`: a recognition dated before the council finalised its result
  (or while it is still open), or recognising other stars than the council's result. The
  officer confirms each with a reason (``confirmations``: warning key → reason), which
  :func:`services.decisions.record_recognition` keeps on the decision
  (``Decision.confirmed_warnings``); unconfirmed, it raises :class:`ConfirmationNeeded`.
- :func:`correct_decision`: fix a decision in place (number, date, authority, level, signer,
  title, and a certificate's stars) with a reason, only while none of its certificates was
  printed (``Certificate.first_printed_at``). The previous values are kept in
  ``Decision.corrections``.
- :func:`annul_decision`: after printing, a decision is annulled (hủy bỏ) with its reason and
  day; its certificates show as annulled and print only as archive copies. What it had
  superseded (or revoked) stands again. :func:`replace_decision` annuls it and records the
  correcting decision in one go (``Decision.replaced_by_id``).
- :func:`reissue_certificate`: re-issue (cấp lại) a standing certificate — after the product
  or producer was renamed, or a lost paper — with a reason: same decision, stars and expiry,
  the names of today, the same number or a new one. The register keeps both: the old one
  as "Re-issued".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain.certificates import (
    LIVE_STATUSES,
    DecisionKind,
    certifiable,
    expiry_for,
    status,
)
from ocop_desktop.domain.evaluations import EvaluationKind, EvaluationStatus
from ocop_desktop.domain.vocab import ProductStatus
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.models import Certificate, Decision, Evaluation, Product
from ocop_desktop.models.base import new_uuid, utcnow
from ocop_desktop.services import roles
from ocop_desktop.services.common import get_record
from ocop_desktop.services.validation import char_error
from ocop_desktop.text import nfc, nfc_multiline

WARN_BEFORE_FINAL = "before_final"
WARN_STARS_DIFFER = "stars_differ"


@dataclass(frozen=True)
class DecisionWarning:
    key: str  # "<code>:<product id>": what a confirmation refers to
    code: str  # WARN_BEFORE_FINAL | WARN_STARS_DIFFER
    product_id: str
    message: str  # translated


class ConfirmationNeeded(BadInput):
    """The decision has warnings the officer must confirm, each with a reason."""

    def __init__(self, warnings: Sequence[DecisionWarning]) -> None:
        super().__init__("\n".join(f"- {w.message}" for w in warnings),
                         hint=_("Check the decision; if it is right, confirm each warning with a reason."))
        self.warnings = list(warnings)


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _council_of(session: Session, product_id: str, evaluation_id: str | None) -> Evaluation | None:
    """The council evaluation the rank rests on: the one given, else the product's latest finalised one."""
    if evaluation_id:
        ev = session.get(Evaluation, evaluation_id)
        return ev if ev is not None and not ev.deleted and ev.kind == EvaluationKind.COUNCIL else None
    return session.scalars(select(Evaluation).where(
        Evaluation.product_id == product_id, Evaluation.deleted.is_(False),
        Evaluation.status == EvaluationStatus.FINAL.value,
        Evaluation.kind == EvaluationKind.COUNCIL.value).order_by(Evaluation.year.desc(), Evaluation.round.desc(),
                                                                  Evaluation.updated_at.desc())).first()


def _local_day(at: dt.datetime) -> dt.date:
    """The day on this computer's calendar of a stored UTC time (naive = UTC)."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    return aware.astimezone().date()


def recognition_warnings(session: Session, decision_date: dt.date | None,
                         items: Sequence[tuple]) -> list[DecisionWarning]:
    """Warnings for recognising ``items`` ((product id, stars, number, evaluation id)) on ``decision_date``."""
    out: list[DecisionWarning] = []
    for it in items:
        product_id, stars = it[0], it[1]
        evaluation_id = it[3] if len(it) > 3 else None
        p = session.get(Product, product_id) if product_id else None
        ev = _council_of(session, product_id, evaluation_id) if p is not None else None
        if ev is None:
            continue
        final_day = _local_day(ev.finalised_at) if ev.status == EvaluationStatus.FINAL and ev.finalised_at else None
        if decision_date is not None and final_day is None:
            out.append(DecisionWarning(f"{WARN_BEFORE_FINAL}:{p.id}", WARN_BEFORE_FINAL, p.id, _(
                "{product}: the council has not finalised its result yet; a decision normally follows "
                "the council's final result.").format(product=p.name)))
        elif decision_date is not None and final_day is not None and decision_date < final_day:
            out.append(DecisionWarning(f"{WARN_BEFORE_FINAL}:{p.id}", WARN_BEFORE_FINAL, p.id, _(
                "{product}: the decision is dated {date}, before the council finalised its result on "
                "{final}.").format(product=p.name, date=_d(decision_date), final=_d(final_day))))
        if final_day is not None and ev.stars != stars:
            council = _("eliminated") if not ev.stars else str(ev.stars)
            out.append(DecisionWarning(f"{WARN_STARS_DIFFER}:{p.id}", WARN_STARS_DIFFER, p.id, _(
                "{product}: the decision recognises {stars} stars but the council's result is {council}.")
                .format(product=p.name, stars=stars, council=council)))
    return out


def confirm_warnings(warnings: Sequence[DecisionWarning],
                     confirmations: Mapping[str, str] | None) -> list[dict[str, str]]:
    """The confirmed warnings to store, or :class:`ConfirmationNeeded` for any without a reason."""
    given = {k: nfc(v or "") for k, v in (confirmations or {}).items()}
    missing = [w for w in warnings if not given.get(w.key)]
    if missing:
        raise ConfirmationNeeded(missing)
    return [{"code": w.code, "product_id": w.product_id, "message": w.message, "reason": given[w.key]}
            for w in warnings]


def _reason(reason: str, field: str = "reason") -> str:
    text = nfc_multiline(reason or "").strip()
    if not text:
        raise ValidationFailed({field: _("Reason: enter why (it is kept with the decision).")})
    if msg := char_error(_("Reason"), text, multiline=True):  # printed on archive copies
        raise ValidationFailed({field: msg})
    return text


def _certificates_of(session: Session, decision_id: str) -> list[Certificate]:
    return list(session.scalars(select(Certificate).where(Certificate.decision_id == decision_id,
                                                          Certificate.deleted.is_(False))))


def _live_decision(session: Session, decision_id: str) -> Decision:
    d = get_record(session, Decision, decision_id)
    if d.annulled_on is not None:
        raise BadInput(_("Decision {number} was annulled on {date}; it cannot be changed.").format(
            number=d.number, date=_d(d.annulled_on)))
    return d


def correct_decision(session: Session, decision_id: str, data, reason: str, *,  # noqa: ANN001 - DecisionData
                     stars: Mapping[str, int] | None = None, today: dt.date | None = None) -> Decision:
    """Correct a decision (its fields from ``data``; ``stars``: certificate id → stars) before any of
    its certificates was printed; the previous values and the reason are kept."""
    roles.require(session, roles.Action.RECORD_DECISION)
    from ocop_desktop.services.decisions import _check_decision, refresh_product_stars

    today = today or dt.date.today()
    d = _live_decision(session, decision_id)
    text = _reason(reason)
    certs = _certificates_of(session, d.id)
    printed = [c for c in certs if c.first_printed_at is not None]
    if printed:
        raise BadInput(_("Decision {number}: certificate {cert} was already printed, so the decision can no longer "
                         "be corrected; annul it or replace it by a correcting decision.").format(
            number=d.number, cert=printed[0].number))
    data = data.normalised()
    data.kind = d.kind
    errors = _check_decision(data, DecisionKind(d.kind), today)
    by_id = {c.id: c for c in certs}
    for cid, n in (stars or {}).items():
        c = by_id.get(cid)
        why = certifiable(n, data.level) if c is not None else None
        if c is None:
            errors[f"stars.{cid}"] = _("Certificate {id}: it is not one of this decision's.").format(id=cid)
        elif why:
            errors[f"stars.{cid}"] = _("Certificate {number}: {reason}").format(number=c.number, reason=_(why))
    if d.kind == DecisionKind.RECOGNITION and "level" not in errors:
        for c in certs:
            why = certifiable((stars or {}).get(c.id, c.stars), data.level)
            if why and f"stars.{c.id}" not in errors:
                errors[f"stars.{c.id}"] = _("Certificate {number}: {reason}").format(number=c.number, reason=_(why))
    if errors:
        raise ValidationFailed(errors)
    previous: dict[str, object] = {}
    for name in ("number", "date", "authority", "level", "signer_name", "signer_title", "notes"):
        new = getattr(data, name)
        if getattr(d, name) != new:
            old = getattr(d, name)
            previous[name] = old.isoformat() if isinstance(old, dt.date) else old
            setattr(d, name, new)
    for c in certs:
        if d.kind == DecisionKind.RECOGNITION and c.reissue_of_id is None and c.issue_date != d.date:
            c.issue_date, c.expiry_date = d.date, expiry_for(d.date)  # issued on the decision's date
        elif d.kind == DecisionKind.RECOGNITION and c.reissue_of_id is not None:
            c.expiry_date = expiry_for(d.date)  # a re-issue keeps its own day and the decision's expiry
        n = (stars or {}).get(c.id)
        if n is not None and n != c.stars:
            previous[f"stars.{c.number}"] = c.stars
            c.stars = n
    if not previous:
        raise BadInput(_("Decision {number}: nothing was changed.").format(number=d.number))
    d.corrections = [*(d.corrections or []), {"at": utcnow().isoformat(timespec="seconds"), "reason": text,
                                              "previous": previous}]
    session.flush()
    for c in certs:
        refresh_product_stars(session, c.product_id)
    session.flush()
    return d


def annul_decision(session: Session, decision_id: str, reason: str, on: dt.date, *,
                   today: dt.date | None = None) -> Decision:
    """Annul a decision (hủy bỏ) on ``on`` with ``reason``: its certificates show as annulled; what it
    had superseded or revoked stands again; the products' stars follow the register."""
    roles.require(session, roles.Action.RECORD_DECISION)
    from ocop_desktop.services.decisions import _live_certificates, refresh_product_stars

    today = today or dt.date.today()
    d = _live_decision(session, decision_id)
    text = _reason(reason)
    if on is None or on > today:
        raise ValidationFailed({"date": _("Date: the day of the annulment, not after today.")})
    if on < d.date:
        raise ValidationFailed({"date": _("Date: {date} is before the decision itself ({signed}).").format(
            date=_d(on), signed=_d(d.date))})
    d.annulled_on = on
    d.annul_reason = text
    products: set[str] = set()
    if d.kind == DecisionKind.RECOGNITION:
        mine = _certificates_of(session, d.id)
        ids = {c.id for c in mine}
        products = {c.product_id for c in mine}
        if ids:
            for older in session.scalars(select(Certificate).where(Certificate.superseded_by_id.in_(ids))):
                older.superseded_by_id = None
    else:
        for c in session.scalars(select(Certificate).where(Certificate.revoked_by_decision_id == d.id)):
            c.revoked_by_decision_id = None
            c.revocation_ground = None
            products.add(c.product_id)
    session.flush()
    for pid in products:
        p = session.get(Product, pid)
        live = [c for c in _live_certificates(session, pid)
                if status(c, today) in LIVE_STATUSES and not _annulled(session, c.decision_id)]
        if live:
            p.status = ProductStatus.CERTIFIED.value
        elif p.status in (ProductStatus.CERTIFIED, ProductStatus.REVOKED):
            p.status = ProductStatus.EVALUATING.value
        refresh_product_stars(session, pid)
    session.flush()
    return d


def _annulled(session: Session, decision_id: str) -> bool:
    d = session.get(Decision, decision_id)
    return d is not None and d.annulled_on is not None


def replace_decision(session: Session, decision_id: str, data, items: Sequence[tuple], reason: str, *,  # noqa: ANN001
                     confirmations: Mapping[str, str] | None = None, today: dt.date | None = None) -> Decision:
    """Annul the recognition ``decision_id`` and record the correcting decision ``data``/``items``."""
    from ocop_desktop.services.decisions import record_recognition

    today = today or dt.date.today()
    old = _live_decision(session, decision_id)
    if old.kind != DecisionKind.RECOGNITION:
        raise BadInput(_("Only a recognition decision is replaced by a correcting decision; annul a revocation."))
    with session.begin_nested():  # a refused new decision leaves the old one as it was
        annul_decision(session, decision_id, reason, data.date or today, today=today)
        new = record_recognition(session, data, items, today=today, confirmations=confirmations)
        old.replaced_by_id = new.id
        session.flush()
    return new


def reissue_certificate(session: Session, certificate_id: str, reason: str, *, number: str | None = None,
                        day: dt.date | None = None, today: dt.date | None = None) -> Certificate:
    """Re-issue (cấp lại) a standing certificate on ``day`` with ``reason``: the product's and producer's
    names of today, the same decision, stars and expiry; ``number`` None keeps the number."""
    roles.require(session, roles.Action.RECORD_DECISION)
    from ocop_desktop.services.decisions import _live_numbers, certificate_detail, snapshot

    today = today or dt.date.today()
    day = day or today
    old = get_record(session, Certificate, certificate_id)
    detail = certificate_detail(session, old.id, today)
    errors: dict[str, str] = {}
    if detail.status not in LIVE_STATUSES:
        raise BadInput(_("Certificate {number}: only a certificate that still stands can be re-issued ({status}).")
                       .format(number=old.number, status=detail.status_label))
    text = nfc_multiline(reason or "").strip()
    if not text:
        errors["reason"] = _("Reason: enter why the certificate is re-issued (e.g. the product was renamed).")
    if day > today:
        errors["date"] = _("Date: {date} is after today.").format(date=_d(day))
    elif day < old.issue_date:
        errors["date"] = _("Date: {date} is before the certificate was issued ({issued}).").format(
            date=_d(day), issued=_d(old.issue_date))
    new_number = nfc(number) if number is not None else old.number
    if not new_number:
        errors["number"] = _("Certificate number: enter the number, or keep the same one.")
    elif new_number != old.number and _live_numbers(session, [new_number]):
        errors["number"] = _("Certificate number: {number} is already used by another certificate.").format(
            number=new_number)
    if errors:
        raise ValidationFailed(errors)
    p = session.get(Product, old.product_id)
    new = Certificate(id=new_uuid(), product_id=old.product_id, decision_id=old.decision_id, number=new_number,
                      stars=old.stars, issue_date=day, expiry_date=old.expiry_date,
                      evaluation_id=old.evaluation_id, copies_printed=0, reissue_of_id=old.id,
                      reissue_reason=text, **snapshot(session, p))
    session.add(new)
    session.flush()
    old.superseded_by_id = new.id
    session.flush()
    return new


def decision_fields(d: Decision):  # noqa: ANN201 - DecisionData
    """The decision as the DecisionData a correction starts from."""
    from ocop_desktop.services.decisions import DecisionData

    return DecisionData(**{f.name: getattr(d, f.name) for f in fields(DecisionData)})


# -- the last signer, per office ---------------------------------------------------------------

SIGNERS_KEY = "decision_signers"


def last_signer(session: Session, level: str) -> tuple[str, str]:
    """The signer and title of this office's last decision of ``level`` (province / ministry), else
    the layout settings' signatory for a provincial decision, else empty."""
    import json

    from ocop_desktop.models import AppMeta
    from ocop_desktop.services.print_settings import get_print_settings

    row = session.get(AppMeta, SIGNERS_KEY)
    try:
        known = json.loads(row.value) if row is not None and row.value else {}
    except ValueError:
        known = {}
    entry = known.get(level) if isinstance(known, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("title"), str):
        return entry["name"], entry["title"]
    if level == "province":
        ps = get_print_settings(session)
        return ps.signer_name, ps.signer_title
    return "", ""


def remember_signer(session: Session, level: str, name: str, title: str) -> None:
    """Keep the signer and title of a decision just recorded, for the next decision of its level."""
    import json

    from ocop_desktop.models import AppMeta

    row = session.get(AppMeta, SIGNERS_KEY)
    try:
        known = json.loads(row.value) if row is not None and row.value else {}
    except ValueError:
        known = {}
    if not isinstance(known, dict):
        known = {}
    known[level] = {"name": name, "title": title}
    session.merge(AppMeta(key=SIGNERS_KEY, value=json.dumps(known, ensure_ascii=False)))
