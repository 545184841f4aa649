"""The Conflicts tab: fields two offices changed at once, and the officer's choice.

The list comes from ``sync.conflicts.list_conflicts`` (read thread). Selecting a conflict
shows both values side by side with who wrote them; "Keep this value", "Use the other
value" or a typed value (text fields) — for a deletion, "Keep the record" or "Delete it" —
calls ``conflicts.resolve`` in one session on the write thread. The choice is a normal
edit: it travels to the other offices with the next bundle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _, ngettext
from ocop_desktop.ui import ops
from ocop_desktop.ui.sync.texts import CODED_FIELDS, display_value, field_label, when
from ocop_desktop.ui.sync.widgets import cell, fail, fit_columns, make_table, note

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.sync.conflicts import ConflictView

DELETED = "deleted"


def load_conflicts(db: Database, include_resolved: bool) -> tuple[list[ConflictView], int]:
    from ocop_desktop.sync import conflicts

    with db.read_session() as s:
        rows = conflicts.list_conflicts(s, include_resolved=include_resolved)
        return rows, conflicts.count_open(s)


def resolve_conflict(db: Database, conflict_id: str, value: Any) -> None:
    from ocop_desktop.sync import conflicts

    with db.session() as s:
        conflicts.resolve(s, conflict_id, value)


def is_text_field(view: ConflictView) -> bool:
    """A free-text field, where the officer may type a third value."""
    from ocop_desktop.sync import records

    t = records.BY_NAME.get(view.table)
    if t is None or view.field == DELETED or view.field in CODED_FIELDS or view.field not in t.table.columns:
        return False
    python_type = getattr(t.table.columns[view.field].type, "python_type", None)
    try:
        return python_type is str
    except NotImplementedError:  # pragma: no cover
        return False


class ConflictsView(QWidget):
    """Signals:
        count_changed(int): open conflicts, after each load.
        resolved(str): a status-bar sentence after a conflict was resolved.
    """

    count_changed = Signal(int)
    resolved = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.rows: list[ConflictView] = []
        self.open_count = 0
        self.has_loaded = False
        self._select_after: str | None = None

        intro = note(_("When two offices change the same field before seeing each other's change, the record "
                       "keeps one value for now and the other waits here. Choose the right one: your choice "
                       "travels to the other offices with the next bundle."))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.show_resolved = QCheckBox(_("Show resolved conflicts"))
        self.show_resolved.toggled.connect(lambda _on: self.reload())
        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.show_resolved)

        self.table = make_table([_("Record type"), _("Record"), _("Field"), _("Value in the record (written by)"),
                                 _("Other value (written by)"), _("Base version"), _("Detected"), _("Status")],
                                stretch=1, name="conflictsTable")
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty_label = note(_("No open conflicts. Conflicts appear here after an import, when two offices "
                                  "changed the same field."), "plain")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.detail = self._build_detail()
        split = QSplitter(Qt.Orientation.Vertical)
        upper = QWidget()
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addWidget(self.table, 1)
        ul.addWidget(self.empty_label)
        split.addWidget(upper)
        split.addWidget(self.detail)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        self._show_detail(None)

    # -- detail ---------------------------------------------------------------------------------
    def _build_detail(self) -> QWidget:
        box = QGroupBox(_("Choose the value to keep"))
        self.heading = QLabel()
        self.heading.setProperty("role", "big")
        self.heading.setWordWrap(True)
        self.explain = note("")

        def side(title: str) -> tuple[QGroupBox, QLabel, QLabel, QPushButton]:
            group = QGroupBox(title)
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            value.setFont(font)
            by = note("")
            button = QPushButton()
            gl = QVBoxLayout(group)
            gl.addWidget(value)
            gl.addWidget(by)
            gl.addStretch(1)
            gl.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            return group, value, by, button

        self.kept_box, self.kept_value, self.kept_by, self.keep_button = side(_("In the record now"))
        self.other_box, self.other_value, self.other_by, self.other_button = side(_("The other value"))
        self.keep_button.clicked.connect(lambda: self._choose("kept"))
        self.other_button.clicked.connect(lambda: self._choose("other"))
        sides = QHBoxLayout()
        sides.addWidget(self.kept_box, 1)
        sides.addWidget(self.other_box, 1)

        self.typed_box = QWidget()
        self.typed_edit = QLineEdit()
        self.typed_edit.setMaxLength(2000)
        self.typed_edit.setPlaceholderText(_("Or type the right value"))
        self.typed_button = QPushButton(_("Save this value"))
        self.typed_button.clicked.connect(lambda: self._choose("typed"))
        self.typed_edit.returnPressed.connect(self.typed_button.click)
        tl = QHBoxLayout(self.typed_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(QLabel(_("Or type the right value:")))
        tl.addWidget(self.typed_edit, 1)
        tl.addWidget(self.typed_button)

        self.resolved_label = note("", "success")
        lay = QVBoxLayout(box)
        lay.addWidget(self.heading)
        lay.addWidget(self.explain)
        lay.addLayout(sides, 1)
        lay.addWidget(self.typed_box)
        lay.addWidget(self.resolved_label)
        return box

    def current(self) -> ConflictView | None:
        row = self.table.currentRow()
        if row < 0 or not self.table.selectedItems():
            return None
        cid = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        return next((c for c in self.rows if c.id == cid), None)

    def _selection_changed(self) -> None:
        self._show_detail(self.current())

    def _show_detail(self, c: ConflictView | None) -> None:
        self.detail.setEnabled(c is not None)
        if c is None:
            self.heading.setText(_("Select a conflict in the list."))
            self.explain.setText("")
            for label in (self.kept_value, self.kept_by, self.other_value, self.other_by):
                label.setText("")
            self.keep_button.setText(_("Keep this value"))
            self.other_button.setText(_("Use the other value"))
            self.typed_box.setVisible(False)
            self.resolved_label.setVisible(False)
            return
        deletion = c.field == DELETED
        self.heading.setText(_("{type} “{record}”: {field}").format(
            type=c.table_label, record=c.record_label, field=_("deleted or kept") if deletion else field_label(c.field)))
        if deletion:
            self.explain.setText(_("One office deleted this record while another edited it. The record was kept "
                                   "so that no edit is lost; decide whether it should stay."))
            self.kept_box.setTitle(_("Keep the record"))
            self.kept_value.setText(_("The record stays, with its edits."))
            self.kept_by.setText(_("Edited by {office} (version {v})").format(office=c.kept.office_name,
                                                                             v=c.kept.version))
            self.other_box.setTitle(_("Delete the record"))
            self.other_value.setText(_("The record is deleted (it can be restored later)."))
            self.other_by.setText(_("Deleted by {office} (version {v})").format(office=c.other.office_name,
                                                                               v=c.other.version))
            self.keep_button.setText(_("Keep the record"))
            self.other_button.setText(_("Delete it"))
        else:
            self.explain.setText(_("Both offices changed this field before seeing each other's change "
                                   "(from version {base}).").format(base=c.base_version))
            self.kept_box.setTitle(_("In the record now"))
            self.kept_value.setText(display_value(c.field, c.current_value))
            by = _("Written by {office} (version {v})").format(office=c.kept.office_name, v=c.kept.version)
            if c.current_value != c.kept.value:
                by = _("Changed since the conflict was found; first written by {office}").format(
                    office=c.kept.office_name)
            self.kept_by.setText(by)
            self.other_box.setTitle(_("The other value"))
            self.other_value.setText(display_value(c.field, c.other.value))
            self.other_by.setText(_("Written by {office} (version {v})").format(office=c.other.office_name,
                                                                               v=c.other.version))
            self.keep_button.setText(_("Keep this value"))
            self.other_button.setText(_("Use the other value"))
        text = is_text_field(c) and c.status == "open"
        self.typed_box.setVisible(text)
        if text:
            self.typed_edit.setText(c.current_value if isinstance(c.current_value, str) else "")
        is_open = c.status == "open"
        for b in (self.keep_button, self.other_button, self.typed_button):
            b.setEnabled(is_open)
        self.resolved_label.setVisible(not is_open)
        if not is_open:
            chosen = (_("Deleted") if c.resolution else _("Kept")) if deletion else display_value(c.field, c.resolution)
            self.resolved_label.setText(_("Resolved: {value}").format(value=chosen))

    # -- loading ----------------------------------------------------------------------------------
    def reload(self, select_id: str | None = None) -> ops.Op:
        db, resolved = self.db, self.show_resolved.isChecked()
        cur = self.current()
        self._select_after = select_id or (cur.id if cur else None)
        return ops.run_query(self, lambda _ctx: load_conflicts(db, resolved), on_success=self._loaded)

    def _loaded(self, loaded: tuple[list[ConflictView], int]) -> None:
        rows, open_count = loaded
        self.rows = rows
        self.open_count = open_count
        self.has_loaded = True
        t = self.table
        t.blockSignals(True)
        t.setRowCount(0)
        t.setColumnHidden(7, not self.show_resolved.isChecked())
        for c in rows:
            r = t.rowCount()
            t.insertRow(r)
            deletion = c.field == DELETED
            if deletion:
                kept = _("kept ({office})").format(office=c.kept.office_name)
                other = _("deleted ({office})").format(office=c.other.office_name)
            else:
                kept = f"{display_value(c.field, c.current_value)}  ({c.kept.office_name})"
                other = f"{display_value(c.field, c.other.value)}  ({c.other.office_name})"
            t.setItem(r, 0, cell(c.table_label, data=c.id))
            t.setItem(r, 1, cell(c.record_label, tooltip=c.record_label))
            t.setItem(r, 2, cell(_("Deletion") if deletion else field_label(c.field)))
            t.setItem(r, 3, cell(kept, tooltip=kept))
            t.setItem(r, 4, cell(other, tooltip=other))
            t.setItem(r, 5, cell(str(c.base_version), number=True))
            t.setItem(r, 6, cell(when(c.detected_at), tooltip=_("Found by {office}").format(office=c.detected_by)))
            t.setItem(r, 7, cell(_("To resolve") if c.status == "open" else _("Resolved")))
        fit_columns(t, max_width=280)
        t.blockSignals(False)
        self.count_label.setText(ngettext("{n} open conflict", "{n} open conflicts", open_count).format(n=open_count))
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        row = next((i for i, c in enumerate(rows) if c.id == self._select_after), 0 if rows else -1)
        if row >= 0:
            t.selectRow(row)
        self._show_detail(self.current())
        self.count_changed.emit(open_count)

    # -- resolving ---------------------------------------------------------------------------------
    def _choose(self, which: str) -> ops.Op | None:
        c = self.current()
        if c is None or c.status != "open":
            return None
        if c.field == DELETED:
            value: Any = which == "other"  # True: delete it
        elif which == "kept":
            value = c.current_value
        elif which == "other":
            value = c.other.value
        else:
            value = self.typed_edit.text().strip() or None
        return self.resolve(c, value)

    def resolve(self, c: ConflictView, value: Any) -> ops.Op:
        db = self.db
        for b in (self.keep_button, self.other_button, self.typed_button):
            b.setEnabled(False)

        def done(_result: object) -> None:
            if c.field == DELETED:
                text = (_("Conflict resolved: “{record}” is deleted.") if value else
                        _("Conflict resolved: “{record}” is kept.")).format(record=c.record_label)
            else:
                text = _("Conflict resolved: {field} of “{record}” is now {value}.").format(
                    field=field_label(c.field), record=c.record_label, value=display_value(c.field, value))
            self.resolved.emit(text)
            self.reload()

        def failed(exc: BaseException) -> None:
            fail(self, exc)
            self.reload()

        return ops.run_write(self, lambda _ctx: resolve_conflict(db, c.id, value), on_success=done,
                             on_failure=failed)
