"""Guards against a broken Qt binding. PySide6 6.12.0 on Python 3.11 drops a reference to
None on every Qt call that returns void; after enough calls the interpreter aborts
("Fatal Python error: none_dealloc"). pyproject.toml keeps PySide6 below 6.12 for it."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_qt_calls_do_not_leak_none(qtbot) -> None:  # noqa: ANN001
    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(5000):
        edit.setText("Miến dong")
    assert abs(sys.getrefcount(None) - before) < 50
