"""``certificate print`` from the register on a real SQLite file to a real PDF (checked with
poppler), its refusals, the QR payload it signs, and the certificate in ``products list --json``."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from ocop_desktop import cli
from ocop_desktop.db import Database
from ocop_desktop.i18n import set_language
from ocop_desktop.models import Certificate
from ocop_desktop.reports import certificates_from_db
from ocop_desktop.services import decisions, producers, products
from ocop_desktop.services.decisions import DecisionData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                                reason="poppler-utils (pdftotext, pdfinfo) not installed")

TODAY = dt.date.today()
SIGNED = TODAY - dt.timedelta(days=10)


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


@pytest.fixture
def path(db: Database) -> Path:
    """The office database file, closed: each step opens it (as the command does)."""
    p = db.path
    db.close()
    return p


@contextmanager
def _session(path: Path) -> Iterator[Session]:
    with Database.open(path) as d, d.session() as s:
        yield s


def _product(path: Path, name: str = "Miến dong Phia Đén", stars: int | None = None) -> str:
    with _session(path) as s:
        pid = producers.create_producer(s, ProducerData(
            kind="ho_sx", name=f"HTX {name}", commune_code=1477, address_detail="Thôn Phia Đén",
            rep_name="Nông Thị Hoa", rep_title="Giám đốc")).id
        p = products.create_product(s, ProductData(name=name, producer_id=pid, product_set=7, commune_code=1477,
                                                   status="dang_danh_gia"), today=TODAY)
        if stars is not None:
            p.stars = stars
        return p.id


def _recognise(path: Path, items: list, **kw) -> str:  # noqa: ANN003
    with _session(path) as s:
        return decisions.record_recognition(s, _decision(**kw), items, today=TODAY).id


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                         text=True, encoding="utf-8").stdout
    return re.sub(r"\s+", " ", raw)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _copies(path: Path, product_id: str) -> int:
    with _session(path) as s:
        return sum(c.copies_printed for c in s.query(Certificate).filter_by(product_id=product_id))


def test_print_a_products_certificate(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pid = _product(path)
    _recognise(path, [(pid, 4)])
    pdf = tmp_path / "c.pdf"
    code, out, err = run(["--db", str(path), "certificate", "print", "--product", pid, "--out", str(pdf)], capsys)
    assert code == 0, err
    assert out.strip() == str(pdf) and _pages(pdf) == 1
    text = _text(pdf)
    expiry = decisions.expiry_for(SIGNED)
    for wanted in ("Miến dong Phia Đén", "HTX Miến dong Phia Đén", "4 sao", "1234/QĐ-UBND",
                   f"đến ngày {expiry:%d/%m/%Y}", f"ngày {SIGNED:%d/%m/%Y}", "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG",
                   "Lê Hải Hòa", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Cao Bằng, ngày"):
        assert wanted in text, wanted
    assert "BẢN SAO" not in text and "chưa khai báo" not in text
    assert _copies(path, pid) == 1

    # a reprint asked as a copy is marked "BẢN SAO" (a first print never is)
    code, _out, err = run(["--db", str(path), "certificate", "print", "--product", pid, "--out", str(pdf),
                           "--copy"], capsys)
    assert code == 0, err
    assert "BẢN SAO" in _text(pdf) and _copies(path, pid) == 2


def test_the_qr_payload_verifies(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pid = _product(path)
    _recognise(path, [(pid, 4)])
    with _session(path) as s:
        plan = certificates_from_db.views_for_product(s, pid)
    (view,) = plan.views
    lines = view.qr_text.split("\n")  # readable lines first (issue 9), the signature last
    assert lines[0] == "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP" and lines[-1].startswith("OCOP2.")
    assert f"Số: 1/{SIGNED.year}/GCN-OCOP" in lines and "Sản phẩm: Miến dong Phia Đén" in lines
    assert "Hạng: 4 sao" in lines and any(line.startswith("Chủ thể: ") and len(line) > 12 for line in lines)
    code, out, err = run(["--db", str(path), "certificate", "verify", "--qr", view.qr_text, "--json"], capsys)
    info = json.loads(out)
    assert code == 0 and info["valid"], err
    assert info["certificate"]["number"] == view.number == f"1/{SIGNED.year}/GCN-OCOP"
    assert info["certificate"]["stars"] == 4 and info["certificate"]["product_name"] == "Miến dong Phia Đén"
    assert info["certificate"]["expiry"] == view.expiry_date.isoformat()
    tampered = view.qr_text.replace("Hạng: 4 sao", "Hạng: 5 sao")
    code, _out, _err = run(["--db", str(path), "certificate", "verify", "--qr", tampered], capsys)
    assert code == 2


def test_print_every_certificate_of_a_decision(path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    ids = [_product(path, name) for name in ("Miến dong Phia Đén", "Trà Kolia", "Hạt dẻ Trùng Khánh")]
    did = _recognise(path, [(ids[0], 4), (ids[1], 3), (ids[2], 4)])
    pdf = tmp_path / "d.pdf"
    code, out, err = run(["--db", str(path), "certificate", "print", "--decision", did, "--out", str(pdf)], capsys)
    assert code == 0, err
    assert _pages(pdf) == 3
    text = _text(pdf)
    assert all(name in text for name in ("Miến dong Phia Đén", "Trà Kolia", "Hạt dẻ Trùng Khánh", "3 sao"))
    assert all(_copies(path, pid) == 1 for pid in ids)

    # a revoked certificate of the decision is left out, and said so
    with _session(path) as s:
        cid = decisions.current_certificate_ids(s, [ids[1]])[ids[1]]
        decisions.revoke(s, [cid], _decision(kind="revocation", number="88/QĐ-UBND", date=TODAY), "b", today=TODAY)
    code, out, err = run(["--db", str(path), "certificate", "print", "--decision", did, "--out", str(pdf)], capsys)
    assert code == 0, err
    assert _pages(pdf) == 2 and "Trà Kolia" not in _text(pdf)
    assert "Not printed" in err and "88/QĐ-UBND" in err


def _refused(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *which: str) -> str:
    pdf = tmp_path / "refused.pdf"
    code, out, err = run(["--db", str(path), "certificate", "print", *which, "--out", str(pdf)], capsys)
    assert code == 2, (out, err)
    assert not pdf.exists() and out == "" and "Traceback" not in err
    return err


def test_refusals_say_why_and_write_nothing(path: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    # unknown product; a 2-star product that was never recognised
    assert "does not exist" in _refused(path, tmp_path, capsys, "--product", "no-such-id")
    low = _product(path, "Măng khô", stars=2)
    assert "below 3 stars" in _refused(path, tmp_path, capsys, "--product", low)
    unranked = _product(path, "Mật ong bạc hà")
    assert "no recognition decision" in _refused(path, tmp_path, capsys, "--product", unranked)
    recognised_then_deleted = _product(path, "Mật ong Bảo Lạc")
    _recognise(path, [(recognised_then_deleted, 4)], number="5/QĐ-UBND")
    with _session(path) as s:
        products.delete_product(s, recognised_then_deleted)
    assert "was deleted" in _refused(path, tmp_path, capsys, "--product", recognised_then_deleted)

    # expired: recognised more than 36 months ago
    old = _product(path, "Trà hoa vàng")
    signed = dt.date(TODAY.year - 4, 1, 15)
    old_decision = _recognise(path, [(old, 3)], number="12/QĐ-UBND", date=signed)
    err = _refused(path, tmp_path, capsys, "--product", old)
    assert "expired on" in err and f"{decisions.expiry_for(signed):%d/%m/%Y}" in err
    err = _refused(path, tmp_path, capsys, "--decision", old_decision)
    assert "no certificate of it can be printed" in err and "expired on" in err

    # revoked, with the revoking decision and its ground
    pid = _product(path, "Miến dong Phia Đén")
    _recognise(path, [(pid, 4)])
    with _session(path) as s:
        cid = decisions.current_certificate_ids(s, [pid])[pid]
        revocation = decisions.revoke(s, [cid], _decision(kind="revocation", number="88/QĐ-UBND", date=TODAY), "b",
                                      today=TODAY).id
    err = _refused(path, tmp_path, capsys, "--product", pid)
    assert "revoked" in err and "88/QĐ-UBND" in err and "ground: b)" in err

    # unknown decision; a revocation decision
    assert "does not exist" in _refused(path, tmp_path, capsys, "--decision", "no-such-id")
    assert "revocation decision" in _refused(path, tmp_path, capsys, "--decision", revocation)


def test_superseded_certificate_is_left_out_of_its_decision(path: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    pid = _product(path)
    first = _recognise(path, [(pid, 3)], number="1/QĐ-UBND", date=SIGNED - dt.timedelta(days=300))
    _recognise(path, [(pid, 4)], number="2/QĐ-UBND")
    err = _refused(path, tmp_path, capsys, "--decision", first)
    assert "superseded by certificate" in err
    code, _out, err = run(["--db", str(path), "certificate", "print", "--product", pid,
                           "--out", str(tmp_path / "p.pdf")], capsys)
    assert code == 0, err
    assert "4 sao" in _text(tmp_path / "p.pdf")


def test_unwritable_output_is_refused(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pid = _product(path)
    _recognise(path, [(pid, 4)])
    bad = tmp_path / "missing-folder" / "c.pdf"
    code, out, err = run(["--db", str(path), "certificate", "print", "--product", pid, "--out", str(bad)], capsys)
    assert code == 2 and "Cannot write the PDF" in err and "missing-folder" in err and "Traceback" not in err
    assert not bad.exists() and _copies(path, pid) == 0


def test_products_list_json_shows_the_certificate(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pid = _product(path)
    other = _product(path, "Trà Kolia")
    _recognise(path, [(pid, 4)])
    code, out, err = run(["--db", str(path), "products", "list", "--json"], capsys)
    assert code == 0, err
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows[pid]["stars"] == 4 and rows[pid]["status"] == "dat_ocop"
    assert rows[pid]["certificate"] == {"number": f"1/{SIGNED.year}/GCN-OCOP", "status": "valid",
                                        "expiry": decisions.expiry_for(SIGNED).isoformat()}
    assert rows[other]["certificate"] is None
