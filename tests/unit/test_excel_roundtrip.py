"""An export edited elsewhere still carries its round-trip data: saved again by openpyxl (as
Excel would: shared strings instead of inline ones) and by LibreOffice, the hidden base sheet reads
the same and the visible sheet's IDs still line up with it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from ocop_desktop.excel import roundtrip_format as rt
from ocop_desktop.excel.workbook_writer import Cell, SheetColumn, write_list

COLUMNS = [SheetColumn("id", rt.ID_HEADER, Cell.CODE), SheetColumn("name", "Tên sản phẩm"),
           SheetColumn("code", "Mã sản phẩm", Cell.CODE), SheetColumn("issued", "Ngày cấp", Cell.DATE),
           SheetColumn("amount", "Kinh phí", Cell.AMOUNT)]
ROWS = [["a1", "Miến dong Phia Đén", "04-01477-1-2024", dt.date(2024, 3, 5), 12_000_000],
        ["a2", "Hạt dẻ Trùng Khánh", "04-01477-2-2025", None, None],
        ["a3", "Thạch đen Thạch An", "04-01501-1-2023", dt.date(2023, 1, 31), 0]]


def visible(path: Path) -> tuple[list[str], dict[str, list]]:
    with CalamineWorkbook.from_path(str(path)) as wb:
        rows = wb.get_sheet_by_name(rt.LIST_SHEET).to_python(skip_empty_area=False)
    at = rt.find_header_row(rows)
    assert at is not None
    return rows[at], {r[0]: r for r in rows[at + 1:] if r and r[0]}


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "san-pham.xlsx"
    write_list(path, COLUMNS, ROWS, kind="products", title="Sản phẩm")
    return path


def test_an_edit_saved_by_openpyxl_keeps_the_base_and_shows_only_the_edit(exported: Path) -> None:
    before = rt.read_base(exported)
    wb = openpyxl.load_workbook(exported)
    ws = wb[rt.LIST_SHEET]
    header_row = next(r for r in range(1, 6) if ws.cell(r, 1).value == rt.ID_HEADER)
    row = next(r for r in range(header_row + 1, header_row + 5) if ws.cell(r, 1).value == "a2")
    ws.cell(row, 2).value = "Hạt dẻ Trùng Khánh rang"
    wb.save(exported)
    assert rt.read_base(exported) == before
    header, rows = visible(exported)
    _kind, _when, keys, base = before
    assert len(header) == len(keys)
    text_keys = ("name", "code")  # the text columns: compared as they are
    changed = {(rid, key) for rid, cells in rows.items() for key in text_keys
               if cells[keys.index(key)] != base[rid][key]}
    assert changed == {("a2", "name")}
    assert rows["a1"][3] == dt.date(2024, 3, 5) and rows["a1"][2] == "04-01477-1-2024"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_saved_again_by_libreoffice_the_base_still_reads(exported: Path, tmp_path: Path) -> None:
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(exported)],
                   check=True, capture_output=True, timeout=180)
    again = out / exported.name
    kind, when, keys, base = rt.read_base(again)
    assert (kind, when, keys, base) == rt.read_base(exported)
    _header, rows = visible(again)
    assert list(rows) == ["a1", "a2", "a3"]
    assert rows["a1"][2] == "04-01477-1-2024" and rows["a1"][3] == dt.date(2024, 3, 5)
