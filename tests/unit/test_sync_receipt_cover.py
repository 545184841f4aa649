"""sync.receipt (codes read over the phone) and sync.cover (the printable cover sheet)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import unicodedata
from html.parser import HTMLParser

import pytest

from ocop_desktop.i18n import format_number, set_language
from ocop_desktop.sync.cover import CoverInfo, cover_html, cover_text, hash_groups
from ocop_desktop.sync.crypto import CROCKFORD
from ocop_desktop.sync.receipt import (
    APPLIED_MAX,
    CONFLICTS_MAX,
    Receipt,
    hash_prefix,
    make_receipt,
    read_receipt,
    receipt_prefix,
)

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$")


def _hash(i: int) -> str:
    return hashlib.sha256(f"bundle {i}".encode()).hexdigest()


# -- receipts ---------------------------------------------------------------------------


@pytest.mark.parametrize(("applied", "conflicts"), [(0, 0), (1, 0), (123, 4), (32766, 30), (5000, 0)])
def test_round_trip(applied: int, conflicts: int) -> None:
    for i in range(20):
        code = make_receipt(_hash(i), applied, conflicts)
        assert CODE.match(code), code
        assert read_receipt(code, _hash(i)) == Receipt(applied, conflicts, False, False)
        assert receipt_prefix(code) == hash_prefix(_hash(i))


def test_prefix_is_the_hash_start() -> None:
    h = "00000" + "f" * 59
    assert hash_prefix(h) == "0000"
    assert make_receipt(h, 1, 0).startswith("0000-")
    assert receipt_prefix("abcd") == "ABCD"
    assert receipt_prefix("ab") == ""


def test_every_single_substitution_is_detected() -> None:
    tried = 0
    for i in range(30):
        h = _hash(i)
        digits = make_receipt(h, (i * 977) % 40000, i % 40).replace("-", "")
        for pos in range(10):
            for ch in CROCKFORD:
                if ch == digits[pos]:
                    continue
                typo = digits[:pos] + ch + digits[pos + 1:]
                tried += 1
                assert read_receipt(typo, h) is None, (digits, typo)
    assert tried == 30 * 10 * 31


def test_swaps_and_double_typos_are_detected() -> None:
    h = _hash(7)
    digits = make_receipt(h, 2024, 3).replace("-", "")
    for a, b in itertools.combinations(range(10), 2):
        swapped = list(digits)
        swapped[a], swapped[b] = swapped[b], swapped[a]
        if swapped != list(digits):
            assert read_receipt("".join(swapped), h) is None
        for ca, cb in itertools.product(CROCKFORD[::3], CROCKFORD[1::3]):
            if ca == digits[a] or cb == digits[b]:
                continue
            typo = list(digits)
            typo[a], typo[b] = ca, cb
            assert read_receipt("".join(typo), h) is None


def test_lenient_reading() -> None:
    h = _hash(3)
    # Find a code with a 0 and a 1 in it, to read them as O, I and L.
    for applied in range(2000):
        code = make_receipt(h, applied, 2)
        if "0" in code and "1" in code:
            break
    else:
        pytest.fail("no code with both 0 and 1")
    spoken = code.replace("-", " ").replace("0", "o").replace("1", "l", 1).replace("1", "I").lower()
    assert read_receipt(spoken, h) == Receipt(applied, 2, False, False)
    assert read_receipt(code.replace("-", ""), h) == Receipt(applied, 2, False, False)
    assert read_receipt(f"  {code.lower()}  ", h) == Receipt(applied, 2, False, False)


def test_wrong_length_or_other_bundle() -> None:
    h = _hash(1)
    code = make_receipt(h, 10, 1)
    assert read_receipt(code[:-1], h) is None
    assert read_receipt(code + "0", h) is None
    assert read_receipt("", h) is None
    assert read_receipt(code, _hash(2)) is None
    # Another bundle sharing the 20-bit prefix: the check still tells them apart (all but ~1/1024).
    accepted = sum(read_receipt(code, h[:5] + _hash(100 + i)[5:]) is not None for i in range(2000))
    assert accepted <= 10


def test_caps() -> None:
    h = _hash(9)
    assert read_receipt(make_receipt(h, 40_000, 50), h) == Receipt(APPLIED_MAX, CONFLICTS_MAX, True, True)
    assert read_receipt(make_receipt(h, APPLIED_MAX - 1, CONFLICTS_MAX - 1), h) == Receipt(
        APPLIED_MAX - 1, CONFLICTS_MAX - 1, False, False)
    assert read_receipt(make_receipt(h, -3, -1), h) == Receipt(0, 0, False, False)


def test_bad_hash_is_a_bug() -> None:
    with pytest.raises(ValueError):
        make_receipt("not hex", 1, 0)
    with pytest.raises(ValueError):
        read_receipt("0000-0000-00", "abc")


# -- cover sheet ------------------------------------------------------------------------


SENDER = "Trung tâm Dịch vụ nông nghiệp Trùng Khánh"
RECIPIENT = "Sở Nông nghiệp và Môi trường Cao Bằng"


def _info(**changes) -> CoverInfo:  # noqa: ANN003
    base = dict(
        sender_name=unicodedata.normalize("NFD", SENDER), sender_id="4f1c9a2e7b3d4c55",
        sender_fingerprint="7KQ2-M9XD-4HTA", recipient_name=RECIPIENT, recipient_id="9a8b7c6d5e4f3a2b",
        number=12, bundle_id="0b7e1d2c-3f4a-4b5c-8d9e-0f1a2b3c4d5e", kind="changes",
        created_at=dt.datetime(2026, 3, 9, 14, 5), seq_from=1201, seq_to=2450,
        counts={"Chủ thể": {"changed": 1234, "deleted": 2}, "Sản phẩm": {"changed": 56, "deleted": 0}},
        photos_included=40, photos_deferred=7, size_bytes=12 * 1024**2,
        bundle_hash="", previous_hash=_hash(11), app_version="0.1.0")
    base.update(changes)
    return CoverInfo(**base)


class _Checker(HTMLParser):
    """Tags balance, and nothing is loaded from outside the page."""

    VOID = {"meta", "br", "hr", "img", "link", "input", "col"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        self.external += [v for k, v in attrs if k in ("src", "href") and v]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(page: str) -> str:
    parser = _Checker()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert parser.external == []
    return "".join(parser.text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_cover_html_is_a_complete_page(lang: str) -> None:
    set_language(lang)
    page = cover_html(_info())
    text = _check(page)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert f'<html lang="{lang}">' in page
    assert "@page { size: A4" in page
    assert "url(" not in page and "@import" not in page
    # Vietnamese survives, in NFC, although the name was given in NFD.
    assert SENDER in text and RECIPIENT in text
    assert unicodedata.normalize("NFD", SENDER) not in page
    assert unicodedata.is_normalized("NFC", page)
    # Counts, with the language's number format, and totals.
    for label in ("Chủ thể", "Sản phẩm"):
        assert label in text
    assert format_number(1234) in text and format_number(1290) in text
    assert "09/03/2026" in text
    assert "7KQ2-M9XD-4HTA" in text
    assert hash_groups(_hash(11)) in text
    assert "1201" in text and "2450" in text


def test_cover_escapes_office_names() -> None:
    set_language("en")
    page = cover_html(_info(sender_name='<script>alert("x")</script> & Co', recipient_name="A \"B\" <i>"))
    assert "<script>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page
    text = _check(page)
    assert '<script>alert("x")</script> & Co' in text


def test_cover_hashes_and_signatures() -> None:
    set_language("en")
    page = cover_html(_info())
    assert "Fingerprint of this bundle" not in page  # not known inside the bundle
    assert "shown by the app after the bundle is written" in page
    assert "Handed over by" in page and "Received by" in page
    known = cover_html(_info(bundle_hash=_hash(12), previous_hash=""))
    assert hash_groups(_hash(12)) in known
    assert "first bundle" in known
    assert "shown by the app" not in known
    assert hash_groups("ABCDEF0123") == "abcd ef01 23"


def test_cover_text() -> None:
    set_language("vi")
    text = cover_text(_info(kind="snapshot", size_bytes=0))
    assert SENDER in text and RECIPIENT in text
    assert "Chủ thể" in text and format_number(1234) in text and format_number(1290) in text
    assert "7KQ2-M9XD-4HTA" in text
    assert hash_groups(_hash(11)) in text
    assert "<" not in text and "&amp;" not in text
    assert unicodedata.is_normalized("NFC", text)
