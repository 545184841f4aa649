"""The *Phương án SXKD* tab and dialog, driven with the keyboard on a real database: search and
filters, Ctrl+N, field messages, delete with undo, attached files (added in a worker, opened with
the system viewer, copied, removed), the idea dialog's "Make a business plan" and the history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog

from ocop_desktop.demo.cycle_plans import plan_pdf
from ocop_desktop.models import Attachment, BusinessPlan, Product, ProductIdea
from ocop_desktop.services import business_plans, ideas
from ocop_desktop.ui import ops
from ocop_desktop.ui.cycle.cycle_page import CyclePage
from ocop_desktop.ui.cycle.idea_dialog import IdeaDialog
from ocop_desktop.ui.cycle.plan_dialog import PlanDialog
from ocop_desktop.ui.cycle.plans_page import PlansPage
from ocop_desktop.ui.pages import record_actions
from tests.ui.test_dialogs import choose, type_into

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

PHIA_DEN = "Hợp tác xã Nông nghiệp Phia Đén"
HAT_DE = "HTX Hạt dẻ Trùng Khánh"


def _producer(db, name: str) -> str:  # noqa: ANN001
    with db.read_session() as s:
        return s.query(Product).filter(Product.producer.has(name=name)).first().producer_id


def _idea(db, producer_id: str, name: str = "Miến dong sợi nhỏ") -> str:  # noqa: ANN001
    with db.session() as s:
        return ideas.create_idea(s, ideas.IdeaData(
            name=name, producer_id=producer_id, received_on=dt.date(2025, 3, 2), commune_code=1477, product_set=7,
            status="accepted", screened_on=dt.date(2025, 3, 20), market="Cao Bằng, Hà Nội")).id


def _seed(db) -> dict[str, str]:  # noqa: ANN001
    a, b = _producer(db, PHIA_DEN), _producer(db, HAT_DE)
    ia, ib = _idea(db, a), _idea(db, b, "Hạt dẻ sấy")
    with db.session() as s:
        pa = business_plans.create_plan(s, business_plans.PlanData(
            producer_id=a, idea_id=ia, title="Phương án miến dong Phia Đén", submitted_on=dt.date(2025, 4, 1),
            start_date=dt.date(2025, 5, 1), end_date=dt.date(2027, 4, 30), capital_own=350_000_000,
            support_requested=150_000_000, status="approved", approval_number="125/QĐ-UBND",
            approval_date=dt.date(2025, 4, 20))).id
        pb = business_plans.create_plan(s, business_plans.PlanData(
            producer_id=b, idea_id=ib, title="Dự án hạt dẻ sấy", submitted_on=dt.date(2026, 2, 10),
            start_date=dt.date(2026, 3, 1), end_date=dt.date(2027, 2, 28), capital_own=90_000_000)).id
    return {"mien": pa, "de": pb, "producer": a, "idea": ia}


def _page(qtbot, db) -> PlansPage:  # noqa: ANN001
    page = PlansPage(db)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def _titles(page) -> list[str]:  # noqa: ANN001
    return [page.proxy.row_object(i).title for i in range(page.proxy.rowCount())]


def _in_modal(fill, failures: list) -> None:  # noqa: ANN001
    """Run ``fill`` on the modal dialog once it is open; a failure closes it (and is re-raised
    by the test) instead of leaving the test waiting on ``exec()``."""
    def run() -> None:
        try:
            fill()
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)
            dialog = QApplication.activeModalWidget()
            if dialog is not None:
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)


def _idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)


def test_the_tab_follows_the_ideas(qtbot, db) -> None:  # noqa: ANN001
    page = CyclePage(db, autoload=False)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[titles.index("Ý tưởng sản phẩm") + 1] == "Phương án SXKD"
    assert isinstance(page.show_tab("plans"), PlansPage)
    _idle(qtbot)


def test_search_and_filters_by_commune_year_and_status(qtbot, sample_db) -> None:  # noqa: ANN001
    _seed(sample_db)
    page = _page(qtbot, sample_db)
    assert _titles(page) == ["Dự án hạt dẻ sấy", "Phương án miến dong Phia Đén"]  # newest submitted first
    assert page.count_label.text() == "2 / 2 phương án"
    page.search.setText("mien dong phia den")  # accents folded
    assert _titles(page) == ["Phương án miến dong Phia Đén"]
    page.search.setText("125/qđ")  # the approving document
    assert _titles(page) == ["Phương án miến dong Phia Đén"]
    page.search.clear()
    page.year_filter.setCurrentIndex(page.year_filter.findData(2026))
    assert _titles(page) == ["Dự án hạt dẻ sấy"]
    page.clear_filters()
    page.status_filter.setCurrentIndex(page.status_filter.findData("approved"))
    assert _titles(page) == ["Phương án miến dong Phia Đén"]
    page.clear_filters()
    page.commune_filter.setCurrentIndex(page.commune_filter.findData(1477))
    assert len(_titles(page)) == 2  # both producers are in Trùng Khánh
    row = page.current_row() or page.proxy.row_object(1)
    assert row.capital_text in ("500.000.000 đ", "90.000.000 đ")


def test_delete_with_undo_from_the_keyboard(qtbot, sample_db, monkeypatch) -> None:  # noqa: ANN001
    ids = _seed(sample_db)
    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    page = _page(qtbot, sample_db)
    page.focus_search()
    qtbot.keyClicks(page.search, "hat de")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # to the results
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    with sample_db.read_session() as s:
        assert s.get(BusinessPlan, ids["de"]).deleted
    assert page.undo_bar.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    with sample_db.read_session() as s:
        assert not s.get(BusinessPlan, ids["de"]).deleted
    _idle(qtbot)


def test_ctrl_n_new_plan_typed_with_the_keyboard(qtbot, sample_db) -> None:  # noqa: ANN001
    product_id = sample_db.sample_ids["Miến dong Phia Đén"]
    page = _page(qtbot, sample_db)

    def fill() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, PlanDialog)
        choose(qtbot, d.producer_combo, "phia den")
        choose(qtbot, d.product_combo, "mien dong")
        type_into(qtbot, d.title_edit, "Mở rộng xưởng miến dong")
        type_into(qtbot, d.submitted_edit.edit, "05/03/2026")
        type_into(qtbot, d.start_edit.edit, "01/04/2026")
        type_into(qtbot, d.end_edit.edit, "31/03/2028")
        type_into(qtbot, d.own_edit, "350000000")  # digits only: read as 350.000.000 đ
        type_into(qtbot, d.support_edit, "150.000.000 đ")
        d.jobs_spin.setFocus()
        d.jobs_spin.selectAll()
        qtbot.keyClicks(d.jobs_spin, "12")
        qtbot.keyClick(d, Qt.Key.Key_Return)  # Enter saves

    failures: list = []
    _in_modal(fill, failures)
    with qtbot.waitSignal(page.loaded, timeout=10_000, raising=False):
        page.new_record()  # what Ctrl+N calls on the current tab
    if failures:
        raise failures[0]
    assert _titles(page) == ["Mở rộng xưởng miến dong"]
    row = page.current_row()
    assert (row.product_id, row.capital_text, row.support_text, row.status_label) == (
        product_id, "500.000.000 đ", "150.000.000 đ", "Đã nộp")
    with sample_db.read_session() as s:
        assert s.get(BusinessPlan, row.id).jobs == 12


def test_bad_input_shows_under_the_field_and_saves_nothing(qtbot, sample_db, modals) -> None:  # noqa: ANN001
    d = PlanDialog(sample_db)
    qtbot.addWidget(d)
    d.show()
    choose(qtbot, d.producer_combo, "phia den")
    type_into(qtbot, d.title_edit, "Phương án")
    type_into(qtbot, d.submitted_edit.edit, "05/03/2026")
    type_into(qtbot, d.start_edit.edit, "01/04/2026")
    type_into(qtbot, d.end_edit.edit, "01/03/2026")
    type_into(qtbot, d.own_edit, "-5.000.000")
    type_into(qtbot, d.loans_edit, "năm triệu")
    d.jobs_spin.setValue(4)
    d.women_spin.setValue(6)
    d.status_combo.setCurrentIndex(d.status_combo.findData("approved"))
    d.save()
    assert d.result() != QDialog.DialogCode.Accepted
    assert "trước ngày bắt đầu" in d.error_for("end_date")
    assert "âm" in d.error_for("capital_own")
    assert "“năm triệu” không phải số tiền" in d.error_for("capital_loans")
    assert "nhiều hơn số việc làm" in d.error_for("jobs_women")
    assert "bắt buộc" in d.error_for("approval_number")
    assert "ý tưởng sản phẩm hoặc sản phẩm" in d.error_for("idea_id")
    type_into(qtbot, d.start_edit.edit, "31/02/2026")
    d.validate()
    assert "“31/02/2026” không phải ngày tháng" in d.error_for("start_date")
    with sample_db.read_session() as s:
        assert s.query(BusinessPlan).count() == 0
    d.reject()


def test_attached_files_add_open_copy_remove(qtbot, sample_db, modals, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    ids = _seed(sample_db)
    pdf = tmp_path / "Phương án SXKD.pdf"
    pdf.write_bytes(plan_pdf("Miến dong Phia Đén", ["Vốn tự có: 350.000.000 đồng"]))
    fake = tmp_path / "không phải.pdf"
    fake.write_text("chỉ là chữ")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    d = PlanDialog(sample_db, plan_id=ids["mien"])
    qtbot.addWidget(d)
    d.show()
    with qtbot.waitSignal(d.files.changed, timeout=10_000):
        d.files.add_files([str(fake), str(pdf)])  # what "Add files…" (Alt+F) does after the file dialog
    _idle(qtbot)
    [(title, text)] = modals.errors
    assert "không phải tệp thuộc loại được chấp nhận" in text and "không phải.pdf" in text
    [line] = d.files.texts()
    assert line.startswith("Phương án SXKD.pdf — PDF, ") and "KB" in line
    d.files.list.setFocus()
    d.files.list.setCurrentRow(0)
    qtbot.keyClick(d.files.list, Qt.Key.Key_Return)  # Enter opens it with the system viewer
    assert len(opened) == 1 and Path(opened[0]).read_bytes() == pdf.read_bytes()
    copy = tmp_path / "ban-sao.pdf"
    op = d.files.copy_to(d.files.current_ref(), str(copy))
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert copy.read_bytes() == pdf.read_bytes()
    qtbot.keyClick(d, Qt.Key.Key_Return)  # saved with the plan
    assert d.result() == QDialog.DialogCode.Accepted
    with sample_db.read_session() as s:
        [ref] = s.get(BusinessPlan, ids["mien"]).attachments
        assert ref["name"] == "Phương án SXKD.pdf" and s.get(Attachment, ref["sha256"]).mime == "application/pdf"
    again = PlanDialog(sample_db, plan_id=ids["mien"])
    qtbot.addWidget(again)
    again.show()
    again.files.list.setFocus()
    again.files.list.setCurrentRow(0)
    qtbot.keyClick(again.files.list, Qt.Key.Key_Delete)  # Del removes it from the plan
    assert again.files.texts() == []
    again.save()
    with sample_db.read_session() as s:
        assert s.get(BusinessPlan, ids["mien"]).attachments == []
        assert s.get(Attachment, ref["sha256"]) is not None  # the stored copy stays


def test_make_a_business_plan_from_the_idea_dialog(qtbot, sample_db, modals) -> None:  # noqa: ANN001
    producer_id = _producer(sample_db, PHIA_DEN)
    idea_id = _idea(sample_db, producer_id, "Bánh cuốn Phia Đén")
    d = IdeaDialog(sample_db, idea_id=idea_id)
    qtbot.addWidget(d)
    d.show()
    assert d.plans_label.text() == "Chưa có phương án."

    def fill() -> None:
        p = QApplication.activeModalWidget()
        assert isinstance(p, PlanDialog)
        assert (p.producer_combo.value(), p.idea_combo.value(), p.title_edit.text()) == (
            producer_id, idea_id, "Bánh cuốn Phia Đén")  # prefilled from the idea
        type_into(qtbot, p.start_edit.edit, "01/07/2026")
        type_into(qtbot, p.end_edit.edit, "30/06/2027")
        qtbot.keyClick(p, Qt.Key.Key_Return)

    failures: list = []
    _in_modal(fill, failures)
    qtbot.keyClick(d.plan_button, Qt.Key.Key_Space)
    if failures:
        raise failures[0]
    assert d.result() == QDialog.DialogCode.Accepted and d.made_plan_id
    with sample_db.read_session() as s:
        assert s.get(ProductIdea, idea_id).status == "plan"
        assert s.get(BusinessPlan, d.made_plan_id).idea_id == idea_id
    again = IdeaDialog(sample_db, idea_id=idea_id)
    qtbot.addWidget(again)
    assert again.plans_label.text() == "Bánh cuốn Phia Đén (Đã nộp)"  # the link, the other way
    assert again.status_combo.currentData() == "plan"


def test_producer_and_product_history_show_the_plan(qtbot, sample_db) -> None:  # noqa: ANN001
    from ocop_desktop.ui.dialogs.producer_dialog import ProducerDialog
    from ocop_desktop.ui.dialogs.product_dialog import ProductDialog

    product_id = sample_db.sample_ids["Miến dong Phia Đén"]
    producer_id = _producer(sample_db, PHIA_DEN)
    with sample_db.session() as s:
        business_plans.create_plan(s, business_plans.PlanData(
            producer_id=producer_id, product_id=product_id, title="Mở rộng xưởng miến",
            submitted_on=dt.date(2026, 2, 3), start_date=dt.date(2026, 3, 1), end_date=dt.date(2027, 3, 1),
            capital_own=200_000_000))
    d = ProductDialog(sample_db, product_id=product_id)
    qtbot.addWidget(d)
    d.show()
    d.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: d.history_view.has_loaded, timeout=10_000)
    rows = [r for r in d.history_view.texts() if r[1].startswith("Phương án SXKD")]
    assert rows == [("03/02/2026", "Phương án SXKD: Mở rộng xưởng miến", "01/03/2026 – 01/03/2027 · vốn 200.000.000 đ",
                     "Đã nộp")]
    p = ProducerDialog(sample_db, producer_id=producer_id)
    qtbot.addWidget(p)
    p.show()
    p.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: p.history_view.has_loaded, timeout=10_000)
    titles = [r[1] for r in p.history_view.texts()]
    assert titles.count("Phương án SXKD: Mở rộng xưởng miến") == 1
    _idle(qtbot)
