"""Help › User guide: the offline Vietnamese guide (``resources/guide/index.html``, its
pictures in ``resources/guide/images/``) in a QTextBrowser; the table of contents links to
each task's section. Not modal, so the officer can follow the steps in the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop import paths
from ocop_desktop.i18n import _
from ocop_desktop.ui.screen_fit import resize_within_screen


def guide_path() -> Path:
    return paths.RESOURCES_DIR / "guide" / "index.html"


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("User guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        path = guide_path()
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:  # a broken installation: say so instead of an empty window
            self.browser.setPlainText(_("The user guide is missing from this installation ({path}). Reinstall "
                                        "OCOP Desktop to get it back.").format(path=path))
        box = QDialogButtonBox()
        self.close_button = QPushButton(_("Close"))
        box.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(box)
        fm = self.fontMetrics()
        resize_within_screen(self, fm.horizontalAdvance("M") * 75, fm.lineSpacing() * 40)
