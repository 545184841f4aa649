"""Tệp › Nhập từ Excel…: the import wizard (issue 12). Four steps on one stacked dialog:
file and sheet → column mapping (guessed, editable, legacy text shown converted) → preview
(counts, errors only, error workbook) → apply in a worker with progress and cancel, then the
summary with "Undo this import". Reading, previewing and applying run off the GUI thread
(:mod:`ocop_desktop.ui.ops`); the heavy modules (calamine, openpyxl, XlsxWriter) are imported
there, never at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _, format_number
from ocop_desktop.ui import ops
from ocop_desktop.ui.errors import show_known_error
from ocop_desktop.ui.import_models import RoundTripModel
from ocop_desktop.ui.import_pages import ImportPages
from ocop_desktop.ui.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from ocop_desktop.db import Database

FILE_FILTER = "Excel, ODS, CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.htm *.html);;All files (*)"


class ImportWizard(ImportPages, QDialog):
    """The import wizard. ``imported(batch_id)`` after a successful import, ``undone`` after undo."""

    imported = Signal(str)
    undone = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *, path: Path | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.source = None
        self.plan = None
        self.roundtrip = None  # an exported list imported back (import_roundtrip.RoundTripPlan)
        self.batch_id: str | None = None
        self.setWindowTitle(_("Import from Excel"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self._file_page())
        self.stack.addWidget(self._mapping_page())
        self.stack.addWidget(self._preview_page())
        self.stack.addWidget(self._done_page())
        self.back_button = QPushButton(_("Back"))
        self.back_button.clicked.connect(self._back)
        self.next_button = QPushButton(_("Next"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        self.step_label = QLabel()
        buttons.addWidget(self.step_label, 1)
        for b in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.stack, 1)
        lay.addLayout(buttons)
        resize_within_screen(self, 1100, 680)
        self._show(0)
        if path is not None:
            self.path_edit.setText(str(path))
            self._load_sheets()

    # -- navigation -------------------------------------------------------------------------
    def _show(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.back_button.setVisible(index in (1, 2))
        self.next_button.setVisible(index < 3)
        self.next_button.setText(_("Import") if index == 2 else _("Next"))
        self.next_button.setEnabled(index != 2 or (self.plan is not None and not self.plan.error_rows))
        self.step_label.setText(_("Step {n} of 4").format(n=index + 1))

    def _back(self) -> None:
        if self.stack.currentIndex() == 2 and getattr(self, "roundtrip", None) is not None:
            self._show(0)  # an exported list has no mapping step
            return
        self._show(max(self.stack.currentIndex() - 1, 0))

    def _next(self) -> None:
        i = self.stack.currentIndex()
        if i == 0:
            self._open_sheet()
        elif i == 1:
            self._preview()
        elif i == 2:
            self._apply()

    def _fail(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            if self.stack.currentIndex() == 0:
                self.file_message.setText(exc.full_message())
            show_known_error(self, exc, _("Import from Excel"))
        else:
            import sys

            sys.excepthook(type(exc), exc, exc.__traceback__)

    # -- step 1 ------------------------------------------------------------------------------
    def _browse(self) -> None:
        name, _f = QFileDialog.getOpenFileName(self, _("Choose the workbook to import"), str(Path.home()), FILE_FILTER)
        if name:
            self.path_edit.setText(name)
            self._load_sheets()

    def _load_sheets(self) -> None:
        path = Path(self.path_edit.text().strip())
        if not self.path_edit.text().strip():
            return
        self.file_message.clear()

        def work(_ctx: ops.OpContext):  # noqa: ANN202
            from ocop_desktop.excel.import_read import list_sheets

            return list_sheets(path)

        def done(sheets: list) -> None:  # noqa: ANN001
            self.sheet_combo.clear()
            for s in sheets:
                self.sheet_combo.addItem(s.name if s.visible else _("{name} (hidden)").format(name=s.name), s.name)

        ops.run_query(self, work, on_success=done, on_failure=self._fail)

    def _open_sheet(self) -> None:
        path = Path(self.path_edit.text().strip())
        sheet = self.sheet_combo.currentData()
        if not self.path_edit.text().strip():
            self.file_message.setText(_("Choose a file first."))
            return

        db = self.db

        def work(_ctx: ops.OpContext):  # noqa: ANN202
            from ocop_desktop.excel.import_roundtrip import is_export
            from ocop_desktop.excel.import_run import open_file, roundtrip_preview

            if is_export(path):  # a list exported by the app: updates of the same records
                return roundtrip_preview(db, path)
            return open_file(path, sheet)

        ops.run_query(self, work, on_success=self._opened, on_failure=self._fail, label=_("Reading the workbook…"))

    def _opened(self, source) -> None:  # noqa: ANN001
        from ocop_desktop.excel.import_headers import FIELDS

        if hasattr(source, "exported_at"):
            self._roundtrip_previewed(source)
            return
        self.roundtrip = None
        self.source = source
        notes = [_("Header found on row {rows}.").format(rows=", ".join(str(r + 1) for r in source.layout.header_rows))]
        if source.remembered:
            notes.append(_("The mapping you chose last time for these headers is used."))
        encodings = sorted(set(source.conversions.values()))
        if encodings:
            notes.append(_("Text typed in old fonts ({names}) was converted to Unicode; check it below.").format(
                names=", ".join({"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI"}[e] for e in encodings)))
        self.mapping_intro.setText(" ".join(notes) + " " + _("Correct the field of any column that was guessed wrong."))
        rows = source.raw.rows[source.layout.data_start:source.layout.data_start + 12]
        self.mapping_table.setRowCount(source.width)
        self._combos: list[QComboBox] = []
        for c, label in enumerate(source.layout.labels):
            self.mapping_table.setItem(c, 0, QTableWidgetItem(label or _("(column {n})").format(n=c + 1)))
            samples = [str(r[c]) for r in rows if c < len(r) and r[c] not in (None, "")][:3]
            self.mapping_table.setItem(c, 1, QTableWidgetItem(" · ".join(samples)))
            combo = QComboBox()
            for key, text in FIELDS.items():
                combo.addItem(_(text), key)
            combo.setCurrentIndex(max(combo.findData(source.mapping[c]), 0))
            self.mapping_table.setCellWidget(c, 2, combo)
            self._combos.append(combo)
        self.mapping_table.resizeColumnToContents(0)
        self.mapping_table.setColumnWidth(2, 240)
        self._show(1)

    def _roundtrip_previewed(self, plan) -> None:  # noqa: ANN001
        self.roundtrip = plan
        self.plan = None
        c = plan.counts()
        self.counts_label.setText(_("A list exported from OCOP Desktop on {date}: {updated} records will be "
                                    "updated; {conflicts} fields changed in the app since the export are conflicts "
                                    "and keep the app's value; {errors} rows with errors.").format(
            date=plan.exported_at.strftime("%d/%m/%Y %H:%M"), updated=c["updated"], conflicts=c["conflicts"],
            errors=c["errors"]))
        self.rt_model = RoundTripModel(plan)
        self.preview_view.setModel(self.rt_model)
        self.errors_only.setEnabled(False)
        self.errors_button.setEnabled(False)
        self._show(2)
        self.next_button.setEnabled(not c["errors"] and c["updated"] > 0)

    # -- step 2 ------------------------------------------------------------------------------
    def mapping(self) -> list[str]:
        return [c.currentData() for c in self._combos]

    def set_field(self, column: int, key: str) -> None:
        self._combos[column].setCurrentIndex(self._combos[column].findData(key))

    def _preview(self) -> None:
        from ocop_desktop.excel.import_run import set_mapping

        try:
            set_mapping(self.source, self.mapping())
        except KnownError as exc:
            show_known_error(self, exc, _("Import from Excel"))
            return
        source, db, pset = self.source, self.db, self.set_combo.currentData()

        def work(_ctx: ops.OpContext):  # noqa: ANN202 - parsing again after Back gives the same rows
            from ocop_desktop.excel.import_run import preview

            return preview(db, source, product_set=pset)

        ops.run_query(self, work, on_success=self._previewed, on_failure=self._fail, label=_("Checking the rows…"))

    def _previewed(self, plan) -> None:  # noqa: ANN001
        self.plan = plan
        self.preview_view.setModel(self.preview_model)
        self.errors_only.setEnabled(True)
        c = plan.counts()
        text = _("{rows} rows: {new} new products ({producers} new producers), {match} already in the database, "
                 "{errors} with errors; {results} historical results.").format(
            rows=format_number(c["rows"]), new=format_number(c["new"]), producers=format_number(c["producers_new"]),
            match=format_number(c["match"]), errors=format_number(c["error"]), results=format_number(c["results"]))
        if c["error"]:
            text += " " + _("Fix the rows with errors (save the error workbook, correct it in Excel and import it "
                            "again): nothing is imported while a row has an error.")
        self.counts_label.setText(text)
        self.errors_button.setEnabled(bool(c["error"]))
        self.errors_only.setChecked(bool(c["error"]))
        self.preview_model.set_rows(plan.rows, bool(c["error"]))
        self.preview_view.resizeColumnsToContents()
        self._show(2)

    def _save_errors(self, path: Path | None = None) -> None:
        if path is None:
            name, _f = QFileDialog.getSaveFileName(self, _("Save the error workbook"),
                                                   str(Path.home() / "loi_nhap_du_lieu.xlsx"), "Excel (*.xlsx)")
            if not name:
                return
            path = Path(name)
        plan = self.plan

        def work(_ctx: ops.OpContext):  # noqa: ANN202
            from ocop_desktop.excel.import_apply import write_error_workbook

            return write_error_workbook(plan, path)

        ops.run_query(self, work, on_success=lambda n: self.counts_label.setText(
            self.counts_label.text() + " " + _("Error workbook saved: {path}").format(path=path)),
            on_failure=self._fail)

    # -- step 3 ------------------------------------------------------------------------------
    def _apply(self) -> None:
        plan, db = self.plan, self.db
        self.next_button.setEnabled(False)
        if getattr(self, "roundtrip", None) is not None:
            rt_plan = self.roundtrip

            def update(_ctx: ops.OpContext):  # noqa: ANN202
                from ocop_desktop.excel.import_run import roundtrip_apply

                return roundtrip_apply(db, rt_plan)

            ops.run_write(self, update, on_success=self._applied, on_failure=self._apply_failed,
                          label=_("Importing…"))
            return

        def work(ctx: ops.OpContext):  # noqa: ANN202
            from ocop_desktop.excel.import_run import apply

            def progress(done: int, total: int) -> None:
                ctx.check_cancelled()  # raises: the transaction rolls back, nothing is written
                ctx.report(done, total, _("Importing row {done} of {total}…").format(
                    done=format_number(done), total=format_number(total)))

            return apply(db, plan, progress=progress)

        op = ops.run_write(self, work, on_success=self._applied, on_failure=self._apply_failed,
                           label=_("Importing…"), cancellable=True)
        # Cancelled: nothing was written (the transaction rolled back); Import may be pressed again.
        op.done.connect(lambda: self.next_button.setEnabled(self.stack.currentIndex() == 2))

    def _apply_failed(self, exc: BaseException) -> None:
        self.next_button.setEnabled(True)
        self._fail(exc)

    def _applied(self, result: dict) -> None:
        self.batch_id = result["batch_id"]
        if getattr(self, "roundtrip", None) is not None:
            self.done_label.setText(_("Updated {n} records from the exported list; {c} conflicts kept the app's "
                                      "value. The update can be undone while the records are not edited again.")
                                    .format(n=result["counts"]["updated"], c=result["counts"]["conflicts"]))
            self._show(3)
            self.imported.emit(self.batch_id)
            return
        created = result["counts"].get("created", {})
        self.done_label.setText(_("Imported {products} products, {producers} producers and {results} historical "
                                  "results. The whole import can be undone while its records are not edited.").format(
            products=format_number(created.get("product", 0)), producers=format_number(created.get("producer", 0)),
            results=format_number(created.get("evaluation", 0))))
        self.close_button.setText(_("Close"))
        self._show(3)
        self.imported.emit(self.batch_id)

    def _undo(self) -> None:
        db, batch = self.db, self.batch_id

        def work(_ctx: ops.OpContext):  # noqa: ANN202
            from ocop_desktop.excel.import_run import undo

            return undo(db, batch)

        def done(counts: dict) -> None:
            self.done_label.setText(_("The import was undone: {products} products and {producers} producers "
                                      "deleted.").format(products=counts["product"], producers=counts["producer"])
                                    if not counts.get("updated") else
                                    _("The update was undone: {n} records have their previous values back.").format(
                                        n=counts["updated"]))
            self.undo_button.setEnabled(False)
            self.undone.emit()

        ops.run_write(self, work, on_success=done, on_failure=self._fail, label=_("Undoing the import…"))


def open_import_wizard(db: Database, parent: QWidget | None, on_change=None) -> ImportWizard:  # noqa: ANN001
    """Open the wizard (non-blocking); ``on_change()`` after an import or an undo."""
    wizard = ImportWizard(db, parent)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    if on_change is not None:
        wizard.imported.connect(lambda _id: on_change())
        wizard.undone.connect(on_change)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    return wizard


def import_button(page) -> QPushButton:  # noqa: ANN001 - a RecordListPage
    """The list pages' "Import from Excel…" button: opens the wizard, reloads the lists after."""
    button = QPushButton(_("Import from Excel…"))
    button.setToolTip(_("Bring producers and products in from an Excel, ODS or CSV list"))

    def changed() -> None:
        page.reload()
        page.records_changed.emit()

    button.clicked.connect(lambda: open_import_wizard(page.db, page, changed))
    return button
