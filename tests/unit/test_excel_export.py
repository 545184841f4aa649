"""The .xlsx writer and the round-trip contract, read back with python-calamine and openpyxl."""

from __future__ import annotations

import datetime as dt
import errno
import os
import unicodedata
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from ocop_desktop.errors import BadInput, DiskFull
from ocop_desktop.excel import roundtrip_format as rt
from ocop_desktop.excel import workbook_writer
from ocop_desktop.excel.export import default_file_name, export_rows
from ocop_desktop.excel.workbook_writer import Cell, SheetColumn, write_list

COLUMNS = [SheetColumn("id", rt.ID_HEADER, Cell.CODE), SheetColumn("name", "Tên sản phẩm"),
           SheetColumn("tax", "Mã số thuế", Cell.CODE), SheetColumn("date", "Ngày cấp", Cell.DATE),
           SheetColumn("amount", "Kinh phí", Cell.AMOUNT), SheetColumn("stars", "Số sao", Cell.INT),
           SheetColumn("score", "Tổng điểm", Cell.NUMBER)]
NFD_NAME = unicodedata.normalize("NFD", "Mật ong bạc hà Mèo Vạc")
ROWS = [
    ["id-1", NFD_NAME, "0012345678", dt.date(2026, 11, 22), 903_000_000, 4, Decimal("77.67")],
    ["id-2", "=SUM(A1:A9)", "0100109106-001", None, None, None, None],
    ["id-3", "Chè Shan tuyết", "", dt.date(2024, 1, 31), 0, 3, Decimal("78")],
]


def _sheet(path: Path, name: str = rt.LIST_SHEET) -> list[list]:
    with CalamineWorkbook.from_path(str(path)) as wb:
        return wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


def test_values_come_back_typed_and_codes_keep_their_zeros(tmp_path: Path) -> None:
    path = tmp_path / "san-pham.xlsx"
    written = write_list(path, COLUMNS, ROWS, kind="products")
    assert written.rows == 3 and written.path == path
    header, *rows = _sheet(path)
    assert header == [c.title for c in COLUMNS]
    first, second, third = rows
    assert first[1] == unicodedata.normalize("NFC", NFD_NAME) != NFD_NAME  # NFC on the way out
    assert first[2] == "0012345678" and second[2] == "0100109106-001"  # text, zeros kept
    assert first[3] == dt.date(2026, 11, 22) and isinstance(first[3], dt.date)
    assert first[4] == 903_000_000 and isinstance(first[4], float)  # a number, not "903.000.000"
    assert first[5] == 4 and first[6] == pytest.approx(77.67)
    assert second[1] == "=SUM(A1:A9)"  # text, never a formula
    assert second[3:] == ["", "", "", ""]
    assert third[4] == 0


def test_formats_frozen_header_filter_and_hidden_base_sheet(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    write_list(path, COLUMNS, ROWS, kind="products", title="DANH SÁCH SẢN PHẨM OCOP")
    wb = openpyxl.load_workbook(path)
    ws = wb[rt.LIST_SHEET]
    assert wb.sheetnames == [rt.LIST_SHEET, rt.BASE_SHEET]
    assert wb.active.title == rt.LIST_SHEET
    assert wb[rt.BASE_SHEET].sheet_state == "hidden"
    assert ws["A1"].value == "DANH SÁCH SẢN PHẨM OCOP" and ws["A1"].font.b
    assert [c.value for c in ws[3]] == [c.title for c in COLUMNS] and all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:G6"
    assert ws["C4"].number_format == "@" and ws["C4"].data_type == "s"
    assert ws["D4"].number_format == "dd/mm/yyyy" and ws["D4"].is_date
    assert ws["E4"].number_format == "#,##0" and ws["E4"].value == 903_000_000
    assert ws.column_dimensions["C"].number_format == "@"  # a code typed in later stays text
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert 6 <= widths["B"] <= 61 and widths["B"] > widths["F"]
    assert wb[rt.BASE_SHEET]["D1"].value == 3  # the header's Excel row
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0  # one page wide


def test_widths_follow_the_content_and_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    cols = [SheetColumn("a", "A"), SheetColumn("b", "B")]
    write_list(path, cols, [["x" * 500, "ngắn"]])
    ws = openpyxl.load_workbook(path).active
    assert ws.column_dimensions["A"].width <= workbook_writer.MAX_WIDTH + 1
    assert ws.column_dimensions["B"].width < 10
    assert ws["A2"].value == "x" * 500  # capped width, whole value


def test_read_base_gives_back_what_was_exported(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    when = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)
    write_list(path, COLUMNS, ROWS, kind="products", title="Sản phẩm", exported_at=when)
    kind, exported_at, keys, records = rt.read_base(path)
    assert (kind, exported_at) == ("products", when)
    assert keys == ["id", "name", "tax", "date", "amount", "stars", "score"]
    assert list(records) == ["id-1", "id-2", "id-3"]
    assert records["id-1"] == {"name": unicodedata.normalize("NFC", NFD_NAME), "tax": "0012345678",
                               "date": "2026-11-22", "amount": "903000000", "stars": "4", "score": "77.67"}
    assert records["id-2"] == {"name": "=SUM(A1:A9)", "tax": "0100109106-001", "date": "", "amount": "",
                               "stars": "", "score": ""}
    assert records["id-3"]["amount"] == "0"
    raw = _sheet(path, rt.BASE_SHEET)
    assert raw[0][:3] == ["products", "2026-12-02T09:30:00+00:00", "ocop-export-1"]
    visible = _sheet(path)
    assert rt.find_header_row(visible) == 2


@pytest.mark.parametrize("text", ["a\x01b", " lead and trail ", 'x & <y> "q"', "_x0041_ literal", "tab\there\nline",
                                  "Đoài Dương"])
def test_awkward_text_survives_the_base_sheet(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.xlsx"
    cols = [SheetColumn("id", rt.ID_HEADER, Cell.CODE), SheetColumn("a", "A")]
    write_list(path, cols, [["id-1", text]], kind="ideas")
    assert rt.read_base(path)[3] == {"id-1": {"a": text}}
    assert _sheet(path)[1] == ["id-1", text]


def test_a_workbook_from_elsewhere_is_not_an_export(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    write_list(path, COLUMNS[1:], [r[1:] for r in ROWS])  # no kind: no base sheet
    with pytest.raises(rt.NotAnExport, match="OCOP Desktop"):
        rt.read_base(path)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"<html>not a workbook</html>")
    with pytest.raises(BadInput, match="junk.xlsx"):
        rt.read_base(junk)


def test_a_changed_base_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    write_list(path, COLUMNS, ROWS, kind="products")
    wb = openpyxl.load_workbook(path)
    wb[rt.BASE_SHEET]["C1"] = "something-else"
    wb.save(path)
    with pytest.raises(rt.NotAnExport, match="_ocop_base"):
        rt.read_base(path)


@pytest.mark.parametrize(("name", "words"), [("list.xls", ".xlsx"), ("missing/list.xlsx", "không tồn tại"),
                                             ("folder.xlsx", "thư mục")])
def test_bad_targets_are_refused_before_writing(tmp_path: Path, name: str, words: str) -> None:
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(BadInput, match=words):
        write_list(tmp_path / name, COLUMNS, ROWS, kind="products")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.xlsx"]


def test_a_cancelled_export_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"old")

    class Stop(Exception):
        pass

    def cancel() -> None:
        raise Stop

    many = [[f"id-{i}", "Tên", "01", None, 1, 1, None] for i in range(workbook_writer.PROGRESS_EVERY * 2)]
    with pytest.raises(Stop):
        write_list(path, COLUMNS, many, kind="products", check_cancelled=cancel)
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]


def test_a_file_open_in_excel_gets_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"old")

    def locked(src: str, dst: str) -> None:  # what Windows does while Excel holds the file
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(BadInput) as info:
        write_list(path, COLUMNS, ROWS, kind="products")
    assert "Excel" in info.value.message and "Excel" in (info.value.hint or "")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]


def test_a_full_disk_gets_the_disk_full_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ocop_desktop import faults

    path = tmp_path / "x.xlsx"
    monkeypatch.setattr(faults, "free_bytes", lambda _p: 1024)
    with pytest.raises(DiskFull):
        write_list(path, COLUMNS, ROWS, kind="products")
    assert list(tmp_path.iterdir()) == []


def test_export_rows_uses_the_page_columns_and_typed_values(tmp_path: Path) -> None:
    from ocop_desktop.ui.certificates.list_model import CertificateTableModel

    row = SimpleNamespace(id="c-1", product_name="Miến dong Phia Đén", number="0007/2026", producer_name="HTX A",
                          stars=4, issue_date=dt.date(2026, 3, 5), expiry_date=dt.date(2029, 3, 5), status="valid",
                          status_label="Còn hiệu lực", decision_number="12/QĐ-UBND", days_left=800)
    path = tmp_path / "gcn.xlsx"
    export_rows(path, "certificates", CertificateTableModel.COLUMNS, [row])
    header, values = _sheet(path)
    assert header[0] == rt.ID_HEADER and header[1] == "Sản phẩm"
    assert values == ["c-1", "Miến dong Phia Đén", "0007/2026", "HTX A", 4.0, dt.date(2026, 3, 5),
                      dt.date(2029, 3, 5), "Còn hiệu lực", "12/QĐ-UBND"]
    assert rt.read_base(path)[2] == ["id", "product", "number", "producer", "stars", "issued", "expiry", "status",
                                     "decision"]


def test_default_file_names() -> None:
    day = dt.date(2026, 12, 2)
    assert default_file_name("products", today=day) == "san-pham-OCOP-2026-12-02.xlsx"
    assert default_file_name("sale_points", today=day) == "diem-ban-OCOP-2026-12-02.xlsx"
    assert default_file_name("new_kind", today=day, title="Phương án kinh doanh") == (
        "phuong-an-kinh-doanh-OCOP-2026-12-02.xlsx")
