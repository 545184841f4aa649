"""The commune's report on a dossier (Mẫu 03, QĐ 26/2026 Điều 7.2): the four contents the
commune assesses and the representative's sex and ethnicity; one per product and round."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import ethnic_groups, geography
from ocop_desktop.domain.evaluations import (
    IdeaOrigin,
    Verdict,
)
from ocop_desktop.domain.vocab import Sex
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.i18n import N_, _
from ocop_desktop.models import (
    CommuneAssessment,
    Producer,
    Product,
)
from ocop_desktop.services import roles
from ocop_desktop.services.common import get_record, set_deleted
from ocop_desktop.services.evaluations import _live_product, _period_errors, product_choice_error
from ocop_desktop.services.validation import text_errors
from ocop_desktop.text import nfc, nfc_multiline


@dataclass
class CommuneAssessmentData:
    """Mẫu 03 fields. ``*_verdict``: Verdict codes ("yes"/"partial"/"no"), IdeaOrigin codes
    ("traditional"/"new") for the idea; None = not assessed yet."""

    product_id: str = ""
    year: int | None = None
    round: int | None = None
    commune_code: int | None = None  # None: the product's commune
    raw_material_verdict: str | None = None
    raw_material_text: str = ""
    labour_verdict: str | None = None
    labour_text: str = ""
    idea_origin_verdict: str | None = None
    idea_origin_text: str = ""
    local_identity_verdict: str | None = None
    local_identity_text: str = ""
    rep_sex: str | None = None
    rep_ethnicity: str | None = None
    assessed_on: dt.date | None = None
    signer_name: str = ""
    signer_title: str = ""
    notes: str = ""
    #: Set by :func:`get_commune_assessment` when the report exists; never written.
    id: str | None = None

    _TEXT = ("raw_material_text", "labour_text", "idea_origin_text", "local_identity_text", "notes")

    def normalised(self) -> CommuneAssessmentData:
        out = CommuneAssessmentData(**{f.name: getattr(self, f.name) for f in fields(self)})
        for name in self._TEXT:
            setattr(out, name, nfc_multiline(getattr(out, name)))
        out.signer_name, out.signer_title = nfc(out.signer_name), nfc(out.signer_title)
        for name in ("raw_material_verdict", "labour_verdict", "idea_origin_verdict", "local_identity_verdict",
                     "rep_sex", "rep_ethnicity"):
            setattr(out, name, getattr(out, name) or None)
        return out


_VERDICT_FIELDS = {
    "raw_material_verdict": (set(Verdict), N_("Local raw materials: choose yes, partly or no.")),
    "labour_verdict": (set(Verdict), N_("Local labour: choose yes, partly or no.")),
    "idea_origin_verdict": (set(IdeaOrigin), N_("Origin of the product idea: choose traditional or new product.")),
    "local_identity_verdict": (set(Verdict), N_("Local identity: choose yes, partly or no.")),
}


#: Mẫu 03's text fields (label, stored length or None for Text, multiline): models/commune_assessment.py.
COMMUNE_TEXT_FIELDS: dict[str, tuple[str, int | None, bool]] = {
    "raw_material_text": (N_("Raw materials"), None, True),
    "labour_text": (N_("Labour"), None, True),
    "idea_origin_text": (N_("Origin of the idea"), None, True),
    "local_identity_text": (N_("Local identity"), None, True),
    "signer_name": (N_("Signed by"), 255, False),
    "signer_title": (N_("Title"), 128, False),
    "notes": (N_("Notes"), None, True),
}


def check_commune_assessment(session: Session, data: CommuneAssessmentData, *,
                             today: dt.date | None = None) -> dict[str, str]:
    today = today or dt.date.today()
    d = data.normalised()
    errors: dict[str, str] = {}
    product = _live_product(session, d.product_id)
    if product is None:
        errors["product_id"] = product_choice_error(session, d.product_id)
    errors.update(_period_errors(d.year, d.round, today))
    commune = d.commune_code if d.commune_code is not None else (product.commune_code if product else None)
    if commune is None:
        if product is not None:
            errors["commune_code"] = _("Commune: choose the commune that issues the report.")
    elif geography.commune(commune) is None:
        errors["commune_code"] = _("Commune: unknown commune code {code}.").format(code=commune)
    for name, (codes, message) in _VERDICT_FIELDS.items():
        if getattr(d, name) not in (None, *codes):
            errors[name] = _(message)
    if d.rep_sex not in (None, *Sex):
        errors["rep_sex"] = _("Representative's sex: choose male or female.")
    if d.rep_ethnicity is not None and d.rep_ethnicity not in ethnic_groups.BY_CODE:
        errors["rep_ethnicity"] = _("Representative's ethnicity: choose one of the 54 ethnic groups.")
    if d.assessed_on is not None:
        if d.assessed_on > today:
            errors["assessed_on"] = _("Report date: {date} is in the future.").format(
                date=d.assessed_on.strftime("%d/%m/%Y"))
        elif d.year is not None and "year" not in errors and d.assessed_on.year < d.year - 1:
            errors["assessed_on"] = _("Report date: {date} is too long before the evaluation year {year}.").format(
                date=d.assessed_on.strftime("%d/%m/%Y"), year=d.year)
    # Printed on Mẫu 03: no emoji or control characters (the fonts have no glyph), stored lengths.
    errors.update({k: v for k, v in text_errors(d, COMMUNE_TEXT_FIELDS).items() if k not in errors})
    return errors


def _find_assessment(session: Session, product_id: str, year: int, round_: int) -> CommuneAssessment | None:
    return session.scalar(select(CommuneAssessment).where(
        CommuneAssessment.product_id == product_id, CommuneAssessment.year == year,
        CommuneAssessment.round == round_, CommuneAssessment.deleted.is_(False)))


_ASSESSMENT_FIELDS = tuple(f.name for f in fields(CommuneAssessmentData) if f.name not in ("id", "product_id"))


def get_commune_assessment(session: Session, product_id: str, year: int, round: int) -> CommuneAssessmentData:  # noqa: A002
    """The product's report for that year and round, or a new one (``id`` None) with the
    product's commune and the producer's representative's sex and ethnicity filled in."""
    product = get_record(session, Product, product_id)
    row = _find_assessment(session, product_id, year, round)
    if row is not None:
        return CommuneAssessmentData(product_id=product_id, id=row.id,
                                     **{name: getattr(row, name) for name in _ASSESSMENT_FIELDS})
    producer = session.get(Producer, product.producer_id)
    return CommuneAssessmentData(product_id=product_id, year=year, round=round, commune_code=product.commune_code,
                                 rep_sex=producer.rep_sex if producer else None,
                                 rep_ethnicity=producer.rep_ethnicity if producer else None)


def save_commune_assessment(session: Session, data: CommuneAssessmentData, *,
                            today: dt.date | None = None) -> CommuneAssessment:
    """Create or update the one report per product, year and round (upsert). Blank sex or
    ethnicity take the producer's; a blank commune takes the product's. Raises ValidationFailed,
    or NotAllowed on a provincial office (the commune's report comes from the field office)."""
    roles.require(session, roles.Action.COMMUNE_REPORT)
    errors = check_commune_assessment(session, data, today=today)
    if errors:
        raise ValidationFailed(errors)
    d = data.normalised()
    product = _live_product(session, d.product_id)
    producer = session.get(Producer, product.producer_id)
    if d.commune_code is None:
        d.commune_code = product.commune_code
    if d.rep_sex is None and producer is not None:
        d.rep_sex = producer.rep_sex
    if d.rep_ethnicity is None and producer is not None:
        d.rep_ethnicity = producer.rep_ethnicity
    row = _find_assessment(session, d.product_id, d.year, d.round)
    if row is None:
        row = CommuneAssessment(product_id=d.product_id)
        session.add(row)
    for name in _ASSESSMENT_FIELDS:
        value = getattr(d, name)
        if getattr(row, name) != value:
            setattr(row, name, value)
    session.flush()
    return row


def delete_commune_assessment(session: Session, assessment_id: str) -> CommuneAssessment:
    roles.require(session, roles.Action.COMMUNE_REPORT)
    return set_deleted(session, CommuneAssessment, assessment_id, True)
