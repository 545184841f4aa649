"""The certificate PDF checked with poppler (pdffonts, pdftotext, pdfinfo), its signed QR
payload, and the ``certificate verify|sample`` commands."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from ocop_desktop import cli
from ocop_desktop.reports import certificate, fonts, qr
from ocop_desktop.reports.certificate import CertificateView, render_certificates, sample_view
from ocop_desktop.sync import crypto, profiles

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="poppler-utils (pdftotext, pdffonts) not installed")

OFFICE = "0b7f7f1e-2b6a-4f5c-9d1e-1234567890ab"
LONG_NAME = ("Rượu ngô men lá truyền thống Hoàng Su Phì của đồng bào dân tộc Dao đỏ, chưng cất thủ công "
             "bằng nồi đồng, ủ chum sành lâu")
assert len(LONG_NAME) == 120


def _fields(view: CertificateView, office_id: str = OFFICE) -> qr.QrFields:
    return qr.QrFields(number=view.number, product_code=view.product_code, product_name=view.product_name,
                       stars=view.stars, expiry=view.expiry_date, office_id=office_id,
                       producer_name=view.producer_name)


@pytest.fixture(scope="module")
def key() -> crypto.KeyPair:
    return crypto.generate()


def _signed(key: crypto.KeyPair, **changes: object) -> CertificateView:
    view = sample_view(**changes)
    return sample_view(qr_text=qr.make_qr_text(_fields(view), key.sign_private, key.key_id), **changes)


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# -- the PDF ---------------------------------------------------------------------------------

def test_every_font_is_embedded(tmp_path: Path, key: crypto.KeyPair) -> None:
    pdf = tmp_path / "c.pdf"
    render_certificates([_signed(key), _signed(key, copy=True, authority="", signer_name="")], pdf)
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        # name, type (may hold spaces), encoding, emb, sub, uni, object id, generation
        emb = row.split()[-5]
        assert emb == "yes", f"font not embedded: {row}"
    assert fonts.register().source in {"system", "shipped"}


def test_text_comes_back_as_exact_nfc_vietnamese(tmp_path: Path, key: crypto.KeyPair) -> None:
    nfd = unicodedata.normalize("NFD", "Miến dong Phia Đén")
    pdf = tmp_path / "c.pdf"
    render_certificates([_signed(key, product_name=nfd)], pdf)
    text = _text(pdf)
    assert unicodedata.is_normalized("NFC", text)
    flat = _one_line(text)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "TỈNH CAO BẰNG",
        "GIẤY CHỨNG NHẬN",
        "KẾT QUẢ PHÂN HẠNG SẢN PHẨM OCOP",
        "Miến dong Phia Đén",
        "04-01477-001-2026",
        "Hợp tác xã Nông nghiệp Phia Đén",
        "Xóm Phia Đén, xã Trùng Khánh, tỉnh Cao Bằng",
        "4 sao",
        "Quyết định số 1234/QĐ-UBND ngày 22/11/2026",
        "Có giá trị 36 tháng, đến ngày 21/11/2029",
        "Cao Bằng, ngày 22 tháng 11 năm 2026",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Hải",
        "0042/2026/GCN-OCOP",
    ):
        assert expected in flat, expected
    assert "BẢN SAO" not in flat
    assert "[chưa khai báo" not in flat


def test_official_date_form() -> None:
    assert certificate.official_date("Cao Bằng", dt.date(2026, 11, 22)) == "Cao Bằng, ngày 22 tháng 11 năm 2026"
    # Nghị định 30/2020: a 0 before days below 10 and months below 3.
    assert certificate.official_date("Cao Bằng", dt.date(2026, 2, 5)) == "Cao Bằng, ngày 05 tháng 02 năm 2026"
    assert certificate.official_date("Cao Bằng", dt.date(2026, 3, 9)) == "Cao Bằng, ngày 09 tháng 3 năm 2026"


def _words(pdf: Path, tmp_path: Path) -> tuple[list[tuple[float, float, float, float, str]], float, float, int]:
    html = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), str(html)], check=True)
    doc = html.read_text(encoding="utf-8")
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">', doc)
    words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>', doc)]
    width, height = (float(x) for x in pages[0])
    return words, width, height, len(pages)


def test_a_120_character_name_wraps_and_stays_inside_the_page(tmp_path: Path, key: crypto.KeyPair) -> None:
    pdf = tmp_path / "long.pdf"
    render_certificates([_signed(key, product_name=LONG_NAME)], pdf)
    words, width, height, pages = _words(pdf, tmp_path)
    assert pages == 1 and width > height  # A4 landscape
    assert round(width) == 842 and round(height) == 595
    for x0, y0, x1, y1, w in words:
        # Inside the printed frame (20 pt from the edge), not only inside the page.
        assert 20 < x0 < x1 < width - 20 and 20 < y0 < y1 < height - 20, (w, x0, y0, x1, y1)
    # Every word of the name is there, in order, on more than one line, none cut.
    name_words = LONG_NAME.split()
    texts = [w[4] for w in words]
    start = next(i for i in range(len(texts)) if texts[i:i + len(name_words)] == name_words)
    lines = {round(words[i][1]) for i in range(start, start + len(name_words))}
    assert len(lines) >= 2
    flat = _one_line(_text(pdf))
    assert LONG_NAME in flat


def test_a_very_long_name_and_address_still_fit(tmp_path: Path, key: crypto.KeyPair) -> None:
    name = " ".join([LONG_NAME] * 3)
    address = "Thôn Nà Dài, xã Trùng Khánh, tỉnh Cao Bằng, " * 4
    pdf = tmp_path / "huge.pdf"
    render_certificates([_signed(key, product_name=name, producer_address=address.strip(" ,"))], pdf)
    words, width, height, _pages = _words(pdf, tmp_path)
    for x0, y0, x1, y1, w in words:
        assert 20 < x0 < x1 < width - 20 and 20 < y0 < y1 < height - 20, w
    assert name in _one_line(_text(pdf))
    # The body does not run into the place-and-date line below it.
    place = next(w for w in words if w[4] == "tháng")  # only in "Cao Bằng, ngày 22 tháng 11 năm 2026"
    validity = next(w for w in words if w[4] == "giá")
    assert validity[3] < place[1]


def test_missing_settings_are_shown_and_copies_marked(tmp_path: Path, key: crypto.KeyPair) -> None:
    pdf = tmp_path / "c.pdf"
    render_certificates([_signed(key, authority=" ", signer_name="", signer_title="", place="", copy=True)], pdf)
    flat = _one_line(_text(pdf))
    for expected in ("[chưa khai báo cơ quan ban hành]", "[chưa khai báo người ký]",
                     "[chưa khai báo chức vụ người ký]", "[chưa khai báo địa danh], ngày 22 tháng 11 năm 2026",
                     "BẢN SAO"):
        assert expected in flat, expected


def test_one_landscape_page_per_certificate(tmp_path: Path, key: crypto.KeyPair) -> None:
    pdf = tmp_path / "many.pdf"
    views = [_signed(key, number=f"{i:04d}/2026/GCN-OCOP", stars=3 + i % 3) for i in range(5)]
    assert render_certificates(views, pdf) == 5
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+5\b", info)
    assert "841.89 x 595.276 pts (A4)" in info
    flat = _one_line(_text(pdf))
    assert "3 sao" in flat and "4 sao" in flat and "5 sao" in flat


def test_render_to_a_file_object(key: crypto.KeyPair) -> None:
    import io

    buf = io.BytesIO()
    render_certificates([_signed(key)], buf)
    assert buf.getvalue().startswith(b"%PDF-") and len(buf.getvalue()) < 150_000


def test_unwritable_path_is_a_clear_error(tmp_path: Path, key: crypto.KeyPair) -> None:
    with pytest.raises(certificate.CertificateOutputError) as exc:
        render_certificates([_signed(key)], tmp_path / "no-such-folder" / "c.pdf")
    assert "no-such-folder" in exc.value.message
    with pytest.raises(certificate.CertificateOutputError):
        render_certificates([_signed(key)], tmp_path)  # a folder
    assert list(tmp_path.iterdir()) == []


# -- the QR payload --------------------------------------------------------------------------

def _legacy(fields: qr.QrFields, sign_private: bytes, key_id: str) -> str:
    """A format-1 payload, as certificates printed before issue 9 carry (they must still verify)."""
    data = qr.canonical(fields, key_id)
    return f"OCOP1.{_b64(data)}.{_b64(crypto.sign(sign_private, data))}"


def _lookup(key: crypto.KeyPair):  # noqa: ANN202
    return lambda office, key_id: key.sign_public if (office, key_id) == (OFFICE, key.key_id) else None


def test_format_1_payload_round_trip(key: crypto.KeyPair) -> None:
    view = sample_view(product_name=LONG_NAME)
    text = _legacy(_fields(view), key.sign_private, key.key_id)
    assert text.startswith("OCOP1.") and text.isascii() and len(text) < 450
    import segno

    assert segno.make(text, error="m", micro=False, boost_error=False).version <= 16
    res = qr.verify_qr_text(text, _lookup(key))
    assert res.valid and res.status == qr.VALID and res.reason == ""
    f = res.fields
    assert (f.number, f.product_code, f.stars, f.expiry, f.office_id) == (
        "0042/2026/GCN-OCOP", "04-01477-001-2026", 4, dt.date(2029, 11, 21), OFFICE)
    assert len(f.product_name) <= qr.NAME_CHARS and f.product_name.endswith("…")
    assert LONG_NAME.startswith(f.product_name[:-1])
    assert res.key_id == key.key_id
    assert not res.expired(dt.date(2029, 11, 21)) and res.expired(dt.date(2029, 11, 22))
    payload = qr.read_qr_text("  " + text + "\n")
    assert payload.signature_ok_with(key.sign_public)
    assert not payload.signature_ok_with(crypto.generate().sign_public)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def test_tampered_format_1_payloads_fail(key: crypto.KeyPair) -> None:
    text = _legacy(_fields(sample_view()), key.sign_private, key.key_id)
    prefix, body, sig = text.split(".")
    # The content changed (4 → 5 stars), signature kept.
    doc = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    doc["s"] = 5
    forged = _b64(json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
    res = qr.verify_qr_text(f"{prefix}.{forged}.{sig}", _lookup(key))
    assert res.status == qr.BAD_SIGNATURE and res.fields is not None and res.fields.stars == 5
    # Any one character of the JSON part or of the signature changed.
    for part in (1, 2):
        for i in range(0, len(text.split(".")[part]), 7):
            parts = text.split(".")
            ch = parts[part][i]
            parts[part] = parts[part][:i] + ("A" if ch != "A" else "B") + parts[part][i + 1:]
            res = qr.verify_qr_text(".".join(parts), _lookup(key))
            assert res.status in {qr.BAD_SIGNATURE, qr.MALFORMED, qr.UNKNOWN_KEY}, (part, i)
            assert not res.valid and res.reason
    # Signed by a key nobody registered.
    other = crypto.generate()
    res = qr.verify_qr_text(_legacy(_fields(sample_view()), other.sign_private, other.key_id), _lookup(key))
    assert res.status == qr.UNKNOWN_KEY and res.fields is not None
    # Signed by another key under our key's id.
    res = qr.verify_qr_text(_legacy(_fields(sample_view()), other.sign_private, key.key_id), _lookup(key))
    assert res.status == qr.BAD_SIGNATURE


@pytest.mark.parametrize("bad", [
    "", "   ", "hello", "OCOP1", "OCOP1..", "OCOP1.a.b", "OCOP2.abc.def", "OCOP1.!!!.???",
    "OCOP1." + _b64(b"[1,2,3]") + "." + _b64(b"x" * 64),
    "OCOP1." + _b64(b"{}") + "." + _b64(b"x" * 64),
    "OCOP1." + _b64(b'{"e":"2029-13-40","k":"a","n":"1","o":"x","p":"c","s":4,"t":"n"}') + "." + _b64(b"x" * 64),
    "OCOP1." + _b64(b'{"e":"2029-11-21","k":"a","n":"1","o":"x","p":"c","s":9,"t":"n"}') + "." + _b64(b"x" * 64),
    "OCOP1." + _b64(b'{"e":"2029-11-21","k":"a","n":"1","o":"x","p":"c","s":true,"t":"n"}') + "." + _b64(b"x" * 64),
    "OCOP1." + _b64(b'{"e":"2029-11-21","k":"a","n":"1","o":"x","p":"c","s":4,"t":"n"}') + "." + _b64(b"x" * 63),
    "OCOP1." + _b64(b"\xff\xfe") + "." + _b64(b"x" * 64),
    "OCOP1." + _b64(b"[" * 5000) + "." + _b64(b"x" * 64),
    "OCOP1." + "A" * 5000 + ".B",
])
def test_malformed_text_gives_a_clear_result(bad: str, key: crypto.KeyPair) -> None:
    res = qr.verify_qr_text(bad, _lookup(key))
    assert res.status == qr.MALFORMED and res.fields is None and res.reason
    with pytest.raises(qr.QrMalformed):
        qr.read_qr_text(bad)


def test_random_text_never_raises(key: crypto.KeyPair) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    good = _legacy(_fields(sample_view()), key.sign_private, key.key_id)

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=600), st.integers(min_value=0, max_value=len(good)), st.text(max_size=5))
    def check(noise: str, at: int, insert: str) -> None:
        for text in (noise, good[:at] + insert + good[at:], "OCOP1." + noise):
            res = qr.verify_qr_text(text, _lookup(key))
            assert res.status in {qr.VALID, qr.BAD_SIGNATURE, qr.UNKNOWN_KEY, qr.MALFORMED}
            if text != good and res.valid:
                # Only whitespace around the text may be added.
                assert text.strip() == good

    check()


# -- the commands ------------------------------------------------------------------------------

def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office_db(db):  # noqa: ANN001, ANN201
    with db.session() as s:
        k = profiles.ensure_local_keys(s)
        signing = (k.office_id, k.key_id, k.sign_private)
    path = db.path
    db.close()
    return path, signing


def test_cli_verify_exit_codes(office_db, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    path, (office_id, key_id, private) = office_db
    view = sample_view()
    text = qr.make_qr_text(_fields(view, office_id), private, key_id)
    code, out, err = run(["--lang", "en", "--db", str(path), "certificate", "verify", "--qr", text], capsys)
    assert code == 0, err
    assert "0042/2026/GCN-OCOP" in out and "Miến dong Phia Đén" in out and "Trung tâm Dịch vụ nông nghiệp" in out
    assert "Producer: Hợp tác xã Nông nghiệp Phia Đén" in out
    code, out, err = run(["certificate", "verify", "--qr", text, "--json", "--db", str(path)], capsys)
    info = json.loads(out)
    assert code == 0 and info["valid"] and info["status"] == "valid"
    assert info["certificate"]["stars"] == 4 and info["certificate"]["expiry"] == "2029-11-21"
    assert info["certificate"]["office_name"] == "Trung tâm Dịch vụ nông nghiệp Trùng Khánh"
    assert info["certificate"]["expired"] is (dt.date.today() > dt.date(2029, 11, 21))

    assert json.loads(run(["certificate", "verify", "--qr", _legacy(_fields(view, office_id), private, key_id),
                           "--json", "--db", str(path)], capsys)[1])["valid"]  # certificates printed before
    sig = text.rsplit(".", 1)[1]
    bad_sig = sig[:10] + ("A" if sig[10] != "A" else "B") + sig[11:]
    code, out, err = run(["--lang", "en", "--db", str(path), "certificate", "verify", "--qr",
                          text.rsplit(".", 1)[0] + "." + bad_sig], capsys)
    assert code == 2 and "signature does not match" in err
    code, out, err = run(["--lang", "en", "--db", str(path), "certificate", "verify", "--qr", "OCOP1.zz"], capsys)
    assert code == 2 and "damaged" in err and "Traceback" not in err
    other = crypto.generate()
    code, out, err = run(["--lang", "en", "--db", str(path), "certificate", "verify", "--qr",
                          qr.make_qr_text(_fields(view, office_id), other.sign_private, other.key_id)], capsys)
    assert code == 2 and "does not know" in err


def test_cli_sample_and_unwritable_path(office_db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    path, _signing = office_db
    out_pdf = tmp_path / "sample.pdf"
    code, out, err = run(["--lang", "en", "--db", str(path), "certificate", "sample", "--out", str(out_pdf)], capsys)
    assert code == 0, err
    assert out.strip() == str(out_pdf) and out_pdf.stat().st_size < 150_000
    text = err.strip().split("The QR code holds: ", 1)[1]  # its readable lines, then the signature
    assert "MẪU-0042/2026/GCN-OCOP" in _one_line(_text(out_pdf))
    code, out, _err = run(["--db", str(path), "certificate", "verify", "--qr", text, "--json"], capsys)
    assert code == 0 and json.loads(out)["certificate"]["number"] == "MẪU-0042/2026/GCN-OCOP"

    bad = tmp_path / "missing-folder" / "c.pdf"
    code, out, err = run(["--lang", "en", "--db", str(path), "certificate", "sample", "--out", str(bad)], capsys)
    assert code == 2 and "Cannot write the PDF" in err and "missing-folder" in err and "Traceback" not in err


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbar-tools (zbarimg) or pdftoppm not installed")
def test_the_printed_qr_code_reads_back(tmp_path: Path, key: crypto.KeyPair) -> None:
    view = _signed(key, product_name=LONG_NAME)
    pdf = tmp_path / "c.pdf"
    render_certificates([view], pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    read = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True).stdout.strip()
    assert read == view.qr_text
    assert qr.verify_qr_text(read, _lookup(key)).valid
