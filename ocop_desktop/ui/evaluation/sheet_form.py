"""A scoring sheet as a form: generated from a rubric :class:`Sheet`, scored live.

Criteria are grouped under their part (with its running subtotal, "A: 23 / 40") and group;
each criterion is a :class:`CriterionView` (one painted widget, one focus stop). The panel
on the right shows the engine's result as it changes: total, parts, stars by points, the
rank with every cap explained, and the criteria not chosen yet as links.

Fast entry (paper sheets): the focus sits on one criterion; 1–9 choose option k, Enter or
Tab goes to the next criterion, Shift+Enter or Shift+Tab back; the current criterion is
kept in view. A criterion left without a choice is tinted once the officer has moved past
it, and every empty one is tinted when finalising is refused (:meth:`flag_missing`).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _
from ocop_desktop.scoring.engine import SheetResult, score_sheet
from ocop_desktop.scoring.model import NoteKind, Part, Sheet
from ocop_desktop.ui.evaluation.criterion_layout import PaintMetrics, points_text
from ocop_desktop.ui.evaluation.criterion_view import CriterionView
from ocop_desktop.ui.evaluation.result_panel import ResultPanel

FORM_STYLE = """
QFrame#partHeader { background: #e8f0fe; border-radius: 5px; }
QFrame#partHeader QLabel { font-size: 12pt; font-weight: 600; color: #0b3d91; }
QLabel#groupHeader { font-weight: 600; color: #3c4043; padding-top: 6px; }
QLabel#subHeading { color: #3c4043; font-style: italic; padding: 2px 0 0 12px; }
QLabel#groupPoints { color: #5f6368; padding-top: 6px; }
QLabel#keysLegend { color: #5f6368; }
QLabel#keyHint { color: #b3261e; font-weight: 600; }
"""
PANEL_WIDTH = 300
SCROLL_MARGIN = 28


class SheetForm(QWidget):
    """Signals:
        changed: the officer changed a choice, an elimination tick or the comment.
        result_changed(SheetResult): the live result after any change (also on load).
    """

    changed = Signal()
    result_changed = Signal(object)

    def __init__(self, sheet: Sheet, parent: QWidget | None = None, *, rubric_id: str | None = None) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.rubric_id = rubric_id
        self._choices: dict[str, int] = {}
        self._eliminated_by: str | None = None
        self._read_only = False
        self._current: str | None = None
        self._result: SheetResult | None = None
        self.setStyleSheet(FORM_STYLE)
        metrics = PaintMetrics(self.font(), self.style())

        self.legend = QLabel(_("Keys: 1–9 choose the option with that number · Enter or Tab: next criterion · "
                               "Shift+Tab: previous · Delete: clear · X: tick the elimination rule"))
        self.legend.setObjectName("keysLegend")
        self.legend.setWordWrap(True)
        #: Shown in the legend's place when a digit has no option on the current criterion.
        self.key_hint = QLabel()
        self.key_hint.setObjectName("keyHint")
        self.key_hint.setWordWrap(True)
        self.key_hint.hide()

        self.content = QWidget()
        col = QVBoxLayout(self.content)
        col.setContentsMargins(4, 4, 12, 12)
        col.setSpacing(6)
        self.views: dict[str, CriterionView] = {}
        self.order: list[str] = []
        self.part_totals: dict[str, QLabel] = {}
        self.group_totals: list[tuple[QLabel, tuple[str, ...], int]] = []
        for part in sheet.parts:
            col.addWidget(self._part_header(part))
            for group in part.groups:
                single = len(group.criteria) == 1 and group.criteria[0].code == group.number
                if not single:
                    col.addLayout(self._group_header(group))
                headings = {h.code: h for h in group.subheadings}
                for criterion in group.criteria:
                    heading = headings.pop(criterion.code.rsplit(".", 1)[0], None)
                    if heading is not None:  # "6.1. Ngoại hình" over 6.1.1, 6.1.2
                        col.addWidget(self._subheading(heading))
                    view = CriterionView(criterion, metrics, self.content)
                    view.chosen.connect(self._chosen)
                    view.elimination_toggled.connect(self._ticked)
                    view.advance.connect(lambda step, c=criterion.code: self._advance(c, step))
                    view.focused.connect(self._focused)
                    view.no_option.connect(self._no_option)
                    self.views[criterion.code] = view
                    self.order.append(criterion.code)
                    col.addWidget(view)
        self.sheet_rules: dict[str, QCheckBox] = {}
        for note in sheet.notes:
            if note.kind in (NoteKind.ELIMINATE, NoteKind.STOP):
                box = QCheckBox(note.text)
                box.toggled.connect(lambda on, nid=note.id: self._ticked(nid, on))
                self.sheet_rules[note.id] = box
                col.addWidget(box)
        comment_label = QLabel(_("Evaluator's opinion"))
        comment_label.setObjectName("groupHeader")
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(_("Optional: remarks written on the sheet."))
        self.comment_edit.setFixedHeight(metrics.line * 4 + 12)
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.textChanged.connect(self._comment_changed)
        comment_label.setBuddy(self.comment_edit)
        col.addWidget(comment_label)
        col.addWidget(self.comment_edit)
        col.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.content)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.panel = ResultPanel(sheet)
        self.panel.setFixedWidth(PANEL_WIDTH)
        self.panel.jump.connect(self.focus_criterion)

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.legend)
        left.addWidget(self.key_hint)
        left.addWidget(self.scroll, 1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(left, 1)
        lay.addWidget(self.panel)
        self.setFocusProxy(self.views[self.order[0]] if self.order else None)
        self._rescore()

    # -- building -------------------------------------------------------------------------
    def _part_header(self, part: Part) -> QFrame:
        frame = QFrame()
        frame.setObjectName("partHeader")
        row = QHBoxLayout(frame)
        row.setContentsMargins(10, 6, 10, 6)
        title = part.title if part.title.lower().startswith("phần") else \
            _("Part {code}: {title}").format(code=part.code, title=part.title)
        name = QLabel(title)
        name.setWordWrap(True)
        if part.anomaly:
            name.setToolTip(part.anomaly)
        total = QLabel()
        total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(name, 1)
        row.addWidget(total)
        self.part_totals[part.code] = total
        return frame

    def _group_header(self, group) -> QHBoxLayout:  # noqa: ANN001
        row = QHBoxLayout()
        row.setContentsMargins(2, 0, 10, 0)
        name = QLabel(f"{group.number}. {group.title}")
        name.setObjectName("groupHeader")
        name.setWordWrap(True)
        points = QLabel()
        points.setObjectName("groupPoints")
        row.addWidget(name, 1)
        row.addWidget(points, 0, Qt.AlignmentFlag.AlignRight)
        self.group_totals.append((points, tuple(c.code for c in group.criteria), group.max_points))
        return row

    @staticmethod
    def _subheading(heading) -> QLabel:  # noqa: ANN001
        label = QLabel(_("{code}. {title} ({points})").format(code=heading.code, title=heading.title,
                                                              points=points_text(heading.max_points)))
        label.setObjectName("subHeading")
        label.setWordWrap(True)
        return label

    # -- state ----------------------------------------------------------------------------
    def choices(self) -> dict[str, int]:
        return dict(self._choices)

    def eliminated_by(self) -> str | None:
        return self._eliminated_by

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()

    def result(self) -> SheetResult:
        assert self._result is not None
        return self._result

    def missing(self) -> tuple[str, ...]:
        return tuple(c for c in self.order if c not in self._choices)

    def load(self, choices: Mapping[str, int], eliminated_by: str | None = None, comment: str = "") -> None:
        """Show a saved sheet (no ``changed`` signal)."""
        self._choices = {c: int(i) for c, i in choices.items() if c in self.views}
        for code, view in self.views.items():
            view.set_choice(self._choices.get(code))
            view.set_flagged(False)
        self._set_eliminated(eliminated_by)
        self.comment_edit.blockSignals(True)
        self.comment_edit.setPlainText(comment)
        self.comment_edit.blockSignals(False)
        self._rescore()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for view in self.views.values():
            view.set_read_only(read_only)
        for box in self.sheet_rules.values():
            box.setEnabled(not read_only)
        self.comment_edit.setReadOnly(read_only)

    def choose(self, code: str, index: int | None) -> None:
        """Pick an option as the officer would (emits ``changed``)."""
        view = self.views[code]
        view.set_choice(index)
        self._chosen(code, view.choice())

    # -- edits ----------------------------------------------------------------------------
    def _no_option(self, code: str, digit: int) -> None:
        count = len(self.views[code].criterion.options)
        self.key_hint.setText(_("Criterion {code} has no option {digit}: its options are 1–{count}.").format(
            code=code, digit=digit, count=count))
        self.legend.hide()
        self.key_hint.show()

    def _clear_key_hint(self) -> None:
        if not self.key_hint.isHidden():
            self.key_hint.hide()
            self.legend.show()

    def _chosen(self, code: str, index: int | None) -> None:
        self._clear_key_hint()
        if index is None:
            self._choices.pop(code, None)
        else:
            self._choices[code] = index
        self._rescore()
        self.changed.emit()

    def _ticked(self, note_id: str, on: bool) -> None:
        if on:
            self._set_eliminated(note_id)
        elif self._eliminated_by == note_id:
            self._set_eliminated(None)
        self._rescore()
        self.changed.emit()

    def _set_eliminated(self, note_id: str | None) -> None:
        self._eliminated_by = note_id
        for view in self.views.values():
            view.set_ticked_note(note_id if note_id in {n.id for n in view.rule_notes()} else None)
        for nid, box in self.sheet_rules.items():
            box.blockSignals(True)
            box.setChecked(nid == note_id)
            box.blockSignals(False)

    def _comment_changed(self) -> None:
        self.changed.emit()

    def _rescore(self) -> None:
        kwargs = {"rubric_id": self.rubric_id} if self.rubric_id else {}
        result = score_sheet(self.sheet, self._choices, eliminated_by=self._eliminated_by, allow_missing=True,
                             **kwargs)
        self._result = result
        for code, label in self.part_totals.items():
            part = next(p for p in self.sheet.parts if p.code == code)
            label.setText(_("{code}: {points} / {max}").format(code=code, points=result.parts.get(code, 0),
                                                               max=part.max_points))
        for label, codes, max_points in self.group_totals:
            got = sum(self.views[c].criterion.options[self._choices[c]].points for c in codes if c in self._choices)
            label.setText(_("{points} / {max}").format(points=got, max=max_points))
        self.panel.show_result(result)
        self.result_changed.emit(result)

    # -- navigation -----------------------------------------------------------------------
    def current_code(self) -> str | None:
        return self._current

    def _focused(self, code: str) -> None:
        previous, self._current = self._current, code
        if previous != code:
            self._clear_key_hint()
        if previous is not None and previous != code and previous not in self._choices:
            self.views[previous].set_flagged(True)  # the officer moved past it
        self.ensure_visible(code)

    def _advance(self, code: str, step: int) -> None:
        i = self.order.index(code) + step
        if 0 <= i < len(self.order):
            self.focus_criterion(self.order[i])
        elif i >= len(self.order):
            self.comment_edit.setFocus(Qt.FocusReason.TabFocusReason)

    def focus_criterion(self, code: str) -> None:
        view = self.views.get(code)
        if view is not None:
            view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensure_visible(code)

    def focus_first_missing(self) -> str | None:
        missing = self.missing()
        if missing:
            self.focus_criterion(missing[0])
            return missing[0]
        return None

    def flag_missing(self) -> tuple[str, ...]:
        """Tint every criterion without a choice; return their codes."""
        missing = self.missing()
        for code in missing:
            self.views[code].set_flagged(True)
        return missing

    def ensure_visible(self, code: str) -> None:
        view = self.views[code]
        if view.height() <= 0:  # not laid out yet
            QTimer.singleShot(0, self, lambda: self._scroll_to(view))
        else:
            self._scroll_to(view)

    def _scroll_to(self, view: CriterionView) -> None:
        bar = self.scroll.verticalScrollBar()
        top = view.mapTo(self.content, QPoint(0, 0)).y()
        height = self.scroll.viewport().height()
        if top - SCROLL_MARGIN < bar.value():
            bar.setValue(top - SCROLL_MARGIN)
        elif top + view.height() + SCROLL_MARGIN > bar.value() + height:
            bar.setValue(min(top - SCROLL_MARGIN, top + view.height() + SCROLL_MARGIN - height))

    def is_visible_in_scroll(self, code: str) -> bool:
        """The criterion's top is inside the visible part of the form (tests)."""
        view = self.views[code]
        top = view.mapTo(self.content, QPoint(0, 0)).y()
        bar = self.scroll.verticalScrollBar()
        return bar.value() <= top < bar.value() + self.scroll.viewport().height()
