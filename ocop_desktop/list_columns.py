"""The columns of every list page (Qt-free): header, display text and sort key per row.

The pages' table models (``ui/table_models.py``, ``ui/cycle/*_page.py`` …) show them, and the
Excel export (``excel/export.py``, the page's Ctrl+E and the ``export`` command) writes them, so
the workbook and the page cannot drift apart. A row is one of the services' plain list rows
(``ProductRow``, ``TrainingRow`` …). ``ui/record_model.py`` explains the sort keys.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any

from ocop_desktop.domain.business_plans import PlanStatus
from ocop_desktop.domain.certificates import CertificateStatus
from ocop_desktop.domain.vocab import IdeaStatus, ProductStatus
from ocop_desktop.i18n import N_, _, format_date, format_number

_SORT_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


@lru_cache(maxsize=4096)
def folded(text: str) -> str:
    """A sort key: Vietnamese letters without their marks ('Đình' ~ 'dinh').

    Cheaper than ``text.fold`` (a C-level encode drops the combining marks), which
    matters when 20,000 distinct names are sorted on a header click.
    """
    return unicodedata.normalize("NFD", text.translate(_SORT_EXTRA)).encode("ascii", "ignore").decode().casefold()


def folded_many(texts: list[str]) -> list[str]:
    """``[folded(t) for t in texts]`` in a few C-level passes over one joined string (a
    header click on a 30,000-row list). NFD never moves a mark across the separator."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):
        return [folded(t) for t in texts]
    out = unicodedata.normalize("NFD", joined.translate(_SORT_EXTRA)).encode("ascii", "ignore").decode().casefold()
    return out.split("\x00") if texts else []


class FoldedKey:
    """A column's sort value: the accent-folded text of one attribute ('Đình' ~ 'dinh').

    Called per row like any sort value; :meth:`many` computes the keys of all rows at once."""

    def __init__(self, attr: str) -> None:
        self._get = attrgetter(attr)

    def __call__(self, row: Any) -> str:
        return folded(self._get(row))

    def many(self, rows: Sequence[Any]) -> list[str]:
        return folded_many(list(map(self._get, rows)))


@dataclass(frozen=True)
class Column:
    key: str  # also the field key of an Excel export (excel/roundtrip_format.py)
    title: str  # message id, translated at display time
    display: Callable[[Any], str]
    sort_value: Callable[[Any], str | int]
    #: The services deliver rows sorted by name: this column needs no sorting work.
    presorted: bool = False
    numeric: bool = False
    #: Widest the column gets when fitted to its content, in average characters.
    max_chars: int = 30


def star_row(n: int) -> str:
    """★★★☆☆ for 3 of 5."""
    n = max(0, min(n, 5))
    return "★" * n + "☆" * (5 - n)


def date_text(d: Any) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


_PRODUCT_STATUS_ORDER = {s.value: i for i, s in enumerate(ProductStatus)}


def _product_status_sort(r: Any) -> int:
    return _PRODUCT_STATUS_ORDER.get(r.status, 99) * 10 + (r.stars or 0)


def _evaluation_stars(r: Any) -> str:
    if r.eliminated:
        return _("Eliminated")
    return star_row(r.stars) if r.stars else ""


def _evaluation_total_sort(r: Any) -> float:
    return float(r.total) if r.total is not None else -1.0


_CERTIFICATE_STATUS_ORDER = {s.value: i for i, s in enumerate(CertificateStatus)}


def _certificate_stars(r: Any) -> str:
    return star_row(r.stars or 0)


def certificate_status_text(r: Any) -> str:
    return r.status_label or r.status


_IDEA_STATUS_ORDER = {s.value: i for i, s in enumerate(IdeaStatus)}


PRODUCERS: tuple[Column, ...] = (
    Column("name", N_("Producer"), lambda r: r.name, FoldedKey("name"), presorted=True,
           max_chars=34),
    Column("kind", N_("Producer type"), lambda r: r.kind_label, FoldedKey("kind_label"), max_chars=32),
    Column("identifier", N_("Tax code / ID"), lambda r: r.identifier, lambda r: r.identifier,
           max_chars=20),
    Column("commune", N_("Commune"), lambda r: r.commune_name, FoldedKey("commune_name"),
           max_chars=24),
    Column("rep", N_("Representative"), lambda r: r.rep_name, FoldedKey("rep_name"),
           max_chars=26),
    Column("phone", N_("Phone"), lambda r: r.phone, lambda r: r.phone, max_chars=18),
    Column("products", N_("Products"), lambda r: str(r.product_count), lambda r: r.product_count,
           numeric=True, max_chars=12),
)

PRODUCTS: tuple[Column, ...] = (
    Column("name", N_("Product"), lambda r: r.name, FoldedKey("name"), presorted=True,
           max_chars=30),
    Column("code", N_("Product code"), lambda r: r.code, lambda r: r.code, max_chars=22),
    Column("producer", N_("Producer"), lambda r: r.producer_name, FoldedKey("producer_name"),
           max_chars=34),
    Column("set", N_("Product set"), lambda r: r.set_label, lambda r: r.product_set, max_chars=34),
    Column("commune", N_("Commune"), lambda r: r.commune_name, FoldedKey("commune_name"),
           max_chars=24),
    Column("status", N_("Status"), lambda r: r.status_label, _product_status_sort, max_chars=22),
)

EVALUATIONS: tuple[Column, ...] = (
    Column("product", N_("Product"), lambda r: r.product_name, FoldedKey("product_name"), max_chars=30),
    Column("producer", N_("Producer"), lambda r: r.producer_name, FoldedKey("producer_name"),
           max_chars=30),
    Column("kind", N_("Type"), lambda r: r.kind_label, FoldedKey("kind_label"), max_chars=28),
    Column("period", N_("Period"), lambda r: r.period_label, lambda r: r.year * 10 + (r.round or 0),
           presorted=False, max_chars=14),
    Column("status", N_("Status"), lambda r: r.status_label, lambda r: r.status, max_chars=16),
    Column("total", N_("Total"), lambda r: r.total_text, _evaluation_total_sort, numeric=True, max_chars=10),
    Column("stars", N_("Stars"), _evaluation_stars, lambda r: -1 if r.eliminated else (r.stars or 0), max_chars=12),
)

CERTIFICATES: tuple[Column, ...] = (
    Column("product", N_("Product"), lambda r: r.product_name, FoldedKey("product_name"), max_chars=34),
    Column("number", N_("Certificate no."), lambda r: r.number, FoldedKey("number"), max_chars=18),
    Column("producer", N_("Producer"), lambda r: r.producer_name, FoldedKey("producer_name"),
           max_chars=24),
    Column("stars", N_("Stars"), _certificate_stars, lambda r: r.stars, max_chars=6),
    Column("issued", N_("Issued"), lambda r: date_text(r.issue_date), lambda r: r.issue_date.toordinal(),
           max_chars=13),
    Column("expiry", N_("Expires"), lambda r: date_text(r.expiry_date), lambda r: r.expiry_date.toordinal(),
           max_chars=13),
    Column("status", N_("Status"), certificate_status_text, lambda r: (_CERTIFICATE_STATUS_ORDER.get(r.status, 9), r.days_left),
           max_chars=28),
    Column("decision", N_("Decision"), lambda r: r.decision_number, FoldedKey("decision_number"),
           max_chars=18),
)

IDEAS: tuple[Column, ...] = (
    Column("name", N_("Proposed product"), lambda r: r.name, FoldedKey("name"), max_chars=30),
    Column("proposer", N_("Proposed by"), lambda r: r.proposer, FoldedKey("proposer"), max_chars=30),
    Column("received", N_("Date received"), lambda r: r.received_text, lambda r: r.received_on.toordinal(),
           presorted=True, max_chars=12),
    Column("commune", N_("Commune"), lambda r: r.commune_name, FoldedKey("commune_name"), max_chars=20),
    Column("set", N_("Product set"), lambda r: r.set_label, FoldedKey("set_label"), max_chars=26),
    Column("status", N_("Status"), lambda r: r.status_label, lambda r: _IDEA_STATUS_ORDER.get(r.status, 99),
           max_chars=20),
)

EVENTS: tuple[Column, ...] = (
    Column("dates", N_("Dates"), lambda r: r.dates_text, lambda r: -r.start_date.toordinal(), presorted=True,
           max_chars=27),
    Column("name", N_("Event"), lambda r: r.name, FoldedKey("name"), max_chars=40),
    Column("kind", N_("Kind"), lambda r: r.kind_label, FoldedKey("kind_label"), max_chars=26),
    Column("place", N_("Place"), lambda r: r.place, FoldedKey("place"), max_chars=28),
    Column("producers", N_("Producers"), lambda r: format_number(r.producer_count), lambda r: r.producer_count,
           numeric=True, max_chars=10),
    Column("sales", N_("Sales"), lambda r: r.sales_text, lambda r: r.sales or 0, numeric=True, max_chars=18),
    Column("status", N_("Status"), lambda r: r.status_label, lambda r: r.status, max_chars=16),
)

SALE_POINTS: tuple[Column, ...] = (
    Column("name", N_("Point of sale"), lambda r: r.name, FoldedKey("name"), presorted=True, max_chars=40),
    Column("kind", N_("Kind"), lambda r: r.kind_label, FoldedKey("kind_label"), max_chars=26),
    Column("commune", N_("Commune"), lambda r: r.commune_name, FoldedKey("commune_name"), max_chars=24),
    Column("operator", N_("Operator"), lambda r: r.operator, FoldedKey("operator"), max_chars=30),
    Column("opening", N_("Opened"), lambda r: r.opening_text,
           lambda r: r.opening_date.toordinal() if r.opening_date else 0, max_chars=12),
    Column("products", N_("Products"), lambda r: format_number(r.product_count), lambda r: r.product_count,
           numeric=True, max_chars=10),
    Column("status", N_("Status"), lambda r: r.status_label, lambda r: r.status, max_chars=16),
)

TRAINING: tuple[Column, ...] = (
    Column("dates", N_("Dates"), lambda r: r.dates_text, lambda r: -r.start_date.toordinal(), presorted=True,
           max_chars=27),
    Column("title", N_("Class title"), lambda r: r.title, FoldedKey("title"), max_chars=40),
    Column("topic", N_("Topic"), lambda r: r.topic_label, FoldedKey("topic_label"), max_chars=22),
    Column("place", N_("Place"), lambda r: r.place or r.commune_name, lambda r: folded(r.place or r.commune_name),
           max_chars=26),
    Column("learners", N_("Learners"), lambda r: format_number(r.learners), lambda r: r.learners,
           numeric=True, max_chars=10),
    Column("women", N_("Women"), lambda r: format_number(r.learners_women), lambda r: r.learners_women,
           numeric=True, max_chars=8),
    Column("minority", N_("Ethnic minority"), lambda r: format_number(r.learners_minority),
           lambda r: r.learners_minority, numeric=True, max_chars=10),
    Column("cost", N_("Cost"), lambda r: r.cost_text, lambda r: r.cost or 0, numeric=True, max_chars=16),
    Column("status", N_("Status"), lambda r: r.status_label, lambda r: r.status, max_chars=12),
)

SUPPORT: tuple[Column, ...] = (
    Column("date", N_("Date"), lambda r: format_date(r.date), lambda r: -r.date.toordinal(), presorted=True,
           max_chars=14),
    Column("producer", N_("Producer"), lambda r: r.producer_name, FoldedKey("producer_name"),
           max_chars=32),
    Column("product", N_("Product"), lambda r: r.product_name, FoldedKey("product_name"), max_chars=26),
    Column("kind", N_("Kind of support"), lambda r: r.kind_label, FoldedKey("kind_label"), max_chars=22),
    Column("what", N_("What was given"), lambda r: r.description, FoldedKey("description"),
           max_chars=30),
    Column("amount", N_("Amount"), lambda r: r.amount_text, lambda r: r.amount, numeric=True, max_chars=18),
    Column("funding", N_("Funding source"), lambda r: r.funding_label, lambda r: r.funding, max_chars=26),
    Column("decision", N_("Decision reference"), lambda r: r.decision_ref, FoldedKey("decision_ref"),
           max_chars=22),
)


_PLAN_STATUS_ORDER = {s.value: i for i, s in enumerate(PlanStatus)}

PLANS: tuple[Column, ...] = (
    Column("title", N_("Plan title"), lambda r: r.title, FoldedKey("title"), max_chars=34),
    Column("producer", N_("Producer"), lambda r: r.producer_name, FoldedKey("producer_name"),
           max_chars=28),
    Column("commune", N_("Commune"), lambda r: r.commune_name, FoldedKey("commune_name"), max_chars=18),
    Column("submitted", N_("Date submitted"), lambda r: r.submitted_text, lambda r: r.submitted_on.toordinal(),
           presorted=True, max_chars=12),
    Column("capital", N_("Capital"), lambda r: r.capital_text, lambda r: r.capital_total, max_chars=18),
    Column("support", N_("Support requested"), lambda r: r.support_text, lambda r: r.support_requested or 0,
           max_chars=18),
    Column("status", N_("Status"), lambda r: r.status_label, lambda r: _PLAN_STATUS_ORDER.get(r.status, 99),
           max_chars=16),
)
