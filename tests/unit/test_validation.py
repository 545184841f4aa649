"""Identifiers, phones, emails, dates: real-format values, Vietnamese messages."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_desktop.domain.identifiers import (
    IdentifierError,
    IdentifierKind,
    is_valid_tax_code,
    make_tax_code,
    parse_identifier,
)
from ocop_desktop.i18n import _, set_language
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.validation import email_error, phone_error, validate_producer

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("code", ["0300588569", "0100109106", "0101248141", "0100112437"])
def test_real_tax_codes_are_valid(code: str) -> None:
    assert parse_identifier(code).kind == IdentifierKind.TAX_CODE


@pytest.mark.parametrize(("raw", "reason"), [
    ("0300588568", "checksum"), ("030058856", "length"), ("03005885690", "length"), ("03OO588569", "chars"),
    ("0300588569-000", "branch_suffix"), ("0300588568-001", "checksum"), ("0300588569-01", "length"),
    ("999190001234", "id_province"), ("004590001234", "id_century"), ("004299001234", "id_birth_year"), ("", "empty"),
])
def test_bad_identifiers_name_the_reason(raw: str, reason: str) -> None:
    with pytest.raises(IdentifierError) as exc:
        parse_identifier(raw, today=TODAY)
    assert exc.value.code == reason


def test_branch_and_personal_ids_normalise() -> None:
    assert parse_identifier("0300588569 001").value == "0300588569-001"
    assert parse_identifier("0300588569001").kind == IdentifierKind.BRANCH_CODE
    pid = parse_identifier("004 190 001 234", today=TODAY)
    assert (pid.kind, pid.value) == (IdentifierKind.PERSONAL_ID, "004190001234")


@given(st.from_regex(r"\d{9}", fullmatch=True))
def test_made_tax_codes_validate_and_one_digit_off_fails(first9: str) -> None:
    code = make_tax_code(first9)
    if code is None:
        return
    assert is_valid_tax_code(code)
    wrong = code[:9] + str((int(code[9]) + 1) % 10)
    assert not is_valid_tax_code(wrong)


@pytest.mark.parametrize("phone", ["0912345678", "0912 345 678", "+84 912 345 678", "0206.3852.123", "(0206) 3852123"])
def test_good_phones(phone: str) -> None:
    assert phone_error(phone) is None


@pytest.mark.parametrize("phone", ["123", "0112345678", "091234567", "02063852", "0912345678x"])
def test_bad_phones(phone: str) -> None:
    assert phone_error(phone)


def test_email() -> None:
    assert email_error("htx.phiaden@gmail.com") is None
    assert email_error("") is None
    assert email_error("htx@") and email_error("a b@c.vn")


def _valid() -> ProducerData:
    return ProducerData(kind="htx", name="HTX Miến dong Phia Đén", identifier="0101248141", commune_code=1477,
                        reg_number="4807000123", reg_date=dt.date(2019, 3, 1), phone="0912345678")


def test_valid_producer_passes() -> None:
    assert validate_producer(_valid(), today=TODAY) == {}


@pytest.mark.parametrize(("field", "value"), [
    ("name", "  "), ("identifier", "0101248142"), ("phone", "12345"), ("email", "x@y"),
    ("reg_date", dt.date(2027, 1, 1)), ("commune_code", None), ("identifier", ""), ("rep_ethnicity", "99"),
])
def test_each_bad_field_is_named(field: str, value: object) -> None:
    data = _valid()
    setattr(data, field, value)
    errors = validate_producer(data, today=TODAY)
    assert list(errors) == [field]


def test_household_may_use_personal_id_but_cooperative_may_not() -> None:
    data = _valid()
    data.identifier = "004190001234"
    assert "identifier" in validate_producer(data, today=TODAY)
    data.kind = "ho_kd"
    assert validate_producer(data, today=TODAY) == {}


def test_commune_outside_office_is_refused() -> None:
    errors = validate_producer(_valid(), today=TODAY, office_communes=[1489])
    assert list(errors) == ["commune_code"]


def test_messages_are_vietnamese() -> None:
    set_language("vi")
    data = _valid()
    data.identifier = "0101248142"
    msg = validate_producer(data, today=TODAY)["identifier"]
    assert msg == _("Tax code / ID: the check digit (last digit of the tax code) is wrong; check the number on the registration certificate.")
    assert "Mã số" in msg, msg
