"""The recognition decision dialog.

- :class:`RecognitionDialog` ("Record recognition decision…"): the decision (number, date,
  authority, level, signer and title) and the products it recognises with their stars,
  pre-filled from each product's latest finalised council result. Saving is one
  ``db.session()`` calling ``services.decisions.record_recognition`` (certificate numbers
  allocated, earlier certificates superseded). Warnings (dated before the council finalised,
  other stars than the council's) are listed under the products, each with its reason. Opened
  with ``replacing=<decision id>`` it starts from that decision and saves the correcting
  decision (``services.decision_records.replace_decision``, with the reason).
- The revocation dialog is in :mod:`.revocation_dialog`; the shared decision fields and the
  warnings box in :mod:`.decision_fields`.

Both dialogs validate with the service itself ~300 ms after an edit (a dry run in a read session,
made to stop at the checks so that it never writes) and show its messages under the
fields, like the record dialogs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.domain.certificates import (
    CERTIFICATE_STATUS_LABELS,
    DecisionKind,
)
from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.ui.certificates.decision_fields import (
    DecisionFields,
    WarningsBox,
    decision_form,
    default_authority,
)
from ocop_desktop.ui.dialogs.fields import note_label
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from ocop_desktop.db import Database

@dataclass(frozen=True)
class Candidate:
    """A product the decision may recognise."""

    product_id: str
    name: str
    code: str
    producer_name: str
    stars: int  # the proposed rank (council result, else the product's stars)
    evaluation_id: str | None
    result_text: str  # "4★ · Hội đồng cấp tỉnh 2026"
    certificate_text: str  # the current certificate's status, or ""


def load_candidates(db: Database, today: dt.date | None = None) -> list[Candidate]:
    """Products with a 3★+ council result or rank (latest finalised council evaluation first)."""
    from ocop_desktop.domain.evaluations import EvaluationKind, EvaluationStatus
    from ocop_desktop.domain.vocab import label
    from ocop_desktop.services import decisions, evaluations, products

    with db.read_session() as s:
        rows = [r for r in products.list_products(s) if not r.deleted]
        best: dict[str, Any] = {}
        for ev in evaluations.list_evaluations(s):
            if ev.deleted or ev.status != EvaluationStatus.FINAL or ev.stars is None:
                continue
            if ev.kind not in (EvaluationKind.COUNCIL, EvaluationKind.LEGACY):
                continue
            key = (ev.year, ev.round or 0, ev.finalised_at or dt.datetime.min)
            old = best.get(ev.product_id)
            if old is None or key > old[0]:
                best[ev.product_id] = (key, ev)
        status = decisions.product_certificate_status(s, [r.id for r in rows], today)
    out = []
    for r in rows:
        ev = best.get(r.id, (None, None))[1]
        stars = ev.stars if ev is not None else r.stars
        if not stars or stars < 3:
            continue
        result = f"{stars}★ · {ev.kind_label} {ev.period_label}" if ev is not None else f"{stars}★"
        st = status.get(r.id)
        out.append(Candidate(r.id, r.name, r.code, r.producer_name, min(stars, 5),
                             ev.id if ev is not None and ev.kind == EvaluationKind.COUNCIL else None,
                             result, label(CERTIFICATE_STATUS_LABELS, st) if st else ""))
    # Products without a standing certificate first: they are the ones waiting for a decision.
    out.sort(key=lambda c: (bool(c.certificate_text), c.name.casefold()))
    return out


class _StarsDelegate(QStyledItemDelegate):
    """3★, 4★ or 5★ chosen in a combo box that exists only while the cell is edited."""

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:  # noqa: N802, ARG002
        combo = QComboBox(parent)
        for n in (3, 4, 5):
            combo.addItem("★" * n, n)
        return combo

    def setEditorData(self, editor: QWidget, index: Any) -> None:  # noqa: N802
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.UserRole)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:  # noqa: N802
        n = editor.currentData()
        model.setData(index, n, Qt.ItemDataRole.UserRole)
        model.setData(index, "★" * n, Qt.ItemDataRole.DisplayRole)


class _ItemsTable(QTableWidget):
    """The product table; ``changed`` when a product is ticked or its stars change."""

    changed = Signal()

class RecognitionDialog(RecordDialog):
    """Record a recognition decision and its certificates; ``saved_id`` is the decision's id."""

    COL_PRODUCT, COL_PRODUCER, COL_RESULT, COL_CERTIFICATE, COL_STARS = range(5)

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: dt.date | None = None,
                 replacing: str | None = None) -> None:
        super().__init__(db, parent)
        self.today = today
        #: The recognition decision this one corrects (annulled when this one is saved), or None.
        self.replacing = replacing
        self.setWindowTitle(_("Record recognition decision"))
        form = decision_form()
        self.fields = DecisionFields(self, form, default_authority(db))
        self.reason: QLineEdit | None = None
        if replacing is not None:
            self.reason = QLineEdit()
            self.reason.setPlaceholderText(_("Why the decision is replaced (kept with both decisions)"))
            form.addRow(form_label(_("Reason for replacing"), required=True), self.add_field("reason", self.reason))
        decision_box = QGroupBox(_("Decision"))
        decision_box.setLayout(form)

        self.candidates = load_candidates(db, today)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Find a product…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.chosen_label = QLabel()
        self.table = _ItemsTable(len(self.candidates), 5)
        self.table.setHorizontalHeaderLabels([_("Product"), _("Producer"), _("Council result"),
                                              _("Current certificate"), _("Stars")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # Stars are an item edited through a combo delegate (one widget per row took 20 s for
        # 15,000 candidates); widths are set once, not measured over every row.
        self.table.setItemDelegateForColumn(self.COL_STARS, _StarsDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.blockSignals(True)
        read_only = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        for i, c in enumerate(self.candidates):
            item = QTableWidgetItem(c.name)
            item.setFlags(read_only | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(f"{c.name} ({c.code})" if c.code else c.name)
            self.table.setItem(i, self.COL_PRODUCT, item)
            for col, text in ((self.COL_PRODUCER, c.producer_name), (self.COL_RESULT, c.result_text),
                              (self.COL_CERTIFICATE, c.certificate_text)):
                cell = QTableWidgetItem(text)
                cell.setFlags(read_only)
                self.table.setItem(i, col, cell)
            stars = QTableWidgetItem()
            stars.setFlags(read_only | Qt.ItemFlag.ItemIsEditable)
            stars.setToolTip(_("Double-click to change the stars"))
            self.table.setItem(i, self.COL_STARS, stars)
            self.set_stars(i, c.stars)
        self.table.blockSignals(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COL_PRODUCT, QHeaderView.ResizeMode.Stretch)
        for col, width in ((self.COL_PRODUCER, 220), (self.COL_RESULT, 130), (self.COL_CERTIFICATE, 205),
                           (self.COL_STARS, 80)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        self.table.itemChanged.connect(self._item_changed)
        self.table.setMinimumHeight(220)
        items_box = self.add_field("items", self.table, hint=_(
            "Tick the products the decision recognises; the stars come from the council's result."))
        # The service names each product's errors ("items.3.stars"): show them under the table.
        self.item_errors = note_label("", "error")
        self.item_errors.hide()
        self.warnings_box = WarningsBox()
        warnings_field = self.add_field("warnings", self.warnings_box)
        products_box = QGroupBox(_("Products recognised"))
        pl = QVBoxLayout(products_box)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.chosen_label)
        pl.addLayout(top)
        pl.addWidget(items_box, 1)
        pl.addWidget(self.item_errors)
        align_labels(form)

        lay = QVBoxLayout(self)
        lay.addWidget(decision_box)
        lay.addWidget(products_box, 1)
        lay.addWidget(warnings_field)
        lay.addWidget(self.footer())
        resize_within_screen(self, 980, 720)
        if replacing is not None:
            self._load_replaced(replacing)
        self._update_count()
        self.finish_loading(show_all=False)

    def _load_replaced(self, decision_id: str) -> None:
        """Start from the decision being replaced: its fields and its products with their stars."""
        from ocop_desktop.models import Decision
        from ocop_desktop.services.decisions import list_certificates

        with self.db.read_session() as s:
            d = s.get(Decision, decision_id)
            certs = [r for r in list_certificates(s, self.today, decision_id=decision_id) if r.decision_id == d.id]
            number = d.number
            self.fields.authority.setText(d.authority)
            self.fields.level.setCurrentIndex(max(self.fields.level.findData(d.level), 0))
            self.fields.signer_name.setText(d.signer_name)
            self.fields.signer_title.setText(d.signer_title)
        self.setWindowTitle(_("Replace decision {number} by a correcting decision").format(number=number))
        known = {c.product_id for c in self.candidates}
        for r in certs:
            if r.product_id in known:
                self.choose(r.product_id, r.stars)

    # -- products ---------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        from ocop_desktop.text import fold

        terms = fold(text).split()
        for i, c in enumerate(self.candidates):
            hay = fold(f"{c.name} {c.code} {c.producer_name}")
            self.table.setRowHidden(i, not all(t in hay for t in terms))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == self.COL_PRODUCT:
            self._update_count()
            self.table.changed.emit()
        elif item.column() == self.COL_STARS:
            self.table.changed.emit()

    def stars_of(self, row: int) -> int:
        return int(self.table.item(row, self.COL_STARS).data(Qt.ItemDataRole.UserRole))

    def set_stars(self, row: int, stars: int) -> None:
        stars = min(max(int(stars), 3), 5)
        item = self.table.item(row, self.COL_STARS)
        item.setData(Qt.ItemDataRole.UserRole, stars)
        item.setText("★" * stars)

    def _update_count(self) -> None:
        self.chosen_label.setText(_("{n} chosen").format(n=len(self.chosen_rows())))

    def chosen_rows(self) -> list[int]:
        return [i for i in range(self.table.rowCount())
                if self.table.item(i, self.COL_PRODUCT).checkState() == Qt.CheckState.Checked]

    def choose(self, product_id: str, stars: int | None = None) -> None:
        """Tick a product (and set its stars): what the officer does with the mouse."""
        i = next(i for i, c in enumerate(self.candidates) if c.product_id == product_id)
        if stars is not None:
            self.set_stars(i, stars)
        self.table.item(i, self.COL_PRODUCT).setCheckState(Qt.CheckState.Checked)

    def items(self) -> list[tuple[str, int, None, str | None]]:
        from ocop_desktop.services.decisions import RecognitionItem

        out = []
        for i in self.chosen_rows():
            c = self.candidates[i]
            out.append(RecognitionItem(c.product_id, self.stars_of(i), None, c.evaluation_id))
        return out

    def show_sub_errors(self, errors: dict[str, str]) -> None:
        # Item errors are shown under the table by the "items" field box already.
        self.item_errors.hide()

    # -- RecordDialog -------------------------------------------------------------------------
    def collect(self) -> tuple[Any, dict[str, str]]:
        data, errors = self.fields.collect(DecisionKind.RECOGNITION.value)
        if self.reason is not None and not self.reason.text().strip():
            errors["reason"] = _("Reason: enter why (it is kept with the decision).")
        return (data, tuple(self.items()), self.warnings_box.confirmations()), errors

    def check(self, data: Any) -> dict[str, str]:
        from ocop_desktop.services.decision_records import recognition_warnings
        from ocop_desktop.services.decisions import record_recognition

        decision, items, confirmations = data
        with self.db.read_session() as s:
            warnings = recognition_warnings(s, decision.date, items)
        self.warnings_box.set_warnings(warnings)
        # A dry run that never writes: an impossible last item makes the service stop at its
        # checks (ValidationFailed before any row is added); that item's own error is dropped.
        sentinel = f"items.{len(items)}."
        errors: dict[str, str] = {}
        try:
            with self.db.read_session() as s:
                record_recognition(s, decision, (*items, ("", 3)), self.today)
        except ValidationFailed as exc:
            errors = {k: v for k, v in exc.errors.items() if not k.startswith(sentinel)}
        except KnownError:
            return {}
        if not items:
            errors["items"] = _("Products: the decision lists no product.")
        if any(w.key not in confirmations for w in warnings):
            errors["warnings"] = _("Check the decision; if it is right, confirm each warning with a reason.")
        return errors

    def write(self, data: Any) -> str | None:
        from ocop_desktop.services.decisions import record_recognition

        decision, items, confirmations = data
        with self.db.session() as s:
            if self.replacing is not None:
                from ocop_desktop.services.decision_records import replace_decision

                assert self.reason is not None
                return replace_decision(s, self.replacing, decision, items, self.reason.text(),
                                        confirmations=confirmations, today=self.today).id
            d = record_recognition(s, decision, items, self.today, confirmations=confirmations)
            return d.id

