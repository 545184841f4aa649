"""Qt's own dialogs speak Vietnamese: the file and folder choosers (Qt's widget-based dialog,
used where the system has none), the overwrite question, standard buttons, the print
dialog, and the calendar (Vietnamese month and day names, weeks from Monday, no week numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCalendarWidget,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableView,
    QToolButton,
    QTreeView,
)

from ocop_desktop.ui.dialogs.fields import DateEdit
from ocop_desktop.ui.qt_translator import QT_MESSAGES, GettextQtTranslator
from ocop_desktop.ui.widgets import pdf_preview

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ENGLISH = {text for ids in QT_MESSAGES.values() for text in ids}


@pytest.fixture
def translator(qapp: QApplication):  # noqa: ANN201
    t = GettextQtTranslator(qapp)
    qapp.installTranslator(t)
    yield t
    qapp.removeTranslator(t)


def _words(dialog: QDialog) -> list[str]:
    """Every text a widget of the dialog shows: labels, buttons, tooltips of tool buttons."""
    out = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    out += [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisible() and w.text()]
    out += [w.toolTip() for w in dialog.findChildren(QToolButton) if w.isVisible() and w.toolTip()]
    return out


def _file_dialog(qtbot, folder: Path, mode: QFileDialog.FileMode, accept: QFileDialog.AcceptMode) -> QFileDialog:  # noqa: ANN001
    d = QFileDialog(None, "Lưu PDF", str(folder))
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    d.setFileMode(mode)
    d.setAcceptMode(accept)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.mark.parametrize("mode, accept", [
    (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
    (QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen),
    (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen),
])
def test_every_word_of_the_file_dialog_is_vietnamese(qtbot, translator, tmp_path, mode, accept) -> None:  # noqa: ANN001
    (tmp_path / "thu-muc").mkdir()
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    d = _file_dialog(qtbot, tmp_path, mode, accept)
    words = _words(d)
    assert words
    english = [w for w in words if w in ENGLISH or w.replace("&", "") in {e.replace("&", "") for e in ENGLISH}]
    assert english == []
    assert "&Tìm trong:" in words and ("&Tên tệp:" in words or "Thư mục:" in words)
    assert any(w in ("&Lưu", "&Mở", "&Chọn") for w in words)
    assert "Hủy" in words
    view = d.findChild(QTreeView)
    model = view.model()
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["Tên", "Kích thước", "Loại", "Ngày sửa"]
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) > 0, timeout=5000)
    kinds = {model.index(r, 2, view.rootIndex()).data() for r in range(model.rowCount(view.rootIndex()))}
    assert "Thư mục" in kinds and "Folder" not in kinds
    d.reject()


def test_the_overwrite_question_is_vietnamese(qtbot, translator, tmp_path) -> None:  # noqa: ANN001
    existing = tmp_path / "danh-sach.pdf"
    existing.write_bytes(b"%PDF-1.4")
    d = _file_dialog(qtbot, tmp_path, QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave)
    seen: list[tuple[str, list[str]]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer)
    d.selectFile(str(existing))
    d.accept()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    text, buttons = seen[0]
    assert text == "Tệp danh-sach.pdf đã có.\nBạn có muốn ghi đè lên tệp đó không?"
    assert sorted(buttons) == ["&Có", "&Không"]
    assert d.isVisible()  # "No": back to the dialog, nothing replaced
    assert existing.read_bytes() == b"%PDF-1.4"
    d.reject()


def test_standard_buttons_are_vietnamese(qtbot, translator) -> None:  # noqa: ANN001
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel
                      | QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Close)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["&Có", "&Không", "Hủy", "Lưu", "Đóng"])


def test_the_print_dialog_is_vietnamese(qtbot, translator) -> None:  # noqa: ANN001
    printer = QPrinter()  # outlives the dialog, which keeps a pointer to it
    d = pdf_preview.print_dialog(None, printer, "In danh sách")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    words = _words(d)
    assert "&In" in words and "Hủy" in words
    assert [w for w in words if w in ENGLISH] == []
    d.reject()
    d.deleteLater()
    qtbot.wait(1)


def test_the_calendar_is_vietnamese_from_monday_without_week_numbers(qtbot) -> None:  # noqa: ANN001
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.edit.setText("02/12/2026")
    edit._prepare_calendar()
    calendar = edit.findChild(QCalendarWidget) or edit._calendar
    assert calendar.locale().language() == QLocale.Language.Vietnamese
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
    model = calendar.findChild(QTableView).model()
    days = [model.index(0, c).data() for c in range(model.columnCount())]
    assert days == ["Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN"]
    month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month.text() == "Tháng 12"

