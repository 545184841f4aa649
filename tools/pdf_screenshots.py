"""Render PNGs of the A4 printouts for the docs (no Qt):

    .venv/bin/python tools/pdf_screenshots.py [--out docs/screenshots] [--keep DIR]

Builds the demo office (the same as ``./run.sh --demo``) in a temporary folder, adds a
council of three members on a set-7 product with filled sheets (one criterion below its
4-star minimum, a comment), and writes:

- ``evaluation-sheet-pdf.png``: page 1 of the second member's sheet (``report sheet``);
- ``product-list-pdf.png``: page 1 of the product list (``report products``).

Pages are rendered with poppler's ``pdftoppm -png -r 60 -f 1 -l 1``. ``--keep DIR`` also
keeps the PDFs there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OCOP_PDF_FONT", "shipped")  # reproducible output: the shipped Liberation Serif


def _choices(sheet, variant: int) -> dict[str, int]:  # noqa: ANN001
    """Mostly the second-best option, the best on every third criterion, 1.5 below its minimum."""
    choices = {}
    for i, c in enumerate(sheet.criteria):
        n = len(c.options)
        choices[c.code] = n - 1 if (i + variant) % 3 == 0 or n <= 2 else n - 2
    if "1.5" in choices:
        choices["1.5"] = 1
    return choices


def _council(db) -> str:  # noqa: ANN001
    from ocop_desktop.services import evaluations
    from ocop_desktop.services.products import list_products

    members = [("Nông Văn Thành", "Chủ tịch Hội đồng"), ("Đàm Thị Lan", "Thành viên"), ("Hoàng Văn Tâm", "Thư ký")]
    with db.session() as s:
        product = next(r for r in list_products(s) if r.product_set == 7)
        ev = evaluations.create_evaluation(s, product.id, "council", 2026, 1)
        sheet = evaluations.sheet_for(s, ev.id)
        for i, (name, role) in enumerate(members):
            row = evaluations.add_member(s, ev.id, name, role)
            comment = "Sản phẩm có chất lượng ổn định; cần bổ sung hợp đồng liên kết tiêu thụ." if i == 1 else ""
            evaluations.save_sheet_choices(s, row.id, _choices(sheet, i), comment=comment)
        ev_id = ev.id
    with db.session() as s:
        evaluations.finalise(s, ev_id)
    return ev_id


def _png(pdf: Path, png: Path) -> None:
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--keep", type=Path, default=None, help="also keep the PDFs in this folder")
    args = ap.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 1
    from ocop_desktop.app import DEMO_SIZE
    from ocop_desktop.db import Database
    from ocop_desktop.demo import build_demo
    from ocop_desktop.reports import evaluation_sheet
    from ocop_desktop.reports.product_list import ProductFilter, print_product_list

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ.setdefault("OCOP_DATA_DIR", str(tmp / "data"))
        path = tmp / "demo.sqlite"
        build_demo(path, **DEMO_SIZE)
        with Database.open(path) as db:
            ev_id = _council(db)
            with db.read_session() as s:
                views = evaluation_sheet.sheet_views(s, ev_id, member=2)
            evaluation_sheet.render_sheets(views, tmp / "sheet.pdf")
            print_product_list(db, tmp / "products.pdf", ProductFilter())
        _png(tmp / "sheet.pdf", args.out / "evaluation-sheet-pdf.png")
        _png(tmp / "products.pdf", args.out / "product-list-pdf.png")
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            for name in ("sheet.pdf", "products.pdf"):
                shutil.copy(tmp / name, args.keep / name)
    for name in ("evaluation-sheet-pdf.png", "product-list-pdf.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
