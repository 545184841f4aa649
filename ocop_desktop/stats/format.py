"""Figures as officers read them: Vietnamese numbers, shares with one decimal, "chưa có dữ liệu"."""

from __future__ import annotations

from typing import Any

from ocop_desktop.i18n import format_amount, format_number

NO_DATA = "chưa có dữ liệu"


def value_text(value: int | float | None, indicator: Any = None) -> str:
    """'1.083', '34,5 %', '15.000.000 đ', 'chưa có dữ liệu'."""
    if value is None:
        return NO_DATA
    kind = getattr(indicator, "kind", None)
    if kind == "share":
        return f"{format_number(round(float(value), 1), 1)} %"
    if kind == "amount":
        return format_amount(int(round(value)))
    if isinstance(value, float) and not value.is_integer():
        return format_number(round(value, 2), 2)
    return format_number(int(value))


def percent_text(percent: float | None) -> str:
    """'đạt 262,5% kế hoạch' style figure: '262,5%' ('' when there is no target or no data)."""
    if percent is None:
        return ""
    return f"{format_number(round(percent, 1), 1)}%"
