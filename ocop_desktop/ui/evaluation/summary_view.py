"""The council summary: members × A/B/C/total, the exact average (2 decimals), the spread
with the 10-point warning, stars by points, the rank and the explanation of its caps, and
the council's discussion. While the members' totals differ by more than 10 points and the
council has neither an agreed sheet nor a recorded discussion (domain brief §4.2), it shows
no rank: the council discusses first."""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import N_, _, format_date, format_number
from ocop_desktop.scoring.engine import CouncilResult, SheetResult
from ocop_desktop.scoring.explain import explain
from ocop_desktop.ui.evaluation.texts import codes_text, star_row, stars_label

_Index = QModelIndex | QPersistentModelIndex

SUMMARY_STYLE = """
QLabel#summaryTitle { font-size: 13pt; font-weight: 600; }
QLabel#summaryAverage { font-size: 20pt; font-weight: 600; }
QLabel#summaryStars { color: #b06000; font-size: 16pt; }
QLabel#summaryRank { font-size: 13pt; font-weight: 600; color: #0b3d91; }
QFrame#summaryBox { background: #f6f8fa; border: 1px solid #dadce0; border-radius: 6px; }
QLabel#discussionText { color: #3c4043; }
"""


@dataclass(frozen=True)
class MemberLine:
    name: str
    role: str
    result: SheetResult
    agreed: bool = False


class MemberTotalsModel(QAbstractTableModel):
    """One row per sheet: name, role, A, B, C, total, criteria not chosen."""

    HEADERS = (N_("Member"), N_("Role"), "A", "B", "C", N_("Total"), N_("Not chosen yet"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[MemberLine] = []

    def set_lines(self, lines: list[MemberLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[MemberLine]:
        return list(self._lines)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return _(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        col = index.column()
        r = line.result
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return line.name
            if col == 1:
                return _("Agreed sheet (not averaged)") if line.agreed else line.role
            if 2 <= col <= 4:
                return format_number(r.parts.get("ABC"[col - 2], 0))
            if col == 5:
                return format_number(r.total)
            return codes_text(r.missing, 6) if r.missing else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= col <= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 6 and r.missing:
                return QColor("#8a5300")
            if line.agreed:
                return QColor("#5f6368")
        if role == Qt.ItemDataRole.ToolTipRole and col == 6 and r.missing:
            return ", ".join(r.missing)
        return None


def discussion_text(d) -> str:  # noqa: ANN001 - services.council_discussion.DiscussionData
    """One paragraph: when, who chaired and attended, the outcome."""
    text = _("Discussed on {date}, chaired by {chair}.").format(date=format_date(d.date), chair=d.chair)
    if d.attendees:
        text += " " + _("Attended by: {names}.").format(names=" ".join(d.attendees.split()))
    return text + " " + _("Outcome: {outcome}").format(outcome=d.outcome)


class CouncilSummary(QWidget):
    """Signals:
        discussion_requested: the officer asked to record (or edit) the council's discussion.
    """

    discussion_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(SUMMARY_STYLE)
        title = QLabel(_("Council summary"))
        title.setObjectName("summaryTitle")
        self.model = MemberTotalsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

        self.average_label = QLabel()
        self.average_label.setObjectName("summaryAverage")
        self.average_caption = QLabel(_("Average of the members' totals"))
        self.spread_label = QLabel()
        self.spread_label.setWordWrap(True)
        self.by_points_label = QLabel()
        self.stars_label = QLabel()
        self.stars_label.setObjectName("summaryStars")
        self.rank_label = QLabel()
        self.rank_label.setObjectName("summaryRank")
        self.rank_label.setWordWrap(True)
        self.explain_label = QLabel()
        self.explain_label.setWordWrap(True)
        self.explain_label.setTextFormat(Qt.TextFormat.RichText)
        self.explain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_label = QLabel(_("Add the council members, then enter each member's sheet: "
                                    "the average and the rank appear here."))
        self.empty_label.setWordWrap(True)
        self.discussion_label = QLabel()
        self.discussion_label.setObjectName("discussionText")
        self.discussion_label.setWordWrap(True)
        self.discussion_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.discussion_button = QPushButton(_("Record the discussion…"))
        self.discussion_button.setToolTip(_("Who chaired and attended the council's discussion, when, and "
                                            "its outcome"))
        self.discussion_button.setAutoDefault(False)
        self.discussion_button.clicked.connect(self.discussion_requested)

        box = QFrame()
        box.setObjectName("summaryBox")
        figures = QVBoxLayout(box)
        figures.setContentsMargins(14, 10, 14, 10)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.average_caption)
        left.addWidget(self.average_label)
        left.addWidget(self.spread_label)
        right = QVBoxLayout()
        right.addWidget(self.by_points_label)
        right.addWidget(self.stars_label)
        right.addWidget(self.rank_label)
        top.addLayout(left, 1)
        top.addSpacing(24)
        top.addLayout(right, 1)
        figures.addLayout(top)
        figures.addWidget(self.explain_label)
        talk = QHBoxLayout()
        talk.addWidget(self.discussion_label, 1)
        talk.addWidget(self.discussion_button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        figures.addLayout(talk)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(title)
        lay.addWidget(self.empty_label)
        lay.addWidget(self.table)
        lay.addWidget(box)
        lay.addStretch(1)
        self.box = box
        self.result: CouncilResult | None = None
        self.spread_open = self.untouched = False
        self.show_result(None, [])

    def show_result(self, result: CouncilResult | None, lines: list[MemberLine], *, discussion: Any = None,
                    spread_open: bool = False, untouched: bool = False, has_agreed: bool = False,
                    editable: bool = True) -> None:
        """No rank is shown while ``spread_open`` (the spread is over the limit and not settled)
        or ``untouched`` (no sheet has an option chosen yet)."""
        self.result = result
        self.spread_open = spread_open and result is not None
        self.untouched = untouched and result is not None
        no_rank = self.spread_open or self.untouched
        self.model.set_lines(lines)
        self.empty_label.setVisible(result is None)
        self.box.setVisible(result is not None)
        if result is None:
            return
        self.average_label.setText(result.average_text)
        if result.spread_warning:
            text = _("The members' totals differ by {spread} points, more than {limit}: the council "
                     "discusses and the members score again.").format(spread=result.spread, limit=result.spread_limit)
            if self.spread_open:
                text += " " + _("Before finalising, enter the agreed sheet or record the discussion.")
            elif discussion is not None:
                text += " " + _("Settled by the council's discussion (below).")
            elif has_agreed:
                text += " " + _("Settled by the council's agreed sheet.")
        else:
            text = _("Spread between the members' totals: {spread} points (at most {limit}).").format(
                spread=result.spread, limit=result.spread_limit)
        self.spread_label.setText(text)
        self.spread_label.setStyleSheet("color: #b3261e; font-weight: 600;" if self.spread_open
                                        else "color: #8a5300;" if result.spread_warning else "")
        n = len(lines)
        self.table.setMaximumHeight(self.table.horizontalHeader().sizeHint().height() + 4
                                    + self.table.verticalHeader().defaultSectionSize() * max(min(n, 10), 1))
        self.by_points_label.setText(_("By points: {stars}").format(stars=stars_label(result.stars_by_points)))
        self.by_points_label.setVisible(not no_rank)
        self.stars_label.setText("" if no_rank else star_row(result.stars))
        if self.untouched:
            rank = _("No option chosen yet: no rank.")
        elif self.spread_open:
            rank = _("No result yet: the council discusses the spread first.")
        elif result.eliminated is not None:
            rank = _("Eliminated: not ranked")
        elif not result.complete:
            rank = _("Provisional rank: {stars}").format(stars=stars_label(result.stars))
        else:
            rank = _("Rank: {stars}").format(stars=stars_label(result.stars))
        self.rank_label.setText(rank)
        self.explain_label.setText("".join(f"<p style='margin:0 0 4px 0'>{html.escape(t)}</p>"
                                           for t in self.explanation()))
        self.discussion_label.setText(discussion_text(discussion) if discussion is not None else "")
        self.discussion_label.setVisible(discussion is not None)
        self.discussion_button.setText(_("Edit the discussion…") if discussion is not None
                                       else _("Record the discussion…"))
        self.discussion_button.setVisible(editable)

    def explanation(self) -> list[str]:
        """The engine's explanation as shown: without the average and the spread sentences,
        which the figures above already show."""
        if self.result is None or self.spread_open or self.untouched:
            return []
        return explain(dataclasses.replace(self.result, spread_warning=False))[1:]
