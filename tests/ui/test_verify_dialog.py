"""Issue 9 §4: verify a certificate in the app, from pasted text or from a picture of the
printed certificate (a real PDF rendered by the app, rasterised by pdftoppm; and the PDF itself)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from ocop_desktop.reports import certificates_from_db
from ocop_desktop.services import decisions
from ocop_desktop.ui import ops
from ocop_desktop.ui.certificates.certificates_page import CertificatesPage
from ocop_desktop.ui.certificates.verify_dialog import VerifyCertificateDialog

pytestmark = [pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints"),
              pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")]

MIEN = "Miến dong Phia Đén"
TODAY = dt.date.today()


def _decision(**kw) -> decisions.DecisionData:  # noqa: ANN003
    base = dict(number="12/QĐ-UBND", date=TODAY, authority="Ủy ban nhân dân tỉnh Cao Bằng", level="province",
                signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH")
    base.update(kw)
    return decisions.DecisionData(**base)


@pytest.fixture
def printed(sample_db, set_role, tmp_path: Path):  # noqa: ANN001, ANN201
    set_role(sample_db, "province")
    pid = sample_db.sample_ids[MIEN]
    with sample_db.session() as s:
        decisions.record_recognition(s, _decision(), [(pid, 4)])
    pdf = tmp_path / "gcn.pdf"
    certificates_from_db.print_certificates(sample_db, pdf, product_id=pid)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "page")], check=True)
    return sample_db, pid, pdf, next(tmp_path.glob("page*.png"))


def _dialog(qtbot, db) -> VerifyCertificateDialog:  # noqa: ANN001
    dialog = VerifyCertificateDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _wait(qtbot, dialog: VerifyCertificateDialog) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ops.running() and dialog.check_button.isEnabled(), timeout=20_000)


def test_open_a_scan_then_paste_a_forged_text(qtbot, printed) -> None:  # noqa: ANN001
    db, _pid, _pdf, png = printed
    dialog = _dialog(qtbot, db)
    dialog.open_picture(png)
    _wait(qtbot, dialog)
    assert dialog.checked is not None and dialog.checked.check.verdict == "valid"
    assert dialog.headline.text().startswith("Giấy chứng nhận thật") and dialog.headline.isVisible()
    assert dialog.values["product"].text() == MIEN and dialog.values["stars"].text() == "4 sao"
    assert dialog.values["producer"].text() == "Hợp tác xã Nông nghiệp Phia Đén"
    assert dialog.text_edit.toPlainText().startswith("GIẤY CHỨNG NHẬN SẢN PHẨM OCOP\n")

    dialog.text_edit.setPlainText(dialog.text_edit.toPlainText().replace("Hạng: 4 sao", "Hạng: 5 sao"))
    dialog.check_text()
    _wait(qtbot, dialog)
    assert dialog.checked.check.verdict == "forged" and dialog.headline.text().startswith("Giả mạo")
    assert dialog.values["stars"].text() == "5 sao"  # shown, under the red warning

    dialog.text_edit.setPlainText("xin chào")
    dialog.check_text()
    _wait(qtbot, dialog)
    assert dialog.checked.check.verdict == "malformed" and not dialog.details.isVisible()


def test_the_pdf_itself_and_a_revoked_certificate(qtbot, printed) -> None:  # noqa: ANN001
    db, pid, pdf, _png = printed
    with db.session() as s:
        cid = decisions.current_certificate_ids(s, [pid])[pid]
        decisions.revoke(s, [cid], _decision(kind="revocation", number="88/QĐ-UBND"), "b")
    dialog = _dialog(qtbot, db)
    dialog.open_picture(pdf)  # rendered with QtPdf, no poppler needed in the app
    _wait(qtbot, dialog)
    assert dialog.checked.check.verdict == "revoked" and "88/QĐ-UBND" in dialog.headline.text()


def test_a_file_that_is_not_a_picture(qtbot, printed, tmp_path: Path) -> None:  # noqa: ANN001
    db, *_rest = printed
    bad = tmp_path / "ghi-chu.jpg"
    bad.write_text("không phải ảnh")
    dialog = _dialog(qtbot, db)
    dialog.open_picture(bad)
    _wait(qtbot, dialog)
    assert "ghi-chu.jpg" in dialog.headline.text() and dialog.checked is None
    from PIL import Image

    blank = tmp_path / "trang.png"
    Image.new("L", (300, 200), 255).save(blank)
    dialog.open_picture(blank)
    _wait(qtbot, dialog)
    assert "Không tìm thấy mã QR" in dialog.headline.text()


def test_the_register_opens_it(qtbot, sample_db) -> None:  # noqa: ANN001
    page = CertificatesPage(sample_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    assert page.verify_button.isEnabled()  # a field office verifies too
    dialog = page.verify_certificate()
    assert isinstance(dialog, VerifyCertificateDialog)
    dialog.reject()
