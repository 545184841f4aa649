"""The certificate layout dialog: settings saved, a live preview of a sample certificate,
pictures checked, missing settings visible on the preview."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtPdf import QPdfDocument

from ocop_desktop.services import print_settings as ps
from ocop_desktop.ui.dialogs.certificate_layout_dialog import (
    CertificateLayoutDialog,
    render_preview,
)

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints")


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_missing_settings_show_on_the_preview(db, tmp_path: Path) -> None:  # noqa: ANN001
    out = render_preview(db.path, ps.PrintSettings(), tmp_path / "p.pdf")
    assert "chưa khai báo" in _text(out)
    out = render_preview(db.path, ps.PrintSettings(authority="Ủy ban nhân dân tỉnh Cao Bằng", place="Cao Bằng",
                                                   signer_name="Nguyễn Văn Hải",
                                                   signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), tmp_path / "q.pdf")
    text = _text(out)
    assert "ỦY BAN NHÂN DÂN" in text and "TỈNH CAO BẰNG" in text  # set in two lines, as on official papers
    assert "Nguyễn Văn Hải" in text and "chưa khai báo" not in text


def test_edit_preview_and_save(qtbot, db, tmp_path: Path) -> None:  # noqa: ANN001
    dlg = CertificateLayoutDialog(db)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.document.status() == QPdfDocument.Status.Ready, timeout=10_000)
    assert dlg.document.pageCount() == 1
    for edit, text in ((dlg.authority, "Ủy ban nhân dân tỉnh Cao Bằng"), (dlg.signer_name, "Nguyễn Văn Hải")):
        edit.setText(text)  # QTest types ASCII only: set the Vietnamese text, then signal the edit
        edit.textEdited.emit(text)
    first = dlg._n  # noqa: SLF001
    qtbot.waitUntil(lambda: dlg._n > first and dlg.document.status() == QPdfDocument.Status.Ready,  # noqa: SLF001
                    timeout=10_000)
    logo = tmp_path / "logo.png"
    Image.new("RGB", (80, 80), "darkred").save(logo)
    dlg.add_picture("logo", logo)
    assert dlg.settings.logo and ps.image_file(db.path, dlg.settings.logo) is not None
    dlg.save()
    with db.read_session() as s:
        saved = ps.get_print_settings(s)
    assert saved.authority == "Ủy ban nhân dân tỉnh Cao Bằng" and saved.signer_name == "Nguyễn Văn Hải"
    assert saved.logo == dlg.settings.logo


def test_a_bad_picture_is_refused_with_a_message(qtbot, db, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    shown = []
    monkeypatch.setattr("ocop_desktop.ui.dialogs.certificate_layout_dialog.show_known_error",
                        lambda parent, exc: shown.append(exc.message))
    dlg = CertificateLayoutDialog(db)
    qtbot.addWidget(dlg)
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"no picture here")
    dlg.add_picture("logo", bad)
    assert shown and "logo.png" in shown[0]
    assert dlg.settings.logo == ""
