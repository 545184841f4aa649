"""Checking a certificate from the text its QR code holds (pasted, or read from a photo or
scan by :mod:`ocop_desktop.reports.qr_scan`): the signature against the keys of the offices
this office knows (``reports.qr``), then this office's register, which knows revocations
and newer certificates. One verdict for the CLI and the verify dialog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain.certificates import CertificateStatus, status
from ocop_desktop.i18n import _, format_date
from ocop_desktop.models import Certificate, Decision, Office, Product
from ocop_desktop.reports import qr

VALID, EXPIRED, REVOKED, SUPERSEDED = "valid", "expired", "revoked", "superseded"
FORGED, UNKNOWN_OFFICE, MALFORMED = "forged", "unknown_office", "malformed"
GENUINE = frozenset({VALID, EXPIRED, REVOKED, SUPERSEDED})  # the signature is good


@dataclass(frozen=True)
class CertificateCheck:
    verdict: str  # one of the constants above
    headline: str  # translated, one sentence for the officer
    result: qr.QrResult
    office_name: str  # the issuing office, "" when unknown
    in_register: bool  # this office's register holds the certificate

    @property
    def ok(self) -> bool:
        return self.verdict == VALID


def _lookup(session: Session):  # noqa: ANN202
    from ocop_desktop.sync import profiles

    def lookup(office_id: str, key_id: str) -> bytes | None:
        key = profiles.find_key(session, office_id, key_id)
        return key.sign_public if key is not None else None

    return lookup


def check_qr_text(session: Session, text: str, today: dt.date | None = None) -> CertificateCheck:
    """Never raises for bad text: a malformed or forged text is a verdict."""
    today = today or dt.date.today()
    res = qr.verify_qr_text(text, _lookup(session))
    f = res.fields
    office = session.get(Office, f.office_id) if f is not None else None
    office_name = office.name if office is not None else ""
    if res.status == qr.MALFORMED:
        return CertificateCheck(MALFORMED, _("Not an OCOP certificate of this app: {reason}").format(reason=res.reason),
                                res, "", False)
    if res.status == qr.UNKNOWN_KEY:
        return CertificateCheck(UNKNOWN_OFFICE, _(
            "Cannot be checked: the certificate was signed by an office this office does not know. Import that "
            "office's profile (Sync → Import office profile…), then check again."), res, office_name, False)
    if res.status == qr.BAD_SIGNATURE:
        return CertificateCheck(FORGED, _(
            "Forged or altered: the signature does not match the text. Do not trust the details below."),
            res, office_name, False)
    assert f is not None
    # The same number may exist in another province: the product code must match too
    # (certificates printed without a code carry "-").
    q = (select(Certificate).join(Product, Product.id == Certificate.product_id)
         .where(Certificate.number == f.number, Certificate.deleted.is_(False))
         .order_by(Certificate.issue_date.desc()).limit(1))
    if f.product_code != "-":
        q = q.where(Product.code == f.product_code)
    cert = session.scalar(q)
    state = status(cert, today) if cert is not None else None
    if state == CertificateStatus.REVOKED:
        decision = session.get(Decision, cert.revoked_by_decision_id)
        headline = _("Revoked: the certificate is genuine but was revoked by decision {number} of {date}.").format(
            number=decision.number if decision else "?", date=format_date(decision.date) if decision else "?")
        verdict = REVOKED
    elif state == CertificateStatus.SUPERSEDED:
        headline = _("Replaced: the certificate is genuine but a newer certificate was issued for this product.")
        verdict = SUPERSEDED
    elif res.expired(today):
        headline = _("Expired: the certificate is genuine but it expired on {date}.").format(
            date=format_date(f.expiry))
        verdict = EXPIRED
    else:
        headline = _("Genuine: the signature of {office} is valid and the certificate is in force until {date}.") \
            .format(office=office_name or f.office_id, date=format_date(f.expiry))
        verdict = VALID
    return CertificateCheck(verdict, headline, res, office_name, cert is not None)
