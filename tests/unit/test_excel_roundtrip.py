"""Round trip (issue 12 item 4): export → edit in Excel → import = updates of the same records;
a field changed in the app since the export is a conflict, not overwritten; undo puts it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ocop_desktop import list_columns
from ocop_desktop.errors import BadInput
from ocop_desktop.excel import import_run
from ocop_desktop.excel.export import export_rows
from ocop_desktop.excel.import_roundtrip import is_export
from ocop_desktop.services import producers, products


def _setup(db) -> tuple[str, str]:  # noqa: ANN001
    with db.session() as s:
        p = producers.create_producer(s, producers.ProducerData(kind="ho_kd", name="Hộ kinh doanh Nông Văn Páo",
                                                                commune_code=1477, rep_name="Nông Văn Páo"))
        q = products.create_product(s, products.ProductData(name="Miến dong", producer_id=p.id, product_set=6))
        return p.id, q.id


def _export(db, kind: str, path: Path) -> Path:  # noqa: ANN001
    with db.read_session() as s:
        if kind == "products":
            rows, cols = products.list_products(s), list_columns.PRODUCTS
        else:
            rows, cols = producers.list_producers(s), list_columns.PRODUCERS
    export_rows(path, kind, cols, rows)
    return path


def _edit(path: Path, header: str, value: str, row: int = 0) -> None:
    wb = load_workbook(path)
    ws = wb["Danh sách"]
    rows = list(ws.iter_rows())
    head = next(i for i, r in enumerate(rows) if r[0].value == "ID (không sửa)")
    col = next(c.column for c in rows[head] if c.value == header)
    ws.cell(row=head + 2 + row, column=col).value = value
    wb.save(path)


def test_export_edit_reimport_updates_then_undo(db, tmp_path) -> None:  # noqa: ANN001
    producer_id, product_id = _setup(db)
    path = _export(db, "products", tmp_path / "sp.xlsx")
    assert is_export(path)
    _edit(path, "Sản phẩm", "Miến dong Phia Đén")
    _edit(path, "Mã sản phẩm", "99-99999-9-2099")  # read-only column: ignored, said so
    plan = import_run.roundtrip_preview(db, path)
    assert plan.kind == "products"
    [row] = plan.rows
    assert row.changes == {"name": ("Miến dong", "Miến dong Phia Đén")}
    assert row.ignored == ["Mã sản phẩm"] and not row.conflicts
    result = import_run.roundtrip_apply(db, plan)
    with db.read_session() as s:
        assert products.get_product(s, product_id).name == "Miến dong Phia Đén"
    counts = import_run.undo(db, result["batch_id"])
    assert counts["updated"] == 1
    with db.read_session() as s:
        assert products.get_product(s, product_id).name == "Miến dong"


def test_a_field_changed_in_the_app_since_the_export_is_a_conflict(db, tmp_path) -> None:  # noqa: ANN001
    producer_id, _product_id = _setup(db)
    path = _export(db, "producers", tmp_path / "ct.xlsx")
    _edit(path, "Người đại diện", "Nông Thị Mai")  # edited in Excel
    _edit(path, "Điện thoại", "0912345678")  # edited in Excel only
    with db.session() as s:  # meanwhile, in the app
        data = producers.get_producer(s, producer_id)
        data.rep_name = "Nông Văn Páo (mới)"
        producers.update_producer(s, producer_id, data)
    plan = import_run.roundtrip_preview(db, path)
    [row] = plan.rows
    assert row.conflicts == {"rep": ("Nông Văn Páo", "Nông Văn Páo (mới)", "Nông Thị Mai")}
    assert row.changes == {"phone": ("", "0912345678")}
    import_run.roundtrip_apply(db, plan)
    with db.read_session() as s:
        data = producers.get_producer(s, producer_id)
    assert data.rep_name == "Nông Văn Páo (mới)"  # not overwritten
    assert data.phone == "0912345678"


def test_bad_value_refuses_the_whole_file(db, tmp_path) -> None:  # noqa: ANN001
    _setup(db)
    path = _export(db, "products", tmp_path / "sp.xlsx")
    _edit(path, "Xã/phường", "Xã Không Có")
    plan = import_run.roundtrip_preview(db, path)
    with pytest.raises(BadInput) as exc:
        import_run.roundtrip_apply(db, plan)
    assert "Dòng" in exc.value.message
