"""Controlled vocabularies stored in the database as short ASCII codes.

Labels are English message ids translated through gettext (Vietnamese by default);
call :func:`label` at display time, never store a label.
"""

from __future__ import annotations

from enum import StrEnum

from ocop_desktop.i18n import N_, _


class ProducerKind(StrEnum):
    """Loại hình chủ thể (26/2026 Điều 2.3; scored by criterion 3.1)."""

    HTX = "htx"  # hợp tác xã
    THT = "tht"  # tổ hợp tác
    CONG_TY_TNHH = "tnhh"  # công ty TNHH
    DNTN = "dntn"  # doanh nghiệp tư nhân
    CONG_TY_CP = "ctcp"  # công ty cổ phần (local-community capital share matters)
    TRANG_TRAI = "trang_trai"
    HO_SAN_XUAT = "ho_sx"  # hộ sản xuất
    HO_KINH_DOANH = "ho_kd"  # hộ kinh doanh / hộ gia đình có ĐKKD
    HOI = "hoi"  # hội, hiệp hội, trung tâm điều hành (tourism set only)


PRODUCER_KIND_LABELS: dict[ProducerKind, str] = {
    ProducerKind.HTX: N_("Cooperative (HTX)"),
    ProducerKind.THT: N_("Cooperative group"),
    ProducerKind.CONG_TY_TNHH: N_("Limited liability company"),
    ProducerKind.DNTN: N_("Private enterprise"),
    ProducerKind.CONG_TY_CP: N_("Joint-stock company"),
    ProducerKind.TRANG_TRAI: N_("Farm"),
    ProducerKind.HO_SAN_XUAT: N_("Production household"),
    ProducerKind.HO_KINH_DOANH: N_("Registered household business"),
    ProducerKind.HOI: N_("Association / tourism operator"),
}

#: Kinds that are enterprises or cooperatives: they always hold a tax/enterprise code.
REGISTERED_ENTITY_KINDS = frozenset(
    {ProducerKind.HTX, ProducerKind.CONG_TY_TNHH, ProducerKind.DNTN, ProducerKind.CONG_TY_CP}
)
#: Kinds that may use the representative's 12-digit personal ID (since 1/7/2025).
PERSONAL_ID_KINDS = frozenset(
    {ProducerKind.HO_SAN_XUAT, ProducerKind.HO_KINH_DOANH, ProducerKind.TRANG_TRAI, ProducerKind.THT}
)


class ProductStatus(StrEnum):
    IDEA = "y_tuong"  # ý tưởng
    REGISTERED = "dang_ky"  # đăng ký
    EVALUATING = "dang_danh_gia"  # đang đánh giá
    CERTIFIED = "dat_ocop"  # đạt OCOP n sao (stars held in Product.stars)
    EXPIRED = "het_han"  # hết hạn
    REVOKED = "thu_hoi"  # thu hồi


PRODUCT_STATUS_LABELS: dict[ProductStatus, str] = {
    ProductStatus.IDEA: N_("Idea"),
    ProductStatus.REGISTERED: N_("Registered"),
    ProductStatus.EVALUATING: N_("Being evaluated"),
    ProductStatus.CERTIFIED: N_("OCOP certified"),
    ProductStatus.EXPIRED: N_("Expired"),
    ProductStatus.REVOKED: N_("Revoked"),
}


class Sex(StrEnum):
    MALE = "nam"
    FEMALE = "nu"


SEX_LABELS: dict[Sex, str] = {Sex.MALE: N_("Male"), Sex.FEMALE: N_("Female")}


class CertificationKind(StrEnum):
    """Quality and IP certificates a product holds (evidence for several criteria)."""

    VIETGAP = "vietgap"
    GLOBALGAP = "globalgap"
    ORGANIC = "huu_co"
    HACCP = "haccp"
    ISO22000 = "iso22000"
    ISO9001 = "iso9001"
    TRADEMARK = "nhan_hieu"
    COLLECTIVE_MARK = "nhan_hieu_tap_the"
    CERTIFICATION_MARK = "nhan_hieu_chung_nhan"
    GEO_INDICATION = "chi_dan_dia_ly"
    QUALITY_DECLARATION = "cong_bo_chat_luong"
    OTHER = "khac"


CERTIFICATION_LABELS: dict[CertificationKind, str] = {
    CertificationKind.VIETGAP: "VietGAP",
    CertificationKind.GLOBALGAP: "GlobalGAP",
    CertificationKind.ORGANIC: N_("Organic"),
    CertificationKind.HACCP: "HACCP",
    CertificationKind.ISO22000: "ISO 22000",
    CertificationKind.ISO9001: "ISO 9001",
    CertificationKind.TRADEMARK: N_("Trademark"),
    CertificationKind.COLLECTIVE_MARK: N_("Collective mark"),
    CertificationKind.CERTIFICATION_MARK: N_("Certification mark"),
    CertificationKind.GEO_INDICATION: N_("Geographical indication"),
    CertificationKind.QUALITY_DECLARATION: N_("Quality declaration"),
    CertificationKind.OTHER: N_("Other"),
}


class OfficeRole(StrEnum):
    FIELD = "field"  # field office covering a set of communes
    PROVINCE = "province"  # provincial OCOP office


OFFICE_ROLE_LABELS: dict[OfficeRole, str] = {
    OfficeRole.FIELD: N_("Field office"),
    OfficeRole.PROVINCE: N_("Provincial OCOP office"),
}


def label(mapping: dict, code: str | None) -> str:
    """Translated label for a stored code; '' for None, the raw code if unknown."""
    if not code:
        return ""
    text = mapping.get(code)  # StrEnum keys hash like their string values
    # Brand-like names (VietGAP, HACCP) are not message ids and pass through _() unchanged.
    return str(code) if text is None else _(text)


def status_label(status: str | None, stars: int | None) -> str:
    """'Đạt OCOP 4 sao' for certified products, the plain status otherwise."""
    if status == ProductStatus.CERTIFIED and stars:
        return _("OCOP {stars} stars").format(stars=stars)
    return label(PRODUCT_STATUS_LABELS, status)


class IdeaStatus(StrEnum):
    """Where a product idea stands (issue 10 §1)."""

    RECEIVED = "received"  # tiếp nhận
    ACCEPTED = "accepted"  # được chấp nhận
    RETURNED = "returned"  # trả lại (with a reason; may be resubmitted)
    PLAN = "plan"  # đang lập phương án SXKD
    PRODUCT = "product"  # đã thành sản phẩm (services.ideas.make_product only)
    DROPPED = "dropped"  # dừng


IDEA_STATUS_LABELS: dict[IdeaStatus, str] = {
    IdeaStatus.RECEIVED: N_("Received"),
    IdeaStatus.ACCEPTED: N_("Accepted"),
    IdeaStatus.RETURNED: N_("Returned"),
    IdeaStatus.PLAN: N_("Business plan"),
    IdeaStatus.PRODUCT: N_("Became a product"),
    IdeaStatus.DROPPED: N_("Dropped"),
}


class IdeaOrigin(StrEnum):
    """Where a product idea comes from."""

    TRADITION = "tradition"  # sản phẩm truyền thống của địa phương
    RAW_MATERIAL = "raw_material"  # từ nguyên liệu sẵn có của địa phương
    NEW = "new"  # sản phẩm mới
    OTHER = "other"


IDEA_ORIGIN_LABELS: dict[IdeaOrigin, str] = {
    IdeaOrigin.TRADITION: N_("Local tradition"),
    IdeaOrigin.RAW_MATERIAL: N_("Local raw material"),
    IdeaOrigin.NEW: N_("New product"),
    IdeaOrigin.OTHER: N_("Other"),
}
