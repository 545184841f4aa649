"""``ocop-desktop events list --json`` and ``events add --from FILE.json`` on a real database:
a good file is recorded, a bad one is refused with the field's message and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ocop_desktop import cli
from ocop_desktop.db import Database
from ocop_desktop.models import SalePoint, TradeEvent
from tests.unit.test_trade_events import make_producer


def _count(db) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(TradeEvent))


def _file(tmp_path: Path, obj: object, name: str = "event.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _run(db, *argv: str) -> int:  # noqa: ANN001
    return cli.main([*argv, "--db", str(db.path)])


@pytest.fixture
def booth(db):  # noqa: ANN001, ANN201
    pid, prod = make_producer(db)
    return {"producer_id": pid, "product_ids": [prod], "booths": 2, "sales": "85.000.000"}


def _event(booth: dict, **kw) -> dict:  # noqa: ANN003
    return {"name": "Hội chợ OCOP Hà Nội 2026", "kind": "fair", "start_date": "08/10/2026", "end_date": "2026-10-12",
            "scope": "national", "place": "Hà Nội", "cost": "120.000.000 đ", "funding": "ntp_rural",
            "participants": [booth], **kw}


def test_add_then_list_as_json(db, booth, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db.close()
    assert _run(db, "events", "add", "--from", _file(tmp_path, _event(booth))) == 0
    new_id = json.loads(capsys.readouterr().out)["id"]
    assert _run(db, "events", "list", "--json") == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["id"] == new_id and row["cost"] == 120_000_000 and row["cost_text"] == "120.000.000 đ"
    assert row["start_date"] == "2026-10-08" and row["booth_count"] == 2 and row["commune_codes"] == [1477]
    assert _run(db, "events", "list", "--json", "--year", "2025") == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(("change", "message"), [
    ({"end_date": "01/10/2026"}, "Ngày kết thúc: 01/10/2026 trước ngày bắt đầu 08/10/2026."),
    ({"cost": -5}, "Kinh phí: số tiền không được âm."),
    ({"cost": "năm triệu"}, "Kinh phí: “năm triệu” không phải số tiền"),
    ({"start_date": "32/13/2026"}, "Ngày bắt đầu: “32/13/2026” không phải ngày"),
    ({"colour": "red"}, "colour"),
])
def test_a_bad_file_is_refused_with_the_field_message(db, booth, tmp_path: Path, capsys, change: dict,  # noqa: ANN001
                                                       message: str) -> None:
    db.close()
    assert _run(db, "events", "add", "--from", _file(tmp_path, _event(booth, **change))) == 2
    assert message in capsys.readouterr().err
    assert _count(db) == 0


def test_unreadable_and_oversized_files_are_refused(db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db.close()
    assert _run(db, "events", "add", "--from", str(tmp_path / "missing.json")) == 2
    assert "không tồn tại" in capsys.readouterr().err
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"notes": "x" * (1024 * 1024 + 1)}), encoding="utf-8")
    assert _run(db, "events", "add", "--from", str(big)) == 2
    assert "quá lớn" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe{")
    assert _run(db, "events", "add", "--from", str(bad)) == 2
    assert _run(db, "events", "add", "--from", str(tmp_path)) == 2  # a folder
    assert _count(db) == 0


def test_sale_points_add_and_list(db, booth, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db.close()
    point = {"name": "Điểm bán OCOP Trùng Khánh", "kind": "point", "commune_code": 1477,
             "opening_date": "19/05/2024", "product_ids": booth["product_ids"]}
    assert _run(db, "sale-points", "add", "--from", _file(tmp_path, point)) == 0
    new_id = json.loads(capsys.readouterr().out)["id"]
    assert _run(db, "sale-points", "list", "--json") == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["id"] == new_id and row["product_count"] == 1 and row["opening_date"] == "2024-05-19"
    bad = {**point, "closing_date": "01/01/2024"}
    assert _run(db, "sale-points", "add", "--from", _file(tmp_path, bad, "bad.json")) == 2
    assert "Ngày đóng cửa: 01/01/2024 trước ngày khai trương 19/05/2024." in capsys.readouterr().err
    with Database.open(db.path) as again, again.read_session() as s:
        assert s.scalar(select(func.count()).select_from(SalePoint)) == 1  # the refused file wrote nothing
