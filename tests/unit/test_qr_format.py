"""Issue 9 §4: the QR text starts with readable lines (what a phone shows), then the
signature; tampering is refused; a rasterised printed certificate decodes (zxing-cpp) and
checks against the register (valid / forged / unknown office / revoked)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from ocop_desktop.errors import BadInput
from ocop_desktop.reports import certificates_from_db, qr, qr_scan
from ocop_desktop.services import certificate_check, decisions, producers, products
from ocop_desktop.services.decisions import DecisionData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData
from ocop_desktop.sync import crypto

OFFICE = "0b7f7f1e-2b6a-4f5c-9d1e-1234567890ab"
TODAY = dt.date.today()
SIGNED = TODAY - dt.timedelta(days=10)
FIELDS = qr.QrFields(number="0042/2026/GCN-OCOP", product_code="04-01477-001-2026",
                     product_name="Miến dong Phia Đén", stars=4, expiry=dt.date(2029, 11, 21), office_id=OFFICE,
                     producer_name="Hợp tác xã Nông nghiệp\nPhia Đén")


@pytest.fixture(scope="module")
def key() -> crypto.KeyPair:
    return crypto.generate()


def _lookup(key: crypto.KeyPair):  # noqa: ANN202
    return lambda office, key_id: key.sign_public if (office, key_id) == (OFFICE, key.key_id) else None


def test_readable_lines_first_then_the_signature(key: crypto.KeyPair) -> None:
    text = qr.make_qr_text(FIELDS, key.sign_private, key.key_id)
    lines = text.split("\n")
    assert lines[:7] == ["GIẤY CHỨNG NHẬN SẢN PHẨM OCOP", "Số: 0042/2026/GCN-OCOP", "Sản phẩm: Miến dong Phia Đén",
                         "Mã sản phẩm: 04-01477-001-2026", "Chủ thể: Hợp tác xã Nông nghiệp Phia Đén", "Hạng: 4 sao",
                         "Có giá trị đến: 21/11/2029"]
    assert lines[7].startswith(f"OCOP2.{OFFICE}.{key.key_id}.") and len(lines) == 8
    res = qr.verify_qr_text(text, _lookup(key))
    assert res.valid, res.reason
    assert res.fields == qr.QrFields(number="0042/2026/GCN-OCOP", product_code="04-01477-001-2026",
                                     product_name="Miến dong Phia Đén", stars=4, expiry=dt.date(2029, 11, 21),
                                     office_id=OFFICE, producer_name="Hợp tác xã Nông nghiệp Phia Đén")
    # What phones and scanners do to text: CR LF, blank lines, spaces around lines.
    assert qr.verify_qr_text("\r\n".join(f"  {line} " for line in lines) + "\r\n\r\n", _lookup(key)).valid


def test_long_names_are_cut_and_the_code_stays_printable(key: crypto.KeyPair) -> None:
    import segno

    long = "Rượu ngô men lá truyền thống Hoàng Su Phì của đồng bào dân tộc Dao đỏ, chưng cất thủ công bằng nồi đồng"
    fields = qr.QrFields(**{**FIELDS.__dict__, "product_name": long, "producer_name": long})
    text = qr.make_qr_text(fields, key.sign_private, key.key_id)
    res = qr.verify_qr_text(text, _lookup(key))
    assert res.valid and res.fields.product_name.endswith("…") and len(res.fields.product_name) <= qr.NAME_CHARS
    assert segno.make(text, error="m", micro=False, boost_error=False).version <= 17


@pytest.mark.parametrize("change", [
    ("Hạng: 4 sao", "Hạng: 5 sao"),
    ("21/11/2029", "21/11/2030"),
    ("Miến dong", "Miến giong"),
    ("Số: 0042", "Số: 0043"),
    ("Nông nghiệp Phia", "Nông nghiệp Phìa"),
    (f"OCOP2.{OFFICE}", f"OCOP2.{OFFICE[:-1]}c"),
])
def test_a_changed_line_is_refused(key: crypto.KeyPair, change: tuple[str, str]) -> None:
    text = qr.make_qr_text(FIELDS, key.sign_private, key.key_id)
    res = qr.verify_qr_text(text.replace(*change), _lookup(key))
    assert res.status in (qr.BAD_SIGNATURE, qr.UNKNOWN_KEY) and not res.valid and res.reason


def test_reordered_missing_or_foreign_lines_are_malformed(key: crypto.KeyPair) -> None:
    lines = qr.make_qr_text(FIELDS, key.sign_private, key.key_id).split("\n")
    for bad in (lines[1:], [lines[0], lines[2], lines[1], *lines[3:]], [*lines[:7], "OCOP2.x"],
                [*lines[:7], lines[7][:-3]], ["Hello", *lines[1:]], [*lines[:5], "Hạng: 9 sao", *lines[6:]],
                [*lines[:6], "Có giá trị đến: 31/02/2029", lines[7]], lines[:7]):
        res = qr.verify_qr_text("\n".join(bad), _lookup(key))
        assert res.status == qr.MALFORMED and res.reason and res.fields is None, bad
        with pytest.raises(qr.QrMalformed):
            qr.read_qr_text("\n".join(bad))


def test_another_key_or_office(key: crypto.KeyPair) -> None:
    other = crypto.generate()
    assert qr.verify_qr_text(qr.make_qr_text(FIELDS, other.sign_private, other.key_id),
                             _lookup(key)).status == qr.UNKNOWN_KEY
    assert qr.verify_qr_text(qr.make_qr_text(FIELDS, other.sign_private, key.key_id),
                             _lookup(key)).status == qr.BAD_SIGNATURE
    text = qr.make_qr_text(FIELDS, key.sign_private, key.key_id).replace(OFFICE, "1" + OFFICE[1:])
    assert qr.verify_qr_text(text, _lookup(key)).status == qr.UNKNOWN_KEY


# -- from a printed certificate, through the register ------------------------------------

def _decision(**kw) -> DecisionData:  # noqa: ANN003
    base = dict(number="1234/QĐ-UBND", date=SIGNED, authority="Ủy ban nhân dân tỉnh Cao Bằng", level="province",
                signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    base.update(kw)
    return DecisionData(**base)


@pytest.fixture
def printed(province_db, tmp_path: Path):  # noqa: ANN001, ANN201
    """A recognised product, its certificate printed as PDF, and the first page as a 150 dpi PNG."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) not installed")
    db = province_db
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(kind="ho_sx", name="Hợp tác xã Nông nghiệp Phia Đén",
                                                        commune_code=1477)).id
        pid = products.create_product(s, ProductData(name="Miến dong Phia Đén", producer_id=pid, product_set=7,
                                                     commune_code=1477, status="dang_danh_gia"), today=TODAY).id
        decisions.record_recognition(s, _decision(), [(pid, 4)], today=TODAY)
    pdf = tmp_path / "gcn.pdf"
    certificates_from_db.print_certificates(db, pdf, product_id=pid)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    return db, pid, next(tmp_path.glob("page*.png"))


def test_a_rasterised_certificate_decodes_and_verifies(printed) -> None:  # noqa: ANN001
    db, pid, png = printed
    (text, *_rest) = qr_scan.decode_picture(qr_scan.open_picture(png))
    assert text.startswith("GIẤY CHỨNG NHẬN SẢN PHẨM OCOP\n") and "Sản phẩm: Miến dong Phia Đén" in text
    with db.read_session() as s:
        check = certificate_check.check_qr_text(s, text)
    assert check.verdict == certificate_check.VALID and check.ok and check.in_register
    assert check.office_name == "Trung tâm Dịch vụ nông nghiệp Trùng Khánh"
    assert check.headline.startswith("Giấy chứng nhận thật") and "Trung tâm Dịch vụ nông nghiệp" in check.headline

    with db.read_session() as s:  # forged: one line changed
        forged = certificate_check.check_qr_text(s, text.replace("Hạng: 4 sao", "Hạng: 5 sao"))
    assert forged.verdict == certificate_check.FORGED and not forged.ok

    with db.session() as s:  # the province revokes it: the genuine QR now says "revoked"
        cid = decisions.current_certificate_ids(s, [pid])[pid]
        decisions.revoke(s, [cid], _decision(kind="revocation", number="88/QĐ-UBND", date=TODAY), "b", today=TODAY)
    with db.read_session() as s:
        revoked = certificate_check.check_qr_text(s, text)
    assert revoked.verdict == certificate_check.REVOKED and "88/QĐ-UBND" in revoked.headline and not revoked.ok


def test_an_office_that_does_not_know_the_signer(printed, tmp_path: Path) -> None:  # noqa: ANN001
    from ocop_desktop.db import Database

    _db, _pid, png = printed
    (text, *_rest) = qr_scan.decode_picture(qr_scan.open_picture(png))
    other = Database.open(tmp_path / "other-office.sqlite")  # knows no key of the signing office
    try:
        with other.read_session() as s:
            check = certificate_check.check_qr_text(s, text)
    finally:
        other.close()
    assert check.verdict == certificate_check.UNKNOWN_OFFICE and check.result.fields.stars == 4


def test_not_a_picture(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-picture.png"
    bad.write_bytes(b"hello")
    with pytest.raises(BadInput) as exc:
        qr_scan.open_picture(bad)
    assert "not-a-picture.png" in exc.value.message
    from PIL import Image

    blank = Image.new("L", (400, 300), 255)
    assert qr_scan.decode_picture(blank) == []


def test_cli_verifies_a_picture(printed, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    import json

    from ocop_desktop import cli

    db, pid, png = printed
    path = db.path
    db.close()
    assert cli.main(["--db", str(path), "certificate", "verify", "--image", str(png), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["verdict"] == "valid" and info["certificate"]["producer_name"] == "Hợp tác xã Nông nghiệp Phia Đén"
    assert cli.main(["--db", str(path), "certificate", "verify", "--image", str(path)]) == 2  # not a picture
    err = capsys.readouterr().err
    assert "office.sqlite" in err and "Traceback" not in err


def test_random_changes_never_raise(key: crypto.KeyPair) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    good = qr.make_qr_text(FIELDS, key.sign_private, key.key_id)
    want = [line.strip() for line in good.splitlines()]

    @settings(max_examples=300, deadline=None)
    @given(st.integers(min_value=0, max_value=len(good)), st.integers(min_value=0, max_value=5), st.text(max_size=5))
    def check(at: int, cut: int, insert: str) -> None:
        text = good[:at] + insert + good[at + cut:]
        res = qr.verify_qr_text(text, _lookup(key))
        assert res.status in {qr.VALID, qr.BAD_SIGNATURE, qr.UNKNOWN_KEY, qr.MALFORMED}
        if res.valid:  # only spacing may differ
            assert [" ".join(line.split()) for line in text.splitlines() if line.strip()] == want

    check()
