"""No English left in the Vietnamese UI: every message id in the code is translated."""

from __future__ import annotations

import gettext
import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import i18n_check  # noqa: E402


def test_vietnamese_catalogue_is_complete() -> None:
    assert i18n_check.problems() == []


def test_compiled_catalogue_matches_po() -> None:
    """The shipped .mo is what `tools/i18n.sh compile` makes from the .po."""
    po = ROOT / "translations/vi/LC_MESSAGES/ocop.po"
    mo = po.with_suffix(".mo")
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="vi")
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    fresh = gettext.GNUTranslations(buf)
    with mo.open("rb") as fh:
        shipped = gettext.GNUTranslations(fh)
    # Every translation, not the header ('' key): its dates change with each extraction.
    shipped_entries = {k: v for k, v in shipped._catalog.items() if k != ""}  # noqa: SLF001
    fresh_entries = {k: v for k, v in fresh._catalog.items() if k != ""}  # noqa: SLF001
    assert shipped_entries == fresh_entries


def test_dates_and_numbers_use_vietnamese_conventions() -> None:
    import datetime as dt

    from ocop_desktop.i18n import format_date, format_number, set_language

    set_language("vi")
    assert format_date(dt.date(2026, 11, 22)) == "22/11/2026"
    assert format_number(1234567.5, 1) == "1.234.567,5"
    set_language("en")
    assert format_date(dt.date(2026, 11, 22)) == "22/11/2026"
    assert format_number(1234567.5, 1) == "1,234,567.5"
