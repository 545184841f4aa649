"""The statistics reports on paper and in Excel, from the hand-made office (report_samples.py):
the PDF read back with pdftotext and pdffonts (embedded Vietnamese fonts, landscape where wide),
the workbook read back with python-calamine (numbers typed as numbers, the same figures as the
PDF), frozen reports shown again identically after the records change and a tampered row
detected, and the ``report stats`` / ``report frozen`` commands."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from report_samples import DOAI_DUONG, TODAY, build_office

from ocop_desktop.cli import main
from ocop_desktop.errors import BadInput
from ocop_desktop.models import FrozenReport
from ocop_desktop.models.frozen_report import FrozenReportChanged
from ocop_desktop.reports.stats_pdf import Heading, office_heading, render_reports
from ocop_desktop.reports.stats_xlsx import render_workbook
from ocop_desktop.services import frozen_reports
from ocop_desktop.services import products as product_service
from ocop_desktop.stats.catalog import build_reports
from ocop_desktop.stats.period import Period, Scope
from ocop_desktop.stats.report_table import format_cell

YEAR = Period.year(2026)
ALL = Scope(None, "toàn tỉnh Cao Bằng")


@pytest.fixture
def office(province_db):  # noqa: ANN001, ANN201
    return build_office(province_db)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def _sheets(path: Path) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def _reports(db, codes=None, scope=ALL, period=YEAR):  # noqa: ANN001, ANN202
    with db.read_session() as s:
        return build_reports(s, period, scope, codes, today=TODAY), office_heading(s, TODAY)


def test_pdf_and_xlsx_carry_the_same_figures(office, tmp_path: Path) -> None:  # noqa: ANN001
    db, _ids = office
    tables, heading = _reports(db)
    pdf, xlsx = tmp_path / "bao-cao.pdf", tmp_path / "bao-cao.xlsx"
    pages = render_reports(tables, pdf, dataclasses.replace(heading, number="12/BC-VPĐP"))
    render_workbook(tables, xlsx, dataclasses.replace(heading, number="12/BC-VPĐP"))
    assert pages >= len(tables)

    fonts = _pdf_fonts(pdf)
    assert fonts and all(f[-5] == "yes" for f in fonts), fonts  # every font embedded (emb column)
    assert all("Liberation" in f[0] or "Times" in f[0] for f in fonts), fonts
    text = _pdf_text(pdf)
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/BC-VPĐP",
                  "Cao Bằng, ngày 22 tháng 11 năm 2026", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ",
                  "Biểu B01. TỔNG HỢP SẢN PHẨM OCOP CÒN HIỆU LỰC", "Xã Trùng Khánh", "Tổng cộng",
                  "Biểu B05. BIẾN ĐỘNG SẢN PHẨM OCOP TRONG KỲ", "Chưa có kế hoạch, chỉ tiêu cho kỳ báo cáo này."):
        assert words in text, words
    sizes = subprocess.run(["pdfinfo", "-l", "99", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.276" in sizes and "595.276 x 841.89" in sizes  # landscape and portrait pages

    sheets = _sheets(xlsx)
    assert list(sheets) == [t.code for t in tables]
    for t in tables:
        rows = sheets[t.code]
        assert rows[0][len(t.columns) * 2 // 5] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        assert any(r and r[0] == f"Biểu {t.code}. {t.title}" for r in rows)
        if t.empty:
            assert any(r and r[0] == t.empty_text for r in rows), t.code
            continue
        head = next(i for i, r in enumerate(rows) if r[:len(t.columns)] == [c.title for c in t.columns])
        body = rows[head + 1: head + 1 + len(t.rows) + (t.total is not None)]
        expected = t.rows + ([t.total] if t.total is not None else [])
        for got, want in zip(body, expected, strict=True):
            for g, w, c in zip(got, want, t.columns, strict=False):
                if c.kind in ("int", "money", "pct", "num") and isinstance(w, (int, float)):
                    assert isinstance(g, float) and g == pytest.approx(w), (t.code, c.key, g, w)  # a number cell
                    assert format_cell(w, c.kind) in text  # … and the same figure in the PDF
                elif c.kind == "date" and w:
                    assert g == dt.datetime.fromisoformat(w) or g == dt.date.fromisoformat(w)
                elif w not in (None, ""):
                    assert g == w, (t.code, c.key)
    b01 = sheets["B01"]
    total = next(r for r in b01 if r[1] == "Tổng cộng")
    assert total[2:8] == [4.0, 2.0, 1.0, 1.0, 0.0, 3.0]


def test_an_empty_period_prints_tables_that_say_so(office, tmp_path: Path) -> None:  # noqa: ANN001
    db, _ids = office
    tables, heading = _reports(db, ["B01", "B05"], period=Period.year(2019))
    render_reports(tables, tmp_path / "empty.pdf", heading)
    render_workbook(tables, tmp_path / "empty.xlsx", heading)
    assert _pdf_text(tmp_path / "empty.pdf").count("Không có số liệu trong kỳ báo cáo.") == 2
    assert all(any(r and r[0] == "Không có số liệu trong kỳ báo cáo." for r in rows)
               for rows in _sheets(tmp_path / "empty.xlsx").values())


def test_unwritable_paths_are_refused_without_a_file(office, tmp_path: Path) -> None:  # noqa: ANN001
    db, _ids = office
    tables, heading = _reports(db, ["B01"])
    with pytest.raises(BadInput):
        render_reports(tables, tmp_path / "no" / "such" / "dir.pdf", heading)
    with pytest.raises(BadInput):
        render_workbook(tables, tmp_path, heading)
    with pytest.raises(BadInput):
        render_workbook(tables, tmp_path / "no" / "such.xlsx", heading)
    assert not list(tmp_path.glob("**/*.xlsx")) and not list(tmp_path.glob("**/*.pdf"))


def test_a_frozen_report_shows_again_as_sent_after_the_records_change(office, tmp_path: Path) -> None:  # noqa: ANN001
    db, ids = office
    tables, heading = _reports(db, ["B01", "B03"])
    with db.session() as s:
        row = frozen_reports.freeze(s, tables, YEAR, ALL, heading, number="12/BC-VPĐP", sent_to="UBND tỉnh",
                                    now=dt.datetime(2026, 11, 22, 9, 30))
        frozen_id, sha = row.id, row.content_sha256
    with db.read_session() as s:
        first = frozen_reports.load(s, frozen_id)
    render_reports(first.tables, tmp_path / "a.pdf", dataclasses.replace(first.heading, frozen_note=first.frozen_note()))
    # The records change: a product is deleted; today's report differs, the frozen one does not.
    with db.session() as s:
        product_service.delete_product(s, ids["P6"])
    now, _h = _reports(db, ["B01"])
    assert now[0].total[2] == 3 and tables[0].total[2] == 4
    with db.read_session() as s:
        again = frozen_reports.load(s, frozen_id)
        [listed] = frozen_reports.list_frozen(s)
    assert [t.to_dict() for t in again.tables] == [t.to_dict() for t in tables]
    assert again.heading.number == "12/BC-VPĐP" and listed.intact and listed.sha256 == sha
    render_reports(again.tables, tmp_path / "b.pdf", dataclasses.replace(again.heading, frozen_note=again.frozen_note()))
    assert _pdf_text(tmp_path / "a.pdf") == _pdf_text(tmp_path / "b.pdf")
    assert "chốt số liệu lúc 09:30 ngày 22/11/2026" in _pdf_text(tmp_path / "b.pdf")

    # It cannot be altered through the app…
    with pytest.raises(FrozenReportChanged), db.session() as s:
        s.get(FrozenReport, frozen_id).number = "13/BC-VPĐP"
    with pytest.raises(FrozenReportChanged), db.session() as s:
        s.delete(s.get(FrozenReport, frozen_id))
    # … and a row changed behind its back is detected by the hash.
    con = sqlite3.connect(db.path)
    con.execute("UPDATE frozen_report SET content = replace(content, '\"Tổng cộng\",4', '\"Tổng cộng\",5')")
    con.commit()
    con.close()
    with db.read_session() as s:
        assert not frozen_reports.list_frozen(s)[0].intact
        with pytest.raises(frozen_reports.FrozenReportDamaged):
            frozen_reports.load(s, frozen_id)


def test_a_changed_listed_column_is_detected(office) -> None:  # noqa: ANN001
    db, _ids = office
    tables, heading = _reports(db, ["B01"])
    with db.session() as s:
        frozen_id = frozen_reports.freeze(s, tables, YEAR, ALL, heading, number="12/BC").id
    con = sqlite3.connect(db.path)
    con.execute("UPDATE frozen_report SET period_end = '2026-06-30'")
    con.commit()
    con.close()
    with db.read_session() as s, pytest.raises(frozen_reports.FrozenReportDamaged):
        frozen_reports.load(s, frozen_id)
    with db.session() as s, pytest.raises(BadInput):
        frozen_reports.freeze(s, [], YEAR, ALL, Heading())


def test_cli_report_stats_and_frozen(office, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db, _ids = office
    path = str(db.path)
    db.close()
    pdf, xlsx = tmp_path / "b.pdf", tmp_path / "b.xlsx"
    assert main(["--db", path, "report", "stats", "--period", "2026", "--on", "2026-11-22", "--report", "B01",
                 "--report", "b5", "--pdf", str(pdf), "--xlsx", str(xlsx), "--freeze", "--number", "7/BC"]) == 0
    assert list(_sheets(xlsx)) == ["B01", "B05"]
    assert "Biểu B05." in _pdf_text(pdf) and "Số: 7/BC" in _pdf_text(pdf)
    assert main(["--db", path, "report", "stats", "--period", "2026", "--scope", str(DOAI_DUONG), "--report",
                 "B01", "--xlsx", str(tmp_path / "one.xlsx")]) == 0
    one = _sheets(tmp_path / "one.xlsx")["B01"]
    assert [r[1:3] for r in one if r[1] in ("Xã Đoài Dương", "Tổng cộng")] == [["Xã Đoài Dương", 1.0],
                                                                                 ["Tổng cộng", 1.0]]
    capsys.readouterr()
    assert main(["--db", path, "report", "frozen", "--json"]) == 0
    [frozen] = json.loads(capsys.readouterr().out)
    assert frozen["codes"] == "B01 B05" and frozen["intact"] and frozen["number"] == "7/BC"
    assert main(["--db", path, "report", "frozen", "--id", frozen["id"], "--pdf", str(tmp_path / "again.pdf")]) == 0
    assert "Bản lưu báo cáo đã gửi" in _pdf_text(tmp_path / "again.pdf")
    # Refusals: exit 2 with the reason, no file.
    for argv, words in ((["--period", "2027-2025"], "2027-2025"), (["--period", "2026", "--report", "B42"], "B42"),
                        (["--period", "2026", "--scope", "1"], "1"), (["--period", "2026"], "--pdf")):
        out = tmp_path / "refused.pdf"
        extra = [] if argv[-1] == "2026" and len(argv) == 2 else ["--pdf", str(out)]
        assert main(["--db", path, "report", "stats", *argv, *extra]) == 2, argv
        assert words in capsys.readouterr().err
        assert not out.exists()
