"""The four pages of the import wizard (:mod:`ocop_desktop.ui.import_wizard`): file and sheet,
column mapping, preview, done. Mixed into :class:`~ocop_desktop.ui.import_wizard.ImportWizard`,
whose handlers (``_load_sheets``, ``_browse``, ``_save_errors``, ``_undo``) the buttons call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.domain import product_sets
from ocop_desktop.i18n import _
from ocop_desktop.ui.import_models import PreviewModel


class ImportPages:
    def _file_page(self) -> QWidget:
        w = QWidget()
        intro = QLabel(_("Choose a list of producers and products kept in Excel (.xlsx, .xls), LibreOffice (.ods) "
                         "or CSV. Title rows, two-row headers, group rows, merged cells and old TCVN3/VNI fonts "
                         "are handled; nothing is written before you confirm the preview."))
        intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("Path of the workbook"))
        self.path_edit.editingFinished.connect(self._load_sheets)
        browse = QPushButton(_("Choose a file…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.sheet_combo = QComboBox()
        self.file_message = QLabel()
        self.file_message.setWordWrap(True)
        self.file_message.setObjectName("fieldError")
        form = QFormLayout()
        form.addRow(_("File"), row)
        form.addRow(_("Sheet"), self.sheet_combo)
        lay = QVBoxLayout(w)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.file_message)
        lay.addStretch(1)
        return w

    def _mapping_page(self) -> QWidget:
        w = QWidget()
        self.mapping_intro = QLabel()
        self.mapping_intro.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels([_("Column in the file"), _("First values"), _("Field")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.verticalHeader().setVisible(False)
        self.set_combo = QComboBox()
        self.set_combo.addItem(_("(no default: the file says the set)"), None)
        for ps in product_sets.BY_NUMBER.values():
            self.set_combo.addItem(ps.label(), ps.number)
        form = QFormLayout()
        form.addRow(_("Product set for rows without one"), self.set_combo)
        lay = QVBoxLayout(w)
        lay.addWidget(self.mapping_intro)
        lay.addWidget(self.mapping_table, 1)
        lay.addLayout(form)
        return w

    def _preview_page(self) -> QWidget:
        w = QWidget()
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.errors_only = QCheckBox(_("Only rows with errors"))
        self.errors_button = QPushButton(_("Save the error workbook…"))
        self.errors_button.clicked.connect(self._save_errors)
        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.errors_only)
        top.addWidget(self.errors_button)
        self.preview_model = PreviewModel()
        self.errors_only.toggled.connect(self.preview_model.filter_errors)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.preview_view.setWordWrap(False)
        lay = QVBoxLayout(w)
        lay.addLayout(top)
        lay.addWidget(self.preview_view, 1)
        return w

    def _done_page(self) -> QWidget:
        w = QWidget()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.undo_button = QPushButton(_("Undo this import"))
        self.undo_button.clicked.connect(self._undo)
        lay = QVBoxLayout(w)
        lay.addWidget(self.done_label)
        lay.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
        return w
