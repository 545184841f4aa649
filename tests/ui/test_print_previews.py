"""The "Print…" actions of the Products, Evaluations and Certificates pages: each opens the
generic PDF preview (ui.widgets.pdf_preview) on a real PDF rendered from real SQLite data;
the saved PDF gives back the expected Vietnamese text (pdftotext); printing goes through
the (replaced) print dialog to a PDF printer on the paper of the PDF's own pages."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from ocop_desktop.i18n import _
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import decisions
from ocop_desktop.services import evaluations as ev
from ocop_desktop.services.decisions import DecisionData, RecognitionItem
from ocop_desktop.ui import ops
from ocop_desktop.ui.certificates.certificates_page import CertificatesPage
from ocop_desktop.ui.pages.evaluations_page import EvaluationsPage
from ocop_desktop.ui.pages.products_page import ProductsPage
from ocop_desktop.ui.widgets import pdf_preview
from ocop_desktop.ui.widgets.pdf_preview import PdfPreviewDialog

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"), pytest.mark.usefixtures("modals")]

MIEN = "Miến dong Phia Đén"
HAT_DE = "Hạt dẻ Trùng Khánh rang"
LAP_SUON = "Lạp sườn Tâm Hòa"
MEMBERS = [("Lương Văn Thắng", "Chủ tịch Hội đồng"), ("Hoàng Thị Mai", "Thành viên")]
SHOTS = Path(__file__).resolve().parents[2] / "build" / "print-previews"


@pytest.fixture
def db(db, set_role):  # noqa: ANN001, ANN201
    """The provincial OCOP office: it records the decisions (issue 9 §2)."""
    set_role(db, "province")
    return db


@pytest.fixture(autouse=True)
def _poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")


def idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)


def pdftotext(path: Path) -> str:
    # -raw: drawing order, so a name wrapped inside its table cell reads back whole
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True, encoding="utf-8").stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def show_page(qtbot, page):  # noqa: ANN001, ANN201
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    idle(qtbot)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / f"{type(page).__name__}.png"))
    return page


def wait_preview(qtbot, dialog) -> PdfPreviewDialog:  # noqa: ANN001
    assert isinstance(dialog, PdfPreviewDialog)
    qtbot.waitUntil(lambda: dialog.page_count > 0 or dialog.failed, timeout=30_000)
    idle(qtbot)
    return dialog


def save_text(dialog: PdfPreviewDialog, tmp_path: Path, monkeypatch, name: str) -> str:  # noqa: ANN001
    out = tmp_path / name
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda parent, suggested: str(out))
    assert dialog.save_current() == str(out)
    return pdftotext(out)


def print_to_pdf(dialog: PdfPreviewDialog, tmp_path: Path, monkeypatch, name: str) -> QPdfDocument:  # noqa: ANN001
    printed = tmp_path / name

    def to_file(parent, printer: QPrinter, title: str = "") -> bool:  # noqa: ANN001
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(600)  # rendered at 300 dpi at most
        return True

    monkeypatch.setattr(pdf_preview, "ask_printer", to_file)
    assert dialog.print_current()
    doc = QPdfDocument()
    doc.load(str(printed))
    return doc


def grab(qtbot, dialog: PdfPreviewDialog, name: str) -> None:  # noqa: ANN001
    """A look at the preview at 1366×768 (build/print-previews/, not committed)."""
    dialog.resize(1366, 768)
    qtbot.wait(400)  # QPdfView renders its pages on a thread
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"{name}.png"))


def council(db, product_id: str) -> str:  # noqa: ANN001
    """A finalised council of two members for the product, every criterion at its best option."""
    with db.read_session() as s:
        from ocop_desktop.models import Product

        product_set = s.get(Product, product_id).product_set
    sheet = load_rubric("qd-26-2026").sheet(product_set)
    best = {c.code: max(range(len(c.options)), key=lambda i: (c.options[i].points, i)) for c in sheet.criteria}
    with db.session() as s:
        eid = ev.create_evaluation(s, product_id, "council", 2026, 1, today=dt.date(2026, 11, 2)).id
    with db.session() as s:
        for name, role in MEMBERS:
            ev.save_sheet_choices(s, ev.add_member(s, eid, name, role).id, best)
    with db.session() as s:
        ev.finalise(s, eid)
    return eid


# -- products --------------------------------------------------------------------------------------

def test_product_list_prints_with_the_pages_search_and_filters(qtbot, sample_db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    page = show_page(qtbot, ProductsPage(sample_db))
    page.stars_filter.setCurrentIndex(page.stars_filter.findData(4))
    page.search.setText("phia den")
    shown = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert MIEN in shown and HAT_DE not in shown

    f = page.product_filter()
    assert f.stars == 4 and f.search == "phia den" and f.commune is None and f.status is None

    dialog = wait_preview(qtbot, page.print_list())
    assert page.print_dialog is dialog and not dialog.failed
    assert dialog.page_count >= 1 and dialog.print_button.isEnabled()
    grab(qtbot, dialog, "product-list")
    text = flat(save_text(dialog, tmp_path, monkeypatch, "products.pdf"))
    assert MIEN in text
    assert HAT_DE not in text and "Bột dong riềng Phia Đén" not in text  # 3★: filtered out

    doc = print_to_pdf(dialog, tmp_path, monkeypatch, "products-printed.pdf")
    assert doc.pageCount() == dialog.page_count
    size = doc.pagePointSize(0)
    assert size.width() < size.height()  # A4 portrait
    assert abs(size.width() - 595.3) < 2 and abs(size.height() - 841.9) < 2
    doc.close()
    dialog.reject()
    idle(qtbot)


def test_the_print_button_opens_the_preview(qtbot, sample_db) -> None:  # noqa: ANN001
    page = show_page(qtbot, ProductsPage(sample_db))
    assert page.print_button.text() == _("Print list…")
    page.print_button.click()
    dialog = wait_preview(qtbot, page.print_dialog)
    assert dialog.isVisible() and dialog.page_count >= 1
    dialog.reject()
    idle(qtbot)


# -- evaluations -----------------------------------------------------------------------------------

def test_council_sheets_and_summary_print(qtbot, sample_db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    eid = council(sample_db, sample_db.sample_ids[MIEN])
    page = show_page(qtbot, EvaluationsPage(sample_db))
    page.select_record(eid)
    assert page.sheets_button.isEnabled() and page.summary_button.isEnabled()

    page.sheets_button.click()
    sheets = wait_preview(qtbot, page.dialog)
    assert not sheets.failed and sheets.page_count >= len(MEMBERS)
    grab(qtbot, sheets, "evaluation-sheets")
    text = flat(save_text(sheets, tmp_path, monkeypatch, "sheets.pdf"))
    assert "PHIẾU ĐÁNH GIÁ" in text.upper() and MIEN in text
    for name, _role in MEMBERS:
        assert name in text
    doc = print_to_pdf(sheets, tmp_path, monkeypatch, "sheets-printed.pdf")
    assert doc.pageCount() == sheets.page_count
    assert doc.pagePointSize(0).width() < doc.pagePointSize(0).height()  # A4 portrait
    doc.close()
    sheets.reject()
    idle(qtbot)

    page.summary_button.click()
    summary = wait_preview(qtbot, page.dialog)
    assert summary is not sheets and not summary.failed and summary.page_count >= 1
    grab(qtbot, summary, "council-summary")
    text = flat(save_text(summary, tmp_path, monkeypatch, "summary.pdf"))
    assert MIEN in text and all(name in text for name, _r in MEMBERS)
    summary.reject()
    idle(qtbot)


def test_a_draft_without_choices_is_refused_in_the_dialog(qtbot, sample_db, modals) -> None:  # noqa: ANN001
    with sample_db.session() as s:
        eid = ev.create_evaluation(s, sample_db.sample_ids[HAT_DE], "council", 2026, 1).id
    page = show_page(qtbot, EvaluationsPage(sample_db))
    dialog = wait_preview(qtbot, page.print_council_summary(eid))
    assert dialog.failed and dialog.page_count == 0
    assert _("This document cannot be printed.") in dialog.refusal_text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert "Traceback" not in dialog.refusal_text() and modals.errors == []
    grab(qtbot, dialog, "refused")
    dialog.reject()
    idle(qtbot)


def test_summary_is_only_offered_for_a_council(qtbot, sample_db) -> None:  # noqa: ANN001
    with sample_db.session() as s:
        eid = ev.create_evaluation(s, sample_db.sample_ids[HAT_DE], "self", 2026, 1).id
    page = show_page(qtbot, EvaluationsPage(sample_db))
    page.select_record(eid)
    assert page.sheets_button.isEnabled()
    assert not page.summary_button.isEnabled()


# -- certificates ----------------------------------------------------------------------------------

def test_decision_list_prints_from_the_register(qtbot, sample_db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    with sample_db.session() as s:
        decisions.record_recognition(s, DecisionData(
            kind="recognition", number="1234/QĐ-UBND", date=dt.date.today(),
            authority="Ủy ban nhân dân tỉnh Cao Bằng", level="province", signer_name="Nguyễn Văn A",
            signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
            [RecognitionItem(sample_db.sample_ids[MIEN], 4), RecognitionItem(sample_db.sample_ids[LAP_SUON], 3)])
    page = show_page(qtbot, CertificatesPage(sample_db))
    row = next(r for r in page.model.all_rows() if r.product_name == MIEN)
    page.select_record(row.id)
    assert page.decision_list_button.isEnabled()
    page.decision_list_button.click()
    dialog = wait_preview(qtbot, page.dialog)
    assert not dialog.failed and dialog.page_count >= 1
    assert "1234/QĐ-UBND" in dialog.windowTitle()
    grab(qtbot, dialog, "decision-list")
    text = flat(save_text(dialog, tmp_path, monkeypatch, "decision.pdf"))
    assert MIEN in text and LAP_SUON in text and "1234/QĐ-UBND" in text
    doc = print_to_pdf(dialog, tmp_path, monkeypatch, "decision-printed.pdf")
    assert doc.pagePointSize(0).width() < doc.pagePointSize(0).height()  # A4 portrait
    doc.close()
    dialog.reject()
    idle(qtbot)


def test_an_unwritable_path_is_a_message(qtbot, sample_db, tmp_path, monkeypatch, modals) -> None:  # noqa: ANN001
    page = show_page(qtbot, ProductsPage(sample_db))
    dialog = wait_preview(qtbot, page.print_list())
    monkeypatch.setattr(pdf_preview, "ask_save_path",
                        lambda parent, suggested: str(tmp_path / "no-such-folder" / "x.pdf"))
    assert dialog.save_current() is None
    assert modals.errors and "no-such-folder" in modals.errors[0][1]
    dialog.reject()
    idle(qtbot)


def test_the_evaluation_dialog_prints_its_sheets_and_summary(qtbot, sample_db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from ocop_desktop.ui.evaluation.evaluation_dialog import EvaluationDialog

    eid = council(sample_db, sample_db.sample_ids[MIEN])
    dialog = EvaluationDialog(sample_db, eid)
    qtbot.addWidget(dialog)
    dialog.show()
    actions = [a.text() for a in dialog.print_button.menu().actions()]
    assert actions == [_("Print sheets…"), _("Print council summary…")]

    sheets = wait_preview(qtbot, dialog.print_sheets())
    assert dialog.print_dialog is sheets and sheets.page_count >= len(MEMBERS)
    text = flat(save_text(sheets, tmp_path, monkeypatch, "dialog-sheets.pdf"))
    assert MIEN in text and MEMBERS[1][0] in text
    sheets.reject()
    idle(qtbot)

    summary = wait_preview(qtbot, dialog.print_council_summary())
    assert not summary.failed and summary.page_count >= 1
    summary.reject()
    idle(qtbot)
    dialog.reject()
    idle(qtbot)


def test_dossier_forms_print_from_the_product_list(qtbot, sample_db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    page = show_page(qtbot, ProductsPage(sample_db))
    with sample_db.read_session() as s:
        from ocop_desktop.models import Product

        pid = s.query(Product.id).filter(Product.name == MIEN).scalar()
    dialog = wait_preview(qtbot, page.print_form(pid, "01"))
    assert not dialog.failed and dialog.page_count >= 1
    text = flat(save_text(dialog, tmp_path, monkeypatch, "mau-01.pdf"))
    assert "PHIẾU ĐĂNG KÝ" in text and MIEN in text
    dialog.reject()
    idle(qtbot)
    # Mẫu 03 needs the commune's report: without one, the reason shows in the dialog.
    dialog = wait_preview(qtbot, page.print_form(pid, "03"))
    assert dialog.failed
    dialog.reject()
    idle(qtbot)
