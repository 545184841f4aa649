"""The live result beside a sheet: total and parts, stars by points, the rank and why,
the criteria not chosen yet (each a link to it)."""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ocop_desktop.i18n import _, ngettext
from ocop_desktop.scoring.engine import SheetResult
from ocop_desktop.scoring.explain import explain
from ocop_desktop.scoring.model import Sheet
from ocop_desktop.ui.evaluation.texts import star_row, stars_label, total_text

PANEL_STYLE = """
QFrame#resultPanel { background: #f6f8fa; border: 1px solid #dadce0; border-radius: 6px; }
QLabel#resultTotal { font-size: 20pt; font-weight: 600; }
QLabel#resultRank { font-size: 13pt; font-weight: 600; color: #0b3d91; }
QLabel#resultRank[ranked="false"] { color: #b3261e; }
QLabel#resultStars { color: #b06000; font-size: 13pt; }
QLabel#resultMissing { color: #8a5300; }
QLabel#resultHeading { color: #5f6368; font-weight: 600; }
"""


def result_lines(result: SheetResult) -> list[str]:
    """The engine's explanation, without the missing criteria (the panel links those)."""
    return explain(dataclasses.replace(result, missing=()))


def missing_html(codes: list[str] | tuple[str, ...], limit: int = 40) -> str:
    links = ", ".join(f'<a href="{html.escape(c)}">{html.escape(c)}</a>' for c in codes[:limit])
    if len(codes) > limit:
        links += ", …"
    return ngettext("Not chosen yet ({n}): {codes}", "Not chosen yet ({n}): {codes}", len(codes)).format(
        n=len(codes), codes=links)


class ResultPanel(QFrame):
    """Signals:
        jump(code): the officer clicked a criterion not chosen yet.
    """

    jump = Signal(str)

    def __init__(self, sheet: Sheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.sheet = sheet
        self._criteria_count = len(sheet.criteria)
        heading = QLabel(_("Result"))
        heading.setObjectName("resultHeading")
        self.total_label = QLabel()
        self.total_label.setObjectName("resultTotal")
        parts = QGridLayout()
        parts.setHorizontalSpacing(12)
        parts.setVerticalSpacing(2)
        self.part_labels: dict[str, QLabel] = {}
        for row, part in enumerate(sheet.parts):
            name = QLabel(_("Part {code}").format(code=part.code))
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            parts.addWidget(name, row, 0)
            parts.addWidget(value, row, 1)
            self.part_labels[part.code] = value
        parts.setColumnStretch(2, 1)
        self.by_points_label = QLabel()
        self.stars_label = QLabel()
        self.stars_label.setObjectName("resultStars")
        self.rank_label = QLabel()
        self.rank_label.setObjectName("resultRank")
        self.rank_label.setWordWrap(True)
        self.explain_label = QLabel()
        self.explain_label.setWordWrap(True)
        self.explain_label.setTextFormat(Qt.TextFormat.RichText)
        self.explain_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.missing_label = QLabel()
        self.missing_label.setObjectName("resultMissing")
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.RichText)
        self.missing_label.linkActivated.connect(self.jump.emit)
        self.missing_label.setToolTip(_("Click a criterion to go to it."))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.setSpacing(6)
        lay.addWidget(heading)
        lay.addWidget(self.total_label)
        lay.addLayout(parts)
        lay.addSpacing(4)
        lay.addWidget(self.by_points_label)
        lay.addWidget(self.stars_label)
        lay.addWidget(self.rank_label)
        lay.addWidget(self.missing_label)
        lay.addWidget(self.explain_label)
        lay.addStretch(1)
        self.result: SheetResult | None = None

    def show_result(self, result: SheetResult) -> None:
        self.result = result
        self.total_label.setText(_("{total} / 100").format(total=total_text(result.total)))
        for part in self.sheet.parts:
            self.part_labels[part.code].setText(_("{points} / {max}").format(
                points=result.parts.get(part.code, 0), max=part.max_points))
        untouched = self.untouched(result)
        self.by_points_label.setText(_("By points: {stars}").format(stars=stars_label(result.stars_by_points)))
        self.by_points_label.setVisible(not untouched)
        ranked = result.eliminated is None
        self.stars_label.setText("" if untouched else star_row(result.stars))
        if untouched:  # nothing chosen: 0 points is no rank, not a provisional 1 star
            rank = _("No option chosen yet: no rank.")
        elif not ranked:
            rank = _("Eliminated: not ranked")
        elif result.missing:
            rank = _("Provisional rank: {stars}").format(stars=stars_label(result.stars))
        else:
            rank = _("Rank: {stars}").format(stars=stars_label(result.stars))
        self.rank_label.setText(rank)
        if self.rank_label.property("ranked") != ranked:
            self.rank_label.setProperty("ranked", ranked)
            self.rank_label.style().unpolish(self.rank_label)
            self.rank_label.style().polish(self.rank_label)
        self.missing_label.setVisible(bool(result.missing) and ranked)
        if result.missing:
            self.missing_label.setText(missing_html(result.missing))
        lines = self.explanation()
        self.explain_label.setText("".join(f"<p style='margin:0 0 4px 0'>{html.escape(t)}</p>" for t in lines))

    def untouched(self, result: SheetResult) -> bool:
        """No option chosen and no elimination ticked: the sheet has not been started."""
        return result.eliminated is None and len(result.missing) == self._criteria_count

    def explanation(self) -> list[str]:
        """The explanation shown (tests, accessibility); none for an untouched sheet."""
        if self.result is None or self.untouched(self.result):
            return []
        return result_lines(self.result)[1:]  # the first line repeats the total and parts
