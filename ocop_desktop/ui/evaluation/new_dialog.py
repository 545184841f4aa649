"""Start an evaluation: the product (searched without accents), the type, the year and
round, the rubric (and, for a council, how the star minima apply).

The product list is read off the GUI thread (an office may hold 20,000 products); the
dialog is usable at once and the combo fills a moment later. ``saved_id`` holds the new
evaluation's id once the dialog is accepted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QSpinBox, QVBoxLayout, QWidget

from ocop_desktop.db import Database
from ocop_desktop.domain.evaluations import CURRENT_RUBRIC, EvaluationKind
from ocop_desktop.domain.vocab import OfficeRole
from ocop_desktop.i18n import _
from ocop_desktop.services import evaluations as service
from ocop_desktop.ui import ops
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.dialogs.search_combo import SearchCombo
from ocop_desktop.ui.evaluation.texts import kind_label

FIRST_YEAR = 2018


@dataclass(frozen=True)
class ProductChoices:
    items: list[tuple[str, str]]  # (label, product id)
    sets: dict[str, str]  # product id → its product set, as a label
    office_role: str | None


def load_product_choices(db: Database) -> ProductChoices:
    """Runs on a worker: the live products as "name — producer", and the office's role."""
    from ocop_desktop.services.office import local_office
    from ocop_desktop.services.products import list_products

    with db.read_session() as s:
        rows = list_products(s)
        office = local_office(s)
    items = [(f"{r.name} — {r.producer_name}", r.id) for r in rows if not r.deleted]
    sets = {r.id: _("Product set: {label}").format(label=r.set_label) for r in rows}
    return ProductChoices(items, sets, office.role if office else None)


class ProductPicking:
    """Mixed into a RecordDialog: a product SearchCombo filled off the GUI thread. The
    dialog declares ``products_loaded = Signal()`` (emitted once the combo is filled)."""

    def _start_product_load(self, combo: SearchCombo, preselect: str | None) -> None:
        self._product_sets: dict[str, str] = {}
        self._preselect = preselect
        self.product_combo = combo
        combo.setEnabled(False)
        combo.lineEdit().setPlaceholderText(_("Loading the products…"))
        db = self.db
        ops.run_query(self, lambda _ctx: load_product_choices(db), on_success=self._products_arrived)

    def _products_arrived(self, loaded: ProductChoices) -> None:
        combo = self.product_combo
        combo.set_choices(loaded.items)
        combo.lineEdit().setPlaceholderText(_("Type part of the product's or producer's name"))
        combo.setEnabled(True)
        self._product_sets = loaded.sets
        if self._preselect:
            combo.set_value(self._preselect)
        self.products_arrived(loaded)
        self.products_loaded.emit()

    def products_arrived(self, loaded: ProductChoices) -> None:
        """Hook: the choices are in the combo."""

    def product_set_text(self) -> str:
        return self._product_sets.get(self.product_combo.value() or "", "")


class NewEvaluationDialog(ProductPicking, RecordDialog):
    """New self-assessment, field-office pre-assessment or provincial council evaluation."""

    products_loaded = Signal()

    def _office_minima(self) -> str:
        """The office's default from Settings (one small read: fine on the GUI thread)."""
        from ocop_desktop.services.office import get_council_minima

        with self.db.read_session() as s:
            return get_council_minima(s)

    def __init__(self, db: Database, product_id: str | None = None, parent: QWidget | None = None,
                 *, kind: str | None = None) -> None:
        super().__init__(db, parent)
        self.setWindowTitle(_("New evaluation"))
        self.save_button.setText(_("Create"))
        self._kind_chosen = kind is not None
        today = dt.date.today()

        combo = SearchCombo(min_chars=44)
        self.kind_combo = QComboBox()
        for k in (EvaluationKind.SELF, EvaluationKind.FIELD, EvaluationKind.COUNCIL):
            self.kind_combo.addItem(kind_label(k), k.value)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind or EvaluationKind.FIELD.value)))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(FIRST_YEAR, today.year + 1)
        self.year_spin.setValue(today.year)
        self.round_combo = QComboBox()
        self.round_combo.addItem(_("Round 1 (dossiers by 30 April)"), 1)
        self.round_combo.addItem(_("Round 2 (dossiers by 30 October)"), 2)
        self.round_combo.setCurrentIndex(0 if today.month <= 6 else 1)
        self.rubric_combo = QComboBox()
        self.rubric_combo.addItem(_("Decision 26/2026/QĐ-TTg (current)"), CURRENT_RUBRIC)
        self.minima_combo = QComboBox()
        self.minima_combo.addItem(_("On the council's agreed sheet"), "agreed")
        self.minima_combo.addItem(_("On every member's sheet"), "each")
        self.minima_combo.setCurrentIndex(max(0, self.minima_combo.findData(self._office_minima())))
        self.minima_label = form_label(_("Star minima"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow(form_label(_("Product"), required=True), self.add_field("product_id", combo, hint=" "))
        form.addRow(form_label(_("Type"), required=True), self.add_field("kind", self.kind_combo))
        form.addRow(form_label(_("Year"), required=True), self.add_field("year", self.year_spin))
        form.addRow(form_label(_("Round"), required=True), self.add_field("round", self.round_combo))
        form.addRow(form_label(_("Rubric"), required=True), self.add_field("rubric_id", self.rubric_combo))
        form.addRow(self.minima_label, self.add_field(
            "minima", self.minima_combo,
            hint=_("Where the ★★★/★★★★/★★★★★ minimum options are checked; set by the council's rules.")))
        align_labels(form)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addWidget(self.footer())
        self.setMinimumWidth(640)
        self._start_product_load(combo, product_id)
        self.on_edited("kind")
        self.finish_loading(show_all=False)

    def products_arrived(self, loaded: ProductChoices) -> None:
        if not self._kind_chosen and loaded.office_role == OfficeRole.PROVINCE:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(EvaluationKind.COUNCIL.value))
        self.on_edited("product_id")
        if self._preselect:
            self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.product_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_edited(self, key: str) -> None:
        if key == "kind":
            council = self.kind_combo.currentData() == EvaluationKind.COUNCIL
            self.minima_label.setVisible(council)
            self.boxes["minima"].setVisible(council)
        elif key == "product_id" and hasattr(self, "_product_sets"):
            self.boxes["product_id"].set_hint(self.product_set_text() or " ")

    def collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        self.product_combo.commit_text()
        return {"product_id": self.product_combo.value() or "", "kind": self.kind_combo.currentData(),
                "year": self.year_spin.value(), "round": self.round_combo.currentData(),
                "rubric_id": self.rubric_combo.currentData(), "minima": self.minima_combo.currentData()}, {}

    def check(self, data: dict[str, Any]) -> dict[str, str]:
        d = dict(data)
        return self.run_check(service.check_evaluation, d.pop("product_id"), d.pop("kind"), d.pop("year"),
                              d.pop("round"), d.pop("rubric_id"), **d)

    def has_changes(self) -> bool:
        return False  # nothing is lost by closing: the evaluation is created only on Create

    def write(self, data: dict[str, Any]) -> str | None:
        d = dict(data)
        with self.db.session() as s:
            ev = service.create_evaluation(s, d.pop("product_id"), d.pop("kind"), d.pop("year"), d.pop("round"),
                                           d.pop("rubric_id"), **d)
            return ev.id

