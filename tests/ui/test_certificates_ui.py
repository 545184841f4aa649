"""The Certificates section on real widgets, a real SQLite file and real PDFs: a recognition
decision recorded through the dialog, the register, the in-app preview (QtPdf), saving and
printing, revoking, and the refusal of an expired certificate."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from ocop_desktop.domain.certificates import CertificateStatus
from ocop_desktop.i18n import _
from ocop_desktop.services import decisions
from ocop_desktop.services.decisions import DecisionData, RecognitionItem
from ocop_desktop.ui import ops
from ocop_desktop.ui.certificates import preview_dialog
from ocop_desktop.ui.certificates.certificates_page import CertificatesPage
from ocop_desktop.ui.certificates.decision_dialog import RecognitionDialog
from ocop_desktop.ui.certificates.preview_dialog import CertificatePreviewDialog
from ocop_desktop.ui.certificates.revocation_dialog import RevocationDialog

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"), pytest.mark.usefixtures("modals")]

LEFT = Qt.MouseButton.LeftButton
MIEN = "Miến dong Phia Đén"
HAT_DE = "Hạt dẻ Trùng Khánh rang"


@pytest.fixture
def db(db, set_role):  # noqa: ANN001, ANN201
    """The provincial OCOP office: it records the decisions (issue 9 §2)."""
    set_role(db, "province")
    return db


def idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)


def page_for(qtbot, db) -> CertificatesPage:  # noqa: ANN001
    page = CertificatesPage(db)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    idle(qtbot)
    return page


def decision(number: str, day: dt.date, kind: str = "recognition") -> DecisionData:
    return DecisionData(kind=kind, number=number, date=day, authority="Ủy ban nhân dân tỉnh Cao Bằng",
                        level="province", signer_name="Nguyễn Văn A", signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")


def recognise(db, product_id: str, stars: int, number: str, day: dt.date) -> str:  # noqa: ANN001
    with db.session() as s:
        d = decisions.record_recognition(s, decision(number, day), [RecognitionItem(product_id, stars)])
        return d.id


def row_of(page: CertificatesPage, product_name: str):  # noqa: ANN001, ANN201
    return next(r for r in page.model.all_rows() if r.product_name == product_name)


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def open_preview(qtbot, page: CertificatesPage, product_name: str) -> CertificatePreviewDialog:  # noqa: ANN001
    page.select_record(row_of(page, product_name).id)
    with qtbot.waitSignal(page.loaded, timeout=1, raising=False):
        pass
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, CertificatePreviewDialog)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=20_000)
    idle(qtbot)
    return dialog


# -- recording a decision --------------------------------------------------------------------------

def test_record_a_decision_then_preview_save_and_print(qtbot, sample_db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    page = page_for(qtbot, sample_db)
    assert page.model.all_rows() == []
    assert page.empty_button.isVisible()

    dialog = page.new_record()
    assert isinstance(dialog, RecognitionDialog)
    names = [c.name for c in dialog.candidates]
    assert MIEN in names and HAT_DE in names
    assert "Hạt dẻ Trùng Khánh tươi" not in names  # no rank: nothing to recognise
    f = dialog.fields
    f.number.setText("1234/QĐ-UBND")
    f.date.set_date(dt.date.today())
    f.signer_name.setText("Nguyễn Văn A")
    f.signer_title.setText("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    assert f.authority.text() == "Ủy ban nhân dân tỉnh Cao Bằng"

    # Nothing chosen, then 5★ on a provincial decision: the service's messages, under the table.
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible()
    assert dialog.error_for("items")
    dialog.choose(sample_db.sample_ids[MIEN], 5)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible()
    assert MIEN in dialog.error_for("items")
    dialog.choose(sample_db.sample_ids[MIEN], 4)
    dialog.choose(sample_db.sample_ids[HAT_DE])
    row = [c.name for c in dialog.candidates].index(HAT_DE)
    assert dialog.stars_of(row) == 4
    # The stars cell is edited through a combo that exists only while editing.
    index = dialog.table.model().index(row, dialog.COL_STARS)
    delegate = dialog.table.itemDelegateForColumn(dialog.COL_STARS)
    editor = delegate.createEditor(dialog.table.viewport(), None, index)
    delegate.setEditorData(editor, index)
    assert editor.currentData() == 4
    editor.setCurrentIndex(editor.findData(3))
    delegate.setModelData(editor, dialog.table.model(), index)
    assert dialog.stars_of(row) == 3 and dialog.table.item(row, dialog.COL_STARS).text() == "★★★"
    dialog.set_stars(row, 4)
    editor.deleteLater()
    assert dialog.validate() == {}  # the check is a dry run: nothing written yet
    with sample_db.read_session() as s:
        assert decisions.list_certificates(s) == []
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible() and dialog.saved_id
    qtbot.waitUntil(lambda: len(page.model.all_rows()) == 2, timeout=10_000)
    idle(qtbot)

    row = row_of(page, MIEN)
    assert row.status == CertificateStatus.VALID and row.stars == 4
    assert row.decision_number == "1234/QĐ-UBND"
    status_col = page.model.column_of("status")
    index = page.proxy.index(page.proxy.proxy_row_of(row.id), status_col)
    assert index.data() == _("Valid")
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#1b7a2e"

    # Search narrows the register.
    page.search.setText("mien dong")
    assert page.proxy.rowCount() == 1
    page.search.clear()

    # Enter opens the preview: a real one-page PDF.
    preview = open_preview(qtbot, page, MIEN)
    assert preview.page_count == 1
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()

    # Save PDF…: the file is the certificate.
    out = tmp_path / "saved.pdf"
    monkeypatch.setattr(preview_dialog, "ask_save_path", lambda parent, suggested: str(out))
    qtbot.mouseClick(preview.save_button, LEFT)
    idle(qtbot)
    text = pdftotext(out)
    assert MIEN in text and "GIẤY CHỨNG NHẬN" in text and "1234/QĐ-UBND" in text
    with sample_db.read_session() as s:
        assert decisions.certificate_detail(s, row.id).copies_printed == 1

    # An unwritable path: a message, no traceback.
    modals = preview_dialog.messages
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(modals, "show_error", lambda parent, title, text, details="": errors.append((title, text)))
    monkeypatch.setattr(preview_dialog, "ask_save_path",
                        lambda parent, suggested: str(tmp_path / "no-such-folder" / "x.pdf"))
    qtbot.mouseClick(preview.save_button, LEFT)
    assert errors and "no-such-folder" in errors[0][1]

    # Print…: each page painted on the printer (a PDF printer here).
    printed = tmp_path / "printed.pdf"

    def to_file(parent, printer: QPrinter) -> bool:  # noqa: ANN001
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(1200)  # rendered at 300 dpi at most
        return True

    monkeypatch.setattr(preview_dialog, "ask_printer", to_file)
    qtbot.mouseClick(preview.print_button, LEFT)
    idle(qtbot)
    printed_doc = QPdfDocument()
    printed_doc.load(str(printed))
    assert printed_doc.pageCount() == 1
    size = printed_doc.pagePointSize(0)
    assert size.width() > size.height()  # A4 landscape
    printed_doc.close()

    # "Copy" ticked: a reprint is marked BẢN SAO.
    preview.copy_box.setChecked(True)
    qtbot.waitUntil(lambda: preview.print_button.isEnabled(), timeout=20_000)
    idle(qtbot)
    copy_out = tmp_path / "copy.pdf"
    monkeypatch.setattr(preview_dialog, "ask_save_path", lambda parent, suggested: str(copy_out))
    qtbot.mouseClick(preview.save_button, LEFT)
    idle(qtbot)
    assert "BẢN SAO" in pdftotext(copy_out)

    # Every certificate of the decision in one PDF.
    monkeypatch.setattr(preview_dialog, "ask_printer", lambda parent, printer: False)
    qtbot.mouseClick(preview.decision_button, LEFT)
    qtbot.waitUntil(lambda: preview.page_count == 2, timeout=20_000)
    idle(qtbot)
    assert "1234/QĐ-UBND" in preview.title.text()
    preview.reject()
    idle(qtbot)


def test_revoke_changes_the_status(qtbot, sample_db) -> None:  # noqa: ANN001
    recognise(sample_db, sample_db.sample_ids[MIEN], 4, "100/QĐ-UBND", dt.date.today() - dt.timedelta(days=30))
    page = page_for(qtbot, sample_db)
    row = row_of(page, MIEN)
    assert row.status == CertificateStatus.VALID
    page.select_record(row.id)
    assert page.revoke_button.isEnabled()
    qtbot.mouseClick(page.revoke_button, LEFT)
    dialog = page.dialog
    assert isinstance(dialog, RevocationDialog)
    f = dialog.fields
    f.number.setText("200/QĐ-UBND")
    f.date.set_date(dt.date.today())
    f.signer_name.setText("Nguyễn Văn A")
    f.signer_title.setText("CHỦ TỊCH")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible() and dialog.error_for("ground")
    dialog.set_ground("dd")
    assert "không còn hoạt động" in dialog.ground_text.text()
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: row_of(page, MIEN).status == CertificateStatus.REVOKED, timeout=10_000)
    idle(qtbot)
    assert not page.revoke_button.isEnabled()
    page.set_status_filter("revoked")
    assert page.proxy.rowCount() == 1
    page.set_status_filter("live")
    assert page.proxy.rowCount() == 0

    # Its preview is the archive copy, watermarked, with the reason above it.
    page.set_status_filter(None)
    preview = open_preview(qtbot, page, MIEN)
    assert preview.page_count == 1 and preview.current.archive
    assert "200/QĐ-UBND" in preview.skipped.text() and "đ)" in preview.skipped.text()
    preview.reject()


def test_an_expired_certificate_previews_as_a_watermarked_archive_copy(qtbot, sample_db, tmp_path,  # noqa: ANN001
                                                                       monkeypatch) -> None:
    recognise(sample_db, sample_db.sample_ids[HAT_DE], 4, "50/QĐ-UBND", dt.date(2021, 3, 15))
    page = page_for(qtbot, sample_db)
    row = row_of(page, HAT_DE)
    assert row.status == CertificateStatus.EXPIRED
    assert not page.revoke_button.isEnabled()
    preview = open_preview(qtbot, page, HAT_DE)
    assert preview.page_count == 1 and preview.current.archive
    text = preview.skipped.text()
    assert "BẢN LƯU" in text and "15/03/2024" in text and HAT_DE in text
    assert "Traceback" not in text
    out = tmp_path / "luu.pdf"
    monkeypatch.setattr(preview_dialog, "ask_save_path", lambda parent, suggested: str(out))
    assert preview.save_current() == str(out)
    idle(qtbot)
    printed = pdftotext(out)
    assert "BẢN LƯU" in printed and "hết hiệu lực ngày 15/03/2024" in printed
    assert "BẢN SAO" not in printed
    with sample_db.read_session() as s:  # an archive copy is not a printed certificate
        detail = decisions.certificate_detail(s, row.id)
        assert detail.copies_printed == 0 and detail.first_printed_at is None
    preview.reject()


def test_missing_settings_show_in_the_preview(qtbot, sample_db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    with sample_db.session() as s:
        d = decisions.record_recognition(s, decision("7/QĐ-UBND", dt.date.today()),
                                         [RecognitionItem(sample_db.sample_ids[MIEN], 3)])
        d.authority = ""  # as if the decision had been imported without it
        cid = decisions.list_certificates(s)[0].id
    dialog = CertificatePreviewDialog(sample_db, cid)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=20_000)
    idle(qtbot)
    assert dialog.page_count == 1
    out = tmp_path / "missing.pdf"
    monkeypatch.setattr(preview_dialog, "ask_save_path", lambda parent, suggested: str(out))
    dialog.save_current()
    idle(qtbot)
    assert "chưa khai báo cơ quan ban hành" in pdftotext(out)
    dialog.reject()


@pytest.fixture(autouse=True)
def _poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")



def test_the_layout_settings_open_from_the_register(qtbot, sample_db) -> None:  # noqa: ANN001
    from ocop_desktop.ui.dialogs.certificate_layout_dialog import CertificateLayoutDialog

    page = page_for(qtbot, sample_db)
    qtbot.mouseClick(page.layout_button, LEFT)
    dialog = page.dialog
    assert isinstance(dialog, CertificateLayoutDialog) and dialog.isVisible()
    idle(qtbot)
    dialog.reject()
    idle(qtbot)
