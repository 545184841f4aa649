"""Editor for a product's quality and IP certifications: one row per certificate.

Rows are small widgets rather than a table: a product holds a handful of certificates,
and each row needs a type list, a number, an optional dd/MM/yyyy expiry and an issuer,
with its own error marking.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
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

from ocop_desktop.domain.vocab import CERTIFICATION_LABELS, CertificationKind, label
from ocop_desktop.i18n import _, format_date
from ocop_desktop.ui.dialogs.fields import DateEdit, MarkFrame, note_label, set_invalid
from ocop_desktop.ui.widgets.row_grid import place_rows, take_row


class CertificationRow(QObject):
    """The widgets of one certificate: type, number, expiry, issuer, remove button.

    Signals:
        changed: a value in the row changed.
        remove_requested: the row's remove button was pressed.
    """

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.number_label = QLabel(parent)
        self.kind_combo = QComboBox(parent)
        self.kind_combo.setPlaceholderText(_("Choose a type"))
        for kind in CertificationKind:
            self.kind_combo.addItem(label(CERTIFICATION_LABELS, kind), kind.value)
        self.kind_combo.setCurrentIndex(-1)
        self.kind_frame = MarkFrame(self.kind_combo, parent)
        self.number_edit = QLineEdit(parent)
        self.number_edit.setPlaceholderText(_("Certificate no."))
        self.number_edit.setMaxLength(64)
        self.expiry_edit = DateEdit(parent)
        self.issuer_edit = QLineEdit(parent)
        self.issuer_edit.setPlaceholderText(_("Issued by"))
        self.issuer_edit.setMaxLength(255)
        self.remove_button = QToolButton(parent)
        self.remove_button.setIcon(parent.style().standardIcon(QStyle.StandardPixmap.SP_DialogDiscardButton))
        self.remove_button.setToolTip(_("Remove this certification"))
        self.remove_button.setAccessibleName(_("Remove this certification"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.kind_combo.currentIndexChanged.connect(self.changed)
        self.number_edit.textChanged.connect(self.changed)
        self.expiry_edit.changed.connect(self.changed)
        self.issuer_edit.textChanged.connect(self.changed)

    def widgets(self) -> list[QWidget]:
        return [self.number_label, self.kind_frame, self.number_edit, self.expiry_edit, self.issuer_edit,
                self.remove_button]

    def dispose(self) -> None:
        for w in self.widgets():
            w.hide()
            w.deleteLater()
        self.deleteLater()

    def set_value(self, cert: dict[str, Any]) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(cert.get("kind")))
        self.number_edit.setText(str(cert.get("number") or ""))
        expiry = cert.get("expiry")
        if isinstance(expiry, str) and expiry:
            try:
                expiry = dt.date.fromisoformat(expiry)
            except ValueError:
                expiry = None
        self.expiry_edit.set_date(expiry if isinstance(expiry, dt.date) else None)
        self.issuer_edit.setText(str(cert.get("issuer") or ""))

    def value(self) -> dict[str, Any]:
        expiry = self.expiry_edit.date()
        return {"kind": self.kind_combo.currentData(), "number": self.number_edit.text(),
                "expiry": expiry.isoformat() if expiry else None, "issuer": self.issuer_edit.text()}


class CertificationsEditor(QWidget):
    """Rows of certifications in a grid under a header, with an "Add" button.

    Signals:
        changed: a row was added, removed or edited.
    """

    changed = Signal()
    #: The rows carry their own error marks; no frame around the whole editor.
    marks_rows = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CertificationRow] = []
        self._grid_box = QWidget()
        self._grid = QGridLayout(self._grid_box)
        self._grid.setContentsMargins(0, 0, 4, 0)
        self._grid.setHorizontalSpacing(4)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(2, 3)
        self._grid.setColumnStretch(4, 3)
        self._headers = []
        for col, text in ((1, _("Type")), (2, _("Number")), (3, _("Valid until")), (4, _("Issued by"))):
            head = QLabel(text)
            head.setProperty("role", "hint")
            self._grid.addWidget(head, 0, col)
            self._headers.append(head)
        self._grid.setRowStretch(1, 1)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._grid_box)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.empty_label = note_label(_("No certification recorded. VietGAP, organic, HACCP, ISO, trademarks and "
                                        "geographical indications are evidence for several criteria."), "hint")
        self.add_button = QPushButton(_("Add certification"))
        self.add_button.clicked.connect(self._add_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)
        self._relayout()

    # -- rows ---------------------------------------------------------------------------
    def add_row(self, cert: dict[str, Any] | None = None) -> CertificationRow:
        row = CertificationRow(self._grid_box)
        if cert:
            row.set_value(cert)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self._relayout()
        self.changed.emit()
        return row

    def remove_row(self, row: CertificationRow) -> None:
        if row not in self.rows:
            return
        self.rows.remove(row)
        take_row(self._grid, row)
        self._relayout()
        self.changed.emit()

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.scroll.ensureWidgetVisible(row.kind_frame)
        row.kind_combo.setFocus()

    def _relayout(self) -> None:
        """Place every row in the grid again (after a removal the rows close up)."""
        place_rows(self._grid, self.rows, self.add_button, lambda row: (
            row.kind_combo, row.number_edit, row.expiry_edit.edit, row.issuer_edit, row.remove_button))
        has_rows = bool(self.rows)
        self.scroll.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)

    # -- value --------------------------------------------------------------------------
    def set_certifications(self, certs: list[dict[str, Any]]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for cert in certs:
            self.add_row(cert)

    def certifications(self) -> list[dict[str, Any]]:
        return [row.value() for row in self.rows]

    def form_errors(self) -> dict[str, str]:
        """Unreadable expiry dates, keyed ``certifications.<i>`` like the service's errors."""
        out = {}
        for i, row in enumerate(self.rows):
            if not row.expiry_edit.is_valid():
                out[f"certifications.{i}"] = _("Certification {n}: “{text}” is not a date; write it as dd/mm/yyyy, "
                                               "e.g. 25/03/2024.").format(n=i + 1, text=row.expiry_edit.text())
        return out

    def expired(self, today: dt.date | None = None) -> list[str]:
        today = today or dt.date.today()
        out = []
        for i, row in enumerate(self.rows, start=1):
            expiry = row.expiry_edit.date()
            if expiry is not None and expiry < today:
                out.append(_("Certification {n} ({kind}) expired on {date}.").format(
                    n=i, kind=row.kind_combo.currentText(), date=format_date(expiry)))
        return out

    def set_errors(self, errors: dict[int, str]) -> None:
        """Mark the rows the errors name: the type when it is missing, else the number."""
        for i, row in enumerate(self.rows):
            bad = i in errors
            kind_missing = row.kind_combo.currentData() is None
            date_bad = not row.expiry_edit.is_valid()
            set_invalid(row.kind_frame, bad and kind_missing)
            set_invalid(row.expiry_edit.edit, bad and date_bad)
            set_invalid(row.number_edit, bad and not kind_missing and not date_bad)

    def focus_row(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        self.scroll.ensureWidgetVisible(row.kind_frame)
        if row.kind_combo.currentData() is None:
            row.kind_combo.setFocus()
        elif not row.expiry_edit.is_valid():
            row.expiry_edit.setFocus()
        else:
            row.number_edit.setFocus()
