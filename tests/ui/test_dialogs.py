"""The producer and product dialogs, driven with real key presses and clicks."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog
from sqlalchemy import func, select
from ui_samples import Modals

from ocop_desktop import paths
from ocop_desktop.domain.identifiers import make_tax_code
from ocop_desktop.i18n import _, format_date
from ocop_desktop.models import ChangeLog, Producer, Product
from ocop_desktop.services import photos as photo_service
from ocop_desktop.services import producers as producer_service
from ocop_desktop.services import products as product_service
from ocop_desktop.services import validation
from ocop_desktop.ui.dialogs import ProducerDialog, ProductDialog

# The offscreen platform warns that it cannot resize windows to their size hints, raise
# popups or grab the keyboard for them (completer lists); these are limits of the test
# platform, not of the dialogs.
pytestmark = [pytest.mark.usefixtures("modals"), pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")]

TAX_1 = make_tax_code("010124814")
TAX_2 = make_tax_code("480012345")
TRUNG_KHANH, DINH_PHONG = 1477, 1489




def count(db, model) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def make_producer(db, **kw) -> str:  # noqa: ANN001
    data = producer_service.ProducerData(**{"kind": "htx", "name": "Hợp tác xã Nông sản Đình Phong",
                                            "identifier": TAX_2, "commune_code": DINH_PHONG, **kw})
    with db.session() as s:
        return producer_service.create_producer(s, data).id


def open_dialog(qtbot, dialog):  # noqa: ANN001, ANN201
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_keys(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """Key presses for each character.

    ``keyClicks`` handles ASCII only (QTest maps characters to key codes and asserts on
    others), so Vietnamese letters, NFC or NFD, go as key events carrying their text,
    the way an input method delivers them.
    """
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def type_into(qtbot, widget, text: str) -> None:  # noqa: ANN001
    widget.setFocus()
    widget.clear()
    type_keys(qtbot, widget, text)


def choose(qtbot, combo, text: str) -> None:  # noqa: ANN001
    """Type into a searchable combo box and press Enter, as an officer would."""
    combo.lineEdit().selectAll()
    type_keys(qtbot, combo.lineEdit(), text)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    combo.commit_text()


def fill_valid_producer(qtbot, d: ProducerDialog, *, name: str = "Hợp tác xã Miến dong Phia Đén") -> None:  # noqa: ANN001
    type_into(qtbot, d.name_edit, name)
    type_into(qtbot, d.identifier_edit, TAX_1)
    choose(qtbot, d.commune_combo, "dinh phong")


def save(qtbot, d) -> None:  # noqa: ANN001
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)


# -- producer dialog -------------------------------------------------------------------------


def test_create_producer_by_typing(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    assert d.windowTitle() == _("New producer")
    assert all(not box.is_marked() for box in d.boxes.values())  # a fresh form shows no errors

    name_nfd = unicodedata.normalize("NFD", "Hợp tác xã Miến dong Phia Đén")
    type_into(qtbot, d.name_edit, name_nfd)
    type_into(qtbot, d.identifier_edit, TAX_1)
    assert d.boxes["identifier"].hint.text() == _("Recognised: 10-digit tax code.")
    type_into(qtbot, d.reg_number_edit, "4807000123")
    type_into(qtbot, d.reg_date_edit.edit, "5/3/2019")
    type_into(qtbot, d.rep_name_edit, "Nông Thị Lan")
    type_into(qtbot, d.rep_title_edit, "Giám đốc")
    d.rep_sex_combo.setCurrentIndex(d.rep_sex_combo.findData("nu"))
    choose(qtbot, d.ethnicity_combo, "tay")
    assert d.ethnicity_combo.currentText() == "Tày"
    choose(qtbot, d.commune_combo, "dinh phong")
    assert d.commune_combo.value() == DINH_PHONG
    type_into(qtbot, d.address_edit, "Xóm Phia Đén")
    type_into(qtbot, d.phone_edit, "0912 345 678")
    type_into(qtbot, d.email_edit, "htx.phiaden@gmail.com")
    type_into(qtbot, d.food_no_edit, "12/2024/ATTP-CNĐK")
    type_into(qtbot, d.food_expiry_edit.edit, "31/12/2027")
    type_into(qtbot, d.notes_edit, "Sản xuất miến dong từ năm 2005.")
    before = count(db, Producer)
    save(qtbot, d)

    assert d.result() == QDialog.DialogCode.Accepted
    assert count(db, Producer) == before + 1
    with db.read_session() as s:
        saved = producer_service.get_producer(s, d.saved_id)
    assert saved.name == "Hợp tác xã Miến dong Phia Đén"
    assert unicodedata.is_normalized("NFC", saved.name)
    assert saved.identifier == TAX_1
    assert saved.reg_date == dt.date(2019, 3, 5)
    assert (saved.rep_sex, saved.rep_ethnicity, saved.commune_code) == ("nu", "02", DINH_PHONG)
    assert saved.food_safety_cert_expiry == dt.date(2027, 12, 31)
    assert saved.rep_title == "Giám đốc"
    assert saved.notes == "Sản xuất miến dong từ năm 2005."


def _future() -> dt.date:
    return dt.date.today() + dt.timedelta(days=10)


BAD_INPUT = {
    # key: (widget attribute, text typed, expected message)
    "identifier": ("identifier_edit", "0101248142",
                   lambda: validation.identifier_error("0101248142", "htx", dt.date.today())),
    "name": ("name_edit", "", lambda: _("Producer name: required.")),
    "phone": ("phone_edit", "0912 34", lambda: validation.phone_error("0912 34")),
    "email": ("email_edit", "htx.phiaden@", lambda: validation.email_error("htx.phiaden@")),
    "reg_date": ("reg_date_edit", format_date(_future()),
                 lambda: _("{field}: the date {date} is in the future.").format(
                     field=_("Registration date"), date=_future().strftime("%d/%m/%Y"))),
}


@pytest.mark.parametrize("key", list(BAD_INPUT))
def test_bad_input_is_marked_and_nothing_saved(qtbot, db, key: str) -> None:  # noqa: ANN001
    assert make_tax_code("010124814") != "0101248142"  # the identifier case has a wrong check digit
    d = open_dialog(qtbot, ProducerDialog(db))
    fill_valid_producer(qtbot, d)
    type_into(qtbot, d.reg_number_edit, "4807000123")
    attr, text, expected = BAD_INPUT[key]
    widget = getattr(d, attr)
    type_into(qtbot, widget.edit if hasattr(widget, "edit") else widget, text)
    before = count(db, Producer)
    save(qtbot, d)

    message = expected()
    assert message
    assert d.error_for(key) == message
    assert d.boxes[key].is_marked()
    assert d.result() != QDialog.DialogCode.Accepted and d.saved_id is None
    assert count(db, Producer) == before
    assert d.focusWidget() is d.boxes[key].mark_targets()[0]
    assert not d.summary.isHidden()
    # Other fields stay unmarked.
    assert [k for k, box in d.boxes.items() if box.is_marked()] == [key]


def test_validation_runs_while_typing(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    type_into(qtbot, d.phone_edit, "12345")
    qtbot.waitUntil(lambda: d.boxes["phone"].is_marked(), timeout=2000)
    assert d.error_for("phone") == validation.phone_error("12345")
    # Untouched required fields are not nagged about before the first save.
    assert not d.boxes["name"].is_marked()
    type_into(qtbot, d.phone_edit, "0206 3852 123")
    qtbot.waitUntil(lambda: not d.boxes["phone"].is_marked(), timeout=2000)


def test_unreadable_date_is_refused(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    fill_valid_producer(qtbot, d)
    type_into(qtbot, d.food_no_edit, "01/ATTP")
    type_into(qtbot, d.food_expiry_edit.edit, "31/02/2027")
    save(qtbot, d)
    assert d.error_for("food_safety_cert_expiry") == _(
        "{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
        field=_("Food-safety certificate expiry"), text="31/02/2027")
    assert count(db, Producer) == 0


def test_expired_food_safety_certificate_warns_but_saves(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    fill_valid_producer(qtbot, d)
    type_into(qtbot, d.food_no_edit, "01/ATTP")
    type_into(qtbot, d.food_expiry_edit.edit, "01/01/2020")
    assert d.boxes["food_safety_cert_expiry"].warning.text() == _(
        "This certificate expired on {date}. A food product's dossier is rejected "
        "without a valid food-safety certificate.").format(date="01/01/2020")
    save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted


def test_duplicate_identifier_is_refused(qtbot, db) -> None:  # noqa: ANN001
    make_producer(db, identifier=TAX_1)
    d = open_dialog(qtbot, ProducerDialog(db))
    fill_valid_producer(qtbot, d, name="Công ty khác")
    save(qtbot, d)
    with db.read_session() as s:
        expected = producer_service.check(s, d.collect()[0])[0]["identifier"]
    assert d.error_for("identifier") == expected
    assert "Hợp tác xã Nông sản Đình Phong" in expected
    assert d.boxes["identifier"].is_marked()
    assert count(db, Producer) == 1


def test_name_look_alike_asks_and_can_proceed(qtbot, db, modals: Modals) -> None:  # noqa: ANN001
    make_producer(db, kind="tht", name="Tổ hợp tác Miến dong Phia Đén", identifier="")
    d = open_dialog(qtbot, ProducerDialog(db))
    d.kind_combo.setCurrentIndex(d.kind_combo.findData("tht"))
    type_into(qtbot, d.name_edit, "to hop tac mien dong phia den")
    choose(qtbot, d.commune_combo, "Đình Phong")
    qtbot.waitUntil(lambda: bool(d.boxes["name"].warning.text()), timeout=2000)

    modals.answers = [False]
    save(qtbot, d)
    assert len(modals.asked) == 1 and count(db, Producer) == 1
    assert d.result() != QDialog.DialogCode.Accepted

    modals.answers = [True]
    save(qtbot, d)
    assert len(modals.asked) == 2
    assert d.result() == QDialog.DialogCode.Accepted
    assert count(db, Producer) == 2


def test_edit_producer_bumps_version_and_logs(qtbot, db) -> None:  # noqa: ANN001
    pid = make_producer(db, phone="0912345678")
    d = open_dialog(qtbot, ProducerDialog(db, pid))
    assert d.windowTitle() == _("Edit producer")
    assert d.name_edit.text() == "Hợp tác xã Nông sản Đình Phong"
    assert d.commune_combo.value() == DINH_PHONG
    type_into(qtbot, d.phone_edit, "0206 3852 123")
    save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted and d.saved_id == pid
    with db.read_session() as s:
        p = s.get(Producer, pid)
        assert (p.version, p.phone) == (2, "0206 3852 123")
        log = s.scalars(select(ChangeLog).where(ChangeLog.record_id == pid).order_by(ChangeLog.seq)).all()
        assert [(r.op, r.version) for r in log] == [("create", 1), ("update", 2)]
        assert log[-1].fields == ["phone"]


def test_capital_share_only_for_joint_stock_companies(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    share = d.boxes["local_capital_share"]
    assert not share.isVisibleTo(d)
    d.kind_combo.setCurrentIndex(d.kind_combo.findData("ctcp"))
    assert share.isVisibleTo(d)
    fill_valid_producer(qtbot, d, name="Công ty cổ phần Chè Trùng Khánh")
    type_into(qtbot, d.share_edit, "abc")
    save(qtbot, d)
    assert d.error_for("local_capital_share") == _("Local community capital share: a percentage from 0 to 100.")
    type_into(qtbot, d.share_edit, "51,5")
    save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted
    with db.read_session() as s:
        assert str(producer_service.get_producer(s, d.saved_id).local_capital_share) == "51.50"


def test_cancel_asks_only_when_something_changed(qtbot, db, modals: Modals) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    d.reject()
    assert modals.asked == [] and d.result() == QDialog.DialogCode.Rejected
    d2 = open_dialog(qtbot, ProducerDialog(db))
    type_into(qtbot, d2.name_edit, "Hộ Nông Văn A")
    modals.answers = [False]
    d2.reject()
    assert len(modals.asked) == 1 and d2.isVisible()
    modals.answers = [True]
    d2.reject()
    assert not d2.isVisible()


# -- product dialog ----------------------------------------------------------------------------


def _jpeg(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (64, 48), (180, 120, 40)).save(path, "JPEG")
    return path


def test_create_product_with_certification_and_photo(qtbot, db, tmp_path: Path,  # noqa: ANN001
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pid = make_producer(db)
    d = open_dialog(qtbot, ProductDialog(db, producer_id=pid))
    assert d.producer_combo.value() == pid
    assert d.commune_combo.value() == DINH_PHONG  # the producer's commune by default
    year = dt.date.today().year
    assert d.code_preview() == product_service.format_product_code(4, DINH_PHONG, 1, year)

    type_into(qtbot, d.name_edit, "Miến dong Phia Đén")
    choose(qtbot, d.set_combo, "che bien tu gao")
    assert d.set_combo.value() == 6
    assert d.boxes["product_set"].hint.text() == product_service.product_sets.get(6).path_label()
    type_into(qtbot, d.description_edit, "Miến làm từ củ dong riềng.")
    d.status_combo.setCurrentIndex(d.status_combo.findData("dang_danh_gia"))
    assert not d.stars_combo.isEnabled()  # stars come from the certificate register

    qtbot.mouseClick(d.certs_editor.add_button, Qt.MouseButton.LeftButton)
    row = d.certs_editor.rows[0]
    row.kind_combo.setCurrentIndex(row.kind_combo.findData("vietgap"))
    type_into(qtbot, row.number_edit, "VG-04-0123")
    type_into(qtbot, row.expiry_edit.edit, "31/12/2027")
    type_into(qtbot, row.issuer_edit, "Sở Nông nghiệp và Môi trường Cao Bằng")

    picture = _jpeg(tmp_path / "mien.jpg")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(picture)], "")))
    qtbot.mouseClick(d.photos_widget.add_button, Qt.MouseButton.LeftButton)
    sha = hashlib.sha256(picture.read_bytes()).hexdigest()
    assert d.photos_widget.photos() == [sha]

    before = count(db, Product)
    save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted
    assert count(db, Product) == before + 1
    with db.read_session() as s:
        p = s.get(Product, d.saved_id)
        assert p.code == f"04-01489-1-{year}"
        assert (p.product_set, p.commune_code, p.status, p.stars) == (6, DINH_PHONG, "dang_danh_gia", None)
        assert p.certifications == [{"kind": "vietgap", "number": "VG-04-0123", "expiry": "2027-12-31",
                                     "issuer": "Sở Nông nghiệp và Môi trường Cao Bằng"}]
        assert p.photos == [sha]
        rows = product_service.list_products(s)
    root = paths.photos_dir(db.path)
    assert photo_service.thumb_path(root, sha).exists()
    assert [r.name for r in product_service.search_rows(rows, "mien dong phia den")] == ["Miến dong Phia Đén"]


def test_certified_without_a_decision_is_refused(qtbot, db) -> None:  # noqa: ANN001
    pid = make_producer(db)
    d = open_dialog(qtbot, ProductDialog(db, producer_id=pid))
    type_into(qtbot, d.name_edit, "Hạt dẻ Trùng Khánh")
    choose(qtbot, d.set_combo, "Rau, củ, quả, hạt tươi")
    d.status_combo.setCurrentIndex(d.status_combo.findData("dat_ocop"))
    save(qtbot, d)
    assert d.error_for("status") == _("Status: a product becomes OCOP-certified through a recognition decision "
                                      "(Certificates section).")
    assert not d.error_for("stars")
    assert count(db, Product) == 0
    assert d.focusWidget() is d.status_combo


def test_stars_are_shown_from_the_register_never_edited(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProductDialog(db))
    for status in ("y_tuong", "dang_ky", "dat_ocop", "het_han"):
        d.status_combo.setCurrentIndex(d.status_combo.findData(status))
        assert not d.stars_combo.isEnabled()


def test_certification_row_without_number_is_marked(qtbot, db) -> None:  # noqa: ANN001
    pid = make_producer(db)
    d = open_dialog(qtbot, ProductDialog(db, producer_id=pid))
    type_into(qtbot, d.name_edit, "Trà Kolia")
    choose(qtbot, d.set_combo, "tra tu thuc vat khac")
    row = d.certs_editor.add_row({"kind": "huu_co"})
    save(qtbot, d)
    assert d.errors == {"certifications.0": _("Certification {n}: enter its number.").format(n=1)}
    assert d.error_for("certifications") == _("Certification {n}: enter its number.").format(n=1)
    assert row.number_edit.property("invalid") is True
    assert d.focusWidget() is row.number_edit
    assert count(db, Product) == 0


def test_missing_producer_and_set_are_named(qtbot, db) -> None:  # noqa: ANN001
    make_producer(db)  # with none at all, the message asks to add one first (test_friendly_messages)
    d = open_dialog(qtbot, ProductDialog(db))
    type_into(qtbot, d.name_edit, "Khẩu Sli")
    save(qtbot, d)
    assert d.error_for("producer_id") == _("Producer: choose the producer of this product.")
    assert d.error_for("product_set") == _("Product set: choose one of the 26 product sets.")
    assert count(db, Product) == 0


def test_bad_photo_file_is_refused(qtbot, db, tmp_path: Path, modals: Modals) -> None:  # noqa: ANN001
    fake = tmp_path / "not-a-picture.jpg"
    fake.write_text("hello")
    d = open_dialog(qtbot, ProductDialog(db))
    assert d.photos_widget.add_files([str(fake)]) == []
    assert d.photos_widget.photos() == []
    assert modals.errors and _("{name} is not a readable JPEG, PNG or WebP picture.").format(
        name=fake.name) in modals.errors[0][1]


def test_edit_product_keeps_code_and_photos(qtbot, db, tmp_path: Path) -> None:  # noqa: ANN001
    pid = make_producer(db)
    with db.session() as s:
        sha = photo_service.add_photo(s, paths.photos_dir(db.path), _jpeg(tmp_path / "a.jpg"))
        product = product_service.create_product(s, product_service.ProductData(
            name="Thạch đen Thạch An", producer_id=pid, product_set=17, status="dat_ocop", stars=3,
            photos=[sha], certifications=[{"kind": "haccp", "number": "H-1", "expiry": "2020-01-01",
                                           "issuer": ""}]))
        product.stars = 3  # the register's cached stars
        product_id, code = product.id, product.code
    d = open_dialog(qtbot, ProductDialog(db, product_id))
    assert d.windowTitle() == _("Edit product")
    assert d.code_preview() == code
    assert d.photos_widget.photos() == [sha]
    assert d.certs_editor.rows[0].expiry_edit.text() == "01/01/2020"
    assert d.boxes["certifications"].warning.text()  # the expired HACCP certificate is pointed out
    assert d.stars_combo.currentData() == 3 and not d.stars_combo.isEnabled()
    d.stars_combo.setCurrentIndex(d.stars_combo.findData(5))  # even forced, the form cannot rank
    type_into(qtbot, d.description_edit, "Thạch làm từ cây thạch đen.")
    save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted
    with db.read_session() as s:
        p = s.get(Product, product_id)
        assert (p.stars, p.code, p.version, p.photos) == (3, code, 3, [sha])  # created, ranked, edited


def test_enter_in_a_search_box_picks_without_submitting(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    type_into(qtbot, d.name_edit, "Hộ Nông Văn Páo")
    d.commune_combo.lineEdit().setFocus()
    type_keys(qtbot, d.commune_combo.lineEdit(), "doai duong")
    qtbot.keyClick(d.commune_combo.lineEdit(), Qt.Key.Key_Return)
    assert d.commune_combo.value() == 1525
    assert d.commune_combo.currentText() == "Xã Đoài Dương"
    assert d.isVisible() and d.summary.isHidden()  # no save attempt
    assert count(db, Producer) == 0


def test_exec_returns_accepted_only_when_saved(qtbot, db) -> None:  # noqa: ANN001
    from PySide6.QtCore import QTimer

    d = ProducerDialog(db)
    qtbot.addWidget(d)

    def fill_and_save() -> None:
        d.kind_combo.setCurrentIndex(d.kind_combo.findData("ho_sx"))
        d.name_edit.setText("Hộ sản xuất Hoàng Văn Sơn")
        d.commune_combo.set_value(TRUNG_KHANH)
        d.save()

    QTimer.singleShot(0, fill_and_save)
    assert d.exec() == QDialog.DialogCode.Accepted
    assert d.saved_id is not None and count(db, Producer) == 1

    d2 = ProducerDialog(db)
    qtbot.addWidget(d2)
    QTimer.singleShot(0, lambda: (d2.save(), d2.reject()))  # refused save, then Cancel
    assert d2.exec() == QDialog.DialogCode.Rejected
    assert d2.saved_id is None and count(db, Producer) == 1


def test_product_follows_the_producer_commune_and_serial(qtbot, db) -> None:  # noqa: ANN001
    p1 = make_producer(db)  # Đình Phong
    p2 = make_producer(db, name="Hộ Lục Văn Tài", kind="ho_sx", identifier="", commune_code=TRUNG_KHANH)
    with db.session() as s:
        product_service.create_product(s, product_service.ProductData(
            name="Hạt dẻ", producer_id=p2, product_set=1, status="y_tuong"))
    year = dt.date.today().year
    d = open_dialog(qtbot, ProductDialog(db, producer_id=p1))
    assert d.code_preview() == f"04-01489-1-{year}"
    choose(qtbot, d.producer_combo, "luc van tai")
    assert d.producer_combo.value() == p2
    assert d.commune_combo.value() == TRUNG_KHANH
    assert d.code_preview() == f"04-01477-2-{year}"  # serial 1 is taken in Trùng Khánh
    # A commune chosen by the officer is kept when the producer changes.
    choose(qtbot, d.commune_combo, "Đàm Thuỷ")
    choose(qtbot, d.producer_combo, "nong san dinh phong")
    assert d.commune_combo.value() == 1501
    # A typed serial is kept too, and saved.
    d.code_row.serial_spin.setValue(7)
    type_into(qtbot, d.name_edit, "Miến dong")
    choose(qtbot, d.set_combo, "che bien tu rau")
    save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted
    with db.read_session() as s:
        assert s.get(Product, d.saved_id).code == f"04-01501-7-{year}"


def test_enter_in_a_field_saves_and_never_presses_another_button(qtbot, db) -> None:  # noqa: ANN001
    """Enter in the name field is Save (the dialog's default button), not "Add certification"
    (an auto-default button inside the form), also after that button was clicked once."""
    pid = make_producer(db)
    d = open_dialog(qtbot, ProductDialog(db, producer_id=pid))
    type_into(qtbot, d.name_edit, "Miến dong Phia Đén")
    d.name_edit.setFocus()
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)
    assert d.certs_editor.rows == []
    qtbot.mouseClick(d.certs_editor.add_button, Qt.MouseButton.LeftButton)
    assert len(d.certs_editor.rows) == 1
    d.name_edit.setFocus()
    qtbot.keyClick(d.name_edit, Qt.Key.Key_Return)
    assert len(d.certs_editor.rows) == 1
