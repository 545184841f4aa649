"""Dialogs of the relay strip on the Sync page.

- :class:`RelaySettingsDialog`: the relay's address, its certificate pin, plain HTTP (an
  explicit choice), automatic sync every N minutes and automatic import of bundles
  without conflicts. Bad values are refused under their field; nothing is saved then.
- :class:`RelayOfficesDialog` (provincial office): the offices registered on the relay;
  register one from its office profile file, or remove one (its key stops working).
  Every call runs in a worker; the list reloads afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.ui import ops
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.dialogs.fields import INVALID_STYLE, FieldBox, set_invalid
from ocop_desktop.ui.sync.texts import role_label
from ocop_desktop.ui.sync.widgets import (
    STYLE,
    cell,
    fail,
    fit_columns,
    make_table,
    note,
    start_folder,
)

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.relay.config import RelayConfig


def save_settings(db: Database, url: str, pin: str, insecure: bool, minutes: int, auto_apply: bool) -> RelayConfig:
    """Check and save (worker). BadInput names the field in ``hint`` ('url' | 'pin')."""
    from ocop_desktop.relay import config

    try:
        pin = config.normalise_pin(pin)
    except BadInput as exc:
        raise BadInput(exc.message, hint="pin") from None
    try:
        url = config.check_url(url, insecure_http=insecure, pin=pin) if url.strip() else ""
    except BadInput as exc:
        raise BadInput(exc.message + (" " + exc.hint if exc.hint else ""), hint="url") from None
    with db.session() as s:
        cfg = config.load(s)
        changed_address = (cfg.url, cfg.pin, cfg.insecure_http) != (url, pin, insecure)
        cfg.url, cfg.pin, cfg.insecure_http = url, pin, insecure
        cfg.auto_minutes, cfg.auto_apply = minutes, auto_apply
        if changed_address:
            cfg.from_profile = False
            cfg.last_error = ""
        config.save(s, cfg)
        return cfg


class RelaySettingsDialog(QDialog):
    saved = Signal(object)

    def __init__(self, db: Database, cfg: RelayConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Relay settings"))
        self.setStyleSheet(STYLE + INVALID_STYLE)
        self.url = QLineEdit(cfg.url)
        self.url.setPlaceholderText("https://relay.caobang.gov.vn:8443")
        self.pin = QLineEdit(cfg.pin)
        self.pin.setPlaceholderText(_("64 hexadecimal characters"))
        self.insecure = QCheckBox(_("Allow plain HTTP (unencrypted; only on an office network)"))
        self.insecure.setChecked(cfg.insecure_http)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 1440)
        self.minutes.setValue(cfg.auto_minutes)
        self.minutes.setSpecialValueText(_("Off"))
        self.minutes.setSuffix(_(" min"))
        self.auto_apply = QCheckBox(_("Import bundles without conflicts without asking"))
        self.auto_apply.setChecked(cfg.auto_apply)
        self.url_box = FieldBox(self.url, hint=_("The address the provincial office gave (it usually comes "
                                                 "with the province's profile)."))
        self.pin_box = FieldBox(self.pin, hint=_("SHA-256 of the relay certificate's key, from the provincial "
                                                 "IT officer; the connection is refused when it does not match."))
        form = QFormLayout()
        form.addRow(_("Relay address"), self.url_box)
        form.addRow(_("Certificate pin"), self.pin_box)
        form.addRow("", self.insecure)
        form.addRow(_("Automatic sync every"), FieldBox(self.minutes, hint=_(
            "Tries in the background while the app is open; Off: only when you press the button.")))
        form.addRow("", self.auto_apply)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def save(self) -> None:
        for box in (self.url_box, self.pin_box):
            box.error.hide()
            set_invalid(box.field, False)
        args = (self.url.text(), self.pin.text(), self.insecure.isChecked(), self.minutes.value(),
                self.auto_apply.isChecked())
        self.buttons.setEnabled(False)
        ops.run_write(self, lambda _ctx: save_settings(self.db, *args), on_success=self._saved,
                      on_failure=self._refused)

    def _saved(self, cfg: RelayConfig) -> None:
        self.saved.emit(cfg)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, BadInput) and exc.hint in ("url", "pin"):
            box = self.url_box if exc.hint == "url" else self.pin_box
            box.error.setText(exc.message)
            box.error.show()
            set_invalid(box.field, True)
            box.field.setFocus()
            return
        fail(self, exc)


def _relay_call(db: Database, fn: Any) -> Any:
    from ocop_desktop.relay import exchange
    from ocop_desktop.relay.client import Retry

    with exchange.client_for(db, retry=Retry(budget=20)) as c:
        return fn(c)


def _register_file(db: Database, path: Path) -> Any:
    from ocop_desktop.sync import profiles

    try:
        data = path.read_bytes()[:profiles.MAX_BYTES + 1]
    except OSError as exc:
        raise BadInput(_("The file {path} could not be read: {reason}").format(path=path,
                                                                              reason=exc.strerror)) from None
    profiles.read_profile(data)  # a clear message here before the relay says the same
    return _relay_call(db, lambda c: (c.register(data), c.offices())[1])


class RelayOfficesDialog(QDialog):
    """The provincial office's view of the relay's offices."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Offices on the relay"))
        self.setStyleSheet(STYLE)
        self.table = make_table([_("Office"), _("Role"), _("State"), _("Bundles waiting")], stretch=0,
                                name="relayOffices")
        self.message = note("")
        self.add_btn = QPushButton(_("Register an office from its profile file…"))
        self.remove_btn = QPushButton(_("Remove from the relay"))
        self.remove_btn.setEnabled(False)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        self.add_btn.clicked.connect(lambda: self.register())
        self.remove_btn.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._selection)
        row = QHBoxLayout()
        row.addWidget(self.add_btn)
        row.addWidget(self.remove_btn)
        row.addStretch(1)
        row.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(note(_("Offices the relay knows by their key. A removed office can no longer send or fetch "
                             "bundles until it is registered again.")))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.message)
        lay.addLayout(row)
        self.offices: list[dict[str, Any]] = []
        self.resize(760, 420)

    def reload(self) -> ops.Op:
        self.message.setText(_("Asking the relay…"))
        return ops.run_query(self, lambda _ctx: _relay_call(self.db, lambda c: c.offices()), on_success=self._show,
                             on_failure=self._failed)

    def _show(self, offices: list[dict[str, Any]]) -> None:
        self.offices = [o for o in offices if not o["removed"]] + [o for o in offices if o["removed"]]
        self.table.setRowCount(len(self.offices))
        for i, o in enumerate(self.offices):
            self.table.setItem(i, 0, cell(o["name"], data=o["office_id"]))
            self.table.setItem(i, 1, cell(role_label(o["role"])))
            self.table.setItem(i, 2, cell(_("Removed") if o["removed"] else _("Registered")))
            self.table.setItem(i, 3, cell(str(o["waiting"]), number=True))
        fit_columns(self.table)
        self.message.setText(_("{n} offices registered on the relay.").format(
            n=sum(1 for o in self.offices if not o["removed"])))

    def _failed(self, exc: BaseException) -> None:
        self.message.setText("")
        fail(self, exc)

    def _selection(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        ok = len(rows) == 1 and not self.offices[next(iter(rows))]["removed"] and \
            self.offices[next(iter(rows))]["role"] != "province"
        self.remove_btn.setEnabled(ok)

    def register(self, path: Path | None = None) -> ops.Op | None:
        if path is None:
            name, _f = QFileDialog.getOpenFileName(self, _("Choose the office profile"), start_folder(),
                                                   _("OCOP office profiles (*.ocopprofile);;All files (*)"))
            if not name:
                return None
            path = Path(name)
        return ops.run_query(self, lambda _ctx: _register_file(self.db, path), on_success=self._show,
                             on_failure=self._failed)

    def remove_selected(self) -> ops.Op | None:
        rows = {i.row() for i in self.table.selectedItems()}
        if len(rows) != 1:
            return None
        office = self.offices[next(iter(rows))]
        oid = office["office_id"]
        if not messages.ask(self, _("Remove from the relay"), _(
                "Remove {office} from the relay? Its key stops working there and the bundles waiting for it on the "
                "relay are deleted (they stay on the sending offices, which can send them again).").format(
                    office=office["name"]), yes=_("Remove"), no=_("Cancel")):
            return None
        return ops.run_query(self, lambda _ctx: _relay_call(self.db, lambda c: (c.remove(oid), c.offices())[1]),
                             on_success=self._show, on_failure=self._failed)
