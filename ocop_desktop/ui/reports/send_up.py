"""*Báo cáo gửi cấp trên*: pick a period, an area and the reports (B01–B09), export them as PDF
and/or Excel, and freeze what is sent; the frozen reports are listed and can be exported again
exactly as sent. Computing and writing happen on workers; bad input gets a message, not a file."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.ui import ops
from ocop_desktop.ui.dialogs.fields import vietnamese_calendar
from ocop_desktop.ui.errors import show_known_error
from ocop_desktop.ui.pages.list_support import FilterCombo
from ocop_desktop.ui.reports import area_picker

if TYPE_CHECKING:
    from ocop_desktop.db import Database


def _date_edit(d: dt.date) -> QDateEdit:
    e = QDateEdit(QDate(d.year, d.month, d.day))
    e.setDisplayFormat("dd/MM/yyyy")
    e.setCalendarPopup(True)
    e.setCalendarWidget(vietnamese_calendar())
    return e


def _py(e: QDateEdit) -> dt.date:
    q = e.date()
    return dt.date(q.year(), q.month(), q.day())


class SendUpView(QWidget):
    """Signals: exported(list of paths); frozen(id); frozen_loaded (the list arrived)."""

    exported = Signal(list)
    frozen = Signal(str)
    frozen_loaded = Signal()
    status_message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None, *, autoload: bool = True) -> None:
        from ocop_desktop.stats.catalog import REPORTS

        super().__init__(parent)
        self.db = db
        self.autoload = autoload
        self._stale = True
        year = dt.date.today().year
        self.start = _date_edit(dt.date(year, 1, 1))
        self.end = _date_edit(dt.date(year, 12, 31))
        self.commune = FilterCombo(_("All communes"), _("Report on one commune or one field office only"))
        self.number = QLineEdit()
        self.number.setPlaceholderText(_("e.g. 12/BC-VPĐP"))
        self.number.setMaxLength(64)
        self.sent_to = QLineEdit()
        self.sent_to.setPlaceholderText(_("e.g. UBND tỉnh"))
        self.sent_to.setMaxLength(255)
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.reports = QListWidget()
        for code, name in REPORTS.items():
            item = QListWidgetItem(f"{code}. {name}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.reports.addItem(item)
        self.reports.setMaximumHeight(self.reports.sizeHintForRow(0) * (len(REPORTS) + 1))
        self.preview_button = QPushButton(_("Preview…"))
        self.preview_button.setToolTip(_("Preview or print the chosen reports"))
        self.preview_button.clicked.connect(self.preview)
        self.preview_dialog: Any = None
        self.pdf_button = QPushButton(_("Export PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button = QPushButton(_("Export Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.freeze_button = QPushButton(_("Freeze as sent…"))
        self.freeze_button.setToolTip(_("Keep these figures exactly as sent, so they can be shown again after "
                                        "the records change"))
        self.freeze_button.clicked.connect(self.freeze)

        form = QFormLayout()
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.end)
        dates.addStretch(1)
        form.addRow(_("Period:"), dates)
        form.addRow(_("Area:"), self.commune)
        form.addRow(_("Report number:"), self.number)
        form.addRow(_("Sent to:"), self.sent_to)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.pdf_button, self.xlsx_button, self.freeze_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        make = QGroupBox(_("Reports to send"))
        ml = QVBoxLayout(make)
        ml.addLayout(form)
        ml.addWidget(self.problem)
        ml.addWidget(self.reports)
        ml.addLayout(buttons)
        ml.addStretch(1)

        self.frozen_table = QTableWidget(0, 6)
        self.frozen_table.setHorizontalHeaderLabels([_("Frozen on"), _("Number"), _("Reports"), _("Report period"), _("Area"),
                                                     _("Check")])
        self.frozen_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.frozen_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.frozen_table.verticalHeader().hide()
        self.frozen_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.frozen_table.horizontalHeader().setStretchLastSection(True)
        self.frozen_rows: list[Any] = []
        self.show_again = QPushButton(_("Show as sent…"))
        self.show_again.setToolTip(_("Preview or print the frozen report exactly as it was sent"))
        self.show_again.clicked.connect(self.preview_frozen)
        self.again_pdf = QPushButton(_("Export again as PDF…"))
        self.again_pdf.clicked.connect(lambda: self.export_frozen("pdf"))
        self.again_xlsx = QPushButton(_("Export again as Excel…"))
        self.again_xlsx.clicked.connect(lambda: self.export_frozen("xlsx"))
        kept = QGroupBox(_("Frozen reports (as sent)"))
        kl = QVBoxLayout(kept)
        note = QLabel(_("A frozen report cannot be changed; it is shown and exported with the figures it "
                        "was sent with, even after the records change."))
        note.setWordWrap(True)
        kl.addWidget(note)
        kl.addWidget(self.frozen_table, 1)
        again = QHBoxLayout()
        again.addWidget(self.show_again)
        again.addWidget(self.again_pdf)
        again.addWidget(self.again_xlsx)
        again.addStretch(1)
        kl.addLayout(again)

        lay = QHBoxLayout(self)
        lay.addWidget(make, 1)
        lay.addWidget(kept, 1)

    # -- loading ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale and self.autoload:
            QTimer.singleShot(0, self.reload)

    def mark_stale(self) -> None:
        self._stale = True

    def reload(self) -> None:
        from ocop_desktop.services import frozen_reports

        self._stale = False
        db = self.db

        def load(_ctx: ops.OpContext) -> Any:
            with db.read_session() as s:
                return area_picker.load_areas(s), frozen_reports.list_frozen(s)

        ops.run_query(self, load, on_success=lambda res: self._loaded(*res))

    def _loaded(self, areas: tuple[list[int], list[Any]], rows: list[Any]) -> None:
        area_picker.fill(self.commune, *areas)
        self.frozen_rows = rows
        self.frozen_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            check = _("intact") if r.intact else _("ALTERED")
            for j, v in enumerate((r.frozen_at.strftime("%d/%m/%Y %H:%M"), r.number, r.codes, r.period.label(),
                                   r.scope_label, check)):
                item = QTableWidgetItem(v)
                if j == 5 and not r.intact:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.frozen_table.setItem(i, j, item)
        if rows and self.frozen_table.currentRow() < 0:
            self.frozen_table.selectRow(0)
        self.frozen_loaded.emit()

    # -- choices ---------------------------------------------------------------------------
    def chosen_codes(self) -> list[str]:
        return [self.reports.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.reports.count())
                if self.reports.item(i).checkState() == Qt.CheckState.Checked]

    def _request(self) -> tuple[Any, list[int] | None, str, list[str]] | None:
        from ocop_desktop.stats.period import Period

        start, end = _py(self.start), _py(self.end)
        problem = ""
        if end < start:
            problem = _("Period: the end ({end}) is before the start ({start}).").format(
                end=end.strftime("%d/%m/%Y"), start=start.strftime("%d/%m/%Y"))
        elif not self.chosen_codes():
            problem = _("Tick at least one report.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if problem:
            return None
        communes, label = area_picker.chosen(self.commune)
        return Period(start, end), communes, label, self.chosen_codes()

    def _ask_path(self, kind: str) -> str | None:
        suggested = Path.home() / f"bao-cao-ocop-{_py(self.end):%Y%m%d}.{kind}"
        caption = _("Save as PDF") if kind == "pdf" else _("Save as Excel")
        filt = _("PDF files (*.pdf)") if kind == "pdf" else _("Excel workbooks (*.xlsx)")
        path, _f = QFileDialog.getSaveFileName(self, caption, str(suggested), filt)
        return path or None

    # -- actions ---------------------------------------------------------------------------
    def export(self, kind: str, path: str | None = None) -> None:
        req = self._request()
        if req is None:
            return
        path = path or self._ask_path(kind)
        if not path:
            return
        period, communes, label, codes = req
        db, number = self.db, self.number.text()

        def work(_ctx: ops.OpContext) -> list[str]:
            from ocop_desktop.reports.stats_pdf import office_heading, render_reports
            from ocop_desktop.reports.stats_xlsx import render_workbook
            from ocop_desktop.services.report_scope import office_scope
            from ocop_desktop.stats.catalog import build_reports

            with db.read_session() as s:
                scope = office_scope(s, communes, label=label)
                tables = build_reports(s, period, scope, codes)
                heading = dataclasses.replace(office_heading(s), number=number)
            if kind == "pdf":
                render_reports(tables, path, heading)
            else:
                render_workbook(tables, path, heading)
            return [path]

        ops.run_query(self, work, label=_("Writing the reports…"), on_success=self._exported)

    def _exported(self, paths: list[str]) -> None:
        self.status_message.emit(_("Saved {path}.").format(path=", ".join(paths)))
        self.exported.emit(paths)

    def freeze(self) -> None:
        req = self._request()
        if req is None:
            return
        period, communes, label, codes = req
        db, number, sent_to = self.db, self.number.text(), self.sent_to.text()

        def work(_ctx: ops.OpContext) -> str:
            from ocop_desktop.reports.stats_pdf import office_heading
            from ocop_desktop.services import frozen_reports
            from ocop_desktop.services.report_scope import office_scope
            from ocop_desktop.stats.catalog import build_reports

            with db.session() as s:
                scope = office_scope(s, communes, label=label)
                tables = build_reports(s, period, scope, codes)
                heading = office_heading(s)
                return frozen_reports.freeze(s, tables, period, scope, heading, number=number, sent_to=sent_to,
                                             by=heading.officer).id

        ops.run_write(self, work, label=_("Freezing the reports…"), on_success=self._frozen)

    def _frozen(self, frozen_id: str) -> None:
        self.status_message.emit(_("The reports are frozen as sent."))
        self.reload()
        self.frozen.emit(frozen_id)

    def selected_frozen(self) -> Any | None:
        i = self.frozen_table.currentRow()
        return self.frozen_rows[i] if 0 <= i < len(self.frozen_rows) else None

    def export_frozen(self, kind: str, path: str | None = None) -> None:
        row = self.selected_frozen()
        if row is None:
            show_known_error(self, BadInput(_("Choose a frozen report in the list first.")))
            return
        path = path or self._ask_path(kind)
        if not path:
            return
        db = self.db

        def work(_ctx: ops.OpContext) -> list[str]:
            from ocop_desktop.reports.stats_pdf import render_reports
            from ocop_desktop.reports.stats_xlsx import render_workbook
            from ocop_desktop.services import frozen_reports

            with db.read_session() as s:
                view = frozen_reports.load(s, row.id)
            heading = dataclasses.replace(view.heading, frozen_note=view.frozen_note())
            if kind == "pdf":
                render_reports(view.tables, path, heading)
            else:
                render_workbook(view.tables, path, heading)
            return [path]

        ops.run_query(self, work, label=_("Writing the reports…"), on_success=self._exported)

    # -- previews ----------------------------------------------------------------------------
    def _preview(self, title: str, make: Any, name: str) -> Any:
        from ocop_desktop.ui.widgets.pdf_preview import PdfPreviewDialog

        self.preview_dialog = PdfPreviewDialog(title, make, name, parent=self)
        self.preview_dialog.open()
        return self.preview_dialog

    def preview(self) -> Any:
        """The chosen reports in a print preview (computed on a worker)."""
        req = self._request()
        if req is None:
            return None
        period, communes, label, codes = req
        db, number = self.db, self.number.text()

        def make(_ctx: ops.OpContext) -> Path:
            from ocop_desktop.reports.stats_pdf import office_heading, render_reports
            from ocop_desktop.services.report_scope import office_scope
            from ocop_desktop.stats.catalog import build_reports
            from ocop_desktop.ui.widgets.pdf_preview import temp_pdf

            with db.read_session() as s:
                scope = office_scope(s, communes, label=label)
                tables = build_reports(s, period, scope, codes)
                heading = dataclasses.replace(office_heading(s), number=number)
            out = temp_pdf()
            render_reports(tables, out, heading)
            return out

        return self._preview(_("Reports sent up"), make, f"bao-cao-ocop-{period.end:%Y%m%d}.pdf")

    def preview_frozen(self) -> Any:
        """The selected frozen report, as sent, in a print preview (a damaged one is refused there)."""
        row = self.selected_frozen()
        if row is None:
            show_known_error(self, BadInput(_("Choose a frozen report in the list first.")))
            return None
        db = self.db

        def make(_ctx: ops.OpContext) -> Path:
            from ocop_desktop.reports.stats_pdf import render_reports
            from ocop_desktop.services import frozen_reports
            from ocop_desktop.ui.widgets.pdf_preview import temp_pdf

            with db.read_session() as s:
                view = frozen_reports.load(s, row.id)
            out = temp_pdf()
            render_reports(view.tables, out, dataclasses.replace(view.heading, frozen_note=view.frozen_note()))
            return out

        return self._preview(_("Frozen report {number}").format(number=row.number or row.codes), make,
                             f"bao-cao-da-chot-{row.frozen_at:%Y%m%d-%H%M}.pdf")
