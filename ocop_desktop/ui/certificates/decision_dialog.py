"""The recognition and revocation decision dialogs.

- :class:`RecognitionDialog` ("Record recognition decision…"): the decision (number, date,
  authority, level, signer and title) and the products it recognises with their stars,
  pre-filled from each product's latest finalised council result. Saving is one
  ``db.session()`` calling ``services.decisions.record_recognition`` (certificate numbers
  allocated, earlier certificates superseded).
- :class:`RevocationDialog` ("Revoke…"): a revocation decision and its ground (Điều 8.1
  a–e) for the selected certificates → ``services.decisions.revoke``.

Both validate with the service itself ~300 ms after an edit (a dry run in a read session,
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
    QFormLayout,
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
    DECISION_LEVEL_LABELS,
    REVOCATION_GROUND_LETTERS,
    REVOCATION_GROUND_TEXTS,
    DecisionKind,
    DecisionLevel,
    RevocationGround,
)
from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.ui.dialogs.fields import DateEdit, note_label
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.services.decisions import DecisionData


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(6)
    return form


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


class _DecisionFields:
    """Number, date, authority, level, signer, title: the part both dialogs share."""

    def __init__(self, dialog: RecordDialog, form: QFormLayout, authority: str) -> None:
        self.number = QLineEdit()
        self.number.setPlaceholderText("1234/QĐ-UBND")
        self.date = DateEdit()
        self.authority = QLineEdit(authority)
        self.level = QComboBox()
        for level in DecisionLevel:
            self.level.addItem(_(DECISION_LEVEL_LABELS[level]), level.value)
        self.signer_name = QLineEdit()
        self.signer_title = QLineEdit()
        self.signer_title.setPlaceholderText("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
        form.addRow(form_label(_("Decision number"), required=True), dialog.add_field("number", self.number))
        form.addRow(form_label(_("Signed on"), required=True), dialog.add_field("date", self.date))
        form.addRow(form_label(_("Issuing authority"), required=True), dialog.add_field("authority", self.authority))
        form.addRow(form_label(_("Level"), required=True), dialog.add_field(
            "level", self.level, hint=_("5 stars are recognised only by the Ministry.")))
        form.addRow(form_label(_("Signer"), required=True), dialog.add_field("signer_name", self.signer_name))
        form.addRow(form_label(_("Signer's title"), required=True), dialog.add_field(
            "signer_title", self.signer_title, hint=_("A “/” starts a new line on the certificate.")))

    def collect(self, kind: str) -> tuple[DecisionData, dict[str, str]]:
        from ocop_desktop.services.decisions import DecisionData

        errors = {}
        if not self.date.is_valid():
            errors["date"] = _("Decision date: “{text}” is not a date (dd/mm/yyyy).").format(text=self.date.text())
        return DecisionData(kind=kind, number=self.number.text(), date=self.date.date(),
                            authority=self.authority.text(), level=self.level.currentData(),
                            signer_name=self.signer_name.text(), signer_title=self.signer_title.text()), errors


def _default_authority(db: Database) -> str:
    from ocop_desktop.services.office import local_office

    with db.read_session() as s:
        office = local_office(s)
    return f"Ủy ban nhân dân tỉnh {office.province_name}" if office and office.province_name else ""


class RecognitionDialog(RecordDialog):
    """Record a recognition decision and its certificates; ``saved_id`` is the decision's id."""

    COL_PRODUCT, COL_PRODUCER, COL_RESULT, COL_CERTIFICATE, COL_STARS = range(5)

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today
        self.setWindowTitle(_("Record recognition decision"))
        form = _form()
        self.fields = _DecisionFields(self, form, _default_authority(db))
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
        lay.addWidget(self.footer())
        resize_within_screen(self, 980, 720)
        self._update_count()
        self.finish_loading(show_all=False)

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
        return (data, tuple(self.items())), errors

    def check(self, data: Any) -> dict[str, str]:
        from ocop_desktop.services.decisions import record_recognition

        decision, items = data
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
        return errors

    def write(self, data: Any) -> str | None:
        from ocop_desktop.services.decisions import record_recognition

        decision, items = data
        with self.db.session() as s:
            d = record_recognition(s, decision, items, self.today)
            return d.id


class RevocationDialog(RecordDialog):
    """Revoke certificates (rows of the register) by a revocation decision."""

    def __init__(self, db: Database, rows: list[Any], parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today
        self.rows = rows
        self.setWindowTitle(_("Revoke certificate"))
        listing = "\n".join(_("{number} — {product} ({stars}★), {producer}").format(
            number=r.number, product=r.product_name, stars=r.stars, producer=r.producer_name) for r in rows)
        what = QLabel(listing)
        what.setWordWrap(True)
        what.setObjectName("pageSubtitle")
        form = _form()
        self.fields = _DecisionFields(self, form, _default_authority(db))
        if any(r.stars == 5 for r in rows):
            self.fields.level.setCurrentIndex(self.fields.level.findData(DecisionLevel.MINISTRY.value))
        self.ground = QComboBox()
        self.ground.addItem(_("Choose the ground…"), "")
        for g in RevocationGround:
            text = f"{REVOCATION_GROUND_LETTERS[g]}) {REVOCATION_GROUND_TEXTS[g]}"
            self.ground.addItem(text if len(text) <= 90 else text[:88] + "…", g.value)
            self.ground.setItemData(self.ground.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        self.ground.setMinimumContentsLength(40)
        self.ground.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ground_text = note_label("", "hint")
        self.ground.currentIndexChanged.connect(self._ground_changed)
        form.addRow(form_label(_("Ground (Article 8.1)"), required=True), self.add_field("ground", self.ground))
        form.addRow(QLabel(), self.ground_text)
        box = QGroupBox(_("Revocation decision"))
        box.setLayout(form)
        align_labels(form)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(_("Certificate to revoke:")))
        lay.addWidget(what)
        lay.addWidget(box)
        lay.addStretch(1)
        lay.addWidget(self.footer())
        self.save_button.setText(_("Revoke"))
        resize_within_screen(self, 820, 560)
        self.finish_loading(show_all=False)

    def _ground_changed(self, _i: int) -> None:
        code = self.ground.currentData()
        self.ground_text.setText(REVOCATION_GROUND_TEXTS[RevocationGround(code)] if code else "")

    def set_ground(self, code: str) -> None:
        self.ground.setCurrentIndex(self.ground.findData(code))

    def collect(self) -> tuple[Any, dict[str, str]]:
        data, errors = self.fields.collect(DecisionKind.REVOCATION.value)
        return (data, self.ground.currentData() or ""), errors

    def check(self, data: Any) -> dict[str, str]:
        from ocop_desktop.services.decisions import revoke

        decision, ground = data
        # A dry run that never writes: an unknown certificate id ("") makes the service stop at
        # its checks; that id's own error is dropped.
        try:
            with self.db.read_session() as s:
                revoke(s, [r.id for r in self.rows] + [""], decision, ground, self.today)
        except ValidationFailed as exc:
            return {("certificates" if k.startswith("certificate") else k): v for k, v in exc.errors.items()
                    if k != "certificate."}
        except KnownError:
            return {}
        return {}

    def write(self, data: Any) -> str | None:
        from ocop_desktop.services.decisions import revoke

        decision, ground = data
        with self.db.session() as s:
            return revoke(s, [r.id for r in self.rows], decision, ground, self.today).id
