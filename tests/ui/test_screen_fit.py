"""Every page and dialog fits a 1280×720 screen (1366×768 at 100 %, 1920×1080 at 150 %),
with long data in the records: a 300-character product name, long producer, member and
office names. Both the least size the layout needs (``minimumSizeHint``) and the size the
window actually has once shown must stay inside the budget; the main window's saved
geometry is ignored when it does not fit the screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QScrollArea,
    QTableWidget,
    QWidget,
)
from ui_samples import tax_code

from ocop_desktop.domain import geography
from ocop_desktop.i18n import _
from ocop_desktop.models import Producer, Product
from ocop_desktop.services import decisions
from ocop_desktop.services import evaluations as ev
from ocop_desktop.services.decisions import DecisionData, RecognitionItem
from ocop_desktop.services.legacy_results import create_legacy_result
from ocop_desktop.services.producers import ProducerData, create_producer
from ocop_desktop.services.products import ProductData, create_product
from ocop_desktop.ui import ops, screen_fit
from ocop_desktop.ui.main_window import SECTIONS, MainWindow

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"), pytest.mark.usefixtures("modals")]

BUDGET = QSize(1280, 720)
#: What a window's frame and title bar take on Windows: the least size must leave room for them.
FRAME = QSize(16, 40)
SCREEN = QRect(0, 0, 1280, 720)

LONG_COMMUNE = max((c for c in geography.communes(4)), key=lambda c: len(c.name))
LONG_PRODUCER = ("Hợp tác xã Sản xuất, Chế biến và Tiêu thụ Nông sản Hữu cơ Miến dong, Hạt dẻ, Trà Kolia "
                 "và Dược liệu Vùng cao Biên giới " + LONG_COMMUNE.name + " tỉnh Cao Bằng")
LONG_PRODUCT = ("Miến dong Phia Đén làm thủ công từ củ dong riềng đỏ trồng hữu cơ trên nương đá vôi, phơi "
                "sương núi ba đêm, đóng gói giấy dó in hoa văn thổ cẩm Tày Nùng, hộp quà tặng Tết cổ truyền "
                "gồm sáu gói năm trăm gam kèm nước chấm măng chua và sổ tay công thức nấu ăn song ngữ "
                "Việt – Anh của bà con dân tộc vùng cao biên giới Trùng Khánh Cao Bằng")[:300]
LONG_MEMBER = "Phó Giám đốc Sở Nông nghiệp và Môi trường tỉnh Cao Bằng kiêm Chủ tịch Hội đồng " + LONG_PRODUCER[:60]
LONG_OFFICE = "Văn phòng Điều phối Chương trình Mỗi xã một sản phẩm và nông thôn mới tỉnh Cao Bằng (" \
              + LONG_COMMUNE.name + ")"

assert len(LONG_PRODUCT) == 300


# -- the budget ------------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def small_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows that size themselves after the screen see a 1280×720 one."""
    monkeypatch.setattr(screen_fit, "available_geometry", lambda *_a, **_k: QRect(SCREEN))


def idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ops.running(), timeout=20_000)
    QApplication.processEvents()


def too_wide(widget: QWidget) -> list[str]:
    """The widgets whose least size alone passes the budget (to say what to fix)."""
    out = []
    for child in widget.findChildren(QWidget):
        if child.isWindow() or not child.isVisibleTo(widget):
            continue
        hint = child.minimumSizeHint().expandedTo(child.minimumSize())
        if hint.width() > BUDGET.width() - 800 or hint.height() > BUDGET.height() - 200:
            out.append(f"{type(child).__name__}({child.objectName() or ''}) {hint.width()}×{hint.height()}")
    return out[:8]


def assert_fits(widget: QWidget, what: str) -> None:
    hint = widget.minimumSizeHint().expandedTo(widget.minimumSize()) + FRAME
    size = widget.size() + FRAME  # the offscreen platform's frame is 2 px; Windows' is not
    assert hint.width() <= BUDGET.width() and hint.height() <= BUDGET.height(), \
        f"{what}: minimumSizeHint {hint.width()}×{hint.height()} {too_wide(widget)}"
    assert size.width() <= BUDGET.width() and size.height() <= BUDGET.height(), \
        f"{what}: shown at {size.width()}×{size.height()} {too_wide(widget)}"
    assert not cut_buttons(widget), f"{what}: buttons outside the window: {cut_buttons(widget)}"
    # Forms in a scroll area scroll down if they must, never sideways.
    for area in widget.findChildren(QScrollArea):
        if area.isVisibleTo(widget) and area.widget() is not None:
            assert not area.horizontalScrollBar().isVisible(), f"{what}: scrolls sideways {too_wide(area.widget())}"


def assert_table_fits(table: QTableWidget, what: str) -> None:
    """A table's columns fit its width (no hidden overflow to the right, no sideways scrolling), and every
    cell's text is whole in its tooltip (a long one wraps or is elided in the cell)."""
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width(), \
        f"{what}: columns {header.length()} px wide in a {table.viewport().width()} px table"
    assert not table.horizontalScrollBar().isVisible(), f"{what}: scrolls sideways"
    for r in range(table.rowCount()):
        for c in range(table.columnCount()):
            item = table.item(r, c)
            assert item.toolTip() == item.text(), f"{what}: row {r}, column {c} has no full-text tooltip"


def cut_buttons(widget: QWidget) -> list[str]:
    """Visible buttons not wholly inside the window (those in scrolled areas aside)."""
    out = []
    for button in widget.findChildren(QAbstractButton):
        if not button.isVisibleTo(widget) or button.window() is not widget.window() or any(
                isinstance(a, QAbstractScrollArea) for a in _ancestors(button, widget)):
            continue
        rect = QRect(button.mapTo(widget, QPoint(0, 0)), button.size())
        if not widget.rect().contains(rect):
            out.append(button.text() or type(button).__name__)
    return out


def _ancestors(w: QWidget, top: QWidget) -> list[QWidget]:
    out = []
    p = w.parentWidget()
    while p is not None and p is not top:
        out.append(p)
        p = p.parentWidget()
    return out


def show(qtbot, widget: QWidget) -> QWidget:  # noqa: ANN001
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    idle(qtbot)
    return widget


# -- long records ------------------------------------------------------------------------------------

@pytest.fixture
def long_db(sample_db):  # noqa: ANN001, ANN201
    """The sample office plus a producer with a long name in the longest-named commune, its
    product with a 300-character name (as a sync import may bring), a finalised council of two
    long-named members, a historical result and a recognition decision with its certificate."""
    db = sample_db
    from ocop_desktop.services import office

    db.office_name_shown = LONG_OFFICE.replace("Văn phòng Điều phối", "Trung tâm Dịch vụ nông nghiệp")
    with db.session() as s:  # the status bar shows it
        office.save_local_office(s, office.OfficeData(
            name=db.office_name_shown, role="province",  # it records the decision below
            province_code=4, commune_codes=[1477, 1489, 1501, 1525], officer_name=LONG_MEMBER[:100]))
    db.refresh_office()
    with db.session() as s:
        producer = create_producer(s, ProducerData(kind="htx", name=LONG_PRODUCER[:255],
                                                   commune_code=1477, identifier=tax_code(99), rep_name=LONG_MEMBER[:100],
                                                   address_detail=LONG_PRODUCER[:200], legacy_address=LONG_PRODUCER[:200], rep_title=LONG_MEMBER[:100], phone="0912 345 678"))
        product = create_product(s, ProductData(name=LONG_PRODUCT[:255], producer_id=producer.id, product_set=6,
                                                status="dang_danh_gia"))
        pid, prid = product.id, producer.id
    with db.session() as s:  # longer than the form accepts, as a record from another office may be
        s.get(Product, pid).name = LONG_PRODUCT
        s.get(Producer, prid).name = LONG_PRODUCER
        s.get(Producer, prid).commune_code = LONG_COMMUNE.code
    from ocop_desktop.scoring.rubric import load_rubric

    sheet = load_rubric("qd-26-2026").sheet(6)
    best = {c.code: max(range(len(c.options)), key=lambda i: (c.options[i].points, i)) for c in sheet.criteria}
    with db.session() as s:
        eid = ev.create_evaluation(s, pid, "council", 2026, 1).id
    with db.session() as s:
        for i in range(2):
            ev.save_sheet_choices(s, ev.add_member(s, eid, f"{LONG_MEMBER[:240]} {i}", LONG_MEMBER[:120]).id, best)
    with db.session() as s:
        ev.finalise(s, eid)
    with db.session() as s:
        legacy = create_legacy_result(s, pid, "qd-148-2023", "65", 3, "1234/QĐ-UBND", dt.date(2024, 5, 2), 2024,
                                      notes=LONG_PRODUCT)
        lid = legacy.id
    with db.session() as s:
        d = decisions.record_recognition(s, DecisionData(
            kind="recognition", number="1234/QĐ-UBND", date=dt.date.today(), authority=LONG_OFFICE,
            level="province", signer_name=LONG_MEMBER[:120], signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
            [RecognitionItem(pid, 4), RecognitionItem(db.sample_ids["Miến dong Phia Đén"], 4)],
            confirmations={f"stars_differ:{pid}": "5 sao do Bộ công nhận; tỉnh công nhận 4 sao."})
        cid = next(c.id for c in d.certificates if c.product_id == pid) if hasattr(d, "certificates") else None
    if cid is None:
        with db.read_session() as s:
            cid = next(r.id for r in decisions.list_certificates(s) if r.product_id == pid)
    from ocop_desktop.services import trade_events

    with db.session() as s:  # a trade event with a long name, place and organiser, and the long producer's booth
        event_id = trade_events.create_event(s, trade_events.TradeEventData(
            name=LONG_PRODUCT[:255], kind="conference", start_date=dt.date(2026, 10, 8), end_date=dt.date(2026, 10, 12),
            scope="national", place=LONG_OFFICE[:255], organiser=LONG_OFFICE[:255], visitors=99_999_999,
            sales=999_999_999_999, cost=999_999_999_999, funding="dtts",
            participants=[trade_events.Booth(prid, [pid], 12, 999_999_999_999)])).id
    from ocop_desktop.services import sale_points

    with db.session() as s:  # a point of sale with long texts, carrying the long product
        point_id = sale_points.create_point(s, sale_points.SalePointData(
            name=LONG_PRODUCT[:255], kind="showroom", commune_code=1477, address_detail=LONG_PRODUCER[:255],
            operator=LONG_OFFICE[:255], opening_date=dt.date(2024, 5, 19), product_ids=[pid])).id
    db.long_ids = {"product": pid, "producer": prid, "evaluation": eid, "legacy": lid, "certificate": cid,
                   "event": event_id, "sale point": point_id}
    _long_training_and_support(db)
    return db


def _long_training_and_support(db) -> None:  # noqa: ANN001
    from ocop_desktop.services import support, training

    pid, prid = db.long_ids["product"], db.long_ids["producer"]
    with db.session() as s:
        db.long_ids["training"] = training.create_training(s, training.TrainingData(
            title=LONG_PRODUCT[:255], topic="ecommerce", start_date=dt.date(2026, 9, 15),
            end_date=dt.date(2026, 9, 17), place=LONG_PRODUCER[:255], commune_code=1477, audience="mixed",
            learners=120, learners_women=60, learners_minority=110, producer_ids=[prid],
            organiser=LONG_OFFICE[:255], cost=903_000_000_000, funding="dtts", notes=LONG_PRODUCT)).id
        db.long_ids["support"] = support.create_support(s, support.SupportData(
            producer_id=prid, product_id=pid, kind="certification", description=LONG_PRODUCT[:500],
            amount=903_000_000_000, funding="dtts", date=dt.date(2026, 10, 1),
            decision_ref="QĐ số 1520/QĐ-UBND ngày 20/11/2025 của UBND tỉnh Cao Bằng về hỗ trợ"[:128],
            notes=LONG_PRODUCT)).id


# -- the main window -----------------------------------------------------------------------------------

def test_every_page_fits_the_main_window(qtbot, long_db, monkeypatch) -> None:  # noqa: ANN001
    from ocop_desktop.ui.pages import record_actions

    monkeypatch.setattr(record_actions, "confirm", lambda *a, **k: True)
    window = MainWindow(long_db)
    window.resize(BUDGET - FRAME)
    show(qtbot, window)
    for key, _title in SECTIONS:
        page = window.show_section(key)
        if hasattr(page, "has_loaded"):
            qtbot.waitUntil(lambda p=page: p.has_loaded, timeout=10_000)
        idle(qtbot)
        assert_fits(window, key)
        if key == "products":  # a filter too narrow for its choice names it in full in its tooltip
            kind = page.kind_filter  # "Tất cả loại hình chủ thể" is cut in the box
            assert kind.toolTip() == kind.currentText() + "\n" + _("Show only products of one type of producer")
            assert page.stars_filter.toolTip() == _("Show only products with a number of OCOP stars")  # fits
        if key == "cycle":  # every tab of the section, with its long records
            for i in range(page.tabs.count()):
                page.tabs.setCurrentIndex(i)
                tab = page.current_page()
                qtbot.waitUntil(lambda t=tab: t.has_loaded, timeout=10_000)
                idle(qtbot)
                assert_fits(window, f"cycle tab {i}")
        if key == "settings":
            assert page.fields.name.cursorPosition() == 0  # the long office name shows its start
        if key == "cycle":  # every tab of the section, with long records
            for i in range(page.tabs.count()):
                page.tabs.setCurrentIndex(i)
                tab = page.current_page() if hasattr(page, "current_page") else None
                if tab is not None and hasattr(tab, "has_loaded"):
                    qtbot.waitUntil(lambda t=tab: t.has_loaded, timeout=10_000)
                idle(qtbot)
                assert_fits(window, f"cycle tab {i}")
    # Deleting the long product: the undo bar names it, and Undo stays on the screen.
    products = window.show_section("products")
    products.select_record(long_db.long_ids["product"])
    products.delete_selected()
    qtbot.waitUntil(lambda: products.undo_bar.isVisible(), timeout=10_000)
    idle(qtbot)
    assert LONG_PRODUCT in products.undo_bar.label.text()
    assert products.undo_bar.undo_button.isVisible()
    assert_fits(window, "products, undo bar")  # Undo inside the window, as every button
    # The status bar's long office name is elided, not dropped, and whole in its tooltip.
    office_label = window.office_label
    assert office_label.width() >= 150 and office_label.toolTip().endswith(long_db.office_name_shown)
    assert office_label.visibleRegion().boundingRect().width() >= 150
    window.close()


def test_a_saved_geometry_that_does_not_fit_is_ignored(qtbot, long_db) -> None:  # noqa: ANN001
    # A window grown past the screen (the products page used to widen it to 1458 px)…
    grown = MainWindow(long_db, autoload=False)
    qtbot.addWidget(grown)
    grown.setGeometry(0, 0, 1458, 700)
    grown.show()
    qtbot.waitExposed(grown)
    grown.close()  # …is not saved as it is,
    again = MainWindow(long_db, autoload=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    g = again.frameGeometry()
    assert SCREEN.contains(g), g  # …and the next start fits the screen
    assert g.width() >= SCREEN.width() * 0.8 and g.height() >= SCREEN.height() * 0.8
    again.close()


@pytest.mark.parametrize("rect", [QRect(0, 0, 1458, 700), QRect(300, 200, 805, 248), QRect(-2000, 40, 900, 600),
                                  QRect(0, 0, 1200, 1000)])
def test_a_bad_saved_geometry_gives_a_sensible_default(qtbot, long_db, rect: QRect) -> None:  # noqa: ANN001
    """Saved by an older version (or on a bigger screen): too big, tiny, or off the screen."""
    probe = QWidget()
    qtbot.addWidget(probe)
    probe.setGeometry(rect)
    from ocop_desktop.ui.main_window import _window_settings

    _window_settings().setValue("main_window/geometry", probe.saveGeometry())
    window = MainWindow(long_db, autoload=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    g = window.frameGeometry()
    assert SCREEN.contains(g), g
    assert g.width() >= SCREEN.width() * 0.8 and g.height() >= SCREEN.height() * 0.8, g
    window.close()


def test_a_saved_geometry_that_fits_is_kept(qtbot, long_db) -> None:  # noqa: ANN001
    probe = QWidget()
    qtbot.addWidget(probe)
    probe.setGeometry(QRect(40, 30, 1100, 650))
    from ocop_desktop.ui.main_window import _window_settings

    _window_settings().setValue("main_window/geometry", QByteArray(probe.saveGeometry()))
    window = MainWindow(long_db, autoload=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.geometry().size() == QSize(1100, 650)
    window.close()


def test_an_elided_label_keeps_its_text_whole_in_the_tooltip(qtbot) -> None:  # noqa: ANN001
    label = screen_fit.ElidedLabel(LONG_PRODUCT)
    qtbot.addWidget(label)
    label.resize(300, 30)
    label.show()
    qtbot.waitExposed(label)
    assert label.text() == LONG_PRODUCT and label.toolTip() == LONG_PRODUCT
    shown = super(screen_fit.ElidedLabel, label).text()
    assert shown.endswith("…") and LONG_PRODUCT.startswith(shown[:-1])
    assert label.minimumSizeHint().width() < 100 and label.sizeHint().width() < 600
    label.setText("Miến dong")  # short enough: as it is, no tooltip
    assert super(screen_fit.ElidedLabel, label).text() == "Miến dong" and label.toolTip() == ""


# -- dialogs ----------------------------------------------------------------------------------------------

def _producer(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.dialogs.producer_dialog import ProducerDialog

    return ProducerDialog(db, db.long_ids["producer"])


def _new_producer(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.dialogs.producer_dialog import ProducerDialog

    return ProducerDialog(db)


def _product(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.dialogs.product_dialog import ProductDialog

    return ProductDialog(db, db.long_ids["product"])


def _new_product(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.dialogs.product_dialog import ProductDialog

    return ProductDialog(db, producer_id=db.long_ids["producer"])


def _new_evaluation(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.evaluation.new_dialog import NewEvaluationDialog

    return NewEvaluationDialog(db, db.long_ids["product"], kind="council")


def _evaluation(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.evaluation.evaluation_dialog import EvaluationDialog

    return EvaluationDialog(db, db.long_ids["evaluation"])


def _draft_evaluation(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.evaluation.evaluation_dialog import EvaluationDialog

    with db.session() as s:
        eid = ev.create_evaluation(s, db.long_ids["product"], "field", 2026, 2).id
    return EvaluationDialog(db, eid)


def _legacy(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.evaluation.legacy_dialog import LegacyResultDialog

    return LegacyResultDialog(db, evaluation_id=db.long_ids["legacy"])


def _new_legacy(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.evaluation.legacy_dialog import LegacyResultDialog

    return LegacyResultDialog(db, product_id=db.long_ids["product"])


def _commune(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.evaluation.commune_dialog import CommuneAssessmentDialog

    return CommuneAssessmentDialog(db, db.long_ids["product"], 2026, 1)


def _member(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.evaluation.prompts import MemberDialog

    return MemberDialog(name=LONG_MEMBER, role=LONG_MEMBER[:120])


def _reason(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.evaluation.prompts import ReasonDialog

    return ReasonDialog()


def _recognition(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.certificates.decision_dialog import RecognitionDialog

    return RecognitionDialog(db)


def _revocation(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.certificates.revocation_dialog import RevocationDialog

    with db.read_session() as s:
        rows = [r for r in decisions.list_certificates(s) if r.id == db.long_ids["certificate"]]
    return RevocationDialog(db, rows)


def _certificate(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.certificates.preview_dialog import CertificatePreviewDialog

    return CertificatePreviewDialog(db, db.long_ids["certificate"])


def _pdf_preview(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.reports.product_list import ProductFilter, render_product_list  # noqa: F401
    from ocop_desktop.ui.widgets.pdf_preview import PdfPreviewDialog

    def make(_ctx):  # noqa: ANN001, ANN202
        from ocop_desktop.reports import forms  # noqa: F401
        from ocop_desktop.ui.widgets.pdf_preview import temp_pdf

        path = temp_pdf("fit")
        from reportlab.pdfgen import canvas

        c = canvas.Canvas(str(path))
        c.drawString(72, 720, "OCOP")
        c.save()
        return path

    return PdfPreviewDialog("Danh sách sản phẩm OCOP — " + LONG_PRODUCT, make, "danh-sach.pdf")


def _layout(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.dialogs.certificate_layout_dialog import CertificateLayoutDialog

    return CertificateLayoutDialog(db)


def _fingerprint(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.sync.fingerprint_dialog import FingerprintDialog

    return FingerprintDialog(LONG_OFFICE, "ABCD-EFGH-JKMN", role="province", reason=LONG_PRODUCT)


def _crash(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.errors import CrashDialog

    dialog = CrashDialog("Traceback: " + "x" * 600, tmp / ("a-very-long-folder-name-" * 6) / "crash.log")
    dialog.toggle.setChecked(True)
    return dialog


def _province(db, tmp):  # noqa: ANN001, ANN202
    """A provincial office with a long name that knows the field office, and a bundle from it."""
    from ocop_desktop.demo.sync_story import introduce
    from ocop_desktop.sync import exporter
    from tests.sync.sync_samples import add_producer, make_office

    province = make_office(tmp / "province.sqlite", LONG_OFFICE, "province")
    introduce(db, province)
    tmp_usb = tmp / "usb"
    tmp_usb.mkdir(exist_ok=True)
    add_producer(province, LONG_PRODUCER, LONG_COMMUNE.code)
    path = exporter.export_bundle(province, tmp_usb, db.office_id).path
    return province, path


def _export(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.sync.export_dialog import ExportDialog

    province, _path = _province(db, tmp)
    province.close()
    return ExportDialog(db)


def _import(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.sync.import_dialog import ImportDialog

    province, path = _province(db, tmp)
    province.close()
    return ImportDialog(db, [path])


def _wizard(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.db import Database
    from ocop_desktop.ui.first_run import FirstRunWizard

    empty = Database.open(tmp / "new.sqlite")
    wizard = FirstRunWizard(empty)
    wizard.destroyed.connect(empty.close)
    return wizard


def _reissue(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.certificates.record_dialogs import ReissueDialog

    return ReissueDialog(db, db.long_ids["certificate"])


def _decision_id(db) -> str:  # noqa: ANN001
    with db.read_session() as s:
        return next(r.decision_id for r in decisions.list_certificates(s) if r.id == db.long_ids["certificate"])


def _correct(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.certificates.record_dialogs import CorrectDecisionDialog

    return CorrectDecisionDialog(db, _decision_id(db))


def _annul(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.certificates.record_dialogs import AnnulDialog

    return AnnulDialog(db, _decision_id(db))


def _verify(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.certificates.verify_dialog import VerifyCertificateDialog

    return VerifyCertificateDialog(db)


def _discussion(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.evaluation.discussion_dialog import DiscussionDialog

    return DiscussionDialog(chair=LONG_MEMBER[:240], attendees="; ".join([LONG_MEMBER[:240]] * 5),
                            spread_text=LONG_PRODUCT)


def _comparison(db, tmp):  # noqa: ANN001, ANN202
    """The council's side-by-side view: ten long-named members on a 40-criterion sheet."""
    from ocop_desktop.scoring.rubric import load_rubric
    from ocop_desktop.ui.evaluation.comparison_view import Column, ComparisonDialog

    sheet = max((load_rubric("qd-26-2026").sheet(n) for n in range(1, 27)), key=lambda sh: len(sh.criteria))
    columns = [Column(f"{LONG_MEMBER[:240]} {i}", LONG_MEMBER[:120], {c.code: i % len(c.options) for c in sheet.criteria})
               for i in range(10)]
    return ComparisonDialog(sheet, columns)


def _keyboard_help(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.dialogs.keyboard_help import KeyboardHelpDialog

    return KeyboardHelpDialog()


def _guide(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.help_dialog import GuideDialog

    return GuideDialog()


def _idea(db, tmp):  # noqa: ANN001, ANN202
    """An idea of the long-named producer with a long name, reason and market, made a product."""
    from ocop_desktop.models import ProductIdea
    from ocop_desktop.services import ideas
    from ocop_desktop.ui.cycle.idea_dialog import IdeaDialog

    with db.session() as s:
        idea = ideas.create_idea(s, ideas.IdeaData(
            name=LONG_PRODUCT[:255], producer_id=db.long_ids["producer"], received_on=dt.date(2026, 3, 2),
            commune_code=1477, product_set=6, origin="raw_material", description=LONG_PRODUCT,
            raw_materials=LONG_PRODUCT, market=LONG_PRODUCT, status="returned", return_reason=LONG_PRODUCT,
            screened_by=LONG_MEMBER[:255], screened_on=dt.date(2026, 3, 9)))
        iid = idea.id
    with db.session() as s:
        ideas.make_product(s, iid)
        s.get(ProductIdea, iid).name = LONG_PRODUCT  # longer than the form accepts, as from a sync import
    return IdeaDialog(db, iid)


def _new_idea(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.idea_dialog import IdeaDialog

    return IdeaDialog(db)


def _event(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.event_dialog import EventDialog

    return EventDialog(db, db.long_ids["event"])


def _new_event(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.event_dialog import EventDialog

    d = EventDialog(db)
    for _i in range(8):  # more booths than the editor shows at once
        d.booths_editor.add_row()
    return d


def _sale_point(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.sale_point_dialog import SalePointDialog

    return SalePointDialog(db, db.long_ids["sale point"])


def _new_sale_point(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.sale_point_dialog import SalePointDialog

    return SalePointDialog(db)


def _training(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.training_dialog import TrainingDialog

    return TrainingDialog(db, db.long_ids["training"])


def _new_training(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.training_dialog import TrainingDialog

    return TrainingDialog(db)


def _support(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.support_dialog import SupportDialog

    return SupportDialog(db, db.long_ids["support"])


def _new_support(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.support_dialog import SupportDialog

    return SupportDialog(db)


def _plan(db, tmp):  # noqa: ANN001, ANN202
    """A plan of the long-named producer and product with long texts and a long-named file."""
    from ocop_desktop.demo.cycle_plans import plan_pdf
    from ocop_desktop.services import attachments, business_plans
    from ocop_desktop.ui.cycle.plan_dialog import PlanDialog

    with db.session() as s:
        ref = attachments.register(s, attachments.attachments_dir(db.path), attachments.check_bytes(
            plan_pdf("x", ["y"]), (LONG_PRODUCT[:200] + ".pdf")))
        plan = business_plans.create_plan(s, business_plans.PlanData(
            producer_id=db.long_ids["producer"], product_id=db.long_ids["product"], title=LONG_PRODUCT[:255],
            submitted_on=dt.date(2026, 3, 2), start_date=dt.date(2026, 4, 1), end_date=dt.date(2028, 3, 31),
            capital_own=903_000_000_000, capital_loans=903_000_000_000, support_requested=903_000_000_000,
            expected_output=LONG_PRODUCT[:500], expected_revenue=999_999_999_999_999, jobs=120, jobs_women=60,
            market=LONG_PRODUCT, status="approved", approval_number="1520/QĐ-UBND-SNNMT-2026-PHUONGAN"[:64],
            approval_date=dt.date(2026, 3, 20), approval_issuer=LONG_OFFICE[:255], notes=LONG_PRODUCT,
            attachments=[ref]))
    return PlanDialog(db, plan.id)


def _new_plan(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.cycle.plan_dialog import PlanDialog

    return PlanDialog(db)


def _targets_plan(db, tmp):  # noqa: ANN001, ANN202
    """A plan with a long title, an old plan's units and more targets than the editor shows."""
    from ocop_desktop.services import plans as sp
    from ocop_desktop.ui.reports.plan_dialog import PlanDialog

    units = [{"key": f"u{i}", "name": f"huyện {LONG_MEMBER[:40]} {i}", "commune_codes": [1477, 1489, 1501, 1525]}
             for i in range(6)]
    targets = [sp.TargetData("products_3plus", "whole", 150, 200, words=LONG_PRODUCT[:300], baseline=97)] * 6 + [
        sp.TargetData("producers_htx_share", "each_at_least", 40, words=LONG_PRODUCT)] * 6
    with db.session() as s:
        pid = sp.save_plan(s, sp.PlanData(number="3438/KH-UBND", title=LONG_PRODUCT[:500], issuer=LONG_OFFICE[:255],
                                          start_year=2021, end_year=2025, units=units, notes=LONG_PRODUCT,
                                          targets=[sp.TargetData(**vars(t)) for t in targets])).id
    return PlanDialog(db, pid)


def _new_targets_plan(db, tmp):  # noqa: ANN001, ANN202
    from ocop_desktop.ui.reports.plan_dialog import PlanDialog

    return PlanDialog(db)


DIALOGS: dict[str, Callable] = {
    "plan": _targets_plan, "new plan": _new_targets_plan,
    "product idea": _idea, "new product idea": _new_idea, "business plan": _plan, "new business plan": _new_plan,
    "trade event": _event, "new trade event": _new_event, "sale point": _sale_point,
    "new sale point": _new_sale_point,
    "training class": _training, "new training class": _new_training, "support": _support,
    "new support": _new_support,
    "re-issue certificate": _reissue, "correct decision": _correct, "annul decision": _annul,
    "verify certificate": _verify, "council discussion": _discussion, "council comparison": _comparison,
    "keyboard help": _keyboard_help, "user guide": _guide,
    "producer": _producer, "new producer": _new_producer, "product": _product, "new product": _new_product,
    "new evaluation": _new_evaluation, "council evaluation": _evaluation, "field evaluation": _draft_evaluation,
    "legacy result": _legacy, "new legacy result": _new_legacy, "commune form 03": _commune,
    "council member": _member, "reopen reason": _reason, "recognition decision": _recognition,
    "revocation decision": _revocation, "certificate preview": _certificate, "pdf preview": _pdf_preview,
    "layout settings": _layout, "fingerprint": _fingerprint, "crash": _crash, "sync export": _export,
    "sync import": _import, "first-run wizard": _wizard,
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_fits(qtbot, long_db, tmp_path: Path, name: str, monkeypatch) -> None:  # noqa: ANN001
    from ocop_desktop.sync import usb

    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(usb, "removable_drives", lambda: [usb.Drive(stick, "USB", 8 * 1024**3, 16 * 1024**3)])
    dialog = DIALOGS[name](long_db, tmp_path)
    show(qtbot, dialog)
    if name == "sync import":
        dialog.start()
        from ocop_desktop.ui.sync import import_dialog

        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.PREVIEW, timeout=20_000)
        idle(qtbot)
        assert_fits(dialog, "sync import preview")
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == import_dialog.RESULT, timeout=20_000)
        idle(qtbot)
    if name == "sync export":
        qtbot.waitUntil(lambda: dialog.choices is not None, timeout=10_000)
        idle(qtbot)
        assert_fits(dialog, "sync export form")
        dialog.export_button.click()
        qtbot.waitUntil(lambda: dialog.exported_result is not None, timeout=20_000)
        idle(qtbot)
    assert_fits(dialog, name)
    if name == "council evaluation":  # the council summary: members' long names in its table
        from ocop_desktop.ui.evaluation.council_view import SUMMARY

        dialog.council.show_entry(SUMMARY)
        idle(qtbot)
        assert_fits(dialog, "council summary")
    if name in ("product", "producer"):  # the History / Products tab with long rows
        dialog.tabs.setCurrentIndex(1)
        view = dialog.history_view if name == "product" else dialog.products_view
        qtbot.waitUntil(lambda: view.has_loaded, timeout=10_000)
        idle(qtbot)
        assert_fits(dialog, f"{name}'s second tab")
        assert_table_fits(view.table, f"{name}'s second tab")
        if name == "producer":  # its History tab: the long training and support
            dialog.tabs.setCurrentIndex(2)
            qtbot.waitUntil(lambda: dialog.history_view.has_loaded, timeout=10_000)
            idle(qtbot)
            titles = [row[1] for row in dialog.history_view.texts()]  # with its ideas, events, decisions…
            for prefix in (_("Training: {title}"), _("Support: {what}")):
                assert any(t.startswith(prefix.split("{")[0]) for t in titles), (prefix, titles)
            assert_fits(dialog, "producer's history tab")
            assert_table_fits(dialog.history_view.table, "producer's history tab")
        dialog.tabs.setCurrentIndex(0)
    if name in ("product", "producer"):  # long names show their start, not their last words
        assert dialog.name_edit.text().startswith(LONG_PRODUCT[:200] if name == "product" else LONG_PRODUCER[:200])
        assert dialog.name_edit.cursorPosition() == 0
    if isinstance(dialog, QDialog):
        dialog.reject()
    else:
        dialog.close()
    idle(qtbot)


def test_the_sync_page_with_long_offices_and_a_conflict_fits(qtbot, long_db, tmp_path: Path) -> None:  # noqa: ANN001
    from ocop_desktop.sync import exporter, importer
    from ocop_desktop.ui.sync.sync_page import SyncPage
    from tests.sync.sync_samples import edit

    province, _path = _province(long_db, tmp_path)
    try:
        pid = long_db.long_ids["producer"]
        usb = tmp_path / "usb2"
        usb.mkdir()
        importer.import_bundle(province, exporter.export_bundle(long_db, usb, province.office_id).path)
        edit(long_db, pid, name=LONG_PRODUCER[:250] + " A")
        edit(province, pid, name=LONG_PRODUCER[:250] + " B")
        importer.import_bundle(province, exporter.export_bundle(long_db, usb, province.office_id).path)
        page = SyncPage(province)
        page.resize(BUDGET.width() - 200, BUDGET.height() - 80)
        show(qtbot, page)
        qtbot.waitUntil(lambda: page.overview.has_loaded and page.conflicts.has_loaded, timeout=10_000)
        for tab in range(page.tabs.count()):
            page.tabs.setCurrentIndex(tab)
            if tab == 1:
                page.conflicts.table.selectRow(0)
            idle(qtbot)
            assert_fits(page, f"sync tab {tab}")
        page.close()
        idle(qtbot)
    finally:
        province.close()
