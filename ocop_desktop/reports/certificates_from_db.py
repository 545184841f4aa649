"""From the certificate register to the certificate PDF (``certificate print``).

- :func:`views_for_product` / :func:`views_for_decision` read the register
  (:func:`services.decisions.certificate_detail`) and give one
  :class:`~ocop_desktop.reports.certificate.CertificateView` per certificate to print, with
  its QR payload signed by the local office's current key (:func:`sync.profiles.ensure_local_keys`,
  so they need a write session: the key is made on first use).
- What is printed comes from the certificate's decision: the authority (upper-cased, as in the
  heading of official documents), the signer and title (a "/" between lines breaks the line),
  and the place (the province of the product's commune). Missing values stay empty, so the
  renderer draws its visible "[chưa khai báo …]" placeholders.
- Refused with the reason (:class:`CertificatePrintRefused`, exit 2 on the command line): an
  unknown or deleted product, a product never recognised (below 3★ or without a decision), a
  certificate that expired, was revoked or was superseded; an unknown decision or a revocation
  decision. For a decision, certificates that no longer stand are left out (and said so in
  :attr:`PrintPlan.skipped`); the decision is refused when none stands.
- :func:`print_certificates` writes the PDF and then counts the printed copies
  (:func:`services.decisions.mark_printed`). ``copy=True`` marks "BẢN SAO" on certificates
  that were printed before.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain.certificates import LIVE_STATUSES, CertificateStatus, DecisionKind
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.models import Certificate, Decision, Product
from ocop_desktop.reports import qr
from ocop_desktop.reports.certificate import CertificateView, render_certificates
from ocop_desktop.services import decisions
from ocop_desktop.services.decisions import CertificateDetail
from ocop_desktop.services.print_settings import PrintSettings, get_print_settings, image_file


class CertificatePrintRefused(BadInput):
    """The certificate (or decision) cannot be printed; the message says why."""


@dataclass(frozen=True)
class Signing:
    office_id: str
    key_id: str
    sign_private: bytes


@dataclass
class PrintPlan:
    views: list[CertificateView]
    certificate_ids: list[str]
    #: certificates of the decision left out, each with the reason (translated).
    skipped: list[str] = field(default_factory=list)


def _date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def _signer_lines(title: str) -> str:
    """"KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (or "KT. CHỦ TỊCH/PHÓ CHỦ TỊCH", as the dialog's hint says:
    any "/") → two lines."""
    return "\n".join(x.strip() for x in re.split(r"/|\n", title or "") if x.strip())


def local_signing(session: Session) -> Signing:
    """The local office's current key (made on first use: needs a write session)."""
    from ocop_desktop.sync import profiles

    key = profiles.ensure_local_keys(session)
    assert key.sign_private is not None  # ensure_local_keys makes a full key
    return Signing(key.office_id, key.key_id, key.sign_private)


def refusal(detail: CertificateDetail) -> str | None:
    """Why this certificate cannot be printed (translated), or None when it stands."""
    st = detail.status
    if st in LIVE_STATUSES:
        return None
    if st == CertificateStatus.REVOKED:
        return _("Certificate {number} of {product} was revoked by decision {decision} of {date} "
                 "(ground: {ground}).").format(number=detail.number, product=detail.product_name,
                                               decision=detail.revocation_number or "?",
                                               date=_date(detail.revocation_date),
                                               ground=detail.revocation_ground_label or detail.revocation_ground or "?")
    if st == CertificateStatus.ANNULLED:
        return _("Certificate {number} of {product} was annulled with its decision {decision} on {date} "
                 "(reason: {reason}).").format(number=detail.number, product=detail.product_name,
                                               decision=detail.decision_number,
                                               date=_date(detail.decision_annulled_on),
                                               reason=detail.decision_annul_reason or "?")
    if st == CertificateStatus.REISSUED:
        return _("Certificate {number} of {product} was re-issued as certificate {newer}.").format(
            number=detail.number, product=detail.product_name, newer=detail.superseded_by_number or "?")
    if st == CertificateStatus.SUPERSEDED:
        return _("Certificate {number} of {product} was superseded by certificate {newer}.").format(
            number=detail.number, product=detail.product_name, newer=detail.superseded_by_number or "?")
    return _("Certificate {number} of {product} expired on {date}.").format(
        number=detail.number, product=detail.product_name, date=_date(detail.expiry_date))


def archive_note(detail: CertificateDetail) -> str:
    """The fixed Vietnamese line printed on an archive copy ("BẢN LƯU"): why it no longer stands."""
    st = detail.status
    if st == CertificateStatus.ANNULLED:
        return (f"quyết định {detail.decision_number} đã bị hủy bỏ ngày {_date(detail.decision_annulled_on)}"
                + (f", thay thế bằng quyết định {detail.decision_replaced_by_number}"
                   if detail.decision_replaced_by_number else "")
                + (f" (lý do: {detail.decision_annul_reason})" if detail.decision_annul_reason else ""))
    if st == CertificateStatus.REVOKED:
        return f"đã bị thu hồi theo quyết định {detail.revocation_number} ngày {_date(detail.revocation_date)}"
    if st == CertificateStatus.REISSUED:
        return f"đã được cấp lại bằng giấy chứng nhận số {detail.superseded_by_number}"
    if st == CertificateStatus.SUPERSEDED:
        return f"đã được thay thế bằng giấy chứng nhận số {detail.superseded_by_number}"
    if st == CertificateStatus.EXPIRED:
        return f"đã hết hiệu lực ngày {_date(detail.expiry_date)}"
    return ""


def build_view(detail: CertificateDetail, signing: Signing, *, copy: bool = False,
               settings: PrintSettings | None = None, db_path: Path | None = None,
               archive: bool = False) -> CertificateView:
    """The printable view of one certificate, its QR signed with ``signing``. The office's
    layout ``settings`` fill what the decision leaves empty and give the place, logo and border
    (their image files live beside the database at ``db_path``). ``archive``: the watermarked
    "BẢN LƯU" copy of a certificate that no longer stands (never a "BẢN SAO")."""
    ps = settings or PrintSettings()
    fields = qr.QrFields(number=detail.number, product_code=detail.product_code or "-",
                         product_name=detail.product_name, stars=detail.stars, expiry=detail.expiry_date,
                         office_id=signing.office_id, producer_name=detail.producer_name)
    group = f"{detail.group_code}. {detail.group_name}" if detail.group_code and detail.group_name \
        else detail.group_name
    return CertificateView(
        number=detail.number, product_name=detail.product_name, product_code=detail.product_code,
        producer_name=detail.producer_name, producer_address=detail.producer_address,
        product_set=detail.product_set_label, product_group=group, stars=detail.stars,
        decision_number=detail.decision_number, decision_date=detail.decision_date,
        issue_date=detail.issue_date, expiry_date=detail.expiry_date,
        authority=(detail.decision_authority or ps.authority or "").upper(),
        place=ps.place or detail.province_name or "",
        signer_name=detail.signer_name or ps.signer_name or "",
        signer_title=_signer_lines(detail.signer_title or ps.signer_title),
        qr_text=qr.make_qr_text(fields, signing.sign_private, signing.key_id),
        copy=copy and detail.copies_printed > 0 and not archive, validity_months=detail.validity_months,
        archive=archive, archive_note=archive_note(detail) if archive else "",
        reissued_on=detail.issue_date if detail.reissue_of_id else None,
        logo_path=image_file(db_path, ps.logo) if db_path else None,
        border_path=image_file(db_path, ps.border) if db_path else None,
    )


def views_for_product(session: Session, product_id: str, *, copy: bool = False, today: dt.date | None = None,
                      signing: Signing | None = None, db_path: Path | None = None) -> PrintPlan:
    """The product's current certificate, or :class:`CertificatePrintRefused` with the reason."""
    today = today or dt.date.today()
    p = session.get(Product, product_id)
    if p is None or p.deleted:
        raise CertificatePrintRefused(_("Product {id}: it does not exist or was deleted.").format(id=product_id))
    current = decisions.current_certificate_ids(session, [p.id]).get(p.id)
    if current is None:
        if not p.stars or p.stars < 3:
            raise CertificatePrintRefused(
                _("{product}: no certificate to print — the product is below 3 stars and has no recognition "
                  "decision.").format(product=p.name))
        raise CertificatePrintRefused(
            _("{product}: no certificate to print — no recognition decision was recorded for it.")
            .format(product=p.name))
    detail = decisions.certificate_detail(session, current, today)
    why = refusal(detail)
    if why:
        raise CertificatePrintRefused(why)
    signing = signing or local_signing(session)
    return PrintPlan([build_view(detail, signing, copy=copy, settings=get_print_settings(session), db_path=db_path)],
                     [detail.id])


def views_for_decision(session: Session, decision_id: str, *, copy: bool = False, today: dt.date | None = None,
                       signing: Signing | None = None, db_path: Path | None = None) -> PrintPlan:
    """Every standing certificate of a recognition decision, in certificate-number order."""
    today = today or dt.date.today()
    d = session.get(Decision, decision_id)
    if d is None or d.deleted:
        raise CertificatePrintRefused(_("Decision {id}: it does not exist or was deleted.").format(id=decision_id))
    if d.kind != DecisionKind.RECOGNITION:
        raise CertificatePrintRefused(
            _("Decision {number} is a revocation decision: it has no certificates to print.").format(number=d.number))
    ids = list(session.scalars(select(Certificate.id).where(Certificate.decision_id == d.id,
                                                             Certificate.deleted.is_(False))))
    details = [decisions.certificate_detail(session, cid, today) for cid in ids]
    details.sort(key=lambda x: _number_key(x.number))
    standing, skipped = [], []
    for detail in details:
        why = refusal(detail)
        (skipped.append(why) if why else standing.append(detail))
    if not standing:
        reasons = "\n".join(f"- {x}" for x in skipped)
        raise CertificatePrintRefused(
            _("Decision {number}: no certificate of it can be printed.").format(number=d.number)
            + (f"\n{reasons}" if reasons else ""))
    signing = signing or local_signing(session)
    settings = get_print_settings(session)
    return PrintPlan([build_view(x, signing, copy=copy, settings=settings, db_path=db_path) for x in standing],
                     [x.id for x in standing], skipped)


def _number_key(number: str) -> tuple:
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.findall(r"\d+|\D+", number))


def print_certificates(db, out: str | os.PathLike[str], *, product_id: str | None = None,  # noqa: ANN001
                       decision_id: str | None = None, copy: bool = False,
                       today: dt.date | None = None) -> PrintPlan:
    """Write the PDF for a product's current certificate or a decision's certificates to ``out``
    and count the printed copies. Raises :class:`CertificatePrintRefused` (nothing written) or
    :class:`~ocop_desktop.reports.certificate.CertificateOutputError`."""
    if (product_id is None) == (decision_id is None):
        raise BadInput(_("Choose either a product or a decision."))
    with db.session() as s:
        if product_id is not None:
            plan = views_for_product(s, product_id, copy=copy, today=today, db_path=db.path)
        else:
            assert decision_id is not None
            plan = views_for_decision(s, decision_id, copy=copy, today=today, db_path=db.path)
    render_certificates(plan.views, Path(out))
    with db.session() as s:
        decisions.mark_printed(s, plan.certificate_ids)
    return plan
