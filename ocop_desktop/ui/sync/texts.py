"""Words and formats the sync screens share: import classes, roles, dates, field values."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ocop_desktop.domain.vocab import (
    OFFICE_ROLE_LABELS,
    PRODUCER_KIND_LABELS,
    PRODUCT_STATUS_LABELS,
    label,
)
from ocop_desktop.i18n import N_, _, format_date, format_datetime, format_number

#: The merge classes (``sync.merge.CLASSES``) as the import preview names them: (header, explanation).
CLASS_TEXTS: dict[str, tuple[str, str]] = {
    "new": (N_("New"), N_("Not here yet: will be added.")),
    "identical": (N_("Already here"), N_("This office already holds the same version: nothing to do.")),
    "outdated": (N_("Older"), N_("This office already holds a newer version that includes it: ignored.")),
    "stale_delete": (N_("Old deletion"), N_("A deletion this office has already gone past (the record was "
                                            "restored or edited since): ignored.")),
    "fast_forward": (N_("Newer version"), N_("A newer version of a record held here: it replaces it.")),
    "parallel": (N_("Merged edits"), N_("Both offices edited different fields: both edits are kept.")),
    "conflict": (N_("Conflict"), N_("Both offices changed the same field: one value is kept for now and you "
                                    "choose in the Conflicts tab.")),
}

#: Column names of the synced records, for the conflicts list (unknown ones show as they are).
FIELD_LABELS: dict[str, str] = {
    "kind": N_("Type"), "name": N_("Name"), "local_capital_share": N_("Local community capital share (%)"),
    "identifier": N_("Tax code / ID"), "identifier_kind": N_("Identifier type"),
    "reg_number": N_("Business registration no."), "reg_date": N_("Registration date"),
    "rep_name": N_("Representative"), "rep_title": N_("Position"), "rep_sex": N_("Sex"),
    "rep_ethnicity": N_("Ethnic group"), "rep_disability": N_("Representative with a disability"),
    "value_chain": N_("Value chain"),
    "commune_code": N_("Commune / ward"), "address_detail": N_("Village / street"),
    "legacy_address": N_("Address before 7/2025"), "phone": N_("Phone"), "email": N_("Email"),
    "food_safety_cert_no": N_("Food-safety certificate no."),
    "food_safety_cert_expiry": N_("Certificate valid until"), "notes": N_("Notes"),
    "producer_id": N_("Producer"), "product_set": N_("Product set"), "description": N_("Description"),
    "certifications": N_("Certifications"), "status": N_("Status"), "stars": N_("Stars"),
    "code": N_("Product code"), "photos": N_("Photos"), "product_id": N_("Product"), "year": N_("Year"),
    "round": N_("Round"), "total": N_("Total"), "decision_ref": N_("Decision no."),
    "decision_date": N_("Decision date"), "member_name": N_("Full name"), "member_role": N_("Role"),
    "choices": N_("Scores"), "comment": N_("Comment"), "signer_name": N_("Signed by"),
    "deleted": N_("Deleted"),
}

#: Fields whose value is a code or a reference: no free-text editor in the Conflicts tab.
CODED_FIELDS = frozenset({
    "kind", "identifier_kind", "rep_sex", "rep_ethnicity", "status", "producer_id", "product_id",
    "evaluation_id", "rubric_id", "minima_mode", "code", "eliminated_by", "raw_material_verdict",
    "labour_verdict", "idea_origin_verdict", "local_identity_verdict",
})


def class_header(cls: str) -> str:
    return _(CLASS_TEXTS[cls][0]) if cls in CLASS_TEXTS else cls


def class_help(cls: str) -> str:
    return _(CLASS_TEXTS[cls][1]) if cls in CLASS_TEXTS else ""


def field_label(field: str) -> str:
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def role_label(role: str | None) -> str:
    return label(OFFICE_ROLE_LABELS, role)


def kind_label(kind: str) -> str:
    if kind == "snapshot":
        return _("Full copy (snapshot)")
    return _("Changes")


def local_time(value: dt.datetime | None) -> dt.datetime | None:
    """Stored times are UTC without a zone; officers read their own clock."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def when(value: dt.datetime | None, empty: str = "—") -> str:
    return format_datetime(local_time(value)) if value is not None else empty


def numbered(number: int, value: dt.datetime | None) -> str:
    """'No. 3 · 21/11/2026 14:05' (the last bundle either way), or '—' for none yet."""
    if not number:
        return "—"
    return _("No. {n} · {date}").format(n=number, date=when(value))


def display_value(field: str, value: Any) -> str:
    """A field value as the officer knows it: names for codes, dates as dd/MM/yyyy."""
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field == "commune_code" and isinstance(value, int):
        from ocop_desktop.domain.geography import commune_name

        return commune_name(value) or str(value)
    if field == "kind" and isinstance(value, str) and value in PRODUCER_KIND_LABELS:
        return label(PRODUCER_KIND_LABELS, value)
    if field == "status" and isinstance(value, str) and value in PRODUCT_STATUS_LABELS:
        return label(PRODUCT_STATUS_LABELS, value)
    if field in ("rep_disability", "value_chain") and value in (0, 1):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)

