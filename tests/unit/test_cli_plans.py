"""``ocop-desktop plans list --json`` and ``plans add --from FILE.json`` on a real database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ocop_desktop import cli
from ocop_desktop.demo.cycle_plans import plan_pdf
from ocop_desktop.services import producers
from ocop_desktop.services.producers import ProducerData


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def setup(db) -> tuple[Path, str, str, str]:  # noqa: ANN001
    with db.session() as s:
        live = producers.create_producer(s, ProducerData(kind="ho_sx", name="Hộ Nông Văn Miến", commune_code=1477)).id
        gone = producers.create_producer(s, ProducerData(kind="ho_sx", name="Hộ Đàm Văn Cũ", commune_code=1477)).id
        producers.delete_producer(s, gone)
    from ocop_desktop.services import products

    with db.session() as s:
        product = products.create_product(s, products.ProductData(name="Miến dong", producer_id=live, product_set=7,
                                                                  commune_code=1477)).id
    p = db.path
    db.close()
    return p, live, gone, product


def _plan(producer_id: str, product_id: str, **kw) -> dict:  # noqa: ANN003
    return {"producer_id": producer_id, "product_id": product_id, "title": "Mở rộng xưởng miến",
            "submitted_on": "2026-03-01", "start_date": "01/04/2026", "end_date": "2028-03-31",
            "capital_own": "350.000.000", "capital_loans": 200000000, "jobs": 10, "jobs_women": 6, **kw}


def _count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM business_plan").fetchone()[0]
    finally:
        con.close()


def test_add_with_a_file_then_list_json(setup, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, live, _gone, product = setup
    (tmp_path / "phuong-an.pdf").write_bytes(plan_pdf("Miến dong", ["Vốn tự có: 350.000.000 đồng"]))
    src = tmp_path / "plans.json"
    src.write_text(json.dumps(_plan(live, product, files=["phuong-an.pdf"]), ensure_ascii=False), encoding="utf-8")
    code, out, err = run(["--db", str(path), "plans", "add", "--from", str(src)], capsys)
    assert code == 0, err
    code, out, _err = run(["--db", str(path), "plans", "list", "--json", "--search", "mien"], capsys)
    (row,) = json.loads(out)
    assert (row["title"], row["status"], row["capital_total"], row["attachment_count"], row["start_date"]) == (
        "Mở rộng xưởng miến", "submitted", 550_000_000, 1, "2026-04-01")


@pytest.mark.parametrize(("change", "words"), [
    ({"end_date": "2026-03-01"}, "trước ngày bắt đầu"),
    ({"capital_own": -5}, "âm"),
    ({"capital_loans": "năm triệu"}, "không phải số tiền"),
    ({"jobs_minority": 11}, "nhiều hơn số việc làm"),
    ({"files": ["khong-co.pdf"]}, "khong-co.pdf"),
    ({"colour": "đỏ"}, "colour"),
    ({"start_date": "31/02/2026"}, "không phải ngày tháng"),
])
def test_bad_plans_are_refused_and_nothing_is_written(setup, tmp_path: Path, capsys, change, words) -> None:  # noqa: ANN001
    path, live, _gone, product = setup
    src = tmp_path / "plans.json"
    src.write_text(json.dumps([_plan(live, product), _plan(live, product, **change)], ensure_ascii=False),
                   encoding="utf-8")
    code, _out, err = run(["--db", str(path), "plans", "add", "--from", str(src)], capsys)
    assert code == 2
    assert words in err and "Phương án 2" in err, err
    assert _count(path) == 0


def test_a_plan_for_a_deleted_producer_is_refused(setup, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, _live, gone, product = setup
    src = tmp_path / "plans.json"
    src.write_text(json.dumps(_plan(gone, None, idea_id=None), ensure_ascii=False), encoding="utf-8")
    code, _out, err = run(["--db", str(path), "plans", "add", "--from", str(src)], capsys)
    assert code == 2 and "Hộ Đàm Văn Cũ đã bị xoá" in err, err
    assert _count(path) == 0
