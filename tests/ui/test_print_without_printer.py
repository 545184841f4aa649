"""The default print action never writes a file by itself: with no printer installed it says
so and offers "Save PDF…" with a file dialog; Qt's print dialog offers printers only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter
from test_print_previews import idle, pdftotext, show_page, wait_preview

from ocop_desktop.ui.pages.products_page import ProductsPage
from ocop_desktop.ui.widgets import pdf_preview

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("USERPROFILE", str(folder))
    monkeypatch.chdir(folder)  # a relative file name would land here too
    assert Path.home() == folder
    return folder


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _preview(qtbot, sample_db):  # noqa: ANN001, ANN202
    page = show_page(qtbot, ProductsPage(sample_db))
    return wait_preview(qtbot, page.print_list())


def test_print_with_no_printer_writes_nothing_and_says_so(qtbot, sample_db, home, modals, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(pdf_preview, "printers_installed", lambda: False)
    asked_path = []
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda parent, suggested: asked_path.append(suggested))
    dialog = _preview(qtbot, sample_db)
    modals.answers = [False]  # "Close"
    assert dialog.print_current() is False
    idle(qtbot)
    assert modals.asked and modals.asked[-1][1] == "Máy tính này chưa cài máy in nào."
    assert asked_path == [] and _files(home) == []
    dialog.reject()


def test_no_printer_offers_save_pdf_through_the_file_dialog(qtbot, sample_db, home, tmp_path, modals, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(pdf_preview, "printers_installed", lambda: False)
    out = tmp_path / "chosen" / "danh-sach.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda parent, suggested: str(out))
    dialog = _preview(qtbot, sample_db)
    modals.answers = [True]  # "Lưu PDF…"
    assert dialog.print_current() is False  # nothing was printed …
    assert "DANH SÁCH SẢN PHẨM" in pdftotext(out).upper()  # … the officer saved where they chose
    assert _files(home) == []
    dialog.reject()


def test_the_real_default_on_this_machine_writes_nothing(qtbot, sample_db, home, modals) -> None:  # noqa: ANN001
    if pdf_preview.printers_installed():
        pytest.skip("a printer is installed here")
    dialog = _preview(qtbot, sample_db)
    modals.answers = [False]
    assert dialog.print_current() is False
    assert _files(home) == []
    dialog.reject()


def test_the_print_dialog_offers_no_print_to_file(qtbot) -> None:  # noqa: ANN001
    printer = QPrinter()
    dialog = pdf_preview.print_dialog(None, printer, "In")
    qtbot.addWidget(dialog)
    assert not dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile)
    assert dialog.windowTitle() == "In"
