"""Questions and errors the record dialogs show, built on :func:`ui.errors.message_box`.

Dialogs call these through the module (``messages.ask(...)``) so tests can replace them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ocop_desktop.ui.errors import message_box


def ask(parent: QWidget | None, title: str, text: str, *, yes: str, no: str,
        details: str = "", default_yes: bool = False) -> bool:
    """A question with two buttons named for what they do; True when the officer chose ``yes``."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text, details, QMessageBox.StandardButton.NoButton)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def show_error(parent: QWidget | None, title: str, text: str, *, details: str = "") -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text, details).exec()
