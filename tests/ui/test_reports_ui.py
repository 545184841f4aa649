"""The *Báo cáo* section with real widgets on the hand-made provincial office
(tests/unit/report_samples.py): the dashboard's numbers and charts, drill-down from a number to
the filtered products and producers lists (and back), the watch list opening its product,
exporting reports, freezing one and exporting it again, and bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ocop_desktop.ui.main_window import MainWindow
from ocop_desktop.ui.reports.dashboard import DashboardView
from ocop_desktop.ui.reports.send_up import SendUpView

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "unit"))
from report_samples import build_office  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def window(qtbot, province_db):  # noqa: ANN001, ANN201
    db, ids = build_office(province_db)
    w = MainWindow(db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.ids = ids
    yield w
    from ocop_desktop.ui import ops

    ops.wait_all()


def _dashboard(qtbot, window) -> DashboardView:  # noqa: ANN001
    page = window.show_section("reports")
    d = page.tab("dashboard")
    if d.data is None:
        with qtbot.waitSignal(d.loaded, timeout=15_000):
            pass
    return d


def _click(qtbot, box, row: int, key: str) -> None:  # noqa: ANN001
    item = box.cell_item(row, key)
    rect = box.grid.visualItemRect(item)
    qtbot.mouseClick(box.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_dashboard_numbers_then_charts(qtbot, window) -> None:  # noqa: ANN001
    d = _dashboard(qtbot, window)
    assert d.card_buttons["total"].text().startswith("4\n")
    assert d.card_buttons["producers"].text().startswith("3\n")
    assert [d.stars_box.grid.item(r, 1).text() for r in range(5)] == ["2", "1", "1", "0", "4"]
    assert d.communes_box.grid.rowCount() == 4  # three communes with products + the totals
    assert "toàn tỉnh Cao Bằng" in d.status.text()
    assert "chưa có kế hoạch" in d.targets_title.text().lower() or d.target_rows
    qtbot.waitUntil(lambda: d.stars_box.chart_slot.count() == 1, timeout=20_000)
    assert "matplotlib" in sys.modules
    from ocop_desktop.ui.reports.plans_page import PlansPage

    assert isinstance(window.page("reports").show_tab("plans"), PlansPage)  # Kế hoạch – chỉ tiêu


def test_the_area_picker_lists_field_offices(qtbot, province_db) -> None:  # noqa: ANN001
    from ocop_desktop.models import Office, OfficeCommune

    db, _ids = build_office(province_db)
    with db.session() as s:
        s.add(Office(name="Trạm Trùng Khánh", role="field", province_code=4, is_local=False,
                     communes=[OfficeCommune(commune_code=1477), OfficeCommune(commune_code=1501)]))
    d = DashboardView(db)
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.loaded, timeout=15_000):
        d.show()
    i = d.commune.findText("Đơn vị: Trạm Trùng Khánh")
    assert i > 0
    with qtbot.waitSignal(d.loaded, timeout=15_000):
        d.commune.setCurrentIndex(i)
    assert d.data.scope.label == "Trạm Trùng Khánh" and d.card_buttons["total"].text().startswith("3\n")
    from ocop_desktop.ui import ops

    ops.wait_all()


def test_a_number_opens_exactly_the_records_behind_it(qtbot, window) -> None:  # noqa: ANN001
    d = _dashboard(qtbot, window)
    _click(qtbot, d.stars_box, 1, "n")  # 4 sao: P1
    products = window.stack.currentWidget()
    assert window.current_key() == "products"
    qtbot.waitUntil(lambda: products.has_loaded, timeout=10_000)
    assert products.id_banner.isVisible()
    assert "Đang lọc" in products.id_banner_label.text() and "(1 bản ghi)" in products.id_banner_label.text()
    assert products.id_banner_clear.text() == "Bỏ lọc"
    shown = {products.proxy.row_object(r).id for r in range(products.proxy.rowCount())}
    assert shown == {window.ids["P1"]}
    qtbot.mouseClick(products.id_banner_clear, Qt.MouseButton.LeftButton)
    assert not products.id_banner.isVisible() and products.proxy.rowCount() == 7

    # A producers' figure opens the producers list: HTX with a woman representative = A.
    window.show_section("reports")
    _click(qtbot, d.producers_box, 0, "women")
    producers = window.stack.currentWidget()
    assert window.current_key() == "producers"
    qtbot.waitUntil(lambda: producers.has_loaded, timeout=10_000)
    assert {producers.proxy.row_object(r).id for r in range(producers.proxy.rowCount())} == {window.ids["A"]}
    producers.clear_filters()  # the ordinary "Clear filters" clears it too
    assert not producers.id_filter_active and producers.proxy.rowCount() == 4


def test_the_watch_list_opens_the_product(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    d = _dashboard(qtbot, window)
    assert d.watch_box.grid.item(0, 1).text() == "Sản phẩm P6"
    opened = []

    def fake_exec(dialog: QDialog) -> int:
        opened.append(getattr(dialog, "product_id", None))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    rect = d.watch_box.grid.visualItemRect(d.watch_box.grid.item(0, 1))
    qtbot.mouseClick(d.watch_box.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # no drill
    assert window.current_key() == "reports"
    qtbot.mouseDClick(d.watch_box.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [window.ids["P6"]]


def _send_up(qtbot, window) -> SendUpView:  # noqa: ANN001
    page = window.show_section("reports")
    v = page.show_tab("send_up")
    with qtbot.waitSignal(v.frozen_loaded, timeout=10_000):
        pass
    return v


def test_export_a_report_then_freeze_it_and_export_it_again(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001
    v = _send_up(qtbot, window)
    for i in range(v.reports.count()):
        if v.reports.item(i).data(Qt.ItemDataRole.UserRole) not in ("B01", "B05"):
            v.reports.item(i).setCheckState(Qt.CheckState.Unchecked)
    v.number.setText("12/BC-VPĐP")
    v.sent_to.setText("UBND tỉnh")
    pdf = tmp_path / "bc.pdf"
    with qtbot.waitSignal(v.exported, timeout=20_000):
        v.export("pdf", str(pdf))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Biểu B01." in text and "Biểu B05." in text and "Biểu B02." not in text and "12/BC-VPĐP" in text
    with qtbot.waitSignal(v.exported, timeout=20_000):
        v.export("xlsx", str(tmp_path / "bc.xlsx"))
    assert (tmp_path / "bc.xlsx").stat().st_size > 0

    with qtbot.waitSignal(v.frozen_loaded, timeout=20_000):
        qtbot.mouseClick(v.freeze_button, Qt.MouseButton.LeftButton)
    assert v.frozen_table.rowCount() == 1
    assert v.frozen_table.item(0, 1).text() == "12/BC-VPĐP" and v.frozen_table.item(0, 2).text() == "B01 B05"
    assert v.frozen_table.item(0, 5).text() == "nguyên vẹn"
    again = tmp_path / "again.pdf"
    with qtbot.waitSignal(v.exported, timeout=20_000):
        v.export_frozen("pdf", str(again))
    text = subprocess.run(["pdftotext", str(again), "-"], capture_output=True, text=True, check=True).stdout
    assert "Bản lưu báo cáo đã gửi UBND tỉnh" in text

    dialog = v.preview_frozen()  # shown again as sent, in the print preview
    qtbot.waitUntil(lambda: dialog.path is not None or dialog.failed, timeout=20_000)
    assert not dialog.failed and "Bản lưu báo cáo" in subprocess.run(
        ["pdftotext", str(dialog.path), "-"], capture_output=True, text=True, check=True).stdout
    dialog.reject()
    import sqlite3

    con = sqlite3.connect(window.db.path)
    con.execute("UPDATE frozen_report SET number = '13/BC'")
    con.commit()
    con.close()
    with qtbot.waitSignal(v.frozen_loaded, timeout=10_000):
        v.reload()
    assert v.frozen_table.item(0, 5).text() == "ĐÃ BỊ SỬA"
    dialog = v.preview_frozen()
    qtbot.waitUntil(lambda: dialog.failed, timeout=20_000)  # refused with the reason, nothing shown
    dialog.reject()


def test_bad_period_gets_a_message_and_no_file(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001
    v = _send_up(qtbot, window)
    v.end.setDate(v.start.date().addDays(-1))
    v.export("pdf", str(tmp_path / "x.pdf"))
    assert v.problem.isVisible() and "trước" in v.problem.text()
    assert not (tmp_path / "x.pdf").exists()
    v.end.setDate(v.start.date().addDays(30))
    for i in range(v.reports.count()):
        v.reports.item(i).setCheckState(Qt.CheckState.Unchecked)
    v.export("pdf", str(tmp_path / "x.pdf"))
    assert v.problem.isVisible() and not (tmp_path / "x.pdf").exists()
