"""Business plans (issue 10 §2) on a real SQLite file: life cycle, idea → plan, history, bad input,
attachments checked by their bytes and stored by hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess

import pytest
from sqlalchemy import func, select

from ocop_desktop.demo.cycle_plans import plan_pdf
from ocop_desktop.domain.business_plans import MAX_ATTACHMENT_BYTES, sniff
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.models import Attachment, BusinessPlan, ChangeLog, ProductIdea
from ocop_desktop.services import attachments, business_plans, history, ideas, producers, products
from ocop_desktop.services.business_plan_list import list_plans
from ocop_desktop.services.producers import ProducerData

TODAY = dt.date(2026, 6, 15)


def _producer(db, name: str = "Hộ Nông Văn Miến") -> str:  # noqa: ANN001
    with db.session() as s:
        return producers.create_producer(s, ProducerData(kind="ho_sx", name=name, commune_code=1477,
                                                         identifier=""), today=TODAY).id


def _idea(db, producer_id: str | None) -> str:  # noqa: ANN001
    with db.session() as s:
        return ideas.create_idea(s, ideas.IdeaData(
            name="Miến dong Phia Đén", producer_id=producer_id, proposer_name="" if producer_id else "Nhóm hộ",
            received_on=dt.date(2026, 2, 1), commune_code=1477, product_set=7, status="accepted",
            screened_on=dt.date(2026, 2, 10), market="Cao Bằng, Hà Nội"), today=TODAY).id


def _plan(producer_id: str, idea_id: str | None = None, **kw) -> business_plans.PlanData:  # noqa: ANN003
    base = dict(producer_id=producer_id, idea_id=idea_id, title="Phương án sản xuất miến dong",
                submitted_on=dt.date(2026, 3, 1), start_date=dt.date(2026, 4, 1), end_date=dt.date(2028, 3, 31),
                capital_own="350.000.000", capital_loans=200_000_000, support_requested="150.000.000 đ",
                expected_output="12 tấn miến/năm", expected_revenue=1_200_000_000, jobs=15, jobs_women=9,
                jobs_minority=12, market="Cao Bằng, Hà Nội")
    base.update(kw)
    return business_plans.PlanData(**base)


def _count(db, model) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_life_cycle_submitted_returned_approved_done(db) -> None:  # noqa: ANN001
    pid = _producer(db)
    idea_id = _idea(db, pid)
    with db.session() as s:
        plan_id = business_plans.create_plan(s, _plan(pid, idea_id), today=TODAY).id
    with db.read_session() as s:
        plan = s.get(BusinessPlan, plan_id)
        assert (plan.capital_own, plan.support_requested) == (350_000_000, 150_000_000)  # typed text parsed
        assert s.get(ProductIdea, idea_id).status == "plan"  # the idea moved on
    with db.session() as s:
        data = business_plans.get_plan(s, plan_id)
        data.status, data.return_reason = "returned", "Bổ sung hợp đồng liên kết nguyên liệu"
        business_plans.update_plan(s, plan_id, data, today=TODAY)
    with db.session() as s:
        data = business_plans.get_plan(s, plan_id)
        data.status, data.return_reason = "approved", ""
        data.approval_number, data.approval_date, data.approval_issuer = "125/QĐ-UBND", dt.date(2026, 3, 20), "UBND xã"
        business_plans.update_plan(s, plan_id, data, today=TODAY)
    with db.session() as s:
        data = business_plans.get_plan(s, plan_id)
        data.status = "done"
        business_plans.update_plan(s, plan_id, data, today=TODAY)
    with db.read_session() as s:
        (row,) = list_plans(s)
        assert (row.status, row.status_label, row.producer_name, row.idea_name, row.year) == (
            "done", "Hoàn thành", "Hộ Nông Văn Miến", "Miến dong Phia Đén", 2026)
        assert row.capital_text == "700.000.000 đ"
        assert "mien dong" in row.search_text and "125/qd-ubnd" in row.search_text
        assert s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.record_id == plan_id)) == 4
    with db.session() as s:
        business_plans.delete_plan(s, plan_id)
    with db.read_session() as s:
        assert list_plans(s) == []
        assert [r.deleted for r in list_plans(s, include_deleted=True)] == [True]
    with db.session() as s:
        business_plans.restore_plan(s, plan_id)
    with db.read_session() as s:
        assert [r.id for r in list_plans(s)] == [plan_id]


def test_plan_from_idea_prefills_and_links_both_ways(db) -> None:  # noqa: ANN001
    pid = _producer(db)
    idea_id = _idea(db, pid)
    with db.session() as s:
        data = business_plans.plan_from_idea(s, idea_id, today=TODAY)
        assert (data.producer_id, data.idea_id, data.title, data.market, data.submitted_on) == (
            pid, idea_id, "Miến dong Phia Đén", "Cao Bằng, Hà Nội", TODAY)
        data.start_date, data.end_date = dt.date(2026, 7, 1), dt.date(2027, 6, 30)
        plan_id = business_plans.create_plan(s, data, today=TODAY).id
    with db.read_session() as s:
        assert [r.id for r in list_plans(s, idea_id=idea_id)] == [plan_id]  # the idea's dialog lists it
        assert list_plans(s, idea_id=idea_id)[0].idea_name == "Miến dong Phia Đén"  # the plan's names the idea


def test_an_idea_that_became_a_product_keeps_its_status(db) -> None:  # noqa: ANN001
    pid = _producer(db)
    idea_id = _idea(db, pid)
    with db.session() as s:
        product = ideas.make_product(s, idea_id, today=TODAY)
        business_plans.create_plan(s, _plan(pid, idea_id, product_id=product.id), today=TODAY)
    with db.read_session() as s:
        assert s.get(ProductIdea, idea_id).status == "product"


def test_history_of_producer_and_product_show_the_plans(db) -> None:  # noqa: ANN001
    pid = _producer(db)
    with db.session() as s:
        product_id = products.create_product(s, products.ProductData(
            name="Miến dong Phia Đén", producer_id=pid, product_set=7, commune_code=1477), today=TODAY).id
        plan_id = business_plans.create_plan(s, _plan(pid, product_id=product_id, title="Mở rộng xưởng miến",
                                                      status="approved", approval_number="88/QĐ-UBND",
                                                      approval_date=dt.date(2026, 3, 5)), today=TODAY).id
    with db.read_session() as s:
        (event,) = [e for e in history.product_history(s, product_id) if e.kind == history.PLAN]
        assert (event.record_id, event.title, event.status, event.when) == (
            plan_id, "Phương án SXKD: Mở rộng xưởng miến", "Đã phê duyệt", "01/03/2026")
        assert "88/QĐ-UBND" in event.detail and "700.000.000 đ" in event.detail
        plans_of_producer = [e for e in history.producer_history(s, pid) if e.kind == history.PLAN]
        assert [e.record_id for e in plans_of_producer] == [plan_id]  # listed once, not again under the product
        assert "Miến dong Phia Đén" in plans_of_producer[0].detail


@pytest.mark.parametrize(("changes", "field", "words"), [
    (dict(end_date=dt.date(2026, 3, 31)), "end_date", "trước ngày bắt đầu"),
    (dict(capital_own="-5.000.000"), "capital_own", "âm"),
    (dict(capital_loans=-1), "capital_loans", "âm"),
    (dict(support_requested="năm triệu"), "support_requested", "không phải số tiền"),
    (dict(expected_revenue="1.200,50"), "expected_revenue", "không có phần thập phân"),
    (dict(jobs_women=16), "jobs_women", "nhiều hơn"),
    (dict(jobs_minority=20), "jobs_minority", "nhiều hơn"),
    (dict(jobs=-2), "jobs", "âm"),
    (dict(title=" "), "title", "bắt buộc"),
    (dict(status="returned"), "return_reason", "bắt buộc"),
    (dict(status="approved"), "approval_number", "bắt buộc"),
    (dict(idea_id=None), "idea_id", "ý tưởng"),
    (dict(submitted_on=dt.date(2027, 1, 1)), "submitted_on", "tương lai"),
    (dict(attachments=[{"sha256": "0" * 64, "name": "x.pdf"}]), "attachments", "thêm lại"),
])
def test_bad_input_gets_a_field_message_and_nothing_is_written(db, changes, field, words) -> None:  # noqa: ANN001
    pid = _producer(db)
    idea_id = _idea(db, pid)
    before = _count(db, ChangeLog)
    data = _plan(pid, **{"idea_id": idea_id, **changes})
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        business_plans.create_plan(s, data, today=TODAY)
    assert field in exc.value.errors, exc.value.errors
    assert words in exc.value.errors[field].lower() or words in exc.value.errors[field]
    assert _count(db, BusinessPlan) == 0
    assert _count(db, ChangeLog) == before
    with db.read_session() as s:
        assert s.get(ProductIdea, idea_id).status == "accepted"


def test_a_plan_for_a_deleted_producer_is_refused_and_cannot_be_restored(db) -> None:  # noqa: ANN001
    pid = _producer(db)
    idea_id = _idea(db, pid)
    with db.session() as s:
        plan_id = business_plans.create_plan(s, _plan(pid, idea_id), today=TODAY).id
        business_plans.delete_plan(s, plan_id)
        producers.delete_producer(s, pid)
    with pytest.raises(ValidationFailed) as exc, db.session() as s:
        business_plans.create_plan(s, _plan(pid, idea_id), today=TODAY)
    assert "đã bị xoá" in exc.value.errors["producer_id"] and "Hộ Nông Văn Miến" in exc.value.errors["producer_id"]
    with pytest.raises(BadInput), db.session() as s:
        business_plans.restore_plan(s, plan_id)
    assert _count(db, BusinessPlan) == 1


def test_a_product_of_another_producer_is_refused(db) -> None:  # noqa: ANN001
    pid, other = _producer(db), _producer(db, "Hộ Nông Văn Thành")
    with db.session() as s:
        product_id = products.create_product(s, products.ProductData(
            name="Chè Shan tuyết", producer_id=other, product_set=12, commune_code=1477), today=TODAY).id
    errors = None
    with db.read_session() as s:
        errors = business_plans.check(s, _plan(pid, product_id=product_id), today=TODAY)
    assert "không phải sản phẩm" in errors["product_id"]


# -- attachments ------------------------------------------------------------------------------------


def test_a_pdf_is_stored_by_hash_once_and_read_back_with_poppler(db, tmp_path) -> None:  # noqa: ANN001
    pdf = plan_pdf("Miến dong Phia Đén", ["Vốn tự có: 350.000.000 đồng", "Lao động: 15 (nữ 9)"])
    src = tmp_path / "phương án.pdf"
    src.write_bytes(pdf)
    root = attachments.attachments_dir(db.path)
    with db.session() as s:
        ref = attachments.add_file(s, root, src)
        again = attachments.add_file(s, root, src)
    sha = hashlib.sha256(pdf).hexdigest()
    assert ref == again == {"sha256": sha, "name": "phương án.pdf"}
    stored = root / sha[:2] / f"{sha}.pdf"
    assert stored.read_bytes() == pdf
    assert _count(db, Attachment) == 1
    text = subprocess.run(["pdftotext", str(stored), "-"], capture_output=True, text=True, check=True).stdout
    assert "PHƯƠNG ÁN SẢN XUẤT KINH DOANH" in text and "Miến dong Phia Đén" in text
    fonts = subprocess.run(["pdffonts", str(stored)], capture_output=True, text=True, check=True).stdout
    listed = fonts.splitlines()[2:]
    assert listed and all(line.split()[-5] == "yes" for line in listed), fonts  # every font embedded
    pid = _producer(db)
    with db.session() as s:
        plan_id = business_plans.create_plan(s, _plan(pid, _idea(db, pid), attachments=[ref]), today=TODAY).id
    with db.read_session() as s:
        assert list_plans(s)[0].attachment_count == 1
        out = attachments.save_copy(s, root, sha, tmp_path / "copy.pdf")
        assert out.read_bytes() == pdf
        assert business_plans.get_plan(s, plan_id).attachments == [ref]


def test_accepted_kinds_are_recognised_by_their_bytes(tmp_path) -> None:  # noqa: ANN001
    import io

    from openpyxl import Workbook
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "PNG")
    assert sniff(buf.getvalue(), "scan.png") == "image/png"
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "JPEG")
    assert sniff(buf.getvalue(), "scan.JPG") == "image/jpeg"
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "TIFF")
    assert sniff(buf.getvalue(), "scan.tif") == "image/tiff"
    wb = Workbook()
    wb.active["A1"] = "Vốn"
    buf = io.BytesIO()
    wb.save(buf)
    assert sniff(buf.getvalue(), "du-toan.xlsx").endswith("spreadsheetml.sheet")
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "cu.doc") == "application/msword"
    assert sniff(b"PK\x03\x04 not really a zip", "x.docx") is None


@pytest.mark.parametrize(("content", "name", "words"), [
    (b"", "trong.pdf", "rỗng"),
    (b"Day la van ban, khong phai PDF", "gia-mao.pdf", "không phải tệp"),
    (b"MZ\x90\x00 a program", "phan-mem.exe", "không phải tệp"),
    (b"<html>trang web</html>", "trang.docx", "không phải tệp"),
])
def test_bad_files_are_refused_with_the_reason(db, tmp_path, content, name, words) -> None:  # noqa: ANN001
    src = tmp_path / name
    src.write_bytes(content)
    with pytest.raises(BadInput) as exc, db.session() as s:
        attachments.add_file(s, attachments.attachments_dir(db.path), src)
    assert words in exc.value.message and name in exc.value.message
    assert _count(db, Attachment) == 0
    assert not attachments.attachments_dir(db.path).exists()


def test_too_large_unreadable_and_missing_files_are_refused(db, tmp_path) -> None:  # noqa: ANN001
    big = tmp_path / "scan.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(MAX_ATTACHMENT_BYTES + 1)
    root = attachments.attachments_dir(db.path)
    with pytest.raises(BadInput) as exc, db.session() as s:
        attachments.add_file(s, root, big)
    assert "20 MB" in exc.value.message
    with pytest.raises(BadInput) as exc, db.session() as s:
        attachments.add_file(s, root, tmp_path)  # a folder
    assert "không phải là tệp" in exc.value.message
    with pytest.raises(BadInput), db.session() as s:
        attachments.add_file(s, root, tmp_path / "khong-co.pdf")
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"%PDF-1.4\n")
    locked.chmod(0)
    try:
        import os

        if os.geteuid() != 0:  # root reads anything
            with pytest.raises(BadInput) as exc, db.session() as s:
                attachments.add_file(s, root, locked)
            assert "không đọc được" in exc.value.message
    finally:
        locked.chmod(0o600)
    assert _count(db, Attachment) == 0
