"""Dialogs that change the register after the fact, each with its reason
(:mod:`ocop_desktop.services.decision_records`):

- :class:`ReissueDialog` — re-issue (cấp lại) a standing certificate after the product or
  producer was renamed (or a lost paper): the names printed now against the names of today,
  the reason, the same number or a new one, the day.
- :class:`CorrectDecisionDialog` — correct a decision's number, date, authority, level,
  signer or title, and the stars of its certificates, only while none of them was printed.
- :class:`AnnulDialog` — annul a decision (hủy bỏ) with its reason and day; its certificates
  then show as annulled and print only as archive copies. Replacing it by a correcting
  decision is the recognition dialog opened with ``replacing=`` (:mod:`.decision_dialog`).

Saving is one ``db.session()`` calling the service (a few rows: short enough for the GUI
thread); the service's refusals show under the fields.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.i18n import _
from ocop_desktop.ui.certificates.decision_fields import DecisionFields, decision_form
from ocop_desktop.ui.dialogs.fields import DateEdit, note_label
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.screen_fit import ElidedLabel, resize_within_screen

if TYPE_CHECKING:
    from ocop_desktop.db import Database


def _reason_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
    edit.setPlaceholderText(_("Why (kept in the register)"))
    return edit


def _reason_error(text: str) -> dict[str, str]:
    return {} if text.strip() else {"reason": _("Reason: enter why (it is kept with the decision).")}


def _date_error(edit: DateEdit) -> dict[str, str]:
    if not edit.is_valid() or edit.date() is None:
        return {"date": _("Date: “{text}” is not a date (dd/mm/yyyy).").format(text=edit.text())}
    return {}


class ReissueDialog(RecordDialog):
    """Re-issue the certificate ``certificate_id``; ``saved_id`` is the new certificate's id."""

    def __init__(self, db: Database, certificate_id: str, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(db, parent)
        from ocop_desktop.models import Product
        from ocop_desktop.services import decisions

        self.today = today
        self.certificate_id = certificate_id
        with db.read_session() as s:
            detail = decisions.certificate_detail(s, certificate_id, today)
            p = s.get(Product, detail.product_id)
            now = decisions.snapshot(s, p)
        self.number_before = detail.number
        self.setWindowTitle(_("Re-issue certificate {number}").format(number=detail.number))
        compare = QLabel(_("Printed on the certificate: {product} — {producer}, {address}\n"
                           "The records today: {product_now} — {producer_now}, {address_now}").format(
            product=detail.product_name, producer=detail.producer_name, address=detail.producer_address,
            product_now=now["product_name"], producer_now=now["producer_name"], address_now=now["producer_address"]))
        compare.setWordWrap(True)
        self.reason = _reason_edit()
        self.new_number = QCheckBox(_("Give it a new number"))
        self.number = QLineEdit(detail.number)
        self.number.setEnabled(False)
        self.new_number.toggled.connect(self.number.setEnabled)
        self.date = DateEdit()
        self.date.set_date(today or dt.date.today())
        form = decision_form()
        form.addRow(form_label(_("Reason"), required=True), self.add_field("reason", self.reason))
        form.addRow(QLabel(), self.new_number)
        self.watch(self.new_number, "number")
        form.addRow(form_label(_("Certificate number")), self.add_field(
            "number", self.number, hint=_("The same number by default; the stars, decision and expiry stay.")))
        form.addRow(form_label(_("Re-issued on"), required=True), self.add_field("date", self.date))
        align_labels(form)
        box = QGroupBox(_("Re-issue (cấp lại)"))
        box.setLayout(form)
        lay = QVBoxLayout(self)
        lay.addWidget(compare)
        lay.addWidget(box)
        lay.addStretch(1)
        lay.addWidget(self.footer())
        self.save_button.setText(_("Re-issue"))
        resize_within_screen(self, 760, 420)
        self.finish_loading(show_all=False)

    def collect(self) -> tuple[Any, dict[str, str]]:
        number = self.number.text() if self.new_number.isChecked() else None
        return (self.reason.toPlainText(), number, self.date.date()), _date_error(self.date)

    def check(self, data: Any) -> dict[str, str]:
        reason, number, _day = data
        errors = {} if reason.strip() else {"reason": _(
            "Reason: enter why the certificate is re-issued (e.g. the product was renamed).")}
        if number is not None and not number.strip():
            errors["number"] = _("Certificate number: enter the number, or keep the same one.")
        return errors

    def write(self, data: Any) -> str | None:
        from ocop_desktop.services.decision_records import reissue_certificate

        reason, number, day = data
        with self.db.session() as s:
            return reissue_certificate(s, self.certificate_id, reason, number=number, day=day, today=self.today).id


class CorrectDecisionDialog(RecordDialog):
    """Correct decision ``decision_id`` before any of its certificates was printed."""

    def __init__(self, db: Database, decision_id: str, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(db, parent)
        from ocop_desktop.models import Decision
        from ocop_desktop.services.decision_records import decision_fields
        from ocop_desktop.services.decisions import list_certificates

        self.today = today
        self.decision_id = decision_id
        with db.read_session() as s:
            data = decision_fields(s.get(Decision, decision_id))
            certs = [r for r in list_certificates(s, today, decision_id=decision_id)
                     if r.decision_id == decision_id and r.superseded_by_id is None]
        self.kind = data.kind
        self.setWindowTitle(_("Correct decision {number}").format(number=data.number))
        form = decision_form()
        self.fields = DecisionFields(self, form, data.authority)
        f = self.fields
        f.number.setText(data.number)
        f.date.set_date(data.date)
        f.level.setCurrentIndex(max(f.level.findData(data.level), 0))
        f.signer_name.setText(data.signer_name)
        f.signer_title.setText(data.signer_title)
        self.reason = _reason_edit()
        form.addRow(form_label(_("Reason"), required=True), self.add_field("reason", self.reason))
        # The stars of each certificate the decision issued (one combo per certificate).
        self.stars: dict[str, QComboBox] = {}
        self._stars_before: dict[str, int] = {}
        stars_form = decision_form()
        for r in certs:
            combo = QComboBox()
            for n in (3, 4, 5):
                combo.addItem("★" * n, n)
            combo.setCurrentIndex(max(combo.findData(r.stars), 0))
            self.watch(combo, "stars")
            self.stars[r.id] = combo
            self._stars_before[r.id] = r.stars
            stars_form.addRow(ElidedLabel(f"{r.number} — {r.product_name}"), combo)  # names run to 300 characters
        holder = QWidget()
        holder.setLayout(stars_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setMaximumHeight(200)
        stars_box = QGroupBox(_("Stars of its certificates"))
        QVBoxLayout(stars_box).addWidget(scroll)
        align_labels(form)
        box = QGroupBox(_("Decision"))
        box.setLayout(form)
        lay = QVBoxLayout(self)
        lay.addWidget(note_label(_("A decision is corrected only while none of its certificates was printed; "
                                   "the previous values and the reason are kept."), "hint"))
        lay.addWidget(box)
        if certs and self.kind == "recognition":
            lay.addWidget(stars_box)
        self.stars_errors = note_label("", "error")
        self.stars_errors.hide()
        lay.addWidget(self.stars_errors)
        lay.addStretch(1)
        lay.addWidget(self.footer())
        self.save_button.setText(_("Save correction"))
        resize_within_screen(self, 760, 520)
        self.finish_loading(show_all=False)

    def set_stars(self, certificate_id: str, stars: int) -> None:
        combo = self.stars[certificate_id]
        combo.setCurrentIndex(combo.findData(stars))

    def collect(self) -> tuple[Any, dict[str, str]]:
        data, errors = self.fields.collect(self.kind)
        stars = {cid: c.currentData() for cid, c in self.stars.items() if c.currentData() != self._stars_before[cid]}
        return (data, self.reason.toPlainText(), stars), errors

    def check(self, data: Any) -> dict[str, str]:
        from ocop_desktop.domain.certificates import DecisionKind, certifiable
        from ocop_desktop.services.decisions import _check_decision

        decision, reason, _stars = data
        errors = _check_decision(decision.normalised(), DecisionKind(self.kind), self.today or dt.date.today())
        errors.update(_reason_error(reason))
        if self.kind == DecisionKind.RECOGNITION:
            for cid, combo in self.stars.items():
                why = certifiable(combo.currentData(), decision.level)
                if why:
                    errors[f"stars.{cid}"] = _(why)
        return errors

    def show_sub_errors(self, errors: dict[str, str]) -> None:
        texts = list(dict.fromkeys(v for k, v in errors.items() if k.startswith("stars.")))
        self.stars_errors.setText("\n".join(texts))
        self.stars_errors.setVisible(bool(texts))

    def write(self, data: Any) -> str | None:
        from ocop_desktop.services.decision_records import correct_decision

        decision, reason, stars = data
        with self.db.session() as s:
            return correct_decision(s, self.decision_id, decision, reason, stars=stars, today=self.today).id


class AnnulDialog(RecordDialog):
    """Annul decision ``decision_id`` with a reason."""

    def __init__(self, db: Database, decision_id: str, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(db, parent)
        from ocop_desktop.models import Decision

        self.today = today
        self.decision_id = decision_id
        with db.read_session() as s:
            number = s.get(Decision, decision_id).number
        self.setWindowTitle(_("Annul decision {number}").format(number=number))
        self.reason = _reason_edit()
        self.date = DateEdit()
        self.date.set_date(today or dt.date.today())
        form = decision_form()
        form.addRow(form_label(_("Reason"), required=True), self.add_field("reason", self.reason))
        form.addRow(form_label(_("Annulled on"), required=True), self.add_field("date", self.date))
        align_labels(form)
        box = QGroupBox(_("Annulment"))
        box.setLayout(form)
        lay = QVBoxLayout(self)
        lay.addWidget(note_label(_("Its certificates will show as annulled and print only as archive copies "
                                   "(“BẢN LƯU”). What the decision had superseded stands again."), "warning"))
        lay.addWidget(box)
        lay.addStretch(1)
        lay.addWidget(self.footer())
        self.save_button.setText(_("Annul"))
        resize_within_screen(self, 700, 380)
        self.finish_loading(show_all=False)

    def collect(self) -> tuple[Any, dict[str, str]]:
        return (self.reason.toPlainText(), self.date.date()), _date_error(self.date)

    def check(self, data: Any) -> dict[str, str]:
        return _reason_error(data[0])

    def write(self, data: Any) -> str | None:
        from ocop_desktop.services.decision_records import annul_decision

        reason, day = data
        with self.db.session() as s:
            return annul_decision(s, self.decision_id, reason, day, today=self.today).id
