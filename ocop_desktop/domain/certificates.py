"""Recognition decisions and certificates: vocabularies and pure rules (Decision 26/2026).

- A certificate (giấy chứng nhận kết quả phân hạng sản phẩm OCOP) is valid for **36 months
  from the date the competent authority issues it** (Điều 4.3): :func:`expiry_for`. The
  certificate is taken to be valid through its expiry date and expired the day after.
- Re-evaluation dossiers are filed **no earlier than 180 and no later than 120 days before
  expiry** (Điều 6.1c): :func:`status` says ``reevaluation_window`` from 180 to 120 days left,
  both inclusive, and ``expiring`` below 120 days.
- Only 3★–5★ are recognised; 3★/4★ by the provincial chair (or the Ministry, Điều 7.5:
  a product that scores below 90 at central level is recognised 3★/4★), 5★ only by the
  Minister of Agriculture and Environment (Điều 4.1): :func:`certifiable`.
- Revocation grounds are the points a)–e) of Điều 8.1, stored as codes ("dd" for đ).

Not modelled: the transitional extension of Điều 12.3 (a certificate whose holder missed the
window stays valid until the authority decides, at most 180 days after expiry).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from ocop_desktop.i18n import N_

VALIDITY_MONTHS = 36
WINDOW_OPENS_DAYS = 180  # re-evaluation dossiers: no earlier than 180 days before expiry
WINDOW_CLOSES_DAYS = 120  # … and no later than 120 days before expiry
MIN_STARS, MAX_STARS = 3, 5


class DecisionKind(StrEnum):
    RECOGNITION = "recognition"  # quyết định công nhận
    REVOCATION = "revocation"  # quyết định thu hồi


DECISION_KIND_LABELS: dict[DecisionKind, str] = {
    DecisionKind.RECOGNITION: N_("Recognition decision"),
    DecisionKind.REVOCATION: N_("Revocation decision"),
}


class DecisionLevel(StrEnum):
    PROVINCE = "province"  # Chủ tịch UBND tỉnh: 3★, 4★
    MINISTRY = "ministry"  # Bộ trưởng Bộ Nông nghiệp và Môi trường: 5★ (and 3★/4★ after a central evaluation)


DECISION_LEVEL_LABELS: dict[DecisionLevel, str] = {
    DecisionLevel.PROVINCE: N_("Provincial People's Committee"),
    DecisionLevel.MINISTRY: N_("Ministry of Agriculture and Environment"),
}


class CertificateStatus(StrEnum):
    VALID = "valid"
    REEVALUATION_WINDOW = "reevaluation_window"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    REISSUED = "reissued"  # replaced by a re-issue (cấp lại) of the same decision
    ANNULLED = "annulled"  # its decision was annulled (hủy bỏ) or replaced by a correcting one


CERTIFICATE_STATUS_LABELS: dict[CertificateStatus, str] = {
    CertificateStatus.VALID: N_("Valid"),
    CertificateStatus.REEVALUATION_WINDOW: N_("Re-evaluation window open"),
    CertificateStatus.EXPIRING: N_("Expiring (re-evaluation window closed)"),
    CertificateStatus.EXPIRED: N_("Expired"),
    CertificateStatus.REVOKED: N_("Revoked"),
    CertificateStatus.SUPERSEDED: N_("Superseded"),
    CertificateStatus.REISSUED: N_("Re-issued"),
    CertificateStatus.ANNULLED: N_("Annulled"),
}

#: Statuses under which the certificate still stands (the product may use the OCOP mark).
LIVE_STATUSES = frozenset({CertificateStatus.VALID, CertificateStatus.REEVALUATION_WINDOW,
                           CertificateStatus.EXPIRING})


class RevocationGround(StrEnum):
    """The points of 26/2026 Điều 8.1 (``dd`` is point đ)."""

    A = "a"
    B = "b"
    C = "c"
    D = "d"
    DD = "dd"
    E = "e"


#: The letter as printed in the decision ("đ" for ``dd``).
REVOCATION_GROUND_LETTERS: dict[RevocationGround, str] = {
    RevocationGround.A: "a", RevocationGround.B: "b", RevocationGround.C: "c",
    RevocationGround.D: "d", RevocationGround.DD: "đ", RevocationGround.E: "e",
}

#: Official text of Điều 8.1 (law text: stays Vietnamese in every UI language).
REVOCATION_GROUND_TEXTS: dict[RevocationGround, str] = {
    RevocationGround.A: "Chủ thể OCOP bị phát hiện cung cấp thông tin, tài liệu không trung thực hoặc giả mạo "
                        "hồ sơ trong quá trình đăng ký đánh giá, phân hạng sản phẩm OCOP.",
    RevocationGround.B: "Sản phẩm OCOP không còn đáp ứng các tiêu chí theo Bộ tiêu chí OCOP theo kết luận kiểm "
                        "tra, giám sát của cơ quan có thẩm quyền.",
    RevocationGround.C: "Sản phẩm OCOP vi phạm quy định pháp luật về chất lượng sản phẩm, an toàn thực phẩm, bảo "
                        "vệ môi trường, sở hữu trí tuệ, ghi nhãn hàng hóa hoặc các quy định pháp luật khác có liên "
                        "quan theo kết luận của cơ quan có thẩm quyền.",
    RevocationGround.D: "Chủ thể OCOP sử dụng nhãn hiệu OCOP không đúng quy định, gây nhầm lẫn về sản phẩm được "
                        "công nhận.",
    RevocationGround.DD: "Chủ thể OCOP không còn hoạt động sản xuất sản phẩm OCOP.",
    RevocationGround.E: "Trường hợp khác theo kết luận và đề nghị của cơ quan nhà nước có thẩm quyền về việc sản "
                        "phẩm OCOP không đủ điều kiện tiếp tục được công nhận.",
}


def revocation_ground_label(code: str | None) -> str:
    """'đ) Chủ thể OCOP không còn hoạt động sản xuất sản phẩm OCOP.'; '' for None; the code if unknown."""
    if not code:
        return ""
    try:
        g = RevocationGround(code)
    except ValueError:
        return code
    return f"{REVOCATION_GROUND_LETTERS[g]}) {REVOCATION_GROUND_TEXTS[g]}"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` + ``months`` calendar months; a day the target month lacks (29–31) clamps to its last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(issue_date: dt.date) -> dt.date:
    """The expiry date of a certificate issued on ``issue_date``: + 36 months (29/02 → 28/02)."""
    return add_months(issue_date, VALIDITY_MONTHS)


def days_left(expiry_date: dt.date, today: dt.date) -> int:
    """Days from ``today`` to the expiry date (0 on the day itself, negative once expired)."""
    return (expiry_date - today).days


def status(cert: Mapping[str, Any] | Any, today: dt.date) -> CertificateStatus:
    """The status of a certificate on ``today``.

    ``cert`` is a mapping or an object with ``expiry_date`` and, optionally, ``annulled``
    (its decision was annulled), ``revoked_by_decision_id`` (or ``revoked``),
    ``superseded_by_id`` (or ``superseded``) and ``reissued`` (the newer one is its re-issue).
    Annulled wins over revoked, which wins over superseded / re-issued, which win over the dates.
    """
    def get(name: str) -> Any:
        return cert.get(name) if isinstance(cert, Mapping) else getattr(cert, name, None)

    if get("annulled"):
        return CertificateStatus.ANNULLED
    if get("revoked_by_decision_id") or get("revoked"):
        return CertificateStatus.REVOKED
    if get("superseded_by_id") or get("superseded"):
        return CertificateStatus.REISSUED if get("reissued") else CertificateStatus.SUPERSEDED
    left = days_left(get("expiry_date"), today)
    if left < 0:
        return CertificateStatus.EXPIRED
    if left < WINDOW_CLOSES_DAYS:
        return CertificateStatus.EXPIRING
    if left <= WINDOW_OPENS_DAYS:
        return CertificateStatus.REEVALUATION_WINDOW
    return CertificateStatus.VALID


def reevaluation_window(expiry_date: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day to file a re-evaluation dossier (180 and 120 days before expiry)."""
    return (expiry_date - dt.timedelta(days=WINDOW_OPENS_DAYS), expiry_date - dt.timedelta(days=WINDOW_CLOSES_DAYS))


def certifiable(stars: int | None, level: str | None) -> str | None:
    """Why ``stars`` cannot be recognised by a decision of ``level`` (an English msgid), or None.

    3★/4★: a provincial or a ministry decision; 5★: only a ministry decision; 1★/2★ are
    never recognised (Điều 4.1a: no decision, no certificate)."""
    if level not in (DecisionLevel.PROVINCE, DecisionLevel.MINISTRY):
        return N_("The decision level must be province or ministry.")
    if stars is None or not MIN_STARS <= stars <= MAX_STARS:
        return N_("Only products of 3 to 5 stars are recognised and certified.")
    if stars == MAX_STARS and level != DecisionLevel.MINISTRY:
        return N_("5 stars are recognised only by a decision of the Minister of Agriculture and Environment.")
    return None
