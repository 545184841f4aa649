"""Field validation with Vietnamese messages that name the field and the reason.

Validators return ``{field: message}``; an empty dict means valid. They are pure
(no session) so the dialogs can run them on every keystroke.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ocop_desktop.domain import ethnic_groups, geography, product_sets
from ocop_desktop.domain.identifiers import IdentifierError, parse_identifier
from ocop_desktop.domain.vocab import (
    PERSONAL_ID_KINDS,
    REGISTERED_ENTITY_KINDS,
    CertificationKind,
    ProducerKind,
    ProductStatus,
    Sex,
)
from ocop_desktop.i18n import N_, _
from ocop_desktop.text import unprintable_at

# Vietnamese numbers: mobile 0[35789]x xxx xxxx (10 digits), landline 02xx + 7–8 digits
# (11 digits); +84 / 84 in place of the leading 0.
_PHONE = re.compile(r"^(?:\+?84|0)([235789]\d{8,9})$")
_PHONE_STRIP = re.compile(r"[\s.\-()]")


def normalise_phone(raw: str) -> str:
    return _PHONE_STRIP.sub("", raw or "")


def phone_error(raw: str) -> str | None:
    value = normalise_phone(raw)
    if not value:
        return None
    m = _PHONE.match(value)
    if not m:
        return _("Phone: “{value}” is not a Vietnamese phone number (e.g. 0912 345 678 or 0206 3852 123).").format(value=raw.strip())
    national = m.group(1)
    if national[0] == "2" and len(national) != 10:
        return _("Phone: a landline number has 11 digits including the area code (e.g. 0206 3852 123).")
    if national[0] != "2" and len(national) != 9:
        return _("Phone: a mobile number has 10 digits (e.g. 0912 345 678).")
    return None


def email_error(raw: str) -> str | None:
    value = (raw or "").strip()
    if not value:
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return _("Email: “{value}” is not a valid email address (e.g. htx.phiaden@gmail.com).").format(value=value)
    return None


_IDENTIFIER_MESSAGES = {
    "empty": "",
    "chars": N_("Tax code / ID: only digits are allowed (a branch code has one hyphen: 0101234567-001)."),
    "length": N_("Tax code / ID: must have 10 digits (tax code), 13 digits as 0101234567-001 (branch) or 12 digits (personal ID)."),
    "checksum": N_("Tax code / ID: the check digit (last digit of the tax code) is wrong; check the number on the registration certificate."),
    "branch_suffix": N_("Tax code / ID: a branch code ends in 001–999, not 000."),
    "id_province": N_("Tax code / ID: a 12-digit personal ID starts with a province code (001–096); this one does not."),
    "id_century": N_("Tax code / ID: the 4th digit of a personal ID must be 0–3 (century and sex)."),
    "id_birth_year": N_("Tax code / ID: the birth year in this personal ID is in the future."),
}


def identifier_error(raw: str, kind: str | None, today: dt.date) -> str | None:
    """Message for a bad identifier, or None. Empty is checked by the caller (required?)."""
    if not (raw or "").strip():
        return None
    try:
        ident = parse_identifier(raw, today=today)
    except IdentifierError as exc:
        return _(_IDENTIFIER_MESSAGES[exc.code])
    if ident.kind == "cccd12" and kind and kind not in PERSONAL_ID_KINDS:
        return _("Tax code / ID: a cooperative or enterprise is identified by its 10-digit tax code, not a personal ID.")
    return None


def _date_error(value: dt.date | None, label: str, today: dt.date, *, future_ok: bool) -> str | None:
    if value is None:
        return None
    if value.year < 1945:
        return _("{field}: the date {date} is too far in the past.").format(field=label, date=value.strftime("%d/%m/%Y"))
    if not future_ok and value > today:
        return _("{field}: the date {date} is in the future.").format(field=label, date=value.strftime("%d/%m/%Y"))
    return None


_AMOUNT_MESSAGES = {
    "not_number": N_("{field}: “{text}” is not an amount in đồng; type digits only, e.g. 903.000.000."),
    "negative": N_("{field}: an amount cannot be negative."),
    "fraction": N_("{field}: amounts are whole đồng, without decimals."),
    "too_large": N_("{field}: the amount is too large (at most 999.999.999.999.999 đ)."),
}


def amount_text_error(label: str, text: str) -> str | None:
    """The message for a typed amount that is not whole đồng (empty is fine), else None."""
    from ocop_desktop.i18n import AmountError, parse_amount

    try:
        parse_amount(text)
    except AmountError as exc:
        return _(_AMOUNT_MESSAGES[exc.code]).format(field=label, text=text.strip())
    return None


def amount_error(label: str, value: object) -> str | None:
    """The message for a stored amount (an int from a form, a JSON file) that is not whole,
    non-negative đồng within range; None (no amount) is fine."""
    from ocop_desktop.i18n import MAX_AMOUNT

    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return _(_AMOUNT_MESSAGES["not_number"]).format(field=label, text=str(value))
    if value < 0:
        return _(_AMOUNT_MESSAGES["negative"]).format(field=label)
    if value > MAX_AMOUNT:
        return _(_AMOUNT_MESSAGES["too_large"]).format(field=label)
    return None


#: The producer's and the product's text fields: (label, stored length or None for Text, multiline).
#: The lengths are the columns' (models/producer.py, models/product.py; a test keeps them in step):
#: a longer value would be refused by the other offices' sync import.
PRODUCER_TEXT_FIELDS: dict[str, tuple[str, int | None, bool]] = {
    "name": (N_("Producer name"), 255, False),
    "identifier": (N_("Tax code / ID"), 20, False),
    "reg_number": (N_("Registration number"), 64, False),
    "rep_name": (N_("Representative's full name"), 255, False),
    "rep_title": (N_("Representative's position"), 128, False),
    "address_detail": (N_("Village / street"), 255, False),
    "legacy_address": (N_("Address before 7/2025"), 500, False),
    "phone": (N_("Phone"), 32, False),
    "email": (N_("Email"), 255, False),
    "food_safety_cert_no": (N_("Food-safety certificate number"), 64, False),
    "notes": (N_("Notes"), None, True),
}
PRODUCT_TEXT_FIELDS: dict[str, tuple[str, int | None, bool]] = {
    "name": (N_("Product name"), 255, False),
    "description": (N_("Description"), None, True),
}
#: A certification's number and issuer (stored in the product's JSON; the editor's limits).
CERTIFICATION_TEXT_FIELDS: dict[str, int] = {"number": 64, "issuer": 255}


def char_error(label: str, value: str, *, multiline: bool = False) -> str | None:
    """A message when ``value`` holds an emoji or a control character, else None. The
    character is named by its position and code, not drawn: it has no glyph in the
    printing fonts, and an invisible one would show nothing."""
    i = unprintable_at(value, multiline=multiline)
    if i is None:
        return None
    return _("{field}: remove character {pos} (U+{code}). Emoji and invisible control characters cannot be "
             "printed on official documents.").format(field=label, pos=i + 1, code=f"{ord(value[i]):04X}")


def text_error(label: str, value: str, length: int | None, *, multiline: bool = False) -> str | None:
    """A refused character or an over-long value (``length`` None: no limit), else None."""
    if msg := char_error(label, value, multiline=multiline):
        return msg
    if length is not None and len(value) > length:
        return _("{field}: at most {max} characters (now {count}).").format(field=label, max=length, count=len(value))
    return None


def text_errors(data: object, spec: dict[str, tuple[str, int | None, bool]]) -> dict[str, str]:
    """Refused characters and over-long values in the text fields of ``data``."""
    errors: dict[str, str] = {}
    for name, (label, length, multiline) in spec.items():
        if msg := text_error(_(label), getattr(data, name) or "", length, multiline=multiline):
            errors[name] = msg
    return errors


def validate_producer(data, *, today: dt.date | None = None, office_communes: list[int] | None = None) -> dict[str, str]:  # noqa: ANN001
    """Validate a :class:`ocop_desktop.services.producers.ProducerData`."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Producer name: required.")
    elif len(data.name) > 255:
        errors["name"] = _("Producer name: at most 255 characters.")
    if data.kind not in set(ProducerKind):
        errors["kind"] = _("Producer type: choose a type.")
    if data.kind == ProducerKind.CONG_TY_CP and data.local_capital_share not in (None, ""):
        try:
            share = Decimal(str(data.local_capital_share).replace(",", "."))
            if not (0 <= share <= 100):
                raise InvalidOperation
        except InvalidOperation:
            errors["local_capital_share"] = _("Local community capital share: a percentage from 0 to 100.")
    if not data.identifier.strip():
        if data.kind in REGISTERED_ENTITY_KINDS:
            errors["identifier"] = _("Tax code / ID: required for cooperatives and enterprises (the 10-digit tax code).")
    else:
        msg = identifier_error(data.identifier, data.kind, today)
        if msg:
            errors["identifier"] = msg
    if msg := _date_error(data.reg_date, _("Registration date"), today, future_ok=False):
        errors["reg_date"] = msg
    if data.reg_date and not data.reg_number.strip():
        errors["reg_number"] = _("Registration number: required when a registration date is given.")
    if data.rep_sex not in (None, "", *Sex):
        errors["rep_sex"] = _("Representative's sex: choose male or female.")
    if data.rep_ethnicity not in (None, "") and data.rep_ethnicity not in ethnic_groups.BY_CODE:
        errors["rep_ethnicity"] = _("Representative's ethnicity: choose one of the 54 ethnic groups.")
    if data.commune_code is None:
        if not data.legacy_address.strip():
            errors["commune_code"] = _("Commune: choose the commune where the producer is based.")
    elif geography.commune(data.commune_code) is None:
        errors["commune_code"] = _("Commune: unknown commune code {code}.").format(code=data.commune_code)
    elif office_communes and data.commune_code not in office_communes:
        errors["commune_code"] = _("Commune: {name} is not one of this office's communes.").format(
            name=geography.commune_name(data.commune_code))
    if msg := phone_error(data.phone):
        errors["phone"] = msg
    if msg := email_error(data.email):
        errors["email"] = msg
    if data.food_safety_cert_expiry and not data.food_safety_cert_no.strip():
        errors["food_safety_cert_no"] = _("Food-safety certificate number: required when an expiry date is given.")
    for name, msg in text_errors(data, PRODUCER_TEXT_FIELDS).items():
        errors.setdefault(name, msg)
    return errors


def validate_product(data, *, today: dt.date | None = None) -> dict[str, str]:  # noqa: ANN001
    """Validate a :class:`ocop_desktop.services.products.ProductData`."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Product name: required.")
    elif len(data.name) > 255:
        errors["name"] = _("Product name: at most 255 characters.")
    if not data.producer_id:
        errors["producer_id"] = _("Producer: choose the producer of this product.")
    if data.product_set not in product_sets.BY_NUMBER:
        errors["product_set"] = _("Product set: choose one of the 26 product sets.")
    if data.commune_code is not None and geography.commune(data.commune_code) is None:
        errors["commune_code"] = _("Commune: unknown commune code {code}.").format(code=data.commune_code)
    if data.status not in set(ProductStatus):
        errors["status"] = _("Status: choose a status.")
    elif data.status == ProductStatus.CERTIFIED:
        if data.stars not in (3, 4, 5):
            errors["stars"] = _("Stars: an OCOP-certified product has 3, 4 or 5 stars.")
    elif data.stars is not None and data.status in (ProductStatus.IDEA, ProductStatus.REGISTERED):
        errors["stars"] = _("Stars: only a product that was ranked has stars.")
    if data.stars is not None and not 1 <= data.stars <= 5:
        errors["stars"] = _("Stars: from 1 to 5.")
    if data.code_year is not None and not (2018 <= data.code_year <= today.year + 1):
        errors["code_year"] = _("Code year: between 2018 and {year}.").format(year=today.year + 1)
    if data.code_serial is not None and data.code_serial < 1:
        errors["code_serial"] = _("Serial number: a whole number from 1.")
    for i, cert in enumerate(data.certifications):
        if cert.get("kind") not in set(CertificationKind):
            errors[f"certifications.{i}"] = _("Certification {n}: choose its type.").format(n=i + 1)
        elif not str(cert.get("number", "")).strip():
            errors[f"certifications.{i}"] = _("Certification {n}: enter its number.").format(n=i + 1)
        else:
            label = _("Certification {n}").format(n=i + 1)
            for name, length in CERTIFICATION_TEXT_FIELDS.items():
                if msg := text_error(label, str(cert.get(name) or ""), length):
                    errors[f"certifications.{i}"] = msg
                    break
    for name, msg in text_errors(data, PRODUCT_TEXT_FIELDS).items():
        errors.setdefault(name, msg)
    return errors
