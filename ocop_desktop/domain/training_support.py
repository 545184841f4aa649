"""Vocabularies of training classes and support (cycle step 4); amounts in đồng are
:func:`ocop_desktop.i18n.parse_amount` / :func:`~ocop_desktop.i18n.format_amount`.

Codes are stored; labels are English message ids shown through gettext.
"""

from __future__ import annotations

from enum import StrEnum

from ocop_desktop.i18n import N_


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
