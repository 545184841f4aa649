"""Forms Mẫu 01, 02 and 03 of QĐ 26/2026 Phụ lục III, pre-filled from real SQLite records and
checked with poppler: fonts embedded, the exact NFC strings of the producer, product,
representative and the form titles, the commune's verdicts and texts on Mẫu 03, dotted
lines for what the records do not hold; and the ``report form`` command with its refusals."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from ocop_desktop import cli
from ocop_desktop.db import Database
from ocop_desktop.errors import BadInput
from ocop_desktop.reports import forms
from ocop_desktop.services import commune_assessments, producers, products
from ocop_desktop.services.commune_assessments import CommuneAssessmentData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="poppler-utils (pdftotext, pdffonts) not installed")

TODAY = dt.date(2026, 11, 22)
PRODUCER = "Hợp tác xã Nông nghiệp Phia Đén"
PRODUCT = "Miến dong Phia Đén"
REP = "Nông Thị Hòa"
RAW_TEXT = "Chủ thể sử dụng củ dong riềng trồng tại các thôn Phia Đén, Bản Thuộc; đã kiểm tra thực tế."
LABOUR_TEXT = "Sử dụng 25 lao động thường xuyên, đều là người địa phương."
IDEA_TEXT = "Nghề làm miến dong có từ lâu đời ở địa phương."
IDENTITY_TEXT = "Kinh nghiệm tráng, phơi miến truyền thống của đồng bào Tày."


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(pdf), "-"], check=True, capture_output=True,
                         text=True, encoding="utf-8").stdout
    return re.sub(r"\s+", " ", out)


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def _assert_fonts_embedded(pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert " yes yes yes " in row, row
    assert "Helvetica" not in out


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


@pytest.fixture
def records(db: Database) -> dict[str, str]:
    """A cooperative with a Tày woman as its representative, its product of set 7 (with a
    quality declaration and a trademark), the commune's report for round 1 of 2026, and a
    second product without any report."""
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(
            kind="htx", name=_nfc(PRODUCER), identifier="0101248141", reg_number="4707A0012",
            reg_date=dt.date(2015, 3, 9), commune_code=1477, address_detail="Thôn Phia Đén",
            rep_name=REP, rep_title="Giám đốc", rep_sex="nu", rep_ethnicity="02", phone="0912 345 678",
            email="htxphiaden@gmail.com")).id
        prod = products.create_product(s, ProductData(
            name=PRODUCT, producer_id=pid, product_set=7, commune_code=1477, status="dang_ky",
            description="Gói 500 g, TCCS 01:2024/HTXPĐ",
            certifications=[{"kind": "cong_bo_chat_luong", "number": "01/2024", "expiry": None, "issuer": ""},
                            {"kind": "nhan_hieu", "number": "4-0312345", "expiry": None, "issuer": "Cục SHTT"}]),
            today=TODAY).id
        other = products.create_product(s, ProductData(name="Trà giảo cổ lam", producer_id=pid, product_set=11,
                                                       commune_code=1477, status="dang_ky"), today=TODAY).id
    with db.session() as s:
        commune_assessments.save_commune_assessment(s, CommuneAssessmentData(
            product_id=prod, year=2026, round=1, raw_material_verdict="yes", raw_material_text=RAW_TEXT,
            labour_verdict="partial", labour_text=LABOUR_TEXT, idea_origin_verdict="traditional",
            idea_origin_text=IDEA_TEXT, local_identity_verdict="yes", local_identity_text=IDENTITY_TEXT,
            assessed_on=dt.date(2026, 11, 5), signer_name="Hoàng Văn Minh", signer_title="Chủ tịch"),
            today=TODAY)
    return {"producer": pid, "product": prod, "other": other}


def _render(db: Database, form: str, product: str, tmp_path: Path, **kw: int) -> tuple[Path, str]:
    pdf = tmp_path / f"form-{form}.pdf"
    assert forms.print_form(db, form, product, pdf, **kw) >= 1
    _assert_fonts_embedded(pdf)
    text = _text(pdf)
    assert text == _nfc(text)
    return pdf, text


def test_form_01_registration_prefilled(db: Database, records: dict[str, str], tmp_path: Path) -> None:
    pdf, text = _render(db, "01", records["product"], tmp_path, year=2026)
    for s in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "PHIẾU ĐĂNG KÝ",
              "Tham gia đánh giá, phân hạng sản phẩm OCOP", "của tỉnh Cao Bằng năm 2026",
              f"- Tên đơn vị: {PRODUCER}", f"- Họ tên người đại diện pháp lý: {REP}", "- Chức vụ: Giám đốc",
              "- Điện thoại: 0912 345 678", "Email: htxphiaden@gmail.com", f"2. Tên sản phẩm: {PRODUCT}",
              "Thôn Phia Đén", "tỉnh Cao Bằng", "I. Thực phẩm", "Bộ 7:", "Lần đầu √",
              "ĐẠI DIỆN", "(Ký, đóng dấu, ghi rõ họ tên)", "PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ",
              "DÀNH CHO ỦY BAN NHÂN DÂN CẤP XÃ", "DÀNH CHO CƠ QUAN QUẢN LÝ OCOP CẤP TỈNH", "/PĐK-04-01477-2026",
              "Mẫu số 01"):
        assert _nfc(s) in text, s
    # what the records do not hold stays a dotted line to fill by hand
    assert re.search(r"Sản phẩm mẫu \(số lượng\): …{10,}", text)
    assert "Ngày nhận: …" in text and "ngày........tháng........năm" in text
    assert f"Trang 1/{_pages(pdf)}" in text


def test_form_02_self_assessment_prefilled(db: Database, records: dict[str, str], tmp_path: Path) -> None:
    _pdf, text = _render(db, "02", records["product"], tmp_path)
    for s in ("BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM", "(Dành cho chủ thể có sản phẩm đăng ký)", "THÔNG TIN CHUNG",
              f"1. Tên chủ thể: {PRODUCER}", "2. Loại hình tổ chức: Hợp tác xã", "4. Điện thoại: 0912 345 678",
              f"- Họ tên: {REP}", "- Giới tính: Nữ (Nam/nữ); Dân tộc: Tày", "09/03/2015", "4707A0012",
              "0101248141", f"{PRODUCT} – Gói 500 g", "KẾT QUẢ THỰC HIỆN PHƯƠNG ÁN SẢN XUẤT KINH DOANH",
              "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN THEO BỘ TIÊU CHÍ SẢN PHẨM OCOP", "KẾ HOẠCH SẢN XUẤT, KINH DOANH",
              "Giấy đăng ký kinh doanh", "Câu chuyện về sản phẩm", "ĐẠI DIỆN THEO PHÁP LUẬT CỦA CƠ SỞ",
              "(Ký, họ tên, đóng dấu)"):
        assert _nfc(s) in text, s
    # boxes ticked from the records: registration, quality declaration, trademark
    assert "a) Giấy đăng ký kinh doanh: √" in text
    assert "b) Đã công bố chất lượng sản phẩm theo quy định: √" in text
    assert "+ Giấy chứng nhận đăng ký nhãn hiệu: √" in text and "+ Bằng sáng chế □" in text
    assert re.search(r"- Địa chỉ thường trú: …{10,}", text)


def test_form_03_commune_report_with_verdicts(db: Database, records: dict[str, str], tmp_path: Path) -> None:
    _pdf, text = _render(db, "03", records["product"], tmp_path, year=2026, round_=1)
    for s in ("ỦY BAN NHÂN DÂN", "XÃ TRÙNG KHÁNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
              "Đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân hạng sản phẩm OCOP",
              "Trùng Khánh, ngày 05 tháng 11 năm 2026", "I. THÔNG TIN CHUNG VỀ HỒ SƠ SẢN PHẨM",
              f"1. Tên chủ thể: {PRODUCER}", "2. Loại hình tổ chức: Hợp tác xã", f"- Họ tên: {REP}",
              "- Giới tính: Nữ (Nam/nữ); Dân tộc: Tày", f"5. Sản phẩm đăng ký đánh giá: {PRODUCT}",
              "II. ĐÁNH GIÁ MỘT SỐ NỘI DUNG CỦA HỒ SƠ SẢN PHẨM", "1. Về sử dụng nguyên liệu địa phương:",
              "Kết luận: Có", RAW_TEXT, "Kết luận: Một phần", LABOUR_TEXT,
              "Nhận xét: Sản phẩm truyền thống", IDEA_TEXT, IDENTITY_TEXT,
              f"Ủy ban nhân dân xã Trùng Khánh đề nghị Ủy ban nhân dân tỉnh Cao Bằng đánh giá, phân hạng sản "
              f"phẩm OCOP cho sản phẩm {PRODUCT} của {PRODUCER}.",
              "T.M ỦY BAN NHÂN DÂN XÃ TRÙNG KHÁNH", "CHỦ TỊCH", "(Ký tên và đóng dấu)", "Hoàng Văn Minh"):
        assert _nfc(s) in text, s


def test_form_03_is_refused_without_a_commune_report(db: Database, records: dict[str, str],
                                                     tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="chưa có báo cáo của xã cho đợt 2 năm 2026"):
        forms.print_form(db, "03", records["product"], tmp_path / "x.pdf", year=2026, round_=2)
    with pytest.raises(BadInput, match="chưa có báo cáo của xã"):
        forms.print_form(db, "03", records["other"], tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    # forms 01 and 02 need no report
    _render(db, "01", records["other"], tmp_path)


def test_blank_producer_fields_are_dotted(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(kind="ho_sx", name="Hộ Nông Văn Bình",
                                                        commune_code=1489)).id
        prod = products.create_product(s, ProductData(name="Mật ong bạc hà", producer_id=pid, product_set=4,
                                                      commune_code=1489, status="dang_ky"), today=TODAY).id
    _pdf, text = _render(db, "02", prod, tmp_path)
    assert "2. Loại hình tổ chức: Hộ sản xuất" in text
    assert re.search(r"4\. Điện thoại: …{5,} Email: …{5,}", text)
    assert re.search(r"- Giới tính: …+ \(Nam/nữ\); Dân tộc: …{5,}", text)
    assert "a) Giấy đăng ký kinh doanh: □" in text


def test_report_form_command(db: Database, db_path: Path, records: dict[str, str], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    from ocop_desktop.i18n import set_language

    set_language("en")
    db.close()
    base = ["--db", str(db_path), "--lang", "en", "report", "form"]
    for form, extra in (("01", ["--year", "2026"]), ("02", []), ("3", ["--year", "2026", "--round", "1"])):
        out = tmp_path / f"f{form}.pdf"
        assert cli.main([*base, "--form", form, "--product", records["product"], *extra, "--out", str(out)]) == 0
        assert capsys.readouterr().out.strip() == str(out)
        assert _nfc(PRODUCER) in _text(out)
    out = tmp_path / "none.pdf"
    assert cli.main([*base, "--form", "03", "--product", records["other"], "--out", str(out)]) == 2
    assert "Mẫu 03" in capsys.readouterr().err and not out.exists()
    assert cli.main([*base, "--form", "01", "--product", "nope", "--out", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "no-such-dir" / "f.pdf"
    assert cli.main([*base, "--form", "02", "--product", records["product"], "--out", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Cannot write the PDF to" in err and str(bad) in err and not bad.exists()
    with pytest.raises(SystemExit):
        cli.main([*base, "--form", "04", "--product", records["product"], "--out", str(out)])


def test_long_names_wrap_inside_the_page(db: Database, tmp_path: Path) -> None:
    from html import unescape

    from ocop_desktop.reports import layout

    name = ("Rượu ngô men lá truyền thống Hoàng Su Phì của đồng bào dân tộc Dao đỏ, chưng cất thủ công "
            "bằng nồi đồng, ủ chum sành lâu")
    with db.session() as s:
        pid = producers.create_producer(s, ProducerData(kind="ho_sx", name="Hộ Nông Văn Bình", commune_code=1489)).id
        prod = products.create_product(s, ProductData(name=name, producer_id=pid, product_set=4, commune_code=1489,
                                                      status="dang_ky"), today=TODAY).id
        commune_assessments.save_commune_assessment(s, CommuneAssessmentData(product_id=prod, year=2026, round=1),
                                                    today=TODAY)
    for form in forms.FORMS:
        pdf, text = _render(db, form, prod, tmp_path)
        assert name in text, form
        html = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"], check=True,
                              capture_output=True, text=True, encoding="utf-8").stdout
        width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
        xs = [(float(m.group(1)), float(m.group(2)), unescape(m.group(3))) for m in
              re.finditer(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', html)]
        assert xs
        for x0, x1, word in xs:
            assert layout.LEFT - 8 <= x0 and x1 <= width - layout.RIGHT + 8, (form, word, x0, x1)
    # an assessment without verdicts or texts prints dotted lines under each content
    assert re.search(r"Kết luận: …{10,}", text) and re.search(r"Nhận xét: …{10,}", text)
