"""First-run wizard (creates the office) and the settings page (changes it, backs up)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from ocop_desktop import settings as preferences
from ocop_desktop.i18n import _
from ocop_desktop.services.office import local_office
from ocop_desktop.ui import ops
from ocop_desktop.ui.first_run import FirstRunWizard
from ocop_desktop.ui.pages.settings_page import SettingsPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def click(qtbot, wizard, which) -> None:  # noqa: ANN001
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def click_radio(qtbot, button) -> None:  # noqa: ANN001
    # On its indicator: the widget is wider than the part that reacts to clicks.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def tick_commune(qtbot, picker, query: str) -> None:  # noqa: ANN001
    picker.search.clear()
    qtbot.keyClicks(picker.search, query)
    assert picker.proxy.rowCount() == 1, query
    picker.view.setFocus()
    picker.view.setCurrentIndex(picker.proxy.index(0, 0))
    qtbot.keyClick(picker.view, Qt.Key.Key_Space)


def test_first_run_wizard_creates_the_office(qtbot, empty_db) -> None:  # noqa: ANN001
    wizard = FirstRunWizard(empty_db)
    qtbot.addWidget(wizard)
    wizard.show()
    f = wizard.fields

    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # nothing typed yet
    assert wizard.currentPage() is wizard.office_page
    assert f.errors["name"].isVisible() and f.errors["name"].text() == _("Office name: required.")

    qtbot.keyClicks(f.name, "Trung tam Dich vu nong nghiep ")
    f.name.insert("Trùng Khánh")  # QTest types ASCII only; an IME inserts text like this
    assert not f.errors["name"].isVisible()
    click_radio(qtbot, f.role_buttons["field"])
    qtbot.keyClicks(f.officer, "Nong Thi Hoa")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.area_page

    click(qtbot, wizard, QWizard.WizardButton.FinishButton)  # no province yet
    assert wizard.isVisible() and f.errors["province_code"].isVisible()
    f.province.setFocus()
    qtbot.keyClicks(f.province, "Cao")
    assert f.province.currentText() == "Cao Bằng"
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)  # a field office needs communes
    assert f.errors["commune_codes"].text() == _("Communes: a field office covers at least one commune.")

    tick_commune(qtbot, f.communes, "dinh phong")
    tick_commune(qtbot, f.communes, "TRUNG KHANH")
    assert sorted(f.communes.checked_codes()) == [1477, 1489]
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert empty_db.office_id is not None
    with empty_db.read_session() as s:
        info = local_office(s)
    assert info.name == "Trung tam Dich vu nong nghiep Trùng Khánh"
    assert info.role == "field" and info.province_code == 4 and info.officer_name == "Nong Thi Hoa"
    assert sorted(info.commune_codes) == [1477, 1489]
    assert wizard.info.id == info.id


def test_commune_picker_select_all_shown(qtbot, empty_db) -> None:  # noqa: ANN001
    wizard = FirstRunWizard(empty_db)
    qtbot.addWidget(wizard)
    picker = wizard.fields.communes
    assert not picker.search.isEnabled()  # no province chosen yet
    wizard.fields.province.setCurrentIndex(wizard.fields.province.findData(4))
    qtbot.keyClicks(picker.search, "phuong")
    shown = picker.proxy.rowCount()
    assert 0 < shown < picker.model.total()
    qtbot.mouseClick(picker.select_all, Qt.MouseButton.LeftButton)
    assert len(picker.checked_codes()) == shown
    assert str(shown) in picker.count.text().split()
    qtbot.mouseClick(picker.clear_all, Qt.MouseButton.LeftButton)
    assert picker.checked_codes() == []


def test_provincial_office_may_leave_communes_empty(qtbot, empty_db) -> None:  # noqa: ANN001
    wizard = FirstRunWizard(empty_db)
    qtbot.addWidget(wizard)
    wizard.show()
    f = wizard.fields
    qtbot.keyClicks(f.name, "Van phong dieu phoi OCOP")
    click_radio(qtbot, f.role_buttons["province"])
    assert f.role() == "province"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    f.province.setCurrentIndex(f.province.findData(4))
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert len(wizard.info.commune_codes) == 56  # every commune of Cao Bằng


@pytest.fixture
def settings_page(qtbot, sample_db):  # noqa: ANN001, ANN201
    page = SettingsPage(sample_db)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    return page


def test_settings_change_the_office(qtbot, settings_page, sample_db) -> None:  # noqa: ANN001
    page = settings_page
    assert page.fields.name.text() == "Trung tâm Dịch vụ nông nghiệp Trùng Khánh"
    assert not page.save_button.isEnabled()
    saved = []
    page.office_saved.connect(saved.append)
    page.fields.officer.clear()
    qtbot.keyClicks(page.fields.officer, "Be Van Quan")
    page.fields.name.clear()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.fields.errors["name"].isVisible()  # inline, nothing saved
    qtbot.keyClicks(page.fields.name, "Phong Kinh te xa Trung Khanh")
    page.fields.communes.set_checked_codes([1477])
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert saved and saved[0].name == "Phong Kinh te xa Trung Khanh"
    with sample_db.read_session() as s:
        info = local_office(s)
    assert info.officer_name == "Be Van Quan" and list(info.commune_codes) == [1477]
    assert page.saved_label.text() == _("Saved.")


def test_province_cannot_change_once_records_exist(qtbot, settings_page, monkeypatch) -> None:  # noqa: ANN001
    shown = []
    monkeypatch.setattr("ocop_desktop.ui.pages.settings_page.show_known_error",
                        lambda parent, exc, title=None: shown.append(exc))
    page = settings_page
    page.fields.province.setCurrentIndex(page.fields.province.findData(1))  # Hà Nội
    page.fields.communes.select_all.click()
    page.save_office()
    assert [e.message for e in shown] == [_("The province cannot be changed once records exist: "
                                            "create a new database for another province.")]


def test_language_choice_is_saved_for_next_start(settings_page) -> None:  # noqa: ANN001
    page = settings_page
    page.language.setCurrentIndex(page.language.findData("en"))
    assert preferences.load().language == "en"
    assert page.language_note.text() == _("Saved. The new language applies the next time you open OCOP Desktop.")
    page.language.setCurrentIndex(page.language.findData("vi"))
    assert preferences.load().language == "vi" and page.language_note.text() == ""


def test_back_up_now(qtbot, settings_page, sample_db, tmp_path: Path) -> None:  # noqa: ANN001
    page = settings_page
    assert page.backups_dir == sample_db.path.parent / "office-files" / "backups"
    dest = tmp_path / "copy.sqlite"
    op = page.start_backup(dest)
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert dest.read_bytes()[:16] == b"SQLite format 3\x00"
    assert str(dest) in page.backup_result.text()
    assert page.backup_button.isEnabled()
    assert ops.running() == 0
