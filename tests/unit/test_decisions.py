"""Recognition and revocation decisions and the certificate register on real SQLite: the
pure rules (expiry, status windows, who certifies what), every refusal with its message,
superseding on re-recognition, revocation, and the status shown per product."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ocop_desktop.db import Database
from ocop_desktop.domain import certificates as rules
from ocop_desktop.domain.certificates import CertificateStatus as S
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.i18n import set_language
from ocop_desktop.models import Certificate, ChangeLog, Decision, Product
from ocop_desktop.services import decisions, producers, products
from ocop_desktop.services import evaluations as ev
from ocop_desktop.services.decisions import DecisionData, RecognitionItem
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

TODAY = dt.date(2026, 11, 22)
SIGNED = dt.date(2026, 11, 20)


@pytest.fixture
def db(db, set_role):  # noqa: ANN001, ANN201
    """The provincial OCOP office: it records the decisions (issue 9 §2)."""
    set_role(db, "province")
    return db


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")  # messages checked by their English ids


def _decision(**kw) -> DecisionData:  # noqa: ANN003
    base = dict(number="1234/QĐ-UBND", date=SIGNED, authority="Ủy ban nhân dân tỉnh Cao Bằng", level="province",
                signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    base.update(kw)
    return DecisionData(**base)


def _revocation(**kw) -> DecisionData:  # noqa: ANN003
    return _decision(kind="revocation", number="88/QĐ-UBND", date=dt.date(2027, 3, 1), **kw)


def _product(db: Database, name: str = "Miến dong Phia Đén") -> str:
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(
            kind="ho_sx", name=f"HTX {name}", commune_code=1477, address_detail="Thôn Phia Đén",
            rep_name="Nông Thị Hoa", rep_title="Giám đốc")).id
        return products.create_product(s, ProductData(name=name, producer_id=pid, product_set=7, commune_code=1477,
                                                      status="dang_danh_gia"), today=TODAY).id


def _recognise(db: Database, items: list, **kw) -> str:  # noqa: ANN003
    with db.session() as s:
        return decisions.record_recognition(s, _decision(**kw), items, today=TODAY).id


def _refused(db: Database, items: list, data: DecisionData | None = None) -> dict[str, str]:
    with db.session() as s, pytest.raises(ValidationFailed) as exc:
        decisions.record_recognition(s, data or _decision(), items, today=TODAY)
    return exc.value.errors


# -- pure rules ------------------------------------------------------------------------


def test_expiry_is_36_months_later_clamped_to_the_month() -> None:
    assert rules.expiry_for(dt.date(2026, 11, 20)) == dt.date(2029, 11, 20)
    assert rules.expiry_for(dt.date(2024, 2, 29)) == dt.date(2027, 2, 28)  # no 29/02/2027
    assert rules.expiry_for(dt.date(2025, 2, 28)) == dt.date(2028, 2, 28)  # 2028 is leap: still the 28th
    assert rules.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert rules.add_months(dt.date(2026, 12, 31), 14) == dt.date(2028, 2, 29)


def test_status_windows_at_their_exact_boundaries() -> None:
    expiry = dt.date(2029, 11, 20)

    def on(days_before: int) -> S:
        return rules.status({"expiry_date": expiry}, expiry - dt.timedelta(days=days_before))

    assert on(181) == S.VALID
    assert on(180) == S.REEVALUATION_WINDOW  # the window opens 180 days before (inclusive)
    assert on(150) == S.REEVALUATION_WINDOW
    assert on(120) == S.REEVALUATION_WINDOW  # … and closes 120 days before (inclusive)
    assert on(119) == S.EXPIRING
    assert on(0) == S.EXPIRING  # valid through its expiry date
    assert on(-1) == S.EXPIRED
    assert rules.reevaluation_window(expiry) == (expiry - dt.timedelta(days=180), expiry - dt.timedelta(days=120))
    # Revoked wins over superseded, which wins over the dates; objects work as well as mappings.
    assert rules.status({"expiry_date": expiry, "superseded_by_id": "x", "revoked_by_decision_id": "y"},
                        expiry) == S.REVOKED
    assert rules.status({"expiry_date": expiry, "superseded_by_id": "x"}, expiry + dt.timedelta(days=9)) \
        == S.SUPERSEDED

    class Cert:
        expiry_date = expiry
        revoked_by_decision_id = None
        superseded_by_id = None

    assert rules.status(Cert(), expiry - dt.timedelta(days=500)) == S.VALID
    assert set(rules.CERTIFICATE_STATUS_LABELS) == set(S)


def test_who_certifies_what() -> None:
    assert rules.certifiable(3, "province") is None
    assert rules.certifiable(4, "province") is None
    assert rules.certifiable(4, "ministry") is None  # Điều 7: the Ministry may recognise 3★/4★
    assert rules.certifiable(5, "ministry") is None
    assert "Minister" in rules.certifiable(5, "province")
    for stars in (None, 0, 1, 2, 6):
        assert "3 to 5 stars" in rules.certifiable(stars, "ministry")
    assert rules.certifiable(4, "district") is not None


def test_revocation_grounds_carry_the_text_of_article_8() -> None:
    assert [g.value for g in rules.RevocationGround] == ["a", "b", "c", "d", "dd", "e"]
    assert rules.revocation_ground_label("dd") == "đ) Chủ thể OCOP không còn hoạt động sản xuất sản phẩm OCOP."
    assert rules.revocation_ground_label("a").startswith("a) Chủ thể OCOP bị phát hiện cung cấp thông tin")
    assert rules.revocation_ground_label(None) == "" and rules.revocation_ground_label("zz") == "zz"


# -- recognition -----------------------------------------------------------------------


def test_recognition_creates_certificates_and_ranks_the_products(db: Database) -> None:
    a, b = _product(db, "Miến dong Phia Đén"), _product(db, "Chè Shan tuyết")
    dec = _recognise(db, [(a, 4, None, None), RecognitionItem(b, 3, "77/GCN-CB")])
    with db.read_session() as s:
        d = s.get(Decision, dec)
        assert (d.kind, d.number, d.level, d.date) == ("recognition", "1234/QĐ-UBND", "province", SIGNED)
        certs = {c.product_id: c for c in s.scalars(select(Certificate))}
        assert certs[a].number == "1/2026/GCN-OCOP" and certs[b].number == "77/GCN-CB"
        assert certs[a].issue_date == SIGNED and certs[a].expiry_date == dt.date(2029, 11, 20)
        assert certs[a].copies_printed == 0 and certs[a].decision_id == dec
        pa, pb = s.get(Product, a), s.get(Product, b)
        assert (pa.stars, pa.status, pb.stars, pb.status) == (4, "dat_ocop", 3, "dat_ocop")
        ops = {(c.table_name, c.op) for c in s.scalars(select(ChangeLog))}
        assert {("decision", "create"), ("certificate", "create"), ("product", "update")} <= ops
    # The next allocated number skips every one used this year.
    c = _product(db, "Mật ong bạc hà")
    _recognise(db, [(c, 3, None, None)], number="1300/QĐ-UBND")
    with db.read_session() as s:
        assert s.scalar(select(Certificate.number).where(Certificate.product_id == c)) == "2/2026/GCN-OCOP"
        rows = decisions.list_certificates(s, TODAY)
        assert [r.product_name for r in rows][-1] in {"Miến dong Phia Đén", "Chè Shan tuyết", "Mật ong bạc hà"}
        row = next(r for r in rows if r.product_id == a)
        assert (row.status, row.stars, row.decision_number, row.producer_name) == \
            ("valid", 4, "1234/QĐ-UBND", "HTX Miến dong Phia Đén")
        assert row.product_code.startswith("04-01477-") and row.days_left == (dt.date(2029, 11, 20) - TODAY).days
        assert "mien dong" in row.search_text
        assert [r.product_id for r in decisions.list_certificates(s, TODAY, decision_id=dec)] != []
        assert len(decisions.list_certificates(s, TODAY, decision_id=dec)) == 2


def test_five_stars_need_a_ministry_decision(db: Database) -> None:
    a = _product(db)
    errors = _refused(db, [(a, 5, None, None)])
    assert errors == {"items.0.stars": "Miến dong Phia Đén: 5 stars are recognised only by a decision of the "
                                       "Minister of Agriculture and Environment."}
    _recognise(db, [(a, 5, None, None)], level="ministry", authority="Bộ Nông nghiệp và Môi trường",
               signer_title="BỘ TRƯỞNG")
    with db.read_session() as s:
        assert s.get(Product, a).stars == 5


def test_each_refusal_names_its_reason(db: Database) -> None:
    a, b = _product(db, "Miến dong"), _product(db, "Chè")
    empty = DecisionData(date=None)
    errors = _refused(db, [(a, 4, None, None)], empty)
    assert errors["number"] == "Decision number: enter the number of the decision (e.g. 1234/QĐ-UBND)."
    assert errors["date"] == "Decision date: enter the date the decision was signed."
    assert errors["authority"] == "Issuing authority: enter the authority that issued the decision."
    assert errors["signer_name"] == "Signer: enter the name of the person who signed the decision."
    assert errors["signer_title"].startswith("Signer's title: enter the title of the signer")
    assert _refused(db, [(a, 4, None, None)], _decision(date=dt.date(2062, 1, 1)))["date"].startswith(
        "Decision date: 01/01/2062 is after today (22/11/2026)")
    assert _refused(db, [(a, 4, None, None)], _decision(level="district"))["level"] == \
        "Decision level: choose province or ministry."
    assert _refused(db, [(a, 4, None, None)], _decision(kind="revocation"))["kind"] == \
        "Decision kind: a recognition needs a recognition decision."
    assert _refused(db, [])["items"] == "Products: the decision lists no product."
    assert _refused(db, [(a, 2, None, None)])["items.0.stars"] == \
        "Miến dong: Only products of 3 to 5 stars are recognised and certified."
    assert _refused(db, [(a, 6, None, None)])["items.0.stars"].endswith("3 to 5 stars are recognised and certified.")
    assert _refused(db, [("no-such-id", 4, None, None)])["items.0.product"] == \
        "Product no-such-id: it does not exist or was deleted."
    with db.session() as s:
        products.delete_product(s, b)
    assert _refused(db, [(b, 4, None, None)])["items.0.product"] == f"Product {b}: it does not exist or was deleted."
    with db.session() as s:
        products.restore_product(s, b)
    assert _refused(db, [(a, 4, None, None), (a, 3, None, None)])["items.1.product"] == \
        "Miến dong: the product is listed twice in this decision."
    assert _refused(db, [(a, 4, "9/GCN", None), (b, 3, "9/GCN", None)])["items.1.number"] == \
        "Chè: the certificate number 9/GCN is given twice in this decision."
    assert _refused(db, [(a, 4, "  ", None)])["items.0.number"] == "Miến dong: the certificate number is empty."
    assert _refused(db, [(a, 4, None, "no-such-evaluation")])["items.0.evaluation"] == \
        "Miến dong: the evaluation no-such-evaluation does not exist or is not this product's."
    _recognise(db, [(a, 4, "9/GCN", None)])
    assert _refused(db, [(b, 3, "9/GCN", None)])["items.0.number"] == \
        "Chè: the certificate number 9/GCN is already used by another certificate."
    # Nothing of the refusals was written.
    with db.read_session() as s:
        assert len(s.scalars(select(Decision)).all()) == 1 and s.get(Product, b).stars is None


def test_evaluation_of_the_product_is_linked(db: Database) -> None:
    a, b = _product(db, "Miến dong"), _product(db, "Chè")
    with db.session() as s:
        eid = ev.create_evaluation(s, a, "council", 2026, 2, today=TODAY).id
    assert "items.0.evaluation" in _refused(db, [(b, 4, None, eid)])  # another product's evaluation
    with db.session() as s:  # the council is still open: a warning confirmed with a reason
        decisions.record_recognition(s, _decision(), [(a, 4, None, eid)], today=TODAY,
                                     confirmations={f"before_final:{a}": "Kết quả đã thông qua tại cuộc họp"})
    with db.read_session() as s:
        cid = s.scalar(select(Certificate.id))
        assert decisions.certificate_detail(s, cid, TODAY).evaluation_id == eid


def test_re_recognition_supersedes_the_previous_certificate(db: Database) -> None:
    a = _product(db)
    _recognise(db, [(a, 3, None, None)], date=dt.date(2024, 2, 29), number="100/QĐ-UBND")
    with db.read_session() as s:
        first = s.scalar(select(Certificate))
        first_id = first.id
        assert first.expiry_date == dt.date(2027, 2, 28) and first.number == "1/2024/GCN-OCOP"
        assert decisions.product_certificate_status(s, [a], dt.date(2026, 6, 1)) == {a: "valid"}
        assert decisions.product_certificate_status(s, [a], dt.date(2026, 10, 1)) == {a: "reevaluation_window"}
        assert decisions.product_certificate_status(s, [a], dt.date(2027, 1, 1)) == {a: "expiring"}
        assert decisions.product_certificate_status(s, [a], dt.date(2027, 3, 1)) == {a: "expired"}
    # Upgrade to 4★ by the next decision: the old certificate is superseded, the product takes 4★.
    _recognise(db, [(a, 4, None, None)])
    with db.read_session() as s:
        old, new = s.get(Certificate, first_id), s.scalar(select(Certificate).where(Certificate.id != first_id))
        assert old.superseded_by_id == new.id and new.superseded_by_id is None
        assert s.get(Product, a).stars == 4
        assert decisions.product_certificate_status(s, [a], TODAY) == {a: "valid"}
        detail = decisions.certificate_detail(s, old.id, TODAY)
        assert (detail.status, detail.superseded_by_number) == ("superseded", new.number)
        statuses = {r.number: r.status for r in decisions.list_certificates(s, TODAY, product_id=a)}
        assert statuses == {"1/2024/GCN-OCOP": "superseded", "1/2026/GCN-OCOP": "valid"}
        assert [r.number for r in decisions.list_certificates(s, TODAY, statuses={"superseded"})] == ["1/2024/GCN-OCOP"]


def test_revocation(db: Database) -> None:
    a, b = _product(db, "Miến dong"), _product(db, "Chè")
    _recognise(db, [(a, 4, None, None), (b, 3, None, None)])
    with db.read_session() as s:
        ca = s.scalar(select(Certificate.id).where(Certificate.product_id == a))
    with db.session() as s:
        rev = decisions.revoke(s, [ca, ca], _revocation(), "dd", today=dt.date(2027, 3, 2)).id
    with db.read_session() as s:
        c = s.get(Certificate, ca)
        assert (c.revoked_by_decision_id, c.revocation_ground) == (rev, "dd")
        assert s.get(Decision, rev).kind == "revocation"
        p = s.get(Product, a)
        assert (p.status, p.stars) == ("thu_hoi", 4)  # stars kept as history
        assert s.get(Product, b).status == "dat_ocop"
        assert decisions.product_certificate_status(s, [a, b, "none"], TODAY) == \
            {a: "revoked", b: "valid", "none": None}
        d = decisions.certificate_detail(s, ca, TODAY)
        assert (d.status, d.revocation_number, d.revocation_date) == ("revoked", "88/QĐ-UBND", dt.date(2027, 3, 1))
        assert d.revocation_ground_label.startswith("đ) ")
        row = decisions.list_certificates(s, TODAY, decision_id=rev)
        assert [r.id for r in row] == [ca] and row[0].revocation_number == "88/QĐ-UBND"
    later = dt.date(2027, 3, 2)

    def refused(ids: list[str], data: DecisionData, ground: str = "a") -> dict[str, str]:
        with db.session() as s, pytest.raises(ValidationFailed) as exc:
            decisions.revoke(s, ids, data, ground, today=later)
        return exc.value.errors

    assert refused([ca], _revocation())[f"certificate.{ca}"] == "Certificate 1/2026/GCN-OCOP: it is already revoked."
    assert refused(["nope"], _revocation())["certificate.nope"] == "Certificate nope: it does not exist or was deleted."
    assert refused([], _revocation())["certificates"] == "Certificates: choose the certificates to revoke."
    assert refused([ca], _revocation(), "z")["ground"] == \
        "Ground: choose the ground of the revocation (Article 8.1, points a to e)."
    assert refused([ca], _decision())["kind"] == "Decision kind: a revocation needs a revocation decision."


def test_revoking_five_stars_needs_the_ministry_and_a_live_certificate(db: Database) -> None:
    a, b = _product(db, "Miến dong"), _product(db, "Chè")
    _recognise(db, [(a, 5, None, None)], level="ministry", authority="Bộ Nông nghiệp và Môi trường")
    _recognise(db, [(b, 3, None, None)], date=dt.date(2022, 1, 10), number="5/QĐ-UBND")
    with db.read_session() as s:
        ca = s.scalar(select(Certificate.id).where(Certificate.product_id == a))
        cb = s.scalar(select(Certificate.id).where(Certificate.product_id == b))
    with db.session() as s, pytest.raises(ValidationFailed) as exc:
        decisions.revoke(s, [ca, cb], _revocation(), "b", today=dt.date(2027, 3, 2))
    assert exc.value.errors == {
        f"certificate.{ca}": "Certificate 1/2026/GCN-OCOP: a 5-star certificate is revoked only by a decision of "
                             "the Minister of Agriculture and Environment.",
        f"certificate.{cb}": "Certificate 1/2022/GCN-OCOP: it expired on 10/01/2025, before the decision.",
    }
    with db.session() as s:
        decisions.revoke(s, [ca], _revocation(level="ministry"), "b", today=dt.date(2027, 3, 2))
    with db.read_session() as s:
        assert s.get(Product, a).status == "thu_hoi"


def test_certificate_detail_has_what_the_printout_needs(db: Database) -> None:
    a = _product(db)
    _recognise(db, [(a, 4, "12/GCN-OCOP", None)])
    with db.session() as s:
        cid = s.scalar(select(Certificate.id))
        decisions.mark_printed(s, [cid])
    with db.read_session() as s:
        d = decisions.certificate_detail(s, cid, TODAY)
    assert (d.number, d.stars, d.product_name, d.producer_name) == \
        ("12/GCN-OCOP", 4, "Miến dong Phia Đén", "HTX Miến dong Phia Đén")
    assert d.producer_address == "Thôn Phia Đén, Xã Trùng Khánh, tỉnh Cao Bằng"
    assert d.product_code.startswith("04-01477-") and d.province_name == "Cao Bằng"
    assert (d.product_set, d.product_set_title, d.group_code, d.group_name) == \
        (7, "Chế biến từ rau, củ, quả, hạt", "I", "Thực phẩm")
    assert d.product_set_label == "7. Chế biến từ rau, củ, quả, hạt" and d.product_set_path.startswith("I. Thực phẩm")
    assert (d.decision_number, d.decision_date, d.decision_authority, d.signer_name, d.signer_title) == \
        ("1234/QĐ-UBND", SIGNED, "Ủy ban nhân dân tỉnh Cao Bằng", "Lê Hải Hòa", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    assert (d.issue_date, d.expiry_date, d.validity_months) == (SIGNED, dt.date(2029, 11, 20), 36)
    assert (d.status, d.live, d.copies_printed, d.revocation_ground_label) == ("valid", True, 1, "")
    assert decisions.certificate_detail  # the status label follows the UI language
    set_language("vi")
    with db.read_session() as s:
        assert decisions.certificate_detail(s, cid, TODAY).status_label
