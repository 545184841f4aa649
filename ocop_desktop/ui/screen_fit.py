"""Keeping windows inside the screen they are on (1280×720 is the smallest we design for:
1366×768 at 100 %, or a 1920×1080 laptop at 150 %).

- :func:`fit_size` / :func:`resize_within_screen`: a dialog's preferred size, cut to the
  screen's available area (leaving room for the window frame and title bar).
- :class:`ElidedLabel`: one line of text that may be very long (a 300-character product
  name): elided with "…" at the width it gets, the full text in its tooltip; it never asks
  for more width than a short text would.
- :func:`restore_main_geometry` / :func:`geometry_to_save`: the main window's saved geometry
  is used only when it fits the screen it would open on and is not degenerate.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: What a window's frame and title bar take on Windows.
FRAME = QSize(16, 40)
#: A saved main window smaller than this (or than 60 % of the screen) is a leftover, not a choice.
SMALLEST_MAIN = QSize(960, 560)
DEFAULT_SHARE = 0.9


def available_geometry(widget: QWidget | None = None, point: QPoint | None = None) -> QRect:
    """The part of a screen that windows may use: the screen at ``point``, else the
    widget's, else the primary screen."""
    screen = QGuiApplication.screenAt(point) if point is not None else None
    if screen is None and widget is not None:
        screen = widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def fit_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width``×``height``, made smaller where the screen (less a frame) is smaller."""
    avail = available_geometry(widget)
    return QSize(max(200, min(width, avail.width() - FRAME.width())),
                 max(150, min(height, avail.height() - FRAME.height())))


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    widget.resize(fit_size(widget, width, height))


# -- long single-line texts ---------------------------------------------------------------------

class ElidedLabel(QLabel):
    """A one-line label whose text is elided to the width it gets (full text in the tooltip).

    Its size hint is the text's width capped at ``max_hint_chars`` characters and its least
    width a few characters, so a long name never widens the window it is in.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, max_hint_chars: int = 60,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self._max_hint_chars = max_hint_chars
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._full = text
        self._elide()
        self.updateGeometry()

    def text(self) -> str:  # the full text, as for a plain QLabel (tests and callers read it)
        return self._full

    def _elide(self) -> None:
        fm = self.fontMetrics()
        width = self.contentsRect().width()
        shown = self._full if fm.horizontalAdvance(self._full) <= width else fm.elidedText(
            self._full, self._mode, max(width, 0))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt virtual
        fm = self.fontMetrics()
        cap = fm.averageCharWidth() * self._max_hint_chars
        margins = self.contentsMargins()
        return QSize(min(fm.horizontalAdvance(self._full), cap) + margins.left() + margins.right() + 2,
                     super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt virtual
        return QSize(self.fontMetrics().averageCharWidth() * 6, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt virtual
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt virtual (font from a style sheet)
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._elide()


# -- the main window's geometry -------------------------------------------------------------------

_MAGIC = 0x1D9D0CB


def _saved_rect(data: QByteArray) -> tuple[QRect, bool] | None:
    """(normal geometry, maximised) read from ``QWidget.saveGeometry()`` bytes, or None."""
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    magic = stream.readUInt32()
    major = stream.readUInt16()
    stream.readUInt16()
    frame, normal = QRect(), QRect()
    stream >> frame
    stream >> normal
    stream.readInt32()  # screen number
    maximised = stream.readUInt8()
    if stream.status() != QDataStream.Status.Ok or magic != _MAGIC or major < 2 or not normal.isValid():
        return None
    return normal, bool(maximised)


def usable(rect: QRect, avail: QRect) -> bool:
    """A normal geometry worth restoring on a screen with ``avail``: inside it (frame
    included) and not degenerate."""
    framed = rect.adjusted(-FRAME.width() // 2, -(FRAME.height() - FRAME.width() // 2),
                           FRAME.width() // 2, FRAME.width() // 2)
    least = QSize(min(SMALLEST_MAIN.width(), int(avail.width() * 0.6)),
                  min(SMALLEST_MAIN.height(), int(avail.height() * 0.6)))
    return (avail.contains(framed) or avail.contains(rect)) and rect.width() >= least.width() \
        and rect.height() >= least.height()


def default_geometry(avail: QRect) -> QRect:
    """90 % of the screen, centred."""
    size = QSize(int(avail.width() * DEFAULT_SHARE), int(avail.height() * DEFAULT_SHARE))
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(avail.center())
    return rect


def restore_main_geometry(window: QWidget, data: object) -> None:
    """Put the main window where it was, if that still fits; else the default: 90 % of the
    screen, centred, and maximised on small screens (≤ 1440 px wide)."""
    saved = _saved_rect(data) if isinstance(data, QByteArray) and not data.isEmpty() else None
    if saved is not None:
        rect, maximised = saved
        if usable(rect, available_geometry(window, rect.center())):
            window.setGeometry(rect)
            if maximised:
                window.setWindowState(Qt.WindowState.WindowMaximized)
            return
    avail = available_geometry(window)
    frame = default_geometry(avail)
    # Client geometry: the frame's title bar and borders go around it.
    window.setGeometry(frame.adjusted(FRAME.width() // 2, FRAME.height() - FRAME.width() // 2,
                                      -(FRAME.width() // 2), -(FRAME.width() // 2)))
    if QGuiApplication.platformName() != "offscreen" and avail.width() <= 1440:
        window.setWindowState(Qt.WindowState.WindowMaximized)


def geometry_to_save(window: QWidget) -> QByteArray | None:
    """The window's geometry for next time, or None when it does not fit its screen
    (a window that was grown past it is not remembered)."""
    if window.isMaximized() or window.isFullScreen():
        normal = window.normalGeometry()
        if normal.isValid() and not usable(normal, available_geometry(window, normal.center())):
            return None
        return window.saveGeometry()
    rect = window.geometry()
    if not usable(rect, available_geometry(window, rect.center())):
        return None
    return window.saveGeometry()
