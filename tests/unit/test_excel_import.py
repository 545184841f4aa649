"""Excel import (issue 12): the generated corpus imported with its records and errors asserted,
the error workbook read back, apply in one transaction, undo of a batch, the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ocop_desktop.errors import BadInput
from ocop_desktop.excel import import_run
from ocop_desktop.excel.import_apply import write_error_workbook
from ocop_desktop.models import Evaluation, ImportBatch, Producer, Product

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "excel_corpus"))
import make_corpus  # noqa: E402

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus.build(tmp_path_factory.mktemp("corpus"))


def _preview(db, path: Path, product_set: int | None = 1):  # noqa: ANN001, ANN202
    source = import_run.open_file(path)
    return source, import_run.preview(db, source, product_set=product_set, today=TODAY)


def _summary(plan) -> list[tuple]:  # noqa: ANN001
    return [(r.excel_row, r.status, r.producer.name, r.product.name) for r in plan.rows]


def _count(db, model) -> int:  # noqa: ANN001
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False)))


def test_corpus_has_at_least_15_workbooks(corpus: dict[str, Path]) -> None:
    assert len(corpus) >= 15
    assert {"group_rows.xls", "tcvn3.xls", "two_row_header.ods"} <= set(corpus)


def test_tay_ninh_merged_titles_decision_in_title_and_merged_producer(db, corpus) -> None:  # noqa: ANN001
    source, plan = _preview(db, corpus["tay_ninh.xlsx"])
    assert source.layout.header_rows == [4]
    assert source.mapping == ["stt", "product_name", "producer_name", "address", "stars"]
    assert plan.defaults["decision_ref"] == "123/QĐ-UBND"
    assert plan.defaults["decision_date"] == dt.date(2024, 1, 31)
    # The producer merged over rows 6–8 is on every row; an HTX without a tax code is refused.
    assert [r.producer.name for r in plan.rows[:3]] == ["HTX Nông nghiệp Phia Đén"] * 3
    assert [r.result.stars for r in plan.rows] == [4, 3, 3, 3]  # "04 sao", "3 sao", "3*", "★★★"
    assert [r.status for r in plan.rows] == ["error", "error", "error", "new"]
    assert "mã số thuế" in plan.rows[0].parsed.error_text()
    last = plan.rows[3]
    assert last.producer.kind == "ho_kd" and last.producer.commune_code == 1501
    assert last.producer.address_detail == "Bản Giốc"


def test_two_row_header_numbering_row_and_lost_zero(db, corpus) -> None:  # noqa: ANN001
    source, plan = _preview(db, corpus["two_row_header.xlsx"])
    assert source.layout.header_rows == [2, 3]
    assert source.layout.labels[2:5] == ["Chủ thể / Tên", "Chủ thể / Địa chỉ", "Chủ thể / Mã số thuế"]
    assert source.mapping[2:8] == ["producer_name", "address", "identifier", "stars", "decision", "decision_date"]
    assert [r.status for r in plan.rows] == ["new", "new"]
    first, second = plan.rows
    assert first.producer.identifier == "0123456787"  # the zero restored from the format "0000000000"
    assert first.producer.kind == "tnhh" and second.producer.kind == "htx"
    assert first.result.decision_date == dt.date(2024, 11, 22)  # a date cell
    assert second.result.decision_date == dt.date(2024, 3, 5)  # text "05/03/2024": 5 March, day first


def test_ods_two_row_header_without_merge_data(db, corpus) -> None:  # noqa: ANN001
    source, plan = _preview(db, corpus["two_row_header.ods"])
    assert source.raw.file_kind == "ods"
    assert source.mapping[2:5] == ["producer_name", "address", "identifier"]
    assert [r.status for r in plan.rows] == ["new", "new"]


@pytest.mark.parametrize("name", ["group_rows.xlsx", "group_rows.xls"])
def test_group_rows_total_and_signature_skipped(db, corpus, name) -> None:  # noqa: ANN001
    source, plan = _preview(db, corpus[name])
    assert source.raw.file_kind == name.rsplit(".", 1)[1]
    assert _summary(plan) == [
        (3, "new", "Hộ kinh doanh Lương Văn Sơn", "Hạt dẻ rang"),
        (4, "new", "Hộ kinh doanh Lương Văn Sơn", "Lạp sườn hun khói"),
        (6, "new", "Cơ sở Hoàng Thị Lan", "Rượu ngô men lá"),
    ]
    assert [r.parsed.group for r in plan.rows] == ["Xã Trùng Khánh", "Xã Trùng Khánh", "Xã Đàm Thuỷ"]
    assert plan.rows[0].product.product_set == 8 and plan.rows[2].product.product_set == 12
    assert plan.counts()["producers_new"] == 2


def test_fill_down_inside_groups(db, corpus) -> None:  # noqa: ANN001
    _source, plan = _preview(db, corpus["fill_down.xlsx"])
    assert [r.producer.name for r in plan.rows] == ["HTX Dịch vụ Đình Phong"] * 3 + ["Tổ hợp tác Chè Đoài Dương"]
    assert [r.parsed.filled_down for r in plan.rows] == [False, True, True, False]
    assert plan.rows[3].producer.kind == "tht" and plan.rows[3].status == "new"


def test_text_dates_day_first_serials_and_an_impossible_date(db, corpus) -> None:  # noqa: ANN001
    _source, plan = _preview(db, corpus["text_dates.xlsx"])
    dates = [r.result.decision_date if r.result else None for r in plan.rows]
    assert dates == [dt.date(2024, 3, 5), dt.date(2024, 12, 1), dt.date(2024, 1, 9), None]
    bad = plan.rows[3]
    assert bad.status == "error" and bad.errors[0][0] == "Ngày quyết định"
    assert "31/02/2024" in bad.errors[0][1]


def test_lost_zeros_tax_codes_and_phones(db, corpus) -> None:  # noqa: ANN001
    _source, plan = _preview(db, corpus["lost_zeros.xlsx"])
    assert [r.producer.identifier for r in plan.rows] == ["0012345672", "0102030405"]
    assert [r.producer.phone for r in plan.rows] == ["0912345678", "0987654321"]
    assert [r.status for r in plan.rows] == ["new", "new"]


@pytest.mark.parametrize("name,encoding", [("tcvn3.xlsx", "tcvn3"), ("vni.xlsx", "vni"), ("tcvn3.xls", "tcvn3")])
def test_legacy_encodings_converted_before_import(db, corpus, name, encoding) -> None:  # noqa: ANN001
    source, plan = _preview(db, corpus[name])
    assert set(source.conversions.values()) == {encoding}
    assert source.layout.labels[:3] == ["STT", "Tên sản phẩm", "Tên chủ thể"]
    assert source.mapping[6:8] == ["decision", "decision_date"]
    assert [r.product.name for r in plan.rows] == ["Miến dong Phia Đén", "Chè đắng Đoài Dương"]
    assert plan.rows[1].producer.name == "Hộ kinh doanh Hoàng Thị Thường"
    assert plan.rows[1].result.decision_ref == "77/QĐ-UBND"
    assert plan.rows[1].result.rubric_id == "qd-1048-2019"  # 2022: the decision of that time
    assert plan.rows[1].status == "new" and plan.rows[0].status == "error"  # an HTX needs its tax code


def test_html_saved_as_xls(db, corpus) -> None:  # noqa: ANN001
    source, plan = _preview(db, corpus["html_as.xls"])
    assert source.raw.file_kind == "html"
    assert [r.producer.name for r in plan.rows] == ["Cơ sở Bánh Trùng Khánh"] * 2  # rowspan filled
    assert plan.rows[1].result.decision_ref == "88/QĐ-UBND"
    assert plan.rows[1].result.decision_date == dt.date(2023, 12, 20)  # "… ngày 20/12/2023" in one cell


@pytest.mark.parametrize("name,encoding", [("utf8_bom.csv", "utf-8-sig"), ("cp1258.csv", "cp1258")])
def test_csv_encodings(db, corpus, name, encoding) -> None:  # noqa: ANN001
    source, plan = _preview(db, corpus[name])
    assert source.raw.encoding == encoding
    assert [r.product.name for r in plan.rows] == ["Tương ớt Đàm Thuỷ", "Dưa chuột muối"]
    assert plan.rows[0].producer.commune_code == 1501
    assert plan.counts() | {} == {"rows": 2, "new": 2, "match": 0, "error": 0, "producers_new": 1, "results": 0}


def test_formulas_use_cached_values(db, corpus) -> None:  # noqa: ANN001
    _source, plan = _preview(db, corpus["formulas.xlsx"])
    assert plan.rows[0].producer.commune_code == 1477 and plan.rows[0].product.product_set == 8


def test_each_error_names_its_column_and_reason(db, corpus, tmp_path) -> None:  # noqa: ANN001
    _source, plan = _preview(db, corpus["with_errors.xlsx"])
    errors = {r.excel_row: r.errors for r in plan.rows if r.errors}
    assert errors[3] == [("Tên sản phẩm", "sản phẩm trùng với dòng 2")]
    assert errors[4][0][0] == "Xã" and "Hà Nội" in errors[4][0][1]
    assert errors[5][0][0] == "Xếp hạng" and "năm sao" in errors[5][0][1]
    assert errors[6][0][0] == "Mã số thuế"
    assert errors[7][0][0] == "Tên sản phẩm"
    assert errors[8] == [("Xếp hạng", "sản phẩm đã xếp hạng cần năm hoặc ngày quyết định")]
    assert plan.rows[0].status == "new"
    with pytest.raises(BadInput):
        import_run.apply(db, plan)
    assert _count(db, Product) == 0  # nothing written
    out = tmp_path / "loi.xlsx"
    assert write_error_workbook(plan, out) == 6
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    rows = list(ws.values)
    assert rows[0][-2:] == ("Lỗi", "Dòng trong tệp")
    assert rows[1][1] == "Gạo nếp cái hoa vàng" and "dòng 2" in rows[1][-2] and rows[1][-1] == 3


@pytest.mark.parametrize("name,words", [
    ("no_header.xlsx", "tiêu đề"), ("empty.xlsx", "trống"), ("corrupt.xlsx", "hỏng"),
    ("encrypted.xlsx", "mật khẩu")])
def test_bad_files_get_a_clear_message(corpus, name, words) -> None:  # noqa: ANN001
    with pytest.raises(BadInput) as exc:
        import_run.open_file(corpus[name])
    assert words in exc.value.full_message().lower()


def test_apply_one_transaction_then_undo_the_batch(db, corpus) -> None:  # noqa: ANN001
    _source, plan = _preview(db, corpus["group_rows.xlsx"])
    result = import_run.apply(db, plan, today=TODAY)
    assert result["counts"]["created"] == {"producer": 2, "product": 3, "evaluation": 2}
    with db.read_session() as s:
        products = {p.name: p for p in s.scalars(select(Product))}
        assert products["Hạt dẻ rang"].stars == 3  # the historical result ranks it
        assert products["Hạt dẻ rang"].status == "het_han"  # 10/10/2023 + 36 months is past
        assert products["Hạt dẻ rang"].code == "04-01477-1-2023"
        assert products["Rượu ngô men lá"].stars is None
        ev = s.scalars(select(Evaluation)).first()
        assert ev.kind == "legacy" and ev.decision_ref == "12/QĐ-UBND" and ev.rubric_id == "qd-148-2023"
        assert s.get(ImportBatch, result["batch_id"]).file_name == "group_rows.xlsx"
    # The same file again: every row matches what is there, nothing new.
    _source, again = _preview(db, corpus["group_rows.xlsx"])
    assert [r.status for r in again.rows] == ["match"] * 3
    assert all(r.result is None for r in again.rows)  # the historical results are already there
    counts = import_run.undo(db, result["batch_id"])
    assert counts == {"producer": 2, "product": 3, "evaluation": 2}
    assert _count(db, Product) == 0 and _count(db, Producer) == 0 and _count(db, Evaluation) == 0
    with pytest.raises(BadInput):
        import_run.undo(db, result["batch_id"])


def test_undo_refused_after_an_edit(db, corpus) -> None:  # noqa: ANN001
    from ocop_desktop.services import products as product_service

    _source, plan = _preview(db, corpus["utf8_bom.csv"], product_set=None)
    result = import_run.apply(db, plan, today=TODAY)
    with db.session() as s:
        p = s.scalars(select(Product)).first()
        data = product_service.get_product(s, p.id)
        data.description = "Sửa sau khi nhập"
        product_service.update_product(s, p.id, data)
    with pytest.raises(BadInput) as exc:
        import_run.undo(db, result["batch_id"])
    assert "sửa" in exc.value.full_message().lower()
    assert _count(db, Product) == 2


def test_mapping_remembered_for_the_same_headers(db, corpus) -> None:  # noqa: ANN001
    source = import_run.open_file(corpus["utf8_bom.csv"])
    import_run.set_mapping(source, {"Xã": "address"})
    plan = import_run.preview(db, source, today=TODAY)
    import_run.apply(db, plan, today=TODAY)
    again = import_run.open_file(corpus["cp1258.csv"])  # same headers, another encoding
    assert again.remembered and again.mapping[3] == "address"


def test_cli_dry_run_json_and_refusal(db, db_path, corpus, tmp_path) -> None:  # noqa: ANN001
    db.close()
    cmd = [sys.executable, "-m", "ocop_desktop", "import", "excel"]
    env = {"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "PATH": "/usr/bin:/bin",
           "OCOP_DATA_DIR": str(tmp_path / "data")}
    ok = subprocess.run([*cmd, str(corpus["group_rows.xlsx"]), "--dry-run", "--json", "--db", str(db_path)],
                        capture_output=True, text=True, env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    report = json.loads(ok.stdout)
    assert report["dry_run"] and report["counts"]["new"] == 3
    bad = subprocess.run([*cmd, str(corpus["with_errors.xlsx"]), "--db", str(db_path), "--errors",
                          str(tmp_path / "e.xlsx")], capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2
    assert "Dòng 3" in bad.stderr and (tmp_path / "e.xlsx").exists()
    done = subprocess.run([*cmd, str(corpus["group_rows.xls"]), "--db", str(db_path), "--json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["created"]["product"] == 3


def test_hostile_csv_and_html_are_refused_cleanly(tmp_path) -> None:  # noqa: ANN001
    huge = tmp_path / "huge_cell.csv"
    huge.write_text("STT,Tên sản phẩm\n1,\"" + "x" * 200_000 + "\"\n", encoding="utf-8")
    with pytest.raises(BadInput):
        import_run.open_file(huge)
    page = tmp_path / "page.xls"
    page.write_text("<html><body><p>Không có bảng</p></body></html>", encoding="utf-8")
    with pytest.raises(BadInput) as exc:
        import_run.open_file(page)
    assert "bảng" in exc.value.message


def test_cli_mapping_file_and_undo(db, db_path, corpus, tmp_path) -> None:  # noqa: ANN001
    db.close()
    env = {"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "PATH": "/usr/bin:/bin",
           "OCOP_DATA_DIR": str(tmp_path / "data")}
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Bộ sản phẩm": "ignore"}), encoding="utf-8")
    run = [sys.executable, "-m", "ocop_desktop", "import"]
    no_set = subprocess.run([*run, "excel", str(corpus["utf8_bom.csv"]), "--mapping", str(mapping), "--db",
                             str(db_path)], capture_output=True, text=True, env=env, timeout=120)
    assert no_set.returncode == 2 and "bộ sản phẩm" in no_set.stderr.lower()  # the set column is ignored now
    ok = subprocess.run([*run, "excel", str(corpus["utf8_bom.csv"]), "--mapping", str(mapping), "--product-set",
                         "8", "--json", "--db", str(db_path)], capture_output=True, text=True, env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    batch = json.loads(ok.stdout)["batch_id"]
    listed = subprocess.run([*run, "list", "--db", str(db_path)], capture_output=True, text=True, env=env,
                            timeout=120)
    assert batch in listed.stdout
    undone = subprocess.run([*run, "undo", batch, "--db", str(db_path)], capture_output=True, text=True, env=env,
                            timeout=120)
    assert undone.returncode == 0 and "2 sản phẩm" in undone.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    refused = subprocess.run([*run, "excel", str(corpus["utf8_bom.csv"]), "--mapping", str(bad), "--db",
                              str(db_path)], capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 2 and "JSON" in refused.stderr


def test_a_provincial_office_matches_every_commune_of_its_province(province_db, corpus) -> None:  # noqa: ANN001
    from ocop_desktop.excel.import_places import CommuneMatcher
    from ocop_desktop.services import office

    with province_db.read_session() as s:
        info = office.local_office(s)
    matcher = CommuneMatcher.for_office(dataclasses.replace(info, commune_codes=()))
    assert matcher.match_address("Xóm Nà Ròa, xã Tam Kim, tỉnh Cao Bằng")[0] is not None
    assert matcher.match_name("Xã Trùng Khánh") == 1477


def test_a_group_row_naming_a_commune_gives_the_rows_under_it_their_commune(db, tmp_path) -> None:  # noqa: ANN001
    import xlsxwriter

    path = tmp_path / "nhom_xa.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ"])
    ws.write_row(1, 0, ["I", "Xã Đình Phong"])
    ws.write_row(2, 0, [1, "Mận hậu", "Hộ Hà Văn Sinh", "Xóm Pác Rằng"])
    ws.write_row(3, 0, ["II", "Xã Đoài Dương"])
    ws.write_row(4, 0, [1, "Chè xanh", "Hộ Bế Thị Hoa", ""])
    wb.close()
    _source, plan = _preview(db, path)
    assert [r.producer.commune_code for r in plan.rows] == [1489, 1525]
    assert plan.rows[0].producer.address_detail == "Xóm Pác Rằng"
    assert [r.status for r in plan.rows] == ["new", "new"]
