"""The statistics charts on screen: a :class:`~ocop_desktop.stats.report_table.ChartSpec` drawn
with matplotlib's object API on a ``FigureCanvasQTAgg`` (paper draws the same spec with
ReportLab, ``reports/stats_charts.py``). matplotlib is imported only here, inside the functions,
so start-up never pays for it; :func:`warm_up` imports it on a worker thread first."""

from __future__ import annotations

from typing import Any

from ocop_desktop.reports.stats_charts import PALETTE
from ocop_desktop.stats.report_table import ChartSpec


def warm_up() -> None:
    """Import matplotlib and its Qt canvas (≈1 s cold): called on a worker before the charts."""
    import matplotlib

    matplotlib.rcParams["font.family"] = ["DejaVu Sans"]
    from matplotlib.backends import backend_qtagg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401


def _fmt(v: float) -> str:
    return f"{v:,.0f}".replace(",", ".")


def draw(fig: Any, spec: ChartSpec) -> None:
    """Draw ``spec`` on an empty matplotlib ``Figure``."""
    ax = fig.add_subplot(1, 1, 1)
    cats = list(spec.categories)
    n = max(len(spec.series), 1)
    xs = list(range(len(cats)))
    if spec.kind == "hbar":
        values = spec.series[0][1] if spec.series else ()
        bars = ax.barh(xs, values, color=PALETTE[0])
        ax.set_yticks(xs, [c if len(c) <= 30 else c[:29] + "…" for c in cats])
        ax.invert_yaxis()
        ax.bar_label(bars, labels=[_fmt(v) if v else "" for v in values], padding=2, fontsize=8)
    elif spec.kind == "line":
        for i, (name, values) in enumerate(spec.series):
            ax.plot(xs, values, marker="o", color=PALETTE[i % len(PALETTE)], label=name)
        ax.set_xticks(xs, cats)
    else:
        bottom = [0.0] * len(cats)
        width = 0.8 if spec.kind == "stacked" else 0.8 / n
        for i, (name, values) in enumerate(spec.series):
            if spec.kind == "stacked":
                ax.bar(xs, values, width, bottom=bottom, color=PALETTE[i % len(PALETTE)], label=name)
                bottom = [b + v for b, v in zip(bottom, values, strict=True)]
            else:
                pos = [x - 0.4 + width * (i + 0.5) for x in xs]
                bars = ax.bar(pos, values, width, color=PALETTE[i % len(PALETTE)], label=name)
                if n == 1:
                    ax.bar_label(bars, labels=[_fmt(v) if v else "" for v in values], padding=2, fontsize=8)
        ax.set_xticks(xs, [c if len(c) <= 16 else c[:15] + "…" for c in cats],
                      rotation=35 if len(cats) > 6 else 0, ha="right" if len(cats) > 6 else "center")
    ax.set_title(spec.title, fontsize=10, fontweight="bold")
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    if len(spec.series) > 1:
        ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()


def canvas(spec: ChartSpec, parent: Any = None, *, height_px: int = 260) -> Any:
    """A Qt widget showing ``spec`` (a ``FigureCanvasQTAgg``)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.2, height_px / 100), dpi=100)
    draw(fig, spec)
    c = FigureCanvasQTAgg(fig)
    c.setParent(parent)
    c.setMinimumHeight(height_px)
    return c
