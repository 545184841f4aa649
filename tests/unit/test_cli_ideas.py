"""``ocop-desktop ideas list --json`` and ``ideas add --from FILE.json`` on a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocop_desktop import cli, cli_cycle_ideas


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def path(db) -> Path:  # noqa: ANN001
    p = db.path
    db.close()
    return p


IDEAS = [
    {"name": "Trà hoa vàng", "proposer_name": "Nhóm hộ xóm Bản Thôm", "received_on": "2026-03-02",
     "commune_code": 1477, "origin": "tradition"},
    {"name": "Mật ong bạc hà", "proposer_name": "Tổ hợp tác ong Đàm Thuỷ", "received_on": "09/03/2026",
     "commune_code": 1501, "product_set": 4, "origin": "raw_material", "status": "accepted",
     "screened_on": "20/03/2026", "screened_by": "Nông Thị Hoa"},
]


def test_add_then_list_json(path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    src = tmp_path / "ideas.json"
    src.write_text(json.dumps(IDEAS, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(["--db", str(path), "ideas", "add", "--from", str(src)], capsys)
    assert code == 0, err
    assert len(out.split()) == 2
    code, out, _err = run(["--db", str(path), "ideas", "list", "--json", "--search", "mat ong"], capsys)
    (row,) = json.loads(out)
    assert (row["name"], row["status"], row["received_on"], row["commune_code"]) == (
        "Mật ong bạc hà", "accepted", "2026-03-09", 1501)


@pytest.mark.parametrize(("content", "words"), [
    (json.dumps([IDEAS[0], {**IDEAS[1], "screened_on": "01/03/2026"}]), "trước ngày tiếp nhận"),
    (json.dumps({**IDEAS[0], "received_on": "31/02/2026"}), "không phải ngày tháng"),
    (json.dumps({**IDEAS[0], "colour": "đỏ"}), "colour"),
    (json.dumps({**IDEAS[0], "commune_code": "1477"}), "commune_code"),
    ("{not json", "JSON"),
])
def test_bad_files_are_refused_and_nothing_is_written(path: Path, tmp_path: Path, capsys, content: str,  # noqa: ANN001
                                                      words: str) -> None:
    src = tmp_path / "ideas.json"
    src.write_text(content, encoding="utf-8")
    code, _out, err = run(["--db", str(path), "ideas", "add", "--from", str(src)], capsys)
    assert code == 2
    assert words in err, err
    code, out, _err = run(["--db", str(path), "ideas", "list", "--json"], capsys)
    assert json.loads(out) == []


def test_unreadable_and_oversized_files(path: Path, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    code, _out, err = run(["--db", str(path), "ideas", "add", "--from", str(tmp_path / "none.json")], capsys)
    assert code == 2 and "none.json" in err
    code, _out, err = run(["--db", str(path), "ideas", "add", "--from", str(tmp_path)], capsys)
    assert code == 2
    big = tmp_path / "big.json"
    big.write_text("[]", encoding="utf-8")
    monkeypatch.setattr(cli_cycle_ideas, "MAX_FILE_BYTES", 1)
    code, _out, err = run(["--db", str(path), "ideas", "add", "--from", str(big)], capsys)
    assert code == 2 and "MB" in err
