"""Business plans travel field → province → field, merge field by field, their tombstones travel,
and their attached files arrive intact: checked against their hash and their kind, a changed or
unacceptable file refused with the whole bundle (issue 10 §2, §6)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest

from ocop_desktop.demo.cycle_plans import plan_pdf
from ocop_desktop.models import Attachment, BusinessPlan
from ocop_desktop.services import attachments, business_plans, ideas
from ocop_desktop.sync import conflicts, exporter, importer
from ocop_desktop.sync.container import BundleError
from tests.sync.sync_samples import (
    COMMUNES,
    add_producer,
    content,
    introduce,
    make_office,
    send,
    whole_db_digest,
)


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    f = make_office(tmp_path / "field.sqlite", "Trạm Dịch vụ nông nghiệp Thạch An", "field", COMMUNES)
    p = make_office(tmp_path / "province.sqlite", "Sở Nông nghiệp và Môi trường Cao Bằng", "province", [])
    introduce(f, p)
    yield f, p
    f.close()
    p.close()


def _edit(db, record_id: str, **fields) -> None:  # noqa: ANN001, ANN003
    with db.session() as s:
        rec = s.get(BusinessPlan, record_id)
        for k, v in fields.items():
            setattr(rec, k, v)


def _attach(db, data: bytes, name: str) -> dict[str, str]:  # noqa: ANN001
    with db.session() as s:
        return attachments.register(s, attachments.attachments_dir(db.path), attachments.check_bytes(data, name))


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _plans(db, pid: str, n: int = 2, refs: list | None = None) -> list[str]:  # noqa: ANN001
    with db.session() as s:
        idea_id = ideas.create_idea(s, ideas.IdeaData(name="Miến dong Phia Đén", producer_id=pid,
                                                      received_on=dt.date(2026, 1, 5), commune_code=COMMUNES[0],
                                                      product_set=7)).id
        return [business_plans.create_plan(s, business_plans.PlanData(
            producer_id=pid, idea_id=idea_id, title=f"Phương án {i + 1}", submitted_on=dt.date(2026, 2, 1),
            start_date=dt.date(2026, 3, 1), end_date=dt.date(2027, 3, 1), capital_own=100_000_000, jobs=5,
            jobs_women=3, attachments=list(refs or []) if i == 0 else [])).id for i in range(n)]


def _stored(db, sha: str) -> bytes:  # noqa: ANN001
    with db.read_session() as s:
        path = attachments.file_of(s, attachments.attachments_dir(db.path), sha)
    assert path is not None, "the file did not arrive"
    return path.read_bytes()


def test_plans_round_trip_with_a_conflict_a_tombstone_and_their_files(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Miến dong Phia Đén", commune=COMMUNES[0])
    pdf = plan_pdf("Miến dong Phia Đén", ["Vốn tự có: 100.000.000 đồng"])
    ref = _attach(f, pdf, "phương án.pdf")
    first, second = _plans(f, pid, refs=[ref])
    rep = send(f, p, tmp_path / "u1")
    assert rep.conflicts == [] and rep.attachments_added == 1
    assert _stored(p, ref["sha256"]) == pdf  # intact
    with p.read_session() as s:
        assert s.get(BusinessPlan, first).attachments == [ref]
        assert s.get(Attachment, ref["sha256"]).original_name == "phương án.pdf"
    # Parallel edits: different fields merge, the same field is a conflict; the province also
    # attaches a scan and deletes the second plan.
    scan = _attach(p, _png(), "quyết định.png")
    _edit(f, first, capital_own=120_000_000, title="Phương án mở rộng xưởng miến")
    _edit(p, first, capital_own=150_000_000, notes="Đã thẩm định", attachments=[ref, scan])
    _edit(p, second, deleted=True)
    rep = send(f, p, tmp_path / "u2")
    [c] = rep.conflicts
    assert c.field == "capital_own" and {c.kept_value, c.other_value} == {120_000_000, 150_000_000}
    with p.read_session() as s:
        plan = s.get(BusinessPlan, first)
        assert (plan.title, plan.notes, plan.attachments) == ("Phương án mở rộng xưởng miến", "Đã thẩm định",
                                                              [ref, scan])
    back = send(p, f, tmp_path / "u3")
    assert back.totals["conflict"] == 0 and back.attachments_added == 1
    assert content(f) == content(p)
    assert _stored(f, scan["sha256"]) == _png()
    with f.read_session() as s:
        assert s.get(BusinessPlan, second).deleted  # the tombstone travelled
        assert [v.field for v in conflicts.list_conflicts(s)] == ["capital_own"]
    res = exporter.export_bundle(f, tmp_path / "u3", p.office_id)
    assert res.records == 0


def test_a_field_office_receives_the_plans_of_its_producers_only(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    mine = add_producer(p, "HTX Chè Nguyên Bình", commune=COMMUNES[1])
    other = add_producer(p, "HTX Ngoài vùng", commune=1000)
    for pid in (mine, other):
        _plans(p, pid, n=1)
    send(p, f, tmp_path / "u1")
    with f.read_session() as s:
        from ocop_desktop.services.business_plan_list import list_plans

        assert [r.producer_id for r in list_plans(s)] == [mine]


def test_an_attachment_that_does_not_match_its_hash_refuses_the_bundle(offices, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    f, p = offices
    pid = add_producer(f, "HTX Miến dong Phia Đén", commune=COMMUNES[0])
    ref = _attach(f, plan_pdf("Miến dong", ["Bản gốc"]), "phuong-an.pdf")
    _plans(f, pid, n=1, refs=[ref])
    real = exporter._gather_attachments

    def tampered(*args, **kw):  # noqa: ANN002, ANN003, ANN202 - a sender that signs a changed file
        files = real(*args, **kw)
        files.content = {sha: data + b"% changed" for sha, data in files.content.items()}
        return files

    monkeypatch.setattr(exporter, "_gather_attachments", tampered)
    (tmp_path / "u1").mkdir()
    res = exporter.export_bundle(f, tmp_path / "u1", p.office_id)
    before = whole_db_digest(p.path)
    with pytest.raises(BundleError) as exc:
        importer.import_bundle(p, res.path)
    assert exc.value.code == "bad_attachment"
    assert "mã kiểm tra" in exc.value.message
    assert whole_db_digest(p.path) == before
    assert not attachments.attachments_dir(p.path).exists()


def test_a_file_of_a_refused_kind_refuses_the_bundle(offices, tmp_path: Path) -> None:  # noqa: ANN001
    """A sender whose store holds a program under a hash it computed itself (not through the
    checks): the hash matches, the kind does not, so the importer refuses it."""
    f, p = offices
    pid = add_producer(f, "HTX Miến dong Phia Đén", commune=COMMUNES[0])
    evil = b"MZ\x90\x00" + b"\0" * 200
    sha = hashlib.sha256(evil).hexdigest()
    root = attachments.attachments_dir(f.path)
    dest = attachments.attachment_path(root, sha, "application/pdf")
    dest.parent.mkdir(parents=True)
    dest.write_bytes(evil)
    with f.session() as s:
        s.add(Attachment(sha256=sha, mime="application/pdf", size=len(evil), original_name="van-ban.pdf"))
    _plans(f, pid, n=1, refs=[{"sha256": sha, "name": "van-ban.pdf"}])
    (tmp_path / "u1").mkdir()
    res = exporter.export_bundle(f, tmp_path / "u1", p.office_id)
    before = whole_db_digest(p.path)
    with pytest.raises(BundleError) as exc:
        importer.import_bundle(p, res.path)
    assert exc.value.code == "bad_attachment" and "van-ban.pdf" in exc.value.message
    assert whole_db_digest(p.path) == before


def test_a_member_changed_after_signing_is_refused(offices, tmp_path: Path) -> None:  # noqa: ANN001
    import zipfile

    f, p = offices
    pid = add_producer(f, "HTX Miến dong Phia Đén", commune=COMMUNES[0])
    ref = _attach(f, plan_pdf("Miến dong", ["Bản gốc"]), "phuong-an.pdf")
    _plans(f, pid, n=1, refs=[ref])
    (tmp_path / "u1").mkdir()
    res = exporter.export_bundle(f, tmp_path / "u1", p.office_id)
    with zipfile.ZipFile(res.path) as zf:
        info = zf.getinfo(f"attachments/{ref['sha256']}")
    raw = bytearray(res.path.read_bytes())
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + 40
    raw[at] ^= 0xFF
    res.path.write_bytes(bytes(raw))
    before = whole_db_digest(p.path)
    with pytest.raises(BundleError) as exc:
        importer.import_bundle(p, res.path)
    assert exc.value.code == "damaged"
    assert whole_db_digest(p.path) == before


def test_a_file_the_sender_lacks_is_announced_for_later(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Miến dong Phia Đén", commune=COMMUNES[0])
    pdf = plan_pdf("Miến dong", ["Bản gốc"])
    ref = _attach(f, pdf, "phuong-an.pdf")
    (plan_id,) = _plans(f, pid, n=1, refs=[ref])
    stored = attachments.attachment_path(attachments.attachments_dir(f.path), ref["sha256"], "application/pdf")
    stored.rename(tmp_path / "away.pdf")  # e.g. the file was moved off this PC
    rep = send(f, p, tmp_path / "u1")
    assert any("tệp đính kèm sẽ đến" in w for w in rep.warnings)
    with p.read_session() as s:
        assert s.get(BusinessPlan, plan_id).attachments == [ref]
        assert attachments.file_of(s, attachments.attachments_dir(p.path), ref["sha256"]) is None
    (tmp_path / "away.pdf").rename(stored)  # back; the province said it lacks it, so it comes next time
    send(p, f, tmp_path / "u2")
    rep = send(f, p, tmp_path / "u3")
    assert rep.attachments_added == 1
    assert _stored(p, ref["sha256"]) == pdf
