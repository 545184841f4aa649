"""Generate the import test corpus: workbooks shaped like the lists offices hold (issue 12).

``build(folder)`` writes every text-based and xlsx case with XlsxWriter / openpyxl and the
standard library, and copies the binary fixtures (.xls, .ods) committed beside this script.
No maintained Python library writes BIFF .xls (xlwt is dead), so those were made once with
``python tests/excel_corpus/make_corpus.py --binary`` (LibreOffice ``soffice --headless
--convert-to xls/ods`` from the xlsx made here) and committed under ``fixtures/``.

Office of the tests: Cao Bằng, communes Trùng Khánh, Đình Phong, Đàm Thuỷ, Đoài Dương.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
sys.path.insert(0, str(HERE.parents[1]))

from ocop_desktop.excel import import_legacy  # noqa: E402

TITLE_1 = "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"
TITLE_2 = "DANH SÁCH SẢN PHẨM OCOP NĂM 2024"


def _xlsx(path: Path, build) -> Path:  # noqa: ANN001
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    build(wb)
    wb.close()
    return path


def tay_ninh(path: Path) -> Path:
    """Merged titles, the decision stated in a title row, producer merged over its products."""
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("DS OCOP")
        bold = wb.add_format({"bold": True, "align": "center"})
        ws.merge_range("A1:E1", TITLE_1, bold)
        ws.merge_range("A2:E2", TITLE_2, bold)
        ws.merge_range("A3:E3", "(Kèm theo Quyết định số 123/QĐ-UBND ngày 31/01/2024 của UBND tỉnh)")
        ws.write_row(4, 0, ["TT", "Tên sản phẩm", "Tên cơ sở sản xuất", "Địa chỉ sản xuất", "Xếp hạng sản phẩm"], bold)
        ws.write_row(5, 0, [1, "Miến dong Phia Đén", "HTX Nông nghiệp Phia Đén", "Xóm Phia Đén, xã Trùng Khánh",
                            "04 sao"])
        ws.write_row(6, 0, [2, "Miến dong sợi nhỏ", None, None, "3 sao"])
        ws.write_row(7, 0, [3, "Bún dong", None, None, "3*"])
        ws.merge_range("C6:C8", "HTX Nông nghiệp Phia Đén")
        ws.merge_range("D6:D8", "Xóm Phia Đén, xã Trùng Khánh")
        ws.write_row(8, 0, [4, "Hạt dẻ Trùng Khánh", "Hộ kinh doanh Nông Văn Dũng", "Bản Giốc, xã Đàm Thuỷ", "★★★"])
    return _xlsx(path, build)


def two_row_header(path: Path) -> Path:
    """"Chủ thể" over Tên / Địa chỉ / Mã số thuế, "Quyết định công nhận" over Số / Ngày,
    STT merged over both rows, a (1) (2) (3) numbering row."""
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("Sheet1")
        code = wb.add_format({"num_format": "0000000000"})
        ws.merge_range("A1:H1", TITLE_2)
        ws.merge_range("A3:A4", "STT")
        ws.merge_range("B3:B4", "Tên sản phẩm")
        ws.merge_range("C3:E3", "Chủ thể")
        ws.write_row(3, 2, ["Tên", "Địa chỉ", "Mã số thuế"])
        ws.merge_range("F3:F4", "Hạng sao")
        ws.merge_range("G3:H3", "Quyết định công nhận")
        ws.write_row(3, 6, ["Số", "Ngày"])
        ws.write_row(4, 0, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"])
        ws.write_row(5, 0, [1, "Trà hoa vàng", "Công ty TNHH Trà Đình Phong", "Xóm Nà Lạn, xã Đình Phong"])
        ws.write_number(5, 4, 123456787, code)  # 0123456787 with its zero lost
        ws.write_row(5, 5, ["4 sao", "456/QĐ-UBND"])
        ws.write_datetime(5, 7, dt.datetime(2024, 11, 22), wb.add_format({"num_format": "dd/mm/yyyy"}))
        ws.write_row(6, 0, [2, "Mật ong bạc hà", "HTX Mật ong Đoài Dương", "xã Đoài Dương", 4600123459, "3 sao",
                            "457/QĐ-UBND", "05/03/2024"])
    return _xlsx(path, build)


def group_rows(path: Path) -> Path:
    """Roman-numeral group rows, a "Tổng cộng" row and the signature block."""
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("Tong hop")
        ws.write_row(0, 0, ["STT", "Tên sản phẩm", "Chủ thể", "Xã", "Số sao", "Năm công nhận", "Số QĐ", "Ngày QĐ",
                            "Bộ sản phẩm"])
        ws.write_row(1, 0, ["I", "Xã Trùng Khánh"])
        ws.write_row(2, 0, [1, "Hạt dẻ rang", "Hộ kinh doanh Lương Văn Sơn", "Trùng Khánh", 3, 2023, "12/QĐ-UBND",
                            "10/10/2023", "8"])
        ws.write_row(3, 0, [2, "Lạp sườn hun khói", "Hộ kinh doanh Lương Văn Sơn", "Trùng Khánh", "03 sao", 2023,
                            "12/QĐ-UBND", "10/10/2023", 8])
        ws.write_row(4, 0, ["II", "Xã Đàm Thuỷ"])
        ws.write_row(5, 0, [1, "Rượu ngô men lá", "Cơ sở Hoàng Thị Lan", "Đàm Thuỷ", "", "", "", "", 12])
        ws.write_row(6, 0, ["Tổng cộng", "3 sản phẩm"])
        ws.write_row(8, 4, ["NGƯỜI LẬP BIỂU"])
        ws.write_row(9, 4, ["Nông Thị Hoa"])
    return _xlsx(path, build)


def fill_down(path: Path) -> Path:
    """A producer written once, blank on its other product rows (no merged cells)."""
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("Sheet1")
        ws.write_row(0, 0, ["STT", "Chủ thể", "Địa chỉ", "Tên sản phẩm", "Nhóm sản phẩm"])
        ws.write_row(1, 0, ["A", "Xã Đình Phong"])
        ws.write_row(2, 0, [1, "HTX Dịch vụ Đình Phong", "Xóm Pác Rằng, xã Đình Phong", "Gạo nếp Pác Rằng", 3])
        ws.write_row(3, 0, [2, None, None, "Gạo tẻ Pác Rằng", 3])
        ws.write_row(4, 0, [3, None, None, "Bột nếp", 3])
        ws.write_row(5, 0, ["B", "Xã Đoài Dương"])
        ws.write_row(6, 0, [1, "Tổ hợp tác Chè Đoài Dương", "xã Đoài Dương", "Chè Shan", 3])
    return _xlsx(path, build)


def text_dates(path: Path) -> Path:
    """Dates as text d/m/yyyy (day first), as date cells, as serials; one impossible date."""
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("Sheet1")
        ws.write_row(0, 0, ["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Xếp hạng", "Số quyết định",
                            "Ngày quyết định", "Bộ sản phẩm"])
        ws.write_row(1, 0, [1, "Măng khô", "Hộ Nông Văn Tài", "xã Trùng Khánh", "3 sao", "1/QĐ-UBND", "5/3/2024", 1])
        ws.write_row(2, 0, [2, "Mận Đình Phong", "Hộ Hoàng Văn Páo", "xã Đình Phong", "3 sao", "2/QĐ-UBND"])
        ws.write_datetime(2, 6, dt.datetime(2024, 12, 1), wb.add_format({"num_format": "dd/mm/yyyy"}))
        ws.write(2, 7, 1)
        ws.write_row(3, 0, [3, "Thạch đen", "Hộ Đàm Thị Nga", "xã Đàm Thuỷ", "3 sao", "3/QĐ-UBND", 45300, 1])
        ws.write_row(4, 0, [4, "Lê Đoài Dương", "Hộ Lục Văn Hùng", "xã Đoài Dương", "3 sao", "4/QĐ-UBND",
                            "31/02/2024", 1])
    return _xlsx(path, build)


def lost_zeros(path: Path) -> Path:
    """Tax codes and phones typed as numbers: format "0000000000" (zeros shown), none at all."""
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("Sheet1")
        fmt = wb.add_format({"num_format": "0000000000"})
        ws.write_row(0, 0, ["STT", "Tên sản phẩm", "Tên chủ thể", "Mã số thuế", "Số điện thoại", "Xã", "Bộ sản phẩm"])
        ws.write_row(1, 0, [1, "Thịt trâu gác bếp", "Công ty TNHH Gác Bếp Trùng Khánh"])
        ws.write_number(1, 3, 12345672, fmt)  # shown 0012345672
        ws.write_row(1, 4, [912345678, "Trùng Khánh", 8])
        ws.write_row(2, 0, [2, "Lạp xưởng", "HTX Đoài Dương Xanh", 102030405, 987654321, "Đoài Dương", 8])
    return _xlsx(path, build)


def _legacy_rows(which: str) -> list[list[str]]:
    rows = [["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Xếp hạng", "Năm", "Số QĐ", "Ngày QĐ", "Bộ sản phẩm"],
            ["1", "Miến dong Phia Đén", "Hợp tác xã Nông nghiệp Phia Đén", "Xóm Phia Đén, xã Trùng Khánh", "3 sao",
             "2022", "77/QĐ-UBND", "15/08/2022", "3"],
            ["2", "Chè đắng Đoài Dương", "Hộ kinh doanh Hoàng Thị Thường", "Xóm Nà Khoang, xã Đoài Dương",
             "4 sao", "2022", "77/QĐ-UBND", "15/08/2022", "12"]]
    return [[import_legacy.encode(v, which) for v in r] for r in rows]


def legacy_font(path: Path, which: str) -> Path:
    """TCVN3 text in .VnTime (the header in .VnTimeH, upper case) or VNI text in VNI-Times."""
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("Sheet1")
        font = ".VnTime" if which == "tcvn3" else "VNI-Times"
        body = wb.add_format({"font_name": font})
        rows = _legacy_rows(which)
        if which == "tcvn3":
            ws.merge_range("A1:I1", import_legacy.encode(TITLE_2.lower(), "tcvn3"), wb.add_format({"font_name": ".VnTimeH"}))
        else:
            ws.merge_range("A1:I1", import_legacy.encode(TITLE_2, "vni"), body)
        for r, row in enumerate(rows):
            ws.write_row(r + 2, 0, row, body)
    return _xlsx(path, build)


def html_as_xls(path: Path) -> Path:
    """What web systems send as "bao_cao.xls": an HTML table with colspan / rowspan."""
    cells = [
        "<tr><td colspan='6'><b>DANH SÁCH SẢN PHẨM OCOP</b></td></tr>",
        "<tr><th>STT</th><th>Tên sản phẩm</th><th>Chủ thể</th><th>Địa chỉ</th><th>Hạng sao</th>"
        "<th>Quyết định công nhận</th></tr>",
        "<tr><td>1</td><td>Bánh khảo</td><td rowspan='2'>Cơ sở Bánh Trùng Khánh</td>"
        "<td rowspan='2'>xã Trùng Khánh</td><td>3 sao</td><td rowspan='2'>88/QĐ-UBND ngày 20/12/2023</td></tr>",
        "<tr><td>2</td><td>Bánh coóc mò</td><td>3 sao</td></tr>",
    ]
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'></head><body>"
            "<table border='1'>" + "".join(cells) + "</table></body></html>")
    path.write_text(page, encoding="utf-8")
    return path


_CSV_ROWS = [["STT", "Tên sản phẩm", "Tên chủ thể", "Xã", "Bộ sản phẩm"],
             ["1", "Tương ớt Đàm Thuỷ", "Hộ Nguyễn Thị Hằng", "Đàm Thuỷ", "8"],
             ["2", "Dưa chuột muối", "Hộ Nguyễn Thị Hằng", "Đàm Thuỷ", "8"]]


def csv_utf8_bom(path: Path) -> Path:
    text = "\r\n".join(";".join(r) for r in _CSV_ROWS) + "\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Excel writes it: base letters precomposed where the code page has them,
    tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def csv_cp1258(path: Path) -> Path:
    text = "\r\n".join(",".join(r) for r in _CSV_ROWS) + "\r\n"
    path.write_bytes(_cp1258(text))
    return path


def with_errors(path: Path) -> Path:
    """Rows the preview must refuse, each for its own reason."""
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("Sheet1")
        ws.write_row(0, 0, ["STT", "Tên sản phẩm", "Tên chủ thể", "Xã", "Mã số thuế", "Xếp hạng", "Số QĐ", "Ngày QĐ",
                            "Bộ sản phẩm"])
        ws.write_row(1, 0, [1, "Gạo nếp cái hoa vàng", "Hộ Vi Văn Minh", "Trùng Khánh", "", "3 sao", "9/QĐ-UBND",
                            "01/06/2024", 3])
        ws.write_row(2, 0, [2, "Gạo nếp cái hoa vàng", "Hộ Vi Văn Minh", "Trùng Khánh", "", "3 sao", "9/QĐ-UBND",
                            "01/06/2024", 3])  # the same product again
        ws.write_row(3, 0, [3, "Cá suối", "Hộ Bế Văn Nam", "Hà Nội", "", "", "", "", 2])  # not our commune
        ws.write_row(4, 0, [4, "Nấm hương", "Hộ Ma Văn Kiên", "Đình Phong", "", "năm sao", "", "", 1])  # stars
        ws.write_row(5, 0, [5, "Trám đen", "Công ty TNHH Trám Đen", "Đình Phong", "", "", "", "", 1])  # no tax code
        ws.write_row(6, 0, [6, "", "Hộ Lý Thị Mai", "Đình Phong", "", "", "", "", 1])  # no product name
        ws.write_row(7, 0, [7, "Khoai môn", "Hộ Lý Thị Mai", "Đình Phong", "", "4 sao", "", "", 1])  # no decision
    return _xlsx(path, build)


def formulas(path: Path) -> Path:
    """Formula cells: their cached values are read."""
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("Sheet1")
        ws.write_row(0, 0, ["STT", "Tên sản phẩm", "Tên chủ thể", "Xã", "Bộ sản phẩm"])
        ws.write_formula(1, 0, "=ROW()-1", None, 1)
        ws.write_row(1, 1, ["Mắc mật", "Hộ Đinh Văn Lâm"])
        ws.write_formula(1, 3, '="Trùng "&"Khánh"', None, "Trùng Khánh")
        ws.write_formula(1, 4, "=4*2", None, 8)
    return _xlsx(path, build)


def no_header(path: Path) -> Path:
    def build(wb):  # noqa: ANN001, ANN202
        ws = wb.add_worksheet("Sheet1")
        ws.write_row(0, 0, ["Báo cáo", "tháng 11"])
        ws.write_row(1, 0, [1, 2, 3])
    return _xlsx(path, build)


def empty(path: Path) -> Path:
    return _xlsx(path, lambda wb: wb.add_worksheet("Trống"))


def corrupt(path: Path, good: Path) -> Path:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted(path: Path, good: Path) -> Path:
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(good, "rb") as src, open(path, "wb") as dst:
        OOXMLFile(src).encrypt("matkhau", dst) if hasattr(OOXMLFile, "encrypt") else None
    if path.stat().st_size == 0:  # older msoffcrypto: the module-level helper
        with open(good, "rb") as src, open(path, "wb") as dst:
            msoffcrypto.OfficeFile(src).encrypt("matkhau", dst)
    return path


#: Binary fixtures made once with LibreOffice (see the module doc): name → (source builder, format).
BINARY = {"group_rows.xls": (group_rows, "xls"), "tcvn3.xls": (lambda p: legacy_font(p, "tcvn3"), "xls"),
          "two_row_header.ods": (two_row_header, "ods")}


def build(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {
        "tay_ninh.xlsx": tay_ninh(folder / "tay_ninh.xlsx"),
        "two_row_header.xlsx": two_row_header(folder / "two_row_header.xlsx"),
        "group_rows.xlsx": group_rows(folder / "group_rows.xlsx"),
        "fill_down.xlsx": fill_down(folder / "fill_down.xlsx"),
        "text_dates.xlsx": text_dates(folder / "text_dates.xlsx"),
        "lost_zeros.xlsx": lost_zeros(folder / "lost_zeros.xlsx"),
        "tcvn3.xlsx": legacy_font(folder / "tcvn3.xlsx", "tcvn3"),
        "vni.xlsx": legacy_font(folder / "vni.xlsx", "vni"),
        "html_as.xls": html_as_xls(folder / "html_as.xls"),
        "utf8_bom.csv": csv_utf8_bom(folder / "utf8_bom.csv"),
        "cp1258.csv": csv_cp1258(folder / "cp1258.csv"),
        "with_errors.xlsx": with_errors(folder / "with_errors.xlsx"),
        "formulas.xlsx": formulas(folder / "formulas.xlsx"),
        "no_header.xlsx": no_header(folder / "no_header.xlsx"),
        "empty.xlsx": empty(folder / "empty.xlsx"),
    }
    out["corrupt.xlsx"] = corrupt(folder / "corrupt.xlsx", out["tay_ninh.xlsx"])
    out["encrypted.xlsx"] = encrypted(folder / "encrypted.xlsx", out["tay_ninh.xlsx"])
    for name in BINARY:
        if (FIXTURES / name).exists():
            out[name] = Path(shutil.copy(FIXTURES / name, folder / name))
    return out


def make_binary_fixtures() -> None:
    """Regenerate ``fixtures/*.xls|ods`` with LibreOffice (run by hand; the files are committed)."""
    FIXTURES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (maker, fmt) in BINARY.items():
            src = maker(Path(tmp) / (Path(name).stem + ".xlsx"))
            subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(FIXTURES), str(src)],
                           check=True, capture_output=True, timeout=180)


if __name__ == "__main__":
    if "--binary" in sys.argv:
        make_binary_fixtures()
    else:
        target = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
        for name, p in build(target).items():
            print(name, p.stat().st_size)
