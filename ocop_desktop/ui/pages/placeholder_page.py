"""A section that a later version fills: say what it will do, and what works today."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ocop_desktop.i18n import _


class PlaceholderPage(QWidget):
    def __init__(self, title: str, what_comes: list[str], *, go_to: list[tuple[str, Callable[[], None]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        badge = QLabel(_("Coming in a later version"))
        badge.setObjectName("comingSoon")
        intro = QLabel(_("This section is not ready yet. It will let you:"))
        intro.setWordWrap(True)
        items = QVBoxLayout()
        items.setContentsMargins(12, 4, 0, 4)
        items.setSpacing(6)
        for line in what_comes:
            item = QLabel("•  " + line)
            item.setWordWrap(True)
            item.setMaximumWidth(760)
            items.addWidget(item)
        meanwhile = QLabel(_("Meanwhile, keep your producer and product records up to date: "
                             "everything entered there will be used here."))
        meanwhile.setWordWrap(True)
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        for text, action in go_to:
            b = QPushButton(text)
            b.clicked.connect(action)
            row.addWidget(b)
            self.buttons.append(b)
        row.addStretch(1)

        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(badge, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addSpacing(12)
        lay.addWidget(intro)
        lay.addLayout(items)
        lay.addSpacing(12)
        lay.addWidget(meanwhile)
        lay.addLayout(row)
        lay.addStretch(1)
        for w in (intro, meanwhile):
            w.setMaximumWidth(760)
