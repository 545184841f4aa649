"""Round trips between real offices with real keys: field office → province → field office,
idempotent re-import, out-of-order and lost bundles, restored offices, conflicts, photos,
acknowledgements, scope, key rotation and receipts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from ocop_desktop import paths
from ocop_desktop.db import restore
from ocop_desktop.models import (
    Evaluation,
    EvaluationSheet,
    Producer,
    Product,
    SyncConflict,
    SyncPeer,
)
from ocop_desktop.services import photos
from ocop_desktop.sync import conflicts, exporter, importer, overview, profiles
from ocop_desktop.sync.container import BundleError
from tests.sync.sync_samples import (
    COMMUNES,
    add_producer,
    content,
    edit,
    introduce,
    make_office,
    send,
    whole_db_digest,
)


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    f = make_office(tmp_path / "field.sqlite", "Trạm Dịch vụ nông nghiệp Trùng Khánh", "field", COMMUNES)
    p = make_office(tmp_path / "province.sqlite", "Sở Nông nghiệp và Môi trường Cao Bằng", "province", [])
    introduce(f, p)
    yield f, p
    f.close()
    p.close()


def _photo(db, tmp: Path, color: str) -> str:  # noqa: ANN001
    src = tmp / f"{color}.png"
    Image.new("RGB", (40, 30), color).save(src)
    with db.session() as s:
        return photos.add_photo(s, paths.photos_dir(db.path), src)


def _product(db, producer_id: str, name: str, photo: str | None = None) -> str:  # noqa: ANN001
    with db.session() as s:
        p = Product(name=name, producer_id=producer_id, product_set=6, commune_code=1477, status="dang_danh_gia",
                    photos=[photo] if photo else [])
        s.add(p)
        s.flush()
        ev = Evaluation(product_id=p.id, kind="council", year=2026, round=1, rubric_id="qd-26-2026", product_set=6)
        s.add(ev)
        s.flush()
        s.add(EvaluationSheet(evaluation_id=ev.id, member_name="Hoàng Văn Thái", choices={"1.1": 2}))
        return p.id


def test_round_trip_field_province_field(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Miến dong Phia Đén", rep_name="Nông Thị Hoa")
    sha = _photo(f, tmp_path, "red")
    prod = _product(f, pid, "Miến dong Phia Đén", sha)
    rep = send(f, p, tmp_path / "usb1")
    assert rep.totals["new"] == 4 and rep.totals["conflict"] == 0
    assert rep.photos_added == 1
    with p.read_session() as s:
        assert s.get(Product, prod).photos == [sha]
        assert s.get(Producer, pid).name == "HTX Miến dong Phia Đén"
    assert (paths.photos_dir(p.path) / sha[:2]).is_dir()
    # The province corrects the phone number; the return bundle brings it back with the acknowledgement.
    edit(p, pid, phone="0206 3852 111")
    back = send(p, f, tmp_path / "usb2")
    assert back.totals["fast_forward"] == 1
    with f.read_session() as s:
        assert s.get(Producer, pid).phone == "0206 3852 111"
        peer = s.get(SyncPeer, p.office_id)
        assert peer.acked_upto > 0
    assert content(f) == content(p)
    # Everything acknowledged: the next bundle from the field office carries nothing new.
    res = exporter.export_bundle(f, tmp_path / "usb2", p.office_id)
    assert res.records == 0


def test_importing_twice_changes_nothing(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    add_producer(f, "HTX Chè Shan tuyết")
    res = exporter.export_bundle(f, _dir(tmp_path / "usb"), p.office_id)
    first = importer.import_bundle(p, res.path)
    before = whole_db_digest(p.path)
    again = importer.import_bundle(p, res.path)
    assert again.already_imported and again.receipt == first.receipt
    assert whole_db_digest(p.path) == before


def _dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_lost_bundle_is_covered_by_the_next(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    a = add_producer(f, "HTX A")
    exporter.export_bundle(f, _dir(tmp_path / "lost"), p.office_id)  # the stick is lost
    b = add_producer(f, "HTX B")
    res = exporter.export_bundle(f, _dir(tmp_path / "usb"), p.office_id)
    rep = importer.import_bundle(p, res.path)
    assert rep.totals["new"] == 2
    with p.read_session() as s:
        assert s.get(Producer, a) is not None and s.get(Producer, b) is not None


def test_out_of_order_bundles_converge(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    f2 = make_office(tmp_path / "field2.sqlite", "Trạm Quảng Hoà", "field", COMMUNES)
    introduce(f2, p)
    try:
        a = add_producer(f, "HTX A")
        b1 = exporter.export_bundle(f, _dir(tmp_path / "b1"), p.office_id)
        edit(f, a, notes="ghi chú mới")
        b2 = exporter.export_bundle(f, _dir(tmp_path / "b2"), p.office_id)
        add_producer(f2, "HTX C")
        c1 = exporter.export_bundle(f2, _dir(tmp_path / "c1"), p.office_id)
        # The newer bundle first, then the other office's, then the old one (refused: already covered).
        importer.import_bundle(p, b2.path)
        importer.import_bundle(p, c1.path)
        before = whole_db_digest(p.path)
        with pytest.raises(BundleError) as e:
            importer.import_bundle(p, b1.path)
        assert e.value.code == "replayed"
        assert whole_db_digest(p.path) == before
        with p.read_session() as s:
            assert s.get(Producer, a).notes == "ghi chú mới"
        # A second province fed the bundles in the natural order holds the same records.
        q = make_office(tmp_path / "province2.sqlite", "Sở (bản sao)", "province", [])
        try:
            introduce(f, q)
            introduce(f2, q)
            for res, src in ((c1, f2), (b1, f), (b2, f)):
                again = exporter.export_bundle(src, _dir(tmp_path / "q" / res.path.stem), q.office_id, snapshot=True)
                importer.import_bundle(q, again.path)
            assert content(q) == content(p)
        finally:
            q.close()
    finally:
        f2.close()


def test_parallel_update_and_conflict(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Hồng Hà")
    send(f, p, tmp_path / "u1")
    edit(f, pid, phone="0911 111 111", notes="đã kiểm tra")
    edit(p, pid, email="hongha@example.vn", phone="0922 222 222")
    rep = send(f, p, tmp_path / "u2")
    assert rep.totals["conflict"] == 1
    [c] = rep.conflicts
    assert c.field == "phone" and {c.kept_value, c.other_value} == {"0911 111 111", "0922 222 222"}
    with p.read_session() as s:
        rec = s.get(Producer, pid)
        assert rec.email == "hongha@example.vn" and rec.notes == "đã kiểm tra"  # merged
    back = send(p, f, tmp_path / "u3")
    assert back.totals["fast_forward"] == 1
    assert content(f) == content(p)
    with f.read_session() as s:  # the conflict travelled with the return bundle
        assert [v.field for v in conflicts.list_conflicts(s)] == ["phone"]
    # The officer resolves it at the field office; the resolution travels to the province.
    with f.session() as s:
        conflicts.resolve(s, c.id, "0933 333 333")
    send(f, p, tmp_path / "u4")
    with p.read_session() as s:
        assert s.get(Producer, pid).phone == "0933 333 333"
        assert s.get(SyncConflict, c.id).status == "resolved"
        assert conflicts.list_conflicts(s) == []


def test_delete_against_edit_is_a_conflict_not_a_loss(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Nghiêm Sơn")
    send(f, p, tmp_path / "u1")
    edit(p, pid, deleted=True)
    edit(f, pid, phone="0944 444 444")
    rep = send(f, p, tmp_path / "u2")
    assert rep.totals["conflict"] == 1 and rep.conflicts[0].kind == "delete"
    with p.read_session() as s:
        rec = s.get(Producer, pid)
        assert not rec.deleted and rec.phone == "0944 444 444"
    # Keeping the deletion is the officer's decision, and it travels.
    with p.session() as s:
        conflicts.resolve(s, rep.conflicts[0].id, True)
    send(p, f, tmp_path / "u3")
    with f.read_session() as s:
        assert s.get(Producer, pid).deleted


def test_restored_office_is_detected(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    a = add_producer(f, "HTX A")
    backup = tmp_path / "backup.sqlite"
    f.backup_to(backup)
    send(f, p, tmp_path / "u1")
    edit(f, a, notes="sửa sau khi sao lưu")
    send(f, p, tmp_path / "u2")
    path = f.path
    f.close()
    restore(backup, path)
    from ocop_desktop.db import Database

    f = Database.open(path)
    try:
        edit(f, a, phone="0955 555 555")  # an edit made after going back in time
        res = exporter.export_bundle(f, _dir(tmp_path / "u3"), p.office_id)
        before = whole_db_digest(p.path)
        with pytest.raises(importer.RestoredOffice):
            importer.import_bundle(p, res.path)
        assert whole_db_digest(p.path) == before
        rep = importer.import_bundle(p, res.path, accept_restored=True)
        assert rep.warnings
        with p.read_session() as s:
            rec = s.get(Producer, a)
            # Nothing lost: the edit made before the restore and the one after both survive.
            assert rec.notes == "sửa sau khi sao lưu" and rec.phone == "0955 555 555"
    finally:
        f.close()


def test_province_scope_and_overview(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    other = make_office(tmp_path / "other.sqlite", "Trạm Hà Quảng", "field", [1273])
    introduce(other, p)
    try:
        add_producer(f, "HTX Trùng Khánh", 1477)
        add_producer(other, "HTX Hà Quảng", 1273)
        send(f, p, tmp_path / "a")
        send(other, p, tmp_path / "b")
        back = send(p, f, tmp_path / "c")
        assert back.totals["new"] == 0  # nothing from another office's communes
        with f.read_session() as s:
            names = sorted(x.name for x in s.query(Producer))
        assert names == ["HTX Trùng Khánh"]
        with p.read_session() as s:
            st = {x.name: x for x in overview.peers(s)}
        assert st["Trạm Hà Quảng"].last_in_number == 1 and st["Trạm Dịch vụ nông nghiệp Trùng Khánh"].last_out_number == 1
    finally:
        other.close()


def test_deferred_photos_arrive_later(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Mác Mật")
    sha = _photo(f, tmp_path, "green")
    _product(f, pid, "Mác mật sấy khô", sha)
    res = exporter.export_bundle(f, _dir(tmp_path / "u1"), p.office_id, photo_budget=0)
    assert res.photos_deferred == 1 and res.photos_included == 0
    rep = importer.import_bundle(p, res.path)
    assert rep.photos_deferred == 1 and rep.warnings
    send(p, f, tmp_path / "u2")  # the province tells the field office what it lacks
    res2 = exporter.export_bundle(f, _dir(tmp_path / "u3"), p.office_id)
    assert res2.photos_included == 1
    rep2 = importer.import_bundle(p, res2.path)
    assert rep2.photos_added == 1


def test_receipt_is_confirmed_by_the_sender(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    add_producer(f, "HTX A")
    add_producer(f, "HTX B")
    res = exporter.export_bundle(f, _dir(tmp_path / "u"), p.office_id)
    rep = importer.import_bundle(p, res.path)
    with f.session() as s:
        assert overview.confirm_receipt(s, "ZZZZ-ZZZZ-ZZ") is None
        row, got = overview.confirm_receipt(s, rep.receipt.lower().replace("-", ""))
    assert got.applied == 2 and got.conflicts == 0 and row.receipt_confirmed_at is not None


def test_rotated_key_is_accepted_by_endorsement(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    add_producer(f, "HTX A")
    old = exporter.export_bundle(f, _dir(tmp_path / "u1"), p.office_id)
    importer.import_bundle(p, old.path)
    with f.session() as s:
        profiles.rotate_local_key(s)
    add_producer(f, "HTX B")
    new = exporter.export_bundle(f, _dir(tmp_path / "u2"), p.office_id)
    rep = importer.import_bundle(p, new.path)  # no fingerprint needed: the old key endorsed the new one
    assert rep.totals["new"] == 1
    # The old bundle still verifies (its key is kept, retired).
    v = importer.verify_bundle(p, old.path)
    v.close()


def test_bundle_for_another_office_is_refused(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    other = make_office(tmp_path / "other.sqlite", "Trạm Hà Quảng", "field", [1273])
    try:
        introduce(other, p)
        add_producer(f, "HTX A")
        res = exporter.export_bundle(f, _dir(tmp_path / "u"), p.office_id)
        shutil.copy(res.path, tmp_path / "copy.ocopbundle")
        before = whole_db_digest(other.path)
        with pytest.raises(BundleError) as e:
            importer.import_bundle(other, tmp_path / "copy.ocopbundle")
        assert e.value.code == "wrong_recipient"
        assert whole_db_digest(other.path) == before
    finally:
        other.close()


def test_clashing_product_codes_are_reported(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    a = add_producer(f, "HTX A")
    b = add_producer(p, "HTX B")
    for db, producer, name in ((f, a, "Miến dong"), (p, b, "Thạch đen")):
        with db.session() as s:
            s.add(Product(name=name, producer_id=producer, product_set=6, commune_code=1477, status="dang_danh_gia",
                          code="04-01477-001-2026", code_serial=1, code_year=2026))
    rep = send(f, p, tmp_path / "u")
    assert any("04-01477-001-2026" in w for w in rep.warnings)


def test_unknown_rubric_is_reported(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX A")
    prod = _product(f, pid, "Miến dong")
    with f.session() as s:
        s.add(Evaluation(product_id=prod, kind="council", year=2027, round=1, rubric_id="qd-99-2027", product_set=6))
    rep = send(f, p, tmp_path / "u")
    assert any("qd-99-2027" in w for w in rep.warnings)


def test_demo_province_has_a_sync_history(tmp_path: Path) -> None:
    from ocop_desktop import demo
    from ocop_desktop.db import Database
    from ocop_desktop.services import decisions

    path = tmp_path / "demo.sqlite"
    demo.build_demo(path, products=240, role="province", sync_story=True, with_decisions=True)
    db = Database.open(path)
    try:
        with db.read_session() as s:
            peers = {p.name: p for p in overview.peers(s)}
            assert set(peers) == {"Trung tâm Dịch vụ nông nghiệp Trùng Khánh", "Phòng Kinh tế xã Hà Quảng"}
            assert peers["Trung tâm Dịch vụ nông nghiệp Trùng Khánh"].last_in_number == 2
            assert [c.field for c in conflicts.list_conflicts(s)] == ["phone"]
            assert len(overview.history(s)) == 5
            statuses = {r.status for r in decisions.list_certificates(s)}
            assert {"valid", "reevaluation_window", "expired", "revoked"} <= statuses
    finally:
        db.close()
    field = Database.open(tmp_path / "demo-files" / "demo-offices" / "trung-khanh.sqlite")
    try:
        with field.read_session() as s:  # the certificates of its communes came with the return bundle
            assert decisions.list_certificates(s)
    finally:
        field.close()


def test_recognition_decision_travels_to_the_field_office(offices, tmp_path: Path) -> None:  # noqa: ANN001
    import dataclasses
    import datetime as dt

    from sqlalchemy import func, select

    from ocop_desktop.models import Certificate, Decision
    from ocop_desktop.services import decisions

    f, p = offices
    pid = add_producer(f, "HTX Miến dong Phia Đén")
    prod = _product(f, pid, "Miến dong Phia Đén")
    other = _product(f, pid, "Bánh khảo")  # not recognised: its certificate status stays None
    send(f, p, tmp_path / "usb1")
    data = decisions.DecisionData(number="1234/QĐ-UBND", date=dt.date(2026, 11, 20),
                                  authority="Ủy ban nhân dân tỉnh Cao Bằng", level="province",
                                  signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    # Another commune's product, recognised by its own decision: out of the field office's scope.
    far_producer = add_producer(p, "HTX Hà Quảng", 1273)
    with p.session() as s:
        far = Product(name="Chè Hà Quảng", producer_id=far_producer, product_set=11, commune_code=1273,
                      status="dang_danh_gia")
        s.add(far)
        s.flush()
        far_dec = decisions.record_recognition(s, dataclasses.replace(data, number="1300/QĐ-UBND"),
                                               [(far.id, 3, None, None)], today=dt.date(2026, 11, 22)).id
        dec = decisions.record_recognition(s, data, [(prod, 4, None, None)], today=dt.date(2026, 11, 22)).id
    back = send(p, f, tmp_path / "usb2")
    assert back.totals["conflict"] == 0
    assert back.counts["decision"]["new"] == 1 and back.counts["certificate"]["new"] == 1
    with f.read_session() as s:
        assert s.get(Decision, dec).number == "1234/QĐ-UBND" and s.get(Decision, far_dec) is None
        assert s.scalar(select(func.count()).select_from(Certificate)) == 1
        cert = s.scalar(select(Certificate))
        cert_id = cert.id
        assert (cert.product_id, cert.decision_id, cert.stars, cert.number) == (prod, dec, 4, "2/2026/GCN-OCOP")
        assert (s.get(Product, prod).stars, s.get(Product, prod).status) == (4, "dat_ocop")
        assert decisions.product_certificate_status(s, [prod, other], dt.date(2026, 11, 22)) == \
            {prod: "valid", other: None}
        detail = decisions.certificate_detail(s, cert_id, dt.date(2026, 11, 22))
        assert detail.decision_authority == "Ủy ban nhân dân tỉnh Cao Bằng"
    # A revocation made at the province travels the same way; the exporter closes over the
    # revoking decision as well as the recognising one.
    with p.session() as s:
        rev = decisions.revoke(s, [cert_id], decisions.DecisionData(
            kind="revocation", number="88/QĐ-UBND", date=dt.date(2027, 3, 1), authority=data.authority,
            level="province", signer_name=data.signer_name, signer_title=data.signer_title), "dd",
            today=dt.date(2027, 3, 2)).id
    send(p, f, tmp_path / "usb3")
    with f.read_session() as s:
        c = s.get(Certificate, cert_id)
        assert (c.revoked_by_decision_id, c.revocation_ground) == (rev, "dd")
        assert s.get(Decision, rev).kind == "revocation" and s.get(Product, prod).status == "thu_hoi"


def test_council_discussion_travels_with_its_evaluation(offices, tmp_path: Path) -> None:  # noqa: ANN001
    import datetime as dt

    from sqlalchemy import select

    from ocop_desktop.services import council_discussion
    from ocop_desktop.services.council_discussion import DiscussionData

    f, p = offices
    prod = _product(f, add_producer(f, "HTX Miến dong Phia Đén"), "Miến dong Phia Đén")
    with f.read_session() as s:
        eid = s.scalar(select(Evaluation.id).where(Evaluation.product_id == prod))
    talk = DiscussionData(dt.date(2026, 11, 20), "Lương Văn Thắng", "Hoàng Thị Mai, Bế Văn Dũng",
                          "Thành viên 2 chấm lại tiêu chí 4.3.")
    with f.session() as s:
        council_discussion.record_discussion(s, eid, talk, today=dt.date(2026, 11, 22))
    send(f, p, tmp_path / "usb1")
    with p.read_session() as s:
        assert council_discussion.discussion_of(s.get(Evaluation, eid)) == talk
    with p.session() as s:  # the province corrects the outcome: the edit comes back
        council_discussion.record_discussion(s, eid, DiscussionData(talk.date, talk.chair, talk.attendees,
                                                                    "Hội đồng thống nhất kết quả."),
                                             today=dt.date(2026, 11, 22))
    back = send(p, f, tmp_path / "usb2")
    assert back.totals["conflict"] == 0
    with f.read_session() as s:
        assert s.get(Evaluation, eid).discussion_outcome == "Hội đồng thống nhất kết quả."
    assert content(f) == content(p)
