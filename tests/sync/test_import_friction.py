"""Small frictions of real USB handling: bytes appended after a bundle's archive, the
office's own outgoing bundles in the folder being imported, and file names that stay
readable (cut between words) and valid on FAT32/Windows sticks."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from ocop_desktop.i18n import _
from ocop_desktop.sync import container, exporter, importer
from tests.sync.sync_samples import COMMUNES, add_producer, introduce, make_office

FIELD = "Trung tâm Dịch vụ nông nghiệp huyện Trùng Khánh tỉnh Cao Bằng"
PROVINCE = "Văn phòng Điều phối Chương trình nông thôn mới tỉnh Cao Bằng"
# Characters a FAT32 or Windows file name can always hold (and no space, for the command line).
SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*$")


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    f = make_office(tmp_path / "field.sqlite", FIELD, "field", COMMUNES)
    p = make_office(tmp_path / "province.sqlite", PROVINCE, "province", [])
    introduce(f, p)
    yield f, p
    f.close()
    p.close()


def test_bytes_after_the_archive_are_imported_with_a_warning(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    add_producer(f, "HTX Miến dong Phia Đén")
    path = exporter.export_bundle(f, tmp_path, p.office_id).path
    with path.open("ab") as fh:
        fh.write(b"\0" * 1000 + b"copied by a tool that pads files")

    with container.BundleReader(path) as r:
        assert r.trailing_bytes == 1032
    report = importer.import_bundle(p, path)
    assert report.totals["new"] == 1  # the signed content is intact and imported
    warning = [w for w in report.warnings if "1.032" in w or "1,032" in w]
    assert len(warning) == 1, report.warnings
    saved = json.loads(report.report_path.read_text(encoding="utf-8"))
    assert warning[0] in saved["warnings"]


def test_a_clean_bundle_has_no_trailing_warning(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    add_producer(f, "HTX Miến dong Phia Đén")
    path = exporter.export_bundle(f, tmp_path, p.office_id).path
    with container.BundleReader(path) as r:
        assert r.trailing_bytes == 0
    report = importer.import_bundle(p, path)
    assert not any(_("extra") in w or "byte" in w for w in report.warnings)


def test_own_outgoing_bundle_is_refused_as_own_not_as_misaddressed(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    add_producer(f, "HTX Miến dong Phia Đén")
    own = exporter.export_bundle(f, tmp_path, p.office_id).path
    with pytest.raises(container.BundleError) as e:
        importer.verify_bundle(f, own)
    assert e.value.code == "own_bundle"


def test_bundle_file_names_are_cut_between_words_and_valid_on_fat32(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    name = exporter.export_bundle(f, tmp_path, p.office_id).path.name
    assert name.endswith(".ocopbundle") and SAFE.match(name), name
    sender, recipient = name.removeprefix("OCOP-").split("-to-")
    recipient = recipient.rsplit("-", 2)[0]
    field_words = "trung-tam-dich-vu-nong-nghiep-huyen-trung-khanh-tinh-cao-bang"
    province_words = "van-phong-dieu-phoi-chuong-trinh-nong-thon-moi-tinh-cao-bang"
    for part, whole in ((sender, field_words), (recipient, province_words)):
        assert whole.startswith(part + "-"), part  # whole words only, the name was long enough to be cut
        assert len(part) <= exporter.NAME_PART
    assert sender == "trung-tam-dich-vu-nong-nghiep-huyen"


@pytest.mark.parametrize(("office", "expected"), [
    ("Trạm Dịch vụ nông nghiệp Trùng Khánh", "tram-dich-vu-nong-nghiep-trung-khanh"),
    ("Sở NN&MT: Cao Bằng / Hà Quảng?", "so-nn-mt-cao-bang-ha-quang"),
    ("Ủy ban nhân dân xã Đàm Thủy, huyện Trùng Khánh", "uy-ban-nhan-dan-xa-dam-thuy-huyen-trung"),
    ("A" * 60, "a" * 40),
    ("海关 ***", "office"),
])
def test_name_part(office: str, expected: str) -> None:
    assert exporter.name_part(office) == expected
    name = exporter.bundle_file_name(office, office, 7, dt.datetime(2026, 12, 2))
    assert SAFE.match(name) and len(name) <= 120


def test_bundle_verify_passes_and_reports_trailing_bytes(offices, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from ocop_desktop import cli

    f, p = offices
    add_producer(f, "HTX Miến dong Phia Đén")
    path = exporter.export_bundle(f, tmp_path, p.office_id).path
    with path.open("ab") as fh:
        fh.write(b"x" * 7)
    p.close()  # the command opens the database itself
    assert cli.main(["--db", str(tmp_path / "province.sqlite"), "bundle", "verify", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["trailing_bytes"] == 7
    assert "7" in err and "⚠" in err


def test_cli_folder_import_leaves_own_bundles_aside(offices, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from ocop_desktop import cli

    f, p = offices
    stick = tmp_path / "USB"
    stick.mkdir()
    add_producer(f, "HTX Miến dong Phia Đén")
    incoming = exporter.export_bundle(f, stick, p.office_id).path
    add_producer(p, "HTX Chè Trùng Khánh", commune=1489)
    outgoing = exporter.export_bundle(p, stick, f.office_id).path
    p.close()
    assert cli.main(["--db", str(tmp_path / "province.sqlite"), "bundle", "import", str(stick), "--json"]) == 0
    out, err = capsys.readouterr()
    results = {Path(r["file"]).name: r for r in json.loads(out)}
    assert results[incoming.name]["ok"] and results[incoming.name]["totals"]["new"] == 1
    assert results[outgoing.name] == {"file": str(outgoing), "ok": True, "skipped": "own_bundle"}
    assert err == ""
    # Named explicitly, it is still refused with the reason.
    assert cli.main(["--db", str(tmp_path / "province.sqlite"), "bundle", "import", str(outgoing)]) == 2
    assert "chính đơn vị này" in capsys.readouterr().err
