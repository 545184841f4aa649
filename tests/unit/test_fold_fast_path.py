"""text.fold has a fast path for ASCII + combining marks; it must equal the plain definition."""

from __future__ import annotations

import itertools
import random
import re
import sys
import unicodedata

from ocop_desktop.text import fold

_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def reference_fold(value: str | None) -> str:
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped.casefold().translate(_EXTRA)).strip()


def test_every_code_point_folds_as_defined() -> None:
    # Every code point up to U+2FFF, then a sample of the rest.
    for cp in itertools.chain(range(0x3000), range(0x3000, sys.maxunicode + 1, 61)):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        text = f"A{chr(cp)}\u0301 b"
        assert fold(text) == reference_fold(text), hex(cp)


def test_random_vietnamese_strings() -> None:
    rng = random.Random(7)
    pool = ([chr(c) for c in range(0x09, 0x250)] + list("ạảãàáâậầấẩẫăắằặẳẵđĐêềếểễệơờớởỡợưừứửữựỳýỷỹỵ")
            + ["\u0300", "\u0301", "\u0323", "\u034f", "\u00a0", "\u2003", "ß", "İ"])
    for _ in range(5_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 14)))
        assert fold(text) == reference_fold(text), repr(text)
        nfd = unicodedata.normalize("NFD", text)
        assert fold(nfd) == reference_fold(nfd), repr(nfd)
