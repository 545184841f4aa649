"""The tabs of the *Chu trình OCOP* section, in the order shown.

Each entry is ``(key, title, factory)``: ``factory(db)`` returns the tab's page, usually a
:class:`~ocop_desktop.ui.pages.record_list_page.RecordListPage` (search, filters, Ctrl+N, Del
with Undo). Factories import their module when called, so the section costs nothing at start-up.
A record kind adds one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ocop_desktop.i18n import N_

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ocop_desktop.db import Database

Factory = Callable[["Database"], "QWidget"]



def _ideas(db: Database) -> QWidget:
    from ocop_desktop.ui.cycle.ideas_page import IdeasPage

    return IdeasPage(db)


def _plans(db: Database) -> QWidget:
    from ocop_desktop.ui.cycle.plans_page import PlansPage

    return PlansPage(db)


def _events(db: Database) -> QWidget:
    from ocop_desktop.ui.cycle.events_page import EventsPage

    return EventsPage(db)


def _sale_points(db: Database) -> QWidget:
    from ocop_desktop.ui.cycle.sale_points_page import SalePointsPage

    return SalePointsPage(db)


def _training(db: Database) -> QWidget:
    from ocop_desktop.ui.cycle.training_page import TrainingPage

    return TrainingPage(db)


def _support(db: Database) -> QWidget:
    from ocop_desktop.ui.cycle.support_page import SupportPage

    return SupportPage(db)


#: (key, title — an N_() message id, factory)
TABS: list[tuple[str, str, Factory]] = [
    ("ideas", N_("Product ideas"), _ideas),
    ("plans", N_("Business plans"), _plans),
    ("events", N_("Trade promotion"), _events),
    ("sale_points", N_("OCOP points of sale"), _sale_points),
    ("training", N_("Training"), _training),
    ("support", N_("Support"), _support),
]
