"""``ocop-desktop score`` and ``ocop-desktop rubric show``: output, and exit 2 naming the problem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from scoring_samples import SET_7_CHOICES_76

from ocop_desktop import cli


def _rubric_shipped() -> bool:
    try:
        from ocop_desktop.scoring.rubric import available_rubrics
    except ImportError:
        return False
    return "qd-26-2026" in available_rubrics()


pytestmark = pytest.mark.skipif(not _rubric_shipped(), reason="resources/rubrics/qd-26-2026.json not there yet")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def choices_file(tmp_path: Path):  # noqa: ANN201 - a writer: dict → path
    def write(data: object, name: str = "choices.json") -> str:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return str(path)

    return write


def test_score_prints_the_result_json(choices_file, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    code, out, err = run(["score", "--set", "7", "--choices", choices_file(SET_7_CHOICES_76)], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data == {
        "set": 7, "rubric": "qd-26-2026", "parts": {"A": 32, "B": 18, "C": 26}, "total": 76,
        "stars_by_points": 4, "stars": 3,
        "capped_by": [{"criterion": "1.5", "needs_stars": 4, "required_points": 2, "chosen_points": 1,
                       "title": "Liên kết chuỗi trong sản xuất",
                       "required_option": "Có hợp đồng liên kết trên 75% sản lượng tiêu thụ"}],
        "eliminated": None, "missing": [],
    }
    assert "Liên kết chuỗi" in out  # ensure_ascii=False: Vietnamese stays readable


def test_score_elimination_and_draft(choices_file, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    path = choices_file(SET_7_CHOICES_76)
    code, out, _err = run(["score", "--set", "7", "--choices", path, "--eliminated-by", "1.1#eliminate"], capsys)
    data = json.loads(out)
    assert code == 0 and data["stars"] == 0 and data["total"] == 76
    assert data["eliminated"]["criterion"] == "1.1" and data["eliminated"]["note_id"] == "1.1#eliminate"
    assert data["eliminated"]["reason"].startswith("Bị loại nếu")
    draft = {k: v for k, v in SET_7_CHOICES_76.items() if k != "4.2"}
    code, out, _err = run(["score", "--set", "7", "--choices", choices_file(draft), "--draft"], capsys)
    assert code == 0 and json.loads(out)["missing"] == ["4.2"] and json.loads(out)["total"] == 74


@pytest.mark.parametrize(("argv", "choices", "message"), [
    (["--set", "27"], SET_7_CHOICES_76, "Unknown set 27: rubric qd-26-2026 has sets 1–26."),
    (["--set", "7", "--rubric", "qd-99-2099"], SET_7_CHOICES_76, "qd-99-2099"),
    (["--set", "7"], {**SET_7_CHOICES_76, "12.1": 0}, "Unknown criterion “12.1” for set 7."),
    (["--set", "7"], {**SET_7_CHOICES_76, "1.5": 4}, "Criterion 1.5: option index 4 is out of range (0–3)."),
    (["--set", "7"], {**SET_7_CHOICES_76, "1.5": "2"}, "Criterion 1.5: the option index must be a whole number"),
    (["--set", "7"], {k: v for k, v in SET_7_CHOICES_76.items() if k not in ("3.2", "9")},
     "Set 7: 2 criteria have no option chosen: 3.2, 9."),
    (["--set", "7", "--eliminated-by", "9.9#x"], SET_7_CHOICES_76, "Unknown elimination rule “9.9#x” for set 7"),
    (["--set", "7"], [1, 2], "must hold one JSON object mapping criterion codes to option indexes"),
    (["--set", "7"], "{not json", "is not valid JSON (line 1, column 2"),
])
def test_score_bad_input_exits_2_naming_the_problem(argv: list[str], choices: object, message: str,
                                                    choices_file, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    code, out, err = run(["score", *argv, "--choices", choices_file(choices)], capsys)
    assert code == 2 and out == ""
    assert message in err


def test_score_missing_or_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["score", "--set", "7", "--choices", str(tmp_path / "nope.json")], capsys)
    assert code == 2 and "does not exist" in err and "nope.json" in err
    code, _out, err = run(["score", "--set", "7", "--choices", str(tmp_path)], capsys)
    assert code == 2 and "cannot be read" in err
    (tmp_path / "latin1.json").write_bytes('{"1.1": "\xe9"}'.encode("latin-1"))
    code, _out, err = run(["score", "--set", "7", "--choices", str(tmp_path / "latin1.json")], capsys)
    assert code == 2 and "cannot be read" in err


def test_rubric_show_text_lists_codes_indexes_points_and_markers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["rubric", "show", "--set", "7"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "Set 7: Chế biến từ rau, củ, quả, hạt"
    i = next(n for n, line in enumerate(lines) if line.strip().startswith("1.5  Liên kết chuỗi"))
    assert lines[i].strip() == "1.5  Liên kết chuỗi trong sản xuất  (3)"
    assert lines[i + 3].split()[:4] == ["2", "2", "****", "Có"]
    assert lines[i + 4].split()[:3] == ["3", "3", "*****"]
    assert any("[1.1#eliminate]" in line for line in lines)  # the ids --eliminated-by takes
    assert any("[6.1#stop]" in line for line in lines)
    assert any(line.strip().startswith("7  TÍNH ĐỘC ĐÁO") for line in lines)  # a group scored directly


def test_rubric_show_json_dumps_the_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["rubric", "show", "--set", "11", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["rubric"] == "qd-26-2026" and data["set_number"] == 11
    codes = [c["code"] for p in data["parts"] for g in p["groups"] for c in g["criteria"]]
    assert "6.1.1" in codes and len(codes) == len(set(codes))
    assert [p["max_points"] for p in data["parts"]] == [40, 25, 35]


def test_rubric_show_unknown_set(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["rubric", "show", "--set", "0"], capsys)
    assert (code, out) == (2, "") and "Unknown set 0" in err


def test_score_as_a_process_in_vietnamese_by_default(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({**SET_7_CHOICES_76, "1.5": 9}), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "ocop_desktop", "score", "--set", "7", "--choices", str(path)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "1.5" in proc.stderr and "9" in proc.stderr
