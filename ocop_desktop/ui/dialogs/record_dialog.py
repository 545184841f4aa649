"""What the producer and product dialogs share: inline validation and the save flow.

Validation runs the service's own checks (the same ones that guard the save) ~300 ms
after the last edit and again on Save. A field's error shows once the officer has
touched that field, or when their edit caused it (an error that was not there when the
dialog opened), and every error shows after the first Save. Save refuses while any
error stands and focuses the first bad field; the record is written in one
transaction, so nothing is saved half-way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from ocop_desktop.db import Database
from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _, ngettext
from ocop_desktop.ui import screen_fit
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.dialogs.fields import INVALID_STYLE, DateEdit, FieldBox, note_label


def _change_signal(widget: QWidget):  # noqa: ANN202 - a bound Qt signal
    if isinstance(widget, DateEdit):
        return widget.changed
    if hasattr(widget, "valueChanged") and not isinstance(widget, QAbstractSpinBox):
        return widget.valueChanged  # SearchCombo, editors with a valueChanged signal
    if hasattr(widget, "changed"):
        return widget.changed
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QAbstractSpinBox):
        return widget.valueChanged
    raise TypeError(f"no change signal for {type(widget).__name__}")


class RecordDialog(QDialog):
    """Base for a dialog that edits one record.

    Subclasses build their fields with :meth:`add_field`, then implement
    :meth:`collect` (form → data + form-level errors such as an unreadable date),
    :meth:`check` (service validation without saving) and :meth:`write` (the save,
    returning the record id or None when the officer backed out).
    """

    DEBOUNCE_MS = 300

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        #: Id of the saved record once ``exec()`` returned Accepted.
        self.saved_id: str | None = None
        self.boxes: dict[str, FieldBox] = {}
        self._order: list[str] = []
        self._touched: set[str] = set()
        self._pristine: set[str] = set()
        self._show_all = False
        self._loading = True
        self._initial: Any = None
        self.errors: dict[str, str] = {}
        self._fitted = False
        self.setStyleSheet(INVALID_STYLE)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.validate)

        self.summary = note_label("", "error")
        self.summary.hide()
        self.required_note = note_label(_("Fields marked * are required."), "hint")
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"))
        self.button_box = QDialogButtonBox()
        self.button_box.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.button_box.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)

    def footer(self) -> QWidget:
        """Summary of errors, the required-field note and the buttons, in one row."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 0)
        notes = QWidget()
        col = QHBoxLayout(notes)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.required_note)
        col.addWidget(self.summary, 1)
        layout.addWidget(notes, 1)
        layout.addWidget(self.button_box)
        return row

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt virtual
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            # Wrapped hints know their real width only after the first layout pass.
            QTimer.singleShot(0, self, self.fit_height)

    def fit_height(self) -> None:
        """Shrink or grow to the height the form needs, within the screen."""
        height = min(self.sizeHint().height(), screen_fit.available_geometry(self).height() - 60)
        self.resize(self.width(), max(height, self.minimumSizeHint().height()))

    # -- building -----------------------------------------------------------------------
    def add_field(self, key: str, widget: QWidget, *, hint: str = "", counter: bool = False) -> FieldBox:
        """Register a field under its data key and watch it for edits (``counter``: show
        how many of the stored characters a line edit uses)."""
        box = FieldBox(widget, hint=hint, counter=counter)
        self.boxes[key] = box
        self._order.append(key)
        _change_signal(widget).connect(lambda *_a, k=key: self._edited(k))
        return box

    def watch(self, widget: QWidget, key: str) -> None:
        """Re-validate when a widget that is not a field of its own changes."""
        _change_signal(widget).connect(lambda *_a, k=key: self._edited(k))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt virtual
        """Enter in a field is Save. Qt would press whichever auto-default button of the form was
        last made the default ("Add certification" once clicked); a focused button still takes
        its own Enter, and multi-line texts keep theirs (they accept the key before it gets here)."""
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not isinstance(self.focusWidget(), QPushButton) and self.save_button.isEnabled()):
            event.accept()
            self.save_button.click()
            return
        super().keyPressEvent(event)

    def finish_loading(self, *, show_all: bool) -> None:
        """Call at the end of the subclass's __init__, after the record was loaded."""
        self._loading = False
        self._initial = self.collect()[0]
        errors = self.validate()
        self._pristine = set(errors)
        self._show_all = show_all
        self._display(errors)
        for edit in self.findChildren(QLineEdit):
            edit.setCursorPosition(0)  # a long loaded text (a 300-character name) shows its start

    # -- validation -----------------------------------------------------------------------
    def collect(self) -> tuple[Any, dict[str, str]]:
        raise NotImplementedError

    def check(self, data: Any) -> dict[str, str]:
        raise NotImplementedError

    def write(self, data: Any) -> str | None:
        raise NotImplementedError

    def _edited(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        self.on_edited(key)
        self._timer.start()

    def on_edited(self, key: str) -> None:
        """Immediate reactions to an edit (hints, dependent fields); no validation."""

    def validate(self) -> dict[str, str]:
        """Check the form now and show the errors the officer should see."""
        self._timer.stop()
        data, form_errors = self.collect()
        errors = self.check(data)
        errors.update(form_errors)
        self.errors = errors
        if not self._loading:
            self._display(errors)
        return errors

    def _box_for(self, key: str) -> FieldBox | None:
        return self.boxes.get(key) or self.boxes.get(key.split(".", 1)[0])

    def _visible(self, key: str) -> bool:
        base = key.split(".", 1)[0]
        return self._show_all or base in self._touched or key not in self._pristine

    def _display(self, errors: dict[str, str]) -> None:
        shown: dict[str, list[str]] = {}
        for key, message in errors.items():
            if self._visible(key):
                base = key.split(".", 1)[0]
                shown.setdefault(base if base in self.boxes else key, []).append(message)
        for key, box in self.boxes.items():
            box.set_error("\n".join(shown.get(key, [])) or None)
        self.show_sub_errors({k: v for k, v in errors.items() if "." in k and self._visible(k)})
        unplaced = [m for k, msgs in shown.items() if k not in self.boxes for m in msgs]
        n = len(errors)
        if self._show_all and n:
            text = ngettext("{n} field needs correcting before saving.",
                            "{n} fields need correcting before saving.", n).format(n=n)
            if unplaced:
                text += "\n" + "\n".join(unplaced)
            self.summary.setText(text)
            self.summary.show()
            self.required_note.hide()
        else:
            self.summary.hide()
            self.required_note.show()

    def show_sub_errors(self, errors: dict[str, str]) -> None:
        """Row-level errors such as ``certifications.2``; the subclass routes them."""

    def error_for(self, key: str) -> str:
        """The message shown under a field ('' when none), for tests and accessibility."""
        box = self._box_for(key)
        return box.error_text() if box else ""

    def focus_first_error(self) -> None:
        keys = [k.split(".", 1)[0] for k in self.errors]
        for key in self._order:
            if key in keys:
                self.focus_field(key, next((k for k in self.errors if k.split(".", 1)[0] == key), key))
                return

    def focus_field(self, key: str, full_key: str) -> None:
        box = self.boxes[key]
        widget: QWidget | None = box
        while widget is not None:  # bring the field's tab to front and scroll it into view
            parent = widget.parentWidget()
            if isinstance(parent, QTabWidget) or (parent and isinstance(parent.parentWidget(), QTabWidget)):
                tabs = parent if isinstance(parent, QTabWidget) else parent.parentWidget()
                tabs.setCurrentWidget(widget)
            if isinstance(parent, QScrollArea) or (parent and isinstance(parent.parentWidget(), QScrollArea)):
                area = parent if isinstance(parent, QScrollArea) else parent.parentWidget()
                area.ensureWidgetVisible(box)
            widget = parent
        self.focus_target(key, full_key).setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_target(self, key: str, full_key: str) -> QWidget:
        return self.boxes[key].mark_targets()[0]

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        """Validate everything; save in one transaction if clean; otherwise show why."""
        self._show_all = True
        errors = self.validate()
        if errors:
            self.focus_first_error()
            return
        data, _form = self.collect()
        try:
            saved = self.write(data)
        except ValidationFailed as exc:  # a check only the save can make (e.g. a code clash)
            self.errors = dict(exc.errors)
            self._pristine.clear()
            self._display(self.errors)
            self.focus_first_error()
            return
        except KnownError as exc:
            messages.show_error(self, _("Not saved"), exc.message, details=exc.hint or "")
            return
        if saved is None:
            return
        self.saved_id = saved
        self.accept()

    def has_changes(self) -> bool:
        return self._initial is not None and self.collect()[0] != self._initial

    def reject(self) -> None:
        if self.has_changes() and not messages.ask(
            self, _("Discard changes?"), _("The changes you made in this form have not been saved."),
            yes=_("Discard changes"), no=_("Keep editing"),
        ):
            return
        self._timer.stop()
        super().reject()

    def run_check(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a read-only service check in its own short session."""
        with self.db.read_session() as s:
            return fn(s, *args, **kwargs)


def align_labels(*forms: QFormLayout) -> None:
    """Give the label columns of stacked forms one width, so their fields line up."""
    labels = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                labels.append(item.widget())
    width = max((w.sizeHint().width() for w in labels), default=0)
    for w in labels:
        w.setMinimumWidth(width)
    for form in forms:  # screen readers announce a field by its label
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item and field_item and isinstance(label_item.widget(), QLabel) and field_item.widget():
                label_item.widget().setBuddy(field_item.widget())


def form_label(text: str, *, required: bool = False) -> QLabel:
    """A form label; a required field gets a trailing asterisk (explained in the footer)."""
    label = QLabel(text + (" *" if required else ""))
    label.setWordWrap(False)
    # Labels sit at the top of their row (a field may carry a hint below it); this margin
    # puts the label's text on the line of the field's text.
    label.setContentsMargins(0, 2, 0, 0)
    return label
