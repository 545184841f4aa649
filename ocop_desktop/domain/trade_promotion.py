"""Trade promotion vocabularies (issue 10 item 3): kinds of event, where it is held, who
paid, and the kinds of OCOP point of sale. Stored as the codes; labels are message ids."""

from __future__ import annotations

from enum import StrEnum

from ocop_desktop.i18n import N_


class EventKind(StrEnum):
    FAIR = "fair"  # hội chợ
    EXHIBITION = "exhibition"  # triển lãm
    CONFERENCE = "conference"  # hội nghị kết nối cung cầu
    ECOMMERCE = "ecommerce"  # chiến dịch thương mại điện tử


EVENT_KIND_LABELS: dict[EventKind, str] = {
    EventKind.FAIR: N_("Trade fair"),
    EventKind.EXHIBITION: N_("Exhibition"),
    EventKind.CONFERENCE: N_("Supply–demand conference"),
    EventKind.ECOMMERCE: N_("E-commerce campaign"),
}


class EventScope(StrEnum):
    PROVINCE = "province"  # trong tỉnh
    NATIONAL = "national"  # tỉnh, thành khác
    ABROAD = "abroad"  # nước ngoài


EVENT_SCOPE_LABELS: dict[EventScope, str] = {
    EventScope.PROVINCE: N_("In the province"),
    EventScope.NATIONAL: N_("Elsewhere in Vietnam"),
    EventScope.ABROAD: N_("Abroad"),
}


class EventStatus(StrEnum):
    """Computed from the dates on a given day, never stored."""

    PLANNED = "planned"
    ONGOING = "ongoing"
    HELD = "held"


EVENT_STATUS_LABELS: dict[EventStatus, str] = {
    EventStatus.PLANNED: N_("Planned"),
    EventStatus.ONGOING: N_("Under way"),
    EventStatus.HELD: N_("Held"),
}


class SalePointKind(StrEnum):
    POINT = "point"  # điểm giới thiệu và bán sản phẩm OCOP
    SHOWROOM = "showroom"  # trung tâm / showroom
    KIOSK = "kiosk"  # quầy tại chợ, trạm dừng nghỉ


SALE_POINT_KIND_LABELS: dict[SalePointKind, str] = {
    SalePointKind.POINT: N_("OCOP point of sale"),
    SalePointKind.SHOWROOM: N_("Showroom"),
    SalePointKind.KIOSK: N_("Stall or kiosk"),
}
