"""Help › User guide (the offline Vietnamese guide with its pictures) and File › Restore
from a backup… on real widgets and real database files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from sqlalchemy import select

from ocop_desktop import paths
from ocop_desktop.i18n import format_datetime
from ocop_desktop.models import Producer
from ocop_desktop.ui import ops
from ocop_desktop.ui import restore as restore_ui
from ocop_desktop.ui.help_dialog import GuideDialog, guide_path
from ocop_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
SCREENSHOTS = paths.PROJECT_ROOT / "docs" / "screenshots"


def _window(qtbot, db) -> MainWindow:  # noqa: ANN001
    w = MainWindow(db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.page("producers").has_loaded and w.office is not None, timeout=10_000)
    return w


def _add(db, name: str) -> str:  # noqa: ANN001
    with db.session() as s:
        p = Producer(kind="htx", name=name, commune_code=1477)
        s.add(p)
        s.flush()
        return p.id


def _names(db) -> list[str]:  # noqa: ANN001
    with db.read_session() as s:
        return sorted(s.scalars(select(Producer.name).where(Producer.deleted.is_(False))))


def _menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


# -- the guide ----------------------------------------------------------------------------------

def test_user_guide_opens_from_the_help_menu_in_vietnamese_with_pictures(qtbot, db) -> None:  # noqa: ANN001
    window = _window(qtbot, db)
    assert "Hướng dẫn sử dụng" in _menu_texts(window, "Trợ &giúp")
    window.guide_action.trigger()
    dialog = window.guide_dialog
    assert isinstance(dialog, GuideDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Hướng dẫn sử dụng"
    text = dialog.browser.toPlainText()
    for task in ("Thêm chủ thể và sản phẩm", "Hội đồng", "in giấy chứng nhận", "USB", "Khôi phục từ bản sao lưu…"):
        assert task in text, task
    doc = dialog.browser.document()
    image = doc.resource(QTextDocument.ResourceType.ImageResource.value, QUrl("images/producers.png"))
    assert image is not None and not image.isNull() and image.width() > 600  # the picture really loaded
    assert dialog.width() <= 1366 and dialog.height() <= 768
    dialog.close()


def test_every_picture_of_the_guide_is_a_shipped_screenshot() -> None:
    html = guide_path().read_text(encoding="utf-8")
    names = re.findall(r'<img src="images/([^"]+)"', html)
    assert len(names) >= 8
    for name in names:
        picture = guide_path().parent / "images" / name
        assert picture.is_file(), name
        assert (SCREENSHOTS / name).is_file(), name  # same file names: re-taken screenshots are copied over
    import unicodedata

    assert unicodedata.normalize("NFC", html) == html


# -- restore --------------------------------------------------------------------------------------

def test_restore_from_a_backup_replaces_the_data_and_reopens(qtbot, db, modals, tmp_path: Path) -> None:  # noqa: ANN001
    _add(db, "HTX Miến dong Phia Đén")
    backup = db.backup_to(tmp_path / "backup-monday.sqlite")
    when = dt.datetime.fromtimestamp(backup.stat().st_mtime)  # noqa: DTZ006
    _add(db, "HTX Chè Trùng Khánh")  # entered after the backup
    window = _window(qtbot, db)
    assert "Khôi phục từ bản sao lưu…" in _menu_texts(window, "&Tệp")
    page = window.page("producers")
    assert page.model.rowCount() == 2

    with qtbot.waitSignal(window.database_replaced, timeout=20_000) as replaced:
        flow = window.restore_backup(backup)
    new_db = replaced.args[0]
    try:
        qtbot.waitUntil(lambda: not ops.running(), timeout=10_000)
        (title, question), = modals.asked
        assert format_datetime(when) in question
        assert window.db is new_db and new_db is not db and window.isEnabled()
        assert _names(new_db) == ["HTX Miến dong Phia Đén"]
        shown = window.page("producers")
        qtbot.waitUntil(lambda: shown.has_loaded, timeout=10_000)
        assert shown is not page and shown.model.rowCount() == 1
        kept = list(paths.backups_dir(new_db.path).glob("*before-restore*.sqlite"))
        assert len(kept) == 1  # the data as it was is kept
        assert "Khôi phục" in window.statusBar().currentMessage() or "backup" in window.statusBar().currentMessage()
        assert flow is window.restore_flow
        _add(new_db, "HTX Hạt dẻ Trùng Khánh")  # the reopened database takes writes
        assert len(_names(new_db)) == 2
    finally:
        window.close()
        new_db.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(qtbot, db, modals, tmp_path: Path,  # noqa: ANN001
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _add(db, "HTX Miến dong Phia Đén")
    good = db.backup_to(tmp_path / "good.sqlite")
    damaged = tmp_path / "damaged.sqlite"
    data = bytearray(good.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of the file overwritten
    damaged.write_bytes(bytes(data))
    shown: list[str] = []
    monkeypatch.setattr(restore_ui, "show_known_error", lambda parent, exc, title=None: shown.append(exc.message))
    window = _window(qtbot, db)
    finished: list[bool] = []
    flow = window.restore_backup(damaged)
    flow.finished.connect(finished.append)
    qtbot.waitUntil(lambda: finished == [False], timeout=20_000)
    assert len(shown) == 1 and str(damaged) in shown[0]
    assert modals.asked == []  # refused before any question
    assert window.db is db and window.isEnabled() and _names(db) == ["HTX Miến dong Phia Đén"]
    assert not list(paths.backups_dir(db.path).glob("*before-restore*"))


def test_a_backup_of_another_office_is_asked_with_both_names(qtbot, db, modals, tmp_path: Path) -> None:  # noqa: ANN001
    from ocop_desktop.db import Database
    from ocop_desktop.services import office

    other = Database.open(tmp_path / "other.sqlite")
    with other.session() as s:
        office.save_local_office(s, office.OfficeData(name="Trạm Khuyến nông Hà Quảng", role="field", province_code=4,
                                                      commune_codes=[1489], officer_name=""))
    backup = other.backup_to(tmp_path / "other-backup.sqlite")
    other.close()
    window = _window(qtbot, db)
    with qtbot.waitSignal(window.database_replaced, timeout=20_000) as replaced:
        window.restore_backup(backup)
    new_db = replaced.args[0]
    try:
        qtbot.waitUntil(lambda: not ops.running(), timeout=10_000)
        (title, question), = modals.asked
        assert "Trạm Khuyến nông Hà Quảng" in question and "Trung tâm Dịch vụ nông nghiệp Trùng Khánh" in question
        with new_db.read_session() as s:
            assert office.local_office(s).name == "Trạm Khuyến nông Hà Quảng"  # confirmed: replaced
    finally:
        window.close()
        new_db.close()


def test_restoring_the_database_onto_itself_is_refused_before_any_question(qtbot, db, modals,  # noqa: ANN001
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(restore_ui, "show_known_error", lambda parent, exc, title=None: shown.append(exc.message))
    window = _window(qtbot, db)
    finished: list[bool] = []
    flow = window.restore_backup(db.path)
    flow.finished.connect(finished.append)
    qtbot.waitUntil(lambda: finished == [False], timeout=20_000)
    assert len(shown) == 1 and str(db.path) in shown[0]
    assert modals.asked == [] and window.db is db and window.isEnabled()


def test_the_guide_covers_the_ocop_cycle_section() -> None:
    html = guide_path().read_text(encoding="utf-8")
    assert '<a href="#chu-trinh">' in html and '<h2 id="chu-trinh">' in html  # in the table of contents
    section = html.split('<h2 id="chu-trinh">', 1)[1].split("<h2", 1)[0]
    for words in ("Chu trình OCOP", "Ý tưởng sản phẩm", "Tạo sản phẩm", "Xúc tiến thương mại", "Thêm gian hàng",
                  "Điểm bán sản phẩm OCOP", "Tập huấn", "Hỗ trợ", "Nguồn kinh phí", "903.000.000 đ", "Lịch sử"):
        assert words in section, words
    assert 'src="images/cycle-ideas.png"' in section


def test_the_guide_covers_network_sync_and_reports() -> None:
    html = guide_path().read_text(encoding="utf-8")
    for anchor, words, picture in (
            ("qua-mang", ("Gửi và nhận qua mạng", "Xem các gói đang chờ", "Hủy", "mã ghim"), "sync-relay.png"),
            ("bao-cao", ("Tổng quan", "Bấm vào một con số", "đạt X% kế hoạch", "Ctrl+T", "Chốt báo cáo đã gửi…"),
             "reports-dashboard.png")):
        assert f'<a href="#{anchor}">' in html and f'<h2 id="{anchor}">' in html
        section = html.split(f'<h2 id="{anchor}">', 1)[1].split("<h2", 1)[0]
        for w in words:
            assert w in section, w
        assert f'src="images/{picture}"' in section

