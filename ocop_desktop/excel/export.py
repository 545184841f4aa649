"""Export a list page's rows to .xlsx: the columns the page shows, with typed values.

A list page's columns (:class:`ocop_desktop.ui.record_model.Column`) give the header and the
display text. :data:`TYPED` says, per list kind and column key, which columns are dates,
numbers or codes and where their raw value is; every other column is exported as the text the
page shows. So a new list page (the business plans) exports without any change here; it may add
a line to :data:`TYPED` and :data:`FILE_STEMS`. The GUI (``ui/pages/list_export.py``) and the
CLI (``cli_export.py``) both call :func:`export_rows`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter
from typing import Any, Protocol

from ocop_desktop.excel import roundtrip_format as rt
from ocop_desktop.excel.workbook_writer import Cell, SheetColumn, Written, write_list
from ocop_desktop.i18n import _
from ocop_desktop.text import fold


class ListColumn(Protocol):
    key: str
    title: str  # a message id
    display: Callable[[Any], str]


Getter = Callable[[Any], Any]


def _stars_or_eliminated(r: Any) -> Any:
    return _("Eliminated") if r.eliminated else r.stars


#: kind → column key → (how it is written, the raw value of a row).
TYPED: dict[str, dict[str, tuple[Cell, Getter]]] = {
    "producers": {"identifier": (Cell.CODE, attrgetter("identifier")), "phone": (Cell.CODE, attrgetter("phone")),
                  "products": (Cell.INT, attrgetter("product_count"))},
    "products": {"code": (Cell.CODE, attrgetter("code"))},
    "evaluations": {"total": (Cell.NUMBER, attrgetter("total")), "stars": (Cell.INT, _stars_or_eliminated)},
    "certificates": {"number": (Cell.CODE, attrgetter("number")), "stars": (Cell.INT, attrgetter("stars")),
                     "issued": (Cell.DATE, attrgetter("issue_date")),
                     "expiry": (Cell.DATE, attrgetter("expiry_date"))},
    "ideas": {"received": (Cell.DATE, attrgetter("received_on"))},
    "events": {"producers": (Cell.INT, attrgetter("producer_count")), "sales": (Cell.AMOUNT, attrgetter("sales"))},
    "sale_points": {"opening": (Cell.DATE, attrgetter("opening_date")),
                    "products": (Cell.INT, attrgetter("product_count"))},
    "training": {"learners": (Cell.INT, attrgetter("learners")), "women": (Cell.INT, attrgetter("learners_women")),
                 "minority": (Cell.INT, attrgetter("learners_minority")), "cost": (Cell.AMOUNT, attrgetter("cost"))},
    "support": {"date": (Cell.DATE, attrgetter("date")), "amount": (Cell.AMOUNT, attrgetter("amount"))},
}

#: The start of the suggested file name ("san-pham-OCOP-2026-12-02.xlsx").
FILE_STEMS: dict[str, str] = {
    "producers": "chu-the-OCOP", "products": "san-pham-OCOP", "evaluations": "danh-gia-OCOP",
    "certificates": "giay-chung-nhan-OCOP", "ideas": "y-tuong-san-pham-OCOP",
    "events": "xuc-tien-thuong-mai-OCOP", "sale_points": "diem-ban-OCOP", "training": "tap-huan-OCOP",
    "support": "ho-tro-OCOP", "plans": "phuong-an-kinh-doanh-OCOP",
}


def default_file_name(kind: str, *, today: dt.date | None = None, title: str = "") -> str:
    """"san-pham-OCOP-2026-12-02.xlsx"; an unknown kind takes its stem from ``title``."""
    stem = FILE_STEMS.get(kind)
    if stem is None:
        words = "".join(ch if ch.isalnum() else " " for ch in fold(title or kind)).split()
        stem = "-".join(words or ["danh-sach"]) + "-OCOP"
    return f"{stem}-{(today or dt.date.today()).isoformat()}.xlsx"


def sheet_columns(kind: str, columns: Sequence[ListColumn]) -> tuple[list[SheetColumn], list[Getter]]:
    """The sheet's columns (the id first) and how to get each one's value from a row."""
    typed = TYPED.get(kind, {})
    out = [SheetColumn(rt.ID_KEY, rt.ID_HEADER, Cell.CODE)]
    getters: list[Getter] = [attrgetter("id")]
    for col in columns:
        cell, getter = typed.get(col.key, (Cell.TEXT, col.display))
        out.append(SheetColumn(col.key, _(col.title), cell))
        getters.append(getter)
    return out, getters


def export_rows(path: str | os.PathLike[str], kind: str, columns: Sequence[ListColumn], rows: Sequence[Any], *,
                title: str | None = None, progress: Callable[[int, int], None] | None = None,
                check_cancelled: Callable[[], None] | None = None) -> Written:
    """Write ``rows`` (a list page's row objects, in the order shown) with ``columns`` to ``path``."""
    sheet, getters = sheet_columns(kind, columns)

    def values() -> Iterator[list[Any]]:
        for r in rows:
            yield [g(r) for g in getters]

    return write_list(path, sheet, values(), kind=kind, title=title, total=len(rows), progress=progress,
                      check_cancelled=check_cancelled)
