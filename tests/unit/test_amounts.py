"""Amounts in whole đồng: shown and read with the language's separators, refused with a
message naming the field when negative, fractional, non-numeric or too large."""

from __future__ import annotations

import pytest

from ocop_desktop.i18n import AmountError, format_amount, parse_amount, set_language
from ocop_desktop.services.validation import amount_error, amount_text_error


def test_amounts_show_with_vietnamese_separators() -> None:
    assert format_amount(903_000_000) == "903.000.000 đ"
    assert format_amount(0) == "0 đ"
    assert format_amount(None) == ""
    assert format_amount(1_500, unit=False) == "1.500"


def test_amounts_show_with_english_separators_in_english() -> None:
    set_language("en")
    assert format_amount(903_000_000) == "903,000,000 đ"


@pytest.mark.parametrize("text", ["903.000.000", "903000000", "903 000 000", "903.000.000 đ", "903.000.000đ",
                                  "903.000.000 VNĐ", " 903\u00a0000\u00a0000 ", "903.000.000,00"])
def test_typed_amounts_are_read_as_whole_dong(text: str) -> None:
    assert parse_amount(text) == 903_000_000


def test_empty_is_no_amount() -> None:
    assert parse_amount("  ") is None


@pytest.mark.parametrize(("text", "code"), [
    ("-5.000", "negative"), ("−5000", "negative"), ("12,5", "fraction"), ("mười triệu", "not_number"),
    ("9.03", "not_number"), ("1.2345.000", "not_number"), ("đ", "not_number"), ("١٢٣", "not_number"),
    ("1" * 16, "too_large"),
])
def test_bad_amounts_are_refused_with_a_reason(text: str, code: str) -> None:
    with pytest.raises(AmountError) as exc:
        parse_amount(text)
    assert exc.value.code == code


def test_messages_name_the_field_in_vietnamese() -> None:
    assert amount_text_error("Kinh phí", "-5.000") == "Kinh phí: số tiền không được âm."
    assert amount_text_error("Kinh phí", "abc") == (
        "Kinh phí: “abc” không phải số tiền (đồng); chỉ gõ chữ số, ví dụ 903.000.000.")
    assert amount_text_error("Kinh phí", "12,5") == "Kinh phí: số tiền tính bằng đồng chẵn, không có phần thập phân."
    assert amount_text_error("Kinh phí", "903.000.000") is None


def test_stored_amounts_are_checked_too() -> None:
    assert amount_error("Kinh phí", None) is None
    assert amount_error("Kinh phí", 903_000_000) is None
    assert amount_error("Kinh phí", -1) == "Kinh phí: số tiền không được âm."
    assert amount_error("Kinh phí", 1.5) is not None
    assert amount_error("Kinh phí", "903000000") is not None
    assert amount_error("Kinh phí", True) is not None
