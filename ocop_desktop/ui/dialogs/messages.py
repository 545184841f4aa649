"""Message boxes with our own button texts (Qt ships no Vietnamese for its standard ones).

Dialogs call these through the module (``messages.ask(...)``) so tests can replace them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget | None, title: str, text: str, *, yes: str, no: str,
        details: str = "", default_yes: bool = False) -> bool:
    """A question with two buttons; True when the officer chose ``yes``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def show_error(parent: QWidget | None, title: str, text: str, *, details: str = "", ok: str = "") -> None:
    from ocop_desktop.i18n import _

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.addButton(ok or _("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
