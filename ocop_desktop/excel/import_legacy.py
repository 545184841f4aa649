"""Legacy Vietnamese encodings TCVN3 (ABC, fonts ".VnTime") and VNI-Windows (fonts "VNI-Times"):
detection and conversion to Unicode NFC.

A cell typed with a legacy font holds the Windows-1252 reading of the legacy bytes; the font
made it look Vietnamese. Python has no codec for either and no maintained PyPI package does it
(engineering-choices.md §A.5), so the tables are here: one entry per Vietnamese letter, in the
order of :data:`LETTERS`. TCVN3 is one code point per lower-case letter (upper-case accented
letters came from the separate ".VnTimeH" font, so text in such a font is upper-cased after
conversion); its ``ư`` is U+00AD, the soft hyphen, so nothing may strip "invisible" characters
before conversion. VNI writes an accented vowel as base letter + one or two modifier code points.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

#: The Vietnamese letters that are not plain ASCII, lower then upper case per letter.
LETTERS = (
    "à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ đ è é ẻ ẽ ẹ ê ề ế ể ễ ệ ì í ỉ ĩ ị "
    "ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ ù ú ủ ũ ụ ư ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ "
    "À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ Đ È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ Ì Í Ỉ Ĩ Ị "
    "Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự Ỳ Ý Ỷ Ỹ Ỵ"
).split()

# TCVN3 (TCVN 5712:1993, the ABC font table). Lower-case letters are single code points; the
# upper-case letters with a tone are an upper-case base letter followed by the lower-case tone
# code, as typed with .VnTime (Ă Â Ê Ô Ơ Ư Đ have code points of their own).
_TCVN3_LOWER = (
    "µ ¸ ¶ · ¹ ¨ » ¾ ¼ ½ Æ © Ç Ê È É Ë ® Ì Ð Î Ï Ñ ª Ò Õ Ó Ô Ö × Ý Ø Ü Þ "
    "ß ã á â ä « å è æ ç é ¬ ê í ë ì î ï ó ñ ò ô \u00ad õ ø ö ÷ ù ú ý û ü þ"
).split()
_TCVN3_UPPER_BASES = "A A A A A ¡ ¡ ¡ ¡ ¡ ¡ ¢ ¢ ¢ ¢ ¢ ¢ § E E E E E £ £ £ £ £ £ I I I I I " \
    "O O O O O ¤ ¤ ¤ ¤ ¤ ¤ ¥ ¥ ¥ ¥ ¥ ¥ U U U U U ¦ ¦ ¦ ¦ ¦ ¦ Y Y Y Y Y"
# The bare upper-case letters with their own code point (no tone): Ă Â Đ Ê Ô Ơ Ư.
_TCVN3_OWN_UPPER = {"Ă": "¡", "Â": "¢", "Đ": "§", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦"}

# VNI-Windows: base letter + modifiers. Tone modifiers: ø grave, ù acute, û hook, õ tilde,
# ï dot below; vowel-shape modifiers: â circumflex (a, e, o), ê breve (a); ô ơ and ö ư are
# letters of their own; ì í ò ó æ î are the i/ỵ letters; ñ đ.
_VNI_TONES = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
# A circumflex or a breve with a tone is ONE modifier code point: â+acute = á, ă+acute = é.
_VNI_CIRCUMFLEX = {"": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_SPECIAL = {"đ": "ñ", "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "ơ": "ô", "ư": "ö"}


def _vni_lower(letter: str) -> str:
    """The VNI spelling of one lower-case Vietnamese letter."""
    if letter in _VNI_SPECIAL:
        return _VNI_SPECIAL[letter]
    decomposed = unicodedata.normalize("NFD", letter)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((m for m in marks if m in _VNI_TONES), "")
    if "\u0302" in marks:  # circumflex
        return base + _VNI_CIRCUMFLEX[tone]
    if "\u0306" in marks:  # breve
        return base + _VNI_BREVE[tone]
    if "\u031b" in marks:  # horn: ơ, ư with a tone
        return {"o": "ô", "u": "ö"}[base] + _VNI_TONES[tone]
    return base + (_VNI_TONES[tone] if tone else "")


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(TCVN3 sequence → letter, VNI sequence → letter)."""
    lower = LETTERS[:67]
    upper = LETTERS[67:]
    tcvn: dict[str, str] = {}
    bases = _TCVN3_UPPER_BASES.split()
    for lo, up, code, base in zip(lower, upper, _TCVN3_LOWER, bases, strict=True):
        tcvn[code] = lo
        own = _TCVN3_OWN_UPPER.get(up)
        tcvn[own or base + code] = up  # "¢" = Â; "¢Ê" = Ấ; "A¸" = Á
    vni: dict[str, str] = {}
    for lo, up in zip(lower, upper, strict=True):
        seq = _vni_lower(lo)
        vni[seq] = lo
        vni[_vni_upper(seq)] = up
    return tcvn, vni


def _vni_upper(seq: str) -> str:
    """Upper-case VNI spelling: every code point upper-cased (VNI fonts pair them that way)."""
    return seq.upper()


@cache
def _pattern(which: str) -> re.Pattern[str]:
    table = _tables()[0 if which == "tcvn3" else 1]
    keys = sorted(table, key=len, reverse=True)  # longest match first
    return re.compile("|".join(re.escape(k) for k in keys))


def encode(text: str, which: str) -> str:
    """Unicode → legacy spelling (for tests and the test corpus)."""
    table = _tables()[0 if which == "tcvn3" else 1]
    reverse: dict[str, str] = {}
    for seq, letter in table.items():
        if letter not in reverse or len(seq) < len(reverse[letter]):
            reverse[letter] = seq
    if which == "tcvn3":
        for letter, seq in _TCVN3_OWN_UPPER.items():
            reverse[letter] = seq
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def decode(text: str, which: str, *, upper: bool = False) -> str:
    """Legacy spelling → Unicode NFC. ``upper``: the cell's font was an upper-case TCVN3 font
    (".VnTimeH"), whose lower-case codes are drawn as capitals."""
    table = _tables()[0 if which == "tcvn3" else 1]
    out = _pattern(which).sub(lambda m: table[m.group(0)], text)
    out = unicodedata.normalize("NFC", out)
    return out.upper() if upper else out


def font_encoding(font_name: str | None) -> tuple[str | None, bool]:
    """(encoding, upper) told by a cell's font name: ".VnTime" → tcvn3, ".VnTimeH" → tcvn3 upper,
    "VNI-Times" → vni; (None, False) for any other font."""
    name = (font_name or "").strip()
    if name.startswith(".Vn"):
        return "tcvn3", name.endswith("H")
    if name.upper().startswith("VNI"):
        return "vni", False
    return None, False


_VIETNAMESE = frozenset("".join(LETTERS))
_WORD = re.compile(r"\S+")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"([aeiouy]{1,3})(ch|ng|nh|[cmnpt])?$")
_ASCII_OR_VIETNAMESE = frozenset("abcdefghijklmnopqrstuvwxyz" + "".join(LETTERS[:67]))


def _good_word(word: str) -> bool:
    """Whether a word (with at least one non-ASCII letter) looks like one Vietnamese syllable:
    only Vietnamese letters, at most one tone, an onset + vowels + coda shape."""
    if not all(ch in _ASCII_OR_VIETNAMESE for ch in word):
        return False
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d"))
    if sum(ch in _TONE_MARKS for ch in decomposed) > 1:
        return False
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SYLLABLE.match(base) is not None


def _score(text: str) -> float:
    """Share of the non-ASCII words of ``text`` that look like Vietnamese syllables."""
    words = [w.strip(".,;:()[]\"'-/").lower() for w in _WORD.findall(text)]
    marked = [w for w in words if w and not w.isascii()]
    if not marked:
        return 0.0
    return sum(_good_word(w) for w in marked) / len(marked)


def could_be_legacy(texts: list[str]) -> bool:
    """Text with Latin-1 letters or symbols and no Unicode-only Vietnamese letter."""
    sample = " ".join(t for t in texts if t)[:20000]
    return any("\u00a0" <= ch <= "\u00ff" for ch in sample) and not any(
        ord(ch) > 0xFF and ch in _VIETNAMESE for ch in sample)


def detect(texts: list[str]) -> str | None:
    """"tcvn3", "vni" or None for a sample of cell texts with no font information: a legacy
    encoding is chosen only when the text has no Unicode Vietnamese letter, shows the markers
    of that encoding and converts into clearly better Vietnamese than the other candidate."""
    sample = " ".join(t for t in texts if t)[:20000]
    if not sample or any(ord(ch) > 0xFF and ch in _VIETNAMESE for ch in sample):
        return None  # real Unicode Vietnamese (ă, đ, ơ, ư, ạ …) is present
    if not any("\u00a0" <= ch <= "\u00ff" for ch in sample):
        return None  # plain ASCII: nothing to convert
    tcvn = decode(sample, "tcvn3")
    vni = decode(sample, "vni")
    s_tcvn, s_vni = _score(tcvn), _score(vni)
    if s_vni >= 0.8 and s_vni > s_tcvn + 0.1:
        return "vni"
    if s_tcvn >= 0.8 and s_tcvn > s_vni + 0.1:
        return "tcvn3"
    return None
