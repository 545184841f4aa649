"""The product list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QPushButton, QWidget

from ocop_desktop.domain import product_sets
from ocop_desktop.domain.vocab import (
    PRODUCER_KIND_LABELS,
    PRODUCT_STATUS_LABELS,
    ProducerKind,
    ProductStatus,
)
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.ui.pages.list_support import (
    ANY,
    FilterCombo,
    Loaded,
    load_rows,
    run_dialog,
)
from ocop_desktop.ui.pages.record_list_page import RecordListPage
from ocop_desktop.ui.table_models import ProductTableModel

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from ocop_desktop.db import Database
    from ocop_desktop.reports.product_list import ProductFilter

NO_STARS = 0  # value of the "no stars yet" entry of the star filter


class ProductsPage(RecordListPage):
    MODEL_CLASS = ProductTableModel
    #: "Evaluate…" in the context menu (product id); the main window opens the evaluation.
    evaluate_requested = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._has_producers = True  # until the first load says otherwise
        super().__init__(db, parent)
        #: The print preview last opened (tests drive it).
        self.print_dialog: QDialog | None = None
        self.print_button = QPushButton(_("Print list…"))
        self.print_button.setToolTip(_("Preview, print or save as PDF the product list with the current search "
                                       "and filters"))
        self.print_button.clicked.connect(self.print_list)
        filters = next(lay for lay in self.findChildren(QHBoxLayout) if lay.indexOf(self.clear_filters_button) >= 0)
        filters.addWidget(self.print_button)

    def title_text(self) -> str:
        return _("Products")

    def subtitle_text(self) -> str:
        return _("Every OCOP product of your communes, from idea to certificate.")

    def search_placeholder(self) -> str:
        return _("Search by product, code, producer or commune… (Ctrl+F)")

    def new_button_text(self) -> str:
        return _("New product")

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} / {total} product", "{shown} / {total} products", total).format(
            shown=format_number(shown), total=format_number(total))

    def empty_texts(self) -> tuple[str, str]:
        if not self._has_producers:
            return (_("No products yet. Add a producer first, then its products."), _("Add a producer"))
        return (_("No products yet. Add the first product of one of your producers."), _("Add a product"))

    def _empty_action(self) -> None:
        if self._has_producers or self.proxy.has_filters(ignore=("live",)):
            super()._empty_action()
            return
        from ocop_desktop.ui.dialogs.producer_dialog import ProducerDialog

        if run_dialog(ProducerDialog(self.db, parent=self)):
            self.records_changed.emit()  # the producer list reloads too
            self.status_message.emit(_("Saved."))
            self.reload()

    def no_match_text(self) -> str:
        return _("No product matches the search and filters.")

    def extra_buttons(self) -> list:
        from ocop_desktop.ui.import_wizard import import_button

        return [import_button(self)]

    def build_filters(self, row: QHBoxLayout) -> None:
        self.commune_filter = FilterCombo(_("All communes"), _("Show only products of one commune"))
        self.group_filter = FilterCombo(_("All groups"), _("Show only one product group (I–VI)"))
        self.group_filter.set_choices((f"{g.code}. {g.name}", g.code) for g in product_sets.GROUPS.values())
        self.kind_filter = FilterCombo(_("All producer types"), _("Show only products of one type of producer"))
        self.kind_filter.set_choices((_(PRODUCER_KIND_LABELS[k]), k.value) for k in ProducerKind)
        self.stars_filter = FilterCombo(_("All stars"), _("Show only products with a number of OCOP stars"))
        self.stars_filter.set_choices(
            [(ngettext("{n} star", "{n} stars", n).format(n=n), n) for n in range(5, 0, -1)]
            + [(_("No stars yet"), NO_STARS)])
        self.status_filter = FilterCombo(_("All statuses"), _("Show only products with one status"))
        self.status_filter.set_choices((_(PRODUCT_STATUS_LABELS[s]), s.value) for s in ProductStatus)
        for combo, handler in ((self.commune_filter, self._commune_changed),
                               (self.group_filter, self._group_changed),
                               (self.kind_filter, self._kind_changed),
                               (self.stars_filter, self._stars_changed),
                               (self.status_filter, self._status_changed)):
            combo.currentIndexChanged.connect(handler)
            row.addWidget(combo)

    def _commune_changed(self) -> None:
        code = self.commune_filter.value()
        self.set_filter("commune", None if code is ANY else (lambda r: r.commune_code == code))

    def _group_changed(self) -> None:
        group = self.group_filter.value()
        self.set_filter("group", None if group is ANY else (lambda r: r.group == group))

    def _kind_changed(self) -> None:
        kind = self.kind_filter.value()
        self.set_filter("kind", None if kind is ANY else (lambda r: r.producer_kind == kind))

    def _stars_changed(self) -> None:
        stars = self.stars_filter.value()
        if stars is ANY:
            self.set_filter("stars", None)
        elif stars == NO_STARS:
            self.set_filter("stars", lambda r: not r.stars)
        else:
            self.set_filter("stars", lambda r: r.stars == stars)

    def _status_changed(self) -> None:
        status = self.status_filter.value()
        self.set_filter("status", None if status is ANY else (lambda r: r.status == status))

    # -- printing ------------------------------------------------------------------------------
    def product_filter(self) -> ProductFilter:
        """The page's search and filters as the report's filter (the printed list matches the table)."""
        from ocop_desktop.reports.product_list import ProductFilter

        def value(combo: FilterCombo) -> Any:
            v = combo.value()
            return None if v is ANY else v

        return ProductFilter(search=self.search.text().strip(), commune=value(self.commune_filter),
                             group=value(self.group_filter), kind=value(self.kind_filter),
                             stars=value(self.stars_filter), status=value(self.status_filter))

    def print_list(self) -> QDialog:
        """The product list report with the current search and filters, in a print preview."""
        from ocop_desktop.reports.product_list import print_product_list
        from ocop_desktop.ui.widgets.pdf_preview import PdfPreviewDialog, temp_pdf

        db, f = self.db, self.product_filter()

        def make_pdf(_ctx: Any) -> Path:
            out = temp_pdf()
            print_product_list(db, out, f)
            return out

        dialog = PdfPreviewDialog(_("Product list"), make_pdf, "danh-sach-san-pham.pdf", parent=self)
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def print_form(self, product_id: str, form: str) -> QDialog:
        """A dossier form (Mẫu 01, 02 or 03 of QĐ 26/2026 Phụ lục III) pre-filled from the
        records, in a print preview; Mẫu 03 needs the commune's report (refused in the dialog)."""
        from ocop_desktop.reports.forms import print_form
        from ocop_desktop.ui.widgets.pdf_preview import PdfPreviewDialog, temp_pdf

        db = self.db

        def make_pdf(_ctx: Any) -> Path:
            out = temp_pdf()
            print_form(db, form, product_id, out)
            return out

        dialog = PdfPreviewDialog(_("Form {number}").format(number=form), make_pdf, f"mau-{form}.pdf", parent=self)
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def apply_loaded(self, loaded: Loaded) -> None:
        self._has_producers = loaded.has_producers
        self.commune_filter.set_choices((name, code) for code, name in loaded.communes)

    @staticmethod
    def load(db: Database) -> Loaded:
        from ocop_desktop.services.producers import has_producers
        from ocop_desktop.services.products import list_products

        loaded = load_rows(db, list_products)
        with db.read_session() as s:
            loaded.has_producers = has_producers(s)
        return loaded

    def open_record(self, record_id: str | None) -> str | None:
        from ocop_desktop.ui.dialogs.product_dialog import (
            ProductDialog,  # lazily: the dialogs import the services
        )
        return run_dialog(ProductDialog(self.db, product_id=record_id, parent=self))

    @staticmethod
    def delete_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.products import delete_product

        delete_product(session, record_id)

    @staticmethod
    def restore_record(session: Session, record_id: str) -> None:
        from ocop_desktop.services.products import restore_product

        restore_product(session, record_id)

    def extra_context_actions(self, menu: QMenu, row: Any) -> None:
        menu.addAction(_("Evaluate…"), lambda: self.evaluate_requested.emit(row.id))
        menu.addAction(_("Print list…"), self.print_list)
        forms = menu.addMenu(_("Print a dossier form"))
        for number, label in (("01", _("Mẫu 01 — registration form")), ("02", _("Mẫu 02 — self-assessment report")),
                              ("03", _("Mẫu 03 — the commune's report"))):
            forms.addAction(label, lambda n=number: self.print_form(row.id, n))

    def delete_question(self, row: Any) -> tuple[str, str]:
        return (_("Delete the product “{name}”?").format(name=row.name),
                _("It disappears from the lists but is kept: you can undo, or restore it later "
                  "with “Show deleted”."))

    def deleted_text(self, row: Any) -> str:
        return _("Deleted the product “{name}”.").format(name=row.name)

    def restored_text(self, row: Any) -> str:
        return _("Restored the product “{name}”.").format(name=row.name)
