"""Vocabularies of training classes and support (cycle step 4), and amounts in đồng.

Codes are stored; labels are English message ids shown through gettext.
"""

from __future__ import annotations

import re
from enum import StrEnum

from ocop_desktop.i18n import N_, format_number


class TrainingTopic(StrEnum):
    MANAGEMENT = "management"
    ECOMMERCE = "ecommerce"
    PRODUCT_DEVELOPMENT = "product_dev"
    FOOD_SAFETY = "food_safety"
    PACKAGING = "packaging"
    MARKETING = "marketing"
    OCOP_PROGRAMME = "ocop"
    OTHER = "other"


TOPIC_LABELS: dict[TrainingTopic, str] = {
    TrainingTopic.MANAGEMENT: N_("Management"),
    TrainingTopic.ECOMMERCE: N_("E-commerce"),
    TrainingTopic.PRODUCT_DEVELOPMENT: N_("Product development"),
    TrainingTopic.FOOD_SAFETY: N_("Food safety"),
    TrainingTopic.PACKAGING: N_("Packaging and labels"),
    TrainingTopic.MARKETING: N_("Marketing and trade promotion"),
    TrainingTopic.OCOP_PROGRAMME: N_("OCOP programme and evaluation"),
    TrainingTopic.OTHER: N_("Other topic"),
}


class Audience(StrEnum):
    PROVINCIAL_OFFICIALS = "province"
    COMMUNE_OFFICIALS = "commune"
    PRODUCERS = "producers"
    MIXED = "mixed"


AUDIENCE_LABELS: dict[Audience, str] = {
    Audience.PROVINCIAL_OFFICIALS: N_("Provincial officials"),
    Audience.COMMUNE_OFFICIALS: N_("Commune officials"),
    Audience.PRODUCERS: N_("Producers"),
    Audience.MIXED: N_("Officials and producers"),
}


class FundingSource(StrEnum):
    """Nguồn kinh phí."""

    NTM = "ntm"  # CTMTQG xây dựng nông thôn mới
    DTTS = "dtts"  # CTMTQG phát triển KT-XH vùng đồng bào DTTS và miền núi
    PROVINCE = "province"  # ngân sách tỉnh
    OTHER = "other"


FUNDING_LABELS: dict[FundingSource, str] = {
    FundingSource.NTM: N_("National target programme: new rural areas"),
    FundingSource.DTTS: N_("National target programme: ethnic-minority and mountain areas"),
    FundingSource.PROVINCE: N_("Provincial budget"),
    FundingSource.OTHER: N_("Other source"),
}


class SupportKind(StrEnum):
    PACKAGING = "packaging"
    TRADEMARK = "trademark"
    EQUIPMENT = "equipment"
    PROMOTION = "promotion"
    CERTIFICATION = "certification"
    STAR_AWARD = "star_award"
    OTHER = "other"


SUPPORT_KIND_LABELS: dict[SupportKind, str] = {
    SupportKind.PACKAGING: N_("Packaging and labels"),
    SupportKind.TRADEMARK: N_("Trademark registration"),
    SupportKind.EQUIPMENT: N_("Equipment"),
    SupportKind.PROMOTION: N_("Promotion materials"),
    SupportKind.CERTIFICATION: N_("Quality certification"),
    SupportKind.STAR_AWARD: N_("Award for OCOP stars"),
    SupportKind.OTHER: N_("Other support"),
}

#: The largest amount accepted (a thousand billion đồng): anything above is a typing slip.
MAX_AMOUNT = 10**15

_SEPARATORS = re.compile(r"[\s.,\u00a0\u202f]")
_SUFFIX = re.compile(r"\s*(đồng|đ|vnđ|vnd)\s*$", re.IGNORECASE)


class AmountError(ValueError):
    """Text that is not a whole, non-negative number of đồng; ``reason`` is 'negative',
    'not_number' or 'too_large'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_amount(text: str | None) -> int | None:
    """'903.000.000 đ', '903 000 000', '903000000' → 903000000; '' → None."""
    raw = _SUFFIX.sub("", (text or "").strip())
    if not raw:
        return None
    if raw.startswith("-"):
        raise AmountError("negative")
    digits = _SEPARATORS.sub("", raw)
    if not digits.isdigit() or not digits.isascii():
        raise AmountError("not_number")
    value = int(digits)
    if value > MAX_AMOUNT:
        raise AmountError("too_large")
    return value


def format_amount(value: int | None) -> str:
    """903000000 → '903.000.000 đ' (Babel's separators); None → ''."""
    if value is None:
        return ""
    return f"{format_number(value)} đ"
