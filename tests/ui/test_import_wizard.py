"""The Excel import wizard end to end on real files and a real database (issue 12)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from ocop_desktop.models import Evaluation, Product
from ocop_desktop.ui import ops

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "excel_corpus"))
import make_corpus  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, Path]:
    return make_corpus.build(tmp_path / "corpus")


def _wait(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=20000)


def _count(db, model) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False)))


def test_wizard_imports_then_undoes(qtbot, db, corpus) -> None:  # noqa: ANN001
    from ocop_desktop.ui.import_wizard import ImportWizard

    w = ImportWizard(db, path=corpus["group_rows.xlsx"])
    qtbot.addWidget(w)
    w.show()
    _wait(qtbot)
    assert w.sheet_combo.currentData() == "Tong hop"
    qtbot.mouseClick(w.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot)
    assert w.stack.currentIndex() == 1
    assert w.mapping()[:4] == ["stt", "product_name", "producer_name", "commune"]
    assert "dòng 1" in w.mapping_intro.text()
    qtbot.mouseClick(w.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot)
    assert w.stack.currentIndex() == 2
    assert w.preview_model.rowCount() == 3
    assert "3 sản phẩm mới" in w.counts_label.text()
    assert w.next_button.isEnabled() and w.next_button.text() == "Nhập"
    with qtbot.waitSignal(w.imported, timeout=20000):
        qtbot.mouseClick(w.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot)
    assert w.stack.currentIndex() == 3
    assert _count(db, Product) == 3 and _count(db, Evaluation) == 2
    with qtbot.waitSignal(w.undone, timeout=20000):
        qtbot.mouseClick(w.undo_button, Qt.MouseButton.LeftButton)
    _wait(qtbot)
    assert _count(db, Product) == 0
    assert not w.undo_button.isEnabled()


def test_wizard_errors_block_import_and_give_the_error_workbook(qtbot, db, corpus, tmp_path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    from ocop_desktop.ui.import_wizard import ImportWizard

    w = ImportWizard(db, path=corpus["with_errors.xlsx"])
    qtbot.addWidget(w)
    w.show()
    _wait(qtbot)
    w._next()
    _wait(qtbot)
    w.set_combo.setCurrentIndex(w.set_combo.findData(3))
    w._next()
    _wait(qtbot)
    assert not w.next_button.isEnabled()
    assert w.errors_only.isChecked() and w.preview_model.rowCount() == 6
    w.errors_only.setChecked(False)
    assert w.preview_model.rowCount() == 7
    out = tmp_path / "loi.xlsx"
    w._save_errors(out)
    _wait(qtbot)
    assert len(list(load_workbook(out).active.values)) == 7
    assert _count(db, Product) == 0


def test_wizard_changed_mapping_and_bad_file(qtbot, db, corpus, monkeypatch) -> None:  # noqa: ANN001
    from ocop_desktop.ui import import_wizard
    from ocop_desktop.ui.import_wizard import ImportWizard

    shown = []
    monkeypatch.setattr(import_wizard, "show_known_error", lambda parent, exc, title=None: shown.append(exc.message))
    w = ImportWizard(db, path=corpus["encrypted.xlsx"])
    qtbot.addWidget(w)
    _wait(qtbot)
    assert shown and "mật khẩu" in shown[0]
    assert "mật khẩu" in w.file_message.text()
    w.path_edit.setText(str(corpus["utf8_bom.csv"]))
    w._load_sheets()
    _wait(qtbot)
    w._next()
    _wait(qtbot)
    w.set_field(3, "address")  # "Xã" read as an address: the commune is still found
    w._next()
    _wait(qtbot)
    assert w.plan.rows[0].producer.commune_code == 1501
    assert w.plan.source.mapping[3] == "address"


def test_main_window_file_menu_opens_the_wizard(qtbot, db) -> None:  # noqa: ANN001
    from ocop_desktop.ui.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    assert win.import_action.text() == "Nhập từ Excel…"
    wizard = win.import_excel()
    assert wizard.isVisible()
    wizard.close()
    page = win.show_section("products")
    texts = [b.text() for b in page.findChildren(type(win.findChild(type(page.new_button))))]
    assert "Nhập từ Excel…" in texts
    _wait(qtbot)


def test_wizard_round_trip_of_an_exported_list(qtbot, db, tmp_path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    from ocop_desktop import list_columns
    from ocop_desktop.excel.export import export_rows
    from ocop_desktop.services import producers, products
    from ocop_desktop.ui.import_wizard import ImportWizard

    with db.session() as s:
        p = producers.create_producer(s, producers.ProducerData(kind="ho_kd", name="Hộ Lò Văn Tú", commune_code=1489))
        pid = products.create_product(s, products.ProductData(name="Chè Shan", producer_id=p.id, product_set=11)).id
    with db.read_session() as s:
        export_rows(tmp_path / "sp.xlsx", "products", list_columns.PRODUCTS, products.list_products(s))
    wb = load_workbook(tmp_path / "sp.xlsx")
    ws = wb["Danh sách"]
    head = next(r for r in ws.iter_rows() if r[0].value == "ID (không sửa)")
    name_col = next(c.column for c in head if c.value == "Sản phẩm")
    ws.cell(row=head[0].row + 1, column=name_col).value = "Chè Shan tuyết"
    wb.save(tmp_path / "sp.xlsx")
    w = ImportWizard(db, path=tmp_path / "sp.xlsx")
    qtbot.addWidget(w)
    w.show()
    _wait(qtbot)
    w._next()
    _wait(qtbot)
    assert w.stack.currentIndex() == 2 and w.roundtrip is not None
    assert w.rt_model.rowCount() == 1 and "Chè Shan tuyết" in w.rt_model.index(0, 3).data()
    assert w.next_button.isEnabled()
    with qtbot.waitSignal(w.imported, timeout=20000):
        w._next()
    _wait(qtbot)
    with db.read_session() as s:
        assert products.get_product(s, pid).name == "Chè Shan tuyết"
