"""The booths of a trade event: one row per producer — the producer, the products it showed
(a menu of its products, each ticked with Enter or Space), the number of booths and its
reported sales. Rows follow :mod:`ocop_desktop.ui.dialogs.certifications_editor`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _, ngettext
from ocop_desktop.services.trade_events import MAX_BOOTHS, Booth
from ocop_desktop.ui.dialogs.fields import AmountEdit, MarkFrame, note_label, set_invalid
from ocop_desktop.ui.dialogs.search_combo import SearchCombo
from ocop_desktop.ui.widgets.row_grid import place_rows, take_row


class BoothRow(QObject):
    """The widgets of one booth. Signals: ``changed``; ``remove_requested(row)``."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget, producers: list[tuple[str, str]],
                 products: dict[str, list[tuple[str, str]]]) -> None:
        super().__init__(parent)
        self._products = products
        self._chosen: list[str] = []
        self._foreign: Booth | None = None  # a booth of a producer this office does not hold
        self.number_label = QLabel(parent)
        self.producer_combo = SearchCombo(parent, placeholder=_("Type part of the producer's name"))
        self.producer_combo.set_choices((text, pid) for pid, text in producers)
        # Long "name — commune" entries must not widen the row past the editor (no sideways scroll).
        self.producer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.producer_combo.setMinimumContentsLength(12)
        self.producer_frame = MarkFrame(self.producer_combo, parent)
        self.products_button = QToolButton(parent)
        self.products_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.products_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.products_button.setToolTip(_("The products shown at this booth (Space opens the list)"))
        self.products_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.products_menu = QMenu(self.products_button)
        self.products_button.setMenu(self.products_menu)
        self.booths_spin = QSpinBox(parent)
        self.booths_spin.setRange(0, MAX_BOOTHS)
        self.booths_spin.setValue(1)
        self.booths_spin.setToolTip(_("Number of booths"))
        self.sales_edit = AmountEdit(parent)
        self.sales_edit.setPlaceholderText(_("sales, if reported"))
        width = self.sales_edit.fontMetrics().horizontalAdvance("999.999.999.999 đ") + 30
        self.sales_edit.setMinimumWidth(width)
        self.sales_edit.setMaximumWidth(width + 30)
        self.products_button.setMaximumWidth(170)
        self.remove_button = QToolButton(parent)
        self.remove_button.setIcon(parent.style().standardIcon(QStyle.StandardPixmap.SP_DialogDiscardButton))
        self.remove_button.setToolTip(_("Remove this booth"))
        self.remove_button.setAccessibleName(_("Remove this booth"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.producer_combo.valueChanged.connect(self._producer_changed)
        self.booths_spin.valueChanged.connect(self.changed)
        self.sales_edit.textChanged.connect(self.changed)
        self._fill_products()

    def widgets(self) -> list[QWidget]:
        return [self.number_label, self.producer_frame, self.products_button, self.booths_spin, self.sales_edit,
                self.remove_button]

    def focus_chain(self) -> list[QWidget]:
        return [self.producer_combo, self.products_button, self.booths_spin, self.sales_edit, self.remove_button]

    def dispose(self) -> None:
        for w in self.widgets():
            w.hide()
            w.deleteLater()
        self.deleteLater()

    def _producer_changed(self) -> None:
        self._chosen = []
        self._fill_products()
        self.changed.emit()

    def _fill_products(self) -> None:
        self.products_menu.clear()
        items = self._products.get(self.producer_combo.value() or "", [])
        for pid, name in items:
            action = self.products_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(pid in self._chosen)
            action.toggled.connect(lambda on, p=pid: self._toggle(p, on))
        if not items:
            self.products_menu.addAction(_("No products recorded for this producer")).setEnabled(False)
        self._update_button()

    def _toggle(self, product_id: str, on: bool) -> None:
        if on and product_id not in self._chosen:
            self._chosen.append(product_id)
        elif not on and product_id in self._chosen:
            self._chosen.remove(product_id)
        self._update_button()
        self.changed.emit()

    def _update_button(self) -> None:
        names = dict(self._products.get(self.producer_combo.value() or "", []))
        chosen = [names[p] for p in self._chosen if p in names]
        if not chosen:
            text = _("Products…")
        elif len(chosen) == 1:
            text = chosen[0]
        else:
            text = ngettext("{n} product", "{n} products", len(chosen)).format(n=len(chosen))
        metrics = self.products_button.fontMetrics()
        self.products_button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, 200))
        self.products_button.setToolTip("\n".join(chosen) or _("The products shown at this booth (Space opens the list)"))

    def set_value(self, booth: Booth, producer_name: str | None = None) -> None:
        if not self.producer_combo.has_value(booth.producer_id):
            self._foreign = booth
            self.producer_combo.add_choice(producer_name or _("(a producer of another office)"), booth.producer_id)
        self.producer_combo.blockSignals(True)
        self.producer_combo.set_value(booth.producer_id)
        self.producer_combo.blockSignals(False)
        self._chosen = list(booth.product_ids)
        self._fill_products()
        self.booths_spin.setValue(booth.booths if isinstance(booth.booths, int) else 1)
        self.sales_edit.set_amount(booth.sales)

    def value(self) -> Booth:
        producer = self.producer_combo.value() or ""
        if self._foreign is not None and producer == self._foreign.producer_id:
            products = list(self._foreign.product_ids)  # not held here: kept as received
        else:
            known = {p for p, _n in self._products.get(producer, [])}
            products = [p for p in self._chosen if p in known]
        return Booth(producer, products, self.booths_spin.value(), self.sales_edit.amount())


class BoothsEditor(QWidget):
    """Booth rows under a header with an "Add booth" button. Signal: ``changed``."""

    changed = Signal()
    marks_rows = True

    def __init__(self, producers: list[tuple[str, str]], products: dict[str, list[tuple[str, str]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._producers = producers
        self._products = products
        self.rows: list[BoothRow] = []
        self._grid_box = QWidget()
        self._grid = QGridLayout(self._grid_box)
        self._grid.setContentsMargins(0, 0, 4, 0)
        self._grid.setHorizontalSpacing(4)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 3)
        self._grid.setColumnStretch(2, 2)
        for col, text in ((1, _("Producer")), (2, _("Products shown")), (3, _("Booths")), (4, _("Sales"))):
            head = QLabel(text)
            head.setProperty("role", "hint")
            self._grid.addWidget(head, 0, col)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._grid_box)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty_label = note_label(_("No booth recorded yet. Add the producers that took part, with the "
                                        "products they showed."), "hint")
        self.add_button = QPushButton(_("Add booth"))
        self.add_button.setAutoDefault(False)  # Enter in the dialog saves; it never adds a booth
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

    def add_row(self, booth: Booth | None = None, producer_name: str | None = None) -> BoothRow:
        row = BoothRow(self._grid_box, self._producers, self._products)
        if booth is not None:
            row.set_value(booth, producer_name)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self._relayout()
        self.changed.emit()
        return row

    def remove_row(self, row: BoothRow) -> None:
        if row not in self.rows:
            return
        self.rows.remove(row)
        take_row(self._grid, row)
        self._relayout()
        self.changed.emit()
        self.add_button.setFocus()

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.scroll.ensureWidgetVisible(row.producer_frame)
        row.producer_combo.setFocus()

    def _relayout(self) -> None:
        place_rows(self._grid, self.rows, self.add_button, lambda row: row.focus_chain())
        self.scroll.setVisible(bool(self.rows))
        self.empty_label.setVisible(not self.rows)

    def set_booths(self, booths: list[Booth], names: dict[str, str] | None = None) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for b in booths:
            self.add_row(b, (names or {}).get(b.producer_id))

    def booths(self) -> list[Booth]:
        return [row.value() for row in self.rows]

    def form_errors(self) -> dict[str, str]:
        """Sales typed that are not an amount, keyed ``participants.<i>`` like the service's."""
        out = {}
        for i, row in enumerate(self.rows):
            if msg := row.sales_edit.problem(_("Booth {n}: sales").format(n=i + 1)):
                out[f"participants.{i}"] = msg
        return out

    def set_errors(self, errors: dict[int, str]) -> None:
        for i, row in enumerate(self.rows):
            bad = i in errors
            sales_bad = not row.sales_edit.is_valid() or (
                bad and errors[i].startswith(_("Booth {n}: sales").format(n=i + 1)))
            set_invalid(row.sales_edit, bad and sales_bad)
            set_invalid(row.producer_frame, bad and not sales_bad)

    def focus_row(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            row = self.rows[index]
            self.scroll.ensureWidgetVisible(row.producer_frame)
            (row.sales_edit if not row.sales_edit.is_valid() else row.producer_combo).setFocus()
