"""Form friction: emoji and control characters refused under the field, lengths as stored,
counters on the long official fields, errors that do not move the form while typing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit
from sqlalchemy import func, select
from test_dialogs import fill_valid_producer, open_dialog, save, type_into, type_keys

from ocop_desktop.models import Producer
from ocop_desktop.services import validation
from ocop_desktop.ui.dialogs import ProducerDialog, ProductDialog

pytestmark = [pytest.mark.usefixtures("modals"), pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")]


def _count(db) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(Producer))


def test_an_emoji_in_the_name_is_refused_with_a_message_and_nothing_is_saved(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    fill_valid_producer(qtbot, d)
    type_keys(qtbot, d.name_edit, " 🌾")
    save(qtbot, d)
    assert d.error_for("name").startswith("Tên chủ thể: hãy xóa ký tự thứ 31 (U+1F33E).")
    assert d.boxes["name"].is_marked()
    assert d.result() != QDialog.DialogCode.Accepted and _count(db) == 0


def test_a_control_character_pasted_in_is_refused(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    fill_valid_producer(qtbot, d)
    d.rep_name_edit.setText("Nông Thị\u200bHoa")  # a zero-width space, as pasted from a web page
    save(qtbot, d)
    assert "U+200B" in d.error_for("rep_name")
    assert _count(db) == 0


def test_line_edits_hold_exactly_what_the_columns_store(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    for key, (_label, length, multiline) in validation.PRODUCER_TEXT_FIELDS.items():
        field = d.boxes[key].field
        if isinstance(field, QLineEdit):
            assert field.maxLength() == length, key
        else:
            assert multiline, key
    p = open_dialog(qtbot, ProductDialog(db))
    assert p.name_edit.maxLength() == validation.PRODUCT_TEXT_FIELDS["name"][1]
    row = p.certs_editor.add_row()
    assert row.number_edit.maxLength() == validation.CERTIFICATION_TEXT_FIELDS["number"]
    assert row.issuer_edit.maxLength() == validation.CERTIFICATION_TEXT_FIELDS["issuer"]


def test_long_official_fields_show_a_counter(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    counter = d.boxes["name"].counter
    assert counter is not None and counter.isVisible() and counter.text() == "0/255"
    type_into(qtbot, d.name_edit, "HTX Phia Den")
    assert counter.text() == "12/255"
    d.name_edit.setText("x" * 300)  # a paste is cut at the stored length
    assert d.name_edit.text() == "x" * 255 and counter.text() == "255/255"
    assert d.boxes["legacy_address"].counter.text() == "0/500"
    assert d.boxes["phone"].counter is None


def test_an_error_that_comes_and_goes_while_typing_does_not_move_the_fields_below(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    box = d.boxes["phone"]
    below = d.boxes["email"]
    type_into(qtbot, d.phone_edit, "12345")
    qtbot.waitUntil(box.is_marked, timeout=2000)
    qtbot.wait(10)
    y_with_error = below.mapTo(d, below.rect().topLeft()).y()
    type_into(qtbot, d.phone_edit, "0206 3852 123")
    qtbot.waitUntil(lambda: not box.is_marked(), timeout=2000)
    qtbot.wait(10)
    assert below.mapTo(d, below.rect().topLeft()).y() == y_with_error


def test_an_error_takes_the_hints_place(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    box = d.boxes["legacy_address"]
    assert box.hint.isVisible()
    d.legacy_edit.setText("Xóm 🏠 Phia Đén")
    save(qtbot, d)
    assert box.error.isVisible() and not box.hint.isVisible()
    d.legacy_edit.setText("Xóm Phia Đén")
    d.validate()
    assert box.hint.isVisible() and not box.error.isVisible()


def test_long_messages_are_never_cut_or_drawn_over_the_next_field(qtbot, db) -> None:  # noqa: ANN001
    d = open_dialog(qtbot, ProducerDialog(db))
    d.resize(1040, d.height())
    d.name_edit.setText("HTX Miến dong 🌾 Phia Đén")
    d.phone_edit.setText("12345")
    d.legacy_edit.setText("Xóm\u200b Phia Đén")
    save(qtbot, d)
    qtbot.wait(50)
    shown = 0
    for key, box in d.boxes.items():
        for label in (box.hint, box.error):
            if label.isVisible() and label.text():
                shown += 1
                assert label.height() >= label.heightForWidth(label.width()), (key, label.text())
        assert box.height() >= box.minimumSizeHint().height(), key
    assert shown >= 4
