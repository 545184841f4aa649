"""Add or edit a plan (kế hoạch) and its targets, validated field by field; a saved plan shows
the achievement of each target ("đạt X% kế hoạch"), computed in a worker."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ocop_desktop.db import Database
from ocop_desktop.domain import geography
from ocop_desktop.i18n import _
from ocop_desktop.services import plans as sp
from ocop_desktop.ui import ops
from ocop_desktop.ui.cycle.training_dialog import form_layout, line, notes_edit
from ocop_desktop.ui.dialogs.fields import DateEdit
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, form_label
from ocop_desktop.ui.reports.plan_area import PlanArea
from ocop_desktop.ui.reports.targets_editor import TargetsEditor
from ocop_desktop.ui.screen_fit import ElidedLabel, resize_within_screen


def _year_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(4)
    edit.setFixedWidth(64)
    edit.setPlaceholderText("2026")
    return edit


def _year(text: str) -> int | None:
    t = text.strip()
    return int(t) if t.isdigit() else None


class PlanDialog(RecordDialog):
    """Create (``plan_id`` None) or edit a plan with its targets."""

    def __init__(self, db: Database, plan_id: str | None = None, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(db, parent)
        from ocop_desktop.stats.indicator_queries import office_communes
        from ocop_desktop.stats.indicators import all_indicators

        self.plan_id = plan_id
        self.today = today or dt.date.today()
        year = self.today.year
        from ocop_desktop.services.office import local_office

        with db.read_session() as s:
            data = sp.get_plan(s, plan_id) if plan_id else sp.PlanData(start_year=year, end_year=year)
            indicators = [(d.id, d.name) for d in all_indicators(s)]
            covered = sorted(office_communes(s))
            office = local_office(s)
        self.units = data.units
        self.setWindowTitle(_("Edit plan") if plan_id else _("New plan"))

        self.number_edit = line(64, _("e.g. 3438/KH-UBND"))
        self.date_edit = DateEdit()
        self.title_edit = line(500, _("e.g. Kế hoạch thực hiện Chương trình OCOP năm 2026"))
        self.issuer_edit = line(255, _("e.g. UBND tỉnh Cao Bằng"))
        self.start_edit, self.end_edit = _year_edit(), _year_edit()
        self.level_combo = QComboBox()
        for key, text in sp.PLAN_LEVEL_LABELS.items():
            self.level_combo.addItem(_(text), key.value)
        self.notes = notes_edit()
        self.notes.setMaximumHeight(60)
        self.area = PlanArea(office.province_code if office else None)
        years = QWidget()
        row = QHBoxLayout(years)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_field("start_year", self.start_edit))
        row.addWidget(form_label("–"))
        row.addWidget(self.add_field("end_year", self.end_edit))
        row.addSpacing(16)
        row.addWidget(form_label(_("Level")))
        row.addWidget(self.add_field("level", self.level_combo), 1)

        box = QGroupBox(_("Plan"))
        form = form_layout()
        number_row = QWidget()
        nr = QHBoxLayout(number_row)
        nr.setContentsMargins(0, 0, 0, 0)
        nr.addWidget(self.add_field("number", self.number_edit), 2)
        nr.addSpacing(16)
        nr.addWidget(form_label(_("Date")))
        nr.addWidget(self.add_field("date", self.date_edit), 1)
        form.addRow(form_label(_("Number"), required=True), number_row)
        form.addRow(form_label(_("Plan title"), required=True), self.add_field("title", self.title_edit, counter=True))
        form.addRow(form_label(_("Issuing body")), self.add_field("issuer", self.issuer_edit))
        form.addRow(form_label(_("Period (years)"), required=True), years)
        form.addRow(form_label(_("Area")), self.add_field("commune_codes", self.area))
        form.addRow(form_label(_("Notes")), self.add_field("notes", self.notes))
        self.units_note = ElidedLabel()
        self.units_note.setProperty("role", "hint")
        if self.units:  # one line; the whole list (every district and its communes) in the tooltip
            self.units_note.setText(_("Written for the units before 1/7/2025: {units}.").format(
                units="; ".join(f"{u['name']} (nay: {', '.join(geography.commune_name(c) for c in u['commune_codes'])})"
                                for u in self.units)))
            form.addRow("", self.units_note)
        box.setLayout(form)

        self.targets = TargetsEditor(indicators)
        unit_names = ({u["key"]: u["name"] for u in self.units} if self.units
                      else {str(c): geography.commune_name(c) or str(c) for c in (data.commune_codes or covered)})
        self.targets.set_units(unit_names)
        self.add_field("targets", self.targets)
        self.watch(self.targets, "targets")
        tbox = QGroupBox(_("Targets"))
        tl = QVBoxLayout(tbox)
        tl.addWidget(self.targets)

        outer = QVBoxLayout(self)
        outer.addWidget(box)
        outer.addWidget(tbox, 1)
        outer.addWidget(self.footer())
        resize_within_screen(self, 1240, 680)
        self._load(data)
        self.finish_loading(show_all=bool(plan_id))
        if plan_id:
            ops.run_query(self, self._progress, on_success=self._show_progress)

    def fit_height(self) -> None:
        """The targets list scrolls: keep the size chosen at creation."""

    def _load(self, d: sp.PlanData) -> None:
        self.area.set_codes(list(d.commune_codes))
        self.number_edit.setText(d.number)
        self.date_edit.set_date(d.date)
        self.title_edit.setText(d.title)
        self.issuer_edit.setText(d.issuer)
        self.start_edit.setText(str(d.start_year or ""))
        self.end_edit.setText(str(d.end_year or ""))
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(d.level)))
        self.notes.setPlainText(d.notes)
        self.targets.set_targets(d.targets)

    def collect(self) -> tuple[sp.PlanData, dict[str, str]]:
        errors: dict[str, str] = {}
        if not self.date_edit.is_valid():
            errors["date"] = _("{field}: “{text}” is not a date; write it as dd/mm/yyyy, e.g. 25/03/2024.").format(
                field=_("Date"), text=self.date_edit.text())
        for key, edit, label in (("start_year", self.start_edit, _("First year")),
                                 ("end_year", self.end_edit, _("Last year"))):
            if edit.text().strip() and _year(edit.text()) is None:
                errors[key] = _("{field}: a year between {min} and {max}.").format(field=label, min=sp.MIN_YEAR,
                                                                                    max=sp.MAX_YEAR)
        targets, target_errors = self.targets.value()
        errors.update(target_errors)
        data = sp.PlanData(number=self.number_edit.text(), date=self.date_edit.date(), title=self.title_edit.text(),
                           issuer=self.issuer_edit.text(), start_year=_year(self.start_edit.text()),
                           end_year=_year(self.end_edit.text()), level=self.level_combo.currentData(),
                           commune_codes=self.area.codes(), units=self.units, notes=self.notes.toPlainText(),
                           targets=targets)
        return data, errors

    def check(self, data: sp.PlanData) -> dict[str, str]:
        return self.run_check(sp.check, data)

    def show_sub_errors(self, errors: dict[str, str]) -> None:
        self.targets.set_errors({k: v for k, v in errors.items() if k.startswith("targets.")})

    def focus_target(self, key: str, full_key: str) -> QWidget:
        if key == "targets":
            return self.targets.focus_error(full_key)
        return self.boxes[key].mark_targets()[0]

    def write(self, data: sp.PlanData) -> str | None:
        with self.db.session() as s:
            return sp.save_plan(s, data, self.plan_id).id

    # -- achievement ----------------------------------------------------------------------
    def _progress(self, ctx: ops.OpContext) -> list:
        from ocop_desktop.stats.achievement import plan_progress

        with self.db.read_session() as s:
            return plan_progress(s, self.plan_id, self.today)

    def _show_progress(self, progress: list) -> None:
        from ocop_desktop.stats.format import percent_text, value_text

        texts = []
        for t in progress:
            if t.actual is None:
                texts.append((value_text(None), t.indicator_name))
                continue
            kind = SimpleNamespace(kind="share" if t.unit == "%" else "amount" if t.unit == "đồng" else "count")
            shown = str(t.actual) if t.scope == "each_at_least" else value_text(t.actual, kind)
            pct = percent_text(t.percent)
            tip = _("Actual {actual} of {target} ({period}).").format(
                actual=shown, target=sp.format_range(t.low, t.high), period=t.period.label() if t.period else "")
            texts.append((f"{shown} · {pct}" if pct else shown, tip))
        self.targets.set_progress(texts)
