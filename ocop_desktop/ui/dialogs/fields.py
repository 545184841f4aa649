"""Small editors shared by the record dialogs.

* :class:`DateEdit` — a line edit for dd/MM/yyyy that may stay empty (QDateEdit cannot),
  with a calendar drop-down.
* :class:`AmountEdit` — whole đồng typed and shown with the language's separators
  ("903.000.000 đ"); refuses negative, fractional and non-numeric text with a message.
* :class:`FieldBox` — a field with its hint and its error message underneath; marks the
  field red through the ``invalid`` dynamic property (see :data:`INVALID_STYLE`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ocop_desktop.i18n import AmountError, _, format_amount, format_date, parse_amount, parse_date

ERROR_COLOR = "#b3261e"
WARNING_COLOR = "#8a5300"
HINT_COLOR = "#5f6368"

#: Applied to each record dialog. A field is marked by ``setProperty("invalid", True)``:
#: text fields get a red border themselves; other widgets (combo boxes, spin boxes) sit in
#: a :class:`MarkFrame`, because a style-sheet border on a combo box loses its native arrow.
INVALID_STYLE = f"""
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 1px solid {ERROR_COLOR};
    border-radius: 3px;
    background-color: #fff5f4;
    padding: 2px;
}}
QFrame#markFrame {{ border: 1px solid transparent; border-radius: 4px; }}
QFrame#markFrame[invalid="true"] {{ border-color: {ERROR_COLOR}; }}
QLabel[role="error"] {{ color: {ERROR_COLOR}; }}
QLabel[role="warning"] {{ color: {WARNING_COLOR}; }}
QLabel[role="hint"] {{ color: {HINT_COLOR}; }}
"""


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark or unmark a widget; re-polish so the style sheet sees the new property."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class MarkFrame(QFrame):
    """A 1-pixel frame around a widget that turns red when the widget is invalid."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markFrame")
        self.widget = widget
        layout = QHBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(widget)
        self.setFocusProxy(widget)


def marker_for(widget: QWidget) -> QWidget:
    """The widget that carries the ``invalid`` mark for ``widget``."""
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget
    parent = widget.parentWidget()
    return parent if isinstance(parent, MarkFrame) else widget


def needs_frame(widget: QWidget) -> bool:
    return not isinstance(widget, (QLineEdit, QPlainTextEdit))


class WrapLabel(QLabel):
    """A word-wrapped label whose minimum height follows its actual width.

    Qt does not grow a dialog for height-for-width children, so a long message under a
    narrow field would be clipped; this label reports the height it needs at its current
    width instead, and asks for a new layout whenever its width changes.
    """

    _HINT_WIDTH = 240

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setHeightForWidth(False)
        self.setSizePolicy(policy)
        self._laid_out_width = 0

    def _needed(self, width: int) -> QSize:
        width = max(width, 40)
        return QSize(min(super().sizeHint().width(), self._HINT_WIDTH), self.heightForWidth(width))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt virtual
        return self._needed(self._laid_out_width or self._HINT_WIDTH)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt virtual
        needed = self._needed(self._laid_out_width or self._HINT_WIDTH)
        return QSize(min(needed.width(), 60), needed.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt virtual
        super().resizeEvent(event)
        if event.size().width() != self._laid_out_width:
            self._laid_out_width = event.size().width()
            self.updateGeometry()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self.updateGeometry()


def note_label(text: str = "", role: str = "hint") -> QLabel:
    """A wrapped label styled as a hint, warning or error (see INVALID_STYLE)."""
    label = WrapLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # never cut at the top
    label.setProperty("role", role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def calendar_icon(color: QColor, size: int = 16) -> QIcon:
    """A small calendar drawn in the text colour (no icon files to ship)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setPen(color)
    p.drawRect(1, 2, size - 3, size - 4)
    p.fillRect(1, 2, size - 2, 4, color)
    for row in (8, 11):
        for col in (4, 7, 10):
            p.fillRect(col, row, 2, 2, color)
    p.end()
    return QIcon(pixmap)


def vietnamese_calendar(parent: QWidget | None = None) -> QCalendarWidget:
    """A calendar in Vietnamese: month and day names, weeks from Monday, no ISO week numbers."""
    calendar = QCalendarWidget(parent)
    calendar.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
    calendar.setGridVisible(True)
    return calendar


class DateEdit(QWidget):
    """dd/MM/yyyy text (d/M/yyyy, '-' and '.' accepted too), empty allowed.

    ``date()`` is None when empty *or* unreadable; ``is_valid()`` tells them apart so the
    dialog can say "this is not a date" instead of silently dropping it.

    Signals:
        changed: the text changed (typing, the calendar, or ``set_date``).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.edit.setMaxLength(10)
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.changed)
        self.edit.editingFinished.connect(self._tidy)
        width = self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 30
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 20)
        self.button = QToolButton(self)
        self.button.setIcon(calendar_icon(self.palette().color(QPalette.ColorRole.ButtonText)))
        self.button.setToolTip(_("Pick the date on a calendar"))
        self.button.setAccessibleName(_("Pick the date on a calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self._open_calendar)
        self._menu = QMenu(self.button)
        self._calendar: QCalendarWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    # -- value ------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text().strip()

    def date(self) -> dt.date | None:
        return parse_date(self.text())

    def is_valid(self) -> bool:
        return not self.text() or self.date() is not None

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setText(format_date(value) if value else "")

    def mark_target(self) -> QWidget:
        return self.edit

    # -- internals --------------------------------------------------------------------
    def _tidy(self) -> None:
        """Rewrite '5-3-2024' as '05/03/2024' once the officer leaves the field."""
        value = self.date()
        if value is not None and format_date(value) != self.text():
            self.edit.setText(format_date(value))

    def _open_calendar(self) -> None:
        self._prepare_calendar()
        self._menu.popup(self.button.mapToGlobal(QPoint(0, self.button.height())))

    def _prepare_calendar(self) -> None:
        if self._calendar is None:
            self._calendar = vietnamese_calendar()
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(self._calendar)
            self._menu.addAction(action)
        current = self.date() or dt.date.today()
        self._calendar.setSelectedDate(to_qdate(current))

    def _picked(self, qdate: QDate) -> None:
        self.set_date(qdate.toPython())
        self._menu.close()
        self.edit.setFocus()


class AmountEdit(QLineEdit):
    """An amount in whole đồng: "903000000" becomes "903.000.000 đ" when the officer leaves
    the field. Empty is allowed (``amount()`` None).

    ``amount()`` is None when empty *or* unreadable; ``problem(label)`` gives the message
    for a negative, fractional, non-numeric or too-large amount (as the services word it),
    so the dialog can show it under the field instead of dropping the text.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("e.g. 903.000.000 đ"))
        self.setMaxLength(32)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setClearButtonEnabled(True)
        width = self.fontMetrics().horizontalAdvance("999.999.999.999.999 đ") + 40
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 60)
        self.editingFinished.connect(self._tidy)

    def amount(self) -> int | None:
        try:
            return parse_amount(self.text())
        except AmountError:
            return None

    def is_valid(self) -> bool:
        try:
            parse_amount(self.text())
        except AmountError:
            return False
        return True

    def problem(self, label: str) -> str | None:
        """The message for the typed text ("Kinh phí: an amount cannot be negative."), or None."""
        from ocop_desktop.services.validation import amount_text_error

        return amount_text_error(label, self.text())

    def set_amount(self, value: int | None) -> None:
        self.setText(format_amount(value) if value is not None else "")

    def _tidy(self) -> None:
        value = self.amount()
        if value is not None and format_amount(value) != self.text():
            self.setText(format_amount(value))


class FieldBox(QWidget):
    """A field with an optional hint line and an error line below it.

    The error line stays hidden until :meth:`set_error` gives it a message; the field (or
    the widget it names with ``mark_target()``) is then marked red. The error takes the
    hint's place while it stands, and a field without a hint keeps the error's line once
    one was shown, so the form does not jump while the officer types. ``counter`` (a
    :class:`QLineEdit` with a maximum length) adds "12/255" at the right of the hint line.
    """

    def __init__(self, field: QWidget, *, hint: str = "", counter: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        target = self._target()
        if needs_frame(target) and target is field and not getattr(field, "marks_rows", False):
            layout.addWidget(MarkFrame(field))
        else:
            layout.addWidget(field)
        self.hint = note_label(hint, "hint")
        self.hint.setVisible(bool(hint))
        self.counter: QLabel | None = None
        if counter and isinstance(field, QLineEdit):
            self.counter = QLabel()
            self.counter.setProperty("role", "hint")
            self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            field.textChanged.connect(self._count)
            self._count()
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.hint, 1)
            row.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row)
        else:
            layout.addWidget(self.hint)
        self.warning = note_label("", "warning")
        self.warning.hide()
        layout.addWidget(self.warning)
        self.error = note_label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.setFocusProxy(field)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt virtual
        # Its notes report the height they need at their actual width (WrapLabel); the form
        # asking for a height at a guessed width instead gave a message one line too few.
        return False

    def _target(self) -> QWidget:
        target = getattr(self.field, "mark_target", None)
        return target() if callable(target) else self.field

    def mark_targets(self) -> list[QWidget]:
        """The widgets to focus for this field (the inner edit of a composite field)."""
        return [self._target()]

    def _count(self) -> None:
        assert self.counter is not None and isinstance(self.field, QLineEdit)
        n, most = len(self.field.text()), self.field.maxLength()
        self.counter.setText(f"{n}/{most}")
        self.counter.setProperty("role", "warning" if n >= most else "hint")
        self.counter.style().unpolish(self.counter)
        self.counter.style().polish(self.counter)

    def set_error(self, message: str | None) -> None:
        shown = bool(message)
        if shown or not self.error.sizePolicy().retainSizeWhenHidden():
            self.error.setText(message or "")  # a kept line keeps its last text (and height), hidden
        if shown and not self.hint.text():
            # Keep this line from now on: an error that comes and goes while typing
            # would otherwise move every field below it.
            policy = self.error.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.error.setSizePolicy(policy)
        self.error.setVisible(shown)
        self.hint.setVisible(bool(self.hint.text()) and not shown)
        set_invalid(marker_for(self._target()), shown)

    def is_marked(self) -> bool:
        return bool(marker_for(self._target()).property("invalid"))

    def error_text(self) -> str:
        return self.error.text() if self.error.isVisibleTo(self) else ""

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text) and not self.error.isVisibleTo(self))

    def set_warning(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))
