"""A non-modal bar under a list: "Deleted “X”. [Undo]" that goes away after ~10 s."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from ocop_desktop.i18n import _
from ocop_desktop.ui.screen_fit import ElidedLabel

UNDO_TIMEOUT_MS = 10_000


class UndoBar(QFrame):
    def __init__(self, parent: QWidget | None = None, timeout_ms: int = UNDO_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#undoBar { background: #fff8e1; border: 1px solid #e0c060; border-radius: 4px; }")
        self._undo: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.dismiss)

        self.label = ElidedLabel(max_hint_chars=80)  # names the record, which may be 300 characters long
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setToolTip(_("Undo (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.trigger_undo)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(_("Close"))
        close.clicked.connect(self.dismiss)
        self.undo_action = QAction(_("Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_action.triggered.connect(self.trigger_undo)
        self.addAction(self.undo_action)

        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 4, 4, 4)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.undo_button)
        lay.addWidget(close)
        self.hide()

    def show_message(self, text: str, undo: Callable[[], None] | None) -> None:
        self.label.setText(text)
        self._undo = undo
        self.undo_button.setVisible(undo is not None)
        self.undo_action.setEnabled(undo is not None)
        self.show()
        self._timer.start()

    def trigger_undo(self) -> None:
        undo, self._undo = self._undo, None
        self.dismiss()
        if undo is not None:
            undo()

    def dismiss(self) -> None:
        self._timer.stop()
        self._undo = None
        self.undo_action.setEnabled(False)
        self.hide()
