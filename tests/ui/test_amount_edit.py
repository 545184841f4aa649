"""The shared amount field: typed digits become "903.000.000 đ", bad text gets a message."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ocop_desktop.ui.dialogs.fields import AmountEdit

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints")


def _form(qtbot):  # noqa: ANN001, ANN202
    host = QWidget()
    edit = AmountEdit()
    other = QLineEdit()
    lay = QVBoxLayout(host)
    lay.addWidget(edit)
    lay.addWidget(other)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    edit.setFocus()
    edit.host = host  # keep the window alive with the field
    return edit


def test_typed_digits_are_shown_with_separators_when_the_entry_is_finished(qtbot) -> None:  # noqa: ANN001
    edit = _form(qtbot)
    qtbot.keyClicks(edit, "903000000")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.text() == "903.000.000 đ"
    assert edit.amount() == 903_000_000 and edit.is_valid() and edit.problem("Kinh phí") is None


def test_a_negative_amount_is_refused_with_a_message_and_left_as_typed(qtbot) -> None:  # noqa: ANN001
    edit = _form(qtbot)
    qtbot.keyClicks(edit, "-5000")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.text() == "-5000"
    assert edit.amount() is None and not edit.is_valid()
    assert edit.problem("Kinh phí") == "Kinh phí: số tiền không được âm."


def test_words_are_not_an_amount(qtbot) -> None:  # noqa: ANN001
    edit = _form(qtbot)
    qtbot.keyClicks(edit, "ba trieu")
    assert edit.problem("Kinh phí").startswith("Kinh phí: “ba trieu” không phải số tiền")


def test_set_amount_and_empty(qtbot) -> None:  # noqa: ANN001
    edit = _form(qtbot)
    edit.set_amount(79_100)
    assert edit.text() == "79.100 đ"
    edit.set_amount(None)
    assert edit.text() == "" and edit.amount() is None and edit.is_valid()
