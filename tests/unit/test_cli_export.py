"""``export KIND --xlsx FILE [filters]`` on a real demo database, the files read back."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from ocop_desktop import cli, demo
from ocop_desktop.excel import roundtrip_format as rt
from ocop_desktop.text import fold


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ocop_desktop.i18n import set_language

    set_language("vi")
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.build_demo(path, products=60, province="Cao Bằng", seed=3, with_decisions=True)
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def sheet(path: Path) -> tuple[list[str], list[list]]:
    with CalamineWorkbook.from_path(str(path)) as wb:
        header, *rows = wb.get_sheet_by_name(rt.LIST_SHEET).to_python(skip_empty_area=False)
    return header, rows


def listed(db: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> list[dict]:
    code, out, err = run(["--db", str(db), *command, "--json"], capsys)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize(("kind", "list_command", "first_header"), [
    ("producers", ["producers", "list"], "Chủ thể"), ("products", ["products", "list"], "Sản phẩm"),
    ("ideas", ["ideas", "list"], "Sản phẩm đề xuất"), ("events", ["events", "list"], "Thời gian"),
    ("sale-points", ["sale-points", "list"], "Điểm bán"), ("training", ["training", "list"], "Thời gian"),
    ("support", ["support", "list"], "Ngày"), ("evaluations", None, "Sản phẩm"),
    ("certificates", None, "Sản phẩm"),
])
def test_every_list_exports_its_live_rows(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          kind: str, list_command: list[str] | None, first_header: str) -> None:
    out_file = tmp_path / f"{kind}.xlsx"
    code, out, err = run(["--db", str(demo_db), "export", kind, "--xlsx", str(out_file)], capsys)
    assert code == 0, err
    header, rows = sheet(out_file)
    assert header[:2] == [rt.ID_HEADER, first_header]
    assert rows, "the demo holds records of every kind"
    base_kind, _when, keys, records = rt.read_base(out_file)
    assert base_kind == kind.replace("-", "_") and keys[0] == "id"
    assert [r[0] for r in rows] == list(records)
    if list_command is not None:
        expected = {r["id"] for r in listed(demo_db, list_command, capsys)}
        assert set(records) == expected
    assert str(out_file) in out


def test_products_with_search_and_commune_are_the_filtered_rows(demo_db: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    every = listed(demo_db, ["products", "list"], capsys)
    commune = every[0]["commune_name"]
    word = every[0]["name"].split()[0]
    out_file = tmp_path / "p.xlsx"
    code, _out, err = run(["--db", str(demo_db), "export", "products", "--xlsx", str(out_file), "--search",
                           fold(word), "--commune", commune], capsys)
    assert code == 0, err
    header, rows = sheet(out_file)
    expected = [r for r in every if r["commune_name"] == commune and fold(word) in fold(
        " ".join([r["name"], r["code"], r["producer_name"]]))]
    ids = [r[0] for r in rows]
    assert ids and set(ids) <= {r["id"] for r in every}
    assert {r["id"] for r in expected} <= set(ids)
    at = header.index("Xã/phường")
    assert {r[at] for r in rows} == {commune}
    code_at = header.index("Mã sản phẩm")
    by_id = {r["id"]: r for r in every}
    for r in rows:  # codes are text and keep their leading zero ("04-…")
        assert r[code_at] == by_id[r[0]]["code"] and (not r[code_at] or r[code_at].startswith("0"))
    names = [r[1] for r in rows]
    assert names == sorted(names, key=fold) or len(names) < 2  # the page's order: by name


def test_dates_and_amounts_are_typed(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "s.xlsx"
    assert run(["--db", str(demo_db), "export", "support", "--xlsx", str(out_file)], capsys)[0] == 0
    header, rows = sheet(out_file)
    date_at, amount_at = header.index("Ngày"), header.index("Số tiền")
    assert all(isinstance(r[date_at], dt.date) for r in rows)
    assert all(isinstance(r[amount_at], float) and r[amount_at] > 0 for r in rows)
    years = {r[date_at].year for r in rows}
    year = min(years)
    filtered = tmp_path / "s2.xlsx"
    assert run(["--db", str(demo_db), "export", "support", "--xlsx", str(filtered), "--year", str(year)],
               capsys)[0] == 0
    assert {r[date_at].year for r in sheet(filtered)[1]} == {year}


def test_status_filter_by_label(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    every = listed(demo_db, ["products", "list"], capsys)
    out_file = tmp_path / "p.xlsx"
    code, _out, err = run(["--db", str(demo_db), "export", "products", "--xlsx", str(out_file), "--status",
                           every[0]["status"]], capsys)
    assert code == 0, err
    ids = {r[0] for r in sheet(out_file)[1]}
    assert ids == {r["id"] for r in every if r["status"] == every[0]["status"]}


@pytest.mark.parametrize(("target", "extra", "words"), [
    ("missing/p.xlsx", [], "không tồn tại"),
    ("p.xls", [], ".xlsx"),
    ("p.xlsx", ["--year", "2026"], "--year"),
    ("p.xlsx", ["--commune", "1477"], None),
    ("p.xlsx", ["--commune", "Xã Không Có"], "Không Có"),
])
def test_bad_paths_and_filters_exit_2(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      target: str, extra: list[str], words: str | None) -> None:
    kind = "products" if "--year" in extra or "Xã Không Có" in extra else "training"
    code, _out, err = run(["--db", str(demo_db), "export", kind, "--xlsx", str(tmp_path / target), *extra], capsys)
    if words is None:  # training has a commune: not refused
        assert code == 0, err
        return
    assert code == 2 and words in err
    assert list(tmp_path.iterdir()) == []
