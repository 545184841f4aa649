"""Official fields refuse emoji and control characters (they vanished from the certificates)
and values longer than the columns that store them; the service refuses, so every path
(dialogs, CLI, demo) is covered. Vietnamese text and ordinary symbols pass, kept NFC."""

from __future__ import annotations

import unicodedata

import pytest

from ocop_desktop.errors import ValidationFailed
from ocop_desktop.models import Producer, Product
from ocop_desktop.services import producers, products
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData
from ocop_desktop.services.validation import PRODUCER_TEXT_FIELDS, PRODUCT_TEXT_FIELDS
from ocop_desktop.text import unprintable_char


def _producer(**kw) -> ProducerData:  # noqa: ANN003
    base = dict(kind="htx", name="HTX Miến dong Phia Đén", identifier="0101248141", commune_code=1477,
                rep_name="Nông Thị Hoa", rep_title="Giám đốc", rep_sex="nu", rep_ethnicity="02")
    return ProducerData(**{**base, **kw})


@pytest.mark.parametrize("text", ["Miến dong 🌾", "Trà ☕ Kolia", "Mật ong ⭐", "HTX\u200dPhia", "Bánh\x07",
                                  "Rượu\ufe0f", "Tên\ue000"])
def test_emoji_and_control_characters_are_found(text: str) -> None:
    assert unprintable_char(text) is not None


@pytest.mark.parametrize("text", ["Hợp tác xã Nông nghiệp Phia Đén", "Rượu ngô 29°", "Số №12 ©", "Trà 100% ±",
                                  unicodedata.normalize("NFD", "Miến dong Phia Đén"), "Hạt dẻ – “rang”"])
def test_vietnamese_and_ordinary_symbols_pass(text: str) -> None:
    assert unprintable_char(text) is None


def test_notes_may_have_line_breaks_but_names_may_not_hold_control_characters() -> None:
    assert unprintable_char("dòng 1\ndòng 2\tx", multiline=True) is None
    assert unprintable_char("dòng 1\x0bdòng 2", multiline=True) == "\x0b"


def test_create_producer_refuses_an_emoji_in_the_name_and_saves_nothing(db) -> None:  # noqa: ANN001
    with pytest.raises(ValidationFailed) as info, db.session() as s:
        producers.create_producer(s, _producer(name="HTX Miến dong 🌾 Phia Đén"))
    msg = info.value.errors["name"]
    assert msg.startswith("Tên chủ thể: hãy xóa ký tự thứ 15 (U+1F33E).") and "biểu tượng cảm xúc" in msg.lower()
    with db.read_session() as s:
        assert s.query(Producer).count() == 0


def test_a_control_character_is_named_by_its_code(db) -> None:  # noqa: ANN001
    with db.read_session() as s:
        errors, _dups = producers.check(s, _producer(rep_name="Nông Thị\x07Hoa"))
    assert "U+0007" in errors["rep_name"]


def test_product_name_description_and_certifications_are_checked(db) -> None:  # noqa: ANN001
    with db.session() as s:
        pid = producers.create_producer(s, _producer()).id
    data = ProductData(name="Miến dong 🍜", producer_id=pid, product_set=7, description="Ngon 😋",
                       certifications=[{"kind": "vietgap", "number": "VG-01\u200b", "issuer": "Sở NN"}])
    with db.read_session() as s:
        errors = products.check(s, data)
    assert set(errors) >= {"name", "description", "certifications.0"}
    with pytest.raises(ValidationFailed), db.session() as s:
        products.create_product(s, data)
    with db.read_session() as s:
        assert s.query(Product).count() == 0


def test_lengths_are_those_of_the_columns_and_a_longer_value_is_refused(db) -> None:  # noqa: ANN001
    for model, spec in ((Producer, PRODUCER_TEXT_FIELDS), (Product, PRODUCT_TEXT_FIELDS)):
        for name, (_label, length, _multiline) in spec.items():
            assert getattr(model.__table__.c[name].type, "length", None) == length, (model, name)
    with db.read_session() as s:
        errors, _dups = producers.check(s, _producer(rep_title="G" * 129))
    assert errors["rep_title"] == "Chức vụ của người đại diện: tối đa 128 ký tự (hiện có 129)."
    with db.read_session() as s:
        errors, _dups = producers.check(s, _producer(rep_title="G" * 128))
    assert "rep_title" not in errors


def test_nfc_is_kept(db) -> None:  # noqa: ANN001
    with db.session() as s:
        pid = producers.create_producer(s, _producer(name=unicodedata.normalize("NFD", "HTX Phia Đén"))).id
    with db.read_session() as s:
        assert s.get(Producer, pid).name == unicodedata.normalize("NFC", "HTX Phia Đén")


def test_council_member_names_and_roles_refuse_them_too(db) -> None:  # noqa: ANN001
    from ocop_desktop.services import evaluations as ev

    with db.session() as s:
        pid = producers.create_producer(s, _producer()).id
        prod = products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid, product_set=7)).id
        eid = ev.create_evaluation(s, prod, "council", 2026, 1).id
    with pytest.raises(ValidationFailed) as info, db.session() as s:
        ev.add_member(s, eid, "Nông Văn Thành 👍", "Chủ tịch\x1b")
    assert set(info.value.errors) == {"member_name", "member_role"}
    assert "U+1F44D" in info.value.errors["member_name"] and "U+001B" in info.value.errors["member_role"]
    with db.session() as s:
        assert ev.add_member(s, eid, "Nông Văn Thành", "Chủ tịch Hội đồng").member_name == "Nông Văn Thành"


def test_the_fast_path_refuses_exactly_what_the_rule_refuses() -> None:
    """unprintable_at skips its per-character loop for plain text: every character below U+2100
    (and the emoji) is judged the same either way, alone and inside a Vietnamese sentence."""
    import unicodedata

    from ocop_desktop import text

    def refused(ch: str, multiline: bool) -> bool:
        if multiline and ch in "\n\r\t":
            return False
        code = ord(ch)
        return (unicodedata.category(ch) in text._INVISIBLE_CATEGORIES
                or any(lo <= code <= hi for lo, hi in text._PICTOGRAPH_RANGES))

    for code in [*range(0x2100), 0x2600, 0x2B50, 0xFE0F, 0x1F33E, 0x1F600, 0xE000]:
        ch = chr(code)
        for multiline in (False, True):
            expected = 9 if refused(ch, multiline) else None
            assert text.unprintable_at(f"Miến dong{ch}Phia Đén", multiline=multiline) == expected, hex(code)
