"""The area picker of the dashboard and the reports tab: every commune the office covers (one at a
time) and, for the provincial office, each of its field offices (their communes together)."""

from __future__ import annotations

from typing import Any

from ocop_desktop.i18n import _
from ocop_desktop.ui.pages.list_support import ANY, FilterCombo


def load_areas(session: Any) -> tuple[list[int], list[tuple[str, tuple[int, ...]]]]:
    """Worker side: (the communes covered, the field offices with their communes)."""
    from ocop_desktop.services.report_scope import covered_communes, field_offices

    return sorted(covered_communes(session)[1]), field_offices(session)


def fill(combo: FilterCombo, communes: list[int], offices: list[tuple[str, tuple[int, ...]]]) -> None:
    """Fill ``combo`` once (offices first, then the communes by name); keeps its signals quiet."""
    from ocop_desktop.domain import geography

    if combo.count() > 1:
        return
    combo.blockSignals(True)
    items = [(_("Office: {name}").format(name=name), ("office", name, codes)) for name, codes in offices]
    items += [(geography.commune_name(c) or str(c), c) for c in
              sorted(communes, key=lambda c: geography.commune_name(c) or str(c))]
    combo.set_choices(items)
    combo.blockSignals(False)


def chosen(combo: FilterCombo) -> tuple[list[int] | None, str]:
    """(the communes asked for — None: everything the office covers —, the scope's label or "")."""
    value = combo.value()
    if value is ANY:
        return None, ""
    if isinstance(value, tuple):
        return list(value[2]), value[1]
    return [value], ""
