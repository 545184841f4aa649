"""Fixtures for the widget tests: sample records, and no background op left running."""

from __future__ import annotations

import pytest
from ui_samples import Modals, fill  # tests/ui is on sys.path (pytest's rootdir-relative import)


@pytest.fixture
def empty_db(empty_db):  # noqa: ANN001, ANN201
    """The shared fixture, but every background op has finished before the file is closed."""
    yield empty_db
    _finish_ops()


@pytest.fixture
def sample_db(db):  # noqa: ANN001, ANN201
    """The Cao Bằng field office with 12 producers and 24 products."""
    db.sample_ids = fill(db)
    return db


def _finish_ops() -> None:
    from PySide6.QtWidgets import QApplication

    from ocop_desktop.ui import ops

    ops.wait_all()
    for _ in range(5):
        QApplication.processEvents()
        if not ops.running():
            break


@pytest.fixture
def modals(monkeypatch: pytest.MonkeyPatch) -> Modals:
    """Use with ``pytestmark = pytest.mark.usefixtures("modals")`` or as an argument."""
    from ocop_desktop.ui.dialogs import messages

    m = Modals()

    def ask(parent, title, text, *, yes, no, details="", default_yes=False):  # noqa: ANN001, ANN202
        m.asked.append((title, text))
        return m.answers.pop(0) if m.answers else True

    def show_error(parent, title, text, *, details=""):  # noqa: ANN001, ANN202
        m.errors.append((title, text))

    monkeypatch.setattr(messages, "ask", ask)
    monkeypatch.setattr(messages, "show_error", show_error)
    return m
