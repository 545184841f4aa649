"""Import one or several bundles: check each, show what it would change, apply on request.

For each file, one after another:

1. verify (write thread: a sender whose new key is endorsed by a key held here, or whose
   fingerprint the officer confirmed, is registered on the way). An unknown sender opens
   :class:`FingerprintDialog`; the officer types the fingerprint read over the phone and
   the file is verified again with it.
2. plan (read thread). An office restored from a backup asks for an explicit "Import
   anyway"; a bundle imported before is reported with its receipt.
3. the preview: records per type and class, warnings, conflicts. Nothing is written
   until "Import"; "Cancel" leaves the database as it was.
4. apply (write thread), then the receipt code to read to the sending office. Several
   files end on a summary: file, office, result or refusal, receipt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.ui import errors as ui_errors
from ocop_desktop.ui import ops
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.screen_fit import resize_within_screen
from ocop_desktop.ui.sync.texts import (
    class_header,
    class_help,
    display_value,
    field_label,
    kind_label,
    when,
)
from ocop_desktop.ui.sync.widgets import (
    STYLE,
    CodeField,
    cell,
    fail,
    fit_columns,
    fit_height,
    make_table,
    note,
    path_label,
)

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.sync.importer import ImportPlan, ImportReport, Verified

IMPORTED, ALREADY, REFUSED, SKIPPED, CANCELLED = "imported", "already", "refused", "skipped", "cancelled"
OWN = "own"  # this office's own outgoing bundle, found in a folder: left aside quietly
CHECKING, PREVIEW, RESULT, SUMMARY = range(4)


@dataclass
class FileOutcome:
    path: Path
    status: str
    message: str = ""
    office: str = ""
    receipt: str | None = None
    report: ImportReport | None = None


def _verify(db: Database, path: Path, fingerprint: str | None) -> Verified:
    from ocop_desktop.sync import importer

    return importer.verify_bundle(db, path, fingerprint=fingerprint)


def _plan(db: Database, verified: Verified, accept_restored: bool) -> ImportPlan:
    from ocop_desktop.sync import importer

    return importer.plan_import(db, verified, accept_restored=accept_restored)


def _apply(db: Database, plan: ImportPlan) -> ImportReport:
    from ocop_desktop.sync import importer

    return importer.apply_import(db, plan)


def bundle_files(folder: Path) -> list[Path]:
    """The bundles in a folder, in name order (sender, then bundle number); no hidden files."""
    return sorted((p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() == ".ocopbundle" and not p.name.startswith(".")),
                  key=lambda p: p.name.lower())


def applied_text(totals: dict[str, int], conflicts: int) -> str:
    from ocop_desktop.sync import merge

    applied = sum(totals.get(c, 0) for c in merge.WRITES)
    text = ngettext("{n} record added or updated", "{n} records added or updated", applied).format(
        n=format_number(applied))
    if conflicts:
        text += ", " + ngettext("{n} conflict", "{n} conflicts", conflicts).format(n=format_number(conflicts))
    return text


class ImportDialog(QDialog):
    """Call :meth:`start` after ``open()``.

    Signals:
        imported(object): an :class:`ImportReport`, after each bundle applied.
    """

    imported = Signal(object)

    def __init__(self, db: Database, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.paths = [Path(p) for p in paths]
        self.setWindowTitle(_("Import bundles"))
        self.setStyleSheet(STYLE)
        self.outcomes: list[FileOutcome] = []
        self.index = -1
        self.verified: Verified | None = None
        self.plan: ImportPlan | None = None
        self.fingerprint_dialog: QDialog | None = None
        self._closed = False
        self._busy = False
        self._stop = False
        self.stack = QStackedWidget()
        for build in (self._build_checking, self._build_preview, self._build_result, self._build_summary):
            self.stack.addWidget(build())
        lay = QVBoxLayout(self)
        lay.addWidget(self.stack)
        fm = self.fontMetrics()
        resize_within_screen(self, min(1180, fm.horizontalAdvance("M") * 100), min(700, fm.lineSpacing() * 44))

    @property
    def several(self) -> bool:
        return len(self.paths) > 1

    @property
    def current(self) -> Path:
        return self.paths[self.index]

    def _position(self) -> str:
        if not self.several:
            return self.current.name
        return _("Bundle {i} of {n}: {file}").format(i=self.index + 1, n=len(self.paths), file=self.current.name)

    # -- pages -------------------------------------------------------------------------------
    def _build_checking(self) -> QWidget:
        page = QWidget()
        self.checking_label = note("", "plain")
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        box = QDialogButtonBox()
        self.stop_button = QPushButton(_("Cancel"))
        box.addButton(self.stop_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.stop_button.clicked.connect(self.reject)
        lay = QVBoxLayout(page)
        lay.addStretch(1)
        lay.addWidget(self.checking_label)
        lay.addWidget(bar)
        lay.addStretch(2)
        lay.addWidget(box)
        return page

    def _build_preview(self) -> QWidget:
        from ocop_desktop.sync import merge

        page = self.preview_page = QWidget()
        self.position_label = note("")
        self.title_label = QLabel()
        self.title_label.setProperty("role", "big")
        self.title_label.setWordWrap(True)
        self.meta_label = note("", "plain")
        self.totals_label = note("", "plain")
        headers = [_("Record type"), *(class_header(c) for c in merge.CLASSES), _("Records in all")]
        self.class_table = make_table(headers, stretch=0, name="classTable")
        for i, c in enumerate(merge.CLASSES, start=1):
            self.class_table.horizontalHeaderItem(i).setToolTip(class_help(c))
        self.warnings_label = note("", "warning")
        self.conflicts_box = QGroupBox(_("Conflicts"))
        self.conflict_table = make_table([_("Record type"), _("Record"), _("Field"), _("Value kept for now"),
                                          _("Other value")], stretch=4, name="previewConflicts")
        conflicts_note = note(_("Nothing is lost: after the import, choose the right value in the Conflicts tab."))
        cl = QVBoxLayout(self.conflicts_box)
        cl.addWidget(self.conflict_table, 1)
        cl.addWidget(conflicts_note)

        box = QDialogButtonBox()
        self.import_button = QPushButton(_("Import"))
        self.import_button.setDefault(True)
        self.skip_button = QPushButton(_("Skip this bundle"))
        self.cancel_button = QPushButton(_("Cancel"))
        box.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.skip_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.apply)
        self.skip_button.clicked.connect(self.skip)
        self.cancel_button.clicked.connect(self.reject)

        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.position_label)
        lay.addWidget(self.title_label)
        lay.addWidget(self.meta_label)
        lay.addWidget(self.totals_label)
        lay.addWidget(self.class_table)
        lay.addWidget(self.warnings_label)
        lay.addWidget(self.conflicts_box, 1)
        lay.addStretch(0)
        lay.addWidget(box)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget()
        self.result_title = QLabel()
        self.result_title.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.result_title.setObjectName("doneTitle")
        self.result_title.setWordWrap(True)
        self.receipt_field = CodeField()
        self.copy_button = QPushButton(_("Copy"))
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.receipt_field.text()))
        code_row = QHBoxLayout()
        code_row.addWidget(self.receipt_field)
        code_row.addWidget(self.copy_button)
        code_row.addStretch(1)
        read_it = note(_("Read this code to the sending office over the phone: it tells them that the bundle "
                         "arrived and what was applied."), "plain")
        self.result_summary = note("", "plain")
        self.result_warnings = note("", "warning")
        self.report_label = path_label("")
        form = QFormLayout()
        form.addRow(_("Receipt code:"), code_row)
        form.addRow("", read_it)
        form.addRow(_("Result:"), self.result_summary)
        form.addRow(_("Report saved:"), self.report_label)
        box = QDialogButtonBox()
        self.result_close = QPushButton(_("Close"))
        box.addButton(self.result_close, QDialogButtonBox.ButtonRole.AcceptRole)
        self.result_close.clicked.connect(self.accept)
        lay = QVBoxLayout(page)
        lay.addStretch(1)
        lay.addWidget(self.result_title)
        lay.addSpacing(12)
        lay.addLayout(form)
        lay.addWidget(self.result_warnings)
        lay.addStretch(2)
        lay.addWidget(box)
        return page

    def _build_summary(self) -> QWidget:
        page = QWidget()
        title = QLabel(_("Bundles processed"))
        title.setProperty("role", "big")
        self.summary_table = make_table([_("File"), _("Office"), _("Result"), _("Receipt code")], stretch=2,
                                        name="summaryTable")
        self.summary_table.setWordWrap(True)
        self.summary_note = note("", "plain")
        box = QDialogButtonBox()
        self.summary_close = QPushButton(_("Close"))
        box.addButton(self.summary_close, QDialogButtonBox.ButtonRole.AcceptRole)
        self.summary_close.clicked.connect(self.accept)
        lay = QVBoxLayout(page)
        lay.addWidget(title)
        lay.addWidget(self.summary_table, 1)
        lay.addWidget(self.summary_note)
        lay.addWidget(box)
        return page

    # -- the flow ------------------------------------------------------------------------------
    def start(self) -> None:
        self._next()

    def _next(self) -> None:
        self._release()
        self.index += 1
        if self.index >= len(self.paths):
            self._finish()
            return
        self._verify(None)

    def _verify(self, fingerprint: str | None) -> None:
        db, path = self.db, self.current
        self.checking_label.setText(_("Checking {file}…").format(file=self._position()))
        self.stack.setCurrentIndex(CHECKING)
        self.stop_button.setEnabled(True)
        self._busy = True
        ops.run_write(self, lambda _ctx: _verify(db, path, fingerprint), on_success=self._verified,
                      on_failure=self._refused)

    def _verified(self, verified: Verified) -> None:
        self.verified = verified
        if self._stopped():
            return
        self._plan(False)

    def _plan(self, accept_restored: bool) -> None:
        db, verified = self.db, self.verified
        self._busy = True
        ops.run_query(self, lambda _ctx: _plan(db, verified, accept_restored), on_success=self._planned,
                      on_failure=self._refused)

    def _planned(self, plan: ImportPlan) -> None:
        if self._stopped():
            return
        self.plan = plan
        self._show_preview(plan)

    def _refused(self, exc: BaseException) -> None:
        from ocop_desktop.sync import importer

        if self._stopped():
            return
        path = self.current
        office = self.verified.sender_name if self.verified is not None else ""
        if isinstance(exc, importer.UnknownSender):
            self._ask_fingerprint(exc)
            return
        if isinstance(exc, importer.RestoredOffice):
            if messages.ask(self, _("Office restored from a backup"), exc.message,
                            yes=_("Import anyway"), no=_("Do not import"), details=exc.hint or ""):
                self._plan(True)
                return
            self._record(FileOutcome(path, REFUSED, exc.message, office))
            return
        if isinstance(exc, importer.AlreadyImported):
            text = exc.message
            if exc.receipt:
                text += " " + _("Its receipt code was {code}.").format(code=exc.receipt)
            if not self.several:
                ui_errors.show_info(self, text)
            self._record(FileOutcome(path, ALREADY, text, office, exc.receipt))
            return
        if self.several and getattr(exc, "code", None) == "own_bundle":
            self._record(FileOutcome(path, OWN, exc.message, office))
            return
        if isinstance(exc, KnownError):
            message = exc.message + (" " + exc.hint if exc.hint else "")
            if not self.several:
                fail(self, exc)
            self._record(FileOutcome(path, REFUSED, message, office))
            return
        fail(self, exc)  # a bug: the crash dialog, and the other files go on
        self._record(FileOutcome(path, REFUSED, _("Unexpected error: see the error report."), office))

    def _ask_fingerprint(self, exc: Any) -> None:
        from ocop_desktop.ui.sync.fingerprint_dialog import FingerprintDialog

        dialog = FingerprintDialog(exc.office_name, exc.fingerprint, reason=exc.message, parent=self)
        self.fingerprint_dialog = dialog
        path = self.current

        def answered(result: int) -> None:
            self.fingerprint_dialog = None
            dialog.deleteLater()
            if self._closed:
                return
            if result == QDialog.DialogCode.Accepted:
                self._verify(dialog.typed)
            elif self.several:
                self._record(FileOutcome(path, REFUSED, _("Not imported: the sending office's fingerprint was "
                                                          "not confirmed."), exc.office_name))
            else:
                self.reject()

        dialog.finished.connect(answered)
        dialog.open()

    def _record(self, outcome: FileOutcome) -> None:
        """One file done: on to the next (several files) or close (one file, nothing to show)."""
        self.outcomes.append(outcome)
        if self.several:
            self._next()
        else:
            self._release()
            self.done(QDialog.DialogCode.Rejected)

    # -- preview ---------------------------------------------------------------------------------
    def _show_preview(self, plan: ImportPlan) -> None:
        from ocop_desktop.sync import merge, records
        from ocop_desktop.sync.importer import ConflictRow

        m = plan.verified.manifest
        self.position_label.setText(self._position())
        self.position_label.setVisible(self.several)
        self.title_label.setText(_("Bundle No. {n} from {office}").format(n=m["number"],
                                                                         office=plan.verified.sender_name))
        created = _parse_time(m.get("created_at"))
        meta = [kind_label(m.get("kind", "")), _("made on {date} (sender's clock)").format(date=when(created))]
        photos = m.get("photos") or {}
        carried, later = photos.get("included", 0), len(photos.get("deferred") or [])
        if carried or later:
            meta.append(_("photos: {carried} carried, {later} to follow").format(carried=carried, later=later))
        self.meta_label.setText(" · ".join(meta))
        totals = plan.totals
        nothing = sum(totals[c] for c in merge.CLASSES if c not in merge.WRITES)
        text = applied_text(totals, len(plan.conflict_rows))
        if nothing:
            text += "; " + _("{n} already here or older (nothing to do)").format(n=format_number(nothing))
        self.totals_label.setText(_("If you import it: {what}.").format(what=text))

        t = self.class_table
        t.setRowCount(0)
        grey = QBrush(QColor("#9aa0a6"))
        for table in records.TABLES:
            self._class_row(_(table.label), plan.counts.get(table.name, {}), grey)
        self._class_row(_("All record types"), totals, grey, bold=True)
        fit_columns(t)
        fit_height(t)

        self.warnings_label.setText("\n".join("⚠ " + w for w in plan.warnings))
        self.warnings_label.setVisible(bool(plan.warnings))
        rows: list[ConflictRow] = plan.conflict_rows
        ct = self.conflict_table
        ct.setRowCount(0)
        for c in rows:
            r = ct.rowCount()
            ct.insertRow(r)
            label = records.BY_NAME[c.table].label if c.table in records.BY_NAME else c.table
            deleted = c.field == "deleted"
            kept = _("The record stays (it was edited)") if deleted else display_value(c.field, c.kept_value)
            other = _("Deleted") if deleted else display_value(c.field, c.other_value)
            ct.setItem(r, 0, cell(_(label)))
            ct.setItem(r, 1, cell(c.record_label, tooltip=c.record_label))
            ct.setItem(r, 2, cell(_("Deletion") if deleted else field_label(c.field)))
            ct.setItem(r, 3, cell(kept, tooltip=kept))
            ct.setItem(r, 4, cell(other, tooltip=other))
        fit_columns(ct)
        self.conflicts_box.setTitle(ngettext("{n} conflict", "{n} conflicts", len(rows)).format(n=len(rows)))
        self.conflicts_box.setVisible(bool(rows))
        self.preview_page.layout().setStretch(self.preview_page.layout().count() - 2, 0 if rows else 1)
        self.skip_button.setVisible(self.several)
        self.cancel_button.setText(_("Cancel all") if self.several else _("Cancel"))
        self.import_button.setEnabled(True)
        self.stack.setCurrentIndex(PREVIEW)
        self.import_button.setFocus()

    def _class_row(self, label: str, counts: dict[str, int], grey: QBrush, *, bold: bool = False) -> None:
        from ocop_desktop.sync import merge

        t = self.class_table
        r = t.rowCount()
        t.insertRow(r)
        t.setItem(r, 0, cell(label, bold=bold))
        for i, c in enumerate((*merge.CLASSES, None), start=1):
            n = sum(counts.get(k, 0) for k in merge.CLASSES) if c is None else counts.get(c, 0)
            item = cell(format_number(n), number=True, bold=bold or (c is None))
            if n == 0:
                item.setForeground(grey)
            elif c == "conflict":
                item.setForeground(QBrush(QColor("#b3261e")))
            t.setItem(r, i, item)

    # -- apply -----------------------------------------------------------------------------------
    def apply(self) -> ops.Op | None:
        plan, db = self.plan, self.db
        if plan is None or self._busy:
            return None
        self._busy = True
        for b in (self.import_button, self.skip_button, self.cancel_button):
            b.setEnabled(False)
        return ops.run_write(self, lambda _ctx: _apply(db, plan), on_success=self._applied,
                             on_failure=self._apply_failed,
                             label=_("Importing the bundle from {office}…").format(office=plan.verified.sender_name))

    def _apply_failed(self, exc: BaseException) -> None:
        self._busy = False
        for b in (self.import_button, self.skip_button, self.cancel_button):
            b.setEnabled(True)
        office = self.plan.verified.sender_name if self.plan else ""
        self.plan = None
        if isinstance(exc, KnownError) and self.several:
            self._record(FileOutcome(self.current, REFUSED, exc.message, office))
            return
        fail(self, exc)
        self._record(FileOutcome(self.current, REFUSED, str(getattr(exc, "message", exc)), office))

    def _applied(self, report: ImportReport) -> None:
        self._busy = False
        self.plan = None
        outcome = FileOutcome(self.current, IMPORTED, applied_text(report.totals, len(report.conflicts)),
                              report.sender_name, report.receipt, report)
        self.outcomes.append(outcome)
        self.imported.emit(report)
        if self.several:
            self._next()
            return
        self._release()
        self._show_result(report)

    def _show_result(self, report: ImportReport) -> None:
        self.result_title.setText(_("Imported: bundle No. {n} from {office}").format(n=report.number,
                                                                                  office=report.sender_name))
        self.receipt_field.setText(report.receipt or "")
        summary = applied_text(report.totals, len(report.conflicts))
        if report.conflicts:
            summary += ". " + _("Choose the right values in the Conflicts tab.")
        if report.photos_added or report.photos_deferred:
            summary += "\n" + _("Photos: {added} added, {later} still to come.").format(
                added=report.photos_added, later=report.photos_deferred)
        self.result_summary.setText(summary)
        self.result_warnings.setText("\n".join("⚠ " + w for w in report.warnings))
        self.result_warnings.setVisible(bool(report.warnings))
        self.report_label.setText(str(report.report_path or _("(not saved: see the history)")))
        self.stack.setCurrentIndex(RESULT)
        self.receipt_field.setFocus()
        self.receipt_field.setCursorPosition(0)

    def skip(self) -> None:
        if self._busy:
            return
        office = self.plan.verified.sender_name if self.plan else ""
        self.plan = None
        self._record(FileOutcome(self.current, SKIPPED, _("Skipped: nothing was imported."), office))

    # -- the end -----------------------------------------------------------------------------------
    def _finish(self) -> None:
        if not self.several:
            self.accept()
            return
        texts = {IMPORTED: _("Imported: {what}"), ALREADY: "{what}", REFUSED: _("Refused: {what}"),
                 SKIPPED: "{what}", CANCELLED: "{what}"}
        t = self.summary_table
        t.setRowCount(0)
        for o in self.outcomes:
            if o.status == OWN:
                continue
            r = t.rowCount()
            t.insertRow(r)
            result = texts[o.status].format(what=o.message)
            t.setItem(r, 0, cell(o.path.name, tooltip=str(o.path)))
            t.setItem(r, 1, cell(o.office))
            item = cell(result, tooltip=result)
            if o.status == REFUSED:
                item.setForeground(QBrush(QColor("#b3261e")))
            t.setItem(r, 2, item)
            t.setItem(r, 3, cell(o.receipt or "", bold=True))
        fit_columns(t, max_width=300)
        t.resizeRowsToContents()
        notes = []
        if any(o.status == IMPORTED for o in self.outcomes):
            notes.append(_("Read each receipt code to the office that sent the bundle."))
        own = sum(1 for o in self.outcomes if o.status == OWN)
        if own:
            notes.append(ngettext("{n} bundle in the folder was exported by this office itself (to be taken to "
                                  "another office); it was left as it is.",
                                  "{n} bundles in the folder were exported by this office itself (to be taken to "
                                  "other offices); they were left as they are.", own).format(n=format_number(own)))
        self.summary_note.setText("\n".join(notes))
        self.summary_note.setVisible(bool(notes))
        self.stack.setCurrentIndex(SUMMARY)
        self.summary_close.setFocus()

    def _release(self) -> None:
        """Close the bundle file (it may be on a stick the officer wants to pull out)."""
        if self.verified is not None:
            self.verified.close()
            self.verified = None
        self.plan = None

    def reject(self) -> None:
        """Cancel: nothing more is written. With several files, the summary says what was done."""
        applying = self._busy and self.stack.currentIndex() == PREVIEW
        if applying:
            return  # the import runs to its end (all or nothing); the buttons are disabled meanwhile
        if self._closed or self.stack.currentIndex() == SUMMARY or not self.several:
            self._close()
            super().reject()
            return
        if self._busy:  # checking a file: stop once that step has ended
            self._stop = True
            self.stop_button.setEnabled(False)
            return
        self._cancel_rest()

    def _cancel_rest(self) -> None:
        office = self.plan.verified.sender_name if self.plan else ""
        self._release()
        self.outcomes.append(FileOutcome(self.current, CANCELLED, _("Cancelled: nothing was imported."), office))
        for path in self.paths[self.index + 1:]:
            self.outcomes.append(FileOutcome(path, CANCELLED, _("Not imported (cancelled).")))
        self.index = len(self.paths)
        self._finish()

    def _stopped(self) -> bool:
        """After a step: True when the dialog was closed or "Cancel" pressed meanwhile."""
        self._busy = False
        if self._closed:
            self._release()
            return True
        if self._stop:
            self._cancel_rest()
            return True
        return False

    def accept(self) -> None:
        self._close()
        super().accept()

    def _close(self) -> None:
        self._closed = True
        self._release()


def _parse_time(text: Any) -> Any:
    import datetime as dt

    if not isinstance(text, str):
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
