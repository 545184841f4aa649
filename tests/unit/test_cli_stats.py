"""``indicators list`` and ``targets list|export|import`` on a real database: values for a period
and a scope, a round trip of the targets file, and files refused whole with a Vietnamese reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocop_desktop import cli
from tests.unit import stats_samples
from tests.unit.stats_samples import TK


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def path(db) -> Path:  # noqa: ANN001
    stats_samples.build(db)
    p = db.path
    db.close()
    return p


PLANS = {"format": "ocop-targets", "version": 1, "plans": [
    {"number": "3438/KH-UBND", "date": "2022-12-27", "title": "Kế hoạch OCOP giai đoạn 2021–2025",
     "issuer": "UBND tỉnh Cao Bằng", "start_year": 2021, "end_year": 2025, "level": "province",
     "targets": [{"indicator_id": "products_3plus", "scope": "whole", "low": 150,
                  "words": "từ 150 sản phẩm OCOP đạt từ 3 sao trở lên"},
                 {"indicator_id": "producers_htx_share", "scope": "whole", "low": "40",
                  "words": "ít nhất 40% chủ thể là hợp tác xã"}]},
    {"number": "15/KH-UBND", "title": "Kế hoạch OCOP năm 2026", "start_year": 2026, "end_year": 2026,
     "targets": [{"indicator_id": "new_recognitions", "scope": "whole", "low": 5, "high": 10}]},
]}


def test_indicators_list_json_for_a_period_and_a_commune(path: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(["--db", str(path), "indicators", "list", "--json", "--period", "2026"], capsys)
    assert code == 0, err
    got = json.loads(out)
    values = {i["id"]: i for i in got["indicators"]}
    assert got["period"]["label"] == "năm 2026"
    assert values["products_3plus"]["value"] == 5 and values["products_3plus"]["by_commune"][str(TK)] == 3
    assert values["products_3plus"]["name"] == "Sản phẩm OCOP đạt từ 3 sao trở lên"
    assert values["business_plans_approved"]["value"] is None
    code, out, _err = run(["--db", str(path), "indicators", "list", "--json", "--period", "2026",
                           "--scope", str(TK)], capsys)
    assert {i["id"]: i["value"] for i in json.loads(out)["indicators"]}["products_3plus"] == 3
    code, out, _err = run(["--db", str(path), "indicators", "list", "--period", "2026"], capsys)
    assert "products_3plus\tSản phẩm OCOP đạt từ 3 sao trở lên\t5\tsản phẩm" in out
    assert "chưa có dữ liệu" in out


@pytest.mark.parametrize(("args", "words"), [
    (["--period", "2027-2025"], "không thể kết thúc trước khi bắt đầu"),
    (["--period", "năm ngoái"], "không phải một kỳ"),
    (["--scope", "1477,1279"], "không phụ trách Phường Nùng Trí Cao"),
    (["--scope", "abc"], "không phải danh sách mã xã"),
])
def test_indicators_list_refuses_a_bad_period_or_scope(path: Path, capsys, args, words) -> None:  # noqa: ANN001
    code, out, err = run(["--db", str(path), "indicators", "list", *args], capsys)
    assert code == 2 and out == "" and words in err


def test_targets_import_list_export_round_trip(path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    src = tmp_path / "targets.json"
    src.write_text(json.dumps(PLANS, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(["--db", str(path), "targets", "import", "--from", str(src)], capsys)
    assert code == 0, err and len(out.split()) == 2
    code, out, err = run(["--db", str(path), "targets", "list", "--json", "--at", "2026-12-31"], capsys)
    plans = json.loads(out)
    assert [p["number"] for p in plans] == ["15/KH-UBND", "3438/KH-UBND"]
    new = plans[0]["targets"][0]
    assert (new["actual"], new["low"], new["high"], new["percent"], new["met"]) == (2, 5.0, 10.0, 40.0, False)
    code, out, err = run(["--db", str(path), "targets", "list", "--at", "2026-12-31"], capsys)
    assert "Kế hoạch số 3438/KH-UBND ngày 27/12/2022" in out and "5–10" in out and "40,0%" in out
    exported = tmp_path / "out.json"
    code, _out, err = run(["--db", str(path), "targets", "export", "--out", str(exported)], capsys)
    assert code == 0, err
    again = json.loads(exported.read_text(encoding="utf-8"))
    assert again["format"] == "ocop-targets" and len(again["plans"]) == 2
    # Importing the export updates the same plans (by id): still two.
    again["plans"][1]["targets"][0]["low"] = 160
    exported.write_text(json.dumps(again, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(["--db", str(path), "targets", "import", "--from", str(exported)], capsys)
    assert code == 0, err
    code, out, _err = run(["--db", str(path), "targets", "list", "--json"], capsys)
    plans = json.loads(out)
    assert len(plans) == 2 and plans[1]["targets"][0]["low"] == 160.0


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d["plans"][1]["targets"].append({"indicator_id": "khong_co", "scope": "whole", "low": 1}),
     "không phải chỉ tiêu thống kê"),
    (lambda d: d["plans"][0]["targets"][1].update(low=140), "100 %"),
    (lambda d: d["plans"][1]["targets"][0].update(low=10, high=5), "ngược"),
    (lambda d: d["plans"][1].update(end_year=2020), "trước khi bắt đầu"),
    (lambda d: d["plans"][1].update(commune_codes=[1279]), "không phụ trách"),
    (lambda d: d["plans"][1].update(colour="red"), "trường không biết"),
    (lambda d: d.update(format="something"), "không phải tệp chỉ tiêu"),
])
def test_targets_import_refuses_the_whole_file(path: Path, tmp_path: Path, capsys, change, words) -> None:  # noqa: ANN001
    data = json.loads(json.dumps(PLANS))
    change(data)
    src = tmp_path / "bad.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(["--db", str(path), "targets", "import", "--from", str(src)], capsys)
    assert code == 2 and words in err, err
    code, out, _err = run(["--db", str(path), "targets", "list", "--json"], capsys)
    assert json.loads(out) == []  # nothing written, not even the good first plan


def test_a_manual_indicator_defined_and_valued_from_the_command_line(path: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(["--db", str(path), "indicators", "add", "--name", "Làng văn hóa du lịch", "--unit", "làng",
                          "--kind", "stock"], capsys)
    assert code == 0, err
    iid = out.strip()
    assert iid.startswith("manual:")
    code, out, err = run(["--db", str(path), "indicators", "value", "--indicator", iid, "--period", "2026",
                          "--commune", str(TK), "--value", "2"], capsys)
    assert code == 0, err
    code, out, err = run(["--db", str(path), "indicators", "value", "--indicator", iid, "--period", "2026",
                          "--commune", "1279", "--value", "1"], capsys)
    assert code == 2 and "không phụ trách" in err and "không ghi gì" in err
    code, out, _err = run(["--db", str(path), "indicators", "list", "--json", "--period", "2026"], capsys)
    values = {i["id"]: i for i in json.loads(out)["indicators"]}
    assert values[iid]["value"] == 2 and values[iid]["manual"] is True and values[iid]["unit"] == "làng"
