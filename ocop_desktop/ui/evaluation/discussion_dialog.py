"""The council's discussion of a large spread: who chaired it, who attended, when, and
the outcome (:mod:`ocop_desktop.services.council_discussion`, domain brief §4.2).

Opens window-modal with ``open()`` and reports through ``accepted``; the caller writes the
values with the service and, when it refuses, shows the service's message here with
:meth:`show_errors` and opens the dialog again, so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.services.council_discussion import CHAIR_MAX, DiscussionData
from ocop_desktop.text import fold
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.dialogs.fields import DateEdit, note_label


def _is_chair(role: str) -> bool:
    """A chair's role as typed ("Chủ tịch Hội đồng") or suggested (``prompts.member_roles``)."""
    folded = fold(role)
    return ("chu tich" in folded and "pho" not in folded) or folded == fold(_("Council chair"))


def proposal(members: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """(chair, attendees) to start a new record from the members' (name, role): the member
    whose role is the chair's, and every member's name."""
    chair = next((name for name, role in members if name and _is_chair(role)), "")
    return chair, ", ".join(name for name, _role in members if name)


def save_discussion(db, evaluation_id: str, dialog: DiscussionDialog,  # noqa: ANN001 - Database
                    parent: QWidget) -> DiscussionData | None:
    """Write what the dialog holds (one short transaction). Refused: the messages go under
    the fields and the dialog opens again with what was typed; returns None."""
    from ocop_desktop.services import council_discussion

    errors = dialog.form_errors()
    if not errors:
        try:
            with db.session() as s:
                ev = council_discussion.record_discussion(s, evaluation_id, dialog.data())
                return council_discussion.discussion_of(ev)
        except ValidationFailed as exc:
            errors = exc.errors
        except KnownError as exc:
            messages.show_error(parent, _("Not saved"), exc.message, details=exc.hint or "")
            return None
    dialog.show_errors(errors)
    dialog.open()
    return None


class DiscussionDialog(QDialog):
    """Date, chair, attendees and outcome of the council's discussion."""

    FIELDS = ("date", "chair", "attendees", "outcome")

    def __init__(self, parent: QWidget | None = None, *, current: DiscussionData | None = None,
                 chair: str = "", attendees: str = "", spread_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Council discussion"))
        intro = note_label(spread_text or _("Record the council's discussion of the members' scores."), "hint")
        self.date_edit = DateEdit()
        self.chair_edit = QLineEdit()
        self.chair_edit.setMaxLength(CHAIR_MAX)
        self.chair_edit.setPlaceholderText(_("Who chaired the discussion"))
        self.attendees_edit = QPlainTextEdit()
        self.attendees_edit.setTabChangesFocus(True)
        self.attendees_edit.setPlaceholderText(_("The members who took part"))
        self.outcome_edit = QPlainTextEdit()
        self.outcome_edit.setTabChangesFocus(True)
        self.outcome_edit.setPlaceholderText(
            _("e.g. Member 2 re-scored criteria 1.5 and 4.3; the council agreed on the result."))
        line = self.fontMetrics().lineSpacing()
        self.attendees_edit.setFixedHeight(line * 3 + 14)
        self.outcome_edit.setFixedHeight(line * 5 + 14)
        if current is not None:
            self.date_edit.set_date(current.date)
            self.chair_edit.setText(current.chair)
            self.attendees_edit.setPlainText(current.attendees)
            self.outcome_edit.setPlainText(current.outcome)
        else:
            self.date_edit.set_date(dt.date.today())
            self.chair_edit.setText(chair)
            self.attendees_edit.setPlainText(attendees)

        self.error_labels: dict[str, QLabel] = {k: note_label("", "error") for k in self.FIELDS}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, text, widget in (("date", _("Date of the discussion"), self.date_edit),
                                  ("chair", _("Chaired by"), self.chair_edit),
                                  ("attendees", _("Attended by"), self.attendees_edit),
                                  ("outcome", _("Outcome"), self.outcome_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.error_labels[key])
            self.error_labels[key].hide()
            form.addRow(label, box)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton(_("Save"))
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QPushButton(_("Cancel")), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.setMinimumWidth(560)

    def data(self) -> DiscussionData:
        return DiscussionData(self.date_edit.date(), " ".join(self.chair_edit.text().split()),
                              self.attendees_edit.toPlainText().strip(), self.outcome_edit.toPlainText().strip())

    def form_errors(self) -> dict[str, str]:
        """What the dialog itself can tell: a date that cannot be read."""
        if not self.date_edit.is_valid():
            return {"date": _("Date of the discussion: “{text}” is not a date; write it as dd/mm/yyyy.").format(
                text=self.date_edit.text())}
        return {}

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field; focus the first one."""
        first = None
        for key in self.FIELDS:
            label = self.error_labels[key]
            message = errors.get(key, "")
            label.setText(message)
            label.setVisible(bool(message))
            if message and first is None:
                first = key
        widget = {"date": self.date_edit, "chair": self.chair_edit, "attendees": self.attendees_edit,
                  "outcome": self.outcome_edit}.get(first or "")
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def error_for(self, key: str) -> str:
        label = self.error_labels[key]
        return label.text() if not label.isHidden() else ""
