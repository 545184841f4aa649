"""A bundle or office profile given on the command line (what a double-click on the file
does on Windows) opens its import in the main window; real offices, keys and files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocop_desktop import cli
from ocop_desktop.sync import exporter, profiles
from ocop_desktop.ui import errors as ui_errors
from ocop_desktop.ui import ops
from ocop_desktop.ui.main_window import MainWindow
from ocop_desktop.ui.open_file import open_in_window
from ocop_desktop.ui.sync.import_dialog import ImportDialog
from tests.sync.sync_samples import COMMUNES, add_producer, introduce, make_office

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"), pytest.mark.usefixtures("modals")]


@pytest.mark.parametrize(("argv", "rest", "file"), [
    (["C:\\Users\\Lan\\Tải về\\gói 1.ocopbundle"], [], "C:\\Users\\Lan\\Tải về\\gói 1.ocopbundle"),
    (["--db", "x.sqlite", "tỉnh.OCOPPROFILE"], ["--db", "x.sqlite"], "tỉnh.OCOPPROFILE"),
    (["--lang", "vi", "a.ocopbundle", "--smoke"], ["--lang", "vi", "--smoke"], "a.ocopbundle"),
    (["bundle", "import", "a.ocopbundle"], ["bundle", "import", "a.ocopbundle"], None),
    (["--db", "a.ocopbundle"], ["--db", "a.ocopbundle"], None),
    (["notes.txt"], ["notes.txt"], None),
])
def test_the_file_to_open_is_taken_out_of_the_arguments(argv, rest, file) -> None:  # noqa: ANN001
    assert cli._split_open_file(argv) == (rest, Path(file) if file else None)


def test_a_file_to_open_with_a_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--lang", "en", "a.ocopbundle", "db", "check"])
    assert exit_.value.code == 2 and "cannot be combined" in capsys.readouterr().err


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    field = make_office(tmp_path / "field.sqlite", "Trạm Trùng Khánh", "field", COMMUNES)
    province = make_office(tmp_path / "province.sqlite", "Văn phòng OCOP Cao Bằng", "province")
    yield field, province
    ops.wait_all()
    field.close()
    province.close()


def _window(qtbot, db) -> MainWindow:  # noqa: ANN001
    window = MainWindow(db, autoload=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_bundle_opens_the_import_preview(qtbot, offices, tmp_path) -> None:  # noqa: ANN001
    field, province = offices
    introduce(field, province)
    add_producer(field, "HTX Miến dong Phia Đén")
    stick = tmp_path / "Ổ USB"
    stick.mkdir()
    path = exporter.export_bundle(field, stick, province.office_id).path
    window = _window(qtbot, province)
    dialog = open_in_window(window, path)
    assert isinstance(dialog, ImportDialog) and window.current_key() == "sync"
    qtbot.waitUntil(lambda: dialog.verified is not None, timeout=20_000)
    dialog.reject()


def test_a_profile_starts_the_registration(qtbot, offices, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    field, province = offices
    introduce(field, province)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(ui_errors, "show_known_error", lambda parent, exc, title=None: shown.append(
        ("error", exc.message)))
    monkeypatch.setattr(ui_errors, "show_info", lambda parent, text, informative="": shown.append(("info", text)))
    with field.session() as s:
        data = profiles.export_profile(s)
    path = tmp_path / "Trạm Trùng Khánh.ocopprofile"
    path.write_bytes(data)
    window = _window(qtbot, province)
    assert open_in_window(window, path) is not None and window.current_key() == "sync"
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0][0] == "info" and "Trạm Trùng Khánh" in shown[0][1]


def test_a_missing_file_is_a_message(qtbot, offices, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    _field, province = offices
    shown: list[str] = []
    monkeypatch.setattr(ui_errors, "show_known_error", lambda parent, exc, title=None: shown.append(exc.message))
    window = _window(qtbot, province)
    assert open_in_window(window, tmp_path / "không có.ocopbundle") is None
    assert len(shown) == 1 and "không có.ocopbundle" in shown[0]
