"""Search and filters of a list page (mixed into
:class:`~ocop_desktop.ui.pages.record_list_page.RecordListPage`): the filter combos, the search
box, "Show deleted", and keeping the selected record selected when the shown rows change."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout

from ocop_desktop.ui.pages.list_support import ANY, FilterCombo


def live(row: Any) -> bool:
    """The "live" predicate: rows not deleted (lifted by "Show deleted")."""
    return not row.deleted


class ListFilters:
    """Uses the page's ``proxy``, ``search``, ``show_deleted``, ``table``, ``current_row``,
    ``select_proxy_row`` and ``_refresh_view``."""

    def add_filter(self, row: QHBoxLayout, combo: FilterCombo, attr: str,
                   keep: Callable[[Any], Callable[[Any], bool]] | None = None) -> FilterCombo:
        """Put ``combo`` in the filter ``row``: its value keeps the rows whose attribute ``attr``
        equals it, or, with ``keep``, the rows ``keep(value)`` accepts."""
        get = attrgetter(attr)

        def changed() -> None:
            value = combo.value()
            if value is ANY:
                self.set_filter(attr, None)
            else:
                self.set_filter(attr, keep(value) if keep is not None else (lambda r: get(r) == value))

        combo.currentIndexChanged.connect(changed)
        row.addWidget(combo)
        return combo

    def set_filter(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        with self._keeping_selection():
            self.proxy.set_predicate(name, predicate)
        self._refresh_view()

    def _search_changed(self, text: str) -> None:
        with self._keeping_selection():
            self.proxy.set_search(text)
        self._refresh_view()

    def _show_deleted_toggled(self, on: bool) -> None:
        self.set_filter("live", None if on else live)

    @contextlib.contextmanager
    def _keeping_selection(self) -> Iterator[None]:
        """A filter change resets the model: select the same record again if still shown."""
        row = self.current_row()
        yield
        if row is not None:
            i = self.proxy.proxy_row_of(row.id)
            if i >= 0:
                self.select_proxy_row(i)

    def filter_combos(self) -> list[FilterCombo]:
        return self.findChildren(FilterCombo)

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in self.filter_combos():
            combo.setCurrentIndex(0)
        self.show_deleted.setChecked(False)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_results(self) -> bool:
        """Move the keyboard from the search box to the results (the selected row, else the
        first); False when nothing is shown."""
        if self.proxy.rowCount() == 0:
            return False
        row = self.current_row()
        i = self.proxy.proxy_row_of(row.id) if row is not None else -1
        self.select_proxy_row(max(i, 0))
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        return True
