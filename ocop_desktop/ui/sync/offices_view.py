"""The Sync overview: this office's identity and key, the registered offices (who last
synced when, what is pending), the bundle buttons, receipt confirmation and the history.

Rows load on the read thread (``ui.ops``). Office profiles: "Save office profile…" writes
this office's signed ``.ocopprofile`` to a folder or stick; "Import office profile…"
reads another office's and registers it only after the officer typed the fingerprint read
to them over the phone (:class:`FingerprintDialog`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _, format_number
from ocop_desktop.ui import errors as ui_errors
from ocop_desktop.ui import ops
from ocop_desktop.ui.sync.texts import kind_label, numbered, role_label, when
from ocop_desktop.ui.sync.widgets import (
    cell,
    fail,
    fit_columns,
    make_table,
    monospace,
    note,
    set_role,
)

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.sync.overview import BundleLog, PeerStatus


@dataclass(frozen=True)
class Overview:
    name: str
    role: str
    province: str
    fingerprint: str  # "" until the office has a key
    peers: list[PeerStatus]
    history: list[BundleLog]


@dataclass(frozen=True)
class Confirmed:
    log: BundleLog
    applied: int
    conflicts: int
    capped: bool


def load_overview(db: Database) -> Overview:
    from sqlalchemy import select

    from ocop_desktop.domain.geography import province
    from ocop_desktop.models import Office
    from ocop_desktop.sync import overview, profiles

    with db.read_session() as s:
        local = s.scalar(select(Office).where(Office.is_local.is_(True)))
        if local is None:
            return Overview("", "", "", "", [], [])
        key = profiles.current_key(s, local.id)
        prov = province(local.province_code)
        return Overview(local.name, local.role, prov.name if prov else "",
                        profiles.key_fingerprint(key) if key is not None and key.sign_private else "",
                        overview.peers(s), overview.history(s))


def ensure_key(db: Database) -> None:
    from ocop_desktop.sync import profiles

    with db.session() as s:
        profiles.ensure_local_keys(s)


def confirm_code(db: Database, code: str) -> Confirmed | None:
    from ocop_desktop.sync import overview

    with db.session() as s:
        found = overview.confirm_receipt(s, code)
    if found is None:
        return None
    log, r = found
    return Confirmed(log, r.applied, r.conflicts, r.applied_capped or r.conflicts_capped)


def profile_file_name(office_name: str) -> str:
    from ocop_desktop.sync.exporter import name_part
    from ocop_desktop.sync.profiles import SUFFIX

    return f"OCOP-{name_part(office_name)}{SUFFIX}"


def write_profile(db: Database, folder: Path) -> tuple[Path, str]:
    """This office's profile onto a stick or folder, written safely and read back."""
    from sqlalchemy import select

    from ocop_desktop import paths
    from ocop_desktop.models import Office
    from ocop_desktop.sync import profiles, usb

    with db.session() as s:
        data = profiles.export_profile(s)
        fingerprint = profiles.key_fingerprint(profiles.ensure_local_keys(s))
        name = s.scalar(select(Office.name).where(Office.is_local.is_(True))) or ""
    work = paths.office_files_dir(db.path) / "sync" / "outbox"
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        built = Path(tmp) / profile_file_name(name)
        built.write_bytes(data)

        def verify(written: Path) -> None:
            if profiles.read_profile(written.read_bytes()).fingerprint != fingerprint:
                raise BadInput(_("The copy on the stick differs from the profile."))

        final = usb.write_verified(Path(folder), built.name, built, verify)
    return final, fingerprint


def read_profile_file(path: Path) -> Any:
    from ocop_desktop.sync import profiles

    try:
        with open(path, "rb") as fh:
            data = fh.read(profiles.MAX_BYTES + 1)
    except OSError as exc:
        raise BadInput(_("The file {file} cannot be read: {reason}").format(file=path, reason=exc.strerror or exc)
                       ) from None
    return profiles.read_profile(data)


def register_profile(db: Database, profile: Any, fingerprint: str | None) -> Any:
    from ocop_desktop.sync import profiles

    with db.session() as s:
        return profiles.import_profile(s, profile, fingerprint=fingerprint)


class OverviewView(QWidget):
    """Signals:
        export_requested(object): the office id to export for (None: let the dialog choose).
        import_requested(): "Import bundles…".
        import_folder_requested(): "Import all bundles in a folder…".
        changed(): an office registered or a receipt confirmed.
        status_message(str)
    """

    export_requested = Signal(object)
    import_requested = Signal()
    import_folder_requested = Signal()
    changed = Signal()
    status_message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.data: Overview | None = None
        self.has_loaded = False
        #: The dialog last opened (tests drive it).
        self.dialog: QDialog | None = None
        self._ensuring_key = False
        self._split_sized = False

        # -- this office --
        identity = QGroupBox(_("This office"))
        self.name_label = QLabel()
        self.name_label.setProperty("role", "big")
        self.name_label.setWordWrap(True)
        self.role_label = note("", "plain")
        self.fingerprint_label = QLabel("…")
        self.fingerprint_label.setObjectName("fingerprint")
        self.fingerprint_label.setFont(monospace())
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fp_help = note(_("Key fingerprint. Other offices compare it, over the phone, when they register this "
                         "office."))
        self.save_profile_button = QPushButton(_("Save office profile…"))
        self.save_profile_button.setToolTip(_("Write this office's profile file (.ocopprofile) to a USB stick or "
                                              "folder, for another office to import"))
        self.import_profile_button = QPushButton(_("Import office profile…"))
        self.import_profile_button.setToolTip(_("Register another office from its profile file (.ocopprofile)"))
        self.save_profile_button.clicked.connect(lambda: self.save_profile())
        self.import_profile_button.clicked.connect(lambda: self.import_profile())
        il = QGridLayout(identity)
        il.addWidget(self.name_label, 0, 0, 1, 2)
        il.addWidget(self.role_label, 1, 0, 1, 2)
        il.addWidget(self.fingerprint_label, 2, 0, 1, 2)
        il.addWidget(fp_help, 3, 0, 1, 2)
        il.addWidget(self.save_profile_button, 4, 0)
        il.addWidget(self.import_profile_button, 4, 1)
        il.setColumnStretch(0, 1)
        il.setColumnStretch(1, 1)

        # -- bundles --
        bundles = QGroupBox(_("Bundles"))
        self.export_button = QPushButton(_("Export bundle…"))
        self.export_button.setToolTip(_("Write the changes another office has not acknowledged to a USB stick"))
        self.import_button = QPushButton(_("Import bundles…"))
        self.import_button.setToolTip(_("Choose one or more .ocopbundle files to import"))
        self.import_folder_button = QPushButton(_("Import all bundles in a folder…"))
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.selected_office_id()))
        self.import_button.clicked.connect(self.import_requested)
        self.import_folder_button.clicked.connect(self.import_folder_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.import_folder_button)
        buttons.addStretch(1)
        receipt_label = QLabel(_("Receipt code from the other office:"))
        self.receipt_edit = QLineEdit()
        self.receipt_edit.setFont(monospace(13))
        self.receipt_edit.setPlaceholderText(_("e.g. 7KQ2-M9XD-4H"))
        self.receipt_edit.setMaxLength(24)
        self.receipt_edit.setMinimumWidth(self.receipt_edit.fontMetrics().horizontalAdvance("M") * 20)
        receipt_label.setBuddy(self.receipt_edit)
        self.confirm_button = QPushButton(_("Confirm"))
        self.confirm_button.clicked.connect(lambda: self.confirm_receipt())
        self.receipt_edit.returnPressed.connect(self.confirm_button.click)
        receipt_row = QHBoxLayout()
        receipt_row.addWidget(self.receipt_edit)
        receipt_row.addWidget(self.confirm_button)
        receipt_row.addStretch(1)
        self.receipt_result = note("", "plain", selectable=True)
        receipt_help = note(_("After importing your bundle, the other office reads you a receipt code over the "
                              "phone: type it here to confirm the bundle arrived."))
        bl = QVBoxLayout(bundles)
        bl.addLayout(buttons)
        bl.addSpacing(6)
        bl.addWidget(receipt_label)
        bl.addLayout(receipt_row)
        bl.addWidget(self.receipt_result)
        bl.addWidget(receipt_help)
        bl.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(identity, 2)
        top.addWidget(bundles, 3)

        # -- offices --
        offices = QGroupBox(_("Registered offices"))
        self.offices_table = make_table(
            [_("Office"), _("Role"), _("Communes"), _("Last bundle received"), _("Last bundle sent"),
             _("Acknowledged"), _("Pending changes"), _("Missing photos")],
            stretch=0, name="officesTable")
        for col, tip in ((5, _("When the office last told us which of our changes it has")),
                         (6, _("Changes made here that the office has not acknowledged yet: the next bundle "
                               "carries them")),
                         (7, _("Photos the office told us it still lacks"))):
            self.offices_table.horizontalHeaderItem(col).setToolTip(tip)
        self.offices_table.doubleClicked.connect(lambda _i: self.export_requested.emit(self.selected_office_id()))
        self.offices_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.offices_table.customContextMenuRequested.connect(self._office_menu)
        self.no_offices = note(_("No other office is registered yet. Ask the other office for its profile file "
                                 "(.ocopprofile) and import it, or import a bundle it sent you."), "plain")
        ol = QVBoxLayout(offices)
        ol.addWidget(self.offices_table, 1)
        ol.addWidget(self.no_offices)

        # -- history --
        history = QGroupBox(_("Bundles written and read"))
        self.history_table = make_table(
            [_("Direction"), _("Office"), _("No."), _("Contents"), _("Date"), _("Records"), _("Conflicts"),
             _("Receipt code"), _("Confirmed")], stretch=1, name="historyTable")
        self.no_history = note(_("No bundle written or read yet."), "plain")
        hl = QVBoxLayout(history)
        hl.addWidget(self.history_table, 1)
        hl.addWidget(self.no_history)

        self.split = split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(offices)
        split.addWidget(history)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)

        self.setTabOrder(self.export_button, self.import_button)
        self.setTabOrder(self.import_button, self.import_folder_button)
        self.setTabOrder(self.import_folder_button, self.receipt_edit)
        self.setTabOrder(self.receipt_edit, self.confirm_button)
        self.setTabOrder(self.confirm_button, self.save_profile_button)
        self.setTabOrder(self.save_profile_button, self.import_profile_button)
        self.setTabOrder(self.import_profile_button, self.offices_table)
        self.setTabOrder(self.offices_table, self.history_table)

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> ops.Op:
        db = self.db
        return ops.run_query(self, lambda _ctx: load_overview(db), on_success=self._loaded)

    def _loaded(self, data: Overview) -> None:
        self.data = data
        self.has_loaded = True
        self.name_label.setText(data.name)
        self.role_label.setText(", ".join(x for x in (role_label(data.role), data.province) if x))
        if data.fingerprint:
            self.fingerprint_label.setText(data.fingerprint)
        elif data.name and not self._ensuring_key:
            # A database set up before offices had keys: make this office's key now.
            self._ensuring_key = True
            db = self.db
            ops.run_write(self, lambda _ctx: ensure_key(db), on_success=lambda _r: self.reload())
        self._fill_offices(data.peers)
        self._fill_history(data.history)

    def _fill_offices(self, peers: list[PeerStatus]) -> None:
        selected = self.selected_office_id()
        t = self.offices_table
        t.setRowCount(0)
        for p in peers:
            r = t.rowCount()
            t.insertRow(r)
            tip = _("{office}\nKey fingerprint: {fingerprint}").format(
                office=p.name, fingerprint=p.fingerprint or _("no key"))
            t.setItem(r, 0, cell(p.name, tooltip=tip, data=p.office_id))
            t.setItem(r, 1, cell(role_label(p.role)))
            t.setItem(r, 2, cell(format_number(p.commune_count), number=True))
            t.setItem(r, 3, cell(numbered(p.last_in_number, p.last_in_at)))
            t.setItem(r, 4, cell(numbered(p.last_out_number, p.last_out_at)))
            t.setItem(r, 5, cell(when(p.acked_at)))
            t.setItem(r, 6, cell(format_number(p.pending), number=True, bold=p.pending > 0))
            t.setItem(r, 7, cell(format_number(p.missing_photos) if p.missing_photos else "—", number=True))
            if p.office_id == selected:
                t.selectRow(r)
        fit_columns(t, max_width=320)
        t.setVisible(bool(peers))
        self.no_offices.setVisible(not peers)
        total = sum(self.split.sizes())
        if not self._split_sized and total > 0:
            # The offices list as tall as its rows (2 to 6), the history gets the rest.
            self._split_sized = True
            rows = max(2, min(t.rowCount(), 6))
            want = t.horizontalHeader().sizeHint().height() + rows * t.verticalHeader().defaultSectionSize() + 90
            self.split.setSizes([want, max(total - want, 120)])

    def _fill_history(self, logs: list[BundleLog]) -> None:
        t = self.history_table
        t.setRowCount(0)
        for b in logs:
            r = t.rowCount()
            t.insertRow(r)
            out = b.direction == "out"
            t.setItem(r, 0, cell("→ " + _("Sent") if out else "← " + _("Received"), tooltip=b.path or None))
            t.setItem(r, 1, cell(b.office_name, tooltip=b.office_name))
            t.setItem(r, 2, cell(str(b.number), number=True))
            t.setItem(r, 3, cell(kind_label(b.kind)))
            t.setItem(r, 4, cell(when(b.processed_at)))
            t.setItem(r, 5, cell(format_number(b.records), number=True))
            t.setItem(r, 6, cell(format_number(b.conflicts), number=True))
            code = cell(b.receipt or "—")
            code.setFont(monospace())
            t.setItem(r, 7, code)
            if out:
                confirmed = when(b.receipt_confirmed_at) if b.receipt_confirmed_at else _("Not yet")
            else:
                confirmed = _("(given by this office)")
            t.setItem(r, 8, cell(confirmed))
        fit_columns(t, max_width=320)
        t.setVisible(bool(logs))
        self.no_history.setVisible(not logs)

    def selected_office_id(self) -> str | None:
        rows = self.offices_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.offices_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _office_menu(self, pos: Any) -> None:
        item = self.offices_table.itemAt(pos)
        if item is None:
            return
        self.offices_table.selectRow(item.row())
        menu = QMenu(self)
        menu.addAction(_("Export bundle for this office…"), lambda: self.export_requested.emit(
            self.selected_office_id()))
        menu.exec(self.offices_table.viewport().mapToGlobal(pos))

    # -- receipts ----------------------------------------------------------------------------------
    def confirm_receipt(self, code: str | None = None) -> ops.Op | None:
        from ocop_desktop.sync.crypto import normalise_code
        from ocop_desktop.sync.receipt import LENGTH

        if code is not None:
            self.receipt_edit.setText(code)
        code = self.receipt_edit.text().strip()
        if len(normalise_code(code)) != LENGTH:
            self._receipt_said(_("A receipt code has {n} characters, like 7KQ2-M9XD-4H. Check what you typed.")
                               .format(n=LENGTH), "error")
            return None
        db = self.db
        self.confirm_button.setEnabled(False)

        def done(found: Confirmed | None) -> None:
            self.confirm_button.setEnabled(True)
            if found is None:
                self._receipt_said(_("The code {code} does not match any bundle sent from this office. A mistyped "
                                     "character is caught by the code's check characters: ask the other office to "
                                     "read it again.").format(code=code), "error")
                return
            b = found.log
            if found.capped:
                said = _("Confirmed: bundle No. {n} to {office}, written on {date}. {office} applied at least "
                         "{applied} records; at least {conflicts} conflicts.")
            else:
                said = _("Confirmed: bundle No. {n} to {office}, written on {date}. {office} applied {applied} "
                         "records; {conflicts} conflicts.")
            self._receipt_said(said.format(n=b.number, office=b.office_name, date=when(b.processed_at),
                                           applied=format_number(found.applied),
                                           conflicts=format_number(found.conflicts)), "success")
            self.receipt_edit.clear()
            self.status_message.emit(_("Receipt confirmed for bundle No. {n} to {office}.").format(
                n=b.number, office=b.office_name))
            self.changed.emit()
            self.reload()

        def failed(exc: BaseException) -> None:
            self.confirm_button.setEnabled(True)
            fail(self, exc)

        return ops.run_write(self, lambda _ctx: confirm_code(db, code), on_success=done, on_failure=failed)

    def _receipt_said(self, text: str, role: str) -> None:
        self.receipt_result.setText(text)
        set_role(self.receipt_result, role)

    # -- profiles ---------------------------------------------------------------------------------
    def save_profile(self, folder: Path | None = None) -> ops.Op | None:
        from ocop_desktop.ui.sync.widgets import start_folder

        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, _("Where to save this office's profile"), start_folder())
            if not chosen:
                return None
            folder = Path(chosen)
        db = self.db

        def done(result: tuple[Path, str]) -> None:
            path, fingerprint = result
            ui_errors.show_info(self, _("Office profile written to {path}").format(path=path),
                                _("Give it to the other office. When they import it, read them this fingerprint "
                                  "over the phone: {fingerprint}").format(fingerprint=fingerprint))

        return ops.run_write(self, lambda _ctx: write_profile(db, folder), on_success=done,
                             on_failure=lambda exc: fail(self, exc), label=_("Writing the office profile…"))

    def import_profile(self, path: Path | None = None) -> ops.Op | None:
        from ocop_desktop.ui.sync.widgets import start_folder

        if path is None:
            name, _filter = QFileDialog.getOpenFileName(self, _("Choose the other office's profile file"),
                                                        start_folder(),
                                                        _("OCOP office profile (*.ocopprofile);;All files (*)"))
            if not name:
                return None
            path = Path(name)
        try:
            profile = read_profile_file(path)
        except BadInput as exc:
            fail(self, exc)
            return None
        return self._register(profile, None)

    def _register(self, profile: Any, fingerprint: str | None) -> ops.Op:
        from ocop_desktop.sync.profiles import FingerprintNeeded

        db = self.db

        def done(result: Any) -> None:
            texts = {
                "registered": _("{office} is now registered: you can exchange bundles with it."),
                "updated": _("{office} updated from its profile."),
                "unchanged": _("{office}: nothing new in this profile."),
            }
            text = texts.get(result.status, texts["updated"]).format(office=result.name)
            self.status_message.emit(text)
            ui_errors.show_info(self, text, _("Fingerprint: {fingerprint}").format(fingerprint=result.fingerprint))
            self.changed.emit()
            self.reload()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, FingerprintNeeded):
                self._ask_fingerprint(profile, exc)
            else:
                fail(self, exc)

        return ops.run_write(self, lambda _ctx: register_profile(db, profile, fingerprint), on_success=done,
                             on_failure=failed)

    def _ask_fingerprint(self, profile: Any, exc: Any) -> QDialog:
        from ocop_desktop.ui.sync.fingerprint_dialog import FingerprintDialog

        dialog = FingerprintDialog(exc.office_name, exc.fingerprint, role=profile.role, reason=exc.message,
                                   parent=self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._register(profile, dialog.typed))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

