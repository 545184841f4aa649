"""Fixtures for the widget tests: sample records, and no background op left running."""

from __future__ import annotations

import pytest
from ui_samples import fill  # tests/ui is on sys.path (pytest's rootdir-relative import)


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
