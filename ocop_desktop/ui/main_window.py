"""The main window: section navigation on the left, one page per section, status bar.

Pages are built the first time their section is shown (start-up builds only the
producer list), and list pages load their rows in a background op after they appear.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ocop_desktop import APP_NAME, __version__, paths
from ocop_desktop.domain.vocab import OFFICE_ROLE_LABELS, label
from ocop_desktop.i18n import N_, _, ngettext
from ocop_desktop.ui import ops, screen_fit
from ocop_desktop.ui.errors import show_info
from ocop_desktop.ui.screen_fit import ElidedLabel

if TYPE_CHECKING:
    from ocop_desktop.db import Database
    from ocop_desktop.services.office import OfficeInfo
    from ocop_desktop.ui.pages.record_list_page import RecordListPage

SECTIONS: tuple[tuple[str, str], ...] = (
    ("producers", N_("Producers")),
    ("products", N_("Products")),
    ("evaluations", N_("Evaluations")),
    ("certificates", N_("Certificates")),
    ("cycle", N_("OCOP cycle")),
    ("sync", N_("Sync")),
    ("reports", N_("Reports")),
    ("settings", N_("Settings")),
)
STATUS_MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    #: The window now works on another database (a backup was restored); the old one is closed.
    database_replaced = Signal(object)

    def __init__(self, db: Database, office: OfficeInfo | None = None, parent: QWidget | None = None, *,
                 autoload: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        self.autoload = autoload
        self.office = office
        self._pages: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(max(190, self.fontMetrics().horizontalAdvance("M") * 13))
        for key, title in SECTIONS:
            item = QListWidgetItem(_(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar()
        self.set_office(office)
        if office is None and db.office_id is not None and autoload:
            # Reading the office imports the ORM: do it after the window is up, off the GUI thread.
            QTimer.singleShot(0, self._load_office)
        if db.office_id is not None and autoload:
            QTimer.singleShot(0, self._load_sync_badge)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.setCurrentRow(0)
        self._restore_geometry()

    # -- actions and menus -------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], None], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(_("New record"), self.new_record, QKeySequence.StandardKey.New)
        self.find_action = self._action(_("Search"), self.focus_search, QKeySequence.StandardKey.Find)
        self.export_action = self._action(_("Export to Excel…"), self.export_excel, "Ctrl+E")
        self.backup_action = self._action(_("Back up now…"), self._back_up)
        self.restore_action = self._action(_("Restore from a backup…"), self.restore_backup)
        self.import_action = self._action(_("Import from Excel…"), self.import_excel)
        self.quit_action = self._action(_("Quit"), self.close, "Ctrl+Q")
        self.about_action = self._action(_("About OCOP Desktop"), self._about)
        self.keys_action = self._action(_("Keyboard shortcuts"), self.show_keyboard_help,
                                        QKeySequence.StandardKey.HelpContents)
        file_menu = self.menuBar().addMenu(_("&File"))
        for a in (self.new_action, self.find_action, self.export_action, None, self.import_action, None,
                  self.backup_action, self.restore_action, None, self.quit_action):
            if a is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(a)
        go_menu = self.menuBar().addMenu(_("&Go"))
        for i, (key, title) in enumerate(SECTIONS):
            go_menu.addAction(self._action(_(title), lambda _checked=False, k=key: self.show_section(k),
                                            f"Ctrl+{i + 1}"))
        self.guide_action = self._action(_("User guide"), self.show_guide)
        help_menu = self.menuBar().addMenu(_("&Help"))
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.keys_action)
        help_menu.addAction(self.about_action)
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            item.setToolTip(f"{item.text()} (Ctrl+{i + 1})")

    def _build_status_bar(self) -> None:
        # Office names may be long (255 characters): elided, the full text in the tooltip.
        self.office_label = ElidedLabel(max_hint_chars=48)
        self.role_label = ElidedLabel(max_hint_chars=40)
        self.db_label = QLabel()
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = self.statusBar()
        bar.addPermanentWidget(self.office_label)
        bar.addPermanentWidget(self.role_label)
        bar.addPermanentWidget(self.db_label)

    def _load_office(self) -> None:
        db = self.db

        def load(_ctx: ops.OpContext) -> OfficeInfo | None:
            from ocop_desktop.services.office import local_office

            with db.read_session() as s:
                return local_office(s)

        ops.run_query(self, load, on_success=self.set_office)

    def _load_sync_badge(self) -> None:
        db = self.db

        def count(_ctx: ops.OpContext) -> int:
            from ocop_desktop.sync.conflicts import count_open

            with db.read_session() as s:
                return count_open(s)

        ops.run_query(self, count, on_success=self.set_sync_badge)

    def set_sync_badge(self, open_conflicts: int) -> None:
        """The number of open sync conflicts next to "Sync" in the section list."""
        row = next(i for i, (k, _t) in enumerate(SECTIONS) if k == "sync")
        item = self.nav.item(row)
        title = _(SECTIONS[row][1])
        if open_conflicts:
            item.setText(_("{section} ({n})").format(section=title, n=open_conflicts))
            item.setToolTip(ngettext("{n} open conflict to resolve", "{n} open conflicts to resolve",
                                     open_conflicts).format(n=open_conflicts))
        else:
            item.setText(title)
            item.setToolTip("")

    def set_office(self, office: OfficeInfo | None) -> None:
        self.office = office
        if office is None:
            self.office_label.setText(_("Office not set up yet") if self.db.office_id is None else "")
            self.role_label.clear()
            self.setWindowTitle(APP_NAME)
        else:
            self.office_label.setText(_("Office: {name}").format(name=office.name))
            role = label(OFFICE_ROLE_LABELS, office.role)
            self.role_label.setText(_("Role: {role}, {province}").format(role=role, province=office.province_name))
            self.setWindowTitle(f"{office.name} — {APP_NAME}")
        path = str(self.db.path)
        shown = path if len(path) <= 60 else "…" + path[-57:]
        self.db_label.setText(_("Database: {path}").format(path=shown))
        self.db_label.setToolTip(path)

    # -- sections ------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = self._create_page(key)
            self.stack.addWidget(page)
        return page

    def _create_page(self, key: str) -> QWidget:
        if key == "producers":
            from ocop_desktop.ui.pages.producers_page import ProducersPage

            return self._wire_list(ProducersPage(self.db))
        if key == "products":
            from ocop_desktop.ui.pages.products_page import ProductsPage

            page = self._wire_list(ProductsPage(self.db))
            page.evaluate_requested.connect(self.evaluate_product)
            return page
        if key == "evaluations":
            from ocop_desktop.ui.pages.evaluations_page import EvaluationsPage

            return self._wire_list(EvaluationsPage(self.db))
        if key == "certificates":
            from ocop_desktop.ui.certificates.certificates_page import CertificatesPage

            return self._wire_list(CertificatesPage(self.db))
        if key == "cycle":
            from ocop_desktop.ui.cycle.cycle_page import CyclePage

            cycle = CyclePage(self.db, autoload=self.autoload)
            cycle.records_changed.connect(lambda p=cycle: self._records_changed(p))
            cycle.status_message.connect(self.show_status)
            return cycle
        if key == "sync":
            from ocop_desktop.ui.sync.sync_page import SyncPage

            sync = SyncPage(self.db, autoload=self.autoload)
            sync.status_message.connect(self.show_status)
            sync.records_changed.connect(lambda p=sync: self._records_changed(p))
            sync.conflicts_changed.connect(self.set_sync_badge)
            return sync
        if key == "reports":
            from ocop_desktop.ui.reports.reports_page import ReportsPage

            reports = ReportsPage(self.db, autoload=self.autoload)
            reports.drill.connect(self.show_records)
            reports.open_product.connect(self.open_product)
            reports.status_message.connect(self.show_status)
            reports.records_changed.connect(lambda p=reports: self._records_changed(p))
            return reports
        if key == "settings":
            from ocop_desktop.ui.pages.settings_page import SettingsPage

            page = SettingsPage(self.db)
            page.office_saved.connect(self._office_saved)
            page.status_message.connect(self.show_status)
            return page
        raise KeyError(key)

    def _wire_list(self, page: RecordListPage) -> RecordListPage:
        page.autoload = self.autoload
        page.records_changed.connect(lambda p=page: self._records_changed(p))
        page.status_message.connect(self.show_status)
        return page

    def show_section(self, key: str) -> QWidget:
        row = next(i for i, (k, _t) in enumerate(SECTIONS) if k == key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # → _nav_changed
        return self.page(key)

    def current_key(self) -> str:
        return SECTIONS[max(self.nav.currentRow(), 0)][0]

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(SECTIONS[row][0])
        self.stack.setCurrentWidget(page)
        is_list = hasattr(page, "new_record")
        self.new_action.setEnabled(is_list)
        self.find_action.setEnabled(is_list)
        self.export_action.setEnabled(hasattr(page, "export_excel"))

    def _records_changed(self, source: QWidget) -> None:
        for page in self._pages.values():
            if page is not source and hasattr(page, "mark_stale"):
                page.mark_stale()

    def _office_saved(self, info: OfficeInfo) -> None:
        self.set_office(info)
        for page in self._pages.values():
            if hasattr(page, "mark_stale"):
                page.mark_stale()  # commune filters follow the office's communes

    def show_records(self, kind: str, ids: object, what: str) -> QWidget:
        """The products or producers list showing only ``ids`` (the records behind a figure)."""
        page = self.show_section("products" if kind == "products" else "producers")
        page.show_only(ids, what)  # type: ignore[attr-defined]
        return page

    def open_product(self, product_id: str) -> None:
        """The product's dialog, from the dashboard's watch list; the lists reload after a save."""
        from ocop_desktop.ui.dialogs.product_dialog import ProductDialog
        from ocop_desktop.ui.pages.list_support import run_dialog

        if run_dialog(ProductDialog(self.db, product_id, parent=self)):
            self._records_changed(self.stack.currentWidget())

    def evaluate_product(self, product_id: str) -> None:
        """The product list's "Evaluate…": start an evaluation of that product."""
        self.show_section("evaluations").new_record(product_id=product_id)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    # -- commands --------------------------------------------------------------------------
    def new_record(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "new_record"):
            page.new_record()

    def focus_search(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "focus_search"):
            page.focus_search()

    def import_excel(self) -> QWidget:
        """File › Import from Excel…: the import wizard; every list reloads after an import."""
        from ocop_desktop.ui.import_wizard import open_import_wizard

        def changed() -> None:
            for page in self._pages.values():
                if hasattr(page, "mark_stale"):
                    page.mark_stale()
            current = self.stack.currentWidget()
            if hasattr(current, "reload"):
                current.reload()

        return open_import_wizard(self.db, self, changed)

    def export_excel(self) -> None:
        """Ctrl+E: the current list to an Excel file."""
        page = self.stack.currentWidget()
        if hasattr(page, "export_excel"):
            page.export_excel()

    def _back_up(self) -> None:
        page = self.show_section("settings")
        page.back_up()

    def restore_backup(self, path: Path | None = None) -> QObject:
        """File › Restore from a backup… (``path`` skips the file chooser); see :mod:`ui.restore`."""
        from ocop_desktop.ui.restore import RestoreFlow

        flow = self.restore_flow = RestoreFlow(self)
        flow.start(path)
        return flow

    def replace_database(self, db: Database) -> None:
        """Work on ``db`` from now on: the pages are built again on it, on the same section."""
        key = self.current_key()
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        self.db = db
        self.set_office(None)
        if db.office_id is not None and self.autoload:
            self._load_office()
            self._load_sync_badge()
        self._nav_changed(self.nav.currentRow())
        self.show_section(key)
        self.database_replaced.emit(db)

    def show_guide(self) -> QWidget:
        """Help › User guide: the Vietnamese guide shipped with the app, offline."""
        from ocop_desktop.ui.help_dialog import GuideDialog

        dialog = self.guide_dialog = GuideDialog(self)
        dialog.show()
        return dialog

    def show_keyboard_help(self) -> QWidget:
        from ocop_desktop.ui.dialogs.keyboard_help import KeyboardHelpDialog

        dialog = KeyboardHelpDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.keyboard_help = dialog
        dialog.open()
        return dialog

    def _about(self) -> None:
        show_info(self, _("OCOP Desktop {version}").format(version=__version__),
                  _("Offline records of OCOP producers and products for field and provincial offices."))

    # -- window state ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        # A geometry saved on a bigger screen, or by a window that was grown past the screen
        # (or left tiny), is not restored: 90 % of the screen (maximised on small ones) instead.
        screen_fit.restore_main_geometry(self, _window_settings().value("main_window/geometry"))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        settings = _window_settings()
        geometry = screen_fit.geometry_to_save(self)
        if geometry is None:
            settings.remove("main_window/geometry")
        else:
            settings.setValue("main_window/geometry", geometry)
        super().closeEvent(event)


def _window_settings() -> QSettings:
    """Window geometry only (preferences live in ``ocop_desktop.settings``)."""
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)
