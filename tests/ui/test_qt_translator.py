"""Our Qt translator answers only the Qt texts it knows; every other Qt text must stay
Qt's own (a blank answer made QPageSize names empty, so A4 printing silently fell back to
US Letter)."""

from __future__ import annotations

from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

from ocop_desktop.ui.qt_translator import GettextQtTranslator


def test_untranslated_qt_texts_stay_qt_s_own(qapp: QApplication) -> None:
    t = GettextQtTranslator(qapp)
    qapp.installTranslator(t)
    try:
        a4 = QPageSize(QPageSize.PageSizeId.A4)
        assert a4.isValid() and a4.name() == "A4"
        assert QApplication.translate("QLineEdit", "&Copy") != ""  # a known text is still answered
        assert QApplication.translate("SomeContext", "Some text") == "Some text"
    finally:
        qapp.removeTranslator(t)
