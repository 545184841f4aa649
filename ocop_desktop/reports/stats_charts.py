"""The statistics charts on paper: a :class:`~ocop_desktop.stats.report_table.ChartSpec` drawn
with ReportLab's graphics as a vector Drawing (the screen draws the same spec with matplotlib,
``ui/reports/charts.py``). Fonts are the embedded Vietnamese serif of :mod:`.fonts`."""

from __future__ import annotations

from typing import Any

from ocop_desktop.reports import fonts
from ocop_desktop.stats.report_table import ChartSpec

#: Office-friendly colours, the same order as the screen's (ui/reports/charts.py).
PALETTE = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096")


def _colour(i: int):  # noqa: ANN202
    from reportlab.lib.colors import HexColor

    return HexColor(PALETTE[i % len(PALETTE)])


def _short(label: str, n: int = 22) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def drawing(spec: ChartSpec, width: float, height: float = 190) -> Any:
    """A Drawing of ``spec``, ``width`` × ``height`` points: title, axes, bars or lines, legend."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String

    fonts.register()
    d = Drawing(width, height)
    d.initialFontName = fonts.REGULAR  # else the renderer starts with Helvetica (not embedded)
    d.add(String(width / 2, height - 12, spec.title, fontName=fonts.BOLD, fontSize=10.5, textAnchor="middle"))
    data = [list(v) for _n, v in spec.series] or [[0.0] * len(spec.categories)]
    top = max([max(v) if v else 0 for v in data] + [1])
    multi = len(spec.series) > 1
    legend_h = 16 if multi else 0
    if spec.kind == "hbar":
        label_w = min(170.0, width * 0.38)
        c = HorizontalBarChart()
        c.x, c.y, c.width, c.height = label_w, 22 + legend_h, width - label_w - 30, height - 50 - legend_h
        c.categoryAxis.labels.boxAnchor = "e"
        c.categoryAxis.labels.dx = -4
        c.categoryAxis.reverseDirection = 1
        c.categoryAxis.categoryNames = [_short(x, 34) for x in spec.categories]
    elif spec.kind == "line":
        c = HorizontalLineChart()
        c.x, c.y, c.width, c.height = 40, 34 + legend_h, width - 60, height - 62 - legend_h
        c.categoryAxis.categoryNames = list(spec.categories)
        c.joinedLines = 1
        for i in range(len(data)):
            c.lines[i].strokeColor = _colour(i)
            c.lines[i].strokeWidth = 1.6
    else:
        c = VerticalBarChart()
        rotate = len(spec.categories) > 6
        bottom = 62 if rotate else 34
        c.x, c.y, c.width, c.height = 40, bottom + legend_h, width - 60, height - bottom - 28 - legend_h
        c.categoryAxis.categoryNames = [_short(x, 18) for x in spec.categories]
        if rotate:
            c.categoryAxis.labels.angle = 35
            c.categoryAxis.labels.boxAnchor = "ne"
        if spec.kind == "stacked":
            c.categoryAxis.style = "stacked"
            top = max([sum(col) for col in zip(*data, strict=False)] + [1])
    c.data = data
    c.valueAxis.valueMin = 0
    c.valueAxis.valueMax = top * 1.1
    c.valueAxis.labels.fontName = c.categoryAxis.labels.fontName = fonts.REGULAR
    c.valueAxis.labels.fontSize = c.categoryAxis.labels.fontSize = 8
    c.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}".replace(",", ".")
    if spec.kind != "line":
        for i in range(len(data)):
            c.bars[i].fillColor = _colour(i)
            c.bars[i].strokeColor = None
        if not multi:
            c.barLabels.fontName = fonts.REGULAR
            c.barLabels.fontSize = 7.5
            c.barLabelFormat = lambda v: f"{v:,.0f}".replace(",", ".") if v else ""
            c.barLabels.nudge = 7
    d.add(c)
    if multi:
        lg = Legend()
        lg.fontName, lg.fontSize = fonts.REGULAR, 8
        lg.alignment = "right"
        lg.columnMaximum = 1
        lg.x, lg.y = 40, 8
        lg.dx = lg.dy = 7
        lg.deltax = 95
        lg.colorNamePairs = [(_colour(i), n) for i, (n, _v) in enumerate(spec.series)]
        d.add(lg)
    return d
