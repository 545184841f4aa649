"""The Sync section on real widgets, real databases, real keys and real bundles: a field
office exports onto a "USB stick", the province previews and imports, the field office
confirms the receipt code; conflicts, unknown senders, restored offices, cancelling."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from ocop_desktop.db import Database
from ocop_desktop.db import restore as restore_db
from ocop_desktop.i18n import _
from ocop_desktop.models import Producer, SyncBundle
from ocop_desktop.sync import conflicts, exporter, profiles, usb
from ocop_desktop.ui import errors as ui_errors
from ocop_desktop.ui import ops
from ocop_desktop.ui.main_window import MainWindow
from ocop_desktop.ui.sync import import_dialog
from ocop_desktop.ui.sync.export_dialog import ExportDialog
from ocop_desktop.ui.sync.fingerprint_dialog import FingerprintDialog
from ocop_desktop.ui.sync.import_dialog import ImportDialog
from ocop_desktop.ui.sync.sync_page import SyncPage
from tests.sync.sync_samples import (
    COMMUNES,
    add_producer,
    edit,
    introduce,
    make_office,
    send,
    whole_db_digest,
)

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"), pytest.mark.usefixtures("modals")]

FIELD = "Trung tâm Dịch vụ nông nghiệp Trùng Khánh"
PROVINCE = "Văn phòng Điều phối nông thôn mới tỉnh Cao Bằng"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The message boxes the sync screens showed (information and known errors), not shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(ui_errors, "show_info", lambda parent, text, informative="": shown.append(
        ("info", text + " " + informative)))
    monkeypatch.setattr(ui_errors, "show_known_error", lambda parent, exc, title=None: shown.append(
        ("error", exc.message)))
    return shown


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder that the app takes for a plugged-in USB stick."""
    folder = tmp_path / "USB"
    folder.mkdir()
    monkeypatch.setattr(usb, "removable_drives", lambda: [usb.Drive(folder, "USB", 8 * 1024**3, 16 * 1024**3)])
    return folder


def _finish_ops() -> None:
    from PySide6.QtWidgets import QApplication

    ops.wait_all()
    for _i in range(10):
        QApplication.processEvents()
        if not ops.running():
            break


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    """A field office and its province that know each other (fingerprints confirmed)."""
    field = make_office(tmp_path / "field.sqlite", FIELD, "field", COMMUNES)
    province = make_office(tmp_path / "province.sqlite", PROVINCE, "province")
    introduce(field, province)
    yield field, province
    _finish_ops()
    field.close()
    province.close()


def page_for(qtbot, db: Database) -> SyncPage:  # noqa: ANN001
    page = SyncPage(db)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    qtbot.waitUntil(lambda: page.overview.has_loaded and page.conflicts.has_loaded and not ops.running(),
                    timeout=10_000)
    return page


def idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)


def class_count(dialog: ImportDialog, table_row: int, cls: str) -> str:
    from ocop_desktop.sync import merge

    return dialog.class_table.item(table_row, 1 + merge.CLASSES.index(cls)).text()


# -- the whole exchange --------------------------------------------------------------------------

def test_export_import_and_confirm_the_receipt(qtbot, offices, stick, tmp_path, monkeypatch, boxes) -> None:  # noqa: ANN001
    field, province = offices
    pid = add_producer(field, "HTX Miến dong Phia Đén")
    add_producer(field, "HTX Hạt dẻ Trùng Khánh", commune=1489)

    # The field office writes a bundle for the province onto the stick.
    fpage = page_for(qtbot, field)
    assert fpage.overview.fingerprint_label.text() == profiles_fingerprint(field)
    assert fpage.overview.offices_table.rowCount() == 1
    qtbot.mouseClick(fpage.overview.export_button, LEFT)
    export = fpage.dialog
    assert isinstance(export, ExportDialog)
    qtbot.waitUntil(lambda: export.choices is not None, timeout=10_000)
    assert export.current_peer().office_id == province.office_id  # the field office's province by default
    assert export.folder.text() == str(stick)
    qtbot.mouseClick(export.export_button, LEFT)
    qtbot.waitUntil(lambda: export.exported_result is not None, timeout=20_000)
    result = export.exported_result.result
    assert export.stack.currentIndex() == 1 and result.path.parent == stick and result.path.is_file()
    assert _("Written and verified on the stick — it is safe to remove it") in export.done_title.text()
    assert export.counts_table.item(0, 1).text() == "2"  # producers
    cover = export.save_cover(tmp_path / "cover.html")
    text = cover.read_text(encoding="utf-8")
    assert FIELD in text and result.bundle_hash[:4] in text
    export.accept()
    idle(qtbot)
    assert fpage.overview.history_table.rowCount() == 1
    assert fpage.overview.history_table.item(0, 8).text() == _("Not yet")

    # The province previews it: two new producers; then imports it.
    ppage = page_for(qtbot, province)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(result.path)], "")))
    qtbot.mouseClick(ppage.overview.import_button, LEFT)
    dialog = ppage.dialog
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.PREVIEW, timeout=20_000)
    assert FIELD in dialog.title_label.text()
    assert class_count(dialog, 0, "new") == "2" and class_count(dialog, 0, "conflict") == "0"
    assert not dialog.conflicts_box.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.RESULT, timeout=20_000)
    code = dialog.receipt_field.text()
    with province.read_session() as s:
        assert s.get(SyncBundle, result.bundle_hash).receipt == code
        assert s.get(Producer, pid).name == "HTX Miến dong Phia Đén"
    assert dialog.report_label.text().endswith(".json")
    qtbot.mouseClick(dialog.result_close, LEFT)
    idle(qtbot)
    assert ppage.overview.history_table.item(0, 7).text() == code
    assert ppage.overview.offices_table.item(0, 3).text().startswith(_("No. {n} · {date}").split("{n}")[0])

    # Back at the field office: a mistyped code is caught, the right one confirms the bundle.
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    fpage.overview.receipt_edit.setText(wrong)
    qtbot.mouseClick(fpage.overview.confirm_button, LEFT)
    idle(qtbot)
    assert fpage.overview.receipt_result.property("role") == "error"
    fpage.overview.receipt_edit.clear()
    qtbot.keyClicks(fpage.overview.receipt_edit, code.lower())
    qtbot.keyClick(fpage.overview.receipt_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: fpage.overview.receipt_result.property("role") == "success", timeout=10_000)
    assert _("Confirmed") in fpage.overview.receipt_result.text() and PROVINCE in fpage.overview.receipt_result.text()
    idle(qtbot)
    with field.read_session() as s:
        assert s.get(SyncBundle, result.bundle_hash).receipt_confirmed_at is not None
    assert fpage.overview.history_table.item(0, 8).text() != _("Not yet")
    assert boxes == []


def profiles_fingerprint(db: Database) -> str:
    with db.read_session() as s:
        return profiles.key_fingerprint(profiles.current_key(s, db.office_id))


def test_cancel_at_the_preview_writes_nothing(qtbot, offices, stick, boxes) -> None:  # noqa: ANN001
    field, province = offices
    pid = add_producer(field, "HTX Miến dong Phia Đén")
    send(field, province, stick)
    edit(field, pid, phone="0206 3821 111")
    add_producer(field, "HTX Chè Trùng Khánh")
    path = exporter.export_bundle(field, stick, province.office_id).path
    page = page_for(qtbot, province)
    before = whole_db_digest(province.path)
    dialog = page.import_bundles([path])
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.PREVIEW, timeout=20_000)
    assert class_count(dialog, 0, "new") == "1" and class_count(dialog, 0, "fast_forward") == "1"
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible() and dialog.verified is None
    idle(qtbot)
    assert whole_db_digest(province.path) == before
    assert boxes == []


# -- conflicts ---------------------------------------------------------------------------------------

def test_a_conflict_is_listed_and_resolved_with_the_other_value(qtbot, offices, tmp_path) -> None:  # noqa: ANN001
    field, province = offices
    pid = add_producer(field, "HTX Miến dong Phia Đén", phone="0206 3821 111")
    send(field, province, tmp_path / "usb")
    edit(field, pid, phone="0912 345 678")
    edit(province, pid, phone="0206 3855 012")
    report = send(field, province, tmp_path / "usb")
    assert len(report.conflicts) == 1

    window = MainWindow(province)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    sync_row = next(i for i in range(window.nav.count()) if window.nav.item(i).data(Qt.ItemDataRole.UserRole) == "sync")
    qtbot.waitUntil(lambda: "(1)" in window.nav.item(sync_row).text(), timeout=10_000)  # the badge
    page = window.show_section("sync")
    qtbot.waitUntil(lambda: page.conflicts.has_loaded and not ops.running(), timeout=10_000)
    assert page.tabs.tabText(1) == _("Conflicts ({n})").format(n=1)
    page.tabs.setCurrentIndex(1)
    view = page.conflicts
    assert view.table.rowCount() == 1
    view.table.selectRow(0)
    c = view.current()
    assert c.field == "phone" and {c.current_value, c.other.value} == {"0912 345 678", "0206 3855 012"}
    assert view.kept_value.text() == c.current_value and view.other_value.text() == c.other.value
    assert view.typed_box.isVisibleTo(view)  # a text field: a third value may be typed
    assert FIELD in view.table.item(0, 3).text() + view.table.item(0, 4).text()
    other = c.other.value
    qtbot.mouseClick(view.other_button, LEFT)
    qtbot.waitUntil(lambda: view.open_count == 0 and not ops.running(), timeout=10_000)
    with province.read_session() as s:
        assert s.get(Producer, pid).phone == other
        assert conflicts.list_conflicts(s) == []
    assert view.table.rowCount() == 0 and view.empty_label.isVisibleTo(view)
    assert page.tabs.tabText(1) == _("Conflicts")
    assert window.nav.item(sync_row).text() == _("Sync")
    view.show_resolved.setChecked(True)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1 and not ops.running(), timeout=10_000)
    view.table.selectRow(0)
    assert not view.other_button.isEnabled() and view.resolved_label.isVisibleTo(view)
    window.close()


def test_a_typed_value_resolves_a_conflict(qtbot, offices, tmp_path) -> None:  # noqa: ANN001
    field, province = offices
    pid = add_producer(field, "HTX Miến dong", address_detail="Xóm 1")
    send(field, province, tmp_path / "usb")
    edit(field, pid, address_detail="Xóm Nà Lủng")
    edit(province, pid, address_detail="Xóm Nà Lung")
    send(field, province, tmp_path / "usb")
    page = page_for(qtbot, province)
    view = page.conflicts
    view.table.selectRow(0)
    view.typed_edit.setText("Xóm Nà Lủng, xã Trùng Khánh")
    qtbot.keyClick(view.typed_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.open_count == 0 and not ops.running(), timeout=10_000)
    with province.read_session() as s:
        assert s.get(Producer, pid).address_detail == "Xóm Nà Lủng, xã Trùng Khánh"


# -- trust -------------------------------------------------------------------------------------------

def test_unknown_sender_is_registered_with_the_typed_fingerprint(qtbot, tmp_path, stick, boxes) -> None:  # noqa: ANN001
    field = make_office(tmp_path / "field.sqlite", FIELD, "field", COMMUNES)
    province = make_office(tmp_path / "province.sqlite", PROVINCE, "province")
    try:
        with province.read_session() as s:  # the field office knows the province; not the other way round
            prof = profiles.read_profile(profiles.export_profile(s))
        with field.session() as s:
            profiles.import_profile(s, prof, fingerprint=prof.fingerprint)
        pid = add_producer(field, "HTX Miến dong Phia Đén")
        path = exporter.export_bundle(field, stick, province.office_id).path
        page = page_for(qtbot, province)
        assert page.overview.offices_table.rowCount() == 0 and page.overview.no_offices.isVisibleTo(page)
        before = whole_db_digest(province.path)
        dialog = page.import_bundles([path])
        qtbot.waitUntil(lambda: dialog.fingerprint_dialog is not None, timeout=20_000)
        fp_dialog = dialog.fingerprint_dialog
        assert isinstance(fp_dialog, FingerprintDialog) and FIELD in _collect(fp_dialog)
        expected = profiles_fingerprint(field)
        qtbot.keyClicks(fp_dialog.edit, "AAAA-BBBB-CCCC")
        assert not fp_dialog.ok_button.isEnabled()
        assert fp_dialog.result_label.property("role") == "error"
        fp_dialog.edit.clear()
        qtbot.keyClicks(fp_dialog.edit, expected.lower().replace("-", " ").replace("0", "o"))
        assert fp_dialog.ok_button.isEnabled()
        assert whole_db_digest(province.path) == before  # nothing registered before the officer confirmed
        qtbot.mouseClick(fp_dialog.ok_button, LEFT)
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.PREVIEW, timeout=20_000)
        qtbot.mouseClick(dialog.import_button, LEFT)
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.RESULT, timeout=20_000)
        dialog.accept()
        idle(qtbot)
        with province.read_session() as s:
            assert s.get(Producer, pid) is not None
        assert page.overview.offices_table.rowCount() == 1
        assert page.overview.offices_table.item(0, 0).text() == FIELD
        assert boxes == []
    finally:
        _finish_ops()
        field.close()
        province.close()


def _collect(widget) -> str:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_office_profiles_are_saved_and_imported_with_the_phone_fingerprint(qtbot, tmp_path, stick, monkeypatch,
                                                                          boxes) -> None:  # noqa: ANN001
    field = make_office(tmp_path / "field.sqlite", FIELD, "field", COMMUNES)
    province = make_office(tmp_path / "province.sqlite", PROVINCE, "province")
    try:
        fpage = page_for(qtbot, field)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(stick)))
        qtbot.mouseClick(fpage.overview.save_profile_button, LEFT)
        idle(qtbot)
        files = list(stick.glob("*.ocopprofile"))
        assert len(files) == 1 and boxes and boxes[0][0] == "info"
        assert profiles_fingerprint(field) in boxes[0][1]
        boxes.clear()

        ppage = page_for(qtbot, province)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(files[0]), "")))
        qtbot.mouseClick(ppage.overview.import_profile_button, LEFT)
        qtbot.waitUntil(lambda: isinstance(ppage.overview.dialog, FingerprintDialog), timeout=10_000)
        fp_dialog = ppage.overview.dialog
        assert FIELD in _collect(fp_dialog)
        qtbot.mouseClick(fp_dialog.cancel_button, LEFT)  # not compared: nothing registered
        idle(qtbot)
        with province.read_session() as s:
            assert profiles.peer_offices(s) == []

        ppage.overview.import_profile(files[0])
        qtbot.waitUntil(lambda: ppage.overview.dialog is not fp_dialog, timeout=10_000)
        fp_dialog = ppage.overview.dialog
        qtbot.keyClicks(fp_dialog.edit, profiles_fingerprint(field))
        qtbot.mouseClick(fp_dialog.ok_button, LEFT)
        qtbot.waitUntil(lambda: ppage.overview.offices_table.rowCount() == 1, timeout=10_000)
        assert boxes and boxes[-1][0] == "info" and FIELD in boxes[-1][1]
        with province.read_session() as s:
            assert [p.name for p in profiles.peer_offices(s)] == [FIELD]
    finally:
        _finish_ops()
        field.close()
        province.close()


def test_a_restored_office_needs_an_explicit_yes(qtbot, offices, tmp_path, stick, modals) -> None:  # noqa: ANN001
    field, province = offices
    add_producer(field, "HTX Miến dong Phia Đén")
    send(field, province, stick)
    backup = field.backup_to(tmp_path / "field-backup.sqlite")
    restored = Database.open(restore_db(backup, tmp_path / "field-restored.sqlite"))
    try:
        pid = add_producer(restored, "HTX Sau khôi phục")
        path = exporter.export_bundle(restored, stick, province.office_id).path
        page = page_for(qtbot, province)

        modals.answers = [False]  # "Do not import"
        before = whole_db_digest(province.path)
        dialog = page.import_bundles([path])
        qtbot.waitUntil(lambda: not dialog.isVisible() and not ops.running(), timeout=20_000)
        assert modals.asked and modals.asked[-1][0] == _("Office restored from a backup")
        assert whole_db_digest(province.path) == before

        modals.answers = [True]  # "Import anyway"
        dialog = page.import_bundles([path])
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.PREVIEW, timeout=20_000)
        assert dialog.warnings_label.isVisibleTo(dialog) and dialog.warnings_label.text()
        qtbot.mouseClick(dialog.import_button, LEFT)
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.RESULT, timeout=20_000)
        dialog.accept()
        with province.read_session() as s:
            assert s.get(Producer, pid) is not None
    finally:
        _finish_ops()
        restored.close()


# -- several files --------------------------------------------------------------------------------

def test_a_folder_of_bundles_ends_on_a_summary(qtbot, offices, tmp_path, stick, boxes) -> None:  # noqa: ANN001
    field, province = offices
    add_producer(field, "HTX Miến dong Phia Đén")
    first = exporter.export_bundle(field, stick, province.office_id).path
    add_producer(field, "HTX Chè Trùng Khánh")
    second = exporter.export_bundle(field, stick, province.office_id).path
    (stick / "notes.txt").write_text("not a bundle")
    (stick / "broken.ocopbundle").write_bytes(b"PK\x03\x04 this is not a real bundle")
    page = page_for(qtbot, province)
    dialog = page.import_folder(stick)
    assert [p.name for p in dialog.paths] == sorted([first.name, second.name, "broken.ocopbundle"], key=str.lower)

    for _step in range(2):  # preview and import each real bundle in turn
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() in (import_dialog.PREVIEW, import_dialog.SUMMARY)
                        and not ops.running(), timeout=20_000)
        if dialog.stack.currentIndex() == import_dialog.SUMMARY:
            break
        assert dialog.skip_button.isVisibleTo(dialog)
        qtbot.mouseClick(dialog.import_button, LEFT)
        qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.SUMMARY and not ops.running(),
                    timeout=20_000)
    statuses = {o.path.name: o.status for o in dialog.outcomes}
    assert statuses == {first.name: "imported", second.name: "imported", "broken.ocopbundle": "refused"}
    t = dialog.summary_table
    assert t.rowCount() == 3
    receipts = {t.item(r, 0).text(): t.item(r, 3).text() for r in range(3)}
    with province.read_session() as s:
        for path in (first, second):
            assert receipts[path.name] == s.get(SyncBundle, exporter_hash(path)).receipt
    assert boxes == []  # refusals go into the summary, not into message boxes
    dialog.accept()

    # Importing the same bundle again changes nothing and says so, with its receipt.
    again = page.import_bundles([first])
    qtbot.waitUntil(lambda: not again.isVisible() and not ops.running(), timeout=20_000)
    assert boxes and boxes[0][0] == "info" and receipts[first.name] in boxes[0][1]


def test_own_outgoing_bundles_in_the_folder_are_left_aside_quietly(qtbot, offices, stick, boxes) -> None:  # noqa: ANN001
    field, province = offices
    add_producer(field, "HTX Miến dong Phia Đén")
    incoming = exporter.export_bundle(field, stick, province.office_id).path
    add_producer(province, "HTX Chè Trùng Khánh")
    outgoing = exporter.export_bundle(province, stick, field.office_id).path  # waiting to go to the field office
    page = page_for(qtbot, province)
    dialog = page.import_folder(stick)
    assert len(dialog.paths) == 2

    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.PREVIEW and not ops.running(),
                    timeout=20_000)
    assert dialog.plan.verified.path == incoming  # the own bundle never reaches a preview
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.SUMMARY and not ops.running(),
                    timeout=20_000)
    assert {o.path.name: o.status for o in dialog.outcomes} == {incoming.name: "imported", outgoing.name: "own"}
    t = dialog.summary_table
    assert t.rowCount() == 1 and t.item(0, 0).text() == incoming.name  # not listed, let alone as refused
    assert _("Refused: {what}").split("{")[0] not in t.item(0, 2).text()
    assert dialog.summary_note.isVisibleTo(dialog)
    assert _("Read each receipt code to the office that sent the bundle.") in dialog.summary_note.text()
    assert "1" in dialog.summary_note.text().splitlines()[1]
    assert boxes == []
    assert outgoing.is_file()  # left where it was, for the field office
    dialog.accept()


def exporter_hash(path: Path) -> str:
    from ocop_desktop.sync.container import BundleReader

    with BundleReader(path) as r:
        return r.manifest.hash


def test_export_without_a_registered_office_says_what_to_do(qtbot, tmp_path, stick) -> None:  # noqa: ANN001
    field = make_office(tmp_path / "field.sqlite", FIELD, "field", COMMUNES)
    try:
        dialog = ExportDialog(field)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.choices is not None, timeout=10_000)
        assert not dialog.export_button.isEnabled()
        assert _("Import office profile…").rstrip("…") in dialog.recipient_note.text()
    finally:
        _finish_ops()
        field.close()


def test_export_refusal_is_a_message_not_a_traceback(qtbot, offices, stick, boxes) -> None:  # noqa: ANN001
    field, _province = offices
    dialog = ExportDialog(field)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=10_000)
    dialog.folder.setText(str(stick / "unplugged"))
    qtbot.mouseClick(dialog.export_button, LEFT)
    idle(qtbot)
    assert boxes and boxes[0][0] == "error"
    assert dialog.stack.currentIndex() == 0 and dialog.export_button.isEnabled()


def test_a_deletion_conflict_offers_keep_or_delete(qtbot, offices, tmp_path) -> None:  # noqa: ANN001
    field, province = offices
    pid = add_producer(field, "HTX Miến dong Phia Đén")
    send(field, province, tmp_path / "usb")
    edit(field, pid, deleted=True)
    edit(province, pid, phone="0206 3855 012")
    send(field, province, tmp_path / "usb")
    page = page_for(qtbot, province)
    view = page.conflicts
    assert view.table.rowCount() == 1
    view.table.selectRow(0)
    assert view.current().field == "deleted"
    assert view.keep_button.text() == _("Keep the record") and view.other_button.text() == _("Delete it")
    assert not view.typed_box.isVisibleTo(view)
    with province.read_session() as s:
        assert not s.get(Producer, pid).deleted  # kept meanwhile: no edit is lost
    qtbot.mouseClick(view.other_button, LEFT)
    qtbot.waitUntil(lambda: view.open_count == 0 and not ops.running(), timeout=10_000)
    with province.read_session() as s:
        assert s.get(Producer, pid).deleted
