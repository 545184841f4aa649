"""Geometry of a painted criterion: fonts, columns, and where each line goes at a width.

Shared by every :class:`~ocop_desktop.ui.evaluation.criterion_view.CriterionView` of a
form; text heights come from ``QFontMetrics.boundingRect`` (no text layout objects kept).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QStyle

from ocop_desktop.i18n import ngettext
from ocop_desktop.scoring.model import Criterion, NoteKind

WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
TALL = 100_000
PAD = 10
ROW_PAD = 3

BORDER = QColor("#dadce0")
CURRENT_BG = QColor("#f3f8ff")
CURRENT_BORDER = QColor("#1a73e8")
MISSING_BG = QColor("#fff4e5")
MISSING_BAR = QColor("#e37400")
ELIMINATED_BG = QColor("#fdecea")
CHOSEN_BG = QColor("#d2e3fc")
HOVER_BG = QColor("#eef1f4")
STAR_COLOR = QColor("#b06000")
MUTED = QColor("#5f6368")
ERROR = QColor("#b3261e")


def stars_text(n: int) -> str:
    return "★" * n


def points_text(n: int) -> str:
    return ngettext("{n} point", "{n} points", n).format(n=n)


class PaintMetrics:
    """Fonts and column widths shared by every criterion of a form (computed once)."""

    def __init__(self, font: QFont, style: QStyle) -> None:
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(max(font.pointSizeF() - 1, 7))
        self.italic = QFont(self.small)
        self.italic.setItalic(True)
        self.fm = QFontMetrics(self.font)
        self.bold_fm = QFontMetrics(self.bold)
        self.small_fm = QFontMetrics(self.small)
        self.italic_fm = QFontMetrics(self.italic)
        self.line = self.fm.height()
        self.badge_w = self.small_fm.horizontalAdvance("9") + 10
        self.radio_w = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
        self.stars_w = self.fm.horizontalAdvance(stars_text(5)) + 8
        self.points_w = max(self.fm.horizontalAdvance(points_text(n)) for n in (1, 2, 10)) + 4
        self.title_right_w = self.bold_fm.horizontalAdvance("— / " + points_text(10)) + 8
        self.text_x = PAD + self.badge_w + 6 + self.radio_w + 8

    def text_width(self, width: int) -> int:
        return max(width - self.text_x - PAD - self.stars_w - self.points_w - 8, 80)


@dataclass
class CriterionLayout:
    height: int
    title: QRect
    rows: list[QRect]  # one per option
    notes: list[QRect]  # one per note (text area)
    note_rows: list[QRect]  # the clickable row of each note (elimination ticks)


def layout_criterion(criterion: Criterion, m: PaintMetrics, width: int, title_text: str) -> CriterionLayout:
    """Where the title, each option and each note go at ``width`` (text heights measured once)."""
    y = PAD
    title_w = max(width - 2 * PAD - m.title_right_w, 80)
    th = m.bold_fm.boundingRect(QRect(0, 0, title_w, TALL), WRAP, title_text).height()
    title = QRect(PAD, y, title_w, th)
    y += th + 6
    tw = m.text_width(width)
    rows = []
    for option in criterion.options:
        h = m.fm.boundingRect(QRect(0, 0, tw, TALL), WRAP, option.text).height()
        h = max(h, m.line) + 2 * ROW_PAD
        rows.append(QRect(PAD - 4, y, width - 2 * PAD + 8, h))
        y += h + 1
    notes, note_rows = [], []
    for note in criterion.notes:
        # Notes are shown as printed: an elimination rule says so itself ("Bị loại nếu…").
        is_rule = note.kind in (NoteKind.ELIMINATE, NoteKind.STOP)
        x = m.text_x if is_rule else PAD
        w = max(width - x - PAD, 80)
        fm = m.small_fm if is_rule else m.italic_fm
        h = fm.boundingRect(QRect(0, 0, w, TALL), WRAP, note.text).height()
        y += 3
        notes.append(QRect(x, y + ROW_PAD, w, h))
        note_rows.append(QRect(PAD - 4, y, width - 2 * PAD + 8, h + 2 * ROW_PAD) if is_rule else QRect())
        y += h + 2 * ROW_PAD
    return CriterionLayout(y + PAD - 2, title, rows, notes, note_rows)
