"""gettext through Babel, Qt-free. Vietnamese is the default language, English selectable.

Message ids are English; ``translations/vi/LC_MESSAGES/ocop.po`` carries the Vietnamese.
Rules (Electrum #3237): whole sentences inside ``_()``, never f-strings or ``%`` inside it;
use ``_("Saved {n} products").format(n=n)`` and ``ngettext`` for plurals.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
from decimal import Decimal

from ocop_desktop.paths import TRANSLATIONS_DIR

DOMAIN = "ocop"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def _load(lang: str) -> _gettext.NullTranslations:
    base = TRANSLATIONS_DIR / lang / "LC_MESSAGES"
    mo, po = base / f"{DOMAIN}.mo", base / f"{DOMAIN}.po"
    # The shipped .mo is used as it is (a test keeps it in step with the .po); file times
    # mean nothing after a git checkout, and compiling the .po costs ~60 ms at start-up.
    if mo.exists():
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.exists():
        # No compiled catalogue (a developer's checkout): compile the .po in memory.
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        return _gettext.GNUTranslations(buf)
    return _gettext.NullTranslations()


def set_language(lang: str) -> None:
    """Switch the language for every later ``_()`` call."""
    global _translations, _language
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    _translations = _gettext.NullTranslations() if lang == "en" else _load(lang)
    _language = lang


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_()`` at display time."""
    return message


def _babel_locale() -> str:
    return "vi" if _language == "vi" else "en_GB"


def format_date(value: dt.date | dt.datetime | None) -> str:
    """dd/MM/yyyy in both languages (the form Vietnamese offices write).

    The same text Babel's ``format_date(value, "dd/MM/yyyy")`` gives in both locales (digits
    and slashes only), written directly: Babel takes ~70 µs a date, and lists show thousands."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_datetime(value: dt.datetime | None) -> str:
    """dd/MM/yyyy HH:mm (see :func:`format_date`)."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d} {value.hour:02d}:{value.minute:02d}"


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """Numbers through Babel: 1.234,5 in Vietnamese, 1,234.5 in English (whole numbers
    directly, with the language's group separator: a list's count label and numeric cells)."""
    if decimals is None and type(value) is int:
        return f"{value:,}".replace(",", _group_symbol(_babel_locale()))
    from babel.numbers import format_decimal

    if decimals is None:
        return format_decimal(value, locale=_babel_locale())
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_babel_locale())


#: The largest amount an amount field takes (15 digits: under a million billion đồng).
MAX_AMOUNT = 999_999_999_999_999


class AmountError(ValueError):
    """A typed amount that is not whole đồng; ``code`` is ``not_number``, ``negative``,
    ``fraction`` or ``too_large``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def format_amount(value: int | None, *, unit: bool = True) -> str:
    """Whole đồng with the language's separators: "903.000.000 đ" ("903,000,000 đ" in English)."""
    if value is None:
        return ""
    text = f"{int(value):,}".replace(",", _group_symbol(_babel_locale()))  # a list formats 40,000 of them
    return f"{text} đ" if unit else text


#: CLDR's group symbols of the two languages (what Babel's ``get_group_symbol`` returns),
#: so formatting a count does not load Babel's locale data (~50 ms the first time).
_GROUP_SYMBOLS = {"vi": ".", "en_GB": ","}


@functools.lru_cache(maxsize=4)
def _group_symbol(locale: str) -> str:
    if locale in _GROUP_SYMBOLS:
        return _GROUP_SYMBOLS[locale]
    from babel.numbers import get_group_symbol

    return get_group_symbol(locale)


_AMOUNT_UNITS = ("đồng", "vnđ", "vnd", "đ", "₫", "d")


def parse_amount(text: str) -> int | None:
    """Typed whole đồng → int; '' → None. Takes "903.000.000", "903 000 000", "903000000",
    "903.000.000 đ"; groups are the language's (". " in Vietnamese, ", " in English) and must be
    of three digits. Raises :class:`AmountError` for anything else."""
    raw = (text or "").strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not raw:
        return None
    low = raw.lower()
    for unit in _AMOUNT_UNITS:
        if low.endswith(unit):
            raw = raw[: len(raw) - len(unit)].strip()
            break
    raw = raw.replace(" ", "")
    if not raw:
        raise AmountError("not_number")
    negative = raw[0] in "-−"
    if negative or raw[0] == "+":
        raw = raw[1:]
    group, decimal = (".", ",") if _language == "vi" else (",", ".")
    if decimal in raw:
        whole, _sep, frac = raw.partition(decimal)
        if not frac.isdigit() or not (whole.replace(group, "").isdigit() or not whole):
            raise AmountError("not_number")
        if frac.strip("0"):
            raise AmountError("negative" if negative else "fraction")
        raw = whole or "0"
    parts = raw.split(group)
    if not all(p.isascii() and p.isdigit() for p in parts):
        raise AmountError("not_number")
    if len(parts) > 1 and (len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:])):
        raise AmountError("not_number")
    value = int("".join(parts))
    if negative and value:
        raise AmountError("negative")
    if value > MAX_AMOUNT:
        raise AmountError("too_large")
    return value


def parse_date(text: str) -> dt.date | None:
    """Parse dd/MM/yyyy (also d/M/yyyy, with - or . separators). None if unparseable."""
    text = text.strip()
    if not text:
        return None
    for sep in ("/", "-", "."):
        parts = text.split(sep)
        if len(parts) == 3 and all(p.strip().isdigit() for p in parts):
            d, m, y = (int(p) for p in parts)
            if y < 100:
                return None
            try:
                return dt.date(y, m, d)
            except ValueError:
                return None
    return None
