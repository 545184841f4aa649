"""Excel import at national scale (issue 12): a 20,000-row workbook (10,000 producers, two
products each, merged titles, a two-row header, group rows, text dates, historical results)
read + mapped + previewed, then applied in one transaction, on a fresh field-office database.

    .venv/bin/python benchmarks/bench_excel_import.py [--rows 20000] [--json out.json]

Targets: parse + map + preview ≤ 5 s, apply ≤ 10 s. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COMMUNES = [1477, 1489, 1501, 1525]
NAMES = ["Trùng Khánh", "Đình Phong", "Đàm Thuỷ", "Đoài Dương"]


def make_workbook(path: Path, rows: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Danh sach")
    ws.write_row(0, 0, ["ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"])
    ws.write_row(1, 0, ["DANH SÁCH SẢN PHẨM OCOP"])
    ws.write_row(2, 0, ["STT", "Tên sản phẩm", "Chủ thể", "", "Xếp hạng", "Quyết định công nhận", "",
                        "Bộ sản phẩm", "Số điện thoại"])
    ws.write_row(3, 0, ["", "", "Tên", "Địa chỉ", "", "Số", "Ngày", "", ""])
    r = 4
    group = 0
    for i in range(rows):
        if i % 2500 == 0:
            group += 1
            ws.write_row(r, 0, [("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")[(group - 1) % 10],
                                f"Nhóm {group}"])
            r += 1
        producer = i // 2
        commune = NAMES[producer % 4]
        ranked = i % 3 == 0
        ws.write_row(r, 0, [
            i + 1, f"Sản phẩm số {i + 1} {commune}",
            f"Hộ kinh doanh Nguyễn Văn {producer + 1}" if i % 2 == 0 else "",
            f"Xóm {producer % 50 + 1}, xã {commune}" if i % 2 == 0 else "",
            f"0{3 + i % 3} sao" if ranked else "",
            f"{100 + i % 40}/QĐ-UBND" if ranked else "",
            f"{1 + i % 28}/{1 + i % 12}/2024" if ranked else "",
            1 + i % 26, 912000000 + producer])
        r += 1
    wb.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_import_"))
    os.environ["OCOP_DATA_DIR"] = str(tmp / "userdata")
    from ocop_desktop.db import Database
    from ocop_desktop.excel import import_run
    from ocop_desktop.i18n import set_language
    from ocop_desktop.services import office

    set_language("vi")
    book = tmp / "big.xlsx"
    t = time.perf_counter()
    make_workbook(book, args.rows)
    t_write = time.perf_counter() - t
    db = Database.open(tmp / "office.sqlite")
    with db.session() as s:
        office.save_local_office(s, office.OfficeData(name="Trung tâm DVNN Trùng Khánh", role="field",
                                                      province_code=4, commune_codes=COMMUNES, officer_name="A"))
    db.refresh_office()
    t, c = time.perf_counter(), time.process_time()
    source = import_run.open_file(book)
    t_read, c_read = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    plan = import_run.preview(db, source)
    t_preview, c_preview = time.perf_counter() - t, time.process_time() - c
    counts = plan.counts()
    t, c = time.perf_counter(), time.process_time()
    result = import_run.apply(db, plan)
    t_apply, c_apply = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    import_run.undo(db, result["batch_id"])
    t_undo, c_undo = time.perf_counter() - t, time.process_time() - c
    db.close()
    figures = {"rows": args.rows, "write_workbook_s": round(t_write, 2), "read_and_map_s": round(t_read, 2),
               "preview_s": round(t_preview, 2), "read_map_preview_s": round(t_read + t_preview, 2),
               "apply_s": round(t_apply, 2), "undo_s": round(t_undo, 2),
               "cpu_s": {"read": round(c_read, 2), "preview": round(c_preview, 2), "apply": round(c_apply, 2),
                         "undo": round(c_undo, 2)}, "counts": counts,
               "created": result["counts"].get("created")}
    print(f"workbook written (XlsxWriter)      {t_write:6.2f} s  ({book.stat().st_size // 1024} KiB)")
    print(f"read + header + mapping (calamine)  {t_read:6.2f} s wall {c_read:6.2f} s CPU")
    print(f"preview (parse, validate, match)    {t_preview:6.2f} s wall {c_preview:6.2f} s CPU")
    print(f"  read + map + preview              {t_read + t_preview:6.2f} s wall {c_read + c_preview:6.2f} s CPU"
          "   target ≤ 5 s")
    print(f"apply (one transaction)             {t_apply:6.2f} s wall {c_apply:6.2f} s CPU   target ≤ 10 s")
    print(f"undo the batch                      {t_undo:6.2f} s wall {c_undo:6.2f} s CPU")
    print(f"counts {counts}  created {result['counts'].get('created')}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
