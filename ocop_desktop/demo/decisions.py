"""Recognition decisions and certificates for the demo office's 3★–5★ products, made with
the real service (``services.decisions``), dated around the day the demo is built so every
status shows: valid, in the re-evaluation window (180–120 days before expiry), expiring,
expired, revoked. 5★ products are recognised by a Ministry decision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from ocop_desktop.db import Database
from ocop_desktop.domain.certificates import add_months
from ocop_desktop.models import Office, Product
from ocop_desktop.services import decisions, office

PROVINCE_SIGNER = ("Nguyễn Văn Hải", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
MINISTRY = ("Bộ Nông nghiệp và Môi trường", "Trần Thanh Nam", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG")


def add_decisions(path: Path, today: dt.date | None = None) -> int:
    """Record the decisions; returns the number of certificates issued."""
    today = today or dt.date.today()
    db = Database.open(path)
    try:
        with db.session() as s:
            info = office.local_office(s)
            # A field office only receives decisions (by bundle): the demo stands in for the province
            # by recording them under the provincial role for this one session, then puts it back.
            local = s.scalar(select(Office).where(Office.is_local.is_(True)))
            local.role = "province"
            s.flush()
            authority = f"Ủy ban nhân dân tỉnh {info.province_name}"
            rows = s.execute(select(Product.id, Product.stars, Product.status)
                             .where(Product.deleted.is_(False), Product.stars >= 3)
                             .order_by(Product.code, Product.id)).all()
            certified = [r for r in rows if r.status == "dat_ocop"]
            expired = [r for r in rows if r.status == "het_han"]
            revoked = [r for r in rows if r.status == "thu_hoi"]
            # Cohorts of the live ones by issue date: valid, in the window, expiring.
            cohorts = {
                "valid": (today - dt.timedelta(days=200), certified[0::3]),
                "window": (add_months(today, -36) + dt.timedelta(days=150), certified[1::3]),
                "expiring": (add_months(today, -36) + dt.timedelta(days=60), certified[2::3]),
                "expired": (add_months(today, -40), expired),
                "revoked": (add_months(today, -20), revoked),
            }
            issued = 0
            serial = 1100
            for _name, (when, group) in cohorts.items():
                for five in (False, True):
                    items = [(r.id, r.stars) for r in group if (r.stars == 5) == five]
                    if not items:
                        continue
                    serial += 7
                    if five:
                        data = decisions.DecisionData(
                            number=f"{serial}/QĐ-BNNMT", date=when, authority=MINISTRY[0], level="ministry",
                            signer_name=MINISTRY[1], signer_title=MINISTRY[2])
                    else:
                        data = decisions.DecisionData(
                            number=f"{serial}/QĐ-UBND", date=when, authority=authority, level="province",
                            signer_name=PROVINCE_SIGNER[0], signer_title=PROVINCE_SIGNER[1])
                    decisions.record_recognition(s, data, items, today=today)
                    issued += len(items)
            s.flush()
            for r in expired:  # the certificate ran out: the product's status says so
                s.get(Product, r.id).status = "het_han"
            if revoked:
                ids = list(decisions.current_certificate_ids(s, [r.id for r in revoked]).values())
                five = any(r.stars == 5 for r in revoked)
                data = decisions.DecisionData(
                    kind="revocation", number=f"{serial + 9}/QĐ-{'BNNMT' if five else 'UBND'}",
                    date=today - dt.timedelta(days=30), authority=MINISTRY[0] if five else authority,
                    level="ministry" if five else "province",
                    signer_name=MINISTRY[1] if five else PROVINCE_SIGNER[0],
                    signer_title=MINISTRY[2] if five else PROVINCE_SIGNER[1])
                decisions.revoke(s, ids, data, "b", today=today)
            local.role = info.role
        return issued
    finally:
        db.close()
