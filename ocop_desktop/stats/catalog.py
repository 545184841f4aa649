"""The set of reports an office sends up (ocop-reporting.md §1.5): codes, names, and
:func:`build_reports`, which computes them for a period and scope from one read of the records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ocop_desktop.stats import facts as facts_mod
from ocop_desktop.stats import tables, tables_activity
from ocop_desktop.stats.report_table import ReportTable

#: code → the report's short Vietnamese name (the CLI's --report and the UI's list).
REPORTS: dict[str, str] = {
    "B01": "Sản phẩm OCOP theo hạng sao và xã, phường",
    "B02": "Sản phẩm OCOP theo nhóm, bộ sản phẩm",
    "B03": "Chủ thể OCOP theo loại hình (giới tính, dân tộc người đại diện)",
    "B04": "Kết quả đánh giá, phân hạng theo đợt",
    "B05": "Biến động sản phẩm OCOP trong kỳ",
    "B06": "Sản phẩm sắp hết hạn, đến kỳ đánh giá lại",
    "B07": "Kết quả thực hiện chỉ tiêu kế hoạch",
    "B08": "Hoạt động hỗ trợ: tập huấn, xúc tiến thương mại, kinh phí",
    "B09": "Sản phẩm OCOP qua các năm",
}
WATCH_DAYS = 180


def report_code(value: str) -> str | None:
    """"b01", "B1", "1" → "B01"; None when it names no report."""
    v = value.strip().upper().lstrip("B")
    if not v.isdigit():
        return None
    code = f"B{int(v):02d}"
    return code if code in REPORTS else None


def build_reports(session: Any, period: Any, scope: Any, codes: list[str] | None = None, *,
                  today: dt.date | None = None, watch_days: int = WATCH_DAYS) -> list[ReportTable]:
    """The reports ``codes`` (all when None), in catalogue order. The watch list (B06) starts on
    ``today`` when it falls inside the period, else on the period's end."""
    wanted = [c for c in REPORTS if codes is None or c in codes]
    facts = facts_mod.load(session, scope)
    today = today or dt.date.today()
    watch_from = today if period.start <= today <= period.end else period.end
    out: list[ReportTable] = []
    potential = tables_activity.potential_five(session, scope) if "B01" in wanted else frozenset()
    for code in wanted:
        if code == "B01":
            out.append(tables.stars_by_commune(facts, period, scope, potential=potential))
        elif code == "B02":
            out.append(tables.by_group(facts, period, scope))
        elif code == "B03":
            out.append(tables.producers_by_type(facts, period, scope))
        elif code == "B04":
            out.append(tables_activity.round_results(session, facts, period, scope))
        elif code == "B05":
            from ocop_desktop.stats import stock

            out.append(tables.movement(facts, period, scope, stock.movement(session, period, scope)))
        elif code == "B06":
            out.append(tables.expiry_watch(facts, watch_from, scope, days=watch_days))
        elif code == "B07":
            out.append(tables_activity.plan_vs_actual(session, period, scope))
        elif code == "B08":
            out.append(tables_activity.support_activities(session, facts, period, scope))
        elif code == "B09":
            out.append(tables.trend_by_year(facts, period, scope))
    return out
