"""Recognition and revocation decisions and the certificate register (issue 5).

Qt-free; every function takes a Session and never commits.

- :func:`record_recognition` records a recognition decision (quyết định công nhận) and one
  certificate per product: number given or allocated (``<n>/<year>/GCN-OCOP``, the next free
  ``n`` of the decision's year), issued on the decision date, expiring 36 months later
  (:func:`domain.certificates.expiry_for`). The product takes the recognised stars and the
  status ``dat_ocop``; its previous live certificate is superseded by the new one
  (re-evaluation or upgrade).
- :func:`revoke` records a revocation decision (quyết định thu hồi) with its ground (Điều 8.1
  a–e) for some certificates; their products become ``thu_hoi``.
- Statuses (valid, re-evaluation window, expiring, expired, revoked, superseded) are computed
  on a given day by :func:`domain.certificates.status`, never stored.

Checks (all reported together as :class:`ValidationFailed`, field → English msgid): the
decision's number, date, authority, signer and title are required; stars 3–5 only; 5★ only by
a ministry decision (Điều 4.1); a product listed once per decision, live; a certificate number
unique among live certificates (per province in practice: this database is the province's
register); a revocation cites a ground and live certificates, and a 5★ certificate is revoked
only by the Ministry (Điều 8.2).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ocop_desktop.domain import geography, product_sets
from ocop_desktop.domain.certificates import (
    CERTIFICATE_STATUS_LABELS,
    LIVE_STATUSES,
    VALIDITY_MONTHS,
    CertificateStatus,
    DecisionKind,
    DecisionLevel,
    RevocationGround,
    certifiable,
    days_left,
    expiry_for,
    revocation_ground_label,
    status,
)
from ocop_desktop.domain.vocab import ProductStatus, label
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.i18n import N_, _
from ocop_desktop.models import Certificate, Decision, Evaluation, Office, Producer, Product
from ocop_desktop.models.base import new_uuid
from ocop_desktop.services import roles
from ocop_desktop.services.common import get_record
from ocop_desktop.services.validation import text_error, text_errors
from ocop_desktop.text import fold, nfc, nfc_multiline

NUMBER_SUFFIX = "GCN-OCOP"
_ALLOCATED = re.compile(r"^(\d+)/(\d{4})/GCN-OCOP$")


@dataclass
class DecisionData:
    kind: str = DecisionKind.RECOGNITION.value
    number: str = ""  # "1234/QĐ-UBND"
    date: dt.date | None = None  # ngày ký
    authority: str = ""  # "Ủy ban nhân dân tỉnh Cao Bằng"
    level: str = DecisionLevel.PROVINCE.value
    signer_name: str = ""
    signer_title: str = ""  # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    notes: str = ""

    def normalised(self) -> DecisionData:
        out = DecisionData(**{f.name: getattr(self, f.name) for f in fields(self)})
        for name in ("number", "authority", "signer_name", "signer_title"):
            setattr(out, name, nfc(getattr(out, name) or ""))
        out.notes = nfc_multiline(out.notes or "")
        return out


class RecognitionItem(NamedTuple):
    """One product of a recognition decision (a plain 4-tuple works too)."""

    product_id: str
    stars: int
    certificate_number: str | None = None  # None: allocated
    evaluation_id: str | None = None  # the council evaluation the rank rests on


@dataclass(frozen=True)
class CertificateRow:
    id: str
    number: str
    product_id: str
    product_name: str
    product_code: str
    producer_id: str
    producer_name: str
    commune_code: int | None
    stars: int
    issue_date: dt.date
    expiry_date: dt.date
    days_left: int
    status: str  # CertificateStatus
    status_label: str
    decision_id: str
    decision_number: str
    decision_date: dt.date
    revoked_by_decision_id: str | None
    revocation_number: str
    revocation_date: dt.date | None
    revocation_ground: str | None
    superseded_by_id: str | None
    copies_printed: int
    deleted: bool
    version: int
    search_text: str = field(repr=False, default="")
    reissue_of_id: str | None = None
    reissue_reason: str = ""
    decision_annulled_on: dt.date | None = None
    decision_annul_reason: str = ""
    first_printed_at: dt.datetime | None = None


@dataclass(frozen=True)
class CertificateDetail:
    """Everything a certificate printout needs."""

    id: str
    number: str
    stars: int
    issue_date: dt.date
    expiry_date: dt.date
    validity_months: int
    status: str  # CertificateStatus on the day asked
    status_label: str
    copies_printed: int
    product_id: str
    product_name: str
    product_code: str
    product_set: int
    product_set_title: str  # "Chế biến từ rau, củ, quả, hạt"
    product_set_label: str  # "7. Chế biến từ rau, củ, quả, hạt"
    product_set_path: str  # "I. Thực phẩm › 3. Thực phẩm chế biến › c. …"
    group_code: str  # "I"
    group_name: str  # "Thực phẩm"
    producer_id: str
    producer_name: str
    producer_address: str
    #: Province of the product's commune (else of this office): "Cao Bằng", for "Cao Bằng, ngày …".
    province_name: str
    decision_id: str
    decision_number: str
    decision_date: dt.date
    decision_authority: str
    decision_level: str
    signer_name: str
    signer_title: str
    evaluation_id: str | None
    revoked_by_decision_id: str | None
    revocation_number: str
    revocation_date: dt.date | None
    revocation_ground: str | None
    revocation_ground_label: str  # "đ) Chủ thể OCOP không còn …"
    superseded_by_id: str | None
    superseded_by_number: str
    first_printed_at: dt.datetime | None = None
    reissue_of_id: str | None = None
    reissue_of_number: str = ""
    reissue_reason: str = ""
    decision_annulled_on: dt.date | None = None
    decision_annul_reason: str = ""
    decision_replaced_by_number: str = ""

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES


# --------------------------------------------------------------------------------------
# Checks


#: The decision's text fields (label, stored length, multiline): they are printed on the
#: certificates and the decision's list, whose fonts have no glyph for an emoji or a control character.
DECISION_TEXT_FIELDS: dict[str, tuple[str, int | None, bool]] = {
    "number": (N_("Decision number"), 64, False),
    "authority": (N_("Issuing authority"), 255, False),
    "signer_name": (N_("Signer"), 255, False),
    "signer_title": (N_("Signer's title"), 255, False),
    "notes": (N_("Notes"), None, True),
}


def _check_decision(data: DecisionData, kind: DecisionKind, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = text_errors(data, DECISION_TEXT_FIELDS)
    if data.kind != kind:
        errors["kind"] = (_("Decision kind: a recognition needs a recognition decision.")
                          if kind == DecisionKind.RECOGNITION else
                          _("Decision kind: a revocation needs a revocation decision."))
    if not data.number:
        errors["number"] = _("Decision number: enter the number of the decision (e.g. 1234/QĐ-UBND).")
    if data.date is None:
        errors["date"] = _("Decision date: enter the date the decision was signed.")
    elif data.date > today:
        errors["date"] = _("Decision date: {date} is after today ({today}); check the date (and the computer's clock).") \
            .format(date=data.date.strftime("%d/%m/%Y"), today=today.strftime("%d/%m/%Y"))
    if not data.authority:
        errors["authority"] = _("Issuing authority: enter the authority that issued the decision.")
    if data.level not in (DecisionLevel.PROVINCE, DecisionLevel.MINISTRY):
        errors["level"] = _("Decision level: choose province or ministry.")
    if not data.signer_name:
        errors["signer_name"] = _("Signer: enter the name of the person who signed the decision.")
    if not data.signer_title:
        errors["signer_title"] = _("Signer's title: enter the title of the signer (e.g. KT. CHỦ TỊCH / PHÓ CHỦ TỊCH).")
    return errors


def _live_numbers(session: Session, numbers: Iterable[str]) -> set[str]:
    wanted = list(set(numbers))
    if not wanted:
        return set()
    return set(session.scalars(select(Certificate.number).where(Certificate.number.in_(wanted),
                                                                Certificate.deleted.is_(False))))


def certificate_numbers(session: Session, year: int, *, taken: Iterable[str] = ()) -> Iterator[str]:
    """``<n>/<year>/GCN-OCOP`` for the next ``n`` after every allocated number of that year
    (tombstoned certificates keep theirs) and ``taken``, then the ones after it: the register is
    read once, however many certificates a decision issues."""
    highest = 0
    pattern = f"%/{year}/{NUMBER_SUFFIX}"
    for number in list(session.scalars(select(Certificate.number).where(Certificate.number.like(pattern)))) + list(taken):
        m = _ALLOCATED.match(number)
        if m and int(m.group(2)) == year:
            highest = max(highest, int(m.group(1)))
    while True:
        highest += 1
        yield f"{highest}/{year}/{NUMBER_SUFFIX}"


def next_certificate_number(session: Session, year: int, *, taken: Iterable[str] = ()) -> str:
    """The next free ``<n>/<year>/GCN-OCOP`` (:func:`certificate_numbers`)."""
    return next(certificate_numbers(session, year, taken=taken))


def _live_certificates_of(session: Session, product_ids: Sequence[str]) -> dict[str, list[Certificate]]:
    """:func:`_live_certificates` of many products in a few queries (chunks stay under SQLite's
    limit of bound parameters)."""
    out: dict[str, list[Certificate]] = {}
    for start in range(0, len(product_ids), 500):
        chunk = list(product_ids[start:start + 500])
        for c in session.scalars(select(Certificate).where(
                Certificate.product_id.in_(chunk), Certificate.deleted.is_(False),
                Certificate.revoked_by_decision_id.is_(None), Certificate.superseded_by_id.is_(None),
                Certificate.decision_id.not_in(_annulled_decisions()))):
            out.setdefault(c.product_id, []).append(c)
    return out


def _live_certificates(session: Session, product_id: str) -> list[Certificate]:
    """The product's certificates that still stand (not deleted, revoked, superseded or annulled)."""
    return list(session.scalars(select(Certificate).where(
        Certificate.product_id == product_id, Certificate.deleted.is_(False),
        Certificate.revoked_by_decision_id.is_(None), Certificate.superseded_by_id.is_(None),
        Certificate.decision_id.not_in(_annulled_decisions()))))


def _prefetch(session: Session, product_ids: Sequence[str]) -> None:
    """Load the products and their producers in a few queries, so that the per-item
    ``session.get`` calls of a long decision are answered from the session."""
    for start in range(0, len(product_ids), 500):
        chunk = list(product_ids[start:start + 500])
        producer_ids = {p.producer_id for p in session.scalars(select(Product).where(Product.id.in_(chunk)))}
        list(session.scalars(select(Producer).where(Producer.id.in_(list(producer_ids)))))


def _annulled_decisions():  # noqa: ANN202 - a select
    return select(Decision.id).where(Decision.annulled_on.is_not(None))


# --------------------------------------------------------------------------------------
# Use cases


def record_recognition(session: Session, data: DecisionData, items: Sequence[RecognitionItem | tuple],
                       today: dt.date | None = None, *, confirmations: Mapping[str, str] | None = None) -> Decision:
    """Record a recognition decision and one certificate per item; see the module doc. Warnings
    (:func:`services.decision_records.recognition_warnings`) need a reason each in
    ``confirmations`` (warning key → reason), else :class:`~.decision_records.ConfirmationNeeded`."""
    roles.require(session, roles.Action.RECORD_DECISION)
    from ocop_desktop.services.decision_records import (
        confirm_warnings,
        recognition_warnings,
        remember_signer,
    )

    today = today or dt.date.today()
    data = data.normalised()
    errors = _check_decision(data, DecisionKind.RECOGNITION, today)
    parsed = [RecognitionItem(*it) for it in items]
    if not parsed:
        errors["items"] = _("Products: the decision lists no product.")
    _prefetch(session, [it.product_id for it in parsed if it.product_id])
    seen: set[str] = set()
    given_numbers: dict[str, int] = {}
    products: dict[str, Product] = {}
    for i, it in enumerate(parsed):
        key = f"items.{i}"
        p = session.get(Product, it.product_id) if it.product_id else None
        if p is None or p.deleted:
            errors[f"{key}.product"] = _("Product {id}: it does not exist or was deleted.").format(id=it.product_id)
            continue
        products[p.id] = p
        if p.id in seen:
            errors[f"{key}.product"] = _("{product}: the product is listed twice in this decision.").format(
                product=p.name)
        seen.add(p.id)
        why = certifiable(it.stars, data.level) if data.level in (DecisionLevel.PROVINCE,
                                                                  DecisionLevel.MINISTRY) else None
        if why:
            errors[f"{key}.stars"] = _("{product}: {reason}").format(product=p.name, reason=_(why))
        if it.certificate_number is not None:
            number = nfc(it.certificate_number)
            if not number:
                errors[f"{key}.number"] = _("{product}: the certificate number is empty.").format(product=p.name)
            elif msg := text_error(_("Certificate number"), number, 64):
                errors[f"{key}.number"] = f"{p.name}: {msg}"
            elif number in given_numbers:
                errors[f"{key}.number"] = _("{product}: the certificate number {number} is given twice in this "
                                            "decision.").format(product=p.name, number=number)
            given_numbers.setdefault(number, i)
        if it.evaluation_id is not None:
            ev = session.get(Evaluation, it.evaluation_id)
            if ev is None or ev.deleted or ev.product_id != p.id:
                errors[f"{key}.evaluation"] = _("{product}: the evaluation {id} does not exist or is not this "
                                                "product's.").format(product=p.name, id=it.evaluation_id)
    for number in _live_numbers(session, given_numbers):
        i = given_numbers[number]
        name = products[parsed[i].product_id].name if parsed[i].product_id in products else parsed[i].product_id
        errors[f"items.{i}.number"] = _("{product}: the certificate number {number} is already used by another "
                                        "certificate.").format(product=name, number=number)
    if errors:
        raise ValidationFailed(errors)
    confirmed = confirm_warnings(recognition_warnings(session, data.date, parsed), confirmations)

    assert data.date is not None
    decision = Decision(kind=DecisionKind.RECOGNITION.value, number=data.number, date=data.date,
                        authority=data.authority, level=data.level, signer_name=data.signer_name,
                        signer_title=data.signer_title, notes=data.notes, confirmed_warnings=confirmed)
    session.add(decision)
    session.flush()
    remember_signer(session, data.level, data.signer_name, data.signer_title)
    # One read of the register for the numbers and the certificates superseded, one flush for the
    # new ones, then the products' stars: a decision of thousands of products stays linear.
    numbers = certificate_numbers(session, data.date.year, taken=list(given_numbers))
    previous = _live_certificates_of(session, list(products))
    with session.no_autoflush:
        for it in parsed:
            number = nfc(it.certificate_number) if it.certificate_number is not None else next(numbers)
            p = products[it.product_id]
            cert = Certificate(id=new_uuid(), product_id=it.product_id, decision_id=decision.id, number=number,
                               stars=it.stars, issue_date=data.date, expiry_date=expiry_for(data.date),
                               evaluation_id=it.evaluation_id, copies_printed=0, **snapshot(session, p))
            session.add(cert)
            for old in previous.get(it.product_id, ()):
                old.superseded_by_id = cert.id
            p.status = ProductStatus.CERTIFIED.value
    session.flush()
    refresh_products_stars(session, list(products))
    session.flush()
    return decision


def revoke(session: Session, certificate_ids: Sequence[str], data: DecisionData, ground: str,
           today: dt.date | None = None) -> Decision:
    """Record a revocation decision for ``certificate_ids`` on ``ground`` (Điều 8.1: a, b, c, d,
    dd = đ, e); each product's status becomes ``thu_hoi`` (its stars are kept as history)."""
    roles.require(session, roles.Action.RECORD_DECISION)
    today = today or dt.date.today()
    data = data.normalised()
    errors = _check_decision(data, DecisionKind.REVOCATION, today)
    if ground not in set(RevocationGround):
        errors["ground"] = _("Ground: choose the ground of the revocation (Article 8.1, points a to e).")
    ids = list(dict.fromkeys(certificate_ids))
    if not ids:
        errors["certificates"] = _("Certificates: choose the certificates to revoke.")
    certs: list[Certificate] = []
    for cid in ids:
        c = session.get(Certificate, cid)
        if c is None or c.deleted:
            errors[f"certificate.{cid}"] = _("Certificate {id}: it does not exist or was deleted.").format(id=cid)
            continue
        if c.revoked_by_decision_id:
            errors[f"certificate.{cid}"] = _("Certificate {number}: it is already revoked.").format(number=c.number)
        elif c.superseded_by_id:
            errors[f"certificate.{cid}"] = _("Certificate {number}: it was superseded by a later certificate; "
                                             "revoke that one.").format(number=c.number)
        elif data.date is not None and data.date > c.expiry_date:
            errors[f"certificate.{cid}"] = _("Certificate {number}: it expired on {date}, before the decision.") \
                .format(number=c.number, date=c.expiry_date.strftime("%d/%m/%Y"))
        elif c.stars == 5 and data.level != DecisionLevel.MINISTRY:
            errors[f"certificate.{cid}"] = _("Certificate {number}: a 5-star certificate is revoked only by a "
                                             "decision of the Minister of Agriculture and Environment.") \
                .format(number=c.number)
        certs.append(c)
    if errors:
        raise ValidationFailed(errors)

    decision = Decision(kind=DecisionKind.REVOCATION.value, number=data.number, date=data.date,
                        authority=data.authority, level=data.level, signer_name=data.signer_name,
                        signer_title=data.signer_title, notes=data.notes)
    session.add(decision)
    session.flush()
    from ocop_desktop.services.decision_records import remember_signer

    remember_signer(session, data.level, data.signer_name, data.signer_title)
    for c in certs:
        c.revoked_by_decision_id = decision.id
        c.revocation_ground = ground
        p = session.get(Product, c.product_id)
        if p is not None and not _live_certificates(session, p.id):
            p.status = ProductStatus.REVOKED.value
    session.flush()
    return decision


def snapshot(session: Session, p: Product) -> dict[str, object]:
    """What a certificate of ``p`` records at issue: the names, code, set and address printed on it."""
    producer = session.get(Producer, p.producer_id)
    return {"product_name": p.name, "product_code": p.code or "", "product_set": p.product_set,
            "producer_name": producer.name, "producer_address": producer_address(producer)}


def refresh_product_stars(session: Session, product_id: str) -> None:
    """Set the product's cached ``stars`` from the register: its current live certificate's stars,
    else the stars its last certificate had (kept as history after expiry or revocation), else its
    latest recognised historical result (3★–5★ with a decision), else none. The only writer of
    ``Product.stars`` besides the migration and the demo's raw generator."""
    refresh_products_stars(session, [product_id])


def refresh_products_stars(session: Session, product_ids: Iterable[str]) -> None:
    """:func:`refresh_product_stars` for many products, in two queries per 500 products."""
    ids = list(dict.fromkeys(product_ids))
    stars = _register_stars_of(session, ids)
    for pid in ids:
        p = session.get(Product, pid)
        if p is not None and p.stars != stars.get(pid):
            p.stars = stars.get(pid)


def _register_stars_of(session: Session, product_ids: Sequence[str]) -> dict[str, int]:
    """Product id → the stars the register gives it (see :func:`refresh_product_stars`)."""
    out: dict[str, int] = {}
    for start in range(0, len(product_ids), 500):
        chunk = list(product_ids[start:start + 500])
        certs = session.execute(
            select(Certificate.product_id, Certificate.stars)
            .where(Certificate.product_id.in_(chunk), Certificate.deleted.is_(False),
                   Certificate.decision_id.not_in(_annulled_decisions()))
            .order_by(Certificate.product_id, Certificate.superseded_by_id.is_not(None),
                      Certificate.issue_date.desc(), Certificate.id.desc()))
        for pid, n in certs:
            out.setdefault(pid, n)  # the first row of each product is the one that counts
        rest = [pid for pid in chunk if pid not in out]
        if rest:
            legacy = session.execute(
                select(Evaluation.product_id, Evaluation.legacy_stars)
                .where(Evaluation.product_id.in_(rest), Evaluation.deleted.is_(False), Evaluation.kind == "legacy",
                       Evaluation.legacy_stars >= 3, Evaluation.decision_ref != "")
                .order_by(Evaluation.product_id, Evaluation.decision_date.desc(), Evaluation.year.desc()))
            for pid, n in legacy:
                out.setdefault(pid, n)
    return out


def mark_printed(session: Session, certificate_ids: Iterable[str], copies: int = 1,
                 when: dt.datetime | None = None) -> None:
    """Count printed copies (a reprint can be marked "BẢN SAO" when ``copies_printed`` > 0) and
    record when each certificate was first printed (its decision can no longer be corrected)."""
    from ocop_desktop.models.base import utcnow

    when = when or utcnow()
    for cid in dict.fromkeys(certificate_ids):
        c = get_record(session, Certificate, cid)
        c.copies_printed = (c.copies_printed or 0) + copies
        if c.first_printed_at is None:
            c.first_printed_at = when
    session.flush()


# --------------------------------------------------------------------------------------
# Reading


def _status_of(expiry: dt.date, revoked_by: str | None, superseded_by: str | None, today: dt.date, *,
               annulled: bool = False, reissued: bool = False) -> CertificateStatus:
    return status({"expiry_date": expiry, "revoked_by_decision_id": revoked_by,
                   "superseded_by_id": superseded_by, "annulled": annulled, "reissued": reissued}, today)


def _reissued_ids(session: Session) -> set[str]:
    """Certificates replaced by a re-issue (cấp lại)."""
    return set(session.scalars(select(Certificate.reissue_of_id).where(Certificate.reissue_of_id.is_not(None),
                                                                       Certificate.deleted.is_(False))))


def list_certificates(session: Session, today: dt.date | None = None, *, product_id: str | None = None,
                      decision_id: str | None = None, statuses: Iterable[str] | None = None,
                      include_deleted: bool = False) -> list[CertificateRow]:
    """The certificate register, newest first (then by number); ``decision_id`` matches the
    recognising or the revoking decision."""
    today = today or dt.date.today()
    revoking = aliased(Decision)
    q = (select(Certificate, Product.name.label("product_name"), Product.code.label("product_code"),
                Product.commune_code, Producer.id.label("producer_id"), Producer.name.label("producer_name"),
                Decision.number.label("decision_number"), Decision.date.label("decision_date"),
                Decision.annulled_on, Decision.annul_reason, revoking.number.label("revocation_number"), revoking.date.label("revocation_date"))
         .join(Product, Product.id == Certificate.product_id)
         .join(Producer, Producer.id == Product.producer_id)
         .join(Decision, Decision.id == Certificate.decision_id)
         .outerjoin(revoking, revoking.id == Certificate.revoked_by_decision_id))
    if not include_deleted:
        q = q.where(Certificate.deleted.is_(False))
    if product_id is not None:
        q = q.where(Certificate.product_id == product_id)
    if decision_id is not None:
        q = q.where((Certificate.decision_id == decision_id) | (Certificate.revoked_by_decision_id == decision_id))
    wanted = set(statuses) if statuses is not None else None
    labels = {s: label(CERTIFICATE_STATUS_LABELS, s) for s in CertificateStatus}
    reissued = _reissued_ids(session)
    rows = []
    for r in session.execute(q):
        c: Certificate = r.Certificate
        st = _status_of(c.expiry_date, c.revoked_by_decision_id, c.superseded_by_id, today,
                        annulled=r.annulled_on is not None, reissued=c.id in reissued)
        issued_name = c.product_name or r.product_name
        issued_producer = c.producer_name or r.producer_name
        if wanted is not None and st not in wanted:
            continue
        rows.append(CertificateRow(
            id=c.id, number=c.number, product_id=c.product_id, product_name=issued_name,
            product_code=(c.product_code if c.product_code is not None else r.product_code) or "",
            producer_id=r.producer_id, producer_name=issued_producer,
            commune_code=r.commune_code, stars=c.stars, issue_date=c.issue_date, expiry_date=c.expiry_date,
            days_left=days_left(c.expiry_date, today), status=st.value, status_label=labels[st],
            decision_id=c.decision_id, decision_number=r.decision_number, decision_date=r.decision_date,
            revoked_by_decision_id=c.revoked_by_decision_id, revocation_number=r.revocation_number or "",
            revocation_date=r.revocation_date, revocation_ground=c.revocation_ground,
            superseded_by_id=c.superseded_by_id, copies_printed=c.copies_printed, deleted=c.deleted,
            version=c.version, reissue_of_id=c.reissue_of_id, reissue_reason=c.reissue_reason or "",
            decision_annulled_on=r.annulled_on, decision_annul_reason=r.annul_reason or "",
            first_printed_at=c.first_printed_at,
            search_text=fold(" ".join((c.number, issued_name, r.product_name, r.product_code or "", issued_producer,
                                       r.producer_name, r.decision_number))),
        ))
    rows.sort(key=lambda x: (-x.issue_date.toordinal(), fold(x.number)))
    return rows


def producer_address(p: Producer) -> str:
    """'Thôn Phia Đén, Xã Trùng Khánh, tỉnh Cao Bằng' (post-2025 commune), else the old free-text address."""
    c = geography.commune(p.commune_code)
    if c is None:
        return p.legacy_address or p.address_detail
    parts = [p.address_detail, c.name, _province_in_address(c.province_code)]
    return ", ".join(x for x in parts if x)


def _province_in_address(code: int | None) -> str:
    prov = geography.province(code)
    if prov is None:
        return ""
    return prov.name if prov.name.startswith("Thành phố") else f"tỉnh {prov.name}"


def certificate_detail(session: Session, certificate_id: str, today: dt.date | None = None) -> CertificateDetail:
    """A certificate with its product, producer and decision, for printing (deleted ones are NotFound)."""
    today = today or dt.date.today()
    c = get_record(session, Certificate, certificate_id)
    p = session.get(Product, c.product_id)
    producer = session.get(Producer, p.producer_id)
    d = session.get(Decision, c.decision_id)
    rd = session.get(Decision, c.revoked_by_decision_id) if c.revoked_by_decision_id else None
    newer = session.get(Certificate, c.superseded_by_id) if c.superseded_by_id else None
    older = session.get(Certificate, c.reissue_of_id) if c.reissue_of_id else None
    replacing = session.get(Decision, d.replaced_by_id) if d.replaced_by_id else None
    # What was decided: the snapshot taken at issue (live values only for pre-0005 certificates).
    product_name = c.product_name or p.name
    product_code = c.product_code if c.product_code is not None else (p.code or "")
    set_number = c.product_set if c.product_set is not None else p.product_set
    ps = product_sets.BY_NUMBER.get(set_number)
    st = _status_of(c.expiry_date, c.revoked_by_decision_id, c.superseded_by_id, today,
                    annulled=d.annulled_on is not None,
                    reissued=newer is not None and newer.reissue_of_id == c.id)
    commune = geography.commune(p.commune_code) or geography.commune(producer.commune_code)
    province_code = commune.province_code if commune else session.scalar(
        select(Office.province_code).where(Office.is_local.is_(True)))
    prov = geography.province(province_code)
    return CertificateDetail(
        id=c.id, number=c.number, stars=c.stars, issue_date=c.issue_date, expiry_date=c.expiry_date,
        validity_months=VALIDITY_MONTHS, status=st.value, status_label=label(CERTIFICATE_STATUS_LABELS, st),
        copies_printed=c.copies_printed,
        product_id=p.id, product_name=product_name, product_code=product_code, product_set=set_number,
        product_set_title=ps.title if ps else "", product_set_label=ps.label() if ps else str(set_number),
        product_set_path=ps.path_label() if ps else "", group_code=ps.group if ps else "",
        group_name=ps.group_name if ps else "",
        producer_id=producer.id, producer_name=c.producer_name or producer.name,
        producer_address=c.producer_address if c.producer_address is not None else producer_address(producer),
        province_name=prov.name if prov else "",
        decision_id=d.id, decision_number=d.number, decision_date=d.date, decision_authority=d.authority,
        decision_level=d.level, signer_name=d.signer_name, signer_title=d.signer_title,
        evaluation_id=c.evaluation_id, revoked_by_decision_id=c.revoked_by_decision_id,
        revocation_number=rd.number if rd else "", revocation_date=rd.date if rd else None,
        revocation_ground=c.revocation_ground, revocation_ground_label=revocation_ground_label(c.revocation_ground),
        superseded_by_id=c.superseded_by_id, superseded_by_number=newer.number if newer else "",
        first_printed_at=c.first_printed_at, reissue_of_id=c.reissue_of_id,
        reissue_of_number=older.number if older else "", reissue_reason=c.reissue_reason or "",
        decision_annulled_on=d.annulled_on, decision_annul_reason=d.annul_reason or "",
        decision_replaced_by_number=replacing.number if replacing else "",
    )


def current_certificate_ids(session: Session, product_ids: Iterable[str]) -> dict[str, str]:
    """Per product, its current certificate: the newest live (not deleted, not superseded) one."""
    ids = list(dict.fromkeys(product_ids))
    out: dict[str, tuple[dt.date, str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        q = select(Certificate.product_id, Certificate.id, Certificate.issue_date).where(
            Certificate.product_id.in_(chunk), Certificate.deleted.is_(False), Certificate.superseded_by_id.is_(None),
            Certificate.decision_id.not_in(_annulled_decisions()))
        for pid, cid, issued in session.execute(q):
            if pid not in out or (issued, cid) > out[pid]:
                out[pid] = (issued, cid)
    return {pid: cid for pid, (_issued, cid) in out.items()}


def product_certificate_status(session: Session, product_ids: Iterable[str],
                               today: dt.date | None = None) -> dict[str, str | None]:
    """{product id: the status of its current certificate, or None when it never had one}."""
    today = today or dt.date.today()
    ids = list(dict.fromkeys(product_ids))
    current = current_certificate_ids(session, ids)
    out: dict[str, str | None] = dict.fromkeys(ids)
    cert_ids = list(current.values())
    for i in range(0, len(cert_ids), 500):
        q = select(Certificate.product_id, Certificate.expiry_date, Certificate.revoked_by_decision_id,
                   Certificate.superseded_by_id).where(Certificate.id.in_(cert_ids[i:i + 500]))
        for pid, expiry, revoked_by, superseded_by in session.execute(q):
            out[pid] = _status_of(expiry, revoked_by, superseded_by, today).value
    return out
