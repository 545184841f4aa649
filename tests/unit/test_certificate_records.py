"""Decisions and certificates as records of what was decided (issue 9 §2), on real SQLite files
and real PDFs (poppler): the snapshot at issue, re-issue, stars from the register, warnings that
need a reason, correcting, annulling and replacing decisions, archive copies."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from scoring_samples import SET_7_CHOICES_76
from sqlalchemy import select

from ocop_desktop.db import Database
from ocop_desktop.domain.certificates import CertificateStatus as S
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import set_language
from ocop_desktop.models import Certificate, Decision, Evaluation, Product
from ocop_desktop.reports import certificates_from_db
from ocop_desktop.services import decision_records, decisions, legacy_results, producers, products
from ocop_desktop.services import evaluations as ev
from ocop_desktop.services.decision_records import ConfirmationNeeded
from ocop_desktop.services.decisions import DecisionData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

TODAY = dt.date.today()
SIGNED = TODAY - dt.timedelta(days=10)
MIEN = "Miến dong Phia Đén"


@pytest.fixture
def db(db, set_role):  # noqa: ANN001, ANN201
    """The provincial OCOP office: it records the decisions (issue 9 §2)."""
    set_role(db, "province")
    return db


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def _decision(**kw) -> DecisionData:  # noqa: ANN003
    base = dict(number="1234/QĐ-UBND", date=SIGNED, authority="Ủy ban nhân dân tỉnh Cao Bằng", level="province",
                signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    base.update(kw)
    return DecisionData(**base)


def _product(db: Database, name: str = MIEN) -> str:
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(
            kind="ho_sx", name=f"HTX {name}", commune_code=1477, address_detail="Thôn Phia Đén",
            rep_name="Nông Thị Hoa", rep_title="Giám đốc")).id
        return products.create_product(s, ProductData(name=name, producer_id=pid, product_set=7, commune_code=1477,
                                                      status="dang_danh_gia"), today=TODAY).id


def _recognise(db: Database, items: list, **kw) -> str:  # noqa: ANN003
    confirmations = kw.pop("confirmations", None)
    with db.session() as s:
        return decisions.record_recognition(s, _decision(**kw), items, today=TODAY, confirmations=confirmations).id


def _cert(db: Database, product_id: str) -> str:
    with db.read_session() as s:
        return decisions.current_certificate_ids(s, [product_id])[product_id]


def _rename(db: Database, product_id: str, name: str, producer_name: str) -> None:
    with db.session() as s:
        data = products.get_product(s, product_id)
        data.name = name
        products.update_product(s, product_id, data, today=TODAY)
        p = s.get(Product, product_id)
        pdata = producers.get_producer(s, p.producer_id)
        pdata.name = producer_name
        pdata.address_detail = "Xóm Nà Giàng"
        producers.update_producer(s, p.producer_id, pdata, today=TODAY)


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _council(db: Database, product_id: str) -> tuple[str, int]:
    """A finalised one-member council (today): its id and stars."""
    with db.session() as s:
        eid = ev.create_evaluation(s, product_id, "council", TODAY.year, 1, today=TODAY).id
        sheet = ev.add_member(s, eid, "Lương Văn Thắng", "Chủ tịch Hội đồng").id
        ev.save_sheet_choices(s, sheet, dict(SET_7_CHOICES_76))
        stars = ev.finalise(s, eid).stars
    assert stars in (3, 4)
    return eid, stars


# -- the snapshot at issue -------------------------------------------------------------------------


@needs_poppler
def test_a_reprint_after_renaming_prints_what_was_issued(db: Database, tmp_path: Path) -> None:
    pid = _product(db)
    _recognise(db, [(pid, 4)])
    first = tmp_path / "first.pdf"
    certificates_from_db.print_certificates(db, first, product_id=pid, today=TODAY)
    _rename(db, pid, "Miến dong Nà Giàng", "HTX Nà Giàng")

    again = tmp_path / "again.pdf"
    certificates_from_db.print_certificates(db, again, product_id=pid, copy=True, today=TODAY)
    text = _pdftotext(again)
    assert MIEN in text and "HTX Miến dong Phia Đén" in text and "Thôn Phia Đén" in text
    assert "Nà Giàng" not in text
    assert "BẢN SAO" in text
    with db.read_session() as s:  # the register shows the issued name too, and finds the new one
        row = decisions.list_certificates(s, TODAY)[0]
        assert row.product_name == MIEN and row.producer_name == "HTX Miến dong Phia Đén"
        assert "na giang" in row.search_text


@needs_poppler
def test_re_issue_after_a_rename_keeps_both_in_the_register(db: Database, tmp_path: Path) -> None:
    pid = _product(db)
    _recognise(db, [(pid, 4, "7/2026/GCN-OCOP")])
    old = _cert(db, pid)
    _rename(db, pid, "Miến dong Nà Giàng", "HTX Nà Giàng")
    with db.session() as s, pytest.raises(ValidationFailed) as exc:
        decision_records.reissue_certificate(s, old, "  ", today=TODAY)
    assert "reason" in exc.value.errors
    with db.session() as s:
        new = decision_records.reissue_certificate(s, old, "Đổi tên sản phẩm theo đơn của chủ thể",
                                                   today=TODAY).id
    out = tmp_path / "reissued.pdf"
    certificates_from_db.print_certificates(db, out, product_id=pid, today=TODAY)
    text = _pdftotext(out)
    assert "Miến dong Nà Giàng" in text and "HTX Nà Giàng" in text and "7/2026/GCN-OCOP" in text
    assert f"(Cấp lại ngày {TODAY.strftime('%d/%m/%Y')})" in text
    with db.read_session() as s:
        rows = {r.id: r for r in decisions.list_certificates(s, TODAY)}
        assert rows[old].status == S.REISSUED and rows[old].product_name == MIEN
        assert rows[new].status == S.VALID and rows[new].product_name == "Miến dong Nà Giàng"
        assert rows[new].reissue_of_id == old and "Đổi tên" in rows[new].reissue_reason
        assert rows[new].expiry_date == rows[old].expiry_date and rows[new].stars == 4
        why = certificates_from_db.refusal(decisions.certificate_detail(s, old, TODAY))
        assert "re-issued as certificate 7/2026/GCN-OCOP" in why
    with db.session() as s, pytest.raises(BadInput):  # the old paper no longer stands
        decision_records.reissue_certificate(s, old, "again", today=TODAY)
    with db.session() as s:  # a new number, when the rules ask for one
        third = decision_records.reissue_certificate(s, new, "Mất giấy", number="9/2026/GCN-OCOP", today=TODAY)
        assert third.number == "9/2026/GCN-OCOP"


# -- stars from the register ---------------------------------------------------------------------


def test_product_stars_come_from_the_register_not_from_the_form(db: Database) -> None:
    pid = _product(db)
    with db.session() as s:  # typed by hand: ignored
        data = products.get_product(s, pid)
        data.stars, data.status = 5, "dat_ocop"
        products.update_product(s, pid, data, today=TODAY)
        assert s.get(Product, pid).stars is None
    with db.session() as s:  # a historical result with its decision
        legacy_results.create_legacy_result(s, pid, "qd-148-2023", "72", 4, "55/QĐ-UBND", dt.date(2024, 5, 2),
                                            2024, today=TODAY)
    with db.read_session() as s:
        assert s.get(Product, pid).stars == 4
        legacy = s.scalar(select(Evaluation.id).where(Evaluation.product_id == pid))
    with db.session() as s:  # deleting the historical result takes its stars away, restoring gives them back
        ev.delete_evaluation(s, legacy)
        assert s.get(Product, pid).stars is None
        ev.restore_evaluation(s, legacy)
        assert s.get(Product, pid).stars == 4
    _recognise(db, [(pid, 3)])
    with db.read_session() as s:
        listed = {r.id: r.stars for r in products.list_products(s)}
        register = {r.product_id: r.stars for r in decisions.list_certificates(s, TODAY) if r.status == S.VALID}
        assert listed[pid] == register[pid] == 3


# -- warnings that need a reason ----------------------------------------------------------------


def test_a_decision_before_the_council_finalised_or_with_other_stars_needs_reasons(db: Database) -> None:
    pid = _product(db)
    eid, council_stars = _council(db, pid)
    other = 3 if council_stars == 4 else 4
    with pytest.raises(ConfirmationNeeded) as exc, db.session() as s:
        decisions.record_recognition(s, _decision(date=TODAY - dt.timedelta(days=1)),
                                     [(pid, other, None, eid)], today=TODAY)
    keys = {w.key: w for w in exc.value.warnings}
    assert {w.code for w in keys.values()} == {"before_final", "stars_differ"}
    assert "before the council finalised" in exc.value.message and "council's result is" in exc.value.message
    with db.read_session() as s:
        assert s.scalar(select(Decision.id)) is None  # nothing written
    half = {k: "Theo Tờ trình số 12" for k in list(keys)[:1]}
    with pytest.raises(ConfirmationNeeded), db.session() as s:
        decisions.record_recognition(s, _decision(date=TODAY - dt.timedelta(days=1)),
                                     [(pid, other, None, eid)], today=TODAY, confirmations=half)
    reasons = {k: "Theo Tờ trình số 12 của Sở" for k in keys}
    did = _recognise(db, [(pid, other, None, eid)], date=TODAY - dt.timedelta(days=1), confirmations=reasons)
    with db.read_session() as s:
        kept = s.get(Decision, did).confirmed_warnings
        assert {w["code"] for w in kept} == {"before_final", "stars_differ"}
        assert all(w["reason"] == "Theo Tờ trình số 12 của Sở" for w in kept)
    # A decision on the council's day with its stars needs nothing.
    other_product = _product(db, "Chè Shan tuyết")
    eid2, stars2 = _council(db, other_product)
    _recognise(db, [(other_product, stars2, None, eid2)], number="99/QĐ-UBND", date=TODAY)


# -- correct, annul, replace ------------------------------------------------------------------------


def test_correct_before_printing_then_only_annul_or_replace(db: Database, tmp_path: Path) -> None:
    pid = _product(db)
    did = _recognise(db, [(pid, 4)])
    cid = _cert(db, pid)
    with db.session() as s, pytest.raises(ValidationFailed):
        decision_records.correct_decision(s, did, _decision(number="1243/QĐ-UBND"), "", today=TODAY)
    with db.session() as s:
        decision_records.correct_decision(s, did, _decision(number="1243/QĐ-UBND", date=SIGNED - dt.timedelta(1)),
                                          "Gõ nhầm số quyết định", stars={cid: 3}, today=TODAY)
    with db.read_session() as s:
        d = s.get(Decision, did)
        assert d.number == "1243/QĐ-UBND" and d.corrections[0]["previous"]["number"] == "1234/QĐ-UBND"
        assert d.corrections[0]["reason"] == "Gõ nhầm số quyết định"
        c = s.get(Certificate, cid)
        assert c.stars == 3 and c.issue_date == SIGNED - dt.timedelta(1)
        assert s.get(Product, pid).stars == 3

    certificates_from_db.print_certificates(db, tmp_path / "a.pdf", product_id=pid, today=TODAY)
    with db.session() as s, pytest.raises(BadInput, match="already printed"):
        decision_records.correct_decision(s, did, _decision(number="1244/QĐ-UBND"), "again", today=TODAY)

    with db.session() as s:
        new = decision_records.replace_decision(s, did, _decision(number="1300/QĐ-UBND", date=TODAY), [(pid, 4)],
                                                "Sai hạng sao", today=TODAY)
    with db.read_session() as s:
        old = s.get(Decision, did)
        assert old.annulled_on == TODAY and old.annul_reason == "Sai hạng sao" and old.replaced_by_id == new.id
        rows = {r.id: r for r in decisions.list_certificates(s, TODAY)}
        assert rows[cid].status == S.ANNULLED
        assert s.get(Product, pid).stars == 4
        detail = decisions.certificate_detail(s, cid, TODAY)
        assert "annulled" in certificates_from_db.refusal(detail)


@needs_poppler
def test_an_annulled_certificate_prints_only_as_a_watermarked_archive_copy(db: Database, tmp_path: Path) -> None:
    pid = _product(db)
    did = _recognise(db, [(pid, 4)])
    cid = _cert(db, pid)
    with db.session() as s:
        decision_records.annul_decision(s, did, "Quyết định ban hành sai thẩm quyền", TODAY, today=TODAY)
        assert s.get(Product, pid).stars is None and s.get(Product, pid).status == "dang_danh_gia"
    with pytest.raises(certificates_from_db.CertificatePrintRefused):
        certificates_from_db.print_certificates(db, tmp_path / "no.pdf", product_id=pid, today=TODAY)
    assert not (tmp_path / "no.pdf").exists()
    with db.session() as s:
        detail = decisions.certificate_detail(s, cid, TODAY)
        assert detail.status == S.ANNULLED
        view = certificates_from_db.build_view(detail, certificates_from_db.local_signing(s), archive=True)
    from ocop_desktop.reports.certificate import render_certificates

    render_certificates([view], tmp_path / "archive.pdf")
    text = _pdftotext(tmp_path / "archive.pdf")
    assert "BẢN LƯU" in text and "đã bị hủy bỏ" in text and "sai thẩm quyền" in text
    with db.session() as s, pytest.raises(BadInput):
        decision_records.annul_decision(s, did, "again", TODAY, today=TODAY)


@needs_poppler
def test_a_slash_in_the_signers_title_breaks_the_line_with_or_without_spaces(db: Database, tmp_path: Path) -> None:
    pid = _product(db)
    _recognise(db, [(pid, 4)], signer_title="KT. CHỦ TỊCH/PHÓ CHỦ TỊCH")
    out = tmp_path / "slash.pdf"
    certificates_from_db.print_certificates(db, out, product_id=pid, today=TODAY)
    lines = [x.strip() for x in _pdftotext(out).splitlines()]
    assert "KT. CHỦ TỊCH" in lines and "PHÓ CHỦ TỊCH" in lines
    assert not any("/PHÓ" in x for x in lines)


def test_a_refused_correcting_decision_leaves_the_old_one_standing(db: Database) -> None:
    pid = _product(db)
    did = _recognise(db, [(pid, 4)])
    with db.session() as s:
        with pytest.raises(ValidationFailed):
            decision_records.replace_decision(s, did, _decision(number="", date=TODAY), [(pid, 4)], "Sai",
                                              today=TODAY)
        assert s.get(Decision, did).annulled_on is None
    with db.read_session() as s:
        assert s.get(Decision, did).annulled_on is None
        assert [r.status for r in decisions.list_certificates(s, TODAY)] == [S.VALID]
        assert s.get(Product, pid).stars == 4


def test_0004_certificates_get_their_snapshot_on_upgrade(db: Database) -> None:
    """A 0004 database: its certificates take the names they printed until now; printed ones
    count as printed (no correction of their decision)."""
    import sqlite3

    from alembic import command

    from ocop_desktop import db as dbmod

    pid = _product(db)
    did = _recognise(db, [(pid, 4)])
    with db.session() as s:
        decisions.mark_printed(s, [_cert(db, pid)])
    path = db.path
    db.close()
    engine = dbmod._make_engine(path)  # noqa: SLF001 - same engine set-up as the app
    try:
        cfg = dbmod.alembic_config()
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0004_decisions")
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    try:
        assert "product_name" not in {r[1] for r in con.execute("PRAGMA table_info(certificate)")}
    finally:
        con.close()
    with Database.open(path) as again:
        with again.read_session() as s:
            c = s.scalars(select(Certificate)).one()
            assert (c.product_name, c.producer_name, c.product_set) == (MIEN, f"HTX {MIEN}", 7)
            assert c.producer_address is None and c.first_printed_at is not None
            assert s.get(Decision, did).confirmed_warnings == [] and s.get(Decision, did).annulled_on is None
        with again.session() as s, pytest.raises(BadInput, match="already printed"):
            decision_records.correct_decision(s, did, _decision(number="1/QĐ-UBND"), "x", today=TODAY)
