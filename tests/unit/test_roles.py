"""Issue 9 §2: the services refuse what the local office's role does not do, and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from ocop_desktop.errors import NotAllowed
from ocop_desktop.models import Certificate, CommuneAssessment, Decision
from ocop_desktop.services import (
    commune_assessments,
    decision_records,
    decisions,
    producers,
    products,
)
from ocop_desktop.services.commune_assessments import CommuneAssessmentData
from ocop_desktop.services.decisions import DecisionData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

TODAY = dt.date(2026, 11, 25)
SIGNED = dt.date(2026, 11, 20)


def _decision(**kw) -> DecisionData:  # noqa: ANN003
    base = dict(number="1234/QĐ-UBND", date=SIGNED, authority="Ủy ban nhân dân tỉnh Cao Bằng", level="province",
                signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    base.update(kw)
    return DecisionData(**base)


def _product(db) -> str:  # noqa: ANN001
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(kind="ho_sx", name="HTX Phia Đén", commune_code=1477)).id
        return products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid, product_set=7,
                                                      commune_code=1477, status="dang_danh_gia"), today=TODAY).id


def _count(db, model) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_field_office_does_not_record_decisions(db, set_role) -> None:  # noqa: ANN001
    pid = _product(db)
    with db.session() as s, pytest.raises(NotAllowed) as exc:
        decisions.record_recognition(s, _decision(), [(pid, 4)], today=TODAY)
    assert "Chỉ Văn phòng OCOP tỉnh" in exc.value.message and "gói đồng bộ" in exc.value.message
    assert exc.value.exit_code == 2
    assert _count(db, Decision) == 0 and _count(db, Certificate) == 0

    set_role(db, "province")  # the province records it; the field office still may not revoke
    with db.session() as s:
        decisions.record_recognition(s, _decision(), [(pid, 4)], today=TODAY)
    with db.read_session() as s:
        cid = s.scalar(select(Certificate.id))
    set_role(db, "field")
    with db.session() as s, pytest.raises(NotAllowed):
        decisions.revoke(s, [cid], _decision(kind="revocation", number="88/QĐ-UBND", date=dt.date(2027, 3, 1)),
                         "b", today=dt.date(2027, 3, 2))
    with db.read_session() as s:
        assert s.get(Certificate, cid).revoked_by_decision_id is None
    assert _count(db, Decision) == 1
    # Re-issue, correct and annul are the province's too (the field office receives them by bundle).
    with db.read_session() as s:
        did = s.scalar(select(Decision.id))
    attempts = (
        lambda s: decision_records.reissue_certificate(s, cid, "Đổi tên sản phẩm", today=TODAY),
        lambda s: decision_records.correct_decision(s, did, _decision(number="1235/QĐ-UBND"), "Sai số",
                                                    today=TODAY),
        lambda s: decision_records.annul_decision(s, did, "Sai đối tượng", TODAY, today=TODAY),
    )
    for attempt in attempts:
        with db.session() as s, pytest.raises(NotAllowed):
            attempt(s)
    with db.read_session() as s:
        assert s.get(Decision, did).annulled_on is None
        assert s.get(Decision, did).number == "1234/QĐ-UBND"
    assert _count(db, Certificate) == 1


def test_the_province_does_not_write_a_communes_form_03(province_db, set_role) -> None:  # noqa: ANN001
    db = province_db
    pid = _product(db)
    data = CommuneAssessmentData(product_id=pid, year=2026, round=1, raw_material_verdict="yes",
                                 raw_material_text="Củ dong riềng của xã.")
    with db.session() as s, pytest.raises(NotAllowed) as exc:
        commune_assessments.save_commune_assessment(s, data, today=TODAY)
    assert "Chỉ đơn vị cấp cơ sở" in exc.value.message and "Mẫu số 03" in exc.value.message
    assert _count(db, CommuneAssessment) == 0

    set_role(db, "field")  # the field office writes it; the province may not delete it either
    with db.session() as s:
        aid = commune_assessments.save_commune_assessment(s, data, today=TODAY).id
    set_role(db, "province")
    with db.session() as s, pytest.raises(NotAllowed):
        commune_assessments.delete_commune_assessment(s, aid)
    with db.read_session() as s:
        assert not s.get(CommuneAssessment, aid).deleted


def test_the_database_knows_the_role_without_the_orm(db, set_role) -> None:  # noqa: ANN001
    from ocop_desktop.db import Database

    assert db.office_role == "field"
    set_role(db, "province")
    assert db.office_role == "province"
    path = db.path
    db.close()
    again = Database.open(path)  # a current file: the role comes from the start-up peek
    try:
        assert again.office_id is not None and again.office_role == "province"
    finally:
        again.close()


def test_a_field_demo_still_gets_its_certificates(tmp_path) -> None:  # noqa: ANN001
    """The demo stands in for the province's bundle; the office stays a field office."""
    from ocop_desktop import demo
    from ocop_desktop.db import Database

    path = tmp_path / "demo.sqlite"
    demo.build_demo(path, products=40, role="field", with_decisions=True)
    db = Database.open(path)
    try:
        assert db.office_role == "field" and _count(db, Certificate) > 0
    finally:
        db.close()


def test_decision_fields_refuse_emoji_and_control_characters(db, set_role) -> None:  # noqa: ANN001
    """They print on every certificate (issue 9 §4): the fonts have no glyph, so they vanished."""
    from ocop_desktop.errors import ValidationFailed
    from ocop_desktop.i18n import set_language

    set_language("en")
    set_role(db, "province")
    pid = _product(db)
    bad = {"signer_name": "Lê Hải Hòa 🌾", "signer_title": "KT. CHỦ TỊCH\x07", "authority": "UBND tỉnh\u200b x",
           "number": "1234/QĐ-UBND\x00"}
    with db.session() as s, pytest.raises(ValidationFailed) as exc:
        decisions.record_recognition(s, _decision(**bad), [(pid, 4, "12/2026/GCN 🌟")], today=TODAY)
    assert set(bad) <= set(exc.value.errors)
    assert "U+1F33E" in exc.value.errors["signer_name"]
    assert "U+1F31F" in exc.value.errors["items.0.number"]
    assert _count(db, Decision) == 0 and _count(db, Certificate) == 0
    with db.session() as s:
        did = decisions.record_recognition(s, _decision(signer_name="Lê Hải Hòa (ký thay) №1"), [(pid, 4)],
                                           today=TODAY).id
    with db.session() as s, pytest.raises(ValidationFailed) as exc:
        decision_records.annul_decision(s, did, "Sai tên 😀", TODAY, today=TODAY)
    assert "U+1F600" in exc.value.errors["reason"]


def test_form_03_text_refuses_emoji_and_control_characters(db) -> None:  # noqa: ANN001
    """Mẫu 03 is printed and signed by the commune: the same rule as the other official fields."""
    from ocop_desktop.errors import ValidationFailed
    from ocop_desktop.i18n import set_language

    set_language("en")
    pid = _product(db)
    data = CommuneAssessmentData(product_id=pid, year=2026, round=1, raw_material_verdict="yes",
                                 raw_material_text="Củ dong riềng 🌱 của xã.", signer_name="Nông Văn\x1bA",
                                 signer_title="C" * 129)
    with db.session() as s, pytest.raises(ValidationFailed) as exc:
        commune_assessments.save_commune_assessment(s, data, today=TODAY)
    errors = exc.value.errors
    assert "U+1F331" in errors["raw_material_text"] and "U+001B" in errors["signer_name"]
    assert "128" in errors["signer_title"]
    assert _count(db, CommuneAssessment) == 0
