"""One criterion of a scoring sheet, painted as a single widget.

A sheet has ~30 criteria and ~100 options with long, wrapped texts. Real radio buttons
cannot wrap their text, and a radio button plus a word-wrapped label per option (in a
layout per option) makes 300+ widgets whose height-for-width layout alone costs more than
the 150 ms the form may take to open. So each criterion is one widget that lays out and
paints its title, its options (key number, radio indicator drawn by the style, text,
star marker, points) and its notes, and takes the focus as one stop: the officer
transcribing a paper sheet presses the option's number, then Enter to move on.

Keys while a criterion has the focus: 1–9 choose option k (as printed on the paper; a
digit with no such option is reported through ``no_option``, the form says so),
Up/Down move the choice, Delete clears it, X ticks the criterion's elimination rule,
Enter/Shift+Enter go to the next/previous criterion (Tab/Shift+Tab too, through Qt's
focus chain).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionButton, QToolTip, QWidget

from ocop_desktop.i18n import _
from ocop_desktop.scoring.model import Criterion, NoteKind
from ocop_desktop.ui.evaluation.criterion_layout import (
    BORDER,
    CHOSEN_BG,
    CURRENT_BG,
    CURRENT_BORDER,
    ELIMINATED_BG,
    ERROR,
    HOVER_BG,
    MISSING_BAR,
    MISSING_BG,
    MUTED,
    PAD,
    ROW_PAD,
    STAR_COLOR,
    WRAP,
    CriterionLayout,
    PaintMetrics,
    layout_criterion,
    points_text,
    stars_text,
)


class CriterionView(QWidget):
    """One criterion; see the module docstring.

    Signals:
        chosen(code, index or None): the officer picked an option (or cleared it).
        elimination_toggled(note id, ticked): the officer (un)ticked an elimination rule.
        advance(step): Enter (+1) or Shift+Enter (-1): go to the next/previous criterion.
        focused(code): the criterion became the current one.
        no_option(code, digit): a digit key with no option of that number was pressed.
    """

    chosen = Signal(str, object)
    no_option = Signal(str, int)
    elimination_toggled = Signal(str, bool)
    advance = Signal(int)
    focused = Signal(str)

    def __init__(self, criterion: Criterion, metrics: PaintMetrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.code = criterion.code
        self.m = metrics
        self._choice: int | None = None
        self._ticked: str | None = None  # id of the ticked elimination note
        self._flagged = False
        self._read_only = False
        self._hover: tuple[str, int] | None = None
        self._cache: dict[int, CriterionLayout] = {}
        # A known anomaly of the printed decision is marked; its tooltip says what was decided.
        self._title = f"{criterion.code}  {criterion.title}" + ("  ⚠" if criterion.anomaly else "")
        self._rule_notes = [n for n in criterion.notes if n.kind in (NoteKind.ELIMINATE, NoteKind.STOP)]
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(self._title)

    # -- state ------------------------------------------------------------------------
    def choice(self) -> int | None:
        return self._choice

    def set_choice(self, index: int | None) -> None:
        """Programmatic: no signal."""
        if index is not None and not 0 <= index < len(self.criterion.options):
            index = None
        if index != self._choice:
            self._choice = index
            if index is not None:
                self._flagged = False
            self._describe()
            self.update()

    def ticked_note(self) -> str | None:
        return self._ticked

    def set_ticked_note(self, note_id: str | None) -> None:
        if note_id is not None and note_id not in {n.id for n in self._rule_notes}:
            note_id = None
        if note_id != self._ticked:
            self._ticked = note_id
            self.update()

    def rule_notes(self) -> list:
        return list(self._rule_notes)

    def _rule_applies(self, note) -> bool:  # noqa: ANN001
        """Ticked by the officer, or a rule that applies by itself at 0 points (set 16)."""
        if self._ticked == note.id:
            return True
        return note.on_zero and self._choice is not None and self.criterion.options[self._choice].points == 0

    def is_flagged(self) -> bool:
        return self._flagged

    def set_flagged(self, flagged: bool) -> None:
        """Highlight as "not chosen yet" (only while no option is chosen)."""
        flagged = flagged and self._choice is None
        if flagged != self._flagged:
            self._flagged = flagged
            self.update()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.update()

    def _describe(self) -> None:
        if self._choice is None:
            self.setAccessibleDescription(_("No option chosen yet."))
        else:
            option = self.criterion.options[self._choice]
            self.setAccessibleDescription(f"({self._choice + 1}) {option.text} — {points_text(option.points)}")

    # -- user actions -----------------------------------------------------------------------
    def _user_choose(self, index: int | None) -> None:
        if self._read_only or index == self._choice:
            return
        self.set_choice(index)
        self.chosen.emit(self.code, index)

    def _user_tick(self, note_index: int) -> None:
        if self._read_only or not 0 <= note_index < len(self._rule_notes):
            return
        note = self._rule_notes[note_index]
        ticked = self._ticked != note.id
        self.set_ticked_note(note.id if ticked else None)
        self.elimination_toggled.emit(note.id, ticked)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt virtual
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        n = len(self.criterion.options)
        if plain and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            index = key - Qt.Key.Key_1
            if 0 <= index < n:
                self._user_choose(index)
            elif not self._read_only:
                self.no_option.emit(self.code, key - Qt.Key.Key_0)  # say so, not silence
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            self.advance.emit(-1 if mods == Qt.KeyboardModifier.ShiftModifier else 1)
            event.accept()
        elif plain and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            current = self._choice if self._choice is not None else (-1 if step > 0 else n)
            self._user_choose(min(max(current + step, 0), n - 1))
            event.accept()
        elif plain and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._user_choose(None)
            event.accept()
        elif plain and key == Qt.Key.Key_X and self._rule_notes:
            self._user_tick(0)
            event.accept()
        else:
            super().keyPressEvent(event)

    def _hit(self, pos: QPoint) -> tuple[str, int] | None:
        lay = self._layout(self.width())
        for i, rect in enumerate(lay.rows):
            if rect.contains(pos):
                return ("option", i)
        for i, rect in enumerate(lay.note_rows):
            if rect.isValid() and rect.contains(pos):
                return ("rule", i)
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt virtual
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        hit = self._hit(event.position().toPoint())
        if hit is not None:
            kind, i = hit
            if kind == "option":
                self._user_choose(i)
            else:
                self._user_tick(i)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt virtual
        hit = self._hit(event.position().toPoint())
        if hit != self._hover:
            self._hover = hit
            self.update()
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave and self._hover is not None:
            self._hover = None
            self.update()
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self._hit(event.pos())
            tip = ""
            if hit is not None and hit[0] == "option":
                option = self.criterion.options[hit[1]]
                if option.min_stars:
                    tip = _("The least a product must reach on this criterion for {n} stars.").format(
                        n=option.min_stars)
            elif hit is not None and hit[0] == "rule":
                tip = _("Tick this rule when it applies: the evaluation ends and the product is not ranked "
                        "(key X).")
            elif self._layout(self.width()).title.contains(event.pos()) and self.criterion.anomaly:
                tip = self.criterion.anomaly
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt virtual
        super().focusInEvent(event)
        self.update()
        self.focused.emit(self.code)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt virtual
        super().focusOutEvent(event)
        self.update()

    # -- geometry ---------------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt virtual
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt virtual
        return self._layout(width).height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt virtual
        return QSize(640, self._layout(640).height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt virtual
        return QSize(360, self.m.line * 3)

    def _layout(self, width: int) -> CriterionLayout:
        lay = self._cache.get(width)
        if lay is None:
            if len(self._cache) > 6:
                self._cache.clear()
            lay = self._cache[width] = layout_criterion(self.criterion, self.m, width, self._title)
        return lay

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt virtual
        m = self.m
        lay = self._layout(self.width())
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRect(1, 1, self.width() - 2, self.height() - 2)
        current = self.hasFocus()
        if any(self._rule_applies(n) for n in self._rule_notes):
            bg = ELIMINATED_BG
        elif self._flagged:
            bg = MISSING_BG
        elif current:
            bg = CURRENT_BG
        else:
            bg = self.palette().color(QPalette.ColorRole.Base)
        p.setPen(QPen(CURRENT_BORDER, 2) if current else QPen(BORDER, 1))
        p.setBrush(bg)
        p.drawRoundedRect(frame, 5, 5)
        if self._flagged:
            p.fillRect(QRect(1, 4, 4, self.height() - 8), MISSING_BAR)
        text_color = self.palette().color(QPalette.ColorRole.Text)

        p.setFont(m.bold)
        p.setPen(text_color)
        p.drawText(lay.title, WRAP, self._title)
        right = QRect(self.width() - PAD - m.title_right_w, lay.title.top(), m.title_right_w, m.bold_fm.height())
        chosen = self._choice is not None
        got = str(self.criterion.options[self._choice].points) if chosen else "—"
        p.setPen(MISSING_BAR if self._flagged else text_color)
        p.drawText(right, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                   _("{got} / {points}").format(got=got, points=points_text(self.criterion.max_points)))

        style = self.style()
        for i, (option, row) in enumerate(zip(self.criterion.options, lay.rows, strict=True)):
            if i == self._choice:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(CHOSEN_BG)
                p.drawRoundedRect(row, 4, 4)
            elif self._hover == ("option", i) and not self._read_only:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(HOVER_BG)
                p.drawRoundedRect(row, 4, 4)
            top = row.top() + ROW_PAD
            badge = QRect(PAD, top + (m.line - m.small_fm.height() - 2) // 2, m.badge_w, m.small_fm.height() + 2)
            p.setPen(QPen(MUTED, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(badge, 3, 3)
            p.setFont(m.small)
            p.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), str(i + 1))
            opt = QStyleOptionButton()
            opt.initFrom(self)
            opt.rect = QRect(PAD + m.badge_w + 6, top + (m.line - m.radio_w) // 2, m.radio_w, m.radio_w)
            opt.state = (QStyle.StateFlag.State_Enabled
                         | (QStyle.StateFlag.State_On if i == self._choice else QStyle.StateFlag.State_Off))
            style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorRadioButton, opt, p, self)
            p.setFont(m.font)
            p.setPen(text_color)
            p.drawText(QRect(m.text_x, top, m.text_width(self.width()), row.height()), WRAP, option.text)
            if option.min_stars:
                p.setPen(STAR_COLOR)
                p.drawText(QRect(row.right() - 4 - m.points_w - m.stars_w, top, m.stars_w, m.line),
                           int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), stars_text(option.min_stars))
            p.setPen(text_color)
            p.drawText(QRect(row.right() - 4 - m.points_w, top, m.points_w, m.line),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), points_text(option.points))

        rule_i = 0
        for note, rect, row in zip(self.criterion.notes, lay.notes, lay.note_rows, strict=True):
            if row.isValid():
                this = self._rule_notes[rule_i]
                if self._hover == ("rule", rule_i) and not self._read_only:
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(HOVER_BG)
                    p.drawRoundedRect(row, 4, 4)
                if rule_i == 0:
                    badge = QRect(PAD, rect.top(), m.badge_w, m.small_fm.height() + 2)
                    p.setPen(QPen(MUTED, 1))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRoundedRect(badge, 3, 3)
                    p.setFont(m.small)
                    p.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), "X")
                opt = QStyleOptionButton()
                opt.initFrom(self)
                size = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
                opt.rect = QRect(PAD + m.badge_w + 6, rect.top() + 1, size, size)
                opt.state = (QStyle.StateFlag.State_Enabled
                             | (QStyle.StateFlag.State_On if self._rule_applies(this) else QStyle.StateFlag.State_Off))
                style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, opt, p, self)
                p.setFont(m.small)
                p.setPen(ERROR)
                rule_i += 1
            else:
                p.setFont(m.italic)
                p.setPen(MUTED)
            p.drawText(rect, WRAP, note.text)
        p.end()
