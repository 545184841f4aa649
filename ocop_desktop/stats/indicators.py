"""The indicator catalogue (chỉ tiêu thống kê) and :func:`compute`.

Each indicator has a Vietnamese name, unit and definition (they go as they are into the reports
the office sends up) and a ``kind``:

- ``stock``: counted on the last day of the period (products in force, producers, coverage);
- ``count``: events inside the period (recognitions, expiries, ideas received, classes…);
- ``share``: a percentage (0–100) of a stock or of a count;
- ``amount``: a sum of money in đồng over the period.

Built-in indicators are computed from the records by families of bulk SQL queries
(:mod:`ocop_desktop.stats.indicator_queries`): asking for one product indicator computes the whole
product family in one pass. Manual indicators (defined by the officer, values entered per period)
have ids ``manual:<uuid>`` (:mod:`ocop_desktop.stats.manual`).

``business_plans_approved`` counts the business plans (``models/business_plan.py``) approved in the
period (:func:`ocop_desktop.stats.indicator_queries.business_plans`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from ocop_desktop.domain import product_sets
from ocop_desktop.domain.funding import FundingSource
from ocop_desktop.stats.period import Period, Scope

KINDS = ("count", "share", "amount", "stock")
DRILLS = ("products", "producers", "certificates", "ideas", "events", "training", "support")
MANUAL_PREFIX = "manual:"


@dataclass(frozen=True)
class IndicatorDef:
    id: str
    name: str  # Vietnamese
    unit: str  # Vietnamese
    definition: str  # Vietnamese: what is counted, on which day or over which period
    kind: str  # "count" | "share" | "amount" | "stock"
    manual: bool = False
    drill: str | None = None  # which list the record ids open
    section: str = ""  # Vietnamese heading the indicator is listed under
    family: str = field(default="", compare=False, repr=False)  # the query family computing it


@dataclass(frozen=True)
class IndicatorValue:
    indicator_id: str
    value: int | float | None  # None = no data
    by_commune: Mapping[int, int | float]  # commune_code -> value
    record_ids: frozenset[str] | None = None  # ids behind the number (drill-down), None if not applicable


_P = "Sản phẩm OCOP"
_M = "Biến động sản phẩm"
_C = "Chủ thể OCOP"
_A = "Hoạt động của chu trình OCOP"

_STOCK_DAY = "tính tại ngày cuối kỳ"
_IN_FORCE = ("sản phẩm có giấy chứng nhận OCOP còn hiệu lực (đã cấp, chưa hết hạn 36 tháng, không bị thu hồi, "
             "quyết định không bị hủy bỏ)")


def _d(id: str, name: str, unit: str, definition: str, kind: str, drill: str | None, section: str,
       family: str) -> IndicatorDef:
    return IndicatorDef(id, name, unit, definition, kind, False, drill, section, family)


def _builtin() -> list[IndicatorDef]:
    out = [
        _d("products_3plus", "Sản phẩm OCOP đạt từ 3 sao trở lên", "sản phẩm",
           f"Số {_IN_FORCE}, hạng 3 sao trở lên, {_STOCK_DAY}.", "stock", "products", _P, "stock"),
        _d("products_3star", "Sản phẩm OCOP 3 sao", "sản phẩm", f"Số {_IN_FORCE} hạng 3 sao, {_STOCK_DAY}.",
           "stock", "products", _P, "stock"),
        _d("products_4star", "Sản phẩm OCOP 4 sao", "sản phẩm", f"Số {_IN_FORCE} hạng 4 sao, {_STOCK_DAY}.",
           "stock", "products", _P, "stock"),
        _d("products_potential5", "Sản phẩm OCOP tiềm năng 5 sao", "sản phẩm",
           "Số sản phẩm có kết quả đánh giá của Hội đồng cấp tỉnh (lần gần nhất, đã hoàn tất) đạt từ 90 điểm, "
           "đang chờ Trung ương đánh giá (chưa có giấy chứng nhận 5 sao còn hiệu lực), tính tại ngày cuối kỳ. "
           "Các sản phẩm này vẫn được tính ở hạng sao đang có.", "stock", "products", _P, "potential5"),
        _d("products_5star", "Sản phẩm OCOP 5 sao", "sản phẩm", f"Số {_IN_FORCE} hạng 5 sao, {_STOCK_DAY}.",
           "stock", "products", _P, "stock"),
    ]
    for g in product_sets.GROUPS.values():
        out.append(_d(f"products_group_{g.code}", f"Sản phẩm OCOP nhóm {g.code}. {g.name}", "sản phẩm",
                      f"Số {_IN_FORCE} từ 3 sao, thuộc nhóm {g.code}. {g.name}, {_STOCK_DAY}.",
                      "stock", "products", _P, "stock"))
    for s in product_sets.PRODUCT_SETS:
        out.append(_d(f"products_set_{s.number}", f"Sản phẩm OCOP bộ {s.number}. {s.title}", "sản phẩm",
                      f"Số {_IN_FORCE} từ 3 sao, thuộc bộ sản phẩm {s.number}. {s.title}, {_STOCK_DAY}.",
                      "stock", "products", _P, "stock"))
    out += [
        _d("communes_with_products", "Xã, phường có sản phẩm OCOP từ 3 sao", "xã",
           f"Số xã, phường (trong phạm vi) có ít nhất 1 {_IN_FORCE} từ 3 sao, {_STOCK_DAY}.",
           "stock", "products", _P, "stock"),
        _d("communes_coverage_share", "Tỷ lệ xã, phường có sản phẩm OCOP từ 3 sao", "%",
           "Số xã, phường có sản phẩm OCOP từ 3 sao còn hiệu lực chia cho tổng số xã, phường trong phạm vi "
           "(cả đơn vị: các xã, phường đơn vị phụ trách) × 100, tính tại ngày cuối kỳ.",
           "share", "products", _P, "stock"),
        _d("new_recognitions", "Sản phẩm được công nhận mới", "sản phẩm",
           "Số sản phẩm được cấp giấy chứng nhận OCOP lần đầu trong kỳ (không tính cấp lại).",
           "count", "products", _M, "movement"),
        _d("re_recognitions", "Sản phẩm được đánh giá, công nhận lại", "sản phẩm",
           "Số sản phẩm đã từng có giấy chứng nhận, được cấp giấy chứng nhận mới trong kỳ với hạng sao bằng "
           "hoặc thấp hơn trước (đánh giá lại; không tính cấp lại giấy).", "count", "products", _M, "movement"),
        _d("upgrades", "Sản phẩm được nâng hạng sao", "sản phẩm",
           "Số sản phẩm được cấp giấy chứng nhận mới trong kỳ với hạng sao cao hơn giấy trước.",
           "count", "products", _M, "movement"),
        _d("upgrades_to_4star", "Sản phẩm được nâng hạng lên 4 sao", "sản phẩm",
           "Số sản phẩm được cấp giấy chứng nhận 4 sao trong kỳ sau giấy 3 sao.", "count", "products", _M, "upgrades"),
        _d("upgrades_to_5star", "Sản phẩm được nâng hạng lên 5 sao", "sản phẩm",
           "Số sản phẩm được cấp giấy chứng nhận 5 sao trong kỳ sau giấy 3 hoặc 4 sao.", "count", "products", _M,
           "upgrades"),
        _d("products_evaluated", "Sản phẩm được đánh giá, phân hạng", "sản phẩm",
           "Số sản phẩm có kết quả đánh giá, phân hạng của Hội đồng cấp tỉnh (đã hoàn tất) hoặc kết quả lịch sử "
           "được ghi nhận, thuộc năm đánh giá trong kỳ (đạt hoặc không đạt).", "count", "products", _M, "evaluated"),
        _d("expiries", "Sản phẩm hết hạn chứng nhận", "sản phẩm",
           "Số sản phẩm có giấy chứng nhận còn hiệu lực trong kỳ nhưng hết hạn 36 tháng mà không được công nhận "
           "lại, nên không còn hiệu lực ở ngày cuối kỳ.", "count", "products", _M, "movement"),
        _d("revocations", "Sản phẩm bị thu hồi chứng nhận", "sản phẩm",
           "Số sản phẩm bị thu hồi giấy chứng nhận (quyết định thu hồi trong kỳ) và không còn hiệu lực ở ngày "
           "cuối kỳ.", "count", "products", _M, "movement"),
        _d("stock_start", "Sản phẩm OCOP còn hiệu lực đầu kỳ", "sản phẩm",
           "Số sản phẩm có giấy chứng nhận còn hiệu lực vào ngày trước ngày đầu kỳ.",
           "stock", "products", _M, "movement"),
        _d("maintained_share", "Tỷ lệ sản phẩm OCOP được duy trì", "%",
           "Trong số sản phẩm còn hiệu lực đầu kỳ, tỷ lệ sản phẩm vẫn còn hiệu lực ở ngày cuối kỳ "
           "(được công nhận lại hoặc giấy chứng nhận chưa hết hạn) × 100.", "share", "products", _M, "movement"),
        _d("certificates_entering_window", "Giấy chứng nhận đến kỳ nộp hồ sơ đánh giá lại", "giấy chứng nhận",
           "Số giấy chứng nhận còn hiệu lực có ngày mở cửa sổ nộp hồ sơ đánh giá lại (180 ngày trước ngày hết "
           "hạn, Điều 6.1c QĐ 26/2026) nằm trong kỳ.", "count", "certificates", _M, "window"),
    ]
    types = (("htx", "là hợp tác xã", "hợp tác xã"),
             ("sme", "là doanh nghiệp nhỏ và vừa", "công ty TNHH, công ty cổ phần, doanh nghiệp tư nhân"),
             ("household", "là cơ sở sản xuất, hộ kinh doanh", "hộ sản xuất, hộ kinh doanh có ĐKKD, trang trại"),
             ("group", "là tổ hợp tác", "tổ hợp tác"),
             ("other", "là hội, hiệp hội, tổ chức khác", "hội, hiệp hội, trung tâm điều hành du lịch"))
    _ocop = "chủ thể có ít nhất 1 sản phẩm OCOP còn hiệu lực, tính tại ngày cuối kỳ"
    out.append(_d("producers_ocop", "Chủ thể OCOP", "chủ thể", f"Số {_ocop}.", "stock", "producers", _C,
                  "producers"))
    out.append(_d("producers_new", "Chủ thể OCOP mới tham gia", "chủ thể",
                  "Số chủ thể có giấy chứng nhận OCOP đầu tiên (của bất kỳ sản phẩm nào) được cấp trong kỳ.",
                  "count", "producers", _C, "new_producers"))
    for key, words, members in types:
        out.append(_d(f"producers_{key}", f"Chủ thể OCOP {words}", "chủ thể",
                      f"Số {_ocop}, loại hình: {members}.", "stock", "producers", _C, "producers"))
        out.append(_d(f"producers_{key}_share", f"Tỷ lệ chủ thể OCOP {words}", "%",
                      f"Số chủ thể OCOP loại hình {members} chia cho tổng số chủ thể OCOP × 100, tính tại ngày "
                      "cuối kỳ.", "share", "producers", _C, "producers"))
    reps = (("women_rep", "có người đại diện là nữ", "người đại diện theo pháp luật là nữ"),
            ("minority_rep", "có người đại diện là người dân tộc thiểu số",
             "người đại diện theo pháp luật là người dân tộc thiểu số"),
            ("disabled_rep", "có người đại diện là người khuyết tật", "người đại diện theo pháp luật là người "
             "khuyết tật"),
            ("value_chain", "xây dựng được chuỗi giá trị", "đã xây dựng được chuỗi giá trị (đánh dấu trên hồ sơ "
             "chủ thể)"))
    for key, words, what in reps:
        out.append(_d(f"producers_{key}", f"Chủ thể OCOP {words}", "chủ thể", f"Số {_ocop}, có {what}.",
                      "stock", "producers", _C, "producers"))
        out.append(_d(f"producers_{key}_share", f"Tỷ lệ chủ thể OCOP {words}", "%",
                      f"Số chủ thể OCOP có {what} chia cho tổng số chủ thể OCOP × 100, tính tại ngày cuối kỳ.",
                      "share", "producers", _C, "producers"))
    out += [
        _d("ideas_received", "Ý tưởng sản phẩm được tiếp nhận", "ý tưởng",
           "Số phiếu ý tưởng sản phẩm có ngày tiếp nhận trong kỳ.", "count", "ideas", _A, "ideas"),
        _d("business_plans_approved", "Phương án, kế hoạch kinh doanh được phê duyệt", "phương án",
           "Số phương án/kế hoạch sản xuất kinh doanh được phê duyệt trong kỳ (ngày văn bản phê duyệt; đang "
           "triển khai và hoàn thành vẫn tính), theo xã của chủ thể.", "count", None, _A, "business_plans"),
        _d("events_attended", "Hội chợ, sự kiện xúc tiến thương mại có chủ thể OCOP tham gia", "sự kiện",
           "Số hội chợ, triển lãm, sự kiện xúc tiến thương mại bắt đầu trong kỳ có ít nhất 1 chủ thể (trong "
           "phạm vi) tham gia.", "count", "events", _A, "events"),
        _d("event_participations", "Lượt chủ thể tham gia hội chợ, sự kiện", "lượt",
           "Tổng số lượt chủ thể (trong phạm vi) tham gia các hội chợ, sự kiện bắt đầu trong kỳ.",
           "count", "events", _A, "events"),
        _d("sale_points_opened", "Điểm bán hàng OCOP mở mới", "điểm bán",
           "Số điểm bán, cửa hàng giới thiệu sản phẩm OCOP có ngày mở cửa trong kỳ.", "count", None, _A,
           "sale_points"),
        _d("sale_points_active", "Điểm bán hàng OCOP đang hoạt động", "điểm bán",
           "Số điểm bán, cửa hàng giới thiệu sản phẩm OCOP đã mở và chưa đóng cửa, tính tại ngày cuối kỳ.",
           "stock", None, _A, "sale_points"),
        _d("training_classes", "Lớp tập huấn, đào tạo", "lớp",
           "Số lớp tập huấn bắt đầu trong kỳ (phạm vi theo xã tổ chức lớp).", "count", "training", _A, "training"),
        _d("training_learners", "Học viên được tập huấn", "học viên",
           "Tổng số học viên của các lớp tập huấn bắt đầu trong kỳ.", "count", "training", _A, "training"),
        _d("support_amount", "Kinh phí hỗ trợ chủ thể OCOP", "đồng",
           "Tổng kinh phí hỗ trợ các chủ thể (trong phạm vi) có ngày hỗ trợ trong kỳ, mọi nguồn.",
           "amount", "support", _A, "support"),
    ]
    sources = {FundingSource.NTM: "Chương trình MTQG xây dựng nông thôn mới",
               FundingSource.DTTS: "Chương trình MTQG phát triển KT-XH vùng đồng bào DTTS và miền núi",
               FundingSource.PROVINCE: "ngân sách tỉnh", FundingSource.OTHER: "nguồn khác"}
    for src, words in sources.items():
        out.append(_d(f"support_amount_{src.value}", f"Kinh phí hỗ trợ từ {words}", "đồng",
                      f"Tổng kinh phí hỗ trợ các chủ thể (trong phạm vi) có ngày hỗ trợ trong kỳ, nguồn: {words}.",
                      "amount", "support", _A, "support"))
    return out


BUILTIN: tuple[IndicatorDef, ...] = tuple(_builtin())
BY_ID: dict[str, IndicatorDef] = {d.id: d for d in BUILTIN}


def all_indicators(session: Session | None = None) -> list[IndicatorDef]:
    """The built-in indicators, then the manual ones defined in the database (when given)."""
    out = list(BUILTIN)
    if session is not None:
        from ocop_desktop.stats.manual import manual_defs

        out += manual_defs(session)
    return out


def find(session: Session | None, indicator_id: str) -> IndicatorDef | None:
    if indicator_id in BY_ID:
        return BY_ID[indicator_id]
    if session is not None and indicator_id.startswith(MANUAL_PREFIX):
        from ocop_desktop.stats.manual import manual_defs

        for d in manual_defs(session):
            if d.id == indicator_id:
                return d
    return None


def compute(session: Session, period: Period, scope: Scope,
            ids: Iterable[str] | None = None) -> dict[str, IndicatorValue]:
    """Values of the indicators ``ids`` (all when None) over ``period`` in ``scope``.

    Unknown ids are left out of the result. Each family of queries runs at most once."""
    from ocop_desktop.stats import indicator_queries as q
    from ocop_desktop.stats.manual import compute_manual

    wanted = list(dict.fromkeys(ids)) if ids is not None else [d.id for d in all_indicators(session)]
    families: dict[str, list[str]] = {}
    manual: list[str] = []
    for i in wanted:
        if i.startswith(MANUAL_PREFIX):
            manual.append(i)
        elif i in BY_ID:
            families.setdefault(BY_ID[i].family, []).append(i)
    ctx: dict[str, Any] = {}
    out: dict[str, IndicatorValue] = {}
    with _no_gc():
        for fam, members in families.items():
            values = q.FAMILIES[fam](session, period, scope, ctx)
            for i in members:
                out[i] = values.get(i) or IndicatorValue(i, None, {}, None)
        if manual:
            out.update(compute_manual(session, period, scope, manual))
    return {i: out[i] for i in wanted if i in out}


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while the figures are built: tens of thousands of
    small tuples would trigger full collections over the whole heap (half the time on the
    national data set). Reference counting still frees everything; the collector resumes after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
