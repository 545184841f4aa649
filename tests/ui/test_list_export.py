"""“Export to Excel…” (Ctrl+E) from the list pages: the file holds exactly what the page shows."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from python_calamine import CalamineWorkbook

from ocop_desktop.excel import roundtrip_format as rt
from ocop_desktop.ui import ops
from ocop_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def rows_of(path: Path) -> tuple[list, list[list]]:
    with CalamineWorkbook.from_path(str(path)) as wb:
        rows = wb.get_sheet_by_name(rt.LIST_SHEET).to_python(skip_empty_area=False)
    at = rt.find_header_row(rows)
    assert at is not None
    return rows[at], rows[at + 1:]


@pytest.fixture
def window(qtbot, sample_db):  # noqa: ANN001, ANN201
    w = MainWindow(sample_db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.page("producers").has_loaded and w.office is not None, timeout=10_000)
    yield w
    ops.wait_all()


def _save_dialog(monkeypatch: pytest.MonkeyPatch, target: Path, asked: list) -> None:
    def fake(parent, caption, start, filters):  # noqa: ANN001, ANN202
        asked.append((caption, start, filters))
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))


def test_ctrl_e_on_products_with_a_search_writes_exactly_the_rows_shown(qtbot, window, tmp_path,  # noqa: ANN001
                                                                        monkeypatch) -> None:  # noqa: ANN001
    page = window.show_section("products")
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    page.search.setText("phia den")  # accent-free search, as an officer types it
    shown = [page.proxy.row_object(i) for i in range(page.proxy.rowCount())]
    assert 0 < len(shown) < page.model.count_passing("live")
    page.table.sortByColumn(page.model.column_of("code"), Qt.SortOrder.DescendingOrder)
    shown = [page.proxy.row_object(i) for i in range(page.proxy.rowCount())]
    asked: list = []
    target = tmp_path / "chosen"  # no extension typed: .xlsx is added
    _save_dialog(monkeypatch, target, asked)
    with qtbot.waitSignal(page.exported, timeout=10_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    written = Path(blocker.args[0])
    assert written == tmp_path / "chosen.xlsx"
    caption, start, filters = asked[0]
    assert caption == "Xuất danh sách ra Excel" and "*.xlsx" in filters
    assert Path(start).name.startswith("san-pham-OCOP-") and start.endswith(".xlsx")
    header, rows = rows_of(written)
    assert header == [rt.ID_HEADER, "Sản phẩm", "Mã sản phẩm", "Chủ thể", "Bộ sản phẩm", "Xã/phường", "Trạng thái"]
    assert [r[0] for r in rows] == [r.id for r in shown]  # same rows, same order
    assert [r[2] for r in rows] == [r.code for r in shown]
    assert [r[1] for r in rows] == [r.name for r in shown]
    with CalamineWorkbook.from_path(str(written)) as wb:
        title = wb.get_sheet_by_name(rt.LIST_SHEET).to_python()[0][0]
    assert title == page.title_text()
    assert "chosen.xlsx" in window.statusBar().currentMessage()


def test_filters_and_hidden_columns_are_respected_on_a_cycle_tab(qtbot, window, tmp_path,  # noqa: ANN001
                                                                 monkeypatch) -> None:  # noqa: ANN001
    page = window.show_section("producers")
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    combo = page.commune_filter
    combo.setCurrentIndex(1)
    code = combo.value()
    page.table.setColumnHidden(page.model.column_of("phone"), True)
    shown = [page.proxy.row_object(i) for i in range(page.proxy.rowCount())]
    assert shown and all(r.commune_code == code for r in shown)
    target = tmp_path / "chu-the.xlsx"
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export_excel(target)
    header, rows = rows_of(target)
    assert "Điện thoại" not in header and "Mã số thuế / định danh" in header
    assert [r[0] for r in rows] == [r.id for r in shown]
    ident = header.index("Mã số thuế / định danh")
    assert [r[ident] for r in rows] == [r.identifier for r in shown]  # text: zeros kept
    kind, _when, keys, records = rt.read_base(target)
    assert kind == "producers" and "phone" not in keys and list(records) == [r.id for r in shown]


def test_the_cycle_section_forwards_ctrl_e_to_its_current_tab(qtbot, window, tmp_path,  # noqa: ANN001
                                                             monkeypatch) -> None:  # noqa: ANN001
    from ocop_desktop.services.training import TrainingData, create_training

    with window.db.session() as s:
        create_training(s, TrainingData(title="Tập huấn thương mại điện tử", topic="ecommerce",
                                        start_date=dt.date(2026, 9, 15), learners=40,
                                        learners_women=25, cost=45_000_000))
    cycle = window.show_section("cycle")
    page = cycle.show_tab("training")
    qtbot.waitUntil(lambda: page.has_loaded and page.proxy.rowCount() == 1, timeout=10_000)
    asked: list = []
    _save_dialog(monkeypatch, tmp_path / "tap-huan.xlsx", asked)
    with qtbot.waitSignal(page.exported, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert Path(asked[0][1]).name.startswith("tap-huan-OCOP-")
    header, [row] = rows_of(tmp_path / "tap-huan.xlsx")
    assert row[header.index("Kinh phí")] == 45_000_000 and row[header.index("Số học viên")] == 40
    assert rt.read_base(tmp_path / "tap-huan.xlsx")[0] == "training"


def test_a_file_open_in_excel_gets_a_message_and_nothing_is_written(qtbot, window, tmp_path,  # noqa: ANN001
                                                                    monkeypatch) -> None:  # noqa: ANN001
    shown: list = []
    monkeypatch.setattr("ocop_desktop.ui.errors.show_known_error",
                        lambda parent, exc, title=None: shown.append((title, exc)))

    def locked(src: str, dst: str) -> None:  # Windows, while Excel holds the file
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    page = window.show_section("producers")
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    out = tmp_path / "out"
    out.mkdir()
    op = page.export_excel(out / "x.xlsx")
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    [(title, exc)] = shown
    assert title == "Xuất Excel" and "Excel" in exc.message
    assert list(out.iterdir()) == []


def test_the_button_and_the_menu_name_the_shortcut(window) -> None:  # noqa: ANN001
    page = window.show_section("products")
    assert page.export_button.text() == "Xuất Excel…" and "Ctrl+E" in page.export_button.toolTip()
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    window.show_section("settings")
    assert not window.export_action.isEnabled()


def test_cancel_leaves_no_file(qtbot, window, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import threading

    from ocop_desktop.excel import export

    real, release = export.export_rows, threading.Event()

    def held(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the real writer, once the test has cancelled
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(export, "export_rows", held)
    page = window.show_section("products")
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    out = tmp_path / "out"
    out.mkdir()
    op = page.export_excel(out / "x.xlsx")
    op.context.cancel()  # what the progress dialog's Cancel does
    release.set()
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert list(out.iterdir()) == []


def test_deleted_rows_shown_greyed_are_not_exported(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    from ocop_desktop.services.products import delete_product

    page = window.show_section("products")
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10_000)
    gone = page.model.rows()[0]
    with window.db.session() as s:
        delete_product(s, gone.id)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    page.show_deleted.setChecked(True)
    assert any(r.id == gone.id for r in page.model.rows())
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export_excel(tmp_path / "p.xlsx")
    _header, rows = rows_of(tmp_path / "p.xlsx")
    assert gone.id not in {r[0] for r in rows}
    assert len(rows) == len(page.model.rows()) - 1


def test_start_up_does_not_import_the_excel_libraries(db_path, tmp_path) -> None:  # noqa: ANN001
    import subprocess
    import sys

    from ocop_desktop.db import Database
    from ocop_desktop.services import office

    with Database.open(db_path) as db:
        with db.session() as s:
            office.save_local_office(s, office.OfficeData(name="Trạm Trùng Khánh", role="field", province_code=4,
                                                          commune_codes=[1477], officer_name=""))
    code = ("import sys; from ocop_desktop import cli; rc = cli.main(['--smoke', '--db', sys.argv[1]]); "
            "print(rc, sorted(m for m in ('xlsxwriter', 'python_calamine', 'openpyxl', 'ocop_desktop.excel.export') "
            "if m in sys.modules))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OCOP_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", code, str(db_path)], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.stdout.split("\n")[0] == "0 []", done.stderr
