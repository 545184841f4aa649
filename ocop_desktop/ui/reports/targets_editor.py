"""Editor for a plan's targets: one row per target (indicator, scope, value or range, year,
baseline, the words as written, the per-commune values) with its own error marks, and the
achievement of a saved plan next to it. Keyboard: Ctrl+T adds a target, Ctrl+D removes the
one that has the focus (anywhere in the dialog); Tab walks the row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import N_, _
from ocop_desktop.services import plans as sp
from ocop_desktop.ui.dialogs.fields import MarkFrame, note_label, set_invalid
from ocop_desktop.ui.dialogs.search_combo import SearchCombo
from ocop_desktop.ui.widgets.row_grid import place_rows, take_row

#: Columns of a row: (data key, header msgid).
HEADERS = (("indicator_id", N_("Indicator")), ("scope", N_("Scope")), ("low", N_("Target")), ("year", N_("Year")),
           ("baseline", N_("Baseline")), ("words", N_("Target as written")), ("per_unit", N_("Per commune")),
           ("progress", N_("Achievement")))


def _line(placeholder: str, width: int | None = None, max_length: int = 500) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    if width:
        edit.setFixedWidth(width)
    return edit


class TargetRow(QObject):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget, indicators: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.target_id: str | None = None
        self.number_label = QLabel(parent)
        self.indicator_combo = SearchCombo(placeholder=_("Type to search, e.g. 3 sao"), min_chars=24)
        self.indicator_combo.add_blank()
        for iid, name in indicators:
            self.indicator_combo.add_choice(name, iid, search=iid)
        self.indicator_frame = MarkFrame(self.indicator_combo, parent)
        self.scope_combo = QComboBox(parent)
        for key, text in sp.TARGET_SCOPE_LABELS.items():
            self.scope_combo.addItem(_(text), key.value)
        self.scope_frame = MarkFrame(self.scope_combo, parent)
        self.value_edit = _line(_("e.g. 150 or 5–10"), 86, 40)
        self.year_edit = _line(_("plan"), 56, 4)
        self.year_edit.setToolTip(_("A target for one year of the plan; empty: the plan's whole period."))
        self.baseline_edit = _line("", 64, 40)
        self.words_edit = _line(_("as written in the plan"))
        self.per_unit_edit = _line(_("e.g. Xã Trùng Khánh: 2; Xã Đình Phong: 1"))
        self.per_unit_edit.setToolTip(_("Per-commune targets: a commune (or old district) and its value, separated "
                                        "by semicolons."))
        self.progress_label = QLabel(parent)
        self.progress_label.setMinimumWidth(90)
        self.remove_button = QToolButton(parent)
        self.remove_button.setIcon(parent.style().standardIcon(QStyle.StandardPixmap.SP_DialogDiscardButton))
        self.remove_button.setToolTip(_("Remove this target (Ctrl+D)"))
        self.remove_button.setAccessibleName(_("Remove this target"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.indicator_combo.currentIndexChanged.connect(self.changed)
        self.scope_combo.currentIndexChanged.connect(self._scope_changed)
        for edit in self.edits():
            edit.textChanged.connect(self.changed)
        self._scope_changed()

    def edits(self) -> list[QLineEdit]:
        return [self.value_edit, self.year_edit, self.baseline_edit, self.words_edit, self.per_unit_edit]

    def widgets(self) -> list[QWidget]:
        return [self.number_label, self.indicator_frame, self.scope_frame, self.value_edit, self.year_edit,
                self.baseline_edit, self.words_edit, self.per_unit_edit, self.progress_label, self.remove_button]

    def focus_widgets(self) -> list[QWidget]:
        return [self.indicator_combo, self.scope_combo, self.value_edit, self.year_edit, self.baseline_edit,
                self.words_edit, self.per_unit_edit, self.remove_button]

    def _scope_changed(self) -> None:
        self.per_unit_edit.setEnabled(self.scope_combo.currentData() == sp.TargetScope.PER_UNIT)
        self.changed.emit()

    def dispose(self) -> None:
        for w in self.widgets():
            w.hide()
            w.deleteLater()
        self.deleteLater()

    def set_value(self, t: sp.TargetData, unit_names: dict[str, str]) -> None:
        self.target_id = t.id
        self.indicator_combo.set_value(t.indicator_id or None)
        self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(t.scope)))
        self.value_edit.setText(sp.format_range(t.low, t.high) if t.low is not None else "")
        self.year_edit.setText(str(t.year) if t.year else "")
        self.baseline_edit.setText(sp.format_value(t.baseline))
        self.words_edit.setText(t.words)
        self.per_unit_edit.setText("; ".join(f"{unit_names.get(k, k)}: {sp.format_value(v)}"
                                             for k, v in (t.per_unit or {}).items()))

    def value(self, unit_keys: dict[str, str]) -> tuple[sp.TargetData, dict[str, str]]:
        """The target and the form errors (keys ``low``, ``year``, ``per_unit``)."""
        self.indicator_combo.commit_text()
        errors: dict[str, str] = {}
        low: Any = None
        high: Any = None
        text = self.value_edit.text().strip()
        try:
            low, high = sp.parse_range(text)
        except ValueError:
            errors["low"] = _("Target: “{text}” is not a number or a range such as 5–10.").format(text=text)
        year: int | None = None
        if self.year_edit.text().strip():
            if self.year_edit.text().strip().isdigit():
                year = int(self.year_edit.text().strip())
            else:
                errors["year"] = _("Year: a year such as 2026, or empty for the whole plan.")
        baseline: Any = self.baseline_edit.text().strip() or None
        per_unit: dict[str, Any] = {}
        scope = self.scope_combo.currentData()
        if scope == sp.TargetScope.PER_UNIT:
            for part in (p for p in self.per_unit_edit.text().split(";") if p.strip()):
                name, sep, val = part.rpartition(":")
                key = unit_keys.get(name.strip().casefold()) if sep else None
                if key is None:
                    errors["per_unit"] = _("Per commune: write “commune: value”; “{part}” names no commune or "
                                           "unit of the plan.").format(part=part.strip())
                    break
                per_unit[key] = val.strip()
        return sp.TargetData(indicator_id=self.indicator_combo.value() or "", scope=scope, low=low, high=high,
                             per_unit=per_unit, words=self.words_edit.text(), baseline=baseline, year=year,
                             id=self.target_id), errors

    def set_errors(self, errors: dict[str, str]) -> None:
        marks = {"indicator_id": self.indicator_combo, "scope": self.scope_combo, "low": self.value_edit,
                 "high": self.value_edit, "year": self.year_edit, "baseline": self.baseline_edit,
                 "words": self.words_edit, "per_unit": self.per_unit_edit}
        for key, widget in marks.items():
            if key != "high":
                set_invalid(widget, key in errors or (key == "low" and "high" in errors))
        for frame, key in ((self.indicator_frame, "indicator_id"), (self.scope_frame, "scope")):
            set_invalid(frame, key in errors)

    def widget_for(self, key: str) -> QWidget:
        return {"indicator_id": self.indicator_combo, "scope": self.scope_combo, "low": self.value_edit,
                "high": self.value_edit, "year": self.year_edit, "baseline": self.baseline_edit,
                "words": self.words_edit, "per_unit": self.per_unit_edit}.get(key, self.indicator_combo)


class TargetsEditor(QWidget):
    """The rows of targets under a header, an "Add target" button and the rows' messages."""

    changed = Signal()
    marks_rows = True

    def __init__(self, indicators: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicators = indicators
        self.rows: list[TargetRow] = []
        self.unit_names: dict[str, str] = {}  # unit key → name shown
        self._grid_box = QWidget()
        self._grid = QGridLayout(self._grid_box)
        self._grid.setContentsMargins(0, 0, 4, 0)
        self._grid.setHorizontalSpacing(4)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 6)
        self._grid.setColumnStretch(6, 3)
        self._grid.setColumnStretch(7, 2)
        for col, (_key, text) in enumerate(HEADERS, start=1):
            head = QLabel(_(text))
            head.setProperty("role", "hint")
            self._grid.addWidget(head, 0, col)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._grid_box)
        self.empty_label = note_label(_("No target yet. Add each target of the plan as it is written: the "
                                        "indicator it counts, a value or a range, and the words of the plan."))
        self.errors_label = note_label("", "error")
        self.errors_label.hide()
        self.add_button = QPushButton(_("Add target (Ctrl+T)"))
        self.add_button.clicked.connect(self._add_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.errors_label)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+T"), self, self._add_clicked,
                  context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("Ctrl+D"), self, self._remove_focused,
                  context=Qt.ShortcutContext.WindowShortcut)
        self._relayout()

    def add_row(self, target: sp.TargetData | None = None) -> TargetRow:
        row = TargetRow(self._grid_box, self.indicators)
        if target is not None:
            row.set_value(target, self.unit_names)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self._relayout()
        self.changed.emit()
        return row

    def remove_row(self, row: TargetRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            take_row(self._grid, row)
            self._relayout()
            self.changed.emit()

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.scroll.ensureWidgetVisible(row.indicator_frame)
        row.indicator_combo.setFocus()

    def _remove_focused(self) -> None:
        focus = self.focusWidget() if self.focusWidget() else None
        for row in self.rows:
            if any(w is focus or w.isAncestorOf(focus) for w in row.focus_widgets() if focus is not None):
                i = self.rows.index(row)
                self.remove_row(row)
                if self.rows:
                    self.rows[min(i, len(self.rows) - 1)].indicator_combo.setFocus()
                else:
                    self.add_button.setFocus()
                return

    def _relayout(self) -> None:
        place_rows(self._grid, self.rows, self.add_button, lambda row: row.focus_widgets())
        self.scroll.setVisible(bool(self.rows))
        self.empty_label.setVisible(not self.rows)

    def set_units(self, names: dict[str, str]) -> None:
        self.unit_names = names

    def unit_keys(self) -> dict[str, str]:
        """What an officer may type before the colon → the unit key (name, key or code)."""
        out: dict[str, str] = {}
        for key, name in self.unit_names.items():
            out[key.casefold()] = key
            out[name.casefold()] = key
            out[name.split(" ", 1)[-1].casefold()] = key  # "Trùng Khánh" for "Xã Trùng Khánh"
        return out

    def set_targets(self, targets: list[sp.TargetData]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for t in targets:
            self.add_row(t)

    def value(self) -> tuple[list[sp.TargetData], dict[str, str]]:
        keys = self.unit_keys()
        targets, errors = [], {}
        for i, row in enumerate(self.rows):
            t, errs = row.value(keys)
            targets.append(t)
            errors.update({f"targets.{i}.{k}": v for k, v in errs.items()})
        return targets, errors

    def set_progress(self, texts: list[tuple[str, str]]) -> None:
        """(text, tooltip) of each row's achievement, in row order."""
        for row, (text, tip) in zip(self.rows, texts, strict=False):
            row.progress_label.setText(text)
            row.progress_label.setToolTip(tip)

    def set_errors(self, errors: dict[str, str]) -> None:
        """``targets.{i}.{field}`` → message: mark the fields, list the messages under the rows."""
        per_row: dict[int, dict[str, str]] = {}
        for key, msg in errors.items():
            parts = key.split(".")
            if len(parts) >= 3 and parts[1].isdigit():
                per_row.setdefault(int(parts[1]), {})[parts[2]] = msg
        for i, row in enumerate(self.rows):
            row.set_errors(per_row.get(i, {}))
        lines = [_("Target {n}: {message}").format(n=i + 1, message=m)
                 for i in sorted(per_row) for m in per_row[i].values()]
        self.errors_label.setText("\n".join(lines))
        self.errors_label.setVisible(bool(lines))

    def focus_error(self, full_key: str) -> QWidget:
        parts = full_key.split(".")
        if len(parts) >= 3 and parts[1].isdigit() and int(parts[1]) < len(self.rows):
            w = self.rows[int(parts[1])].widget_for(parts[2])
            self.scroll.ensureWidgetVisible(w)
            return w
        return self.add_button
